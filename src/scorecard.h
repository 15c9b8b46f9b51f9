/* SPDX-License-Identifier: MIT */
/* Layout of the scorecard snapshot, shared by the rules, the score and the
 * writers. */
#ifndef FCR_SCORECARD_INTERNAL_H
#define FCR_SCORECARD_INTERNAL_H

#include "fcr/scorecard.h"
#include "model.h"

/* One event used as evidence, copied so the scorecard outlives the call. */
typedef struct fcr__evidence {
    size_t event;
    fcr_event_type type;
    fcr_time at;
    char *quote; /* the event's "text" field, or NULL */
} fcr__evidence;

/* The rules' output of one item lives in the scorecard's arena, and the
 * override's strings are heap blocks of their own, since an override may
 * replace them. */
typedef struct fcr__item_score {
    fcr_result rule_result;
    char *note;
    fcr__evidence *evidence;
    size_t evidence_count;
    size_t evidence_capacity;

    bool overridden;
    fcr_result override_result;
    char *reviewer;
    char *override_note;
    fcr_time override_at;
} fcr__item_score;

/* A scorecard lives in its own arena with everything the rules wrote, so
 * that building one takes a few allocations instead of one per string. */
struct fcr_scorecard {
    fcr__arena *arena;
    char *call_id;
    char *agent_id;
    fcr_time started_at;
    fcr__item_score items[FCR_ITEM_COUNT];

    double weights[FCR_ITEM_COUNT];
    bool critical[FCR_ITEM_COUNT];
    fcr__band *bands;
    size_t band_count;

    double score;
    double raw_score;
    bool auto_fail;
    bool scored;
    const char *band; /* points into bands, or NULL */
};

/* Applies every rule to the call, filling items[*].rule_result, note and
 * evidence. */
fcr_status fcr__score_rules(fcr_scorecard *scorecard, const fcr_call *call);

/* Recomputes score, raw score, automatic fail and band from the effective
 * results. */
void fcr__score_compute(fcr_scorecard *scorecard);

static inline fcr_result fcr__effective_result(const fcr__item_score *item)
{
    return item->overridden ? item->override_result : item->rule_result;
}

#endif
