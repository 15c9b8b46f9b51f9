/* SPDX-License-Identifier: MIT */
/**
 * @file fcr/policy.h
 * @brief The practice's rules: roles, categories, escalation targets, office
 *        hours, identity verification, checklist weights and phrases.
 * @defgroup policy Policy
 *
 * A policy starts from built-in defaults (docs/policy.md lists them; they
 * are defaults for a practice to change, not facts) and can be overlaid with
 * a JSON document in the `fcr.policy/1` format. Categories, roles, targets
 * and identifier types are named by string ids such as "refill",
 * "front_desk", "nurse_triage" and "date_of_birth"; a practice may add its
 * own ids.
 *
 * A policy is reference-counted: every call made with it keeps its own
 * reference, so fcr_policy_free() may be called while calls still use it.
 * Once shared, a policy is read-only and may be used from several threads
 * at once; the setters return FCR_ESTATE after that point.
 * @{
 */
#ifndef FCR_POLICY_H
#define FCR_POLICY_H

#include "common.h"
#include "time.h"

FCR_BEGIN_DECLS

/** Opaque policy handle. @since 1.0 */
typedef struct fcr_policy fcr_policy;

/**
 * Creates a policy with the built-in defaults.
 *
 * @param out Receives the new policy; release it with fcr_policy_free().
 * @return FCR_OK; FCR_EINVAL when @p out is NULL; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_policy_new(fcr_policy **out);

/**
 * Creates a policy from the defaults overlaid with a JSON document.
 *
 * Each entry the document gives for a role, category, target, identifier
 * type or step replaces the default entry with the same id, new ids are
 * added, and `null` removes an id. Scalars replace the default.
 *
 * @param out    Receives the new policy; release it with fcr_policy_free().
 *               Unchanged on failure.
 * @param json   The document, `length` bytes of UTF-8; need not be
 *               NUL-terminated. Borrowed for the duration of the call.
 * @param length Size of @p json in bytes.
 * @param name   Name used in error messages, such as the file name; may be
 *               NULL.
 * @return FCR_OK; FCR_EINVAL for NULL arguments; FCR_EPARSE for malformed
 *         JSON; FCR_ERECORD for a field with a wrong type, an unknown field
 *         or a reference to an unknown id; FCR_EVERSION for a newer format;
 *         FCR_ENOTFOUND when the office's time zone is not installed;
 *         FCR_ENOMEM. The detail names the line, column and field.
 * @since 1.0
 */
FCR_API fcr_status fcr_policy_load(fcr_policy **out, const char *json, size_t length,
                                   const char *name);

/**
 * Creates a policy from the defaults overlaid with a JSON file; see
 * fcr_policy_load().
 *
 * @param out  Receives the new policy; release it with fcr_policy_free().
 * @param path File to read.
 * @return As fcr_policy_load(), plus FCR_EIO when the file cannot be read.
 * @since 1.0
 */
FCR_API fcr_status fcr_policy_load_file(fcr_policy **out, const char *path);

/**
 * Releases the caller's reference. Calls made with the policy keep it alive
 * until they are freed. NULL is ignored.
 * @since 1.0
 */
FCR_API void fcr_policy_free(fcr_policy *policy);

/**
 * Writes the effective policy (defaults plus overlays) as a pretty-printed
 * `fcr.policy/1` JSON document, which fcr_policy_load() reads back.
 *
 * @param out    Receives a NUL-terminated string; free it with fcr_free().
 * @param policy The policy.
 * @return FCR_OK; FCR_EINVAL; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_policy_to_json(char **out, const fcr_policy *policy);

/**
 * Returns how many distinct person-specific identifier types a caller must
 * confirm before the identity counts as verified (2 by default).
 * @since 1.0
 */
FCR_API unsigned fcr_policy_required_identifiers(const fcr_policy *policy);

/**
 * Returns whether @p category is a category of the policy (1) or not (0).
 * @since 1.0
 */
FCR_API int fcr_policy_has_category(const fcr_policy *policy, const char *category);

/**
 * Returns whether an agent with @p role may resolve a concern of
 * @p category by policy (1) or not (0). Unknown roles or categories give 0.
 * @since 1.0
 */
FCR_API int fcr_policy_role_may_resolve(const fcr_policy *policy, const char *role,
                                        const char *category);

/**
 * Returns the escalation target that the policy names for @p category, such
 * as "nurse_triage" for "clinical_question".
 *
 * @return A string owned by the policy, valid while the policy lives; NULL
 *         for an unknown category.
 * @since 1.0
 */
FCR_API const char *fcr_policy_default_target(const fcr_policy *policy, const char *category);

/**
 * Computes when an escalation to @p target made at @p from is due, from the
 * target's callback timeframe in business time and the office hours (open
 * hours per weekday, holidays, the office's time zone).
 *
 * With an 8:00 to 17:00 weekday office, 4 business hours after Friday 16:30
 * is Monday 11:30 in the office's zone.
 *
 * @param out    Receives the due instant.
 * @param policy The policy.
 * @param target Escalation target id, such as "nurse_triage".
 * @param from   Instant of the escalation.
 * @return FCR_OK; FCR_EINVAL for NULL arguments; FCR_ENOTFOUND for an
 *         unknown target; FCR_ERECORD when the office hours have no open
 *         time; FCR_ELIMIT when the due time would pass #FCR_TIME_MAX.
 * @since 1.0
 */
FCR_API fcr_status fcr_policy_due_time(fcr_time *out, const fcr_policy *policy,
                                       const char *target, fcr_time from);

/** Kinds of ids a policy defines. One id may name entries of several
 *  kinds, such as the category "records" and the target "records".
 *  @since 1.0 */
typedef enum fcr_policy_kind {
    FCR_POLICY_CATEGORY = 0,       /**< Concern categories, such as "refill". */
    FCR_POLICY_ROLE = 1,           /**< Agent roles, such as "front_desk". */
    FCR_POLICY_TARGET = 2,         /**< Escalation targets, such as "nurse_triage". */
    FCR_POLICY_IDENTIFIER_TYPE = 3 /**< Identifier types, such as "date_of_birth". */
} fcr_policy_kind;

/**
 * Returns the display label of an entry, such as "nurse triage" for the
 * target "nurse_triage", or the id itself when the entry has no label.
 *
 * @param policy The policy.
 * @param kind   Which kind of entry @p id names.
 * @param id     The entry's id.
 * @return A string owned by the policy, valid while the policy lives; NULL
 *         when the policy has no entry of that kind with that id.
 * @since 1.0
 */
FCR_API const char *fcr_policy_label(const fcr_policy *policy, fcr_policy_kind kind,
                                     const char *id);

/**
 * Returns the office's time zone name, such as "America/New_York" or
 * "+05:30".
 * @return A string owned by the policy. Never NULL.
 * @since 1.0
 */
FCR_API const char *fcr_policy_time_zone(const fcr_policy *policy);

/**
 * Returns the offset of the office's time zone from UTC at @p time, in
 * seconds east of UTC. Useful for showing times in the office's zone.
 * @since 1.0
 */
FCR_API int32_t fcr_policy_utc_offset(const fcr_policy *policy, fcr_time time);

FCR_END_DECLS

/** @} */
#endif /* FCR_POLICY_H */
