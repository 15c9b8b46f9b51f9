/* SPDX-License-Identifier: CC0-1.0 */
/*
 * Walks the reference call through the five steps with the live API: a
 * patient wants to reschedule a follow-up and check on a referral. At each
 * step it prints the step, what is still missing, the prompt and the
 * suggested phrases, then records what the agent did. One event is recorded
 * too early on purpose, to show a guard rejecting it.
 *
 * Build: cc walkthrough.c $(pkg-config --cflags --libs fcr)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcr/fcr.h>

static void die(const char *what)
{
    fprintf(stderr, "walkthrough: %s failed: %s\n", what, fcr_last_error());
    exit(1);
}

static void show_guidance(const fcr_call *call)
{
    fcr_guidance *guidance = NULL;
    if (fcr_guidance_new(&guidance, call) != FCR_OK)
        die("fcr_guidance_new");

    fcr_step step = fcr_guidance_step(guidance);
    printf("\n== Step: %s\n", fcr_step_title(step));
    printf("   Prompt: %s\n", fcr_guidance_prompt(guidance));
    for (size_t i = 0; i < fcr_guidance_phrase_count(guidance); i++)
        printf("   Say: \"%s\"\n", fcr_guidance_phrase(guidance, i));
    if (fcr_guidance_missing_count(guidance) == 0 && step != FCR_STEP_CLOSED)
        printf("   Missing: nothing; ready for %s\n",
               fcr_step_title(fcr_guidance_next_step(guidance)));
    for (size_t i = 0; i < fcr_guidance_missing_count(guidance); i++)
        printf("   Missing: %s\n", fcr_guidance_missing_message(guidance, i));

    fcr_guidance_free(guidance);
}

/* Records one event given as JSON; prints a rejection instead of failing
 * when `may_be_rejected` is set. */
static void record(fcr_call *call, const char *json, int may_be_rejected)
{
    fcr_event *event = NULL;
    if (fcr_event_from_json(&event, json, strlen(json)) != FCR_OK)
        die("fcr_event_from_json");

    fcr_status status = fcr_call_append(call, event);
    const char *type = fcr_event_type_name(fcr_event_get_type(event));
    fcr_event_free(event);

    if (status == FCR_EWORKFLOW && may_be_rejected) {
        printf("   Rejected %s: %s\n", type, fcr_last_error());
        return;
    }
    if (status != FCR_OK)
        die("fcr_call_append");
    printf("   Recorded %s\n", type);
}

int main(void)
{
    fcr_policy *policy = NULL;
    fcr_call *call = NULL;
    fcr_time start;

    if (fcr_policy_new(&policy) != FCR_OK)
        die("fcr_policy_new");
    if (fcr_time_parse(&start, "2026-11-10T14:02:00Z") != FCR_OK)
        die("fcr_time_parse");
    if (fcr_call_new(&call, policy, FCR_MODE_LIVE, "call-0001", start) != FCR_OK)
        die("fcr_call_new");
    fcr_policy_free(policy); /* the call keeps its own reference */
    if (fcr_call_set_agent(call, "agent-17", "front_desk") != FCR_OK)
        die("fcr_call_set_agent");

    show_guidance(call);
    record(call, "{\"type\":\"open_question_asked\",\"at\":\"2026-11-10T14:02:05Z\","
                 "\"text\":\"How can I help you today?\"}", 0);
    record(call, "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:02:20Z\",\"concern\":\"c1\","
                 "\"category\":\"scheduling\",\"request\":\"Reschedule my follow-up visit\"}", 0);
    record(call, "{\"type\":\"concern_stated\",\"at\":\"2026-11-10T14:02:40Z\",\"concern\":\"c2\","
                 "\"category\":\"referral\",\"request\":\"Check on my cardiology referral\"}", 0);
    show_guidance(call);

    /* Too early: the concerns are not restated yet, so the guard rejects it. */
    record(call, "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:02:50Z\","
                 "\"concern\":\"c1\",\"tools_available\":true}", 1);

    record(call, "{\"type\":\"concern_restated\",\"at\":\"2026-11-10T14:03:00Z\",\"concern\":\"c1\","
                 "\"confirmed\":true,\"text\":\"So you are calling to reschedule your follow-up "
                 "and check on a referral, is that correct?\"}", 0);
    record(call, "{\"type\":\"concern_restated\",\"at\":\"2026-11-10T14:03:00Z\",\"concern\":\"c2\","
                 "\"confirmed\":true}", 0);
    record(call, "{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:03:30Z\","
                 "\"identifiers\":[\"name\",\"date_of_birth\"]}", 0);
    record(call, "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:03:45Z\","
                 "\"concern\":\"c1\",\"tools_available\":true}", 0);
    show_guidance(call);
    record(call, "{\"type\":\"authority_checked\",\"at\":\"2026-11-10T14:03:50Z\","
                 "\"concern\":\"c2\",\"tools_available\":true}", 0);
    record(call, "{\"type\":\"resolved\",\"at\":\"2026-11-10T14:05:00Z\",\"concern\":\"c1\","
                 "\"action\":\"Moved the follow-up to Tuesday, November 17 at 10:00 AM\","
                 "\"next_step\":\"Attend the visit on Tuesday\"}", 0);
    show_guidance(call);
    record(call, "{\"type\":\"moved_forward\",\"at\":\"2026-11-10T14:06:00Z\",\"concern\":\"c2\","
                 "\"action\":\"Found the referral waiting for cardiology to accept it\","
                 "\"next_step\":\"Referral coordinator confirms the appointment with the "
                 "patient\",\"owner\":\"referral coordinator\",\"target\":\"referral_coordinator\"}",
           0);
    show_guidance(call);
    record(call, "{\"type\":\"recap_given\",\"at\":\"2026-11-10T14:06:30Z\"}", 0);
    record(call, "{\"type\":\"anything_else_asked\",\"at\":\"2026-11-10T14:06:45Z\","
                 "\"answer\":\"no\",\"text\":\"Did we cover everything for today?\"}", 0);
    record(call, "{\"type\":\"call_ended\",\"at\":\"2026-11-10T14:07:00Z\"}", 0);
    show_guidance(call);
    record(call, "{\"type\":\"documented\",\"at\":\"2026-11-10T14:09:00Z\"}", 0);
    show_guidance(call);

    printf("\nConcerns:\n");
    for (size_t i = 0; i < fcr_call_concern_count(call); i++) {
        const fcr_concern *concern = fcr_call_concern(call, i);
        char due[FCR_TIME_TEXT_SIZE] = "none";
        if (fcr_concern_due_at(concern) != FCR_TIME_NONE)
            fcr_time_format(due, sizeof due, fcr_concern_due_at(concern));
        printf("  %s (%s): %s, due %s%s\n", fcr_concern_id(concern),
               fcr_concern_category(concern), fcr_outcome_name(fcr_concern_outcome(concern)), due,
               fcr_concern_due_computed(concern) ? " (from the policy)" : "");
    }
    printf("Deviations: %zu\n", fcr_call_deviation_count(call));

    fcr_call_free(call);
    return 0;
}
