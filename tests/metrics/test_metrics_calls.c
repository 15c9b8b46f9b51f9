/* SPDX-License-Identifier: MIT */
/* Contacts from fcr.call/1 records: one per concern, with the checklist
 * compliance beside the FCR rate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

static fcr_policy *policy;

static int setup_policy(void **state)
{
    (void)state;
    return fcr_policy_new(&policy) == FCR_OK ? 0 : -1;
}

static int teardown_policy(void **state)
{
    (void)state;
    fcr_policy_free(policy);
    return 0;
}

/* A replayed call on `day` of November 2026 with one concern of
 * `category`, identity verified or not. */
static fcr_call *make_call(const char *id, const char *patient, int day, const char *category,
                           int verified)
{
    char json[4096];
    snprintf(json, sizeof json,
             "{\"format\":\"fcr.call/1\",\"id\":\"%s\",\"started_at\":\"2026-11-%02dT14:00:00Z\","
             "\"agent\":{\"id\":\"agent-1\",\"role\":\"front_desk\"},"
             "\"caller\":{\"role\":\"patient\"%s%s%s},\"events\":["
             "{\"type\":\"concern_stated\",\"at\":\"2026-11-%02dT14:01:00Z\",\"concern\":\"c1\","
             "\"category\":\"%s\",\"request\":\"req\"}%s,"
             "{\"type\":\"resolved\",\"at\":\"2026-11-%02dT14:03:00Z\",\"concern\":\"c1\","
             "\"action\":\"done\",\"next_step\":\"none\"}]}",
             id, day, patient != NULL ? ",\"patient_key\":\"" : "", patient != NULL ? patient : "",
             patient != NULL ? "\"" : "", day, category,
             verified ? ",{\"type\":\"identity_verified\",\"at\":\"2026-11-10T14:02:00Z\","
                        "\"identifiers\":[\"name\",\"date_of_birth\"]}"
                      : "",
             day);
    if (verified) {
        /* The verification event must fall on the call's own day. */
        char day_text[16];
        snprintf(day_text, sizeof day_text, "2026-11-%02d", day);
        char *at = strstr(json, "2026-11-10T14:02:00Z");
        memcpy(at, day_text, 10);
    }
    fcr_call *call = NULL;
    if (fcr_call_from_json(&call, policy, FCR_MODE_REPLAY, json, strlen(json), "test") != FCR_OK)
        fail_msg("cannot build the test call: %s", fcr_last_error());
    return call;
}

static void add_call(fcr_metrics *metrics, fcr_call *call)
{
    if (fcr_metrics_add_call(metrics, call) != FCR_OK)
        fail_msg("add_call: %s", fcr_last_error());
    fcr_call_free(call);
}

static void test_metrics_calls__compliance_beside_rate(void **state)
{
    (void)state;
    fcr_metrics *metrics = NULL;
    assert_int_equal(fcr_metrics_new(&metrics, policy), FCR_OK);
    assert_int_equal(fcr_metrics_set_data_end(metrics, test_time("2026-12-31T00:00:00Z")), FCR_OK);

    /* p1 calls about a refill twice: call-1 (verified) is repeated by
     * call-2 (not verified). p2's call-3 (verified) is resolved. */
    add_call(metrics, make_call("call-1", "p1", 2, "refill", 1));
    add_call(metrics, make_call("call-2", "p1", 4, "refill", 0));
    add_call(metrics, make_call("call-3", "p2", 5, "scheduling", 1));
    add_call(metrics, make_call("call-4", NULL, 6, "billing", 1));
    assert_int_equal(fcr_metrics_finish(metrics), FCR_OK);

    assert_int_equal(fcr_metrics_count(metrics, FCR_BREAKDOWN_TOTAL, 0, FCR_COUNT_REPEATED), 1);
    assert_int_equal(fcr_metrics_count(metrics, FCR_BREAKDOWN_TOTAL, 0, FCR_COUNT_RESOLVED), 2);
    assert_int_equal(fcr_metrics_excluded(metrics, FCR_EXCLUSION_NO_CALLER), 1);

    /* call-4 has no patient key, so it is not among the scored calls. */
    fcr_item item = FCR_ITEM_IDENTITY_VERIFIED;
    assert_int_equal(fcr_metrics_item_calls(metrics, item, FCR_RESULT_MET), 2);
    assert_int_equal(fcr_metrics_item_calls(metrics, item, FCR_RESULT_MISSED), 1);
    /* Met: call-1 repeated, call-3 resolved. Missed: call-2 resolved. */
    assert_int_equal(fcr_metrics_item_count(metrics, item, FCR_RESULT_MET, FCR_COUNT_RESOLVED), 1);
    assert_int_equal(fcr_metrics_item_count(metrics, item, FCR_RESULT_MET, FCR_COUNT_REPEATED), 1);
    assert_int_equal(fcr_metrics_item_count(metrics, item, FCR_RESULT_MISSED, FCR_COUNT_RESOLVED), 1);

    char *text = NULL;
    assert_int_equal(fcr_metrics_write(&text, metrics, FCR_METRICS_TEXT), FCR_OK);
    assert_non_null(strstr(text, "Checklist compliance"));
    const char *row = strstr(text, "identity_verified");
    assert_non_null(row);
    char expected[128];
    snprintf(expected, sizeof expected, "%-30s %7d %7d %7d %7d %11s %12s %12s", "identity_verified",
             2, 1, 0, 0, "66.7%", "50.0%", "100.0%");
    assert_memory_equal(row, expected, strlen(expected));
    fcr_free(text);

    assert_int_equal(fcr_metrics_write(&text, metrics, FCR_METRICS_JSON), FCR_OK);
    assert_non_null(strstr(text, "{\"item\":\"identity_verified\",\"calls\":{\"met\":2,\"missed\":1,"
                                 "\"not_applicable\":0,\"unknown\":0},\"compliance\":0.6666666666666666,"
                                 "\"fcr_rate_met\":0.5,\"fcr_rate_missed\":1}"));
    fcr_free(text);
    fcr_metrics_free(metrics);
}

static void test_metrics_calls__one_contact_per_concern(void **state)
{
    (void)state;
    /* The reference call has two concerns: scheduling and referral. */
    size_t length = 0;
    char *json = test_read_file(test_data_path("../cli/data/reference.json"), &length);
    fcr_call *call = NULL;
    if (fcr_call_from_json(&call, policy, FCR_MODE_REPLAY, json, length, "reference") != FCR_OK)
        fail_msg("reference: %s", fcr_last_error());
    free(json);

    fcr_metrics *metrics = NULL;
    assert_int_equal(fcr_metrics_new(&metrics, policy), FCR_OK);
    add_call(metrics, call);
    assert_int_equal(fcr_metrics_finish(metrics), FCR_OK);
    assert_int_equal(fcr_metrics_count(metrics, FCR_BREAKDOWN_TOTAL, 0, FCR_COUNT_CONTACTS), 2);
    assert_int_equal(fcr_metrics_group_count(metrics, FCR_BREAKDOWN_CATEGORY), 2);
    assert_string_equal(fcr_metrics_group_name(metrics, FCR_BREAKDOWN_CATEGORY, 0), "referral");
    assert_string_equal(fcr_metrics_group_name(metrics, FCR_BREAKDOWN_TARGET, 1),
                        "referral_coordinator");
    fcr_metrics_free(metrics);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metrics_calls__compliance_beside_rate),
        cmocka_unit_test(test_metrics_calls__one_contact_per_concern),
    };
    return cmocka_run_group_tests(tests, setup_policy, teardown_policy);
}
