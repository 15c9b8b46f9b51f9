/* SPDX-License-Identifier: MIT */
/**
 * @file fcr/note.h
 * @brief The structured note for the patient's chart, and the recap the
 *        agent reads back.
 * @defgroup note Notes
 *
 * A note has, per concern, "Patient Request > Action Taken > Next Steps or
 * Follow-Up", with the call's date and time, the agent, which identifier
 * types were verified, and every escalation (target, reason, owner, due
 * time). Times meant for people are in the office's time zone from the
 * policy, with the UTC offset, as "2026-11-13 16:25 -05:00". The JSON and
 * FHIR formats write RFC 3339 UTC. Nothing depends on the process's TZ or
 * locale. docs/notes.md describes every format with an example.
 * @{
 */
#ifndef FCR_NOTE_H
#define FCR_NOTE_H

#include "call.h"
#include "common.h"

FCR_BEGIN_DECLS

/** Who an output is for, which decides what it may show. @since 1.0 */
typedef enum fcr_profile {
    /** The patient's chart in the EMR: everything, including the caller's words. */
    FCR_PROFILE_CHART = 0,
    /** Quality review and logs. Free text that may carry identifiers (requests,
     *  actions, next steps, reasons, owners, quotes) and the patient key are
     *  masked as "[redacted]". Ids, categories, outcomes, times and identifier
     *  types stay. */
    FCR_PROFILE_QA = 1
} fcr_profile;

/** Note formats. @since 1.0 */
typedef enum fcr_note_format {
    FCR_NOTE_TEXT = 0, /**< A text block for the chart. */
    FCR_NOTE_LINE = 1, /**< One line per concern, for narrow EMR fields. */
    FCR_NOTE_JSON = 2, /**< One JSON object, `fcr.note/1`, on one line without a newline. */
    FCR_NOTE_FHIR = 3  /**< An HL7 FHIR R4 Bundle: a Communication for the call, an
                            Encounter of class VR, and a Task for each escalated or
                            moved-forward concern. Pretty-printed, without a final
                            newline; the same call always gives the same ids. */
} fcr_note_format;

/**
 * Writes the note of a call.
 *
 * @param out     Receives a NUL-terminated string of valid UTF-8; free it with
 *                fcr_free(). The text and line formats end with a newline.
 *                Unchanged on failure.
 * @param call    The call; only read.
 * @param format  The format.
 * @param profile The audience.
 * @return FCR_OK; FCR_EINVAL for a NULL argument or an unknown format or
 *         profile; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_note_write(char **out, const fcr_call *call, fcr_note_format format,
                                  fcr_profile profile);

/**
 * Writes the recap the agent reads back to the caller, generated from the
 * outcomes in plain English. An escalation reads "I have flagged your
 * prescription refill for our nurse triage, who will call you back by 2:00
 * PM today." Due times are in the office's time zone and phrased relative to
 * the local date the call started ("today", "tomorrow", "Monday, November
 * 16").
 *
 * @param out  Receives a NUL-terminated string without a trailing newline;
 *             free it with fcr_free(). Empty when no concern has an outcome.
 *             Unchanged on failure.
 * @param call The call; only read.
 * @return FCR_OK; FCR_EINVAL for a NULL argument; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_recap_write(char **out, const fcr_call *call);

FCR_END_DECLS

/** @} */
#endif /* FCR_NOTE_H */
