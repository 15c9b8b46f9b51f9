/* SPDX-License-Identifier: MIT */
/*
 * Live-use benchmark: the cost of recording one event of a call in progress
 * and asking what the agent should do next, as an agent-desktop plugin does
 * while the caller waits.
 *
 *   bench_live [--calls N] [--repeats R]
 *       Times N live calls of 20 events, R times, in process CPU time. For
 *       each measurement it prints one JSON object: the median and the
 *       minimum over the R repeats, and the median of its ratio to the
 *       floor below.
 *   bench_live --instructions [--calls N]
 *       Records N calls once, with every append and guidance snapshot in
 *       record_event(), for `valgrind --tool=callgrind
 *       --toggle-collect=record_event`, which then counts only that function.
 *
 * The 20 events are a front-desk call with three concerns: a scheduling
 * request resolved, a clinical question escalated to nurse triage (its due
 * time is computed from the office hours), and a records request raised
 * after "anything else?". Every event passes the live guards.
 *
 * The floor row copies each event's fields into a growing log with malloc()
 * and memcpy(), the least any event log does, as a yardstick for the cost of
 * the workflow logic.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fcr/fcr.h>

#define EVENTS 20

typedef struct event_spec {
    fcr_event_type type;
    int seconds; /* after the start of the call */
    const char *concern;
    const char *fields[8]; /* name, value pairs; NULL ends them */
} event_spec;

/* Field values: "true"/"false" become booleans, "list:" lists, the rest text. */
static const event_spec call_script[EVENTS] = {
    {FCR_EVENT_OPEN_QUESTION_ASKED, 5, NULL, {"text", "How can I help you today?"}},
    {FCR_EVENT_CONCERN_STATED, 30, "c1",
     {"category", "scheduling", "request", "I need to reschedule my follow-up with Dr. Patel"}},
    {FCR_EVENT_CONCERN_STATED, 50, "c2",
     {"category", "clinical_question", "request",
      "Can I take ibuprofen with my new blood pressure pill?"}},
    {FCR_EVENT_CONCERN_RESTATED, 70, "c1",
     {"confirmed", "true", "text",
      "So you want to move your follow-up and ask about ibuprofen, is that correct?"}},
    {FCR_EVENT_CONCERN_RESTATED, 70, "c2", {"confirmed", "true"}},
    {FCR_EVENT_IDENTITY_VERIFIED, 100, NULL, {"identifiers", "list:name,date_of_birth"}},
    {FCR_EVENT_AUTHORITY_CHECKED, 115, "c1", {"tools_available", "true", "decision", "resolve"}},
    {FCR_EVENT_AUTHORITY_CHECKED, 120, "c2", {"in_scope", "false", "decision", "escalate"}},
    {FCR_EVENT_RESOLVED, 200, "c1",
     {"action", "Moved the follow-up to Tuesday at 10:00 AM", "next_step",
      "Attend the visit on Tuesday"}},
    {FCR_EVENT_ESCALATED, 260, "c2",
     {"target", "nurse_triage", "reason", "Our nurse needs to review your chart first", "owner",
      "RN on duty"}},
    {FCR_EVENT_RECAP_GIVEN, 300, NULL, {"text", "You are booked for Tuesday at 10 AM."}},
    {FCR_EVENT_ANYTHING_ELSE_ASKED, 315, NULL, {"answer", "yes"}},
    {FCR_EVENT_CONCERN_STATED, 330, "c3",
     {"category", "records", "request", "I need my immunization records for school"}},
    {FCR_EVENT_CONCERN_RESTATED, 345, "c3", {"confirmed", "true"}},
    {FCR_EVENT_AUTHORITY_CHECKED, 355, "c3", {"tools_available", "true"}},
    {FCR_EVENT_RESOLVED, 420, "c3",
     {"action", "Sent the immunization record to the patient portal", "next_step",
      "Print the record from the portal"}},
    {FCR_EVENT_RECAP_GIVEN, 440, NULL, {NULL}},
    {FCR_EVENT_ANYTHING_ELSE_ASKED, 455, NULL, {"answer", "no"}},
    {FCR_EVENT_CALL_ENDED, 465, NULL, {NULL}},
    {FCR_EVENT_DOCUMENTED, 470, NULL, {"text", "Encounter note saved."}},
};

static const fcr_time call_start = INT64_C(1794319200000); /* 2026-11-10T14:00:00Z, a Tuesday */

static void fail(const char *what, fcr_status status)
{
    fprintf(stderr, "bench_live: %s failed: %s: %s\n", what, fcr_strerror(status),
            fcr_last_error());
    exit(1);
}

static void check(fcr_status status, const char *what)
{
    if (status != FCR_OK)
        fail(what, status);
}

static fcr_event *build_event(const event_spec *spec)
{
    fcr_event *event = NULL;
    check(fcr_event_new(&event, spec->type, call_start + spec->seconds * INT64_C(1000)),
          "fcr_event_new");
    if (spec->concern != NULL)
        check(fcr_event_set_concern(event, spec->concern), "fcr_event_set_concern");
    for (int i = 0; i < 8 && spec->fields[i] != NULL; i += 2) {
        const char *name = spec->fields[i], *value = spec->fields[i + 1];
        if (strcmp(value, "true") == 0 || strcmp(value, "false") == 0) {
            check(fcr_event_set_bool(event, name, value[0] == 't'), "fcr_event_set_bool");
        } else if (strncmp(value, "list:", 5) == 0) {
            char items[128];
            snprintf(items, sizeof items, "%s", value + 5);
            for (char *item = strtok(items, ","); item != NULL; item = strtok(NULL, ","))
                check(fcr_event_add_string(event, name, item), "fcr_event_add_string");
        } else {
            check(fcr_event_set_string(event, name, value), "fcr_event_set_string");
        }
    }
    return event;
}

static fcr_call *new_call(fcr_policy *policy)
{
    fcr_call *call = NULL;
    check(fcr_call_new(&call, policy, FCR_MODE_LIVE, "call-live-0001", call_start), "fcr_call_new");
    check(fcr_call_set_agent(call, "agent-17", "front_desk"), "fcr_call_set_agent");
    check(fcr_call_set_patient_key(call, "p-5f2c9a"), "fcr_call_set_patient_key");
    return call;
}

/* One live step: record the event, then take the guidance snapshot that the
 * agent's screen shows next. Not inlined, so that callgrind can count it. */
__attribute__((noinline)) size_t record_event(fcr_call *call, const fcr_event *event);
__attribute__((noinline)) size_t record_event(fcr_call *call, const fcr_event *event)
{
    fcr_status status = fcr_call_append(call, event);
    if (status != FCR_OK)
        fail("fcr_call_append", status);
    fcr_guidance *guidance = NULL;
    check(fcr_guidance_new(&guidance, call), "fcr_guidance_new");
    size_t missing = fcr_guidance_missing_count(guidance) + (size_t)fcr_guidance_step(guidance);
    fcr_guidance_free(guidance);
    return missing;
}

static double now_ns(void)
{
    struct timespec time;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time);
    return (double)time.tv_sec * 1e9 + (double)time.tv_nsec;
}

static int compare_doubles(const void *left, const void *right)
{
    double a = *(const double *)left, b = *(const double *)right;
    return (a > b) - (a < b);
}

/* The floor: an event log that only copies each event's text fields. */
typedef struct copied_event {
    int type;
    fcr_time at;
    char *texts[4];
} copied_event;

static char *copy_text(const char *text)
{
    size_t length = strlen(text) + 1;
    char *copy = malloc(length);
    if (copy == NULL) {
        fputs("bench_live: out of memory\n", stderr);
        exit(1);
    }
    memcpy(copy, text, length);
    return copy;
}

enum { MODE_ALL, MODE_APPEND, MODE_SETUP, MODE_BUILD, MODE_FLOOR, MODE_COUNT };

static const char *const mode_names[MODE_COUNT] = {
    "append_and_guidance", "append_only", "call_new_and_free", "build_event", "floor_copy",
};

/* Runs `calls` calls in one mode and returns the process CPU time in nanoseconds. */
static double run_mode(int mode, fcr_policy *policy, fcr_event *const *events, size_t calls,
                       size_t *sink)
{
    double start = now_ns();
    for (size_t c = 0; c < calls; c++) {
        if (mode == MODE_BUILD) {
            for (int e = 0; e < EVENTS; e++) {
                fcr_event *event = build_event(&call_script[e]);
                *sink += (size_t)fcr_event_get_type(event);
                fcr_event_free(event);
            }
            continue;
        }
        if (mode == MODE_FLOOR) {
            copied_event *log = NULL;
            size_t capacity = 0;
            for (int e = 0; e < EVENTS; e++) {
                if ((size_t)e == capacity) {
                    capacity = capacity == 0 ? 8 : capacity * 2;
                    copied_event *grown = realloc(log, capacity * sizeof *log);
                    if (grown == NULL)
                        exit(1);
                    log = grown;
                }
                const event_spec *spec = &call_script[e];
                copied_event *copy = &log[e];
                copy->type = (int)spec->type;
                copy->at = call_start + spec->seconds * INT64_C(1000);
                bool more = true;
                for (int f = 0; f < 4; f++) {
                    more = more && spec->fields[2 * f] != NULL;
                    copy->texts[f] = more ? copy_text(spec->fields[2 * f + 1]) : NULL;
                }
            }
            for (int e = 0; e < EVENTS; e++) {
                *sink += (size_t)log[e].type;
                for (int f = 0; f < 4; f++)
                    free(log[e].texts[f]);
            }
            free(log);
            continue;
        }

        fcr_call *call = new_call(policy);
        if (mode == MODE_ALL) {
            for (int e = 0; e < EVENTS; e++)
                *sink += record_event(call, events[e]);
        } else if (mode == MODE_APPEND) {
            for (int e = 0; e < EVENTS; e++)
                check(fcr_call_append(call, events[e]), "fcr_call_append");
        }
        *sink += fcr_call_event_count(call);
        fcr_call_free(call);
    }
    return now_ns() - start;
}

int main(int argc, char **argv)
{
    size_t calls = 20000;
    int repeats = 11;
    int instructions = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--calls") == 0 && i + 1 < argc) {
            calls = strtoul(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--repeats") == 0 && i + 1 < argc) {
            repeats = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--instructions") == 0) {
            instructions = 1;
        } else {
            fprintf(stderr, "usage: bench_live [--calls N] [--repeats R] [--instructions]\n");
            return 2;
        }
    }
    if (calls == 0 || repeats < 1 || repeats > 1000) {
        fprintf(stderr, "bench_live: --calls must be at least 1 and --repeats 1 to 1000\n");
        return 2;
    }

    fcr_policy *policy = NULL;
    check(fcr_policy_new(&policy), "fcr_policy_new");
    fcr_event *events[EVENTS];
    for (int e = 0; e < EVENTS; e++)
        events[e] = build_event(&call_script[e]);

    /* The script must be a complete call that every live guard accepts. */
    fcr_call *call = new_call(policy);
    size_t sink = 0;
    for (int e = 0; e < EVENTS; e++)
        sink += record_event(call, events[e]);
    if (fcr_call_step(call) != FCR_STEP_CLOSED) {
        fprintf(stderr, "bench_live: the scripted call ended in step %s, not closed\n",
                fcr_step_name(fcr_call_step(call)));
        return 1;
    }
    fcr_call_free(call);

    if (instructions) {
        /* The check above went through record_event() too. */
        run_mode(MODE_ALL, policy, events, calls, &sink);
        printf("{\"calls\":%zu,\"record_event_calls\":%zu,\"sink\":%zu}\n", calls,
               (calls + 1) * EVENTS, sink);
    } else {
        /* Nanoseconds per event (per call for MODE_SETUP) of each mode in
         * each repeat. The modes take turns within a repeat, and the modes
         * that create calls have the same repeat's setup time taken out. */
        static double per_unit[MODE_COUNT][1000], to_floor[MODE_COUNT][1000];
        for (int r = 0; r < repeats; r++) {
            double elapsed[MODE_COUNT];
            for (int mode = 0; mode < MODE_COUNT; mode++)
                elapsed[mode] = run_mode(mode, policy, events, calls, &sink);
            for (int mode = 0; mode < MODE_COUNT; mode++) {
                double time = elapsed[mode];
                if (mode == MODE_ALL || mode == MODE_APPEND)
                    time -= elapsed[MODE_SETUP];
                per_unit[mode][r] = time / (double)calls / (mode == MODE_SETUP ? 1 : EVENTS);
            }
            for (int mode = 0; mode < MODE_COUNT; mode++)
                to_floor[mode][r] = per_unit[mode][r] / per_unit[MODE_FLOOR][r];
        }

        for (int mode = 0; mode < MODE_COUNT; mode++) {
            qsort(per_unit[mode], (size_t)repeats, sizeof per_unit[mode][0], compare_doubles);
            qsort(to_floor[mode], (size_t)repeats, sizeof to_floor[mode][0], compare_doubles);
            printf("{\"measure\":\"%s\",\"ns_median\":%.1f,\"ns_min\":%.1f,"
                   "\"floor_ratio_median\":%.2f,\"unit\":\"%s\",\"calls\":%zu,\"repeats\":%d}\n",
                   mode_names[mode], per_unit[mode][repeats / 2], per_unit[mode][0],
                   to_floor[mode][repeats / 2], mode == MODE_SETUP ? "call" : "event", calls,
                   repeats);
        }
        fprintf(stderr, "bench_live: checksum %zu\n", sink);
    }

    for (int e = 0; e < EVENTS; e++)
        fcr_event_free(events[e]);
    fcr_policy_free(policy);
    return 0;
}
