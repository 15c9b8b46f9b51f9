/* SPDX-License-Identifier: MIT */
/*
 * Rule sets: the built-in English set and `fcr.rules/1` documents laid over
 * it. A document's "rules" object is keyed by rule id: an entry replaces the
 * rule with that id or adds a new one, and null removes one. "fillers"
 * replaces the filler words; "numbers" adds or replaces number words.
 */
#include <stdio.h>
#include <string.h>

#include "json_read.h"
#include "rules.h"

#define MAX_RULE_ID_BYTES 64
#define MAX_PATTERN_BYTES 200
#define MAX_VALUE_BYTES 64
#define MAX_PATTERNS_PER_RULE 1000
#define MAX_RULES 2000

static const char *const signal_names[FCR__SIGNAL_COUNT] = {
    [FCR__SIGNAL_OPEN_QUESTION] = "open_question",
    [FCR__SIGNAL_CLOSED_QUESTION] = "closed_question",
    [FCR__SIGNAL_RESTATEMENT] = "restatement",
    [FCR__SIGNAL_CONFIRMATION] = "confirmation",
    [FCR__SIGNAL_CORRECTION] = "correction",
    [FCR__SIGNAL_IDENTITY_REQUEST] = "identity_request",
    [FCR__SIGNAL_IDENTITY_STATEMENT] = "identity_statement",
    [FCR__SIGNAL_IDENTITY_CHECK] = "identity_check",
    [FCR__SIGNAL_NON_ANSWER] = "non_answer",
    [FCR__SIGNAL_RESOLUTION] = "resolution",
    [FCR__SIGNAL_ESCALATION] = "escalation",
    [FCR__SIGNAL_TIMEFRAME] = "timeframe",
    [FCR__SIGNAL_RECAP] = "recap",
    [FCR__SIGNAL_ANYTHING_ELSE] = "anything_else",
    [FCR__SIGNAL_ANSWER_NO] = "answer_no",
    [FCR__SIGNAL_ANSWER_YES] = "answer_yes",
    [FCR__SIGNAL_SMALL_TALK] = "small_talk",
    [FCR__SIGNAL_CATEGORY] = "category",
};

const char *fcr__signal_name(fcr__signal signal)
{
    return (unsigned)signal < FCR__SIGNAL_COUNT ? signal_names[signal] : NULL;
}

/* The role whose turns a signal reads when the rule names none. */
static fcr_turn_role default_role(fcr__signal signal)
{
    switch (signal) {
    case FCR__SIGNAL_CONFIRMATION:
    case FCR__SIGNAL_CORRECTION:
    case FCR__SIGNAL_IDENTITY_STATEMENT:
    case FCR__SIGNAL_NON_ANSWER:
    case FCR__SIGNAL_ANSWER_NO:
    case FCR__SIGNAL_ANSWER_YES:
    case FCR__SIGNAL_SMALL_TALK:
    case FCR__SIGNAL_CATEGORY:
        return FCR_TURN_CALLER;
    case FCR__SIGNAL_IDENTITY_CHECK:
        return FCR_TURN_SYSTEM;
    default:
        return FCR_TURN_AGENT;
    }
}

/* The attribute a signal needs: "identifier", "identifiers", "category",
 * "target", a duration, or none. */
typedef enum attribute { ATTR_NONE, ATTR_IDENTIFIER, ATTR_IDENTIFIERS, ATTR_CATEGORY, ATTR_TARGET,
                         ATTR_DURATION } attribute;

static attribute signal_attribute(fcr__signal signal)
{
    switch (signal) {
    case FCR__SIGNAL_IDENTITY_REQUEST:
    case FCR__SIGNAL_IDENTITY_STATEMENT:
        return ATTR_IDENTIFIER;
    case FCR__SIGNAL_IDENTITY_CHECK:
        return ATTR_IDENTIFIERS;
    case FCR__SIGNAL_CATEGORY:
        return ATTR_CATEGORY;
    case FCR__SIGNAL_ESCALATION:
        return ATTR_TARGET;
    case FCR__SIGNAL_TIMEFRAME:
        return ATTR_DURATION;
    default:
        return ATTR_NONE;
    }
}

void fcr__rule_free(fcr__rule *rule)
{
    fcr__free(rule->id);
    fcr__free(rule->value);
    for (size_t i = 0; i < rule->identifier_count; i++)
        fcr__free(rule->identifiers[i]);
    fcr__free(rule->identifiers);
    for (size_t i = 0; i < rule->source_count; i++)
        fcr__free(rule->sources[i].text);
    fcr__free(rule->sources);
    for (size_t i = 0; i < rule->pattern_count; i++)
        fcr__pattern_free(&rule->patterns[i]);
    fcr__free(rule->patterns);
    memset(rule, 0, sizeof *rule);
}

void fcr_rules_free(fcr_rules *rules)
{
    if (rules == NULL)
        return;
    for (size_t i = 0; i < rules->count; i++)
        fcr__rule_free(&rules->rules[i]);
    fcr__free(rules->rules);
    for (size_t i = 0; i < rules->filler_count; i++)
        fcr__free(rules->fillers[i]);
    fcr__free(rules->fillers);
    for (size_t i = 0; i < rules->number_count; i++)
        fcr__free(rules->numbers[i].word);
    fcr__free(rules->numbers);
    fcr__rules_index_free(&rules->index);
    fcr__free(rules);
}

size_t fcr_rules_count(const fcr_rules *rules)
{
    return rules != NULL ? rules->count : 0;
}

/* --- reading ---------------------------------------------------------------- */

typedef struct loader {
    fcr__json_parser *parser;
    fcr__json_path path;
    fcr_rules *rules;
    const char *name;
} loader;

static fcr_status fail(loader *load, fcr_status status, const char *what)
{
    return fcr__json_fail(load->parser, status, fcr__path_text(&load->path), "%s: %s",
                          fcr__path_text(&load->path), what);
}

static bool valid_word_id(const char *text, size_t length, size_t max)
{
    if (length == 0 || length > max)
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
              c == '-'))
            return false;
    }
    return true;
}

static fcr_status read_format(loader *load)
{
    const char *text;
    size_t length;
    fcr_status status = fcr__json_read_string(load->parser, &load->path, 64, &text, &length);
    if (status != FCR_OK)
        return status;
    static const char prefix[] = "fcr.rules/";
    size_t prefix_length = sizeof prefix - 1;
    if (length <= prefix_length || memcmp(text, prefix, prefix_length) != 0)
        return fail(load, FCR_ERECORD, "must be \"fcr.rules/1\"; this is not a libfcr rule file");
    const char *version = text + prefix_length;
    if (!(version[0] == '1' && (length == prefix_length + 1 || version[1] == '.')))
        return fail(load, FCR_EVERSION, "this rule format version is not supported; this "
                                        "library reads fcr.rules/1 and its minor versions");
    return FCR_OK;
}

/* Reads an array of short lower-case words or ids into a new list. */
static fcr_status read_word_list(loader *load, size_t max_length, char ***out, size_t *count)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_ARRAY_BEGIN);
    size_t capacity = 0;
    for (size_t index = 0; status == FCR_OK; index++) {
        size_t mark = fcr__path_push_index(&load->path, index);
        fcr__json_token token = fcr__json_next(load->parser);
        if (token == FCR__JSON_ARRAY_END) {
            fcr__path_pop(&load->path, mark);
            break;
        }
        if (token != FCR__JSON_STRING)
            return fcr__json_type_error(load->parser, &load->path, token, "a string");
        size_t length;
        const char *text = fcr__json_string(load->parser, &length);
        if (!valid_word_id(text, length, max_length))
            return fail(load, FCR_ERECORD, "must be 1 to 64 lower-case letters, digits, '_', "
                                           "'.' or '-'");
        status = fcr__grow((void **)out, &capacity, *count + 1, sizeof **out);
        if (status != FCR_OK)
            break;
        char *copy = fcr__strndup(text, length);
        if (copy == NULL)
            return fcr__error_nomem();
        (*out)[(*count)++] = copy;
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

static fcr_status read_fillers(loader *load)
{
    fcr_rules *rules = load->rules;
    for (size_t i = 0; i < rules->filler_count; i++)
        fcr__free(rules->fillers[i]);
    fcr__free(rules->fillers);
    rules->fillers = NULL;
    rules->filler_count = 0;
    return read_word_list(load, MAX_VALUE_BYTES, &rules->fillers, &rules->filler_count);
}

static fcr_status read_numbers(loader *load)
{
    fcr_rules *rules = load->rules;
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(load->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, length);
        if (!valid_word_id(key, length, MAX_VALUE_BYTES))
            return fail(load, FCR_ERECORD, "a number word must be 1 to 64 lower-case letters");
        char *word = fcr__strndup(key, length);
        if (word == NULL)
            return fcr__error_nomem();
        int64_t value;
        status = fcr__json_read_int(load->parser, &load->path, 0, 1000000, &value);
        size_t slot = 0;
        while (status == FCR_OK && slot < rules->number_count &&
               strcmp(rules->numbers[slot].word, word) != 0)
            slot++;
        if (status == FCR_OK && slot == rules->number_count) {
            size_t capacity = rules->number_count;
            status = fcr__grow((void **)&rules->numbers, &capacity, rules->number_count + 1,
                               sizeof *rules->numbers);
            if (status == FCR_OK)
                rules->numbers[rules->number_count++] = (fcr__number_word){word, value};
            else
                fcr__free(word);
        } else if (status == FCR_OK) {
            rules->numbers[slot].value = value;
            fcr__free(word);
        } else {
            fcr__free(word);
        }
        if (status == FCR_OK)
            fcr__path_pop(&load->path, mark);
    }
    return status;
}

static fcr_status read_patterns(loader *load, fcr__rule *rule)
{
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_ARRAY_BEGIN);
    size_t capacity = 0;
    for (size_t index = 0; status == FCR_OK; index++) {
        size_t mark = fcr__path_push_index(&load->path, index);
        fcr__json_token token = fcr__json_next(load->parser);
        if (token == FCR__JSON_ARRAY_END) {
            fcr__path_pop(&load->path, mark);
            break;
        }
        if (token != FCR__JSON_STRING)
            return fcr__json_type_error(load->parser, &load->path, token, "a pattern string");
        if (index >= MAX_PATTERNS_PER_RULE)
            return fail(load, FCR_ELIMIT, "a rule may have at most 1000 patterns");
        size_t length;
        const char *text = fcr__json_string(load->parser, &length);
        status = fcr__json_check_text(load->parser, &load->path, text, length, MAX_PATTERN_BYTES);
        if (status != FCR_OK)
            return status;

        size_t line, column, offset;
        fcr__json_position(load->parser, &line, &column, &offset);
        status = fcr__grow((void **)&rule->sources, &capacity, rule->source_count + 1,
                           sizeof *rule->sources);
        if (status != FCR_OK)
            break;
        char *copy = fcr__strndup(text, length);
        if (copy == NULL)
            return fcr__error_nomem();
        rule->sources[rule->source_count++] = (fcr__pattern_source){copy, line, column,
                                                                    load->name};
        fcr__path_pop(&load->path, mark);
    }
    if (status == FCR_OK && rule->source_count == 0)
        status = fail(load, FCR_ERECORD, "a rule needs at least one pattern");
    return status;
}

static fcr_status read_role(loader *load, unsigned *roles)
{
    const char *text;
    size_t length;
    fcr_status status = fcr__json_read_string(load->parser, &load->path, 16, &text, &length);
    if (status != FCR_OK)
        return status;
    if (fcr__key_is(text, length, "agent"))
        *roles = FCR__ROLE_BIT(FCR_TURN_AGENT);
    else if (fcr__key_is(text, length, "caller"))
        *roles = FCR__ROLE_BIT(FCR_TURN_CALLER);
    else if (fcr__key_is(text, length, "system"))
        *roles = FCR__ROLE_BIT(FCR_TURN_SYSTEM);
    else if (fcr__key_is(text, length, "any"))
        *roles = FCR__ROLE_BIT(FCR_TURN_AGENT) | FCR__ROLE_BIT(FCR_TURN_CALLER) |
                 FCR__ROLE_BIT(FCR_TURN_SYSTEM);
    else
        return fail(load, FCR_ERECORD, "must be \"agent\", \"caller\", \"system\" or \"any\"");
    return FCR_OK;
}

static fcr_status read_value(loader *load, char **slot)
{
    const char *text;
    size_t length;
    fcr_status status = fcr__json_read_string(load->parser, &load->path, 0, &text, &length);
    if (status != FCR_OK)
        return status;
    if (!valid_word_id(text, length, MAX_VALUE_BYTES))
        return fail(load, FCR_ERECORD, "must be an id of 1 to 64 lower-case letters, digits or "
                                       "'_', such as date_of_birth");
    char *copy = fcr__strndup(text, length);
    if (copy == NULL)
        return fcr__error_nomem();
    fcr__free(*slot);
    *slot = copy;
    return FCR_OK;
}

/* Reads the fields of one rule object, whose opening brace has been read,
 * into *rule, which is empty but for its id. */
static fcr_status read_rule(loader *load, fcr__rule *rule)
{
    static const char known[] = "signal, role, patterns, identifier, identifiers, category, "
                                "target, minutes, unit_minutes";
    bool has_signal = false;
    bool has_role = false;
    bool has_value = false;
    bool has_identifiers = false;
    bool has_minutes = false;
    bool has_unit = false;
    const char *value_key = NULL;

    fcr_status status = FCR_OK;
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(load->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, length);
        if (fcr__key_is(key, length, "signal")) {
            const char *text;
            size_t text_length;
            status = fcr__json_read_string(load->parser, &load->path, 32, &text, &text_length);
            int found = -1;
            for (int s = 0; status == FCR_OK && s < FCR__SIGNAL_COUNT; s++) {
                if (fcr__key_is(text, text_length, signal_names[s]))
                    found = s;
            }
            if (status == FCR_OK && found < 0)
                status = fail(load, FCR_ERECORD, "unknown signal; docs/transcripts.md lists "
                                                 "the signals, such as open_question, "
                                                 "restatement, identity_request, escalation");
            if (status == FCR_OK) {
                rule->signal = (fcr__signal)found;
                has_signal = true;
            }
        } else if (fcr__key_is(key, length, "role")) {
            status = read_role(load, &rule->roles);
            has_role = true;
        } else if (fcr__key_is(key, length, "patterns")) {
            status = read_patterns(load, rule);
        } else if (fcr__key_is(key, length, "identifier") ||
                   fcr__key_is(key, length, "category") || fcr__key_is(key, length, "target")) {
            value_key = fcr__key_is(key, length, "identifier") ? "identifier"
                        : fcr__key_is(key, length, "category") ? "category"
                                                                : "target";
            status = read_value(load, &rule->value);
            has_value = true;
        } else if (fcr__key_is(key, length, "identifiers")) {
            status = read_word_list(load, MAX_VALUE_BYTES, &rule->identifiers,
                                    &rule->identifier_count);
            has_identifiers = true;
        } else if (fcr__key_is(key, length, "minutes")) {
            status = fcr__json_read_int(load->parser, &load->path, 1, 525600, &rule->minutes);
            has_minutes = true;
        } else if (fcr__key_is(key, length, "unit_minutes")) {
            status = fcr__json_read_int(load->parser, &load->path, 1, 525600,
                                        &rule->unit_minutes);
            has_unit = true;
        } else {
            status = fcr__json_unknown_field(load->parser, &load->path, known);
        }
        if (status == FCR_OK)
            fcr__path_pop(&load->path, mark);
    }
    if (status != FCR_OK)
        return status;

    if (!has_signal)
        return fail(load, FCR_ERECORD, "the rule has no signal; add \"signal\"");
    if (rule->source_count == 0)
        return fail(load, FCR_ERECORD, "the rule has no patterns; add \"patterns\"");
    if (!has_role)
        rule->roles = FCR__ROLE_BIT(default_role(rule->signal));

    attribute needed = signal_attribute(rule->signal);
    const char *signal = signal_names[rule->signal];
    char message[200];
    if (needed == ATTR_IDENTIFIER && (!has_value || strcmp(value_key, "identifier") != 0)) {
        snprintf(message, sizeof message, "a %s rule needs \"identifier\", such as "
                                          "\"date_of_birth\"", signal);
        return fail(load, FCR_ERECORD, message);
    }
    if (needed == ATTR_CATEGORY && (!has_value || strcmp(value_key, "category") != 0))
        return fail(load, FCR_ERECORD, "a category rule needs \"category\", such as \"refill\"");
    if (needed == ATTR_TARGET && (!has_value || strcmp(value_key, "target") != 0))
        return fail(load, FCR_ERECORD, "an escalation rule needs \"target\", such as "
                                       "\"nurse_triage\"");
    if (needed == ATTR_IDENTIFIERS && (!has_identifiers || rule->identifier_count == 0))
        return fail(load, FCR_ERECORD, "an identity_check rule needs \"identifiers\", such as "
                                       "[\"name\"]");
    if (needed == ATTR_DURATION && has_minutes == has_unit)
        return fail(load, FCR_ERECORD, "a timeframe rule needs either \"minutes\" or "
                                       "\"unit_minutes\" (minutes per number in its patterns)");
    if ((has_value && needed != ATTR_IDENTIFIER && needed != ATTR_CATEGORY &&
         needed != ATTR_TARGET) ||
        (has_identifiers && needed != ATTR_IDENTIFIERS) ||
        ((has_minutes || has_unit) && needed != ATTR_DURATION)) {
        snprintf(message, sizeof message, "a %s rule takes no identifier, category, target or "
                                          "duration; remove it",
                 signal);
        return fail(load, FCR_ERECORD, message);
    }
    return FCR_OK;
}

static size_t find_rule(const fcr_rules *rules, const char *id, size_t length)
{
    for (size_t i = 0; i < rules->count; i++) {
        if (strlen(rules->rules[i].id) == length && memcmp(rules->rules[i].id, id, length) == 0)
            return i;
    }
    return SIZE_MAX;
}

static fcr_status read_rules(loader *load)
{
    fcr_rules *rules = load->rules;
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(load->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, length);
        if (!valid_word_id(key, length, MAX_RULE_ID_BYTES))
            return fail(load, FCR_ERECORD, "a rule id is 1 to 64 lower-case letters, digits, "
                                           "'_', '.' or '-'");
        size_t existing = find_rule(rules, key, length);
        char *id = fcr__strndup(key, length);
        if (id == NULL)
            return fcr__error_nomem();

        fcr__json_token token = fcr__json_next(load->parser);
        if (token == FCR__JSON_NULL) {
            fcr__free(id);
            if (existing != SIZE_MAX) {
                fcr__rule_free(&rules->rules[existing]);
                memmove(&rules->rules[existing], &rules->rules[existing + 1],
                        (rules->count - existing - 1) * sizeof *rules->rules);
                rules->count--;
            }
            fcr__path_pop(&load->path, mark);
            continue;
        }
        if (token != FCR__JSON_OBJECT_BEGIN) {
            fcr__free(id);
            return fcr__json_type_error(load->parser, &load->path, token, "a rule object or null");
        }

        /* A rule is read whole into a fresh entry, then replaces or joins. */
        fcr__rule rule;
        memset(&rule, 0, sizeof rule);
        rule.id = id;
        status = read_rule(load, &rule);
        if (status == FCR_OK && existing == SIZE_MAX && rules->count >= MAX_RULES)
            status = fail(load, FCR_ELIMIT, "a rule set may have at most 2000 rules");
        if (status == FCR_OK && existing == SIZE_MAX)
            status = fcr__grow((void **)&rules->rules, &rules->capacity, rules->count + 1,
                               sizeof *rules->rules);
        if (status != FCR_OK) {
            fcr__rule_free(&rule);
            return status;
        }
        if (existing != SIZE_MAX) {
            fcr__rule_free(&rules->rules[existing]);
            rules->rules[existing] = rule;
        } else {
            rules->rules[rules->count++] = rule;
        }
        fcr__path_pop(&load->path, mark);
    }
    return status;
}

static fcr_status read_document(loader *load)
{
    static const char known[] = "format, language, fillers, numbers, rules";
    bool has_format = false;
    fcr_status status = fcr__json_expect(load->parser, &load->path, FCR__JSON_OBJECT_BEGIN);
    while (status == FCR_OK) {
        const char *key;
        size_t length;
        status = fcr__json_next_key(load->parser, &key, &length);
        if (status != FCR_OK || key == NULL)
            break;
        size_t mark = fcr__path_push_key(&load->path, key, length);
        if (fcr__key_is(key, length, "format")) {
            status = read_format(load);
            has_format = status == FCR_OK;
        } else if (fcr__key_is(key, length, "language")) {
            const char *text;
            size_t text_length;
            status = fcr__json_read_string(load->parser, &load->path, 35, &text, &text_length);
        } else if (fcr__key_is(key, length, "fillers")) {
            status = read_fillers(load);
        } else if (fcr__key_is(key, length, "numbers")) {
            status = read_numbers(load);
        } else if (fcr__key_is(key, length, "rules")) {
            status = read_rules(load);
        } else {
            status = fcr__json_unknown_field(load->parser, &load->path, known);
        }
        if (status == FCR_OK)
            fcr__path_pop(&load->path, mark);
    }
    if (status == FCR_OK && !has_format)
        status = fail(load, FCR_ERECORD, "the document has no format tag; add \"format\": "
                                         "\"fcr.rules/1\"");
    if (status == FCR_OK) {
        fcr__json_token token = fcr__json_next(load->parser);
        if (token != FCR__JSON_END)
            status = fcr__json_token_status(token);
    }
    return status;
}

/* Compiles every rule's patterns once the fillers and number words are
 * final, drops the pattern texts and indexes the patterns by first word. */
static fcr_status compile_rules(fcr_rules *rules)
{
    for (size_t r = 0; r < rules->count; r++) {
        fcr__rule *rule = &rules->rules[r];
        if (rule->source_count == 0)
            continue;
        for (size_t i = 0; i < rule->pattern_count; i++)
            fcr__pattern_free(&rule->patterns[i]);
        fcr__free(rule->patterns);
        rule->pattern_count = 0;
        rule->patterns = fcr__calloc(rule->source_count, sizeof *rule->patterns);
        if (rule->patterns == NULL)
            return fcr__error_nomem();

        for (size_t i = 0; i < rule->source_count; i++) {
            const fcr__pattern_source *source = &rule->sources[i];
            fcr_status status;
            if (!fcr__pattern_compile(&rule->patterns[rule->pattern_count], source->text,
                                      strlen(source->text), rules, &status)) {
                if (status != FCR_OK)
                    return status;
                return fcr__error_at(FCR_ERECORD, source->line, source->column, SIZE_MAX,
                                     "rules", "%.200s:%zu:%zu: rules.%s.patterns[%zu]: invalid "
                                     "pattern; use words, word*, a|b, * (up to 3 words), # (a "
                                     "number) and a leading ^ (start of a sentence)",
                                     source->origin, source->line, source->column, rule->id, i);
            }
            rule->pattern_count++;
        }
        for (size_t i = 0; i < rule->source_count; i++)
            fcr__free(rule->sources[i].text);
        fcr__free(rule->sources);
        rule->sources = NULL;
        rule->source_count = 0;
    }
    return fcr__rules_index_build(rules);
}

static fcr_status load_into(fcr_rules *rules, const char *json, size_t length, const char *name)
{
    loader load = {NULL, {{0}, 0}, rules, name};
    fcr__path_init(&load.path);
    fcr_status status = fcr__json_parser_new(&load.parser, NULL);
    if (status != FCR_OK)
        return status;
    fcr__json_parser_reset(load.parser, json, length, name);
    status = read_document(&load);
    fcr__json_parser_free(load.parser);
    return status;
}

fcr_status fcr__rules_default_document(char **out, size_t *length)
{
    fcr__strbuf buffer = FCR__STRBUF_INIT;
    for (size_t i = 0; i < fcr__rules_default_line_count; i++) {
        fcr__strbuf_puts(&buffer, fcr__rules_default_lines[i]);
        fcr__strbuf_putc(&buffer, '\n');
    }
    size_t used = buffer.length;
    char *text = fcr__strbuf_detach(&buffer);
    if (text == NULL)
        return fcr__error_nomem();
    *out = text;
    *length = used;
    return FCR_OK;
}

static fcr_status create(fcr_rules **out, const char *json, size_t length, const char *name)
{
    fcr_rules *rules = fcr__calloc(1, sizeof *rules);
    if (rules == NULL)
        return fcr__error_nomem();

    char *defaults = NULL;
    size_t defaults_length = 0;
    fcr_status status = fcr__rules_default_document(&defaults, &defaults_length);
    if (status == FCR_OK)
        status = load_into(rules, defaults, defaults_length, "<built-in rules>");
    fcr__free(defaults);
    if (status == FCR_OK && json != NULL)
        status = load_into(rules, json, length, name);
    if (status == FCR_OK)
        status = compile_rules(rules);
    if (status != FCR_OK) {
        fcr_rules_free(rules);
        return status;
    }
    *out = rules;
    return FCR_OK;
}

fcr_status fcr_rules_new(fcr_rules **out)
{
    if (out == NULL)
        return fcr__error(FCR_EINVAL, "fcr_rules_new: out must not be NULL");
    return create(out, NULL, 0, NULL);
}

fcr_status fcr_rules_load(fcr_rules **out, const char *json, size_t length, const char *name)
{
    if (out == NULL || json == NULL)
        return fcr__error(FCR_EINVAL, "fcr_rules_load: out and json must not be NULL");
    return create(out, json, length, name != NULL ? name : "<rules>");
}

fcr_status fcr_rules_load_file(fcr_rules **out, const char *path)
{
    if (out == NULL || path == NULL)
        return fcr__error(FCR_EINVAL, "fcr_rules_load_file: out and path must not be NULL");

    char *data = NULL;
    size_t length = 0;
    fcr_status status = fcr__read_file(path, FCR__MAX_POLICY_BYTES, &data, &length);
    if (status != FCR_OK)
        return status;
    status = fcr_rules_load(out, data, length, path);
    fcr__free(data);
    return status;
}
