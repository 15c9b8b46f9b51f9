/* SPDX-License-Identifier: MIT */
/*
 * Deriving a replay-mode call from a transcript with a rule set.
 *
 * Every turn is split into words and matched against the rules first.
 * Then the concerns are placed (the caller's first substantive turn, and
 * the answer to an anything-else question that says yes), each concern's
 * outcome is chosen, and one pass over the turns emits the events in turn
 * order. Each event carries an "evidence" array naming the turns and byte
 * spans that support it; docs/transcripts.md describes every step.
 */
#include <stdio.h>
#include <string.h>

#include "fcr/scorecard.h"
#include "json.h"
#include "model.h"
#include "rules.h"
#include "transcript.h"

/* Words a caller turn needs, beyond small talk, to state a concern. */
#define CONCERN_MIN_WORDS 3
/* Without an open question, a concern without a category keyword needs more. */
#define CONCERN_MIN_WORDS_UNPROMPTED 5
/* Caller turns after the concern turn searched for a category keyword. */
#define CATEGORY_LOOKAHEAD 2
#define MAX_CONCERNS 9
#define MAX_IDENTIFIERS 16

typedef struct turn_info {
    size_t first_match;  /* matches of this turn: [first_match, first_match + match_count) */
    size_t match_count;
    size_t word_count;
    size_t substantive;  /* words outside small-talk and non-answer matches */
    int64_t at_ms;       /* event time offset: the start, kept in order */
} turn_info;

typedef struct pending_identity {
    const char *identifiers[MAX_IDENTIFIERS]; /* owned by the rules */
    size_t count;
    size_t request_turn[MAX_IDENTIFIERS];
    const fcr__match *request[MAX_IDENTIFIERS];
} pending_identity;

typedef struct concern_plan {
    size_t turn;                /* the turn that states it */
    const char *category;       /* owned by the policy */
    const fcr__match *category_match;
    size_t category_turn;
    size_t outcome_turn;        /* SIZE_MAX when none */
    const fcr__match *outcome;  /* the resolution or escalation match */
} concern_plan;

typedef struct deriver {
    const fcr_transcript *transcript;
    const fcr_rules *rules;
    fcr_policy *policy;
    fcr_call *call;
    fcr_time started_at;
    bool start_known;
    turn_info *turns;
    fcr__matches matches;
    pending_identity *pending; /* per turn */
    const char *verified[MAX_IDENTIFIERS * 2];
    size_t verified_count;
    concern_plan concerns[MAX_CONCERNS];
    size_t concern_count;
    size_t current_concern;    /* index into concerns of the latest stated, or SIZE_MAX */
    fcr__strbuf scratch;
} deriver;

/* --- looking up matches ------------------------------------------------------ */

static const fcr__rule *rule_of(const deriver *d, const fcr__match *match)
{
    return &d->rules->rules[match->rule];
}

static fcr__signal signal_of(const deriver *d, const fcr__match *match)
{
    return rule_of(d, match)->signal;
}

/* The first match of `signal` in turn `turn`, or NULL. */
static const fcr__match *find_match(const deriver *d, size_t turn, fcr__signal signal)
{
    const turn_info *info = &d->turns[turn];
    for (size_t i = 0; i < info->match_count; i++) {
        const fcr__match *match = &d->matches.items[info->first_match + i];
        if (signal_of(d, match) == signal)
            return match;
    }
    return NULL;
}

static bool sentence_has(const deriver *d, size_t turn, size_t sentence, fcr__signal signal)
{
    const turn_info *info = &d->turns[turn];
    for (size_t i = 0; i < info->match_count; i++) {
        const fcr__match *match = &d->matches.items[info->first_match + i];
        if (match->sentence == sentence && signal_of(d, match) == signal)
            return true;
    }
    return false;
}

static fcr_turn_role role_at(const deriver *d, size_t turn)
{
    return d->transcript->turns[turn].role;
}

/* The next caller turn after `turn`, or SIZE_MAX. */
static size_t next_caller_turn(const deriver *d, size_t turn)
{
    for (size_t i = turn + 1; i < d->transcript->turn_count; i++) {
        if (role_at(d, i) == FCR_TURN_CALLER)
            return i;
    }
    return SIZE_MAX;
}

/* An open question that no closed-question opening of its sentence
 * vetoes, such as "Do you want to tell me about it?". */
static const fcr__match *open_question(const deriver *d, size_t turn)
{
    const turn_info *info = &d->turns[turn];
    for (size_t i = 0; i < info->match_count; i++) {
        const fcr__match *match = &d->matches.items[info->first_match + i];
        if (signal_of(d, match) == FCR__SIGNAL_OPEN_QUESTION &&
            !sentence_has(d, turn, match->sentence, FCR__SIGNAL_CLOSED_QUESTION))
            return match;
    }
    return NULL;
}

/* A restatement in a sentence that asks for no identifier ("just to confirm
 * your date of birth" checks identity, it does not restate the concern). */
static const fcr__match *restatement(const deriver *d, size_t turn)
{
    const turn_info *info = &d->turns[turn];
    for (size_t i = 0; i < info->match_count; i++) {
        const fcr__match *match = &d->matches.items[info->first_match + i];
        if (signal_of(d, match) == FCR__SIGNAL_RESTATEMENT &&
            !sentence_has(d, turn, match->sentence, FCR__SIGNAL_IDENTITY_REQUEST))
            return match;
    }
    return NULL;
}

/* --- analysis ---------------------------------------------------------------- */

static fcr_status analyze_turns(deriver *d)
{
    const fcr_transcript *transcript = d->transcript;
    fcr__words words = {NULL, 0, 0, NULL, 0, 0};
    fcr_status status = FCR_OK;
    int64_t previous = 0;

    for (size_t i = 0; i < transcript->turn_count && status == FCR_OK; i++) {
        const fcr__turn *turn = &transcript->turns[i];
        turn_info *info = &d->turns[i];
        status = fcr__words_split(&words, d->rules, turn->text, turn->length);
        if (status != FCR_OK)
            break;
        info->first_match = d->matches.count;
        status = fcr__rules_match(d->rules, turn->role, &words, &d->matches);
        if (status != FCR_OK)
            break;
        info->match_count = d->matches.count - info->first_match;
        info->word_count = words.count;

        /* Words that small talk or a non-answer covers do not make a turn
         * substantive. */
        size_t covered = 0;
        size_t covered_until = 0;
        for (size_t m = 0; m < info->match_count; m++) {
            const fcr__match *match = &d->matches.items[info->first_match + m];
            fcr__signal signal = signal_of(d, match);
            if (signal != FCR__SIGNAL_SMALL_TALK && signal != FCR__SIGNAL_NON_ANSWER)
                continue;
            size_t from = match->first_word > covered_until ? match->first_word : covered_until;
            if (match->end_word > from)
                covered += match->end_word - from;
            if (match->end_word > covered_until)
                covered_until = match->end_word;
        }
        info->substantive = words.count > covered ? words.count - covered : 0;

        int64_t at = turn->start_ms != FCR__OFFSET_NONE ? turn->start_ms : previous;
        if (at < previous)
            at = previous;
        info->at_ms = at;
        previous = at;
    }
    fcr__words_free(&words);
    return status;
}

/* The category with the most keyword matches in a turn, earlier rules
 * winning ties; NULL when none matched or the policy lacks it. */
static const fcr__match *best_category(const deriver *d, size_t turn)
{
    const turn_info *info = &d->turns[turn];
    const fcr__match *best = NULL;
    size_t best_count = 0;
    for (size_t i = 0; i < info->match_count; i++) {
        const fcr__match *match = &d->matches.items[info->first_match + i];
        if (signal_of(d, match) != FCR__SIGNAL_CATEGORY)
            continue;
        const char *category = rule_of(d, match)->value;
        if (!fcr_policy_has_category(d->policy, category))
            continue;
        size_t count = 0;
        for (size_t k = 0; k < info->match_count; k++) {
            const fcr__match *other = &d->matches.items[info->first_match + k];
            if (signal_of(d, other) == FCR__SIGNAL_CATEGORY &&
                strcmp(rule_of(d, other)->value, category) == 0)
                count++;
        }
        if (count > best_count || (count == best_count && best != NULL && match->rule < best->rule)) {
            best = match;
            best_count = count;
        }
    }
    return best;
}

static void plan_category(deriver *d, concern_plan *plan)
{
    plan->category = NULL;
    plan->category_match = NULL;
    size_t turn = plan->turn;
    for (size_t step = 0; step <= CATEGORY_LOOKAHEAD && turn != SIZE_MAX; step++) {
        const fcr__match *match = best_category(d, turn);
        if (match != NULL) {
            plan->category_match = match;
            plan->category_turn = turn;
            plan->category = rule_of(d, match)->value;
            return;
        }
        turn = next_caller_turn(d, turn);
    }
    plan->category = fcr_policy_has_category(d->policy, "other") ? "other" : NULL;
}

/* The turn where the first concern is stated, or SIZE_MAX. */
static size_t first_concern_turn(const deriver *d)
{
    size_t count = d->transcript->turn_count;
    size_t first_open = SIZE_MAX;
    for (size_t i = 0; i < count && first_open == SIZE_MAX; i++) {
        if (role_at(d, i) == FCR_TURN_AGENT && open_question(d, i) != NULL)
            first_open = i;
    }
    if (first_open != SIZE_MAX) {
        for (size_t i = first_open + 1; i < count; i++) {
            if (role_at(d, i) == FCR_TURN_CALLER && d->turns[i].substantive >= CONCERN_MIN_WORDS)
                return i;
        }
    }
    for (size_t i = 0; i < count; i++) {
        if (role_at(d, i) == FCR_TURN_CALLER && d->turns[i].substantive >= CONCERN_MIN_WORDS &&
            best_category(d, i) != NULL)
            return i;
    }
    for (size_t i = 0; i < count; i++) {
        if (role_at(d, i) == FCR_TURN_CALLER &&
            d->turns[i].substantive >= CONCERN_MIN_WORDS_UNPROMPTED)
            return i;
    }
    return SIZE_MAX;
}

/* The caller's answer to an anything-else question at `turn`: "no" when a
 * no-phrase matches, "yes" when only a yes-phrase does, and "no" when the
 * caller says neither or never answers. *answer_turn is SIZE_MAX when the
 * caller never speaks again. */
static const char *anything_else_answer(const deriver *d, size_t turn, size_t *answer_turn,
                                        const fcr__match **match)
{
    *answer_turn = next_caller_turn(d, turn);
    *match = NULL;
    if (*answer_turn == SIZE_MAX)
        return "no";
    const fcr__match *no = find_match(d, *answer_turn, FCR__SIGNAL_ANSWER_NO);
    if (no != NULL) {
        *match = no;
        return "no";
    }
    const fcr__match *yes = find_match(d, *answer_turn, FCR__SIGNAL_ANSWER_YES);
    if (yes != NULL) {
        *match = yes;
        return "yes";
    }
    return "no";
}

/* Places the concerns, then chooses each one's outcome: the first
 * escalation among its turns, else the first resolution. */
static void plan_concerns(deriver *d)
{
    size_t first = first_concern_turn(d);
    if (first == SIZE_MAX)
        return;
    d->concerns[d->concern_count++] = (concern_plan){first, NULL, NULL, SIZE_MAX, SIZE_MAX, NULL};

    for (size_t i = first + 1; i < d->transcript->turn_count && d->concern_count < MAX_CONCERNS;
         i++) {
        if (role_at(d, i) != FCR_TURN_AGENT || find_match(d, i, FCR__SIGNAL_ANYTHING_ELSE) == NULL)
            continue;
        size_t answer_turn;
        const fcr__match *match;
        if (strcmp(anything_else_answer(d, i, &answer_turn, &match), "yes") == 0) {
            d->concerns[d->concern_count++] =
                (concern_plan){answer_turn, NULL, NULL, SIZE_MAX, SIZE_MAX, NULL};
            i = answer_turn;
        }
    }

    for (size_t c = 0; c < d->concern_count; c++) {
        concern_plan *plan = &d->concerns[c];
        plan_category(d, plan);
        size_t end = c + 1 < d->concern_count ? d->concerns[c + 1].turn : d->transcript->turn_count;
        const fcr__match *resolution = NULL;
        size_t resolution_turn = SIZE_MAX;
        for (size_t i = plan->turn + 1; i < end; i++) {
            if (role_at(d, i) == FCR_TURN_CALLER)
                continue;
            const fcr__match *escalation = find_match(d, i, FCR__SIGNAL_ESCALATION);
            if (escalation != NULL) {
                plan->outcome = escalation;
                plan->outcome_turn = i;
                break;
            }
            const fcr__match *resolved = find_match(d, i, FCR__SIGNAL_RESOLUTION);
            if (resolution == NULL && resolved != NULL) {
                resolution = resolved;
                resolution_turn = i;
            }
        }
        if (plan->outcome == NULL && resolution != NULL) {
            plan->outcome = resolution;
            plan->outcome_turn = resolution_turn;
        }
    }
}

/* --- building events ---------------------------------------------------------- */

static fcr_time turn_time(const deriver *d, size_t turn)
{
    return d->started_at + d->turns[turn].at_ms;
}

/* Writes one evidence object for a match, or for the whole turn when
 * `match` is NULL. */
static void write_evidence_item(fcr__json_writer *writer, const deriver *d, size_t turn,
                                const fcr__match *match, const char *rule_id)
{
    fcr__json_begin_object(writer);
    fcr__json_key(writer, "turn");
    fcr__json_int64(writer, (int64_t)turn);
    fcr__json_key(writer, "start");
    fcr__json_int64(writer, match != NULL ? (int64_t)match->start : 0);
    fcr__json_key(writer, "end");
    fcr__json_int64(writer, match != NULL ? (int64_t)match->end
                                          : (int64_t)d->transcript->turns[turn].length);
    fcr__json_key(writer, "rule");
    fcr__json_string_value(writer, match != NULL ? rule_of(d, match)->id : rule_id);
    fcr__json_end_object(writer);
}

/* One supporting turn of an event. */
typedef struct evidence {
    size_t turn;
    const fcr__match *match; /* NULL: the whole turn, named by rule_id */
    const char *rule_id;
} evidence;

static fcr_status attach_evidence(deriver *d, fcr_event *event, const evidence *items,
                                  size_t count, const char *extra_key, const char *const *extra,
                                  size_t extra_count)
{
    fcr__strbuf_clear(&d->scratch);
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, &d->scratch, false);
    fcr__json_begin_array(&writer);
    for (size_t i = 0; i < count; i++)
        write_evidence_item(&writer, d, items[i].turn, items[i].match, items[i].rule_id);
    if (extra_key != NULL && extra_count > 0) {
        fcr__json_begin_object(&writer);
        fcr__json_key(&writer, extra_key);
        fcr__json_begin_array(&writer);
        for (size_t i = 0; i < extra_count; i++)
            fcr__json_string_value(&writer, extra[i]);
        fcr__json_end_array(&writer);
        fcr__json_end_object(&writer);
    }
    fcr__json_end_array(&writer);
    fcr_status status = fcr__json_writer_status(&writer);
    if (status != FCR_OK)
        return status;
    return fcr__raw_fields_add(&event->unknown, "evidence", 8, d->scratch.data, d->scratch.length);
}

static fcr_status new_event(fcr_event **out, const deriver *d, fcr_event_type type, size_t turn)
{
    return fcr_event_new(out, type, turn_time(d, turn));
}

static fcr_status set_text(fcr_event *event, fcr__field_id field, const char *text, size_t length)
{
    return fcr__event_set_text_n(event, field, text, length);
}

static fcr_status quote_turn(fcr_event *event, const deriver *d, size_t turn)
{
    const fcr__turn *text = &d->transcript->turns[turn];
    return set_text(event, FCR__F_TEXT, text->text, text->length);
}

/* The sentence of the turn that contains a match, trimmed. */
static void match_sentence(const deriver *d, size_t turn, const fcr__match *match,
                           const char **text, size_t *length)
{
    const fcr__turn *source = &d->transcript->turns[turn];
    size_t start = match->start;
    while (start > 0) {
        char c = source->text[start - 1];
        if (c == '.' || c == '?' || c == '!' || c == ';' || c == '\n')
            break;
        start--;
    }
    size_t end = match->end;
    while (end < source->length) {
        char c = source->text[end++];
        if (c == '.' || c == '?' || c == '!' || c == ';' || c == '\n')
            break;
    }
    while (start < end && (source->text[start] == ' ' || source->text[start] == '\t'))
        start++;
    *text = source->text + start;
    *length = end - start;
}

/* Takes over `event`: appends it to the call or frees it. */
static fcr_status append(deriver *d, fcr_event *event, fcr_status status)
{
    if (status == FCR_OK)
        status = fcr__call_append_owned(d->call, event);
    if (status != FCR_OK)
        fcr_event_free(event);
    return status;
}

static const char *concern_id(size_t index)
{
    static const char *const ids[MAX_CONCERNS] = {"c1", "c2", "c3", "c4", "c5",
                                                  "c6", "c7", "c8", "c9"};
    return ids[index];
}

static bool already_verified(const deriver *d, const char *identifier)
{
    for (size_t i = 0; i < d->verified_count; i++) {
        if (strcmp(d->verified[i], identifier) == 0)
            return true;
    }
    return false;
}

/* Records identifier types as verified at `turn`: the ones the policy knows
 * go into the event, the others into its evidence. */
static fcr_status emit_identity(deriver *d, size_t turn, const char *const *identifiers,
                                size_t count, const evidence *items, size_t item_count)
{
    const char *known[MAX_IDENTIFIERS];
    const char *unknown[MAX_IDENTIFIERS];
    size_t known_count = 0, unknown_count = 0;
    for (size_t i = 0; i < count && i < MAX_IDENTIFIERS; i++) {
        if (already_verified(d, identifiers[i]))
            continue;
        if (d->verified_count < FCR__ARRAY_SIZE(d->verified))
            d->verified[d->verified_count++] = identifiers[i];
        if (fcr_policy_label(d->policy, FCR_POLICY_IDENTIFIER_TYPE, identifiers[i]) != NULL)
            known[known_count++] = identifiers[i];
        else
            unknown[unknown_count++] = identifiers[i];
    }
    /* identity_verified needs at least one type the policy knows. */
    if (known_count == 0)
        return FCR_OK;

    fcr_event *event = NULL;
    fcr_status status = new_event(&event, d, FCR_EVENT_IDENTITY_VERIFIED, turn);
    for (size_t i = 0; i < known_count && status == FCR_OK; i++)
        status = fcr__event_add_list_n(event, FCR__F_IDENTIFIERS, known[i], strlen(known[i]));
    if (status == FCR_OK)
        status = attach_evidence(d, event, items, item_count, "not_in_policy", unknown,
                                 unknown_count);
    return append(d, event, status);
}

/* For each identifier the agent asks for at `turn`, finds the caller's
 * answer before the agent speaks again and queues the identifier there. */
static void queue_identity_requests(deriver *d, size_t turn)
{
    size_t answer = SIZE_MAX;
    for (size_t i = turn + 1; i < d->transcript->turn_count; i++) {
        fcr_turn_role role = role_at(d, i);
        if (role == FCR_TURN_AGENT)
            break;
        /* A turn of non-answers only ("Sorry?") answers nothing. */
        if (role == FCR_TURN_CALLER && d->turns[i].word_count > 0 &&
            (d->turns[i].substantive > 0 || find_match(d, i, FCR__SIGNAL_NON_ANSWER) == NULL)) {
            answer = i;
            break;
        }
    }
    if (answer == SIZE_MAX)
        return;

    const turn_info *info = &d->turns[turn];
    pending_identity *pending = &d->pending[answer];
    for (size_t m = 0; m < info->match_count; m++) {
        const fcr__match *match = &d->matches.items[info->first_match + m];
        if (signal_of(d, match) != FCR__SIGNAL_IDENTITY_REQUEST || pending->count >= MAX_IDENTIFIERS)
            continue;
        const char *identifier = rule_of(d, match)->value;
        bool listed = false;
        for (size_t k = 0; k < pending->count; k++)
            listed = listed || strcmp(pending->identifiers[k], identifier) == 0;
        if (listed)
            continue;
        pending->identifiers[pending->count] = identifier;
        pending->request_turn[pending->count] = turn;
        pending->request[pending->count] = match;
        pending->count++;
    }
}

static fcr_status emit_pending_identity(deriver *d, size_t turn)
{
    pending_identity *pending = &d->pending[turn];
    const turn_info *info = &d->turns[turn];
    const char *identifiers[MAX_IDENTIFIERS];
    evidence items[MAX_IDENTIFIERS + 1];
    size_t count = 0, item_count = 0;

    for (size_t i = 0; i < pending->count; i++) {
        identifiers[count++] = pending->identifiers[i];
        items[item_count++] = (evidence){pending->request_turn[i], pending->request[i], NULL};
    }
    /* Identifiers the caller states unasked ("my date of birth is ..."). */
    for (size_t m = 0; m < info->match_count && count < MAX_IDENTIFIERS; m++) {
        const fcr__match *match = &d->matches.items[info->first_match + m];
        if (signal_of(d, match) != FCR__SIGNAL_IDENTITY_STATEMENT)
            continue;
        identifiers[count++] = rule_of(d, match)->value;
        if (item_count < MAX_IDENTIFIERS)
            items[item_count++] = (evidence){turn, match, NULL};
    }
    if (count == 0)
        return FCR_OK;
    /* The answer turn, whole: its text may hold identifier values, so it is
     * cited by position and never quoted. */
    if (pending->count > 0)
        items[item_count++] = (evidence){turn, NULL, "identity.answer"};
    return emit_identity(d, turn, identifiers, count, items, item_count);
}

static fcr_status emit_system_identity(deriver *d, size_t turn)
{
    const turn_info *info = &d->turns[turn];
    for (size_t m = 0; m < info->match_count; m++) {
        const fcr__match *match = &d->matches.items[info->first_match + m];
        if (signal_of(d, match) != FCR__SIGNAL_IDENTITY_CHECK)
            continue;
        const fcr__rule *rule = rule_of(d, match);
        evidence item = {turn, match, NULL};
        fcr_status status = emit_identity(d, turn, (const char *const *)rule->identifiers,
                                          rule->identifier_count, &item, 1);
        if (status != FCR_OK)
            return status;
    }
    return FCR_OK;
}

static fcr_status emit_concern(deriver *d, size_t index)
{
    const concern_plan *plan = &d->concerns[index];
    if (plan->category == NULL)
        return FCR_OK;
    size_t turn = plan->turn;
    const fcr__turn *text = &d->transcript->turns[turn];

    fcr_event *event = NULL;
    fcr_status status = new_event(&event, d, FCR_EVENT_CONCERN_STATED, turn);
    if (status == FCR_OK)
        status = fcr__event_set_concern_n(event, concern_id(index), strlen(concern_id(index)));
    if (status == FCR_OK)
        status = set_text(event, FCR__F_CATEGORY, plan->category, strlen(plan->category));
    if (status == FCR_OK)
        status = set_text(event, FCR__F_REQUEST, text->text, text->length);
    if (status == FCR_OK)
        status = quote_turn(event, d, turn);
    if (status == FCR_OK) {
        evidence items[2];
        size_t count = 0;
        items[count++] = (evidence){turn, NULL, index == 0 ? "concern.first_substantive_turn"
                                                           : "concern.anything_else_yes"};
        if (plan->category_match != NULL)
            items[count++] = (evidence){plan->category_turn, plan->category_match, NULL};
        else
            items[count++] = (evidence){turn, NULL, "category.default_other"};
        status = attach_evidence(d, event, items, count, NULL, NULL, 0);
    }
    status = append(d, event, status);
    if (status == FCR_OK)
        d->current_concern = index;
    return status;
}

static fcr_status emit_open_question(deriver *d, size_t turn)
{
    const fcr__match *match = open_question(d, turn);
    if (match == NULL)
        return FCR_OK;
    fcr_event *event = NULL;
    fcr_status status = new_event(&event, d, FCR_EVENT_OPEN_QUESTION_ASKED, turn);
    if (status == FCR_OK)
        status = quote_turn(event, d, turn);
    if (status == FCR_OK) {
        evidence item = {turn, match, NULL};
        status = attach_evidence(d, event, &item, 1, NULL, NULL, 0);
    }
    return append(d, event, status);
}

static fcr_status emit_restatement(deriver *d, size_t turn)
{
    const fcr__match *match = restatement(d, turn);
    if (match == NULL || d->current_concern == SIZE_MAX)
        return FCR_OK;

    /* The caller's reply: whichever of a confirmation and a correction
     * comes first in their next turn. */
    size_t reply = next_caller_turn(d, turn);
    const fcr__match *answer = NULL;
    if (reply != SIZE_MAX) {
        const fcr__match *yes = find_match(d, reply, FCR__SIGNAL_CONFIRMATION);
        const fcr__match *no = find_match(d, reply, FCR__SIGNAL_CORRECTION);
        answer = yes == NULL ? no : (no == NULL || yes->start <= no->start ? yes : no);
    }
    bool confirmed = answer != NULL && signal_of(d, answer) == FCR__SIGNAL_CONFIRMATION;

    const char *id = concern_id(d->current_concern);
    fcr_event *event = NULL;
    fcr_status status = new_event(&event, d, FCR_EVENT_CONCERN_RESTATED, turn);
    if (status == FCR_OK)
        status = fcr__event_set_concern_n(event, id, strlen(id));
    if (status == FCR_OK) {
        event->flags[FCR__F_CONFIRMED - FCR__TEXT_FIELD_COUNT] = confirmed;
        event->present |= UINT32_C(1) << FCR__F_CONFIRMED;
        status = quote_turn(event, d, turn);
    }
    if (status == FCR_OK) {
        evidence items[2] = {{turn, match, NULL}, {reply, answer, NULL}};
        status = attach_evidence(d, event, items, answer != NULL ? 2 : 1, NULL, NULL, 0);
    }
    return append(d, event, status);
}

static fcr_status emit_outcome(deriver *d, size_t index)
{
    const concern_plan *plan = &d->concerns[index];
    size_t turn = plan->outcome_turn;
    const fcr__match *match = plan->outcome;
    const fcr__rule *rule = rule_of(d, match);
    const char *id = concern_id(index);
    const char *sentence;
    size_t sentence_length;
    match_sentence(d, turn, match, &sentence, &sentence_length);

    if (rule->signal == FCR__SIGNAL_RESOLUTION) {
        fcr_event *event = NULL;
        fcr_status status = new_event(&event, d, FCR_EVENT_RESOLVED, turn);
        if (status == FCR_OK)
            status = fcr__event_set_concern_n(event, id, strlen(id));
        if (status == FCR_OK)
            status = set_text(event, FCR__F_ACTION, sentence, sentence_length);
        if (status == FCR_OK) {
            evidence item = {turn, match, NULL};
            status = attach_evidence(d, event, &item, 1, NULL, NULL, 0);
        }
        return append(d, event, status);
    }

    /* An escalation: the rule's target when the policy has it, else the
     * category's default target. */
    const char *target = rule->value;
    if (fcr_policy_label(d->policy, FCR_POLICY_TARGET, target) == NULL)
        target = fcr_policy_default_target(d->policy, plan->category);
    const fcr__match *timeframe = find_match(d, turn, FCR__SIGNAL_TIMEFRAME);

    fcr_event *event = NULL;
    fcr_status status = new_event(&event, d, FCR_EVENT_ESCALATED, turn);
    if (status == FCR_OK)
        status = fcr__event_set_concern_n(event, id, strlen(id));
    if (status == FCR_OK && target != NULL) {
        status = set_text(event, FCR__F_TARGET, target, strlen(target));
        const char *owner = fcr_policy_label(d->policy, FCR_POLICY_TARGET, target);
        if (status == FCR_OK && owner != NULL)
            status = set_text(event, FCR__F_OWNER, owner, strlen(owner));
    }
    if (status == FCR_OK)
        status = set_text(event, FCR__F_REASON, sentence, sentence_length);
    if (status == FCR_OK && timeframe != NULL && d->start_known) {
        const fcr__rule *frame = rule_of(d, timeframe);
        int64_t minutes = frame->minutes > 0 ? frame->minutes : frame->unit_minutes * timeframe->number;
        fcr_time due = turn_time(d, turn) + minutes * 60000;
        if (minutes > 0 && due <= FCR_TIME_MAX) {
            event->due_at = due;
            event->present |= UINT32_C(1) << FCR__F_DUE_AT;
        }
    }
    if (status == FCR_OK) {
        evidence items[2] = {{turn, match, NULL}, {turn, timeframe, NULL}};
        status = attach_evidence(d, event, items, timeframe != NULL ? 2 : 1, NULL, NULL, 0);
    }
    return append(d, event, status);
}

static fcr_status emit_simple(deriver *d, size_t turn, fcr__signal signal, fcr_event_type type)
{
    const fcr__match *match = find_match(d, turn, signal);
    if (match == NULL || d->current_concern == SIZE_MAX)
        return FCR_OK;
    fcr_event *event = NULL;
    fcr_status status = new_event(&event, d, type, turn);
    if (status == FCR_OK)
        status = quote_turn(event, d, turn);

    evidence items[2] = {{turn, match, NULL}, {SIZE_MAX, NULL, NULL}};
    size_t count = 1;
    if (status == FCR_OK && type == FCR_EVENT_ANYTHING_ELSE_ASKED) {
        size_t answer_turn;
        const fcr__match *answer_match;
        const char *answer = anything_else_answer(d, turn, &answer_turn, &answer_match);
        status = set_text(event, FCR__F_ANSWER, answer, strlen(answer));
        if (answer_turn != SIZE_MAX)
            items[count++] = (evidence){answer_turn, answer_match, "answer.none_heard"};
    }
    if (status == FCR_OK)
        status = attach_evidence(d, event, items, count, NULL, NULL, 0);
    return append(d, event, status);
}

static fcr_status emit_turn(deriver *d, size_t turn)
{
    fcr_turn_role role = role_at(d, turn);
    fcr_status status = FCR_OK;

    if (role == FCR_TURN_SYSTEM) {
        status = emit_system_identity(d, turn);
    } else if (role == FCR_TURN_CALLER) {
        status = emit_pending_identity(d, turn);
        for (size_t c = 0; c < d->concern_count && status == FCR_OK; c++) {
            if (d->concerns[c].turn == turn)
                status = emit_concern(d, c);
        }
    } else {
        status = emit_open_question(d, turn);
        if (status == FCR_OK && find_match(d, turn, FCR__SIGNAL_IDENTITY_REQUEST) != NULL)
            queue_identity_requests(d, turn);
        if (status == FCR_OK)
            status = emit_restatement(d, turn);
    }

    for (size_t c = 0; c < d->concern_count && status == FCR_OK; c++) {
        if (d->concerns[c].outcome_turn == turn && d->concerns[c].category != NULL &&
            d->current_concern != SIZE_MAX)
            status = emit_outcome(d, c);
    }
    if (status == FCR_OK && role == FCR_TURN_AGENT) {
        status = emit_simple(d, turn, FCR__SIGNAL_RECAP, FCR_EVENT_RECAP_GIVEN);
        if (status == FCR_OK)
            status = emit_simple(d, turn, FCR__SIGNAL_ANYTHING_ELSE, FCR_EVENT_ANYTHING_ELSE_ASKED);
    }
    return status;
}

static fcr_status emit_end(deriver *d)
{
    size_t count = d->transcript->turn_count;
    int64_t end = count > 0 ? d->turns[count - 1].at_ms : 0;
    for (size_t i = 0; i < count; i++) {
        int64_t turn_end = d->transcript->turns[i].end_ms;
        if (turn_end != FCR__OFFSET_NONE && turn_end > end)
            end = turn_end;
    }
    fcr_event *event = NULL;
    fcr_status status = fcr_event_new(&event, FCR_EVENT_CALL_ENDED, d->started_at + end);
    return append(d, event, status);
}

/* Records where the call came from as the record's "transcript" field. */
static fcr_status add_source_field(deriver *d)
{
    fcr__strbuf_clear(&d->scratch);
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, &d->scratch, false);
    fcr__json_begin_object(&writer);
    fcr__json_key(&writer, "source_format");
    fcr__json_string_value(&writer, fcr_transcript_format_name(d->transcript->source));
    fcr__json_key(&writer, "turns");
    fcr__json_int64(&writer, (int64_t)d->transcript->turn_count);
    fcr__json_key(&writer, "started_at_known");
    fcr__json_bool(&writer, d->start_known);
    fcr__json_key(&writer, "rules");
    fcr__json_int64(&writer, (int64_t)d->rules->count);
    fcr__json_end_object(&writer);
    fcr_status status = fcr__json_writer_status(&writer);
    if (status != FCR_OK)
        return status;
    return fcr__raw_fields_add(&d->call->unknown, "transcript", 10, d->scratch.data,
                               d->scratch.length);
}

static fcr_status derive(deriver *d)
{
    size_t count = d->transcript->turn_count;
    d->turns = fcr__calloc(count > 0 ? count : 1, sizeof *d->turns);
    d->pending = fcr__calloc(count > 0 ? count : 1, sizeof *d->pending);
    if (d->turns == NULL || d->pending == NULL)
        return fcr__error_nomem();

    fcr_status status = analyze_turns(d);
    if (status != FCR_OK)
        return status;
    plan_concerns(d);

    status = fcr_call_new(&d->call, d->policy, FCR_MODE_REPLAY, d->transcript->id, d->started_at);
    if (status == FCR_OK && d->transcript->agent_id != NULL)
        status = fcr_call_set_agent(d->call, d->transcript->agent_id, d->transcript->agent_role);
    for (size_t i = 0; i < count && status == FCR_OK; i++)
        status = emit_turn(d, i);
    if (status == FCR_OK)
        status = emit_end(d);
    if (status == FCR_OK)
        status = fcr__call_add_end_deviations(d->call);
    if (status == FCR_OK)
        status = fcr_call_set_unobservable(d->call, FCR_ITEM_DOCUMENTED);
    if (status == FCR_OK)
        status = add_source_field(d);
    return status;
}

fcr_status fcr_call_from_transcript(fcr_call **out, fcr_policy *policy,
                                    const fcr_transcript *transcript, const fcr_rules *rules)
{
    if (out == NULL || policy == NULL || transcript == NULL)
        return fcr__error(FCR_EINVAL, "fcr_call_from_transcript: out, policy and transcript must "
                                      "not be NULL");

    fcr_rules *own_rules = NULL;
    if (rules == NULL) {
        fcr_status status = fcr_rules_new(&own_rules);
        if (status != FCR_OK)
            return status;
        rules = own_rules;
    }

    deriver d;
    memset(&d, 0, sizeof d);
    d.transcript = transcript;
    d.rules = rules;
    d.policy = policy;
    d.start_known = transcript->started_at != FCR_TIME_NONE;
    /* Without a known start, the call starts at the Unix epoch and the
     * record's "transcript" field says the start is unknown. */
    d.started_at = d.start_known ? transcript->started_at : 0;
    d.current_concern = SIZE_MAX;
    d.scratch = (fcr__strbuf)FCR__STRBUF_INIT;

    fcr_status status = derive(&d);
    fcr__free(d.turns);
    fcr__free(d.pending);
    fcr__free(d.matches.items);
    fcr__strbuf_free(&d.scratch);
    fcr_rules_free(own_rules);
    if (status != FCR_OK) {
        fcr_call_free(d.call);
        if (status == FCR_ERECORD || status == FCR_EWORKFLOW)
            fcr__error_prefix("transcript %.128s: the derived call was rejected", transcript->id);
        return status;
    }
    *out = d.call;
    return FCR_OK;
}
