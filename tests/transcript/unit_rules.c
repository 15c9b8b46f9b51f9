/* SPDX-License-Identifier: MIT */
/* The built-in rule set against its documented file, and the matcher's
 * first-word index against trying every pattern at every word. */
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "test_support.h"

static void rules__default_document_is_en_json(void **state)
{
    (void)state;
    size_t file_length = 0;
    char *file = test_read_file(FCR_SOURCE_DIR "/data/rules/en.json", &file_length);
    char *document = NULL;
    size_t document_length = 0;
    assert_int_equal(fcr__rules_default_document(&document, &document_length), FCR_OK);

    /* On a mismatch, name the first line that differs. */
    size_t line = 1;
    for (size_t i = 0; i < file_length && i < document_length; i++) {
        if (document[i] != file[i])
            fail_msg("src/rules_defaults.c and data/rules/en.json differ at line %zu", line);
        line += file[i] == '\n';
    }
    assert_int_equal(document_length, file_length);
    fcr__free(document);
    free(file);
}

/* The matcher without the index: every rule, every word, every pattern. */
static void match_without_index(const fcr_rules *rules, fcr_turn_role role,
                                const fcr__words *words, fcr__matches *out)
{
    for (size_t sentence_first = 0; sentence_first < words->count;) {
        size_t limit = sentence_first;
        while (limit < words->count &&
               words->items[limit].sentence == words->items[sentence_first].sentence)
            limit++;
        for (size_t r = 0; r < rules->count; r++) {
            const fcr__rule *rule = &rules->rules[r];
            if ((rule->roles & FCR__ROLE_BIT(role)) == 0)
                continue;
            bool found = false;
            for (size_t at = sentence_first; at < limit && !found; at++) {
                for (size_t p = 0; p < rule->pattern_count && !found; p++) {
                    const fcr__pattern *pattern = &rule->patterns[p];
                    if (pattern->sentence_start && at != sentence_first)
                        continue;
                    int64_t number = 0;
                    size_t end = fcr__pattern_match_at(rules, pattern, words, at, limit, &number);
                    if (end == SIZE_MAX || end == at)
                        continue;
                    assert_int_equal(fcr__grow((void **)&out->items, &out->capacity,
                                               out->count + 1, sizeof *out->items),
                                     FCR_OK);
                    out->items[out->count++] = (fcr__match){
                        r, at, end, words->items[at].start, words->items[end - 1].end,
                        words->items[at].sentence, number};
                    found = true;
                }
            }
        }
        sentence_first = limit;
    }
}

/* Matches one text both ways and returns the number of matches. */
static size_t assert_same_matches(const fcr_rules *rules, fcr_turn_role role, const char *text)
{
    fcr__words words = {NULL, 0, 0, NULL, 0, 0};
    fcr__matches indexed = {NULL, 0, 0};
    fcr__matches plain = {NULL, 0, 0};
    assert_int_equal(fcr__words_split(&words, rules, text, strlen(text)), FCR_OK);
    assert_int_equal(fcr__rules_match(rules, role, &words, &indexed), FCR_OK);
    match_without_index(rules, role, &words, &plain);

    assert_int_equal(indexed.count, plain.count);
    for (size_t i = 0; i < plain.count; i++) {
        const fcr__match *a = &indexed.items[i];
        const fcr__match *b = &plain.items[i];
        assert_string_equal(rules->rules[a->rule].id, rules->rules[b->rule].id);
        assert_int_equal(a->first_word, b->first_word);
        assert_int_equal(a->end_word, b->end_word);
        assert_int_equal(a->start, b->start);
        assert_int_equal(a->end, b->end);
        assert_int_equal(a->sentence, b->sentence);
        assert_int_equal(a->number, b->number);
    }
    size_t count = plain.count;
    fcr__free(indexed.items);
    fcr__free(plain.items);
    fcr__words_free(&words);
    return count;
}

static void rules__index_matches_labelled_turns(void **state)
{
    (void)state;
    fcr_rules *rules = NULL;
    assert_int_equal(fcr_rules_new(&rules), FCR_OK);
    fcr_transcript_list *list = NULL;
    assert_int_equal(fcr_transcript_list_load_file(&list, FCR_TRANSCRIPT_JSON,
                                                   test_data_path("transcripts/labelled.jsonl")),
                     FCR_OK);

    size_t turns = 0, matches = 0;
    for (size_t t = 0; t < fcr_transcript_list_count(list); t++) {
        const fcr_transcript *transcript = fcr_transcript_list_item(list, t);
        for (size_t i = 0; i < fcr_transcript_turn_count(transcript); i++) {
            matches += assert_same_matches(rules, fcr_transcript_turn_role(transcript, i),
                                           fcr_transcript_turn_text(transcript, i));
            turns++;
        }
    }
    /* The comparison saw real work: hundreds of turns and matches. */
    assert_true(turns > 500);
    assert_true(matches > 500);
    fcr_transcript_list_free(list);
    fcr_rules_free(rules);
}

static void rules__index_covers_every_token_kind(void **state)
{
    (void)state;
    /* First tokens of each kind the index keeps apart: a number, prefixes,
     * an alternative listed twice, words shared by several patterns and
     * rules, and a sentence start. */
    static const char overlay[] =
        "{\"format\":\"fcr.rules/1\",\"numbers\":{\"dozen\":12},\"rules\":{"
        "\"test.number\":{\"signal\":\"timeframe\",\"unit_minutes\":60,"
        "\"patterns\":[\"# hours from now\",\"# more\"]},"
        "\"test.prefix\":{\"signal\":\"recap\",\"patterns\":[\"summar* of\","
        "\"resched*|moved for|to\",\"book*|booking appointment\"]},"
        "\"test.twice\":{\"signal\":\"resolution\",\"patterns\":[\"no|no|nope thanks\",\"^ no\"]},"
        "\"test.shared\":{\"signal\":\"resolution\",\"patterns\":[\"i will send\",\"i will\","
        "\"i'll|i will book\"]},"
        "\"test.caller\":{\"signal\":\"answer_no\",\"patterns\":[\"^ no\",\"# more\"]}}}";
    fcr_rules *rules = NULL;
    assert_int_equal(fcr_rules_load(&rules, overlay, strlen(overlay), "overlay.json"), FCR_OK);

    static const char *const texts[] = {
        "Two hours from now, no thanks. Summary of the plan: I will send it.",
        "Rescheduled for Monday; a dozen more! No no nope thanks. I'll book you in.",
        "No. Booking appointment 12 more, I will book the nurse to call you tomorrow.",
        "So you've had a cough for three days, is that your main concern? Mm-hmm, that's right.",
        "",
        "um uh er",
    };
    size_t matches = 0;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        matches += assert_same_matches(rules, FCR_TURN_AGENT, texts[i]);
        matches += assert_same_matches(rules, FCR_TURN_CALLER, texts[i]);
        matches += assert_same_matches(rules, FCR_TURN_SYSTEM, texts[i]);
    }
    assert_true(matches > 20);
    fcr_rules_free(rules);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rules__default_document_is_en_json),
        cmocka_unit_test(rules__index_matches_labelled_turns),
        cmocka_unit_test(rules__index_covers_every_token_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
