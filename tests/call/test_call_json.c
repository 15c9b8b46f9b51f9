/* SPDX-License-Identifier: MIT */
/* Call records as fcr.call/1 JSON: round trips, unknown fields, field
 * order, header rules, format versions, errors with their positions, and
 * live against replay reading. */
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

static fcr_status read_call(fcr_call **out, fcr_mode mode, const char *json)
{
    *out = NULL;
    return fcr_call_from_json(out, policy, mode, json, strlen(json), "record.json");
}

static fcr_call *read_ok(fcr_mode mode, const char *json)
{
    fcr_call *call = NULL;
    fcr_status status = read_call(&call, mode, json);
    if (status != FCR_OK)
        fail_msg("reading failed with %s: %s", fcr_strerror(status), fcr_last_error());
    return call;
}

static char *write_call(const fcr_call *call, unsigned flags)
{
    char *json = NULL;
    if (fcr_call_to_json(&json, call, flags) != FCR_OK)
        fail_msg("fcr_call_to_json failed: %s", fcr_last_error());
    return json;
}

/* Reads `json` in replay mode and writes it back with `flags`. */
static char *rewrite(const char *json, unsigned flags)
{
    fcr_call *call = read_ok(FCR_MODE_REPLAY, json);
    char *written = write_call(call, flags);
    fcr_call_free(call);
    return written;
}

/* Checks that reading `json` fails with `expected` and that the message
 * contains `fragment`. */
static void assert_read_fails(fcr_mode mode, const char *json, fcr_status expected,
                              const char *fragment)
{
    fcr_call *call = NULL;
    fcr_status status = read_call(&call, mode, json);
    if (status != expected)
        fail_msg("reading gave %s, expected %s: %s", fcr_strerror(status), fcr_strerror(expected),
                 fcr_last_error());
    assert_null(call);
    if (fragment != NULL && strstr(fcr_last_error(), fragment) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", fcr_last_error(), fragment);
}

static char *full_record(void)
{
    return test_read_file(test_data_path("calls/full_record.json"), NULL);
}

#define HEADER \
    "\"format\": \"fcr.call/1\", \"id\": \"call-1\", \"started_at\": \"2026-11-10T14:00:00Z\""

/* --- round trips --------------------------------------------------------- */

static void test_call_json__round_trip_pretty(void **state)
{
    (void)state;
    char *input = full_record();
    char *first = rewrite(input, FCR_JSON_PRETTY);
    char *second = rewrite(first, FCR_JSON_PRETTY);
    assert_string_equal(second, first);
    free(input);
    fcr_free(first);
    fcr_free(second);
}

static void test_call_json__round_trip_compact(void **state)
{
    (void)state;
    char *input = full_record();
    char *first = rewrite(input, 0);
    char *second = rewrite(first, 0);
    assert_string_equal(second, first);

    /* Compact records must each fit on one line of a JSON Lines file. */
    assert_null(strchr(first, '\n'));
    free(input);
    fcr_free(first);
    fcr_free(second);
}

static void test_call_json__pretty_and_compact_agree(void **state)
{
    (void)state;
    char *input = full_record();
    char *pretty = rewrite(input, FCR_JSON_PRETTY);
    char *compact = rewrite(input, 0);
    char *from_pretty = rewrite(pretty, 0);
    char *from_compact = rewrite(compact, FCR_JSON_PRETTY);
    char *back = rewrite(from_compact, 0);
    assert_string_equal(from_pretty, compact);
    assert_string_equal(back, compact);
    assert_int_not_equal(pretty[strlen(pretty) - 1], '\n');
    free(input);
    fcr_free(pretty);
    fcr_free(compact);
    fcr_free(from_pretty);
    fcr_free(from_compact);
    fcr_free(back);
}

static void test_call_json__keeps_header_fields(void **state)
{
    (void)state;
    char *input = full_record();
    fcr_call *call = read_ok(FCR_MODE_REPLAY, input);

    assert_string_equal(fcr_call_id(call), "call-0042");
    assert_true(fcr_call_started_at(call) == test_time("2026-11-10T14:02:00Z"));
    assert_true(fcr_call_ended_at(call) == test_time("2026-11-10T14:09:00Z"));
    assert_int_equal(fcr_call_direction(call), FCR_DIRECTION_INBOUND);
    assert_string_equal(fcr_call_agent_id(call), "agent-17");
    assert_string_equal(fcr_call_agent_role(call), "front_desk");
    assert_int_equal(fcr_call_caller_role(call), FCR_CALLER_PROXY);
    assert_string_equal(fcr_call_patient_key(call), "p-5f2c9a");
    assert_int_equal(fcr_call_mode(call), FCR_MODE_REPLAY);
    assert_int_equal(fcr_call_step(call), FCR_STEP_CLOSED);
    assert_int_equal(fcr_call_deviation_count(call), 0);
    assert_true(fcr_call_identity_verified(call));
    fcr_call_free(call);
    free(input);
}

static void test_call_json__keeps_events_and_concerns(void **state)
{
    (void)state;
    char *input = full_record();
    fcr_call *call = read_ok(FCR_MODE_REPLAY, input);

    assert_int_equal(fcr_call_event_count(call), 20);
    const fcr_event *first = fcr_call_event(call, 0);
    assert_int_equal(fcr_event_get_type(first), FCR_EVENT_OPEN_QUESTION_ASKED);
    assert_string_equal(fcr_event_get_string(first, "text"),
                        "How can I help you today?\n\xc3\xa9 \xf0\x9f\x98\x80 \"quoted\" \\ slash");

    const fcr_event *checked = fcr_call_event(call, 11);
    int flag = -1;
    assert_int_equal(fcr_event_get_bool(checked, "in_scope", &flag), FCR_OK);
    assert_int_equal(flag, 0);
    assert_int_equal(fcr_event_list_count(checked, "tools_missing"), 1);
    assert_string_equal(fcr_event_list_item(checked, "tools_missing", 0), "emr");
    assert_string_equal(fcr_event_get_string(checked, "decision"), "escalate");

    assert_int_equal(fcr_call_concern_count(call), 3);
    const fcr_concern *c1 = fcr_call_find_concern(call, "c1");
    assert_string_equal(fcr_concern_category(c1), "scheduling");
    assert_string_equal(fcr_concern_request(c1), "Move my mother's follow-up visit");
    assert_int_equal(fcr_concern_outcome(c1), FCR_OUTCOME_RESOLVED);
    assert_string_equal(fcr_concern_next_step(c1), "Attend on Tuesday");

    const fcr_concern *c2 = fcr_call_find_concern(call, "c2");
    assert_int_equal(fcr_concern_outcome(c2), FCR_OUTCOME_ESCALATED);
    assert_string_equal(fcr_concern_target(c2), "nurse_triage");
    assert_string_equal(fcr_concern_owner(c2), "RN on duty");
    assert_true(fcr_concern_due_at(c2) == test_time("2026-11-10T18:00:00Z"));
    assert_false(fcr_concern_due_computed(c2));
    assert_false(fcr_concern_in_scope(c2));
    assert_false(fcr_concern_tools_available(c2));

    /* No due_at: two business days after Tuesday 14:06:10. */
    const fcr_concern *c3 = fcr_call_find_concern(call, "c3");
    assert_int_equal(fcr_concern_outcome(c3), FCR_OUTCOME_MOVED_FORWARD);
    assert_true(fcr_concern_due_computed(c3));
    assert_true(fcr_concern_due_at(c3) == test_time("2026-11-12T14:06:10Z"));
    fcr_call_free(call);
    free(input);
}

static void test_call_json__keeps_unknown_fields(void **state)
{
    (void)state;
    char *input = full_record();
    char *compact = rewrite(input, 0);

    /* Top level, agent, caller and events. */
    assert_non_null(strstr(compact, "\"x_source\":"));
    assert_non_null(strstr(compact, "\"nested\""));
    assert_non_null(strstr(compact, "\"caf\\u00e9 \\\"q\\\"\""));
    assert_non_null(strstr(compact, "\"team\":\"north\""));
    assert_non_null(strstr(compact, "\"x_seat\":{\"floor\":2}"));
    assert_non_null(strstr(compact, "\"language\":\"es\""));
    assert_non_null(strstr(compact, "\"x_confidence\":0.93"));
    assert_non_null(strstr(compact, "\"x_note\":{\"source\":\"emr\",\"lines\":[1,2]}"));

    /* The computed due time of c3 is not written into its event. */
    assert_null(strstr(compact, "2026-11-12T14:06:10Z"));
    free(input);
    fcr_free(compact);
}

static void test_call_json__field_order_free(void **state)
{
    (void)state;
    const char *events =
        "\"events\": [{\"type\": \"concern_stated\", \"at\": \"2026-11-10T14:00:10Z\","
        " \"request\": \"Refill\", \"category\": \"refill\", \"concern\": \"c1\"},"
        " {\"at\": \"2026-11-10T14:00:20Z\", \"confirmed\": true, \"concern\": \"c1\","
        "  \"type\": \"concern_restated\"}]";
    const char *agent = "\"agent\": {\"role\": \"nurse\", \"id\": \"agent-3\"}";
    const char *caller = "\"caller\": {\"patient_key\": \"k-1\", \"role\": \"other\"}";

    char usual[1024];
    char reversed[1024];
    snprintf(usual, sizeof usual, "{%s, %s, %s, \"direction\": \"outbound\", %s}", HEADER, agent,
             caller, events);
    snprintf(reversed, sizeof reversed,
             "{%s, %s, \"direction\": \"outbound\", %s, \"started_at\": \"2026-11-10T14:00:00Z\","
             " \"id\": \"call-1\", \"format\": \"fcr.call/1\"}",
             events, caller, agent);

    char *from_usual = rewrite(usual, 0);
    char *from_reversed = rewrite(reversed, 0);
    assert_string_equal(from_reversed, from_usual);

    /* Header fields that come after the events still apply to the call. */
    fcr_call *call = read_ok(FCR_MODE_LIVE, reversed);
    assert_string_equal(fcr_call_agent_role(call), "nurse");
    assert_int_equal(fcr_call_direction(call), FCR_DIRECTION_OUTBOUND);
    assert_int_equal(fcr_call_caller_role(call), FCR_CALLER_OTHER);
    fcr_call_free(call);
    fcr_free(from_usual);
    fcr_free(from_reversed);
}

/* --- header rules -------------------------------------------------------- */

static void test_call_json__ended_at_matches_event(void **state)
{
    (void)state;
    const char *matching = "{" HEADER ", \"ended_at\": \"2026-11-10T09:05:00-05:00\", \"events\": ["
                           "{\"type\": \"call_ended\", \"at\": \"2026-11-10T14:05:00Z\"}]}";
    fcr_call *call = read_ok(FCR_MODE_REPLAY, matching);
    assert_true(fcr_call_ended_at(call) == test_time("2026-11-10T14:05:00Z"));
    fcr_call_free(call);

    assert_read_fails(FCR_MODE_REPLAY,
                      "{" HEADER ", \"ended_at\": \"2026-11-10T14:06:00Z\", \"events\": ["
                      "{\"type\": \"call_ended\", \"at\": \"2026-11-10T14:05:00Z\"}]}",
                      FCR_ERECORD, "does not match the time of the call_ended event");
    assert_string_equal(fcr_last_error_field(), "ended_at");

    assert_read_fails(FCR_MODE_REPLAY, "{" HEADER ", \"ended_at\": \"2026-11-10T14:06:00Z\"}",
                      FCR_ERECORD, "call_ended");
    assert_read_fails(FCR_MODE_REPLAY, "{" HEADER ", \"ended_at\": \"2026-11-10T13:00:00Z\"}",
                      FCR_ERECORD, "earlier than started_at");
}

static void test_call_json__missing_required_fields(void **state)
{
    (void)state;
    assert_read_fails(FCR_MODE_REPLAY,
                      "{\"id\": \"call-1\", \"started_at\": \"2026-11-10T14:00:00Z\"}", FCR_ERECORD,
                      "no format tag");
    assert_string_equal(fcr_last_error_field(), "format");

    assert_read_fails(FCR_MODE_REPLAY,
                      "{\"format\": \"fcr.call/1\", \"started_at\": \"2026-11-10T14:00:00Z\"}",
                      FCR_ERECORD, "has no id");
    assert_string_equal(fcr_last_error_field(), "id");

    assert_read_fails(FCR_MODE_REPLAY, "{\"format\": \"fcr.call/1\", \"id\": \"call-1\"}",
                      FCR_ERECORD, "no start time");
    assert_string_equal(fcr_last_error_field(), "started_at");

    assert_read_fails(FCR_MODE_REPLAY, "{" HEADER ", \"agent\": {\"id\": \"a-1\"}}", FCR_ERECORD,
                      "both an id and a role");
    assert_read_fails(FCR_MODE_REPLAY, "{\"format\": \"fcr.call/1\", \"id\": \"\","
                      " \"started_at\": \"2026-11-10T14:00:00Z\"}", FCR_ERECORD, "id");
    assert_read_fails(FCR_MODE_REPLAY, "[]", FCR_ERECORD, NULL);
}

static void test_call_json__format_versions(void **state)
{
    (void)state;
    assert_read_fails(FCR_MODE_REPLAY,
                      "{\"format\": \"fcr.call/2\", \"id\": \"call-1\","
                      " \"started_at\": \"2026-11-10T14:00:00Z\"}",
                      FCR_EVERSION, "upgrade libfcr");
    assert_string_equal(fcr_last_error_field(), "format");
    assert_read_fails(FCR_MODE_REPLAY,
                      "{\"format\": \"fcr.call/11\", \"id\": \"call-1\","
                      " \"started_at\": \"2026-11-10T14:00:00Z\"}",
                      FCR_EVERSION, NULL);
    assert_read_fails(FCR_MODE_REPLAY,
                      "{\"format\": \"fcr.policy/1\", \"id\": \"call-1\","
                      " \"started_at\": \"2026-11-10T14:00:00Z\"}",
                      FCR_ERECORD, "not a libfcr call record");

    char *json = rewrite("{\"format\": \"fcr.call/1.4\", \"id\": \"call-1\","
                         " \"started_at\": \"2026-11-10T14:00:00Z\"}",
                         0);
    assert_non_null(strstr(json, "\"format\":\"fcr.call/1.4\""));
    fcr_free(json);
}

static void test_call_json__built_call_tag(void **state)
{
    (void)state;
    fcr_call *call = NULL;
    assert_int_equal(fcr_call_new(&call, policy, FCR_MODE_LIVE, "call-9",
                                  test_time("2026-11-10T14:00:00Z")),
                     FCR_OK);
    char *json = write_call(call, 0);
    assert_string_equal(json, "{\"format\":\"fcr.call/1\",\"id\":\"call-9\","
                              "\"started_at\":\"2026-11-10T14:00:00Z\",\"direction\":\"inbound\","
                              "\"caller\":{\"role\":\"patient\"},\"events\":[]}");
    fcr_free(json);

    assert_int_equal(fcr_call_to_json(&json, call, 4), FCR_EINVAL);
    assert_int_equal(fcr_call_to_json(NULL, call, 0), FCR_EINVAL);
    assert_int_equal(fcr_call_to_json(&json, NULL, 0), FCR_EINVAL);
    fcr_call_free(call);
}

/* --- errors ---------------------------------------------------------------- */

static void test_call_json__wrong_type_position(void **state)
{
    (void)state;
    const char *json = "{" HEADER ",\n"
                       "  \"events\": [\n"
                       "    {\"type\": \"concern_stated\", \"at\": \"2026-11-10T14:00:10Z\",\n"
                       "     \"concern\": \"c1\", \"category\": \"refill\", \"request\": \"r\"},\n"
                       "    {\"type\": \"open_question_asked\", \"at\": \"2026-11-10T14:00:15Z\"},\n"
                       "    {\"type\": \"concern_restated\", \"at\": \"2026-11-10T14:00:20Z\",\n"
                       "     \"concern\": \"c1\", \"confirmed\": \"yes\"}\n"
                       "  ]\n"
                       "}";
    assert_read_fails(FCR_MODE_REPLAY, json, FCR_ERECORD, "events[2].confirmed");
    assert_string_equal(fcr_last_error_field(), "events[2].confirmed");
    assert_non_null(strstr(fcr_last_error(), "true or false"));
    assert_int_equal(fcr_last_error_line(), 7);
    assert_int_equal(fcr_last_error_column(), 36);
}

static void test_call_json__unknown_role_position(void **state)
{
    (void)state;
    const char *json = "{" HEADER ",\n"
                       "  \"agent\": {\"id\": \"a-1\", \"role\": \"phone\"}\n"
                       "}";
    assert_read_fails(FCR_MODE_REPLAY, json, FCR_ERECORD, "agent.role");
    assert_string_equal(fcr_last_error_field(), "agent.role");
    assert_non_null(strstr(fcr_last_error(), "use one of front_desk,"));
    assert_int_equal(fcr_last_error_line(), 2);
    assert_int_equal(fcr_last_error_column(), 34);
}

static void test_call_json__not_an_object(void **state)
{
    (void)state;
    assert_read_fails(FCR_MODE_REPLAY, "[{" HEADER "}]", FCR_ERECORD, "(JSON Lines)");
    assert_string_equal(fcr_last_error_field(), "");
    assert_read_fails(FCR_MODE_REPLAY, "\"call-1\"", FCR_ERECORD,
                      "the document must be an object, not a string");
}

static void test_call_json__wrong_types(void **state)
{
    (void)state;
    assert_read_fails(FCR_MODE_REPLAY, "{\"format\": 1}", FCR_ERECORD, "format");
    assert_read_fails(FCR_MODE_REPLAY, "{" HEADER ", \"direction\": \"sideways\"}", FCR_ERECORD,
                      "inbound or outbound");
    assert_read_fails(FCR_MODE_REPLAY, "{" HEADER ", \"caller\": {\"role\": \"parent\"}}",
                      FCR_ERECORD, "patient, proxy or other");
    assert_read_fails(FCR_MODE_REPLAY, "{" HEADER ", \"events\": {}}", FCR_ERECORD, "events");
    assert_read_fails(FCR_MODE_REPLAY, "{" HEADER ", \"events\": [1]}", FCR_ERECORD, "events[0]");
    assert_read_fails(FCR_MODE_REPLAY,
                      "{" HEADER ", \"events\": [{\"type\": \"identity_verified\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"identifiers\": \"name\"}]}",
                      FCR_ERECORD, "events[0].identifiers");
    assert_read_fails(FCR_MODE_REPLAY,
                      "{" HEADER ", \"events\": [{\"type\": \"identity_verified\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"identifiers\": [\"name\", 7]}]}",
                      FCR_ERECORD, "events[0].identifiers[1]");
    assert_read_fails(FCR_MODE_REPLAY,
                      "{" HEADER ", \"events\": [{\"type\": \"escalated\", \"at\": \"tomorrow\"}]}",
                      FCR_ERECORD, "events[0].at");
    assert_read_fails(FCR_MODE_REPLAY,
                      "{\"format\": \"fcr.call/1\", \"id\": \"call-1\", \"started_at\": \"2026-11-10\"}",
                      FCR_ERECORD, "started_at");
}

static void test_call_json__field_of_other_type(void **state)
{
    (void)state;
    assert_read_fails(FCR_MODE_REPLAY,
                      "{" HEADER ", \"events\": [{\"type\": \"concern_stated\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"concern\": \"c1\","
                      " \"category\": \"refill\"}, {\"type\": \"resolved\","
                      " \"at\": \"2026-11-10T14:00:20Z\", \"concern\": \"c1\", \"reason\": \"r\"}]}",
                      FCR_ERECORD, "resolved events have no field 'reason'");
    assert_non_null(strstr(fcr_last_error(), "concern, action, next_step"));
    assert_string_equal(fcr_last_error_field(), "events[1]");

    assert_read_fails(FCR_MODE_REPLAY,
                      "{" HEADER ", \"events\": [{\"type\": \"recap_given\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"concern\": \"c1\"}]}",
                      FCR_ERECORD, "recap_given events do not belong to one concern");
}

static void test_call_json__null_means_absent(void **state)
{
    (void)state;
    fcr_call *call = read_ok(FCR_MODE_REPLAY,
                             "{" HEADER ", \"events\": [{\"type\": \"follow_up_asked\","
                             " \"at\": \"2026-11-10T14:00:10Z\", \"concern\": null, \"topic\": null,"
                             " \"text\": \"Anything else on that?\"}]}");
    const fcr_event *event = fcr_call_event(call, 0);
    assert_null(fcr_event_get_concern(event));
    assert_null(fcr_event_get_string(event, "topic"));
    char *json = write_call(call, 0);
    assert_null(strstr(json, "null"));
    fcr_free(json);
    fcr_call_free(call);

    /* A null concern on an event that needs one is a missing concern. */
    assert_read_fails(FCR_MODE_REPLAY,
                      "{" HEADER ", \"events\": [{\"type\": \"concern_stated\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"concern\": null, \"category\": \"refill\"}]}",
                      FCR_ERECORD, "needs the id of its concern");
    assert_read_fails(FCR_MODE_REPLAY,
                      "{" HEADER ", \"events\": [{\"type\": \"concern_stated\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"concern\": \"c 1\", \"category\": \"refill\"}]}",
                      FCR_ERECORD, "invalid concern id");
    assert_string_equal(fcr_last_error_field(), "events[0].concern");
}

static void test_call_json__unknown_event_type(void **state)
{
    (void)state;
    assert_read_fails(FCR_MODE_REPLAY,
                      "{" HEADER ", \"events\": [{\"type\": \"concern_closed\","
                      " \"at\": \"2026-11-10T14:00:10Z\"}]}",
                      FCR_ERECORD, "unknown event type");
    assert_string_equal(fcr_last_error_field(), "events[0].type");
    assert_read_fails(FCR_MODE_REPLAY,
                      "{" HEADER ", \"events\": [{\"at\": \"2026-11-10T14:00:10Z\"}]}",
                      FCR_ERECORD, "has no type");
    assert_read_fails(FCR_MODE_REPLAY, "{" HEADER ", \"events\": [{\"type\": \"documented\"}]}",
                      FCR_ERECORD, "has no time");
}

static void test_call_json__nul_in_string(void **state)
{
    (void)state;
    assert_read_fails(FCR_MODE_REPLAY,
                      "{" HEADER ", \"events\": [{\"type\": \"documented\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"text\": \"a\\u0000b\"}]}",
                      FCR_ERECORD, "NUL character");
    assert_string_equal(fcr_last_error_field(), "events[0].text");
    assert_read_fails(FCR_MODE_REPLAY,
                      "{\"format\": \"fcr.call/1\", \"id\": \"call\\u0000-1\","
                      " \"started_at\": \"2026-11-10T14:00:00Z\"}",
                      FCR_ERECORD, "NUL character");
}

static void test_call_json__invalid_utf8(void **state)
{
    (void)state;
    assert_read_fails(FCR_MODE_REPLAY,
                      "{" HEADER ", \"events\": [{\"type\": \"documented\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"text\": \"caf\xc3(\"}]}",
                      FCR_EPARSE, "(field events[0].text)");
    /* The parser's own errors name the field the reader was in. */
    assert_string_equal(fcr_last_error_field(), "events[0].text");
    assert_read_fails(FCR_MODE_REPLAY, "{" HEADER ", \"x\": \"\xed\xa0\x80\"}", FCR_EPARSE, NULL);
    assert_string_equal(fcr_last_error_field(), "x");
    assert_read_fails(FCR_MODE_REPLAY, "{" HEADER ", \"x\": \"\xc0\xaf\"}", FCR_EPARSE, NULL);
}

static void test_call_json__malformed_json(void **state)
{
    (void)state;
    assert_read_fails(FCR_MODE_REPLAY, "{" HEADER ",\n  \"events\": [,]\n}", FCR_EPARSE,
                      "record.json");
    assert_int_equal(fcr_last_error_line(), 2);
    assert_read_fails(FCR_MODE_REPLAY, "{" HEADER "} {}", FCR_EPARSE, NULL);
    assert_read_fails(FCR_MODE_REPLAY, "", FCR_EPARSE, NULL);
}

static void test_call_json__out_of_order_line(void **state)
{
    (void)state;
    const char *json = "{" HEADER ",\n"
                       "  \"events\": [\n"
                       "    {\"type\": \"open_question_asked\", \"at\": \"2026-11-10T14:00:15Z\"},\n"
                       "    {\"type\": \"open_question_asked\", \"at\": \"2026-11-10T14:00:20Z\"},\n"
                       "    {\"type\": \"open_question_asked\", \"at\": \"2026-11-10T14:00:10Z\"}\n"
                       "  ]\n"
                       "}";
    assert_read_fails(FCR_MODE_REPLAY, json, FCR_ERECORD, "out of time order");
    assert_string_equal(fcr_last_error_field(), "events[2].at");
    assert_int_equal(fcr_last_error_line(), 5);
    assert_non_null(strstr(fcr_last_error(), "record.json:5:"));
}

static void test_call_json__unknown_concern_line(void **state)
{
    (void)state;
    const char *json = "{" HEADER ",\n"
                       "  \"events\": [\n"
                       "    {\"type\": \"concern_stated\", \"at\": \"2026-11-10T14:00:10Z\",\n"
                       "     \"concern\": \"c1\", \"category\": \"refill\"},\n"
                       "    {\"type\": \"concern_restated\", \"at\": \"2026-11-10T14:00:20Z\",\n"
                       "     \"concern\": \"c2\", \"confirmed\": true}\n"
                       "  ]\n"
                       "}";
    assert_read_fails(FCR_MODE_REPLAY, json, FCR_ERECORD, "unknown concern");
    assert_string_equal(fcr_last_error_field(), "events[1].concern");
    assert_int_equal(fcr_last_error_line(), 5);
}

/* --- live and replay ------------------------------------------------------ */

#define SKIPS_IDENTITY                                                                    \
    "{" HEADER ",\n"                                                                      \
    " \"agent\": {\"id\": \"agent-1\", \"role\": \"front_desk\"},\n"                      \
    " \"events\": [\n"                                                                    \
    "  {\"type\": \"concern_stated\", \"at\": \"2026-11-10T14:00:10Z\", \"concern\": \"c1\"," \
    " \"category\": \"scheduling\", \"request\": \"Reschedule\"},\n"                        \
    "  {\"type\": \"concern_restated\", \"at\": \"2026-11-10T14:00:20Z\", \"concern\": \"c1\"," \
    " \"confirmed\": true},\n"                                                            \
    "  {\"type\": \"authority_checked\", \"at\": \"2026-11-10T14:00:30Z\", \"concern\": \"c1\"},\n" \
    "  {\"type\": \"resolved\", \"at\": \"2026-11-10T14:01:00Z\", \"concern\": \"c1\","    \
    " \"action\": \"Moved the visit\"}\n"                                                 \
    " ]\n"                                                                                \
    "}"

static void test_call_json__live_rejects_deviation(void **state)
{
    (void)state;
    assert_read_fails(FCR_MODE_LIVE, SKIPS_IDENTITY, FCR_EWORKFLOW,
                      "0 of 2 person-specific identifier types");
    assert_int_equal(fcr_last_error_line(), 7);
    assert_string_equal(fcr_last_error_field(), "events[3]");
}

static void test_call_json__replay_lists_deviation(void **state)
{
    (void)state;
    fcr_call *call = read_ok(FCR_MODE_REPLAY, SKIPS_IDENTITY);
    assert_int_equal(fcr_call_deviation_count(call), 1);
    const fcr_deviation *deviation = fcr_call_deviation(call, 0);
    assert_string_equal(fcr_deviation_code(deviation), "verify_identity");
    assert_int_equal(fcr_deviation_step(deviation), FCR_STEP_ACT);
    assert_int_equal(fcr_deviation_event(deviation), 3);
    assert_string_equal(fcr_deviation_concern(deviation), "c1");
    assert_int_equal(fcr_concern_outcome(fcr_call_find_concern(call, "c1")), FCR_OUTCOME_RESOLVED);
    fcr_call_free(call);
}

/* --- privacy -------------------------------------------------------------- */

/* Checks that reading fails with FCR_ERECORD and that the message does not
 * repeat `secret`, a value that came from the record. */
static void assert_not_quoted(const char *json, const char *secret)
{
    fcr_call *call = NULL;
    fcr_status status = read_call(&call, FCR_MODE_REPLAY, json);
    if (status != FCR_ERECORD)
        fail_msg("expected FCR_ERECORD, got %s: %s", fcr_strerror(status), fcr_last_error());
    if (strstr(fcr_last_error(), secret) != NULL)
        fail_msg("message \"%s\" repeats the value \"%s\"", fcr_last_error(), secret);
    if (strstr(fcr_last_error_field(), secret) != NULL)
        fail_msg("field \"%s\" repeats the value \"%s\"", fcr_last_error_field(), secret);
}

static void test_call_json__errors_omit_values(void **state)
{
    (void)state;
    assert_not_quoted("{" HEADER ", \"events\": [{\"type\": \"identity_verified\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"identifiers\": [\"name\", \"Jane Doe\"]}]}",
                      "Jane Doe");
    assert_not_quoted("{" HEADER ", \"events\": [{\"type\": \"identity_verified\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"identifiers\": [\"1985-04-12\"]}]}",
                      "1985-04-12");
    assert_not_quoted("{" HEADER ", \"events\": [{\"type\": \"concern_stated\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"concern\": \"c1\","
                      " \"category\": \"Jane Doe\"}]}",
                      "Jane Doe");
    assert_not_quoted("{" HEADER ", \"events\": [{\"type\": \"concern_stated\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"concern\": \"c1\", \"category\": \"refill\"},"
                      " {\"type\": \"recap_given\", \"at\": \"2026-11-10T14:00:20Z\","
                      " \"concerns\": [\"c1\", \"Jane Doe 1985-04-12\"]}]}",
                      "Jane Doe");
    assert_not_quoted("{" HEADER ", \"events\": [{\"type\": \"concern_stated\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"concern\": \"c1\", \"category\": \"refill\"},"
                      " {\"type\": \"escalated\", \"at\": \"2026-11-10T14:00:20Z\", \"concern\": \"c1\","
                      " \"target\": \"Dr Jane Doe\"}]}",
                      "Jane Doe");
    assert_not_quoted("{" HEADER ", \"agent\": {\"id\": \"a-1\", \"role\": \"Jane Doe\"}}",
                      "Jane Doe");
    assert_not_quoted("{" HEADER ", \"events\": [{\"type\": \"anything_else_asked\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"answer\": \"Jane Doe\"}]}",
                      "Jane Doe");
    assert_not_quoted("{" HEADER ", \"events\": [{\"type\": \"authority_checked\","
                      " \"at\": \"2026-11-10T14:00:10Z\", \"concern\": \"c1\","
                      " \"decision\": \"Jane Doe\"}]}",
                      "Jane Doe");
    assert_not_quoted("{" HEADER ", \"events\": [{\"type\": \"documented\","
                      " \"at\": \"1985-04-12\"}]}",
                      "1985-04-12");
    assert_not_quoted("{" HEADER ", \"caller\": {\"role\": \"Jane Doe\"}}", "Jane Doe");
}

static void test_call_json__null_arguments(void **state)
{
    (void)state;
    fcr_call *call = NULL;
    assert_int_equal(fcr_call_from_json(NULL, policy, FCR_MODE_REPLAY, "{}", 2, NULL), FCR_EINVAL);
    assert_int_equal(fcr_call_from_json(&call, NULL, FCR_MODE_REPLAY, "{}", 2, NULL), FCR_EINVAL);
    assert_int_equal(fcr_call_from_json(&call, policy, FCR_MODE_REPLAY, NULL, 0, NULL), FCR_EINVAL);
    assert_int_equal(fcr_call_from_json(&call, policy, (fcr_mode)7, "{}", 2, NULL), FCR_EINVAL);
    assert_null(call);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_call_json__round_trip_pretty),
        cmocka_unit_test(test_call_json__round_trip_compact),
        cmocka_unit_test(test_call_json__pretty_and_compact_agree),
        cmocka_unit_test(test_call_json__keeps_header_fields),
        cmocka_unit_test(test_call_json__keeps_events_and_concerns),
        cmocka_unit_test(test_call_json__keeps_unknown_fields),
        cmocka_unit_test(test_call_json__field_order_free),
        cmocka_unit_test(test_call_json__ended_at_matches_event),
        cmocka_unit_test(test_call_json__missing_required_fields),
        cmocka_unit_test(test_call_json__format_versions),
        cmocka_unit_test(test_call_json__built_call_tag),
        cmocka_unit_test(test_call_json__wrong_type_position),
        cmocka_unit_test(test_call_json__unknown_role_position),
        cmocka_unit_test(test_call_json__not_an_object),
        cmocka_unit_test(test_call_json__wrong_types),
        cmocka_unit_test(test_call_json__field_of_other_type),
        cmocka_unit_test(test_call_json__null_means_absent),
        cmocka_unit_test(test_call_json__unknown_event_type),
        cmocka_unit_test(test_call_json__nul_in_string),
        cmocka_unit_test(test_call_json__invalid_utf8),
        cmocka_unit_test(test_call_json__malformed_json),
        cmocka_unit_test(test_call_json__out_of_order_line),
        cmocka_unit_test(test_call_json__unknown_concern_line),
        cmocka_unit_test(test_call_json__live_rejects_deviation),
        cmocka_unit_test(test_call_json__replay_lists_deviation),
        cmocka_unit_test(test_call_json__errors_omit_values),
        cmocka_unit_test(test_call_json__null_arguments),
    };
    return cmocka_run_group_tests(tests, setup_policy, teardown_policy);
}
