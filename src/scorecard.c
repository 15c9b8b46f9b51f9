/* SPDX-License-Identifier: MIT */
/* Scorecard snapshots: creation, overrides, the score and read access. */
#include <string.h>

#include "scorecard.h"

static const char *const item_titles[FCR_ITEM_COUNT] = {
    "Asked open-ended questions",
    "Restated concern to the patient",
    "Verified patient identifying details",
    "Attempted resolution during call",
    "Escalated only when necessary",
    "Explained next steps or follow-up",
    "Asked if anything else is needed",
    "Documented call details in system",
};

static const char *const result_names[] = {"met", "missed", "not_applicable", "unknown"};

const char *fcr_item_id(fcr_item item)
{
    return (unsigned)item < FCR_ITEM_COUNT ? fcr__item_ids[item] : NULL;
}

const char *fcr_item_title(fcr_item item)
{
    return (unsigned)item < FCR_ITEM_COUNT ? item_titles[item] : NULL;
}

fcr_status fcr_item_from_id(fcr_item *out, const char *id)
{
    if (out == NULL || id == NULL)
        return fcr__error(FCR_EINVAL, "fcr_item_from_id: out and id must not be NULL");
    for (int item = 0; item < FCR_ITEM_COUNT; item++) {
        if (strcmp(fcr__item_ids[item], id) == 0) {
            *out = (fcr_item)item;
            return FCR_OK;
        }
    }
    return fcr__error(FCR_ENOTFOUND,
                      "unknown checklist item '%.64s'; the items are open_questions, "
                      "concern_restated, identity_verified, resolution_attempted, "
                      "escalated_only_when_necessary, next_steps_explained, "
                      "anything_else_asked, documented",
                      id);
}

const char *fcr_result_name(fcr_result result)
{
    return (unsigned)result < FCR__ARRAY_SIZE(result_names) ? result_names[result] : NULL;
}

fcr_status fcr_call_set_unobservable(fcr_call *call, fcr_item item)
{
    if (call == NULL || (unsigned)item >= FCR_ITEM_COUNT)
        return fcr__error(FCR_EINVAL, "fcr_call_set_unobservable: invalid call or item");
    call->unobservable[item] = true;
    return FCR_OK;
}

int fcr_call_unobservable(const fcr_call *call, fcr_item item)
{
    return call != NULL && (unsigned)item < FCR_ITEM_COUNT && call->unobservable[item];
}

void fcr_scorecard_free(fcr_scorecard *scorecard)
{
    if (scorecard == NULL)
        return;
    for (int i = 0; i < FCR_ITEM_COUNT; i++) {
        fcr__free(scorecard->items[i].reviewer);
        fcr__free(scorecard->items[i].override_note);
    }
    /* The scorecard itself is in the arena, so the arena goes last. */
    fcr__arena_free(scorecard->arena);
}

static char *arena_strdup(fcr__arena *arena, const char *text)
{
    return fcr__arena_strndup(arena, text, strlen(text));
}

/* Copies what the score needs from the policy, so the scorecard does not
 * depend on the call or the policy after creation. */
static fcr_status copy_policy(fcr_scorecard *scorecard, const fcr_policy *policy)
{
    memcpy(scorecard->weights, policy->weights, sizeof scorecard->weights);
    memcpy(scorecard->critical, policy->critical, sizeof scorecard->critical);

    if (policy->band_count == 0)
        return FCR_OK;
    if (policy->band_count > SIZE_MAX / sizeof *scorecard->bands)
        return fcr__error_nomem();
    scorecard->bands = fcr__arena_alloc(scorecard->arena,
                                        policy->band_count * sizeof *scorecard->bands);
    if (scorecard->bands == NULL)
        return fcr__error_nomem();
    for (size_t i = 0; i < policy->band_count; i++) {
        scorecard->bands[i].from = policy->bands[i].from;
        scorecard->bands[i].name = arena_strdup(scorecard->arena, policy->bands[i].name);
        if (scorecard->bands[i].name == NULL)
            return fcr__error_nomem();
        scorecard->band_count = i + 1;
    }
    return FCR_OK;
}

fcr_status fcr_scorecard_new(fcr_scorecard **out, const fcr_call *call)
{
    if (out == NULL || call == NULL)
        return fcr__error(FCR_EINVAL, "fcr_scorecard_new: out and call must not be NULL");

    fcr__arena *arena = fcr__arena_new();
    fcr_scorecard *scorecard = arena == NULL ? NULL : fcr__arena_alloc(arena, sizeof *scorecard);
    if (scorecard == NULL) {
        fcr__arena_free(arena);
        return fcr__error_nomem();
    }
    memset(scorecard, 0, sizeof *scorecard);
    scorecard->arena = arena;

    fcr_status status = FCR_OK;
    scorecard->started_at = call->started_at;
    scorecard->call_id = arena_strdup(arena, call->id);
    if (scorecard->call_id == NULL)
        status = fcr__error_nomem();
    if (status == FCR_OK && call->agent_id != NULL &&
        (scorecard->agent_id = arena_strdup(arena, call->agent_id)) == NULL)
        status = fcr__error_nomem();
    if (status == FCR_OK)
        status = copy_policy(scorecard, call->policy);
    if (status == FCR_OK)
        status = fcr__score_rules(scorecard, call);

    if (status != FCR_OK) {
        fcr_scorecard_free(scorecard);
        return status;
    }
    fcr__score_compute(scorecard);
    *out = scorecard;
    return FCR_OK;
}

void fcr__score_compute(fcr_scorecard *scorecard)
{
    double met = 0, applicable = 0;
    bool auto_fail = false;

    for (int i = 0; i < FCR_ITEM_COUNT; i++) {
        fcr_result result = fcr__effective_result(&scorecard->items[i]);
        if (result != FCR_RESULT_MET && result != FCR_RESULT_MISSED)
            continue;
        applicable += scorecard->weights[i];
        if (result == FCR_RESULT_MET)
            met += scorecard->weights[i];
        else if (scorecard->critical[i])
            auto_fail = true;
    }

    scorecard->scored = applicable > 0;
    scorecard->raw_score = scorecard->scored ? 100.0 * met / applicable : 0.0;
    scorecard->auto_fail = auto_fail;
    scorecard->score = auto_fail ? 0.0 : scorecard->raw_score;

    scorecard->band = NULL;
    if (scorecard->scored) {
        for (size_t i = 0; i < scorecard->band_count; i++) {
            if (scorecard->score >= scorecard->bands[i].from)
                scorecard->band = scorecard->bands[i].name;
        }
    }
}

fcr_status fcr_scorecard_override(fcr_scorecard *scorecard, fcr_item item, fcr_result result,
                                  const char *reviewer, fcr_time at, const char *note)
{
    if (scorecard == NULL || (unsigned)item >= FCR_ITEM_COUNT ||
        (unsigned)result > FCR_RESULT_UNKNOWN)
        return fcr__error(FCR_EINVAL, "fcr_scorecard_override: invalid scorecard, item or result");
    if (at < FCR_TIME_MIN || at > FCR_TIME_MAX)
        return fcr__error(FCR_EINVAL, "fcr_scorecard_override: the review time is out of range");

    fcr_status status = fcr__check_text(reviewer, "reviewer", false);
    if (status == FCR_OK)
        status = fcr__check_text(note, "note", false);
    if (status != FCR_OK)
        return status;
    if (reviewer[0] == '\0' || strlen(reviewer) > 128)
        return fcr__error(FCR_EINVAL, "fcr_scorecard_override: the reviewer id must be 1 to 128 "
                                      "bytes");
    if (note[0] == '\0')
        return fcr__error(FCR_EINVAL, "fcr_scorecard_override: an override needs a note that "
                                      "says why");

    char *reviewer_copy = fcr__strdup(reviewer);
    char *note_copy = fcr__strdup(note);
    if (reviewer_copy == NULL || note_copy == NULL) {
        fcr__free(reviewer_copy);
        fcr__free(note_copy);
        return fcr__error_nomem();
    }

    fcr__item_score *score = &scorecard->items[item];
    fcr__free(score->reviewer);
    fcr__free(score->override_note);
    score->overridden = true;
    score->override_result = result;
    score->reviewer = reviewer_copy;
    score->override_note = note_copy;
    score->override_at = at;
    fcr__score_compute(scorecard);
    return FCR_OK;
}

static const fcr__item_score *item_of(const fcr_scorecard *scorecard, fcr_item item)
{
    if (scorecard == NULL || (unsigned)item >= FCR_ITEM_COUNT)
        return NULL;
    return &scorecard->items[item];
}

const char *fcr_scorecard_call_id(const fcr_scorecard *scorecard) { return scorecard->call_id; }
const char *fcr_scorecard_agent_id(const fcr_scorecard *scorecard) { return scorecard->agent_id; }

fcr_result fcr_scorecard_result(const fcr_scorecard *scorecard, fcr_item item)
{
    const fcr__item_score *score = item_of(scorecard, item);
    return score == NULL ? FCR_RESULT_UNKNOWN : fcr__effective_result(score);
}

fcr_result fcr_scorecard_rule_result(const fcr_scorecard *scorecard, fcr_item item)
{
    const fcr__item_score *score = item_of(scorecard, item);
    return score == NULL ? FCR_RESULT_UNKNOWN : score->rule_result;
}

const char *fcr_scorecard_note(const fcr_scorecard *scorecard, fcr_item item)
{
    const fcr__item_score *score = item_of(scorecard, item);
    return score == NULL ? NULL : score->note;
}

size_t fcr_scorecard_evidence_count(const fcr_scorecard *scorecard, fcr_item item)
{
    const fcr__item_score *score = item_of(scorecard, item);
    return score == NULL ? 0 : score->evidence_count;
}

size_t fcr_scorecard_evidence(const fcr_scorecard *scorecard, fcr_item item, size_t index)
{
    const fcr__item_score *score = item_of(scorecard, item);
    if (score == NULL || index >= score->evidence_count)
        return SIZE_MAX;
    return score->evidence[index].event;
}

int fcr_scorecard_overridden(const fcr_scorecard *scorecard, fcr_item item)
{
    const fcr__item_score *score = item_of(scorecard, item);
    return score != NULL && score->overridden;
}

const char *fcr_scorecard_override_reviewer(const fcr_scorecard *scorecard, fcr_item item)
{
    const fcr__item_score *score = item_of(scorecard, item);
    return score == NULL ? NULL : score->reviewer;
}

const char *fcr_scorecard_override_note(const fcr_scorecard *scorecard, fcr_item item)
{
    const fcr__item_score *score = item_of(scorecard, item);
    return score == NULL ? NULL : score->override_note;
}

fcr_time fcr_scorecard_override_time(const fcr_scorecard *scorecard, fcr_item item)
{
    const fcr__item_score *score = item_of(scorecard, item);
    return score == NULL || !score->overridden ? FCR_TIME_NONE : score->override_at;
}

double fcr_scorecard_score(const fcr_scorecard *scorecard) { return scorecard->score; }
double fcr_scorecard_raw_score(const fcr_scorecard *scorecard) { return scorecard->raw_score; }
int fcr_scorecard_auto_fail(const fcr_scorecard *scorecard) { return scorecard->auto_fail; }
int fcr_scorecard_scored(const fcr_scorecard *scorecard) { return scorecard->scored; }
const char *fcr_scorecard_band(const fcr_scorecard *scorecard) { return scorecard->band; }
