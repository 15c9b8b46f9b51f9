/* SPDX-License-Identifier: MIT */
/* Splitting turn text into normalized words, compiling phrase patterns and
 * finding their matches. The pattern language is described in rules.h. */
#include <string.h>

#include "rules.h"

/* Largest number a "#" token reads from digits. */
#define MAX_NUMBER 1000000

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* The length of an apostrophe at text[0]: ASCII ' or U+2018, U+2019. */
static size_t apostrophe_length(const unsigned char *text, size_t length)
{
    if (text[0] == '\'')
        return 1;
    if (length >= 3 && text[0] == 0xe2 && text[1] == 0x80 && (text[2] == 0x98 || text[2] == 0x99))
        return 3;
    return 0;
}

/* Whether the byte starts or continues a word. ASCII letters and digits
 * are word bytes; so is non-ASCII text, except the General Punctuation
 * block (U+2000 to U+206F: dashes, quotes, ellipsis), which separates. */
static size_t word_byte_length(const unsigned char *text, size_t length)
{
    unsigned char c = text[0];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    if (c < 0x80)
        return 0;
    if (c == 0xe2 && length >= 2 && (text[1] == 0x80 || text[1] == 0x81))
        return 0;
    size_t n = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 1;
    return n <= length ? n : length;
}

static bool ends_sentence(const char *text, size_t length, size_t i)
{
    char c = text[i];
    if (c == '?' || c == '!' || c == ';' || c == '\n')
        return true;
    if (c != '.')
        return false;
    /* A decimal point is not the end of a sentence. */
    bool digit_before = i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9';
    bool digit_after = i + 1 < length && text[i + 1] >= '0' && text[i + 1] <= '9';
    return !(digit_before && digit_after);
}

static bool is_filler(const struct fcr_rules *rules, const char *word, size_t length)
{
    for (size_t i = 0; i < rules->filler_count; i++) {
        if (strlen(rules->fillers[i]) == length && memcmp(rules->fillers[i], word, length) == 0)
            return true;
    }
    return false;
}

static fcr_status push_word(fcr__words *words, const struct fcr_rules *rules, size_t norm_start,
                            size_t start, size_t end, size_t sentence, bool *sentence_open)
{
    size_t norm_length = words->norm_length - norm_start;
    if (norm_length == 0 || is_filler(rules, words->norm_text + norm_start, norm_length)) {
        words->norm_length = norm_start;
        return FCR_OK;
    }
    fcr_status status = fcr__grow((void **)&words->items, &words->capacity, words->count + 1,
                                  sizeof *words->items);
    if (status != FCR_OK)
        return status;
    words->items[words->count++] =
        (fcr__word){norm_start, norm_length, start, end, sentence, !*sentence_open};
    *sentence_open = true;
    return FCR_OK;
}

fcr_status fcr__words_split(fcr__words *words, const struct fcr_rules *rules, const char *text,
                            size_t length)
{
    words->count = 0;
    words->norm_length = 0;
    /* Normalized text is never longer than the text. */
    fcr_status status = fcr__grow((void **)&words->norm_text, &words->norm_capacity, length + 1, 1);
    if (status != FCR_OK)
        return status;

    const unsigned char *bytes = (const unsigned char *)text;
    size_t sentence = 0;
    bool sentence_open = false;
    size_t i = 0;
    while (i < length) {
        size_t n = word_byte_length(bytes + i, length - i);
        if (n == 0) {
            if (ends_sentence(text, length, i) && sentence_open) {
                sentence++;
                sentence_open = false;
            }
            i++;
            continue;
        }

        size_t start = i;
        size_t norm_start = words->norm_length;
        size_t end = i;
        while (i < length) {
            size_t apostrophe = apostrophe_length(bytes + i, length - i);
            if (apostrophe > 0 && i > start && i + apostrophe < length &&
                word_byte_length(bytes + i + apostrophe, length - i - apostrophe) > 0) {
                i += apostrophe;
                continue;
            }
            n = word_byte_length(bytes + i, length - i);
            if (n == 0)
                break;
            for (size_t k = 0; k < n; k++)
                words->norm_text[words->norm_length++] = lower(text[i + k]);
            i += n;
            end = i;
        }
        status = push_word(words, rules, norm_start, start, end, sentence, &sentence_open);
        if (status != FCR_OK)
            return status;
    }
    words->norm_text[words->norm_length] = '\0';
    return FCR_OK;
}

void fcr__words_free(fcr__words *words)
{
    fcr__free(words->items);
    fcr__free(words->norm_text);
    memset(words, 0, sizeof *words);
}

/* --- patterns --------------------------------------------------------------- */

void fcr__pattern_free(fcr__pattern *pattern)
{
    for (size_t i = 0; i < pattern->token_count; i++) {
        fcr__pattern_token *token = &pattern->tokens[i];
        for (size_t k = 0; k < token->alternative_count; k++)
            fcr__free(token->alternatives[k].word);
        fcr__free(token->alternatives);
    }
    fcr__free(pattern->tokens);
    memset(pattern, 0, sizeof *pattern);
}

/* Normalizes one alternative like text words: lower case, no apostrophes.
 * Returns false when a byte is not a word byte. */
static bool normalize_word(const char *text, size_t length, char *out, size_t *out_length)
{
    const unsigned char *bytes = (const unsigned char *)text;
    size_t used = 0;
    for (size_t i = 0; i < length;) {
        size_t apostrophe = apostrophe_length(bytes + i, length - i);
        if (apostrophe > 0) {
            i += apostrophe;
            continue;
        }
        size_t n = word_byte_length(bytes + i, length - i);
        if (n == 0)
            return false;
        for (size_t k = 0; k < n; k++)
            out[used++] = lower(text[i + k]);
        i += n;
    }
    *out_length = used;
    return used > 0;
}

static fcr_status add_token(fcr__pattern *pattern, size_t *capacity, fcr__token_kind kind)
{
    fcr_status status = fcr__grow((void **)&pattern->tokens, capacity, pattern->token_count + 1,
                                  sizeof *pattern->tokens);
    if (status != FCR_OK)
        return status;
    pattern->tokens[pattern->token_count++] = (fcr__pattern_token){kind, NULL, 0};
    return FCR_OK;
}

/* Adds a WORDS token from "a|b*|c", skipping fillers. *valid is false for
 * an empty or invalid alternative. */
static fcr_status add_words_token(fcr__pattern *pattern, size_t *capacity, const char *text,
                                  size_t length, const struct fcr_rules *rules, bool *valid)
{
    size_t alternatives = 1;
    for (size_t i = 0; i < length; i++)
        alternatives += text[i] == '|';

    fcr__alternative *items = fcr__calloc(alternatives, sizeof *items);
    if (items == NULL)
        return fcr__error_nomem();
    size_t count = 0;
    fcr_status status = FCR_OK;
    for (size_t start = 0; start <= length && *valid && status == FCR_OK;) {
        const char *bar = memchr(text + start, '|', length - start);
        size_t end = bar != NULL ? (size_t)(bar - text) : length;
        size_t part = end - start;
        bool prefix = part > 0 && text[start + part - 1] == '*';
        if (prefix)
            part--;
        char *word = fcr__malloc(part + 1);
        size_t word_length = 0;
        if (word == NULL) {
            status = fcr__error_nomem();
        } else if (!normalize_word(text + start, part, word, &word_length)) {
            fcr__free(word);
            *valid = false;
        } else {
            word[word_length] = '\0';
            items[count++] = (fcr__alternative){word, word_length, prefix};
        }
        start = end + 1;
    }

    /* A token that is only a filler never matches text, where fillers are
     * dropped; drop it from the pattern too. */
    bool filler = count == 1 && !items[0].prefix &&
                  is_filler(rules, items[0].word, items[0].length);
    if (status == FCR_OK && *valid && !filler) {
        status = add_token(pattern, capacity, FCR__TOKEN_WORDS);
        if (status == FCR_OK) {
            pattern->tokens[pattern->token_count - 1].alternatives = items;
            pattern->tokens[pattern->token_count - 1].alternative_count = count;
            return FCR_OK;
        }
    }
    for (size_t i = 0; i < count; i++)
        fcr__free(items[i].word);
    fcr__free(items);
    return status;
}

bool fcr__pattern_compile(fcr__pattern *out, const char *text, size_t length,
                          const struct fcr_rules *rules, fcr_status *status)
{
    memset(out, 0, sizeof *out);
    *status = FCR_OK;
    size_t capacity = 0;
    bool valid = true;
    bool first = true;

    for (size_t i = 0; i < length && valid && *status == FCR_OK;) {
        /* A hyphen separates words, as it does in text. */
        if (text[i] == ' ' || text[i] == '-') {
            i++;
            continue;
        }
        size_t start = i;
        while (i < length && text[i] != ' ' && text[i] != '-')
            i++;
        const char *token = text + start;
        size_t token_length = i - start;

        if (token_length == 1 && token[0] == '^') {
            valid = first;
            out->sentence_start = true;
        } else if (token_length == 1 && token[0] == '*') {
            valid = out->token_count > 0 &&
                    out->tokens[out->token_count - 1].kind != FCR__TOKEN_GAP;
            if (valid)
                *status = add_token(out, &capacity, FCR__TOKEN_GAP);
        } else if (token_length == 1 && token[0] == '#') {
            *status = add_token(out, &capacity, FCR__TOKEN_NUMBER);
        } else {
            *status = add_words_token(out, &capacity, token, token_length, rules, &valid);
        }
        first = false;
    }

    if (out->token_count == 0 || out->tokens[out->token_count - 1].kind == FCR__TOKEN_GAP)
        valid = false;
    if (!valid || *status != FCR_OK) {
        fcr__pattern_free(out);
        return false;
    }
    return true;
}

/* --- matching --------------------------------------------------------------- */

static bool word_matches(const fcr__words *words, const fcr__word *word,
                         const fcr__pattern_token *token)
{
    const char *text = words->norm_text + word->norm;
    for (size_t i = 0; i < token->alternative_count; i++) {
        const fcr__alternative *alternative = &token->alternatives[i];
        if (alternative->word[0] != text[0])
            continue;
        if (alternative->prefix ? word->norm_length >= alternative->length
                                : word->norm_length == alternative->length) {
            if (memcmp(alternative->word, text, alternative->length) == 0)
                return true;
        }
    }
    return false;
}

static bool number_value(const struct fcr_rules *rules, const fcr__words *words,
                         const fcr__word *word, int64_t *out)
{
    const char *text = words->norm_text + word->norm;
    bool digits = true;
    int64_t value = 0;
    for (size_t i = 0; i < word->norm_length; i++) {
        if (text[i] < '0' || text[i] > '9') {
            digits = false;
            break;
        }
        if (value <= MAX_NUMBER)
            value = value * 10 + (text[i] - '0');
    }
    if (digits) {
        *out = value > MAX_NUMBER ? MAX_NUMBER : value;
        return true;
    }
    for (size_t i = 0; i < rules->number_count; i++) {
        const fcr__number_word *number = &rules->numbers[i];
        if (strlen(number->word) == word->norm_length &&
            memcmp(number->word, text, word->norm_length) == 0) {
            *out = number->value;
            return true;
        }
    }
    return false;
}

/* Matches tokens [token, end) from word `at`, staying in the sentence of
 * `at` (words before `limit`). Returns the index after the last word
 * matched, or SIZE_MAX. Gaps take as few words as they can. */
static size_t match_tokens(const struct fcr_rules *rules, const fcr__pattern *pattern,
                           size_t token, const fcr__words *words, size_t at, size_t limit,
                           int64_t *number)
{
    if (token == pattern->token_count)
        return at;
    const fcr__pattern_token *current = &pattern->tokens[token];
    if (current->kind == FCR__TOKEN_GAP) {
        for (size_t skip = 0; skip <= FCR__GAP_MAX && at + skip <= limit; skip++) {
            size_t end = match_tokens(rules, pattern, token + 1, words, at + skip, limit, number);
            if (end != SIZE_MAX)
                return end;
        }
        return SIZE_MAX;
    }
    if (at >= limit)
        return SIZE_MAX;
    if (current->kind == FCR__TOKEN_NUMBER) {
        if (!number_value(rules, words, &words->items[at], number))
            return SIZE_MAX;
    } else if (!word_matches(words, &words->items[at], current)) {
        return SIZE_MAX;
    }
    return match_tokens(rules, pattern, token + 1, words, at + 1, limit, number);
}

fcr_status fcr__rules_match(const struct fcr_rules *rules, fcr_turn_role role,
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
                    size_t end = match_tokens(rules, pattern, 0, words, at, limit, &number);
                    if (end == SIZE_MAX || end == at)
                        continue;
                    fcr_status status = fcr__grow((void **)&out->items, &out->capacity,
                                                  out->count + 1, sizeof *out->items);
                    if (status != FCR_OK)
                        return status;
                    out->items[out->count++] = (fcr__match){
                        r, at, end, words->items[at].start, words->items[end - 1].end,
                        words->items[at].sentence, number};
                    found = true;
                }
            }
        }
        sentence_first = limit;
    }
    return FCR_OK;
}
