/* SPDX-License-Identifier: MIT */
/* libfcr from several threads at once. The checks pass in any build, and
 * scripts/check runs this test in a ThreadSanitizer build (build-tsan), which
 * reports any data race between the threads.
 *
 * - own_calls: 8 threads each build, score and write notes for their own
 *   calls with their own policy, and read their own errors.
 * - shared_policy: 8 threads use one read-only policy for their calls.
 * - policy_freed_while_used: the main thread releases the shared policy while
 *   the threads still use it through their calls, so the last reference is
 *   dropped by whichever thread frees its call last. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#define THREAD_COUNT 8
#define ROUNDS 6

static char *reference_record;
static size_t reference_length;

/* A policy with an office time zone, so that due times go through the zone
 * lookups too. */
static const char zone_policy[] = "{\"format\":\"fcr.policy/1\","
                                  "\"office\":{\"time_zone\":\"-05:00\"},"
                                  "\"targets\":{\"nurse_triage\":{\"callback\":\"2h\"}}}";

typedef struct worker {
    pthread_t thread;
    int index;
    fcr_policy *policy;         /* shared policy, or NULL for a thread's own */
    pthread_barrier_t *barrier; /* released when the main thread freed the policy */
    fcr_call *held_call;        /* a call created before the barrier */
    char failure[256];          /* empty when every check passed */
} worker;

static bool fail_worker(worker *w, const char *step)
{
    if (w->failure[0] == '\0')
        snprintf(w->failure, sizeof w->failure, "thread %d: %s: %s", w->index, step,
                 fcr_last_error());
    return false;
}

/* Builds one call in live mode by appending the events of the reference
 * record, then scores it and writes its note, recap and JSON. */
static bool build_score_write(worker *w, fcr_policy *policy, int round)
{
    fcr_call *recorded = NULL;
    if (fcr_call_from_json(&recorded, policy, FCR_MODE_REPLAY, reference_record,
                           reference_length, "reference.json") != FCR_OK)
        return fail_worker(w, "reading the reference record");

    char id[64];
    snprintf(id, sizeof id, "call-%d-%d", w->index, round);
    fcr_call *call = NULL;
    if (fcr_call_new(&call, policy, FCR_MODE_LIVE, id, fcr_call_started_at(recorded)) != FCR_OK) {
        fcr_call_free(recorded);
        return fail_worker(w, "creating a call");
    }
    bool ok = fcr_call_set_agent(call, "agent-17", "front_desk") == FCR_OK;
    for (size_t i = 0; ok && i < fcr_call_event_count(recorded); i++)
        ok = fcr_call_append(call, fcr_call_event(recorded, i)) == FCR_OK;
    fcr_call_free(recorded);
    if (!ok) {
        fcr_call_free(call);
        return fail_worker(w, "appending the reference events");
    }

    char *text = NULL;
    fcr_scorecard *scorecard = NULL;
    ok = fcr_scorecard_new(&scorecard, call) == FCR_OK;
    ok = ok && fcr_scorecard_write(&text, scorecard, FCR_SCORECARD_JSON, FCR_PROFILE_QA) == FCR_OK;
    fcr_free(text);
    text = NULL;
    fcr_scorecard_free(scorecard);
    ok = ok && fcr_note_write(&text, call, FCR_NOTE_TEXT, FCR_PROFILE_CHART) == FCR_OK;
    ok = ok && strstr(text, "Patient Request") != NULL;
    fcr_free(text);
    text = NULL;
    ok = ok && fcr_recap_write(&text, call) == FCR_OK;
    fcr_free(text);
    text = NULL;
    ok = ok && fcr_call_to_json(&text, call, 0) == FCR_OK && strstr(text, id) != NULL;
    fcr_free(text);
    fcr_call_free(call);
    return ok ? true : fail_worker(w, "scoring or writing a call");
}

/* The last error is per thread: each thread's own failure stays its own
 * while the others record theirs. */
static bool check_own_error(worker *w)
{
    char text[32];
    snprintf(text, sizeof text, "2026-13-%02dT00:00:00Z", w->index + 1);
    fcr_time time = 0;
    if (fcr_time_parse(&time, text) != FCR_EPARSE)
        return fail_worker(w, "an invalid month was accepted");
    for (int i = 0; i < 100; i++) {
        if (fcr_last_error_status() != FCR_EPARSE)
            return fail_worker(w, "another thread changed this thread's error");
    }
    return true;
}

static void *run_own_calls(void *argument)
{
    worker *w = argument;
    fcr_policy *policy = NULL;
    if (fcr_policy_load(&policy, zone_policy, sizeof zone_policy - 1, "zone.json") != FCR_OK) {
        fail_worker(w, "loading the thread's policy");
        return NULL;
    }
    for (int round = 0; round < ROUNDS; round++) {
        if (!build_score_write(w, policy, round) || !check_own_error(w))
            break;
    }
    fcr_policy_free(policy);
    return NULL;
}

static void *run_shared_policy(void *argument)
{
    worker *w = argument;
    for (int round = 0; round < ROUNDS; round++) {
        if (!build_score_write(w, w->policy, round))
            break;
        /* Read-only queries on the shared policy, as the scoring makes. */
        fcr_time from = 0, due = 0;
        if (fcr_time_parse(&from, "2026-11-10T14:00:00Z") != FCR_OK ||
            fcr_policy_due_time(&due, w->policy, "nurse_triage", from) != FCR_OK) {
            fail_worker(w, "computing a due time");
            break;
        }
    }
    return NULL;
}

static void *run_policy_freed(void *argument)
{
    worker *w = argument;
    /* w->held_call was made with the shared policy before this thread
     * started, and the main thread frees its own reference meanwhile. */
    pthread_barrier_wait(w->barrier);
    for (int round = 0; round < ROUNDS; round++) {
        fcr_policy *policy = (fcr_policy *)fcr_call_policy(w->held_call);
        if (!build_score_write(w, policy, round))
            break;
    }
    fcr_call_free(w->held_call);
    w->held_call = NULL;
    return NULL;
}

static void run_workers(worker *workers, void *(*body)(void *), fcr_policy *policy,
                        pthread_barrier_t *barrier)
{
    for (int i = 0; i < THREAD_COUNT; i++) {
        workers[i].index = i;
        workers[i].policy = policy;
        workers[i].barrier = barrier;
        workers[i].failure[0] = '\0';
        assert_int_equal(pthread_create(&workers[i].thread, NULL, body, &workers[i]), 0);
    }
}

static void join_workers(worker *workers)
{
    for (int i = 0; i < THREAD_COUNT; i++)
        assert_int_equal(pthread_join(workers[i].thread, NULL), 0);
    for (int i = 0; i < THREAD_COUNT; i++) {
        if (workers[i].failure[0] != '\0')
            fail_msg("%s", workers[i].failure);
    }
}

static void test_threads__own_calls(void **state)
{
    (void)state;
    worker workers[THREAD_COUNT];
    memset(workers, 0, sizeof workers);
    run_workers(workers, run_own_calls, NULL, NULL);
    join_workers(workers);
}

static void test_threads__shared_policy(void **state)
{
    (void)state;
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_load(&policy, zone_policy, sizeof zone_policy - 1, "zone.json"),
                     FCR_OK);
    /* A call made with the policy makes it read-only before the threads
     * start, as the header requires for sharing. */
    fcr_call *first = NULL;
    assert_int_equal(fcr_call_new(&first, policy, FCR_MODE_REPLAY, "first", 0), FCR_OK);

    worker workers[THREAD_COUNT];
    memset(workers, 0, sizeof workers);
    run_workers(workers, run_shared_policy, policy, NULL);
    join_workers(workers);
    fcr_call_free(first);
    fcr_policy_free(policy);
}

static void test_threads__policy_freed_while_used(void **state)
{
    (void)state;
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_load(&policy, zone_policy, sizeof zone_policy - 1, "zone.json"),
                     FCR_OK);
    worker workers[THREAD_COUNT];
    memset(workers, 0, sizeof workers);
    for (int i = 0; i < THREAD_COUNT; i++) {
        char id[32];
        snprintf(id, sizeof id, "held-%d", i);
        assert_int_equal(fcr_call_new(&workers[i].held_call, policy, FCR_MODE_REPLAY, id, 0),
                         FCR_OK);
    }

    pthread_barrier_t barrier;
    assert_int_equal(pthread_barrier_init(&barrier, NULL, THREAD_COUNT + 1), 0);
    run_workers(workers, run_policy_freed, policy, &barrier);
    pthread_barrier_wait(&barrier);
    /* The threads' calls keep the policy alive from here on. */
    fcr_policy_free(policy);
    join_workers(workers);
    pthread_barrier_destroy(&barrier);
}

static int load_reference(void **state)
{
    (void)state;
    reference_record = test_read_file(FCR_SOURCE_DIR "/tests/vectors/reference/call.json",
                                      &reference_length);
    return 0;
}

static int free_reference(void **state)
{
    (void)state;
    free(reference_record);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads__own_calls),
        cmocka_unit_test(test_threads__shared_policy),
        cmocka_unit_test(test_threads__policy_freed_while_used),
    };
    return cmocka_run_group_tests(tests, load_reference, free_reference);
}
