/* SPDX-License-Identifier: MIT */
/* Transcripts through the public API: the importers on the copied real
 * samples, hostile inputs, rule files, and the call derived with evidence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <fcr/fcr.h>

#include "test_support.h"

static char *data_path(const char *relative)
{
    return strdup(test_data_path(relative));
}

static fcr_transcript_list *load_list(fcr_transcript_format format, const char *relative)
{
    char *path = data_path(relative);
    fcr_transcript_list *list = NULL;
    fcr_status status = fcr_transcript_list_load_file(&list, format, path);
    if (status != FCR_OK)
        fprintf(stderr, "%s\n", fcr_last_error());
    assert_int_equal(status, FCR_OK);
    free(path);
    return list;
}

static fcr_transcript *load_primock(const char *consultation)
{
    char agent[256], caller[256];
    snprintf(agent, sizeof agent, "transcripts/primock57/%s_doctor.TextGrid", consultation);
    snprintf(caller, sizeof caller, "transcripts/primock57/%s_patient.TextGrid", consultation);
    char *agent_path = data_path(agent);
    char *caller_path = data_path(caller);
    fcr_transcript *transcript = NULL;
    fcr_status status = fcr_transcript_load_textgrid_files(&transcript, agent_path, caller_path);
    if (status != FCR_OK)
        fprintf(stderr, "%s\n", fcr_last_error());
    assert_int_equal(status, FCR_OK);
    free(agent_path);
    free(caller_path);
    return transcript;
}

static fcr_call *derive(const fcr_transcript *transcript)
{
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);
    fcr_call *call = NULL;
    fcr_status status = fcr_call_from_transcript(&call, policy, transcript, NULL);
    if (status != FCR_OK)
        fprintf(stderr, "%s\n", fcr_last_error());
    assert_int_equal(status, FCR_OK);
    fcr_policy_free(policy);
    return call;
}

static size_t count_events(const fcr_call *call, fcr_event_type type)
{
    size_t count = 0;
    for (size_t i = 0; i < fcr_call_event_count(call); i++)
        count += fcr_event_get_type(fcr_call_event(call, i)) == type;
    return count;
}

static const fcr_event *first_event(const fcr_call *call, fcr_event_type type)
{
    for (size_t i = 0; i < fcr_call_event_count(call); i++) {
        if (fcr_event_get_type(fcr_call_event(call, i)) == type)
            return fcr_call_event(call, i);
    }
    return NULL;
}

/* --- importers on the real samples --------------------------------------------- */

static void test_transcript__textgrid_pair(void **state)
{
    (void)state;
    fcr_transcript *transcript = load_primock("day1_consultation01");
    assert_string_equal(fcr_transcript_id(transcript), "day1_consultation01");
    assert_true(fcr_transcript_turn_count(transcript) > 40);
    assert_int_equal(fcr_transcript_turn_role(transcript, 0), FCR_TURN_AGENT);
    assert_int_equal(fcr_transcript_started_at(transcript), FCR_TIME_NONE);

    /* Tags are gone and the words inside <UNSURE> stay. */
    const char *first = fcr_transcript_turn_text(transcript, 0);
    assert_null(strchr(first, '<'));
    assert_non_null(strstr(first, "Hello how"));
    assert_non_null(strstr(first, "how can I help you this morning?"));

    /* Merged by start time, and no two turns in a row share a speaker. */
    for (size_t i = 1; i < fcr_transcript_turn_count(transcript); i++) {
        assert_true(fcr_transcript_turn_start(transcript, i) >=
                    fcr_transcript_turn_start(transcript, i - 1));
        assert_int_not_equal(fcr_transcript_turn_role(transcript, i),
                             fcr_transcript_turn_role(transcript, i - 1));
        assert_non_null(fcr_transcript_turn_text(transcript, i));
        assert_true(fcr_transcript_turn_text(transcript, i)[0] != '\0');
    }
    fcr_transcript_free(transcript);
}

static void test_transcript__contact_lens_chat(void **state)
{
    (void)state;
    fcr_transcript_list *list =
        load_list(FCR_TRANSCRIPT_CONTACT_LENS, "transcripts/contact-lens/chat_analysis_redacted.json");
    assert_int_equal(fcr_transcript_list_count(list), 1);
    const fcr_transcript *transcript = fcr_transcript_list_item(list, 0);
    assert_string_equal(fcr_transcript_id(transcript), "b49644f6-672f-445c-b209-f76b36482830");
    assert_int_equal(fcr_transcript_started_at(transcript), test_time("2022-10-27T03:31:50.735Z"));
    assert_int_equal(fcr_transcript_turn_count(transcript), 31);
    assert_int_equal(fcr_transcript_turn_role(transcript, 0), FCR_TURN_SYSTEM);
    assert_int_equal(fcr_transcript_turn_role(transcript, 3), FCR_TURN_AGENT);
    assert_int_equal(fcr_transcript_turn_role(transcript, 4), FCR_TURN_CALLER);
    assert_true(fcr_transcript_turn_start(transcript, 3) > 12.0);
    assert_true(fcr_transcript_turn_start(transcript, 3) < 13.0);
    fcr_transcript_list_free(list);
}

static void test_transcript__contact_lens_voice_rejected(void **state)
{
    (void)state;
    struct {
        const char *file;
        size_t line;
        size_t column;
    } cases[] = {
        {"transcripts/contact-lens/voice_analysis_original.json", 297, 1},
        {"transcripts/contact-lens/voice_analysis_redacted.json", 10, 44},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = data_path(cases[i].file);
        fcr_transcript_list *list = NULL;
        assert_int_equal(fcr_transcript_list_load_file(&list, FCR_TRANSCRIPT_CONTACT_LENS, path),
                         FCR_EPARSE);
        assert_null(list);
        assert_int_equal(fcr_last_error_line(), cases[i].line);
        assert_int_equal(fcr_last_error_column(), cases[i].column);
        assert_non_null(strstr(fcr_last_error(), path));
        free(path);
    }
}

static void test_transcript__contact_lens_segments(void **state)
{
    (void)state;
    fcr_transcript_list *list =
        load_list(FCR_TRANSCRIPT_CONTACT_LENS, "transcripts/contact-lens/rtca_voice_segments_event.json");
    const fcr_transcript *transcript = fcr_transcript_list_item(list, 0);
    /* Two Transcript segments; the partial Utterance segments are skipped. */
    assert_int_equal(fcr_transcript_turn_count(transcript), 2);
    assert_int_equal(fcr_transcript_turn_role(transcript, 1), FCR_TURN_CALLER);
    assert_true(fcr_transcript_turn_start(transcript, 0) == 19.01);
    fcr_transcript_list_free(list);

    char *path = data_path("transcripts/contact-lens/rtca_voice_started_event.json");
    fcr_transcript_list *started = NULL;
    assert_int_equal(fcr_transcript_list_load_file(&started, FCR_TRANSCRIPT_CONTACT_LENS, path),
                     FCR_ERECORD);
    assert_non_null(strstr(fcr_last_error(), "no transcript turns"));
    free(path);
}

static void test_transcript__abcd_sample(void **state)
{
    (void)state;
    fcr_transcript_list *list = load_list(FCR_TRANSCRIPT_ABCD, "transcripts/abcd/abcd_sample.json");
    assert_int_equal(fcr_transcript_list_count(list), 3);
    const fcr_transcript *transcript = fcr_transcript_list_item(list, 0);
    assert_string_equal(fcr_transcript_id(transcript), "abcd-3592");
    assert_int_equal(fcr_transcript_turn_count(transcript), 29);
    assert_int_equal(fcr_transcript_turn_role(transcript, 6), FCR_TURN_SYSTEM);
    assert_int_equal(fcr_transcript_turn_role(transcript, 7), FCR_TURN_CALLER);
    assert_true(fcr_transcript_turn_start(transcript, 0) < 0);
    fcr_transcript_list_free(list);
}

static void test_transcript__csv_dialogue_tags(void **state)
{
    (void)state;
    fcr_transcript_list *list =
        load_list(FCR_TRANSCRIPT_CSV_DIALOGUE, "transcripts/mts-dialog/MTS-Dialog-ValidationSet-first8.csv");
    assert_int_equal(fcr_transcript_list_count(list), 8);
    const fcr_transcript *first = fcr_transcript_list_item(list, 0);
    assert_string_equal(fcr_transcript_id(first), "MTS-Dialog-ValidationSet-first8-0");
    assert_int_equal(fcr_transcript_turn_role(first, 0), FCR_TURN_AGENT);
    assert_string_equal(fcr_transcript_turn_text(first, 0), "When did your pain begin?");
    /* " Patient:" with a leading space is the caller. */
    assert_int_equal(fcr_transcript_turn_role(first, 1), FCR_TURN_CALLER);
    fcr_transcript_list_free(list);

    list = load_list(FCR_TRANSCRIPT_CSV_DIALOGUE, "transcripts/aci-bench/valid-first2.csv");
    assert_int_equal(fcr_transcript_list_count(list), 2);
    const fcr_transcript *visit = fcr_transcript_list_item(list, 0);
    assert_string_equal(fcr_transcript_id(visit), "D2N068");
    assert_string_equal(fcr_transcript_turn_text(visit, 0), "hi , brian . how are you ?");
    fcr_transcript_list_free(list);

    /* The tag spellings of the two sets, mapped by their letters. */
    static const char csv[] =
        "id,dialogue\n"
        "1,\"Doctor: a\n Patient: b\nGuest_family_1: c\nDocotr_2: d\n[patient_guest] e\n"
        "Guest_clinician: f\nGest_family: g\ncontinued\"\n";
    fcr_transcript_list *tags = NULL;
    assert_int_equal(fcr_transcript_list_load(&tags, FCR_TRANSCRIPT_CSV_DIALOGUE, csv,
                                              strlen(csv), "tags.csv"),
                     FCR_OK);
    const fcr_transcript *t = fcr_transcript_list_item(tags, 0);
    const fcr_turn_role roles[] = {FCR_TURN_AGENT, FCR_TURN_CALLER, FCR_TURN_CALLER,
                                   FCR_TURN_AGENT, FCR_TURN_CALLER, FCR_TURN_AGENT,
                                   FCR_TURN_CALLER};
    assert_int_equal(fcr_transcript_turn_count(t), 7);
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(fcr_transcript_turn_role(t, i), roles[i]);
    /* Each tagged line is a turn, even when two callers speak in a row; a
     * line without a tag continues the turn before it. */
    assert_string_equal(fcr_transcript_turn_text(t, 6), "g continued");
    fcr_transcript_list_free(tags);
}

static void test_transcript__json_round_trip(void **state)
{
    (void)state;
    fcr_transcript *transcript = NULL;
    assert_int_equal(fcr_transcript_new(&transcript, "call-1"), FCR_OK);
    assert_int_equal(fcr_transcript_set_started_at(transcript, test_time("2026-11-10T14:02:00Z")),
                     FCR_OK);
    assert_int_equal(fcr_transcript_add_turn(transcript, FCR_TURN_AGENT, 0.5, 2.0,
                                             "How can I help you today?"),
                     FCR_OK);
    assert_int_equal(fcr_transcript_add_turn(transcript, FCR_TURN_CALLER, 2.5, -1,
                                             "I need a refill of my \"blood pressure\" pills."),
                     FCR_OK);
    /* A turn that ends before it starts is rejected, and the message gives both times. */
    assert_int_equal(fcr_transcript_add_turn(transcript, FCR_TURN_AGENT, 9, 3, "x"), FCR_EINVAL);
    assert_non_null(strstr(fcr_last_error(), "(start 9.000 s, end 3.000 s)"));
    assert_int_equal(fcr_transcript_turn_count(transcript), 2);

    char *json = NULL;
    assert_int_equal(fcr_transcript_to_json(&json, transcript, 0), FCR_OK);

    fcr_transcript_list *list = NULL;
    assert_int_equal(fcr_transcript_list_load(&list, FCR_TRANSCRIPT_JSON, json, strlen(json), NULL),
                     FCR_OK);
    const fcr_transcript *back = fcr_transcript_list_item(list, 0);
    assert_string_equal(fcr_transcript_id(back), "call-1");
    assert_int_equal(fcr_transcript_started_at(back), test_time("2026-11-10T14:02:00Z"));
    assert_int_equal(fcr_transcript_turn_count(back), 2);
    assert_true(fcr_transcript_turn_start(back, 0) == 0.5);
    assert_true(fcr_transcript_turn_end(back, 1) < 0);
    assert_string_equal(fcr_transcript_turn_text(back, 1),
                        "I need a refill of my \"blood pressure\" pills.");
    fcr_transcript_list_free(list);
    fcr_free(json);
    fcr_transcript_free(transcript);
}

/* --- hostile inputs ------------------------------------------------------------- */

static fcr_status load_json(const char *text, size_t length)
{
    fcr_transcript_list *list = NULL;
    fcr_status status = fcr_transcript_list_load(&list, FCR_TRANSCRIPT_JSON, text, length, "bad.json");
    assert_true(status == FCR_OK || list == NULL);
    fcr_transcript_list_free(list);
    return status;
}

static void test_transcript__hostile_json(void **state)
{
    (void)state;
    static const char truncated[] = "{\"format\":\"fcr.transcript/1\",\"id\":\"x\",\"turns\":[{\"role\":";
    assert_int_equal(load_json(truncated, strlen(truncated)), FCR_EPARSE);
    assert_int_equal(fcr_last_error_line(), 1);

    static const char invalid_utf8[] =
        "{\"format\":\"fcr.transcript/1\",\"id\":\"x\",\"turns\":[{\"role\":\"agent\",\"text\":\"a\xff\"}]}";
    assert_int_equal(load_json(invalid_utf8, strlen(invalid_utf8)), FCR_EPARSE);

    static const char nul[] =
        "{\"format\":\"fcr.transcript/1\",\"id\":\"x\",\"turns\":[{\"role\":\"agent\",\"text\":\"a\\u0000b\"}]}";
    assert_int_equal(load_json(nul, strlen(nul)), FCR_ERECORD);
    assert_null(strstr(fcr_last_error(), "a\\u0000b"));

    static const char embedded_nul[] = "{\"format\":\"fcr.transcript/1\",\0\"id\":\"x\"}";
    assert_int_equal(load_json(embedded_nul, sizeof embedded_nul - 1), FCR_EPARSE);

    static const char bad_role[] =
        "{\"format\":\"fcr.transcript/1\",\"id\":\"x\",\"turns\":[{\"role\":\"nurse\",\"text\":\"a\"}]}";
    assert_int_equal(load_json(bad_role, strlen(bad_role)), FCR_ERECORD);
    assert_non_null(strstr(fcr_last_error(), "turns[0].role"));

    static const char newer[] = "{\"format\":\"fcr.transcript/2\",\"id\":\"x\",\"turns\":[]}";
    assert_int_equal(load_json(newer, strlen(newer)), FCR_EVERSION);

    static const char backwards[] = "{\"format\":\"fcr.transcript/1\",\"id\":\"x\",\"turns\":"
                                    "[{\"role\":\"agent\",\"start\":5,\"end\":2,\"text\":\"a\"}]}";
    assert_int_equal(load_json(backwards, strlen(backwards)), FCR_ERECORD);

    /* A turn over 256 KiB. */
    size_t huge = (size_t)300 << 10;
    char *big = malloc(huge + 200);
    int used = snprintf(big, 200, "{\"format\":\"fcr.transcript/1\",\"id\":\"x\",\"turns\":"
                                  "[{\"role\":\"agent\",\"text\":\"");
    memset(big + used, 'a', huge);
    strcpy(big + used + huge, "\"}]}");
    assert_int_equal(load_json(big, strlen(big)), FCR_ELIMIT);
    assert_non_null(strstr(fcr_last_error(), "limit"));
    free(big);
}

static void test_transcript__many_turns(void **state)
{
    (void)state;
    fcr_transcript *transcript = NULL;
    assert_int_equal(fcr_transcript_new(&transcript, "long"), FCR_OK);
    for (int i = 0; i < 5000; i++)
        assert_int_equal(fcr_transcript_add_turn(transcript, i % 2 ? FCR_TURN_CALLER : FCR_TURN_AGENT,
                                                 i, i + 0.5,
                                                 i % 2 ? "yes that's right" : "so you are calling about a refill, how can I help?"),
                         FCR_OK);
    fcr_call *call = derive(transcript);
    /* The caller never states a concern, so each agent turn gives one open
     * question and nothing else. */
    assert_int_equal(count_events(call, FCR_EVENT_OPEN_QUESTION_ASKED), 2500);
    assert_int_equal(fcr_call_concern_count(call), 0);
    fcr_call_free(call);

    for (int i = 5000; i < 20000; i++)
        assert_int_equal(fcr_transcript_add_turn(transcript, FCR_TURN_CALLER, -1, -1, "x"), FCR_OK);
    assert_int_equal(fcr_transcript_add_turn(transcript, FCR_TURN_CALLER, -1, -1, "x"), FCR_ELIMIT);
    fcr_transcript_free(transcript);
}

static fcr_status load_textgrid_texts(const char *agent, const char *caller)
{
    fcr_transcript *transcript = NULL;
    fcr_status status = fcr_transcript_load_textgrid(&transcript, agent, strlen(agent), caller,
                                                     strlen(caller), "pair");
    fcr_transcript_free(transcript);
    return status;
}

static void test_transcript__hostile_textgrid(void **state)
{
    (void)state;
    static const char good[] =
        "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\nxmin = 0\nxmax = 4\n"
        "tiers? <exists>\nsize = 1\nitem []:\n  item [1]:\n    class = \"IntervalTier\"\n"
        "    name = \"Doctor\"\n    xmin = 0\n    xmax = 4\n    intervals: size = 2\n"
        "    intervals [1]:\n      xmin = 0\n      xmax = 2\n      text = \"How can I help?\"\n"
        "    intervals [2]:\n      xmin = 2\n      xmax = 4\n      text = \"\"\n";
    /* The short format of the same tier, with a doubled quote. */
    static const char short_form[] =
        "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n4\n<exists>\n1\n"
        "\"IntervalTier\"\n\"Patient\"\n0\n4\n1\n1\n3\n\"My \"\"knee\"\" hurts <UNIN/>\"\n";
    assert_int_equal(load_textgrid_texts(good, short_form), FCR_OK);

    fcr_transcript *transcript = NULL;
    assert_int_equal(fcr_transcript_load_textgrid(&transcript, good, strlen(good), short_form,
                                                  strlen(short_form), "pair"),
                     FCR_OK);
    assert_int_equal(fcr_transcript_turn_count(transcript), 2);
    assert_string_equal(fcr_transcript_turn_text(transcript, 1), "My \"knee\" hurts");
    fcr_transcript_free(transcript);

    /* Sizes that do not match the items. */
    char *wrong = strdup(good);
    memcpy(strstr(wrong, "size = 2"), "size = 3", 8);
    assert_int_equal(load_textgrid_texts(wrong, short_form), FCR_EPARSE);
    assert_non_null(strstr(fcr_last_error(), "pair (agent)"));
    memcpy(strstr(wrong, "size = 3"), "size = 1", 8);
    assert_int_equal(load_textgrid_texts(wrong, short_form), FCR_EPARSE);
    assert_non_null(strstr(fcr_last_error(), "after the last tier"));
    free(wrong);

    /* Truncated inside a string, and a text that is not a TextGrid. */
    char truncated[sizeof good];
    memcpy(truncated, good, sizeof good);
    truncated[strstr(good, "help?") - good] = '\0';
    assert_int_equal(load_textgrid_texts(truncated, short_form), FCR_EPARSE);
    assert_int_equal(load_textgrid_texts("hello", short_form), FCR_EPARSE);

    /* Invalid UTF-8 in an interval's text. */
    char *bad_utf8 = strdup(good);
    strstr(bad_utf8, "help?")[0] = (char)0xc3;
    assert_int_equal(load_textgrid_texts(bad_utf8, short_form), FCR_EPARSE);
    free(bad_utf8);
}

static void test_transcript__hostile_csv(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "id,notes\n1,\"Doctor: hi\"\n",              /* no dialogue column */
        "id,dialogue\n1,\"hello there\"\n",          /* speech before any tag */
        "id,dialogue\n1,\"[surgeon] hi\"\n",         /* a bracketed tag of no side */
        "id,dialogue\n1,\"Doctor: never closed\n",   /* quoted field without its end */
        "id,dialogue\n",                             /* no rows */
    };
    const fcr_status expected[] = {FCR_ERECORD, FCR_ERECORD, FCR_ERECORD, FCR_EPARSE,
                                   FCR_ERECORD};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fcr_transcript_list *list = NULL;
        assert_int_equal(fcr_transcript_list_load(&list, FCR_TRANSCRIPT_CSV_DIALOGUE, bad[i],
                                                  strlen(bad[i]), "bad.csv"),
                         expected[i]);
        assert_null(list);
        assert_non_null(strstr(fcr_last_error(), "bad.csv"));
    }
}

/* --- rules and derivation ------------------------------------------------------- */

static void test_transcript__derived_evidence(void **state)
{
    (void)state;
    fcr_transcript *transcript = NULL;
    assert_int_equal(fcr_transcript_new(&transcript, "call-9"), FCR_OK);
    assert_int_equal(fcr_transcript_set_started_at(transcript, test_time("2026-11-10T14:00:00Z")),
                     FCR_OK);
    const struct {
        fcr_turn_role role;
        double start;
        const char *text;
    } turns[] = {
        {FCR_TURN_AGENT, 0, "Good morning, how can I help you today?"},
        {FCR_TURN_CALLER, 3, "I've had a bad cough and a fever since Monday."},
        {FCR_TURN_AGENT, 9, "Can I take your full name and date of birth please?"},
        {FCR_TURN_CALLER, 12, "Jane Example, fourth of May 1980."},
        {FCR_TURN_AGENT, 20, "So you are calling about a cough and fever, is that right?"},
        {FCR_TURN_CALLER, 24, "Yes, that's right."},
        {FCR_TURN_AGENT, 30, "The nurse will call you back within two hours."},
        {FCR_TURN_AGENT, 40, "To recap, the nurse calls you today. Is there anything else I can help with?"},
        {FCR_TURN_CALLER, 46, "No, that's all, thanks."},
    };
    for (size_t i = 0; i < sizeof turns / sizeof turns[0]; i++)
        assert_int_equal(fcr_transcript_add_turn(transcript, turns[i].role, turns[i].start, -1,
                                                 turns[i].text),
                         FCR_OK);

    fcr_call *call = derive(transcript);
    assert_int_equal(count_events(call, FCR_EVENT_OPEN_QUESTION_ASKED), 1);
    assert_int_equal(count_events(call, FCR_EVENT_IDENTITY_VERIFIED), 1);
    assert_true(fcr_call_identity_verified(call));
    /* "The nurse will call you back" tells the caller what happens next,
     * so it is a recap as well as the escalation; "To recap" is the other. */
    assert_int_equal(count_events(call, FCR_EVENT_RECAP_GIVEN), 2);

    const fcr_concern *concern = fcr_call_concern(call, 0);
    assert_non_null(concern);
    assert_string_equal(fcr_concern_category(concern), "symptoms");
    assert_true(fcr_concern_restated(concern));
    assert_true(fcr_concern_confirmed(concern));
    assert_int_equal(fcr_concern_outcome(concern), FCR_OUTCOME_ESCALATED);
    assert_string_equal(fcr_concern_target(concern), "nurse_triage");
    /* Due two hours after the turn that promised the callback. */
    assert_int_equal(fcr_concern_due_at(concern), test_time("2026-11-10T14:00:30Z") + 7200000);

    const fcr_event *question = first_event(call, FCR_EVENT_ANYTHING_ELSE_ASKED);
    assert_string_equal(fcr_event_get_string(question, "answer"), "no");

    /* Evidence: turn index and byte span, kept in fcr.call/1. */
    char *json = test_call_json(call);
    assert_non_null(strstr(json, "\"evidence\":[{\"turn\":0,\"start\":14,\"end\":28,"
                                 "\"rule\":\"open_question.invite\"}]"));
    assert_non_null(strstr(json, "\"unobservable\":[\"documented\"]"));
    assert_non_null(strstr(json, "\"started_at_known\":true"));
    free(json);

    /* Scored: documented is unknown, never missed, and quotes are masked for QA. */
    fcr_scorecard *scorecard = NULL;
    assert_int_equal(fcr_scorecard_new(&scorecard, call), FCR_OK);
    assert_int_equal(fcr_scorecard_result(scorecard, FCR_ITEM_DOCUMENTED), FCR_RESULT_UNKNOWN);
    assert_int_equal(fcr_scorecard_result(scorecard, FCR_ITEM_CONCERN_RESTATED), FCR_RESULT_MET);
    char *chart = NULL, *qa = NULL;
    assert_int_equal(fcr_scorecard_write(&chart, scorecard, FCR_SCORECARD_TEXT, FCR_PROFILE_CHART),
                     FCR_OK);
    assert_int_equal(fcr_scorecard_write(&qa, scorecard, FCR_SCORECARD_TEXT, FCR_PROFILE_QA),
                     FCR_OK);
    assert_non_null(strstr(chart, "how can I help you today?"));
    assert_null(strstr(qa, "how can I help you today?"));
    assert_non_null(strstr(qa, "[redacted]"));
    fcr_free(chart);
    fcr_free(qa);
    fcr_scorecard_free(scorecard);
    fcr_call_free(call);
    fcr_transcript_free(transcript);
}

/* A four-turn call: an open question, the concern, then the agent's line and
 * the caller's reply under test. */
static fcr_call *derive_exchange(const char *agent, const char *caller)
{
    fcr_transcript *transcript = NULL;
    assert_int_equal(fcr_transcript_new(&transcript, "exchange"), FCR_OK);
    assert_int_equal(fcr_transcript_add_turn(transcript, FCR_TURN_AGENT, -1, -1,
                                             "How can I help you today?"),
                     FCR_OK);
    assert_int_equal(fcr_transcript_add_turn(transcript, FCR_TURN_CALLER, -1, -1,
                                             "I've had a bad cough since Monday."),
                     FCR_OK);
    assert_int_equal(fcr_transcript_add_turn(transcript, FCR_TURN_AGENT, -1, -1, agent), FCR_OK);
    assert_int_equal(fcr_transcript_add_turn(transcript, FCR_TURN_CALLER, -1, -1, caller), FCR_OK);
    fcr_call *call = derive(transcript);
    fcr_transcript_free(transcript);
    return call;
}

static void test_transcript__restatement_phrasings(void **state)
{
    (void)state;
    const struct {
        const char *agent;
        const char *caller;
        bool confirmed;
    } cases[] = {
        {"So you're saying the cough started on Monday?", "Yes.", true},
        {"Let me make sure I have this right: a cough since Monday.", "Mm-hmm.", true},
        {"So the pain started three days ago.", "Oh, that's right, three days.", true},
        {"So you've had a cough and a fever.", "Mh-mm.", true},
        {"Is that your main concern?", "No, it's the rash really.", false},
        {"Just to clarify, is it a dry cough?", "It's mostly at night.", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fcr_call *call = derive_exchange(cases[i].agent, cases[i].caller);
        const fcr_concern *concern = fcr_call_concern(call, 0);
        assert_non_null(concern);
        assert_true(fcr_concern_restated(concern));
        assert_int_equal(fcr_concern_confirmed(concern), cases[i].confirmed);
        fcr_call_free(call);
    }
}

static void test_transcript__outcome_phrasings(void **state)
{
    (void)state;
    const struct {
        const char *agent;
        fcr_outcome outcome;
        const char *target; /* NULL for a resolution */
        const char *rule;
    } cases[] = {
        {"I'll refer you to a chest specialist.", FCR_OUTCOME_ESCALATED, "referral_coordinator",
         "escalation.referral"},
        {"Another doctor will see you on Friday.", FCR_OUTCOME_ESCALATED, "provider",
         "escalation.provider"},
        {"I think we need to call an ambulance.", FCR_OUTCOME_ESCALATED, "emergency",
         "escalation.emergency"},
        {"You need to go to A&E now.", FCR_OUTCOME_ESCALATED, "emergency", "escalation.emergency"},
        {"I'm going to order a chest X-ray.", FCR_OUTCOME_RESOLVED, NULL, "resolution.order"},
        {"I want to go ahead and increase your inhaler to twice a day.", FCR_OUTCOME_RESOLVED, NULL,
         "resolution.order"},
        {"Let's do some blood tests.", FCR_OUTCOME_RESOLVED, NULL, "resolution.plan"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fcr_call *call = derive_exchange(cases[i].agent, "Okay.");
        const fcr_concern *concern = fcr_call_concern(call, 0);
        assert_non_null(concern);
        assert_int_equal(fcr_concern_outcome(concern), cases[i].outcome);
        if (cases[i].target != NULL)
            assert_string_equal(fcr_concern_target(concern), cases[i].target);
        /* Emergency services are due at once, though the office is closed
         * at the transcript's start (midnight). */
        if (cases[i].target != NULL && strcmp(cases[i].target, "emergency") == 0) {
            const fcr_event *outcome = fcr_call_event(call, fcr_concern_outcome_event(concern));
            assert_true(fcr_concern_due_at(concern) == fcr_event_get_time(outcome));
        }
        char *json = test_call_json(call);
        if (strstr(json, cases[i].rule) == NULL)
            fail_msg("case %zu: no evidence from rule %s", i, cases[i].rule);
        free(json);
        fcr_call_free(call);
    }
}

static void test_transcript__recap_phrasings(void **state)
{
    (void)state;
    static const char *const recaps[] = {
        "So the plan is rest, fluids and paracetamol.",
        "What we'll do is see you again next week.",
        "To summarise, rest and come back if it gets worse.",
        "Do come back and see me if it isn't better in a week.",
        "I'll be in touch once the results are back.",
    };
    for (size_t i = 0; i < sizeof recaps / sizeof recaps[0]; i++) {
        fcr_call *call = derive_exchange(recaps[i], "Okay, thank you.");
        if (count_events(call, FCR_EVENT_RECAP_GIVEN) != 1)
            fail_msg("case %zu: no recap found", i);
        fcr_call_free(call);
    }

    /* A history question about a hospital visit is neither a recap nor an
     * escalation. */
    fcr_call *call = derive_exchange("Did you have to go to hospital for it last year?", "No.");
    assert_int_equal(count_events(call, FCR_EVENT_RECAP_GIVEN), 0);
    assert_int_equal(fcr_concern_outcome(fcr_call_concern(call, 0)), FCR_OUTCOME_NONE);
    fcr_call_free(call);
}

static void test_transcript__evidence_round_trip(void **state)
{
    (void)state;
    fcr_transcript *transcript = load_primock("day1_consultation02");
    fcr_call *call = derive(transcript);
    char *json = test_call_json(call);
    assert_non_null(strstr(json, "\"evidence\""));

    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);
    fcr_call *again = NULL;
    assert_int_equal(fcr_call_from_json(&again, policy, FCR_MODE_REPLAY, json, strlen(json), NULL),
                     FCR_OK);
    char *json_again = test_call_json(again);
    assert_string_equal(json, json_again);
    assert_true(fcr_call_unobservable(again, FCR_ITEM_DOCUMENTED));
    free(json);
    free(json_again);
    fcr_call_free(again);
    fcr_call_free(call);
    fcr_policy_free(policy);
    fcr_transcript_free(transcript);
}

static void test_transcript__rules_file(void **state)
{
    (void)state;
    /* The documented file loads as the built-in set; unit_rules compares
     * the two texts byte for byte. */
    size_t length = 0;
    char *path = strdup(FCR_SOURCE_DIR "/data/rules/en.json");
    char *file = test_read_file(path, &length);
    fcr_rules *from_file = NULL;
    fcr_rules *builtin = NULL;
    assert_int_equal(fcr_rules_load(&from_file, file, length, path), FCR_OK);
    assert_int_equal(fcr_rules_new(&builtin), FCR_OK);
    assert_int_equal(fcr_rules_count(from_file), fcr_rules_count(builtin));
    fcr_rules_free(from_file);
    free(file);
    free(path);

    /* A practice's overlay: a new phrase, two removed rules (both recap
     * rules, since "will call you" is also a recap), a replaced rule. */
    static const char overlay[] =
        "{\"format\":\"fcr.rules/1\",\"rules\":{"
        "\"open_question.practice\":{\"signal\":\"open_question\",\"patterns\":[\"what can we sort out\"]},"
        "\"recap.summary\":null,\"recap.follow_up\":null,"
        "\"escalation.nurse\":{\"signal\":\"escalation\",\"target\":\"provider\",\"patterns\":[\"nurse * call\"]}}}";
    fcr_rules *practice = NULL;
    assert_int_equal(fcr_rules_load(&practice, overlay, strlen(overlay), "practice.json"), FCR_OK);
    assert_int_equal(fcr_rules_count(practice), fcr_rules_count(builtin) - 1);

    fcr_transcript *transcript = NULL;
    assert_int_equal(fcr_transcript_new(&transcript, "overlay"), FCR_OK);
    fcr_transcript_add_turn(transcript, FCR_TURN_AGENT, -1, -1, "Hi, what can we sort out for you?");
    fcr_transcript_add_turn(transcript, FCR_TURN_CALLER, -1, -1, "I need my blood test results please.");
    fcr_transcript_add_turn(transcript, FCR_TURN_AGENT, -1, -1, "The nurse will call you. To recap, that's today.");
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);
    fcr_call *call = NULL;
    assert_int_equal(fcr_call_from_transcript(&call, policy, transcript, practice), FCR_OK);
    assert_int_equal(count_events(call, FCR_EVENT_OPEN_QUESTION_ASKED), 1);
    assert_int_equal(count_events(call, FCR_EVENT_RECAP_GIVEN), 0);
    assert_string_equal(fcr_concern_category(fcr_call_concern(call, 0)), "test_results");
    assert_string_equal(fcr_concern_target(fcr_call_concern(call, 0)), "provider");
    /* No start time: the call starts at the epoch and the due time comes
     * from the target's timeframe in the policy. */
    assert_int_equal(fcr_call_started_at(call), 0);
    assert_true(fcr_concern_due_computed(fcr_call_concern(call, 0)));
    fcr_call_free(call);
    fcr_transcript_free(transcript);
    fcr_policy_free(policy);
    fcr_rules_free(practice);
    fcr_rules_free(builtin);

    static const char *const bad[] = {
        "{\"format\":\"fcr.rules/1\",\"rules\":{\"x\":{\"signal\":\"shout\",\"patterns\":[\"a\"]}}}",
        "{\"format\":\"fcr.rules/1\",\"rules\":{\"x\":{\"signal\":\"recap\",\"patterns\":[\"* a\"]}}}",
        "{\"format\":\"fcr.rules/1\",\"rules\":{\"x\":{\"signal\":\"escalation\",\"patterns\":[\"a\"]}}}",
        "{\"format\":\"fcr.rules/1\",\"rules\":{\"x\":{\"signal\":\"recap\",\"pattern\":[\"a\"]}}}",
        "{\"format\":\"fcr.rules/2\"}",
    };
    const fcr_status expected[] = {FCR_ERECORD, FCR_ERECORD, FCR_ERECORD, FCR_ERECORD,
                                   FCR_EVERSION};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fcr_rules *rules = NULL;
        assert_int_equal(fcr_rules_load(&rules, bad[i], strlen(bad[i]), "bad.json"), expected[i]);
        assert_null(rules);
        assert_non_null(strstr(fcr_last_error(), "bad.json"));
    }
}

static void test_transcript__errors_keep_text_out(void **state)
{
    (void)state;
    /* An unknown agent role names the role, not the caller's words. */
    fcr_transcript *transcript = NULL;
    assert_int_equal(fcr_transcript_new(&transcript, "secret"), FCR_OK);
    fcr_transcript_add_turn(transcript, FCR_TURN_CALLER, -1, -1, "My date of birth is 4 May 1980");
    assert_int_equal(fcr_transcript_set_agent(transcript, "a1", "wizard"), FCR_OK);
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);
    fcr_call *call = NULL;
    assert_int_equal(fcr_call_from_transcript(&call, policy, transcript, NULL), FCR_ENOTFOUND);
    assert_null(strstr(fcr_last_error(), "1980"));
    fcr_policy_free(policy);
    fcr_transcript_free(transcript);

    static const char csv[] = "id,dialogue\n1,\"[surgeon] my date of birth is 4 May 1980\"\n";
    fcr_transcript_list *list = NULL;
    assert_int_equal(fcr_transcript_list_load(&list, FCR_TRANSCRIPT_CSV_DIALOGUE, csv, strlen(csv),
                                              "x.csv"),
                     FCR_ERECORD);
    assert_null(strstr(fcr_last_error(), "1980"));
    assert_null(strstr(fcr_last_error(), "surgeon"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transcript__textgrid_pair),
        cmocka_unit_test(test_transcript__contact_lens_chat),
        cmocka_unit_test(test_transcript__contact_lens_voice_rejected),
        cmocka_unit_test(test_transcript__contact_lens_segments),
        cmocka_unit_test(test_transcript__abcd_sample),
        cmocka_unit_test(test_transcript__csv_dialogue_tags),
        cmocka_unit_test(test_transcript__json_round_trip),
        cmocka_unit_test(test_transcript__hostile_json),
        cmocka_unit_test(test_transcript__many_turns),
        cmocka_unit_test(test_transcript__hostile_textgrid),
        cmocka_unit_test(test_transcript__hostile_csv),
        cmocka_unit_test(test_transcript__derived_evidence),
        cmocka_unit_test(test_transcript__restatement_phrasings),
        cmocka_unit_test(test_transcript__outcome_phrasings),
        cmocka_unit_test(test_transcript__recap_phrasings),
        cmocka_unit_test(test_transcript__evidence_round_trip),
        cmocka_unit_test(test_transcript__rules_file),
        cmocka_unit_test(test_transcript__errors_keep_text_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
