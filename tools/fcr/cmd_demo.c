/* SPDX-License-Identifier: MIT */
/*
 * fcr demo: plays the practice's reference call through the live API. The
 * caller wants to reschedule a follow-up visit and check on a referral. At
 * each new step the demo prints the step's guidance, then every event it
 * records. One event comes too early on purpose, so that a guard rejects it.
 * The recap it reads back comes from fcr_recap_write(), and the call ends
 * with its note and scorecard. Every time is fixed, so the output is the
 * same on every run.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "input.h"

#define DEMO_DATE "2026-11-10"

/* The call being played. After the first failure every step below does
 * nothing, so the script reads as a plain list of events. */
typedef struct demo {
    fcr_call *call;
    fcr_event *event;      /* the event being built */
    fcr_step shown_step;   /* step whose guidance was printed last */
    fcr_status status;
    char failure[1024];    /* what failed, with the library's message */
} demo;

static void fail(demo *d, fcr_status status, const char *operation)
{
    d->status = status;
    snprintf(d->failure, sizeof d->failure, "%s failed: %s", operation,
             fcr_last_error()[0] != '\0' ? fcr_last_error() : fcr_strerror(status));
}

/* Parses "HH:MM:SS" on the demo's date, in UTC. */
static fcr_time at_clock(demo *d, const char *clock)
{
    char text[FCR_TIME_TEXT_SIZE];
    fcr_time time = 0;
    snprintf(text, sizeof text, DEMO_DATE "T%sZ", clock);
    fcr_status status = fcr_time_parse(&time, text);
    if (status != FCR_OK)
        fail(d, status, "fcr_time_parse");
    return time;
}

static void show_guidance(demo *d)
{
    fcr_guidance *guidance = NULL;
    fcr_status status = fcr_guidance_new(&guidance, d->call);
    if (status != FCR_OK) {
        fail(d, status, "fcr_guidance_new");
        return;
    }

    fcr_step step = fcr_guidance_step(guidance);
    printf("\n== Step: %s\n", fcr_step_title(step));
    printf("Prompt: %s\n", fcr_guidance_prompt(guidance));
    size_t phrases = fcr_guidance_phrase_count(guidance);
    if (phrases > 0)
        puts("Phrases:");
    for (size_t i = 0; i < phrases; i++)
        printf("  \"%s\"\n", fcr_guidance_phrase(guidance, i));

    size_t missing = fcr_guidance_missing_count(guidance);
    if (missing == 0 && step != FCR_STEP_CLOSED)
        printf("Missing: nothing; the call can move on to %s\n",
               fcr_step_title(fcr_guidance_next_step(guidance)));
    else if (missing > 0)
        puts("Missing:");
    for (size_t i = 0; i < missing; i++)
        printf("  - %s\n", fcr_guidance_missing_message(guidance, i));

    d->shown_step = step;
    fcr_guidance_free(guidance);
}

static void begin(demo *d, fcr_event_type type, const char *clock, const char *concern)
{
    if (d->status != FCR_OK)
        return;
    fcr_time at = at_clock(d, clock);
    if (d->status != FCR_OK)
        return;
    fcr_status status = fcr_event_new(&d->event, type, at);
    if (status == FCR_OK && concern != NULL)
        status = fcr_event_set_concern(d->event, concern);
    if (status != FCR_OK)
        fail(d, status, "building an event");
}

static void set_text(demo *d, const char *field, const char *value)
{
    if (d->status != FCR_OK)
        return;
    fcr_status status = fcr_event_set_string(d->event, field, value);
    if (status != FCR_OK)
        fail(d, status, "fcr_event_set_string");
}

static void set_flag(demo *d, const char *field, int value)
{
    if (d->status != FCR_OK)
        return;
    fcr_status status = fcr_event_set_bool(d->event, field, value);
    if (status != FCR_OK)
        fail(d, status, "fcr_event_set_bool");
}

static void add_item(demo *d, const char *field, const char *value)
{
    if (d->status != FCR_OK)
        return;
    fcr_status status = fcr_event_add_string(d->event, field, value);
    if (status != FCR_OK)
        fail(d, status, "fcr_event_add_string");
}

/* Prints "  14:02:20  VERB TYPE (CONCERN)" for the event being built. */
static void print_event_line(const demo *d, const char *verb)
{
    char text[FCR_TIME_TEXT_SIZE] = "";
    fcr_time_format(text, sizeof text, fcr_event_get_time(d->event));
    const char *clock = strchr(text, 'T') != NULL ? strchr(text, 'T') + 1 : text;
    const char *concern = fcr_event_get_concern(d->event);

    printf("  %.8s  %s %s", clock, verb, fcr_event_type_name(fcr_event_get_type(d->event)));
    if (concern != NULL)
        printf(" (%s)", concern);
}

/* Records the event being built, which the workflow must accept, and shows
 * the guidance when the call has moved to a new step. */
static void record(demo *d)
{
    if (d->status != FCR_OK)
        return;
    fcr_status status = fcr_call_append(d->call, d->event);
    if (status == FCR_OK) {
        print_event_line(d, "recorded");
        fputc('\n', stdout);
    } else {
        fail(d, status, "fcr_call_append");
    }
    fcr_event_free(d->event);
    d->event = NULL;

    if (d->status == FCR_OK && fcr_call_step(d->call) != d->shown_step)
        show_guidance(d);
}

/* Records the event being built, which a workflow guard must reject. */
static void record_rejected(demo *d)
{
    if (d->status != FCR_OK)
        return;
    fcr_status status = fcr_call_append(d->call, d->event);
    if (status == FCR_EWORKFLOW) {
        /* Copied first, because the next libfcr call may reuse the message. */
        char message[1024];
        snprintf(message, sizeof message, "%s", fcr_last_error());
        print_event_line(d, "rejected");
        printf(", sent too early on purpose:\n            %s\n", message);
    } else if (status == FCR_OK) {
        d->status = FCR_EWORKFLOW;
        snprintf(d->failure, sizeof d->failure,
                 "the workflow accepted an event that its guards should reject");
    } else {
        fail(d, status, "fcr_call_append");
    }
    fcr_event_free(d->event);
    d->event = NULL;
}

static void clarify(demo *d)
{
    begin(d, FCR_EVENT_OPEN_QUESTION_ASKED, "14:02:05", NULL);
    set_text(d, "text", "How can I help you today?");
    record(d);

    begin(d, FCR_EVENT_CONCERN_STATED, "14:02:20", "c1");
    set_text(d, "category", "scheduling");
    set_text(d, "request", "I need to move my follow-up visit next week");
    record(d);

    begin(d, FCR_EVENT_CONCERN_STATED, "14:02:40", "c2");
    set_text(d, "category", "referral");
    set_text(d, "request", "Has the cardiology referral gone through?");
    record(d);

    /* Too early on purpose: neither concern is restated yet. */
    begin(d, FCR_EVENT_AUTHORITY_CHECKED, "14:02:50", "c1");
    set_flag(d, "tools_available", 1);
    record_rejected(d);

    begin(d, FCR_EVENT_CONCERN_RESTATED, "14:03:00", "c1");
    set_flag(d, "confirmed", 1);
    set_text(d, "text", "So you are calling to reschedule your follow-up and check on a "
                        "referral, is that correct?");
    record(d);

    begin(d, FCR_EVENT_CONCERN_RESTATED, "14:03:00", "c2");
    set_flag(d, "confirmed", 1);
    record(d);

    begin(d, FCR_EVENT_IDENTITY_VERIFIED, "14:03:30", NULL);
    add_item(d, "identifiers", "name");
    add_item(d, "identifiers", "date_of_birth");
    record(d);
}

static void check_and_act(demo *d)
{
    begin(d, FCR_EVENT_AUTHORITY_CHECKED, "14:03:45", "c1");
    set_flag(d, "tools_available", 1);
    record(d);

    begin(d, FCR_EVENT_AUTHORITY_CHECKED, "14:03:50", "c2");
    set_flag(d, "tools_available", 1);
    record(d);

    begin(d, FCR_EVENT_RESOLVED, "14:05:00", "c1");
    set_text(d, "action", "Moved the follow-up visit to Tuesday, November 17 at 10:00 AM");
    set_text(d, "next_step", "Come to the visit on Tuesday");
    record(d);

    begin(d, FCR_EVENT_MOVED_FORWARD, "14:06:00", "c2");
    set_text(d, "action", "Found the referral waiting for cardiology to accept it");
    set_text(d, "next_step", "The referral coordinator calls with the appointment");
    set_text(d, "owner", "referral coordinator");
    set_text(d, "target", "referral_coordinator");
    record(d);
}

/* Reads back the recap that the library writes from the outcomes, and
 * records it with the recap_given event. */
static void recap_and_close(demo *d)
{
    char *recap = NULL;
    if (d->status == FCR_OK) {
        fcr_status status = fcr_recap_write(&recap, d->call);
        if (status != FCR_OK)
            fail(d, status, "fcr_recap_write");
        else
            printf("Recap to read back: %s\n", recap);
    }
    begin(d, FCR_EVENT_RECAP_GIVEN, "14:06:30", NULL);
    if (recap != NULL)
        set_text(d, "text", recap);
    record(d);
    fcr_free(recap);

    begin(d, FCR_EVENT_ANYTHING_ELSE_ASKED, "14:06:45", NULL);
    set_text(d, "answer", "no");
    set_text(d, "text", "Did we cover everything for today?");
    record(d);

    begin(d, FCR_EVENT_CALL_ENDED, "14:07:00", NULL);
    record(d);

    begin(d, FCR_EVENT_DOCUMENTED, "14:09:00", NULL);
    record(d);
}

static void print_note_and_scorecard(demo *d)
{
    if (d->status != FCR_OK)
        return;

    char *note = NULL;
    fcr_status status = fcr_note_write(&note, d->call, FCR_NOTE_TEXT, FCR_PROFILE_CHART);
    if (status != FCR_OK) {
        fail(d, status, "fcr_note_write");
        return;
    }
    printf("\n== Note for the chart (text format, chart profile)\n%s", note);
    fcr_free(note);

    fcr_scorecard *scorecard = NULL;
    char *text = NULL;
    status = fcr_scorecard_new(&scorecard, d->call);
    if (status == FCR_OK)
        status = fcr_scorecard_write(&text, scorecard, FCR_SCORECARD_TEXT, FCR_PROFILE_CHART);
    fcr_scorecard_free(scorecard);
    if (status != FCR_OK) {
        fail(d, status, "writing the scorecard");
        return;
    }
    printf("\n== Scorecard (text format)\n%s", text);
    fcr_free(text);
}

static int run_demo(const cli_options *options)
{
    (void)options;
    demo d = {NULL, NULL, FCR_STEP_CLOSED, FCR_OK, ""};
    fcr_policy *policy = NULL;

    fcr_status status = fcr_policy_new(&policy);
    fcr_time started_at = at_clock(&d, "14:02:00");
    if (status == FCR_OK && d.status == FCR_OK)
        status = fcr_call_new(&d.call, policy, FCR_MODE_LIVE, "call-0001", started_at);
    fcr_policy_free(policy); /* the call keeps its own reference */
    if (status == FCR_OK)
        status = fcr_call_set_agent(d.call, "agent-17", "front_desk");
    if (status != FCR_OK)
        fail(&d, status, "setting up the call");

    if (d.status == FCR_OK) {
        printf("Reference call call-0001 on " DEMO_DATE " at 14:02 UTC, taken by agent-17\n"
               "(front desk) in live mode: the caller wants to reschedule a follow-up\n"
               "visit and check on a cardiology referral.\n");
        show_guidance(&d);
    }
    clarify(&d);
    check_and_act(&d);
    recap_and_close(&d);
    print_note_and_scorecard(&d);

    fcr_event_free(d.event);
    fcr_call_free(d.call);
    if (d.status != FCR_OK) {
        fflush(stdout);
        cli_error("demo: %s", d.failure);
        return CLI_EXIT_INVALID;
    }
    return CLI_EXIT_OK;
}

const cli_command cli_command_demo = {
    "demo",
    "Play the practice's reference call through the live workflow",
    "Usage: fcr demo\n"
    "\n"
    "Plays the practice's reference call through libfcr's live API: a patient\n"
    "calls to reschedule a follow-up visit and check on a referral. At each new\n"
    "step it prints the step's title, the prompt, the suggested phrases and what\n"
    "is still missing before the step can be left, then each event recorded with\n"
    "its time (UTC). One event is recorded too early on purpose, to show a\n"
    "workflow guard rejecting it. At the Confirm and recap step it prints the\n"
    "recap the library writes from the outcomes. The call ends with its note\n"
    "(text format, chart profile) and its checklist scorecard.\n"
    "\n"
    "The demo uses the built-in policy and fixed times, so its output is the\n"
    "same on every run.\n"
    "\n"
    "Options:\n"
    "  -h, --help  Print this help and exit.\n"
    "\n"
    "Example:\n"
    "  fcr demo | less\n",
    0,
    NULL,
    FCR_PROFILE_CHART,
    run_demo,
};
