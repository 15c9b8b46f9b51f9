/* SPDX-License-Identifier: MIT */
/* Every definition of the FCR metrics, on hand-computed cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#define MAX_RESULTS 2048

typedef struct collected {
    char id[64];
    fcr_contact_status status;
    fcr_exclusion exclusion;
    char repeat_id[64];
    char merged_into[64];
    int is_repeat;
    char agent[32];
    fcr_outcome outcome;
} collected;

static collected results[MAX_RESULTS];
static size_t result_count;
static int stop_after; /* the callback stops after this many results; 0 never */

static int collect(void *userdata, const fcr_contact_result *result)
{
    (void)userdata;
    if (result_count == MAX_RESULTS)
        return 1;
    collected *c = &results[result_count++];
    snprintf(c->id, sizeof c->id, "%s", fcr_contact_result_id(result));
    c->status = fcr_contact_result_status(result);
    c->exclusion = fcr_contact_result_exclusion(result);
    const char *repeat = fcr_contact_result_repeat_id(result);
    snprintf(c->repeat_id, sizeof c->repeat_id, "%s", repeat != NULL ? repeat : "");
    const char *merged = fcr_contact_result_merged_into(result);
    snprintf(c->merged_into, sizeof c->merged_into, "%s", merged != NULL ? merged : "");
    c->is_repeat = fcr_contact_result_is_repeat(result);
    snprintf(c->agent, sizeof c->agent, "%s", fcr_contact_result_agent(result));
    c->outcome = fcr_contact_result_outcome(result);
    return stop_after > 0 && (int)result_count >= stop_after;
}

static fcr_metrics *start(fcr_policy *policy)
{
    result_count = 0;
    stop_after = 0;
    fcr_metrics *metrics = NULL;
    assert_int_equal(fcr_metrics_new(&metrics, policy), FCR_OK);
    assert_int_equal(fcr_metrics_set_result_callback(metrics, collect, NULL), FCR_OK);
    return metrics;
}

static void add_full(fcr_metrics *metrics, const char *id, const char *caller, const char *at,
                     const char *category, fcr_direction direction, const char *agent,
                     fcr_outcome outcome, const char *target)
{
    fcr_contact contact = FCR_CONTACT_INIT;
    contact.id = id;
    contact.caller = caller;
    contact.at = test_time(at);
    contact.category = category;
    contact.direction = direction;
    contact.agent = agent;
    contact.outcome = outcome;
    contact.target = target;
    fcr_status status = fcr_metrics_add_contact(metrics, &contact);
    if (status != FCR_OK)
        fail_msg("adding %s failed: %s", id, fcr_last_error());
}

static void add(fcr_metrics *metrics, const char *id, const char *caller, const char *at,
                const char *category)
{
    add_full(metrics, id, caller, at, category, FCR_DIRECTION_INBOUND, NULL, FCR_OUTCOME_NONE,
             NULL);
}

static void finish(fcr_metrics *metrics)
{
    if (fcr_metrics_finish(metrics) != FCR_OK)
        fail_msg("finish failed: %s", fcr_last_error());
}

static const collected *find(const char *id)
{
    for (size_t i = 0; i < result_count; i++) {
        if (strcmp(results[i].id, id) == 0)
            return &results[i];
    }
    fail_msg("no result for %s", id);
    return NULL;
}

static void assert_status(const char *id, fcr_contact_status expected)
{
    const collected *c = find(id);
    if (c->status != expected)
        fail_msg("%s: expected %s, got %s", id, fcr_contact_status_name(expected),
                 fcr_contact_status_name(c->status));
}

static void assert_repeated_by(const char *id, const char *repeat)
{
    assert_status(id, FCR_CONTACT_REPEATED);
    assert_string_equal(find(id)->repeat_id, repeat);
}

/* --- window edges --------------------------------------------------------- */

static void test_metrics__repeat_at_window_end_counts(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    add(metrics, "b", "p1", "2026-11-09T10:00:00Z", "refill");
    finish(metrics);

    assert_repeated_by("a", "b");
    assert_true(find("b")->is_repeat);
    /* b's own window reaches past the data. */
    assert_status("b", FCR_CONTACT_PROVISIONAL);
    fcr_metrics_free(metrics);
}

static void test_metrics__repeat_just_inside_window(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    add(metrics, "b", "p1", "2026-11-09T09:59:59.999Z", "refill");
    finish(metrics);
    assert_repeated_by("a", "b");
    fcr_metrics_free(metrics);
}

static void test_metrics__contact_after_window_is_not_repeat(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    add(metrics, "b", "p1", "2026-11-09T10:00:00.001Z", "refill");
    finish(metrics);

    /* The data reaches past a's window end, so a is decided. */
    assert_status("a", FCR_CONTACT_RESOLVED);
    assert_false(find("b")->is_repeat);
    fcr_metrics_free(metrics);
}

static void test_metrics__equal_times_never_repeat(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    assert_int_equal(fcr_metrics_set_data_end(metrics, test_time("2026-12-31T00:00:00Z")), FCR_OK);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    add(metrics, "b", "p1", "2026-11-02T10:00:00Z", "refill");
    finish(metrics);

    assert_status("a", FCR_CONTACT_RESOLVED);
    assert_status("b", FCR_CONTACT_RESOLVED);
    assert_false(find("a")->is_repeat);
    assert_false(find("b")->is_repeat);
    fcr_metrics_free(metrics);
}

static void test_metrics__first_repeat_is_reported(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    /* Two repeats at the same time: the smaller id is the first. */
    add(metrics, "c", "p1", "2026-11-03T10:00:00Z", "refill");
    add(metrics, "b", "p1", "2026-11-03T10:00:00Z", "refill");
    add(metrics, "d", "p1", "2026-11-04T10:00:00Z", "refill");
    finish(metrics);
    assert_repeated_by("a", "b");
    fcr_metrics_free(metrics);
}

/* --- matching ---------------------------------------------------------------- */

static void test_metrics__other_category_is_not_repeat(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    add(metrics, "b", "p1", "2026-11-03T10:00:00Z", "billing");
    add(metrics, "c", "p2", "2026-11-03T10:00:00Z", "refill");
    add(metrics, "end", "p9", "2026-11-20T10:00:00Z", "other");
    finish(metrics);
    assert_status("a", FCR_CONTACT_RESOLVED);
    fcr_metrics_free(metrics);
}

static void test_metrics__category_match_off(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    assert_int_equal(fcr_metrics_set_category_match(metrics, 0), FCR_OK);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    add(metrics, "b", "p1", "2026-11-03T10:00:00Z", "billing");
    add(metrics, "end", "p9", "2026-11-20T10:00:00Z", "other");
    finish(metrics);
    assert_repeated_by("a", "b");
    fcr_metrics_free(metrics);
}

static void test_metrics__per_category_window(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    assert_int_equal(fcr_metrics_set_category_window(metrics, "refill", "3d"), FCR_OK);
    add(metrics, "refill-a", "p1", "2026-11-02T10:00:00Z", "refill");
    add(metrics, "sched-a", "p1", "2026-11-02T10:00:00Z", "scheduling");
    add(metrics, "refill-b", "p1", "2026-11-06T10:00:00Z", "refill");
    add(metrics, "sched-b", "p1", "2026-11-06T10:00:00Z", "scheduling");
    add(metrics, "end", "p9", "2026-11-30T10:00:00Z", "other");
    finish(metrics);

    /* Four days later: outside refill's 3 days, inside the default 7. */
    assert_status("refill-a", FCR_CONTACT_RESOLVED);
    assert_repeated_by("sched-a", "sched-b");
    fcr_metrics_free(metrics);
}

static void test_metrics__window_units(void **state)
{
    (void)state;
    fcr_metrics *metrics = NULL;
    assert_int_equal(fcr_metrics_new(&metrics, NULL), FCR_OK);
    static const char *const valid[] = {"7d", "72h", "1d12h", "90m", "45s", "1500ms", "2w", "3bd",
                                        "4bh", "1bd4bh"};
    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        if (fcr_metrics_set_window(metrics, valid[i]) != FCR_OK)
            fail_msg("%s rejected: %s", valid[i], fcr_last_error());
    }
    static const char *const invalid[] = {"", "7", "d", "0d", "7x", "3bd2h", "-1d", "7 d"};
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        if (fcr_metrics_set_window(metrics, invalid[i]) != FCR_EINVAL)
            fail_msg("'%s' accepted", invalid[i]);
    }
    assert_int_equal(fcr_metrics_set_transfer_gap(metrics, "1bd"), FCR_EINVAL);
    assert_int_equal(fcr_metrics_set_window(metrics, NULL), FCR_EINVAL);
    fcr_metrics_free(metrics);
}

/* --- business days ----------------------------------------------------------- */

/* The default office is open Monday to Friday, 08:00-17:00 UTC. */
static void test_metrics__business_days_across_weekend(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    assert_int_equal(fcr_metrics_set_window(metrics, "3bd"), FCR_OK);
    /* Friday 10:00 plus 3 business days is Wednesday 10:00. */
    add(metrics, "fri", "p1", "2026-11-06T10:00:00Z", "refill");
    add(metrics, "fri-2", "p2", "2026-11-06T10:00:00Z", "refill");
    add(metrics, "wed", "p1", "2026-11-11T10:00:00Z", "refill");
    add(metrics, "wed-late", "p2", "2026-11-11T10:00:00.001Z", "refill");
    add(metrics, "end", "p9", "2026-11-30T10:00:00Z", "other");
    finish(metrics);

    assert_repeated_by("fri", "wed");
    assert_status("fri-2", FCR_CONTACT_RESOLVED);
    fcr_metrics_free(metrics);
}

static void test_metrics__business_days_skip_holiday(void **state)
{
    (void)state;
    static const char json[] =
        "{\"format\":\"fcr.policy/1\",\"office\":{\"holidays\":[\"2026-11-10\"]}}";
    fcr_policy *policy = NULL;
    if (fcr_policy_load(&policy, json, strlen(json), "holiday") != FCR_OK)
        fail_msg("policy: %s", fcr_last_error());

    /* With Tuesday a holiday, Friday 10:00 + 3 business days is Thursday 10:00. */
    for (int with_holiday = 0; with_holiday <= 1; with_holiday++) {
        fcr_metrics *metrics = start(with_holiday ? policy : NULL);
        assert_int_equal(fcr_metrics_set_window(metrics, "3bd"), FCR_OK);
        add(metrics, "fri", "p1", "2026-11-06T10:00:00Z", "refill");
        add(metrics, "thu", "p1", "2026-11-12T09:00:00Z", "refill");
        add(metrics, "end", "p9", "2026-11-30T10:00:00Z", "other");
        finish(metrics);
        if (with_holiday)
            assert_repeated_by("fri", "thu");
        else
            assert_status("fri", FCR_CONTACT_RESOLVED);
        fcr_metrics_free(metrics);
    }
    fcr_policy_free(policy);
}

/* --- transfers, outbound, exclusions -------------------------------------------- */

static void test_metrics__transfer_merges_contacts(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    assert_int_equal(fcr_metrics_set_transfer_gap(metrics, FCR_METRICS_DEFAULT_TRANSFER_GAP),
                     FCR_OK);
    add_full(metrics, "a", "p1", "2026-11-02T10:00:00Z", "scheduling", FCR_DIRECTION_INBOUND,
             "front", FCR_OUTCOME_NONE, NULL);
    add_full(metrics, "b", "p1", "2026-11-02T10:10:00Z", "clinical_question",
             FCR_DIRECTION_INBOUND, "nurse", FCR_OUTCOME_ESCALATED, "provider");
    /* 15 minutes after the last leg: not closer than the gap, so a new contact. */
    add(metrics, "c", "p1", "2026-11-02T10:25:00Z", "scheduling");
    add(metrics, "end", "p9", "2026-11-30T10:00:00Z", "other");
    finish(metrics);

    const collected *b = find("b");
    assert_int_equal(b->status, FCR_CONTACT_EXCLUDED);
    assert_int_equal(b->exclusion, FCR_EXCLUSION_TRANSFER);
    assert_string_equal(b->merged_into, "a");

    /* The merged contact keeps a's category and takes b's agent and outcome. */
    assert_repeated_by("a", "c");
    assert_string_equal(find("a")->agent, "nurse");
    assert_int_equal(find("a")->outcome, FCR_OUTCOME_ESCALATED);
    fcr_metrics_free(metrics);
}

static void test_metrics__transfers_off_by_default(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "scheduling");
    add(metrics, "b", "p1", "2026-11-02T10:10:00Z", "scheduling");
    finish(metrics);
    assert_repeated_by("a", "b");
    assert_int_equal(fcr_metrics_excluded(metrics, FCR_EXCLUSION_TRANSFER), 0);
    fcr_metrics_free(metrics);
}

static void test_metrics__outbound_is_never_repeat(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    add_full(metrics, "callback", "p1", "2026-11-03T10:00:00Z", "refill", FCR_DIRECTION_OUTBOUND,
             NULL, FCR_OUTCOME_NONE, NULL);
    add(metrics, "end", "p9", "2026-11-30T10:00:00Z", "other");
    finish(metrics);

    assert_status("a", FCR_CONTACT_RESOLVED);
    assert_int_equal(find("callback")->exclusion, FCR_EXCLUSION_OUTBOUND);
    assert_int_equal(fcr_metrics_excluded(metrics, FCR_EXCLUSION_OUTBOUND), 1);
    fcr_metrics_free(metrics);
}

static void test_metrics__duplicate_keeps_last_row(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    add_full(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill", FCR_DIRECTION_INBOUND, "x",
             FCR_OUTCOME_NONE, NULL);
    add_full(metrics, "a", "p1", "2026-11-02T10:00:00Z", "billing", FCR_DIRECTION_INBOUND, "y",
             FCR_OUTCOME_RESOLVED, NULL);
    add(metrics, "b", "p1", "2026-11-03T10:00:00Z", "billing");
    add(metrics, "end", "p9", "2026-11-30T10:00:00Z", "other");
    finish(metrics);

    size_t excluded = 0, counted = 0;
    for (size_t i = 0; i < result_count; i++) {
        if (strcmp(results[i].id, "a") != 0)
            continue;
        if (results[i].exclusion == FCR_EXCLUSION_DUPLICATE) {
            excluded++;
            assert_string_equal(results[i].agent, "x");
        } else {
            counted++;
            assert_string_equal(results[i].agent, "y");
            /* The last row's category, billing, is the one b repeats. */
            assert_string_equal(results[i].repeat_id, "b");
        }
    }
    assert_int_equal(excluded, 1);
    assert_int_equal(counted, 1);
    fcr_metrics_free(metrics);
}

static void test_metrics__missing_caller_excluded(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    add(metrics, "a", NULL, "2026-11-02T10:00:00Z", "refill");
    add(metrics, "b", "", "2026-11-02T11:00:00Z", "refill");
    finish(metrics);
    assert_int_equal(find("a")->exclusion, FCR_EXCLUSION_NO_CALLER);
    assert_int_equal(find("b")->exclusion, FCR_EXCLUSION_NO_CALLER);
    assert_int_equal(fcr_metrics_excluded(metrics, FCR_EXCLUSION_NO_CALLER), 2);
    fcr_metrics_free(metrics);
}

/* --- provisional contacts and rates ---------------------------------------------- */

static void test_metrics__provisional_not_in_rate(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    add(metrics, "b", "p2", "2026-11-03T10:00:00Z", "refill");
    finish(metrics);

    assert_status("a", FCR_CONTACT_PROVISIONAL);
    assert_status("b", FCR_CONTACT_PROVISIONAL);
    assert_int_equal(fcr_metrics_count(metrics, FCR_BREAKDOWN_TOTAL, 0, FCR_COUNT_PROVISIONAL), 2);
    assert_true(fcr_metrics_rate(metrics, FCR_BREAKDOWN_TOTAL, 0, FCR_RATE_FCR) < 0);
    fcr_metrics_free(metrics);
}

static void test_metrics__data_end_decides(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    assert_int_equal(fcr_metrics_set_data_end(metrics, test_time("2026-11-09T10:00:00Z")), FCR_OK);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    add(metrics, "b", "p2", "2026-11-02T10:00:00.001Z", "refill");
    finish(metrics);
    /* a's window ends exactly at the data end; b's one millisecond after. */
    assert_status("a", FCR_CONTACT_RESOLVED);
    assert_status("b", FCR_CONTACT_PROVISIONAL);
    fcr_metrics_free(metrics);
}

static void test_metrics__rates_by_group(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    /* p1: a repeated by b; p2: c resolved (escalated); p3: d resolved. */
    add_full(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill", FCR_DIRECTION_INBOUND, "ann",
             FCR_OUTCOME_RESOLVED, NULL);
    add_full(metrics, "b", "p1", "2026-11-03T10:00:00Z", "refill", FCR_DIRECTION_INBOUND, "bob",
             FCR_OUTCOME_RESOLVED, NULL);
    add_full(metrics, "c", "p2", "2026-11-03T11:00:00Z", "clinical_question",
             FCR_DIRECTION_INBOUND, "ann", FCR_OUTCOME_ESCALATED, "nurse_triage");
    add_full(metrics, "d", "p3", "2026-11-03T12:00:00Z", "billing", FCR_DIRECTION_INBOUND, "bob",
             FCR_OUTCOME_RESOLVED, NULL);
    add(metrics, "end", "p9", "2026-11-30T10:00:00Z", "other");
    finish(metrics);

    /* Final: a, b, c, d; resolved: b, c, d. end is provisional. */
    assert_int_equal(fcr_metrics_count(metrics, FCR_BREAKDOWN_TOTAL, 0, FCR_COUNT_CONTACTS), 5);
    assert_int_equal(fcr_metrics_count(metrics, FCR_BREAKDOWN_TOTAL, 0, FCR_COUNT_RESOLVED), 3);
    assert_int_equal(fcr_metrics_count(metrics, FCR_BREAKDOWN_TOTAL, 0, FCR_COUNT_REPEATED), 1);
    assert_int_equal(fcr_metrics_count(metrics, FCR_BREAKDOWN_TOTAL, 0, FCR_COUNT_PROVISIONAL), 1);
    assert_true(fcr_metrics_rate(metrics, FCR_BREAKDOWN_TOTAL, 0, FCR_RATE_FCR) == 0.75);
    assert_true(fcr_metrics_rate(metrics, FCR_BREAKDOWN_TOTAL, 0, FCR_RATE_REPEAT_CONTACT) == 0.25);
    assert_true(fcr_metrics_rate(metrics, FCR_BREAKDOWN_TOTAL, 0, FCR_RATE_ESCALATION) == 0.25);

    /* Agents sorted by name: ann (a, c), bob (b, d), "" (end). */
    assert_int_equal(fcr_metrics_group_count(metrics, FCR_BREAKDOWN_AGENT), 3);
    assert_string_equal(fcr_metrics_group_name(metrics, FCR_BREAKDOWN_AGENT, 0), "");
    assert_string_equal(fcr_metrics_group_name(metrics, FCR_BREAKDOWN_AGENT, 1), "ann");
    assert_true(fcr_metrics_rate(metrics, FCR_BREAKDOWN_AGENT, 1, FCR_RATE_FCR) == 0.5);
    assert_true(fcr_metrics_rate(metrics, FCR_BREAKDOWN_AGENT, 2, FCR_RATE_FCR) == 1.0);
    assert_true(fcr_metrics_rate(metrics, FCR_BREAKDOWN_AGENT, 0, FCR_RATE_FCR) < 0);

    /* Targets: "" and nurse_triage. */
    assert_int_equal(fcr_metrics_group_count(metrics, FCR_BREAKDOWN_TARGET), 2);
    assert_string_equal(fcr_metrics_group_name(metrics, FCR_BREAKDOWN_TARGET, 1), "nurse_triage");
    assert_int_equal(fcr_metrics_count(metrics, FCR_BREAKDOWN_TARGET, 1, FCR_COUNT_ESCALATED), 1);
    fcr_metrics_free(metrics);
}

static void test_metrics__breakdown_off(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    assert_int_equal(fcr_metrics_set_breakdown(metrics, FCR_BREAKDOWN_AGENT, 0), FCR_OK);
    assert_int_equal(fcr_metrics_set_breakdown(metrics, FCR_BREAKDOWN_TOTAL, 0), FCR_EINVAL);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    finish(metrics);
    assert_int_equal(fcr_metrics_group_count(metrics, FCR_BREAKDOWN_AGENT), 0);
    assert_int_equal(fcr_metrics_group_count(metrics, FCR_BREAKDOWN_CATEGORY), 1);
    fcr_metrics_free(metrics);
}

/* --- order and streaming ---------------------------------------------------------- */

static void test_metrics__sorted_streams_results(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    assert_int_equal(fcr_metrics_set_order(metrics, FCR_METRICS_ORDER_SORTED), FCR_OK);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    add(metrics, "b", "p2", "2026-11-05T10:00:00Z", "refill");
    assert_int_equal(result_count, 0);
    /* Past a's window: a is final before the input ends. */
    add(metrics, "c", "p3", "2026-11-10T10:00:00Z", "refill");
    /* The engine keeps the latest 64 contacts back to load their memory
     * ahead, so a is out once 64 more contacts follow. */
    for (int i = 0; i < 64; i++) {
        char id[16];
        snprintf(id, sizeof id, "later-%02d", i);
        add(metrics, id, "p4", "2026-11-10T11:00:00Z", "billing");
    }
    assert_int_equal(result_count, 1);
    assert_string_equal(results[0].id, "a");
    assert_int_equal(results[0].status, FCR_CONTACT_RESOLVED);
    finish(metrics);
    assert_int_equal(result_count, 67);
    fcr_metrics_free(metrics);
}

static void test_metrics__sorted_rejects_earlier_contact(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    assert_int_equal(fcr_metrics_set_order(metrics, FCR_METRICS_ORDER_SORTED), FCR_OK);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    fcr_contact contact = FCR_CONTACT_INIT;
    contact.id = "early";
    contact.caller = "p1";
    contact.at = test_time("2026-11-01T10:00:00Z");
    assert_int_equal(fcr_metrics_add_contact(metrics, &contact), FCR_EINVAL);
    assert_string_equal(fcr_last_error_field(), "at");
    finish(metrics);
    assert_int_equal(result_count, 1);
    fcr_metrics_free(metrics);
}

/* A deterministic mix with ties, duplicates, outbound contacts, transfers
 * and several categories, given in time order and shuffled. */
typedef struct mix_contact {
    char id[16];
    char caller[8];
    fcr_time at;
    const char *category;
    fcr_direction direction;
} mix_contact;

static int compare_collected(const void *left, const void *right)
{
    const collected *a = left, *b = right;
    int order = strcmp(a->id, b->id);
    if (order != 0)
        return order;
    if (a->exclusion != b->exclusion)
        return (int)a->exclusion - (int)b->exclusion;
    return (int)a->status - (int)b->status;
}

static char *run_mix(const mix_contact *mix, size_t count, const size_t *order,
                     fcr_metrics_order declared, collected *out)
{
    fcr_metrics *metrics = start(NULL);
    assert_int_equal(fcr_metrics_set_order(metrics, declared), FCR_OK);
    assert_int_equal(fcr_metrics_set_transfer_gap(metrics, "15m"), FCR_OK);
    assert_int_equal(fcr_metrics_set_category_window(metrics, "refill", "3bd"), FCR_OK);
    for (size_t i = 0; i < count; i++) {
        const mix_contact *m = &mix[order[i]];
        fcr_contact contact = FCR_CONTACT_INIT;
        contact.id = m->id;
        contact.caller = m->caller;
        contact.at = m->at;
        contact.category = m->category;
        contact.direction = m->direction;
        assert_int_equal(fcr_metrics_add_contact(metrics, &contact), FCR_OK);
    }
    finish(metrics);
    char *text = NULL;
    assert_int_equal(fcr_metrics_write(&text, metrics, FCR_METRICS_JSON), FCR_OK);
    fcr_metrics_free(metrics);

    assert_int_equal(result_count, count);
    memcpy(out, results, count * sizeof *out);
    qsort(out, count, sizeof *out, compare_collected);
    return text;
}

static void test_metrics__unsorted_same_as_sorted(void **state)
{
    (void)state;
    enum { COUNT = 600 };
    static mix_contact mix[COUNT];
    static size_t order[COUNT];
    static collected sorted_results[COUNT], shuffled_results[COUNT];
    static const char *const categories[] = {"refill", "billing", "scheduling"};

    uint64_t seed = 12345;
    fcr_time at = test_time("2026-11-02T08:00:00Z");
    for (size_t i = 0; i < COUNT; i++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        /* Steps of 0 to 5 hours in 10-minute units; 0 gives ties. */
        at += (fcr_time)((seed >> 33) % 31) * 10 * 60 * 1000;
        mix_contact *m = &mix[i];
        /* Every 25th contact repeats the id and time of the one before. */
        if (i > 0 && i % 25 == 0)
            memcpy(m->id, mix[i - 1].id, sizeof m->id);
        else
            snprintf(m->id, sizeof m->id, "c%04zu", i);
        snprintf(m->caller, sizeof m->caller, "p%02u", (unsigned)((seed >> 40) % 12));
        m->at = i > 0 && i % 25 == 0 ? mix[i - 1].at : at;
        m->category = categories[(seed >> 50) % 3];
        m->direction = (seed >> 55) % 10 == 0 ? FCR_DIRECTION_OUTBOUND : FCR_DIRECTION_INBOUND;
        order[i] = i;
    }

    char *sorted_json = run_mix(mix, COUNT, order, FCR_METRICS_ORDER_SORTED, sorted_results);

    /* Fisher-Yates with a fixed seed, keeping duplicate rows in their
     * relative order, because the last row of an id wins. */
    for (size_t i = COUNT - 1; i > 0; i--) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        size_t j = (size_t)((seed >> 33) % (i + 1));
        size_t swap = order[i];
        order[i] = order[j];
        order[j] = swap;
    }
    for (size_t i = 0; i < COUNT; i++) {
        for (size_t j = i + 1; j < COUNT; j++) {
            if (strcmp(mix[order[i]].id, mix[order[j]].id) == 0 && order[i] > order[j]) {
                size_t swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
    }
    char *shuffled_json = run_mix(mix, COUNT, order, FCR_METRICS_ORDER_ANY, shuffled_results);

    assert_string_equal(sorted_json, shuffled_json);
    for (size_t i = 0; i < COUNT; i++) {
        assert_string_equal(sorted_results[i].id, shuffled_results[i].id);
        assert_int_equal(sorted_results[i].status, shuffled_results[i].status);
        assert_int_equal(sorted_results[i].exclusion, shuffled_results[i].exclusion);
        assert_string_equal(sorted_results[i].repeat_id, shuffled_results[i].repeat_id);
        assert_string_equal(sorted_results[i].merged_into, shuffled_results[i].merged_into);
    }
    /* The mix exercises what it is meant to. */
    if (strstr(sorted_json, "\"duplicate\":23") == NULL)
        fail_msg("%s", sorted_json);
    assert_null(strstr(sorted_json, "\"transfer\":0,"));
    assert_null(strstr(sorted_json, "\"repeated\":0,"));
    fcr_free(sorted_json);
    fcr_free(shuffled_json);
}

/* --- the API's contracts ------------------------------------------------------- */

static void test_metrics__setters_after_start(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    assert_int_equal(fcr_metrics_set_window(metrics, "3d"), FCR_ESTATE);
    assert_int_equal(fcr_metrics_set_order(metrics, FCR_METRICS_ORDER_SORTED), FCR_ESTATE);
    finish(metrics);
    assert_int_equal(fcr_metrics_finish(metrics), FCR_ESTATE);
    fcr_contact contact = FCR_CONTACT_INIT;
    contact.id = "late";
    contact.at = 0;
    assert_int_equal(fcr_metrics_add_contact(metrics, &contact), FCR_ESTATE);
    fcr_metrics_free(metrics);
}

static void test_metrics__invalid_contact_rejected(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    fcr_contact contact = FCR_CONTACT_INIT;
    contact.caller = "p1";
    contact.at = 0;
    assert_int_equal(fcr_metrics_add_contact(metrics, &contact), FCR_EINVAL);
    assert_string_equal(fcr_last_error_field(), "id");
    contact.id = "a";
    contact.at = FCR_TIME_NONE;
    assert_int_equal(fcr_metrics_add_contact(metrics, &contact), FCR_EINVAL);
    contact.at = 0;
    contact.category = "\xff";
    assert_int_equal(fcr_metrics_add_contact(metrics, &contact), FCR_EINVAL);
    /* The message names the field, never the value. */
    assert_non_null(strstr(fcr_last_error(), "category"));
    assert_int_equal(fcr_metrics_add_contact(metrics, NULL), FCR_EINVAL);
    finish(metrics);
    assert_int_equal(result_count, 0);
    fcr_metrics_free(metrics);
}

static void test_metrics__old_contact_size(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    /* A program built when fcr_contact ended at `at` has its later fields unread. */
    fcr_contact contact = FCR_CONTACT_INIT;
    contact.size = offsetof(fcr_contact, at) + sizeof contact.at;
    contact.id = "a";
    contact.caller = "p1";
    contact.at = 0;
    contact.direction = (fcr_direction)77; /* outside the old struct: ignored */
    assert_int_equal(fcr_metrics_add_contact(metrics, &contact), FCR_OK);
    contact.size = 4;
    assert_int_equal(fcr_metrics_add_contact(metrics, &contact), FCR_EINVAL);
    finish(metrics);
    assert_int_equal(find("a")->status, FCR_CONTACT_PROVISIONAL);
    fcr_metrics_free(metrics);
}

static void test_metrics__callback_stops(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    add(metrics, "a", NULL, "2026-11-02T10:00:00Z", "refill");
    add(metrics, "b", NULL, "2026-11-02T11:00:00Z", "refill");
    stop_after = 1;
    assert_int_equal(fcr_metrics_finish(metrics), FCR_EIO);
    assert_int_equal(result_count, 1);
    assert_int_equal(fcr_metrics_finish(metrics), FCR_ESTATE);
    fcr_metrics_free(metrics);
}

static void test_metrics__writers(void **state)
{
    (void)state;
    fcr_metrics *metrics = start(NULL);
    char *text = NULL;
    assert_int_equal(fcr_metrics_write(&text, metrics, FCR_METRICS_TEXT), FCR_ESTATE);
    assert_int_equal(fcr_metrics_set_category_window(metrics, "refill", "3bd"), FCR_OK);
    add(metrics, "a", "p1", "2026-11-02T10:00:00Z", "refill");
    add(metrics, "b", "p1", "2026-11-03T10:00:00Z", "refill");
    add(metrics, "c", "p2", "2026-11-30T10:00:00Z", "has,comma");
    finish(metrics);

    assert_int_equal(fcr_metrics_write(&text, metrics, FCR_METRICS_TEXT), FCR_OK);
    assert_non_null(strstr(text, "Repeat window:    7d (refill 3bd)"));
    assert_non_null(strstr(text, "Contacts: 3, of which 2 final, 1 provisional, 0 excluded"));
    fcr_free(text);

    assert_int_equal(fcr_metrics_write(&text, metrics, FCR_METRICS_JSON), FCR_OK);
    assert_non_null(strstr(text, "\"format\":\"fcr.metrics/1\""));
    assert_non_null(strstr(text, "\"category_windows\":{\"refill\":\"3bd\"}"));
    assert_non_null(strstr(text, "\"total\":{\"contacts\":3,\"resolved\":1,\"repeated\":1"));
    assert_non_null(strstr(text, "\"fcr_rate\":0.5"));
    fcr_free(text);

    assert_int_equal(fcr_metrics_write(&text, metrics, FCR_METRICS_CSV), FCR_OK);
    assert_non_null(strstr(text, "breakdown,group,contacts,final,resolved,repeated,provisional,"
                                 "excluded,repeat_contacts,escalated,fcr_rate,"
                                 "repeat_contact_rate,escalation_rate,calls\r\n"));
    assert_non_null(strstr(text, "total,total,3,2,1,1,1,0,1,0,0.500000,0.500000,0.000000,\r\n"));
    assert_non_null(strstr(text, "category,\"has,comma\",1,0,"));
    fcr_free(text);
    fcr_metrics_free(metrics);
}

static void test_metrics__names(void **state)
{
    (void)state;
    assert_string_equal(fcr_contact_status_name(FCR_CONTACT_PROVISIONAL), "provisional");
    assert_null(fcr_contact_status_name((fcr_contact_status)9));
    assert_string_equal(fcr_exclusion_name(FCR_EXCLUSION_NO_CALLER), "no_caller");
    assert_null(fcr_exclusion_name((fcr_exclusion)FCR_EXCLUSION_COUNT));
    assert_string_equal(fcr_breakdown_name(FCR_BREAKDOWN_TARGET), "target");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metrics__repeat_at_window_end_counts),
        cmocka_unit_test(test_metrics__repeat_just_inside_window),
        cmocka_unit_test(test_metrics__contact_after_window_is_not_repeat),
        cmocka_unit_test(test_metrics__equal_times_never_repeat),
        cmocka_unit_test(test_metrics__first_repeat_is_reported),
        cmocka_unit_test(test_metrics__other_category_is_not_repeat),
        cmocka_unit_test(test_metrics__category_match_off),
        cmocka_unit_test(test_metrics__per_category_window),
        cmocka_unit_test(test_metrics__window_units),
        cmocka_unit_test(test_metrics__business_days_across_weekend),
        cmocka_unit_test(test_metrics__business_days_skip_holiday),
        cmocka_unit_test(test_metrics__transfer_merges_contacts),
        cmocka_unit_test(test_metrics__transfers_off_by_default),
        cmocka_unit_test(test_metrics__outbound_is_never_repeat),
        cmocka_unit_test(test_metrics__duplicate_keeps_last_row),
        cmocka_unit_test(test_metrics__missing_caller_excluded),
        cmocka_unit_test(test_metrics__provisional_not_in_rate),
        cmocka_unit_test(test_metrics__data_end_decides),
        cmocka_unit_test(test_metrics__rates_by_group),
        cmocka_unit_test(test_metrics__breakdown_off),
        cmocka_unit_test(test_metrics__sorted_streams_results),
        cmocka_unit_test(test_metrics__sorted_rejects_earlier_contact),
        cmocka_unit_test(test_metrics__unsorted_same_as_sorted),
        cmocka_unit_test(test_metrics__setters_after_start),
        cmocka_unit_test(test_metrics__invalid_contact_rejected),
        cmocka_unit_test(test_metrics__old_contact_size),
        cmocka_unit_test(test_metrics__callback_stops),
        cmocka_unit_test(test_metrics__writers),
        cmocka_unit_test(test_metrics__names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
