/* SPDX-License-Identifier: MIT */
/* Functions shared by the note writers (note.c, note_json.c, note_fhir.c
 * and note_uuid.c). docs/notes.md describes every format. */
#ifndef FCR_NOTE_INTERNAL_H
#define FCR_NOTE_INTERNAL_H

#include <stdbool.h>

#include "fcr/note.h"
#include "json.h"
#include "model.h"

/* Mask that the QA profile shows in place of free text. */
#define FCR__REDACTED "[redacted]"

/* Returns `text` for the chart profile and FCR__REDACTED for QA. NULL stays
 * NULL, because an absent value carries no identifier. */
const char *fcr__note_mask(fcr_profile profile, const char *text);

typedef enum fcr__label_kind {
    FCR__LABEL_CATEGORY,
    FCR__LABEL_TARGET,
    FCR__LABEL_ROLE,
    FCR__LABEL_IDENTIFIER
} fcr__label_kind;

/* Returns the policy's label of a category, target, role or identifier
 * type id, or `id` itself when the policy has no label for it. NULL stays
 * NULL. */
const char *fcr__note_label(const fcr_call *call, fcr__label_kind kind, const char *id);

/* Returns the time of the call's documented event, or FCR_TIME_NONE. */
fcr_time fcr__note_documented_at(const fcr_call *call);

/* Returns the wording of an outcome in notes: "resolved", "escalated",
 * "moved forward", or "unresolved" for no outcome. */
const char *fcr__note_outcome_words(fcr_outcome outcome);

/* Appends who follows up on a concern: the owner, with the target's label
 * beside it when the two differ, as "RN on duty (nurse triage)" or, without
 * the parentheses, "RN on duty, nurse triage". Under QA the owner is masked
 * and the label always shown. "owner not recorded" when there is neither. */
void fcr__note_put_owner(fcr__strbuf *out, const fcr_call *call, const fcr_concern *concern,
                         fcr_profile profile, bool in_parentheses);

/* Appends the text note (FCR_NOTE_TEXT) to `out`. Allocation failures are
 * recorded in out->failed. */
void fcr__note_write_text(fcr__strbuf *out, const fcr_call *call, fcr_profile profile);

/* Writes the `fcr.note/1` object. */
void fcr__note_write_json(fcr__json_writer *writer, const fcr_call *call, fcr_profile profile);

/* Writes the FHIR R4 Bundle. Returns FCR_OK or FCR_ENOMEM for its own
 * scratch buffers; writer failures stay in the writer. */
fcr_status fcr__note_write_fhir(fcr__json_writer *writer, const fcr_call *call,
                                fcr_profile profile);

/* Text of a UUID such as "0f8c3c52-...", NUL included. */
#define FCR__UUID_TEXT_SIZE 37

/* Writes the name-based (version 5, SHA-1) UUID of resource `kind` number
 * `index` of call `call_id`, in libfcr's own namespace. The same inputs
 * always give the same UUID, so FHIR output is reproducible. */
void fcr__note_uuid(char out[FCR__UUID_TEXT_SIZE], const char *call_id, const char *kind,
                    size_t index);

#endif /* FCR_NOTE_INTERNAL_H */
