/* SPDX-License-Identifier: MIT */
/**
 * @file fcr/guidance.h
 * @brief What the agent should do now: the current step, the requirements
 *        still missing to leave it, a prompt and suggested phrases.
 * @defgroup guidance Guidance
 *
 * A guidance object is a snapshot of a call taken by fcr_guidance_new(); it
 * does not change when the call does. Prompts and phrases come from the
 * call's policy, where a host can replace them (fcr_policy_set_phrases() or
 * the policy's "phrases" section).
 * @{
 */
#ifndef FCR_GUIDANCE_H
#define FCR_GUIDANCE_H

#include "call.h"
#include "common.h"
#include "policy.h"

FCR_BEGIN_DECLS

/** Opaque guidance snapshot. @since 1.0 */
typedef struct fcr_guidance fcr_guidance;

/**
 * Takes a snapshot of what the agent should do next in @p call.
 *
 * @param out  Receives the snapshot; release it with fcr_guidance_free().
 * @param call The call; only read.
 * @return FCR_OK; FCR_EINVAL; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_guidance_new(fcr_guidance **out, const fcr_call *call);

/** Releases a snapshot. NULL is ignored. @since 1.0 */
FCR_API void fcr_guidance_free(fcr_guidance *guidance);

/** Returns the step the call is in. @since 1.0 */
FCR_API fcr_step fcr_guidance_step(const fcr_guidance *guidance);

/**
 * Returns the step that comes after the current one (the same step for
 * Closed).
 * @since 1.0
 */
FCR_API fcr_step fcr_guidance_next_step(const fcr_guidance *guidance);

/** Returns how many requirements are missing before the step can be left. @since 1.0 */
FCR_API size_t fcr_guidance_missing_count(const fcr_guidance *guidance);

/**
 * Returns the stable code of missing requirement @p index, such as
 * "restate_concern".
 * @return A string owned by the snapshot; NULL when out of range.
 * @since 1.0
 */
FCR_API const char *fcr_guidance_missing_code(const fcr_guidance *guidance, size_t index);

/**
 * Returns an English sentence for missing requirement @p index, such as
 * "Restate concern c2 and ask the caller to confirm it."
 * @return A string owned by the snapshot; NULL when out of range.
 * @since 1.0
 */
FCR_API const char *fcr_guidance_missing_message(const fcr_guidance *guidance, size_t index);

/**
 * Returns the concern id of missing requirement @p index.
 * @return A string owned by the snapshot; NULL when it concerns the whole
 *         call or when out of range.
 * @since 1.0
 */
FCR_API const char *fcr_guidance_missing_concern(const fcr_guidance *guidance, size_t index);

/**
 * Returns the prompt for the current step, such as "Ask open-ended
 * questions to understand the full issue."
 * @return A string owned by the snapshot. Never NULL.
 * @since 1.0
 */
FCR_API const char *fcr_guidance_prompt(const fcr_guidance *guidance);

/** Returns the number of suggested phrases for the current step. @since 1.0 */
FCR_API size_t fcr_guidance_phrase_count(const fcr_guidance *guidance);

/**
 * Returns suggested phrase @p index for the current step.
 * @return A string owned by the snapshot; NULL when out of range.
 * @since 1.0
 */
FCR_API const char *fcr_guidance_phrase(const fcr_guidance *guidance, size_t index);

/**
 * Replaces the prompt and phrases of one step in a policy that is not yet
 * shared with a call.
 *
 * @param policy  The policy.
 * @param step    The step; #FCR_STEP_CLOSED is allowed too.
 * @param prompt  New prompt, copied; NULL keeps the current one.
 * @param phrases Array of @p count phrases, copied; they replace all the
 *                step's phrases. NULL with @p count 0 removes them.
 * @param count   Number of phrases.
 * @return FCR_OK; FCR_EINVAL for an invalid argument or text that is not
 *         UTF-8; FCR_ESTATE when a call already uses the policy; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_policy_set_phrases(fcr_policy *policy, fcr_step step, const char *prompt,
                                          const char *const *phrases, size_t count);

FCR_END_DECLS

/** @} */
#endif /* FCR_GUIDANCE_H */
