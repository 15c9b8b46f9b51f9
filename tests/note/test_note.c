/* SPDX-License-Identifier: MIT */
/* fcr_note_write(): arguments, calls in progress and without concerns, free
 * text on one line, the profiles, independence from TZ and locale, and
 * allocation failures. The vectors in tests/vectors cover whole outputs. */
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test_support.h"

static const fcr_note_format all_formats[] = {FCR_NOTE_TEXT, FCR_NOTE_LINE, FCR_NOTE_JSON,
                                              FCR_NOTE_FHIR};

static fcr_call *read_call(const char *json)
{
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);
    fcr_call *call = NULL;
    fcr_status status = fcr_call_from_json(&call, policy, FCR_MODE_REPLAY, json, strlen(json),
                                           "call");
    fcr_policy_free(policy);
    if (status != FCR_OK)
        fail_msg("call rejected: %s", fcr_last_error());
    return call;
}

/* Not inlined: GCC's -Wdangling-pointer otherwise suspects that the string
 * returned through &text points at the local `text` itself. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static char *note(const fcr_call *call, fcr_note_format format, fcr_profile profile)
{
    char *text = NULL;
    fcr_status status = fcr_note_write(&text, call, format, profile);
    if (status != FCR_OK)
        fail_msg("fcr_note_write failed: %s", fcr_last_error());
    return text;
}

static void assert_contains(const char *text, const char *fragment)
{
    if (strstr(text, fragment) == NULL)
        fail_msg("\"%s\" is missing from:\n%s", fragment, text);
}

static void assert_lacks(const char *text, const char *fragment)
{
    if (strstr(text, fragment) != NULL)
        fail_msg("\"%s\" should not be in:\n%s", fragment, text);
}

static size_t count_lines(const char *text)
{
    size_t lines = 0;
    for (; *text != '\0'; text++)
        lines += *text == '\n';
    return lines;
}

static size_t count_occurrences(const char *text, const char *needle)
{
    size_t count = 0;
    size_t length = strlen(needle);
    for (const char *at = strstr(text, needle); at != NULL; at = strstr(at + length, needle))
        count++;
    return count;
}

/* A call in progress: one escalated concern and one without an outcome, a
 * request over two lines, a proxy caller whose authority is not
 * confirmed, and an outbound direction. */
static const char in_progress_call[] =
    "{\"format\": \"fcr.call/1\", \"id\": \"call-77\", \"started_at\": \"2026-11-10T14:00:00Z\","
    " \"direction\": \"outbound\","
    " \"agent\": {\"id\": \"agent-5\", \"role\": \"medical_assistant\"},"
    " \"caller\": {\"role\": \"proxy\", \"patient_key\": \"p-key-9\"},"
    " \"events\": ["
    "{\"type\": \"concern_stated\", \"at\": \"2026-11-10T14:00:10Z\", \"concern\": \"c1\","
    " \"category\": \"symptoms\", \"request\": \"Fever since Sunday\\nand a rash\\ton the arm\"},"
    "{\"type\": \"concern_stated\", \"at\": \"2026-11-10T14:00:20Z\", \"concern\": \"c2\","
    " \"category\": \"billing\", \"request\": \"Caf\\u00e9 receipt \\u2713\"},"
    "{\"type\": \"identity_verified\", \"at\": \"2026-11-10T14:01:00Z\","
    " \"identifiers\": [\"name\", \"date_of_birth\"]},"
    "{\"type\": \"escalated\", \"at\": \"2026-11-10T14:02:00Z\", \"concern\": \"c1\","
    " \"target\": \"nurse_triage\", \"reason\": \"Symptoms need a nurse\","
    " \"owner\": \"Nurse Kim\", \"due_at\": \"2026-11-10T15:00:00Z\"}]}";

static void test_note__rejects_invalid_arguments(void **state)
{
    (void)state;
    fcr_call *call = read_call(in_progress_call);
    char sentinel[] = "unchanged";
    char *text = sentinel;

    assert_int_equal(fcr_note_write(NULL, call, FCR_NOTE_TEXT, FCR_PROFILE_CHART), FCR_EINVAL);
    assert_int_equal(fcr_note_write(&text, NULL, FCR_NOTE_TEXT, FCR_PROFILE_CHART), FCR_EINVAL);
    assert_int_equal(fcr_note_write(&text, call, (fcr_note_format)4, FCR_PROFILE_CHART),
                     FCR_EINVAL);
    assert_non_null(strstr(fcr_last_error(), "unknown note format"));
    assert_int_equal(fcr_note_write(&text, call, (fcr_note_format)-1, FCR_PROFILE_CHART),
                     FCR_EINVAL);
    assert_int_equal(fcr_note_write(&text, call, FCR_NOTE_TEXT, (fcr_profile)2), FCR_EINVAL);
    assert_non_null(strstr(fcr_last_error(), "unknown profile"));
    assert_ptr_equal(text, sentinel);
    fcr_call_free(call);
}

static void test_note__text_of_call_in_progress(void **state)
{
    (void)state;
    fcr_call *call = read_call(in_progress_call);
    char *text = note(call, FCR_NOTE_TEXT, FCR_PROFILE_CHART);

    assert_contains(text, "Direction: outbound\n");
    assert_contains(text, "Duration: call in progress\n");
    assert_contains(text, "Agent: agent-5 (medical assistant)\n");
    assert_contains(text, "Caller: proxy acting for the patient, authority not confirmed\n");
    assert_contains(text, "Identity: not verified (confirmed: name, date of birth; "
                          "proxy authority not confirmed)\n");
    assert_contains(text, "Patient Request: Fever since Sunday and a rash on the arm\n");
    assert_contains(text, "Action Taken: Escalated to nurse triage\n");
    assert_contains(text, "Owner: Nurse Kim (nurse triage)\n");
    assert_contains(text, "Reason: Symptoms need a nurse\n");
    assert_contains(text, "Due: 2026-11-10 15:00 +00:00\n");
    assert_contains(text, "Concern c2: billing, unresolved\n");
    assert_contains(text, "Patient Request: Caf\xc3\xa9 receipt \xe2\x9c\x93\n");
    assert_contains(text, "Action Taken: No action recorded; unresolved\n");
    assert_lacks(text, "computed from the policy");
    assert_lacks(text, "Documented:");
    assert_lacks(text, "p-key-9");
    fcr_free(text);
    fcr_call_free(call);
}

static void test_note__lines_flatten_free_text(void **state)
{
    (void)state;
    fcr_call *call = read_call(in_progress_call);
    char *lines = note(call, FCR_NOTE_LINE, FCR_PROFILE_CHART);

    assert_int_equal(count_lines(lines), 2);
    assert_string_equal(
        lines,
        "2026-11-10 14:00 +00:00 | c1 symptoms | Request: Fever since Sunday and a rash on the "
        "arm > Action: Escalated to nurse triage, reason: Symptoms need a nurse > Next: "
        "Follow-up (Nurse Kim, nurse triage, due 2026-11-10 15:00 +00:00)\n"
        "2026-11-10 14:00 +00:00 | c2 billing | Request: Caf\xc3\xa9 receipt \xe2\x9c\x93 > "
        "Action: No action recorded; unresolved > Next: none recorded\n");
    fcr_free(lines);
    fcr_call_free(call);
}

static void test_note__json_of_call_in_progress(void **state)
{
    (void)state;
    fcr_call *call = read_call(in_progress_call);
    char *json = note(call, FCR_NOTE_JSON, FCR_PROFILE_CHART);

    assert_int_equal(count_lines(json), 0);
    assert_contains(json, "\"format\":\"fcr.note/1\",\"profile\":\"chart\"");
    assert_contains(json, "\"ended_at\":null,\"duration_seconds\":null");
    assert_contains(json, "\"caller_role\":\"proxy\",\"proxy_authority\":false,"
                          "\"patient_key\":\"p-key-9\",\"identity_verified\":false");
    /* JSON keeps the request as recorded, line break included. */
    assert_contains(json, "\"request\":\"Fever since Sunday\\nand a rash\\ton the arm\"");
    assert_contains(json, "\"due_at\":\"2026-11-10T15:00:00Z\",\"due_computed\":false");
    assert_contains(json, "\"outcome\":\"none\",\"action\":null");
    assert_contains(json, "\"documented_at\":null}");
    fcr_free(json);
    fcr_call_free(call);
}

static void test_note__fhir_of_call_in_progress(void **state)
{
    (void)state;
    fcr_call *call = read_call(in_progress_call);
    char *fhir = note(call, FCR_NOTE_FHIR, FCR_PROFILE_CHART);

    assert_contains(fhir, "\"resourceType\": \"Communication\"");
    assert_contains(fhir, "\"status\": \"in-progress\"");
    assert_contains(fhir, "\"text\": \"outbound phone call\"");
    assert_lacks(fhir, "\"sent\"");
    assert_lacks(fhir, "\"end\": \"2026-11-10T14");
    assert_contains(fhir, "\"code\": \"VR\"");
    assert_contains(fhir, "\"intent\": \"order\"");
    assert_contains(fhir, "\"display\": \"Nurse Kim (nurse triage)\"");
    assert_contains(fhir, "\"value\": \"p-key-9\"");
    /* One Task: only the escalated concern has a follow-up. */
    assert_int_equal(count_occurrences(fhir, "\"resourceType\": \"Task\""), 1);
    fcr_free(fhir);
    fcr_call_free(call);
}

static void test_note__qa_masks_free_text(void **state)
{
    (void)state;
    fcr_call *call = read_call(in_progress_call);

    for (size_t i = 0; i < sizeof all_formats / sizeof all_formats[0]; i++) {
        char *qa = note(call, all_formats[i], FCR_PROFILE_QA);
        assert_contains(qa, "[redacted]");
        assert_lacks(qa, "Fever since Sunday");
        assert_lacks(qa, "Caf\xc3\xa9");
        assert_lacks(qa, "Symptoms need a nurse");
        assert_lacks(qa, "Nurse Kim");
        assert_lacks(qa, "p-key-9");
        /* Ids, categories and times stay; the line format has no call id. */
        if (all_formats[i] != FCR_NOTE_LINE)
            assert_contains(qa, "call-77");
        assert_contains(qa, "c1");
        assert_contains(qa, "symptoms");
        fcr_free(qa);
    }

    char *json = note(call, FCR_NOTE_JSON, FCR_PROFILE_QA);
    assert_contains(json, "\"profile\":\"qa\"");
    assert_contains(json, "\"patient_key\":\"[redacted]\"");
    assert_contains(json, "\"action\":null");
    fcr_free(json);

    char *fhir = note(call, FCR_NOTE_FHIR, FCR_PROFILE_QA);
    assert_contains(fhir, "\"code\": \"REDACTED\"");
    assert_lacks(fhir, "\"subject\"");
    assert_lacks(fhir, "\"for\"");
    fcr_free(fhir);
    fcr_call_free(call);
}

static void test_note__call_without_concerns(void **state)
{
    (void)state;
    fcr_call *call = read_call(
        "{\"format\": \"fcr.call/1\", \"id\": \"call-0\", \"started_at\": \"2026-11-10T14:00:00Z\","
        " \"events\": [{\"type\": \"call_ended\", \"at\": \"2026-11-10T14:00:45Z\"}]}");

    char *text = note(call, FCR_NOTE_TEXT, FCR_PROFILE_CHART);
    assert_contains(text, "Duration: 45 s\n");
    assert_contains(text, "Agent: not recorded\n");
    assert_contains(text, "Identity: not verified (no identifier type confirmed; 2 "
                          "person-specific types required)\n");
    assert_contains(text, "\nNo concern was recorded.\n");
    fcr_free(text);

    char *lines = note(call, FCR_NOTE_LINE, FCR_PROFILE_CHART);
    assert_string_equal(lines, "2026-11-10 14:00 +00:00 | no concern recorded\n");
    fcr_free(lines);

    char *json = note(call, FCR_NOTE_JSON, FCR_PROFILE_CHART);
    assert_contains(json, "\"agent_id\":null");
    assert_contains(json, "\"concerns\":[]");
    fcr_free(json);

    char *fhir = note(call, FCR_NOTE_FHIR, FCR_PROFILE_CHART);
    assert_lacks(fhir, "\"Task\"");
    assert_lacks(fhir, "\"participant\"");
    assert_contains(fhir, "\"status\": \"finished\"");
    fcr_free(fhir);
    fcr_call_free(call);
}

static void test_note__follow_up_parts_missing(void **state)
{
    (void)state;
    /* Replay mode accepts an escalation without target, owner or due time
     * and a move forward without owner; the note says what is missing. */
    fcr_call *call = read_call(
        "{\"format\": \"fcr.call/1\", \"id\": \"call-8\", \"started_at\": \"2026-11-10T14:00:00Z\","
        " \"events\": ["
        "{\"type\": \"concern_stated\", \"at\": \"2026-11-10T14:00:10Z\", \"concern\": \"c1\","
        " \"category\": \"other\"},"
        "{\"type\": \"concern_stated\", \"at\": \"2026-11-10T14:00:20Z\", \"concern\": \"c2\","
        " \"category\": \"records\", \"request\": \"Copy of my chart\"},"
        "{\"type\": \"escalated\", \"at\": \"2026-11-10T14:01:00Z\", \"concern\": \"c1\","
        " \"reason\": \"Needs the manager\"},"
        "{\"type\": \"moved_forward\", \"at\": \"2026-11-10T14:02:00Z\", \"concern\": \"c2\","
        " \"action\": \"Started the request\"}]}");

    char *text = note(call, FCR_NOTE_TEXT, FCR_PROFILE_CHART);
    assert_contains(text, "Concern c1: other, escalated\n"
                          "Patient Request: not recorded\n"
                          "Action Taken: Escalated (target not recorded)\n"
                          "Next Steps or Follow-Up: Follow-up\n"
                          "Owner: not recorded\n"
                          "Reason: Needs the manager\n"
                          "Due: not recorded\n");
    assert_contains(text, "Concern c2: medical records, moved forward\n"
                          "Patient Request: Copy of my chart\n"
                          "Action Taken: Started the request\n"
                          "Next Steps or Follow-Up: none recorded\n"
                          "Owner: not recorded\n"
                          "Due: not recorded\n");
    fcr_free(text);

    char *lines = note(call, FCR_NOTE_LINE, FCR_PROFILE_CHART);
    assert_contains(lines, "Action: Escalated (target not recorded), reason: Needs the manager > "
                           "Next: Follow-up (owner not recorded, no due time recorded)\n");
    fcr_free(lines);

    char *fhir = note(call, FCR_NOTE_FHIR, FCR_PROFILE_CHART);
    assert_int_equal(count_occurrences(fhir, "\"resourceType\": \"Task\""), 2);
    assert_lacks(fhir, "\"owner\"");
    assert_lacks(fhir, "\"restriction\"");
    fcr_free(fhir);

    char *recap = NULL;
    assert_int_equal(fcr_recap_write(&recap, call), FCR_OK);
    assert_string_equal(recap, "I have flagged your other for follow-up. For your medical "
                               "records: Started the request. Next: follow-up.");
    fcr_free(recap);
    fcr_call_free(call);
}

static void test_note__text_and_lines_end_with_newline(void **state)
{
    (void)state;
    fcr_call *call = read_call(in_progress_call);
    for (size_t i = 0; i < sizeof all_formats / sizeof all_formats[0]; i++) {
        char *text = note(call, all_formats[i], FCR_PROFILE_CHART);
        size_t length = strlen(text);
        bool newline = length > 0 && text[length - 1] == '\n';
        if (all_formats[i] == FCR_NOTE_TEXT || all_formats[i] == FCR_NOTE_LINE)
            assert_true(newline);
        else
            assert_false(newline);
        fcr_free(text);
    }
    fcr_call_free(call);
}

static void test_note__same_whatever_tz_and_locale(void **state)
{
    (void)state;
    fcr_call *call = read_call(in_progress_call);
    char *before[4];
    for (size_t i = 0; i < 4; i++)
        before[i] = note(call, all_formats[i], FCR_PROFILE_CHART);
    char *recap_before = NULL;
    assert_int_equal(fcr_recap_write(&recap_before, call), FCR_OK);

    /* Another zone and, where installed, a locale with a decimal comma and
     * other month names. */
    setenv("TZ", "Asia/Tokyo", 1);
    tzset();
    if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL)
        setlocale(LC_ALL, "C.UTF-8");

    for (size_t i = 0; i < 4; i++) {
        char *after = note(call, all_formats[i], FCR_PROFILE_CHART);
        assert_string_equal(after, before[i]);
        fcr_free(after);
        fcr_free(before[i]);
    }
    char *recap_after = NULL;
    assert_int_equal(fcr_recap_write(&recap_after, call), FCR_OK);
    assert_string_equal(recap_after, recap_before);

    setlocale(LC_ALL, "C");
    unsetenv("TZ");
    tzset();
    fcr_free(recap_before);
    fcr_free(recap_after);
    fcr_call_free(call);
}

static void test_note__allocation_failures(void **state)
{
    (void)state;
    fcr_call *call = read_call(in_progress_call);
    long outstanding = test_alloc_outstanding();

    for (size_t f = 0; f < sizeof all_formats / sizeof all_formats[0]; f++) {
        for (int profile = FCR_PROFILE_CHART; profile <= FCR_PROFILE_QA; profile++) {
            unsigned long failures = 0;
            for (unsigned long n = 1;; n++) {
                char *text = NULL;
                test_alloc_fail_at(n);
                fcr_status status = fcr_note_write(&text, call, all_formats[f],
                                                   (fcr_profile)profile);
                test_alloc_reset();
                if (status == FCR_OK) {
                    fcr_free(text);
                    break;
                }
                if (status != FCR_ENOMEM)
                    fail_msg("format %d, profile %d, allocation %lu: got %s instead of ENOMEM",
                             (int)all_formats[f], profile, n, fcr_strerror(status));
                assert_null(text);
                assert_int_equal(test_alloc_outstanding(), outstanding);
                failures++;
                assert_true(n < 1000);
            }
            /* Every format allocates at least its output buffer. */
            assert_true(failures > 0);
        }
    }
    assert_int_equal(test_alloc_outstanding(), outstanding);
    fcr_call_free(call);
}

int main(void)
{
    test_alloc_install();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_note__rejects_invalid_arguments),
        cmocka_unit_test(test_note__text_of_call_in_progress),
        cmocka_unit_test(test_note__lines_flatten_free_text),
        cmocka_unit_test(test_note__json_of_call_in_progress),
        cmocka_unit_test(test_note__fhir_of_call_in_progress),
        cmocka_unit_test(test_note__qa_masks_free_text),
        cmocka_unit_test(test_note__call_without_concerns),
        cmocka_unit_test(test_note__follow_up_parts_missing),
        cmocka_unit_test(test_note__text_and_lines_end_with_newline),
        cmocka_unit_test(test_note__same_whatever_tz_and_locale),
        cmocka_unit_test(test_note__allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
