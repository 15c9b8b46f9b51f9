/* SPDX-License-Identifier: MIT */
/**
 * @file fcr/scorecard.h
 * @brief The eight-item FCR checklist scored from a call's event log.
 * @defgroup scorecard Checklist scorecard
 *
 * Each item has a written rule (docs/checklist.md) that decides whether it
 * was met, missed or not applicable, and keeps the events it used as
 * evidence and a note that says why. A fourth result, unknown, is for
 * evidence sources that cannot show an item, such as a transcript that
 * cannot show that the note was written; see fcr_call_set_unobservable().
 *
 * Score = 100 * (weighted met) / (weighted met + weighted missed): not
 * applicable and unknown items leave both sides. A missed critical item
 * (identity_verified by default) is an automatic fail: the reported score is
 * 0, and the unadjusted score is kept beside it.
 *
 * A scorecard is a snapshot: it does not change when the call does, and it
 * stays valid after the call is freed.
 * @{
 */
#ifndef FCR_SCORECARD_H
#define FCR_SCORECARD_H

#include "call.h"
#include "common.h"
#include "note.h"
#include "time.h"

FCR_BEGIN_DECLS

/** Checklist items, in the order of the practice's checklist. @since 1.0 */
typedef enum fcr_item {
    FCR_ITEM_OPEN_QUESTIONS = 0,                /**< ["open_questions"] Asked open-ended questions. */
    FCR_ITEM_CONCERN_RESTATED = 1,              /**< ["concern_restated"] Restated concern to the patient. */
    FCR_ITEM_IDENTITY_VERIFIED = 2,             /**< ["identity_verified"] Verified patient identifying details. */
    FCR_ITEM_RESOLUTION_ATTEMPTED = 3,          /**< ["resolution_attempted"] Attempted resolution during call. */
    FCR_ITEM_ESCALATED_ONLY_WHEN_NECESSARY = 4, /**< ["escalated_only_when_necessary"] Escalated only when necessary. */
    FCR_ITEM_NEXT_STEPS_EXPLAINED = 5,          /**< ["next_steps_explained"] Explained next steps or follow-up. */
    FCR_ITEM_ANYTHING_ELSE_ASKED = 6,           /**< ["anything_else_asked"] Asked if anything else is needed. */
    FCR_ITEM_DOCUMENTED = 7                     /**< ["documented"] Documented call details in system. */
} fcr_item;

/** Number of checklist items in this version. @since 1.0 */
#define FCR_ITEM_COUNT 8

/**
 * Returns the stable id of an item, such as "identity_verified".
 * @return A static string; NULL for an unknown item.
 * @since 1.0
 */
FCR_API const char *fcr_item_id(fcr_item item);

/**
 * Returns the checklist wording of an item, such as "Verified patient
 * identifying details".
 * @return A static string; NULL for an unknown item.
 * @since 1.0
 */
FCR_API const char *fcr_item_title(fcr_item item);

/**
 * Looks up an item by its id.
 * @return FCR_OK; FCR_EINVAL for NULL arguments; FCR_ENOTFOUND for an
 *         unknown id (the detail lists the ids).
 * @since 1.0
 */
FCR_API fcr_status fcr_item_from_id(fcr_item *out, const char *id);

/** Result of one checklist item. @since 1.0 */
typedef enum fcr_result {
    FCR_RESULT_MET = 0,            /**< ["met"] Done as the rule requires. */
    FCR_RESULT_MISSED = 1,         /**< ["missed"] Applicable and not done. */
    FCR_RESULT_NOT_APPLICABLE = 2, /**< ["not_applicable"] The rule does not apply to this call. */
    FCR_RESULT_UNKNOWN = 3         /**< ["unknown"] The evidence cannot show it. */
} fcr_result;

/**
 * Returns the id of a result, such as "not_applicable".
 * @return A static string; NULL for an unknown result.
 * @since 1.0
 */
FCR_API const char *fcr_result_name(fcr_result result);

/**
 * Marks a checklist item as one the call's evidence cannot show, so that it
 * is scored unknown. A call built from a transcript marks "documented",
 * because writing the note is not visible in a transcript. Stored in the
 * record as "unobservable".
 *
 * @param call The call.
 * @param item The item.
 * @return FCR_OK; FCR_EINVAL for an invalid argument.
 * @since 1.0
 */
FCR_API fcr_status fcr_call_set_unobservable(fcr_call *call, fcr_item item);

/** Returns whether @p item was marked with fcr_call_set_unobservable(). @since 1.0 */
FCR_API int fcr_call_unobservable(const fcr_call *call, fcr_item item);

/** Opaque scorecard. @since 1.0 */
typedef struct fcr_scorecard fcr_scorecard;

/**
 * Scores a call against the checklist with the call's policy.
 *
 * The call may be in progress: items whose moment has not come yet are
 * scored as they stand (a call not yet documented misses "documented").
 *
 * @param out  Receives the scorecard; release it with fcr_scorecard_free().
 * @param call The call; only read.
 * @return FCR_OK; FCR_EINVAL; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_scorecard_new(fcr_scorecard **out, const fcr_call *call);

/** Releases a scorecard. NULL is ignored. @since 1.0 */
FCR_API void fcr_scorecard_free(fcr_scorecard *scorecard);

/** Returns the id of the scored call, owned by the scorecard. @since 1.0 */
FCR_API const char *fcr_scorecard_call_id(const fcr_scorecard *scorecard);

/** Returns the agent id of the scored call, owned by the scorecard; NULL when none. @since 1.0 */
FCR_API const char *fcr_scorecard_agent_id(const fcr_scorecard *scorecard);

/** Returns the result of an item, after any reviewer override. @since 1.0 */
FCR_API fcr_result fcr_scorecard_result(const fcr_scorecard *scorecard, fcr_item item);

/** Returns the result the rule gave, before any override. @since 1.0 */
FCR_API fcr_result fcr_scorecard_rule_result(const fcr_scorecard *scorecard, fcr_item item);

/**
 * Returns the rule's note for an item, which says why it got its result,
 * such as "Concern c2 was restated but the caller did not confirm it."
 * @return A string owned by the scorecard. Never NULL for a valid item.
 * @since 1.0
 */
FCR_API const char *fcr_scorecard_note(const fcr_scorecard *scorecard, fcr_item item);

/** Returns the number of events the rule used as evidence for an item. @since 1.0 */
FCR_API size_t fcr_scorecard_evidence_count(const fcr_scorecard *scorecard, fcr_item item);

/**
 * Returns evidence @p index of an item: the index of an event in the call's
 * log (fcr_call_event()).
 * @return The event index; SIZE_MAX when out of range.
 * @since 1.0
 */
FCR_API size_t fcr_scorecard_evidence(const fcr_scorecard *scorecard, fcr_item item, size_t index);

/**
 * Overrides the result of an item, as a reviewer's decision. The override
 * is kept with the reviewer's id, the time and the note, is shown in every
 * output, and changes the score. A later override of the same item
 * replaces the earlier one.
 *
 * @param scorecard The scorecard.
 * @param item      The item.
 * @param result    The reviewer's result.
 * @param reviewer  Reviewer id, 1 to 128 bytes; copied.
 * @param at        When the review was made.
 * @param note      Why; must not be empty; copied.
 * @return FCR_OK; FCR_EINVAL for an invalid argument, an empty note or text
 *         that is not UTF-8; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_scorecard_override(fcr_scorecard *scorecard, fcr_item item,
                                          fcr_result result, const char *reviewer, fcr_time at,
                                          const char *note);

/** Returns whether an item's result was overridden. @since 1.0 */
FCR_API int fcr_scorecard_overridden(const fcr_scorecard *scorecard, fcr_item item);

/** Returns the reviewer of an override, owned by the scorecard; NULL when none. @since 1.0 */
FCR_API const char *fcr_scorecard_override_reviewer(const fcr_scorecard *scorecard, fcr_item item);

/** Returns the note of an override, owned by the scorecard; NULL when none. @since 1.0 */
FCR_API const char *fcr_scorecard_override_note(const fcr_scorecard *scorecard, fcr_item item);

/** Returns when an override was made, or #FCR_TIME_NONE. @since 1.0 */
FCR_API fcr_time fcr_scorecard_override_time(const fcr_scorecard *scorecard, fcr_item item);

/**
 * Returns the reported score from 0 to 100: 0 on an automatic fail, and 0
 * when no item is applicable (see fcr_scorecard_scored()).
 * @since 1.0
 */
FCR_API double fcr_scorecard_score(const fcr_scorecard *scorecard);

/** Returns the score before the automatic-fail rule, from 0 to 100. @since 1.0 */
FCR_API double fcr_scorecard_raw_score(const fcr_scorecard *scorecard);

/** Returns whether a critical item was missed, which fails the call. @since 1.0 */
FCR_API int fcr_scorecard_auto_fail(const fcr_scorecard *scorecard);

/** Returns whether any item was applicable, so that a score exists. @since 1.0 */
FCR_API int fcr_scorecard_scored(const fcr_scorecard *scorecard);

/**
 * Returns the policy's band for the reported score, such as "meets
 * expectations".
 * @return A string owned by the scorecard; NULL when not scored.
 * @since 1.0
 */
FCR_API const char *fcr_scorecard_band(const fcr_scorecard *scorecard);

/** Output forms of a scorecard. @since 1.0 */
typedef enum fcr_scorecard_format {
    FCR_SCORECARD_TEXT = 0, /**< The checklist table: item, completed (yes/no/n/a/unknown), notes and evidence. */
    FCR_SCORECARD_JSON = 1, /**< One JSON object, `fcr.scorecard/1`, on one line. */
    FCR_SCORECARD_CSV = 2   /**< One CSV row (RFC 4180), columns as fcr_scorecard_csv_header(). */
} fcr_scorecard_format;

/**
 * Writes a scorecard in one of the output forms. The text and CSV forms
 * end with a newline; the JSON form does not. Evidence is listed as event
 * numbers and types, with the event's quoted text where it has one; the QA
 * profile masks the quotes.
 *
 * @param out       Receives a NUL-terminated string; free it with fcr_free().
 * @param scorecard The scorecard.
 * @param format    The form.
 * @param profile   The audience (see fcr/note.h).
 * @return FCR_OK; FCR_EINVAL; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_scorecard_write(char **out, const fcr_scorecard *scorecard,
                                       fcr_scorecard_format format, fcr_profile profile);

/**
 * Returns the CSV header line that matches #FCR_SCORECARD_CSV rows,
 * newline included.
 * @return A static string; do not free.
 * @since 1.0
 */
FCR_API const char *fcr_scorecard_csv_header(void);

FCR_END_DECLS

/** @} */
#endif /* FCR_SCORECARD_H */
