/* SPDX-License-Identifier: MIT */
/*
 * The evidence rule set and its phrase matcher, shared by the rule loader
 * (rules.c), the matcher (rules_match.c) and the call derivation
 * (transcript_derive.c).
 *
 * A rule names a signal (what a match means, such as "restatement"), the
 * role whose turns it reads, and phrase patterns. Patterns are words
 * matched whole and case-insensitively within one sentence of a turn:
 * "word*" matches a prefix, "a|b" either word, "*" alone zero to three
 * words, "#" a number (digits or a number word), a leading "^" the start of
 * a sentence. Apostrophes are ignored ("that's" matches "thats") and filler
 * words ("um") are skipped in patterns and text alike.
 */
#ifndef FCR_RULES_INTERNAL_H
#define FCR_RULES_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "fcr/transcript.h"
#include "internal.h"

typedef enum fcr__signal {
    FCR__SIGNAL_OPEN_QUESTION,
    FCR__SIGNAL_CLOSED_QUESTION,
    FCR__SIGNAL_RESTATEMENT,
    FCR__SIGNAL_CONFIRMATION,
    FCR__SIGNAL_CORRECTION,
    FCR__SIGNAL_IDENTITY_REQUEST,
    FCR__SIGNAL_IDENTITY_STATEMENT,
    FCR__SIGNAL_IDENTITY_CHECK,
    FCR__SIGNAL_NON_ANSWER,
    FCR__SIGNAL_RESOLUTION,
    FCR__SIGNAL_ESCALATION,
    FCR__SIGNAL_TIMEFRAME,
    FCR__SIGNAL_RECAP,
    FCR__SIGNAL_ANYTHING_ELSE,
    FCR__SIGNAL_ANSWER_NO,
    FCR__SIGNAL_ANSWER_YES,
    FCR__SIGNAL_SMALL_TALK,
    FCR__SIGNAL_CATEGORY,
    FCR__SIGNAL_COUNT
} fcr__signal;

/* Role bits of a rule. */
#define FCR__ROLE_BIT(role) (1u << (unsigned)(role))

typedef enum fcr__token_kind {
    FCR__TOKEN_WORDS,  /* one of the alternatives */
    FCR__TOKEN_GAP,    /* zero to FCR__GAP_MAX words */
    FCR__TOKEN_NUMBER  /* digits or a number word */
} fcr__token_kind;

#define FCR__GAP_MAX 3

typedef struct fcr__alternative {
    char *word;  /* normalized: lower case, no apostrophes */
    size_t length;
    bool prefix; /* written with a trailing '*' */
} fcr__alternative;

typedef struct fcr__pattern_token {
    fcr__token_kind kind;
    fcr__alternative *alternatives;
    size_t alternative_count;
} fcr__pattern_token;

typedef struct fcr__pattern {
    fcr__pattern_token *tokens;
    size_t token_count;
    bool sentence_start; /* written with a leading '^' */
} fcr__pattern;

/* A pattern as written, with its position for messages. Patterns are
 * compiled once the whole document is read, since fillers and number words
 * may come after them. */
typedef struct fcr__pattern_source {
    char *text;
    size_t line;
    size_t column;
    const char *origin; /* the document's name; static or owned by the caller of the load */
} fcr__pattern_source;

typedef struct fcr__rule {
    char *id;
    fcr__signal signal;
    unsigned roles;      /* FCR__ROLE_BIT of each role whose turns it reads */
    char *value;         /* identifier, category or target; NULL when the signal has none */
    char **identifiers;  /* identity_check: the identifier types a check confirms */
    size_t identifier_count;
    int64_t minutes;     /* timeframe: a fixed duration, or 0 */
    int64_t unit_minutes; /* timeframe: minutes per "#", or 0 */
    fcr__pattern_source *sources;
    size_t source_count;
    fcr__pattern *patterns; /* compiled from sources, same count */
    size_t pattern_count;
} fcr__rule;

typedef struct fcr__number_word {
    char *word;
    int64_t value;
} fcr__number_word;

/* A compiled pattern, named by its rule's index and its index in the rule. */
typedef struct fcr__pattern_ref {
    size_t rule;
    size_t pattern;
} fcr__pattern_ref;

/* A hash slot of the first-word index: an exact first word and its
 * patterns, exact_refs[first, first + count). */
typedef struct fcr__index_slot {
    const char *word; /* owned by the pattern's alternative; NULL in an empty slot */
    size_t length;
    size_t first;
    size_t count;
} fcr__index_slot;

/* A pattern whose first token has a prefix alternative ("refill*"). */
typedef struct fcr__prefix_ref {
    const char *prefix; /* owned by the pattern's alternative */
    size_t length;
    fcr__pattern_ref ref;
} fcr__prefix_ref;

/* The compiled patterns indexed by what their first token matches, so the
 * matcher tries at each word only the patterns that can start there. Each
 * list is in (rule, pattern) order, the order in which the matcher without
 * an index tried them. */
typedef struct fcr__pattern_index {
    fcr__pattern_ref *exact_refs; /* grouped by first word */
    fcr__index_slot *slots;       /* open addressing; slot_count is a power of two */
    size_t slot_count;
    fcr__prefix_ref *prefixes;    /* grouped by the prefix's first byte */
    size_t prefix_start[257];     /* byte b: prefixes[prefix_start[b], prefix_start[b + 1]) */
    fcr__pattern_ref *numbers;    /* patterns that start with "#" */
    size_t number_count;
} fcr__pattern_index;

struct fcr_rules {
    fcr__rule *rules;
    size_t count;
    size_t capacity;
    char **fillers; /* normalized words skipped in text and patterns */
    size_t filler_count;
    fcr__number_word *numbers;
    size_t number_count;
    fcr__pattern_index index; /* built once the patterns are compiled */
};

/* The built-in rule set as the lines of an fcr.rules/1 document
 * (rules_defaults.c), the same text as data/rules/en.json. */
extern const char *const fcr__rules_default_lines[];
extern const size_t fcr__rules_default_line_count;

/* Joins the built-in lines into one NUL-terminated document (free with
 * fcr__free). */
fcr_status fcr__rules_default_document(char **out, size_t *length);

/* Signal names as written in rule files, indexed by fcr__signal. */
const char *fcr__signal_name(fcr__signal signal);

/* Compiles a pattern's text. Returns false when it is not a valid pattern
 * (empty, a lone '^', a '*' at either end, two gaps in a row); no error is
 * recorded. */
bool fcr__pattern_compile(fcr__pattern *out, const char *text, size_t length,
                          const struct fcr_rules *rules, fcr_status *status);
void fcr__pattern_free(fcr__pattern *pattern);
void fcr__rule_free(fcr__rule *rule);

/* Builds rules->index from the compiled patterns, replacing any index
 * built before. */
fcr_status fcr__rules_index_build(struct fcr_rules *rules);
void fcr__rules_index_free(fcr__pattern_index *index);

/* --- matching --------------------------------------------------------------- */

/* One word of a turn: its normalized form and its byte span in the text. */
typedef struct fcr__word {
    size_t norm;     /* offset of the normalized word in fcr__words.norm_text */
    size_t norm_length;
    size_t start;    /* byte span in the turn text */
    size_t end;
    size_t sentence; /* 0-based sentence number in the turn */
    bool sentence_start;
} fcr__word;

typedef struct fcr__words {
    fcr__word *items;
    size_t count;
    size_t capacity;
    char *norm_text;
    size_t norm_length;
    size_t norm_capacity;
} fcr__words;

/* One match of a rule's pattern in a turn. */
typedef struct fcr__match {
    size_t rule;       /* index in fcr_rules.rules */
    size_t first_word; /* words [first_word, end_word) matched */
    size_t end_word;
    size_t start;      /* byte span in the turn text */
    size_t end;
    size_t sentence;
    int64_t number;    /* the value of a "#" token; 0 when the pattern has none */
} fcr__match;

typedef struct fcr__matches {
    fcr__match *items;
    size_t count;
    size_t capacity;
} fcr__matches;

/* Splits text into normalized words without fillers. Reuses `words`. */
fcr_status fcr__words_split(fcr__words *words, const struct fcr_rules *rules, const char *text,
                            size_t length);
void fcr__words_free(fcr__words *words);

/* Appends every match in the turn of each rule that reads `role`: at most
 * one match per rule and sentence, the leftmost, and at that word the one
 * of the rule's first pattern that matches. Matches come in sentence
 * order, then rule order. Reuses nothing: the caller clears `out` as
 * needed. Needs the index that fcr__rules_index_build() made. */
fcr_status fcr__rules_match(const struct fcr_rules *rules, fcr_turn_role role,
                            const fcr__words *words, fcr__matches *out);

/* Matches one pattern at word `at` within the sentence that ends before
 * word `limit`. Returns the index after the last word matched, or SIZE_MAX;
 * *number receives the value of a "#" token. fcr__rules_match() uses it
 * for every pattern the index names; tests use it to check the index. */
size_t fcr__pattern_match_at(const struct fcr_rules *rules, const fcr__pattern *pattern,
                             const fcr__words *words, size_t at, size_t limit, int64_t *number);

#endif /* FCR_RULES_INTERNAL_H */
