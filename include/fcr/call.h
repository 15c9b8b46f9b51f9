/* SPDX-License-Identifier: MIT */
/**
 * @file fcr/call.h
 * @brief The call record: header fields, concerns, the event log, the
 *        current workflow step and the deviations found.
 * @defgroup call Call record
 *
 * A call is created in one of two modes:
 *
 * - Live (#FCR_MODE_LIVE), while the agent is on the phone. An event that a
 *   workflow guard rejects makes fcr_call_append() return FCR_EWORKFLOW,
 *   with a message that names what is missing, and leaves the record
 *   exactly as it was.
 * - Replay (#FCR_MODE_REPLAY), for recorded calls. Workflow deviations are
 *   accepted and listed (fcr_call_deviation()) so that scoring can count
 *   them. Only malformed data is rejected.
 *
 * In both modes malformed data (an unknown concern, events out of time
 * order, an unknown category) is rejected with FCR_ERECORD.
 *
 * Steps, in order: Clarify, Check authority, Act or escalate, Confirm and
 * recap, Document, Closed. The step moves forward when an event of a later
 * step is recorded, after the guards of every step it leaves pass.
 * docs/concepts.md lists every guard.
 *
 * A call is not safe to modify from two threads at once; distinct calls are
 * independent.
 * @{
 */
#ifndef FCR_CALL_H
#define FCR_CALL_H

#include "common.h"
#include "event.h"
#include "policy.h"
#include "time.h"

FCR_BEGIN_DECLS

/** How guards treat a workflow deviation. @since 1.0 */
typedef enum fcr_mode {
    FCR_MODE_LIVE = 0,  /**< Reject: the agent is guided while on the call. */
    FCR_MODE_REPLAY = 1 /**< Accept and list: the call is already recorded. */
} fcr_mode;

/** Who placed the call. @since 1.0 */
typedef enum fcr_direction {
    FCR_DIRECTION_INBOUND = 0, /**< ["inbound"] The caller phoned the office. */
    FCR_DIRECTION_OUTBOUND = 1 /**< ["outbound"] The office phoned out, such as a callback. */
} fcr_direction;

/** Who the caller is with respect to the patient. @since 1.0 */
typedef enum fcr_caller_role {
    FCR_CALLER_PATIENT = 0, /**< ["patient"] The patient. */
    FCR_CALLER_PROXY = 1,   /**< ["proxy"] A parent, caregiver or other person acting for the patient. */
    FCR_CALLER_OTHER = 2    /**< ["other"] Another party, such as a pharmacy or another clinic. */
} fcr_caller_role;

/** Workflow steps, in order. @since 1.0 */
typedef enum fcr_step {
    FCR_STEP_CLARIFY = 0,         /**< ["clarify"] Clarify the concern. */
    FCR_STEP_CHECK_AUTHORITY = 1, /**< ["check_authority"] Check resolution authority. */
    FCR_STEP_ACT = 2,             /**< ["act"] Act immediately or escalate intentionally. */
    FCR_STEP_RECAP = 3,           /**< ["recap"] Confirm and recap. */
    FCR_STEP_DOCUMENT = 4,        /**< ["document"] Document in real time. */
    FCR_STEP_CLOSED = 5           /**< ["closed"] Documented and ended. */
} fcr_step;

/**
 * Returns the id of a step, such as "check_authority".
 * @return A static string; NULL for an unknown step.
 * @since 1.0
 */
FCR_API const char *fcr_step_name(fcr_step step);

/**
 * Returns the title of a step, such as "Check resolution authority".
 * @return A static string; NULL for an unknown step.
 * @since 1.0
 */
FCR_API const char *fcr_step_title(fcr_step step);

/** Outcome of a concern. @since 1.0 */
typedef enum fcr_outcome {
    FCR_OUTCOME_NONE = 0,         /**< ["none"] No outcome yet; after the call ends, unresolved. */
    FCR_OUTCOME_RESOLVED = 1,     /**< ["resolved"] Resolved during the call. */
    FCR_OUTCOME_ESCALATED = 2,    /**< ["escalated"] Handed to a target who follows up. */
    FCR_OUTCOME_MOVED_FORWARD = 3 /**< ["moved_forward"] Partly done, with a next step. */
} fcr_outcome;

/**
 * Returns the id of an outcome, such as "moved_forward".
 * @return A static string; NULL for an unknown outcome.
 * @since 1.0
 */
FCR_API const char *fcr_outcome_name(fcr_outcome outcome);

/** Opaque call record. @since 1.0 */
typedef struct fcr_call fcr_call;
/** One concern of a call, owned by the call. @since 1.0 */
typedef struct fcr_concern fcr_concern;
/** One workflow deviation of a call, owned by the call. @since 1.0 */
typedef struct fcr_deviation fcr_deviation;

/**
 * Creates an empty call: inbound, caller role patient, no agent, no events.
 *
 * @param out        Receives the call; release it with fcr_call_free().
 * @param policy     The policy the call follows. The call keeps its own
 *                   reference, and the policy becomes read-only.
 * @param mode       Live or replay.
 * @param id         Call id, 1 to 128 bytes of UTF-8 without control
 *                   characters; copied.
 * @param started_at When the call started.
 * @return FCR_OK; FCR_EINVAL for a NULL or invalid argument; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_call_new(fcr_call **out, fcr_policy *policy, fcr_mode mode,
                                const char *id, fcr_time started_at);

/** Releases a call, its events and its reference to the policy. NULL is ignored. @since 1.0 */
FCR_API void fcr_call_free(fcr_call *call);

/**
 * Sets the direction. Only before the first event.
 * @return FCR_OK; FCR_EINVAL; FCR_ESTATE when events were recorded.
 * @since 1.0
 */
FCR_API fcr_status fcr_call_set_direction(fcr_call *call, fcr_direction direction);

/**
 * Sets the agent who took the call. Only before the first event.
 *
 * @param call     The call.
 * @param agent_id Agent id, 1 to 128 bytes; copied.
 * @param role     Agent role id from the policy, such as "front_desk";
 *                 copied.
 * @return FCR_OK; FCR_EINVAL; FCR_ENOTFOUND for a role the policy does not
 *         know; FCR_ESTATE when events were recorded; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_call_set_agent(fcr_call *call, const char *agent_id, const char *role);

/**
 * Sets who the caller is. Only before the first event.
 * @return FCR_OK; FCR_EINVAL; FCR_ESTATE when events were recorded.
 * @since 1.0
 */
FCR_API fcr_status fcr_call_set_caller_role(fcr_call *call, fcr_caller_role role);

/**
 * Sets the key that links this call to other contacts of the same patient,
 * for repeat-contact metrics. It must be an opaque, pseudonymous key (a
 * hash or a surrogate id), never a name, date of birth, record number or
 * phone number. Only before the first event.
 *
 * @param call The call.
 * @param key  1 to 128 bytes; copied. NULL clears it.
 * @return FCR_OK; FCR_EINVAL; FCR_ESTATE when events were recorded;
 *         FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_call_set_patient_key(fcr_call *call, const char *key);

/**
 * Records an event. The event is copied; the caller keeps ownership of
 * @p event.
 *
 * The event must not be earlier than the previous event or the start of the
 * call. An escalated event without due_at gets a due time computed from the
 * policy (fcr_policy_due_time()); the recorded event keeps no due_at, and
 * fcr_concern_due_at() returns the computed one.
 *
 * @return FCR_OK; FCR_EINVAL for NULL arguments; FCR_ERECORD for malformed
 *         data (unknown concern, duplicate concern id, unknown category or
 *         target, time out of order); FCR_EWORKFLOW in live mode when a
 *         guard rejects the event; FCR_ESTATE when the call is closed;
 *         FCR_ELIMIT when the call already has the maximum number of
 *         events (100,000); FCR_ENOMEM. On any failure the call is
 *         unchanged.
 * @since 1.0
 */
FCR_API fcr_status fcr_call_append(fcr_call *call, const fcr_event *event);

/** Returns the call id, owned by the call. @since 1.0 */
FCR_API const char *fcr_call_id(const fcr_call *call);
/** Returns the mode. @since 1.0 */
FCR_API fcr_mode fcr_call_mode(const fcr_call *call);
/** Returns the policy, owned by the call. @since 1.0 */
FCR_API const fcr_policy *fcr_call_policy(const fcr_call *call);
/** Returns when the call started. @since 1.0 */
FCR_API fcr_time fcr_call_started_at(const fcr_call *call);
/** Returns when the call ended (its call_ended event), or #FCR_TIME_NONE. @since 1.0 */
FCR_API fcr_time fcr_call_ended_at(const fcr_call *call);
/** Returns the direction. @since 1.0 */
FCR_API fcr_direction fcr_call_direction(const fcr_call *call);
/** Returns the agent id, owned by the call; NULL when not set. @since 1.0 */
FCR_API const char *fcr_call_agent_id(const fcr_call *call);
/** Returns the agent role id, owned by the call; NULL when not set. @since 1.0 */
FCR_API const char *fcr_call_agent_role(const fcr_call *call);
/** Returns who the caller is. @since 1.0 */
FCR_API fcr_caller_role fcr_call_caller_role(const fcr_call *call);
/** Returns the patient key, owned by the call; NULL when not set. @since 1.0 */
FCR_API const char *fcr_call_patient_key(const fcr_call *call);

/** Returns the current workflow step. @since 1.0 */
FCR_API fcr_step fcr_call_step(const fcr_call *call);

/** Returns the number of events recorded. @since 1.0 */
FCR_API size_t fcr_call_event_count(const fcr_call *call);

/**
 * Returns event @p index (0-based) of the log.
 * @return An event owned by the call, valid while the call lives; NULL when
 *         out of range.
 * @since 1.0
 */
FCR_API const fcr_event *fcr_call_event(const fcr_call *call, size_t index);

/**
 * Returns whether the caller's identity counts as verified now: enough
 * distinct person-specific identifier types confirmed, and for a proxy
 * caller the authority to act for the patient confirmed.
 * @since 1.0
 */
FCR_API int fcr_call_identity_verified(const fcr_call *call);

/** Returns the number of distinct identifier types confirmed so far. @since 1.0 */
FCR_API size_t fcr_call_identifier_count(const fcr_call *call);

/**
 * Returns identifier type @p index confirmed so far, such as
 * "date_of_birth", in the order first confirmed.
 * @return A string owned by the call; NULL when out of range.
 * @since 1.0
 */
FCR_API const char *fcr_call_identifier(const fcr_call *call, size_t index);

/** Returns the number of concerns. @since 1.0 */
FCR_API size_t fcr_call_concern_count(const fcr_call *call);

/**
 * Returns concern @p index, in the order stated.
 * @return A concern owned by the call, valid while the call lives; NULL when
 *         out of range.
 * @since 1.0
 */
FCR_API const fcr_concern *fcr_call_concern(const fcr_call *call, size_t index);

/**
 * Finds a concern by id.
 * @return A concern owned by the call; NULL when there is none.
 * @since 1.0
 */
FCR_API const fcr_concern *fcr_call_find_concern(const fcr_call *call, const char *id);

/** Returns the number of workflow deviations found. @since 1.0 */
FCR_API size_t fcr_call_deviation_count(const fcr_call *call);

/**
 * Returns deviation @p index, in the order found.
 * @return A deviation owned by the call; NULL when out of range.
 * @since 1.0
 */
FCR_API const fcr_deviation *fcr_call_deviation(const fcr_call *call, size_t index);

/** Returns the concern id, owned by the call. @since 1.0 */
FCR_API const char *fcr_concern_id(const fcr_concern *concern);
/** Returns the category id, owned by the call. @since 1.0 */
FCR_API const char *fcr_concern_category(const fcr_concern *concern);
/** Returns the request in the caller's words, owned by the call; NULL when not given. @since 1.0 */
FCR_API const char *fcr_concern_request(const fcr_concern *concern);
/** Returns whether the agent restated the concern. @since 1.0 */
FCR_API int fcr_concern_restated(const fcr_concern *concern);
/** Returns whether the caller confirmed the latest restatement. @since 1.0 */
FCR_API int fcr_concern_confirmed(const fcr_concern *concern);
/** Returns whether the authority was checked. @since 1.0 */
FCR_API int fcr_concern_authority_checked(const fcr_concern *concern);
/** Returns whether the concern was in the agent's scope (from the check, or the policy when the check did not say). @since 1.0 */
FCR_API int fcr_concern_in_scope(const fcr_concern *concern);
/** Returns whether the tools the category needs were available, per the check. @since 1.0 */
FCR_API int fcr_concern_tools_available(const fcr_concern *concern);
/** Returns the outcome. @since 1.0 */
FCR_API fcr_outcome fcr_concern_outcome(const fcr_concern *concern);
/** Returns the action taken (resolved, moved_forward), owned by the call; NULL when none. @since 1.0 */
FCR_API const char *fcr_concern_action(const fcr_concern *concern);
/** Returns the next step (resolved, moved_forward), owned by the call; NULL when none. @since 1.0 */
FCR_API const char *fcr_concern_next_step(const fcr_concern *concern);
/** Returns the escalation target id, owned by the call; NULL when none. @since 1.0 */
FCR_API const char *fcr_concern_target(const fcr_concern *concern);
/** Returns the escalation reason, owned by the call; NULL when none. @since 1.0 */
FCR_API const char *fcr_concern_reason(const fcr_concern *concern);
/** Returns who follows up (escalated, moved_forward), owned by the call; NULL when none. @since 1.0 */
FCR_API const char *fcr_concern_owner(const fcr_concern *concern);
/** Returns when the follow-up is due, or #FCR_TIME_NONE. @since 1.0 */
FCR_API fcr_time fcr_concern_due_at(const fcr_concern *concern);
/** Returns whether the due time was computed from the policy rather than recorded. @since 1.0 */
FCR_API int fcr_concern_due_computed(const fcr_concern *concern);
/** Returns the index of the event that recorded the outcome, or SIZE_MAX. @since 1.0 */
FCR_API size_t fcr_concern_outcome_event(const fcr_concern *concern);

/** Returns the stable code of a deviation, such as "outcome_before_identity", as a static string. @since 1.0 */
FCR_API const char *fcr_deviation_code(const fcr_deviation *deviation);
/** Returns an English description of what deviated, owned by the call. @since 1.0 */
FCR_API const char *fcr_deviation_message(const fcr_deviation *deviation);
/** Returns the workflow rule that was not followed, as a static English sentence. @since 1.0 */
FCR_API const char *fcr_deviation_rule(const fcr_deviation *deviation);
/** Returns the step whose rule was not followed. @since 1.0 */
FCR_API fcr_step fcr_deviation_step(const fcr_deviation *deviation);
/** Returns the index of the event where it was found, or SIZE_MAX when found at the end of the call. @since 1.0 */
FCR_API size_t fcr_deviation_event(const fcr_deviation *deviation);
/** Returns the concern id it concerns, owned by the call; NULL when it concerns the whole call. @since 1.0 */
FCR_API const char *fcr_deviation_concern(const fcr_deviation *deviation);

FCR_END_DECLS

/** @} */
#endif /* FCR_CALL_H */
