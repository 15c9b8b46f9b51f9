/* SPDX-License-Identifier: MIT */
/* Splitting turn text into normalized words, compiling phrase patterns and
 * finding their matches. The pattern language is described in rules.h. */
#include <stdlib.h>
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

size_t fcr__pattern_match_at(const struct fcr_rules *rules, const fcr__pattern *pattern,
                             const fcr__words *words, size_t at, size_t limit, int64_t *number)
{
    return match_tokens(rules, pattern, 0, words, at, limit, number);
}

/* --- the first-word index ----------------------------------------------------- */

void fcr__rules_index_free(fcr__pattern_index *index)
{
    fcr__free(index->exact_refs);
    fcr__free(index->slots);
    fcr__free(index->prefixes);
    fcr__free(index->numbers);
    memset(index, 0, sizeof *index);
}

/* FNV-1a over the bytes of a normalized word. */
static size_t hash_word(const char *word, size_t length)
{
    uint64_t hash = UINT64_C(14695981039346656037);
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)word[i];
        hash *= UINT64_C(1099511628211);
    }
    return (size_t)hash;
}

/* An exact first word of a pattern, while the index is built. */
typedef struct exact_entry {
    const char *word;
    size_t length;
    fcr__pattern_ref ref;
} exact_entry;

static int compare_refs(const fcr__pattern_ref *a, const fcr__pattern_ref *b)
{
    if (a->rule != b->rule)
        return a->rule < b->rule ? -1 : 1;
    if (a->pattern != b->pattern)
        return a->pattern < b->pattern ? -1 : 1;
    return 0;
}

static int compare_words(const char *a, size_t a_length, const char *b, size_t b_length)
{
    int order = memcmp(a, b, a_length < b_length ? a_length : b_length);
    if (order != 0)
        return order;
    return a_length == b_length ? 0 : (a_length < b_length ? -1 : 1);
}

/* Orders by word, then by (rule, pattern). */
static int compare_exact(const void *left, const void *right)
{
    const exact_entry *a = left;
    const exact_entry *b = right;
    int order = compare_words(a->word, a->length, b->word, b->length);
    return order != 0 ? order : compare_refs(&a->ref, &b->ref);
}

/* Orders by the prefix's first byte, then by (rule, pattern). */
static int compare_prefix(const void *left, const void *right)
{
    const fcr__prefix_ref *a = left;
    const fcr__prefix_ref *b = right;
    unsigned char a_byte = (unsigned char)a->prefix[0];
    unsigned char b_byte = (unsigned char)b->prefix[0];
    if (a_byte != b_byte)
        return a_byte < b_byte ? -1 : 1;
    return compare_refs(&a->ref, &b->ref);
}

/* Returns the slot of `word`: the one that contains it, or the empty slot
 * where it belongs. The table is never full, so the probe ends. */
static fcr__index_slot *find_slot(const fcr__pattern_index *index, const char *word,
                                  size_t length)
{
    size_t mask = index->slot_count - 1;
    for (size_t i = hash_word(word, length) & mask;; i = (i + 1) & mask) {
        fcr__index_slot *slot = &index->slots[i];
        if (slot->word == NULL ||
            (slot->length == length && memcmp(slot->word, word, length) == 0))
            return slot;
    }
}

/* Fills the hash table from entries sorted by compare_exact, dropping a
 * pattern listed twice under one word ("no|no"). */
static fcr_status index_exact_words(fcr__pattern_index *index, const exact_entry *entries,
                                    size_t count)
{
    size_t words = 0;
    for (size_t i = 0; i < count; i++)
        words += i == 0 || compare_words(entries[i].word, entries[i].length, entries[i - 1].word,
                                         entries[i - 1].length) != 0;
    /* At most half full, so probes stay short. */
    index->slot_count = 16;
    while (index->slot_count < 2 * words)
        index->slot_count *= 2;
    index->slots = fcr__calloc(index->slot_count, sizeof *index->slots);
    index->exact_refs = fcr__calloc(count > 0 ? count : 1, sizeof *index->exact_refs);
    if (index->slots == NULL || index->exact_refs == NULL)
        return fcr__error_nomem();

    size_t used = 0;
    for (size_t i = 0; i < count; i++) {
        const exact_entry *entry = &entries[i];
        fcr__index_slot *slot = find_slot(index, entry->word, entry->length);
        if (slot->word == NULL)
            *slot = (fcr__index_slot){entry->word, entry->length, used, 0};
        else if (compare_refs(&index->exact_refs[used - 1], &entry->ref) == 0)
            continue;
        index->exact_refs[used++] = entry->ref;
        slot->count++;
    }
    return FCR_OK;
}

fcr_status fcr__rules_index_build(struct fcr_rules *rules)
{
    fcr__pattern_index *index = &rules->index;
    fcr__rules_index_free(index);

    /* Count the first tokens' alternatives of each kind. */
    size_t exact_count = 0, prefix_count = 0, number_count = 0;
    for (size_t r = 0; r < rules->count; r++) {
        const fcr__rule *rule = &rules->rules[r];
        for (size_t p = 0; p < rule->pattern_count; p++) {
            const fcr__pattern_token *first = &rule->patterns[p].tokens[0];
            if (first->kind == FCR__TOKEN_NUMBER) {
                number_count++;
                continue;
            }
            for (size_t a = 0; a < first->alternative_count; a++) {
                if (first->alternatives[a].prefix)
                    prefix_count++;
                else
                    exact_count++;
            }
        }
    }

    exact_entry *exact = fcr__calloc(exact_count > 0 ? exact_count : 1, sizeof *exact);
    index->prefixes = fcr__calloc(prefix_count > 0 ? prefix_count : 1, sizeof *index->prefixes);
    index->numbers = fcr__calloc(number_count > 0 ? number_count : 1, sizeof *index->numbers);
    if (exact == NULL || index->prefixes == NULL || index->numbers == NULL) {
        fcr__free(exact);
        return fcr__error_nomem();
    }

    /* Rules and patterns are visited in order, so each list starts out in
     * (rule, pattern) order. */
    size_t exact_used = 0, prefix_used = 0;
    for (size_t r = 0; r < rules->count; r++) {
        const fcr__rule *rule = &rules->rules[r];
        for (size_t p = 0; p < rule->pattern_count; p++) {
            const fcr__pattern_token *first = &rule->patterns[p].tokens[0];
            fcr__pattern_ref ref = {r, p};
            if (first->kind == FCR__TOKEN_NUMBER) {
                index->numbers[index->number_count++] = ref;
                continue;
            }
            for (size_t a = 0; a < first->alternative_count; a++) {
                const fcr__alternative *alternative = &first->alternatives[a];
                if (alternative->prefix)
                    index->prefixes[prefix_used++] =
                        (fcr__prefix_ref){alternative->word, alternative->length, ref};
                else
                    exact[exact_used++] = (exact_entry){alternative->word, alternative->length, ref};
            }
        }
    }

    qsort(exact, exact_used, sizeof *exact, compare_exact);
    fcr_status status = index_exact_words(index, exact, exact_used);
    fcr__free(exact);
    if (status != FCR_OK)
        return status;

    qsort(index->prefixes, prefix_used, sizeof *index->prefixes, compare_prefix);
    size_t at = 0;
    for (size_t byte = 0; byte < 256; byte++) {
        index->prefix_start[byte] = at;
        while (at < prefix_used && (unsigned char)index->prefixes[at].prefix[0] == byte)
            at++;
    }
    index->prefix_start[256] = prefix_used;
    return FCR_OK;
}

/* --- matching with the index ------------------------------------------------------ */

/* The patterns that can start at one word, merged from the three lists of
 * the index in (rule, pattern) order. */
typedef struct candidates {
    const fcr__pattern_ref *exact;
    size_t exact_count;
    const fcr__prefix_ref *prefixes;
    size_t prefix_count;
    const fcr__pattern_ref *numbers;
    size_t number_count;
    const char *word; /* the normalized word, for the prefix check */
    size_t length;
} candidates;

static void candidates_at(candidates *out, const struct fcr_rules *rules, const fcr__words *words,
                          const fcr__word *word)
{
    const fcr__pattern_index *index = &rules->index;
    const char *text = words->norm_text + word->norm;
    memset(out, 0, sizeof *out);
    out->word = text;
    out->length = word->norm_length;

    const fcr__index_slot *slot = find_slot(index, text, word->norm_length);
    if (slot->word != NULL) {
        out->exact = &index->exact_refs[slot->first];
        out->exact_count = slot->count;
    }
    unsigned char byte = (unsigned char)text[0];
    out->prefixes = &index->prefixes[index->prefix_start[byte]];
    out->prefix_count = index->prefix_start[byte + 1] - index->prefix_start[byte];
    int64_t value;
    if (index->number_count > 0 && number_value(rules, words, word, &value)) {
        out->numbers = index->numbers;
        out->number_count = index->number_count;
    }
}

static bool prefix_fits(const candidates *list, const fcr__prefix_ref *prefix)
{
    return list->length >= prefix->length && memcmp(prefix->prefix, list->word, prefix->length) == 0;
}

/* Takes the next candidate in (rule, pattern) order. Returns false when
 * none is left. */
static bool next_candidate(candidates *list, fcr__pattern_ref *out)
{
    while (list->prefix_count > 0 && !prefix_fits(list, list->prefixes)) {
        list->prefixes++;
        list->prefix_count--;
    }
    const fcr__pattern_ref *best = NULL;
    int source = -1;
    if (list->exact_count > 0) {
        best = list->exact;
        source = 0;
    }
    if (list->prefix_count > 0 && (best == NULL || compare_refs(&list->prefixes->ref, best) < 0)) {
        best = &list->prefixes->ref;
        source = 1;
    }
    if (list->number_count > 0 && (best == NULL || compare_refs(list->numbers, best) < 0)) {
        best = list->numbers;
        source = 2;
    }
    if (best == NULL)
        return false;
    *out = *best;
    if (source == 0) {
        list->exact++;
        list->exact_count--;
    } else if (source == 1) {
        list->prefixes++;
        list->prefix_count--;
    } else {
        list->numbers++;
        list->number_count--;
    }
    return true;
}

static bool rule_matched(const fcr__matches *out, size_t first, size_t rule)
{
    for (size_t i = first; i < out->count; i++) {
        if (out->items[i].rule == rule)
            return true;
    }
    return false;
}

/* Puts one sentence's matches, items[first, count), in rule order. A
 * sentence has few matches, so insertion sort is enough. */
static void sort_by_rule(fcr__matches *out, size_t first)
{
    for (size_t i = first + 1; i < out->count; i++) {
        fcr__match match = out->items[i];
        size_t k = i;
        while (k > first && out->items[k - 1].rule > match.rule) {
            out->items[k] = out->items[k - 1];
            k--;
        }
        out->items[k] = match;
    }
}

fcr_status fcr__rules_match(const struct fcr_rules *rules, fcr_turn_role role,
                            const fcr__words *words, fcr__matches *out)
{
    for (size_t sentence_first = 0; sentence_first < words->count;) {
        size_t limit = sentence_first;
        while (limit < words->count &&
               words->items[limit].sentence == words->items[sentence_first].sentence)
            limit++;

        /* Words are tried left to right and a rule's candidates in pattern
         * order, so the first match of a rule is its leftmost, and at that
         * word the one of its first pattern that matches. */
        size_t sentence_matches = out->count;
        for (size_t at = sentence_first; at < limit; at++) {
            candidates list;
            candidates_at(&list, rules, words, &words->items[at]);
            fcr__pattern_ref ref;
            while (next_candidate(&list, &ref)) {
                const fcr__rule *rule = &rules->rules[ref.rule];
                const fcr__pattern *pattern = &rule->patterns[ref.pattern];
                if ((rule->roles & FCR__ROLE_BIT(role)) == 0 ||
                    (pattern->sentence_start && at != sentence_first) ||
                    rule_matched(out, sentence_matches, ref.rule))
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
                    ref.rule, at, end, words->items[at].start, words->items[end - 1].end,
                    words->items[at].sentence, number};
            }
        }
        sort_by_rule(out, sentence_matches);
        sentence_first = limit;
    }
    return FCR_OK;
}
