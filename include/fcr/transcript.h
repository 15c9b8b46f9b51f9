/* SPDX-License-Identifier: MIT */
/**
 * @file fcr/transcript.h
 * @brief Call transcripts: speaker turns read from several formats, and the
 *        evidence rules that derive a call record from them.
 * @defgroup transcript Transcripts
 *
 * A transcript is the ordered list of what each speaker said: turns with a
 * role (agent, caller, or system for actions a tool recorded), optional
 * start and end times in seconds from the start of the call, and the text.
 * Transcripts are read from the documented `fcr.transcript/1` JSON format
 * (docs/transcripts.md) or imported from formats found in the field: Praat
 * TextGrid pairs, Amazon Connect Contact Lens analysis output, ABCD
 * conversation JSON and CSV dialogue sets.
 *
 * fcr_call_from_transcript() applies a rule set (::fcr_rules) to the turns
 * and derives a replay-mode call: each derived event keeps the turn it came
 * from and the matched byte span as an `evidence` field, and quotes the turn
 * in its `text` field where the event type has one. A transcript cannot
 * show the note being written, so the derived call marks the `documented`
 * checklist item unobservable, which scores it unknown.
 *
 * Turn text may quote the caller, so error messages name the file, line,
 * column and turn index, never the text.
 * @{
 */
#ifndef FCR_TRANSCRIPT_H
#define FCR_TRANSCRIPT_H

#include <stddef.h>

#include "call.h"
#include "call_json.h"
#include "common.h"
#include "policy.h"
#include "time.h"

FCR_BEGIN_DECLS

/** Who spoke a turn. @since 1.0 */
typedef enum fcr_turn_role {
    FCR_TURN_AGENT = 0,  /**< ["agent"] The office's side: front desk, nurse, doctor. */
    FCR_TURN_CALLER = 1, /**< ["caller"] The patient or whoever speaks for them. */
    FCR_TURN_SYSTEM = 2  /**< ["system"] A tool's record, such as "Account has been pulled up". */
} fcr_turn_role;

/**
 * Returns the id of a role: "agent", "caller" or "system".
 * @return A static string; NULL for an unknown role.
 * @since 1.0
 */
FCR_API const char *fcr_turn_role_name(fcr_turn_role role);

/** Transcript formats. The name in brackets is the id used by the fcr program. @since 1.0 */
typedef enum fcr_transcript_format {
    FCR_TRANSCRIPT_JSON = 0,         /**< ["json"] `fcr.transcript/1`: one document per
                                          transcript, several in a row or JSON Lines. */
    FCR_TRANSCRIPT_TEXTGRID = 1,     /**< ["textgrid"] Praat TextGrid, one file per speaker;
                                          read only with fcr_transcript_load_textgrid(). */
    FCR_TRANSCRIPT_CONTACT_LENS = 2, /**< ["contact-lens"] Amazon Connect Contact Lens
                                          analysis output (voice or chat), or a real-time
                                          SEGMENTS event. */
    FCR_TRANSCRIPT_ABCD = 3,         /**< ["abcd"] ABCD conversations: an array of them, one
                                          object, or an object of arrays per data split. */
    FCR_TRANSCRIPT_CSV_DIALOGUE = 4  /**< ["csv-dialogue"] CSV with one dialogue per row,
                                          turns on lines tagged "Doctor:" or "[patient]". */
} fcr_transcript_format;

/**
 * Returns the id of a format, such as "contact-lens".
 * @return A static string; NULL for an unknown format.
 * @since 1.0
 */
FCR_API const char *fcr_transcript_format_name(fcr_transcript_format format);

/**
 * Looks up a format by its id.
 * @param out  Receives the format.
 * @param name An id such as "textgrid".
 * @return FCR_OK; FCR_EINVAL for NULL arguments; FCR_ENOTFOUND for an
 *         unknown id (the detail lists the ids).
 * @since 1.0
 */
FCR_API fcr_status fcr_transcript_format_from_name(fcr_transcript_format *out,
                                                   const char *name);

/** Opaque transcript. @since 1.0 */
typedef struct fcr_transcript fcr_transcript;

/**
 * Creates an empty transcript, for hosts that build turns from their own
 * speech recognition.
 *
 * @param out Receives the transcript; release it with fcr_transcript_free().
 * @param id  Call id, 1 to 128 bytes of UTF-8 without control characters;
 *            copied.
 * @return FCR_OK; FCR_EINVAL for a NULL or invalid argument; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_transcript_new(fcr_transcript **out, const char *id);

/** Releases a transcript and its turns. NULL is ignored. @since 1.0 */
FCR_API void fcr_transcript_free(fcr_transcript *transcript);

/**
 * Sets when the call started. Without it, turn times are offsets from an
 * unknown start, and a derived call starts at the Unix epoch.
 *
 * @return FCR_OK; FCR_EINVAL for a NULL transcript or an instant outside
 *         #FCR_TIME_MIN .. #FCR_TIME_MAX.
 * @since 1.0
 */
FCR_API fcr_status fcr_transcript_set_started_at(fcr_transcript *transcript, fcr_time started_at);

/**
 * Sets the agent who took the call, copied into a derived call.
 *
 * @param transcript The transcript.
 * @param agent_id   Agent id, 1 to 128 bytes; copied.
 * @param role       Role id of the policy, such as "front_desk" or
 *                   "provider"; copied. fcr_call_from_transcript() checks
 *                   it against the policy.
 * @return FCR_OK; FCR_EINVAL for a NULL or invalid argument; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_transcript_set_agent(fcr_transcript *transcript, const char *agent_id,
                                            const char *role);

/**
 * Appends a turn.
 *
 * @param transcript The transcript.
 * @param role       Who spoke.
 * @param start      Start in seconds from the start of the call; a negative
 *                   value means unknown.
 * @param end        End in seconds; a negative value means unknown. When both
 *                   are known, @p end must not be before @p start.
 * @param text       What was said: UTF-8 without NUL bytes, at most 256 KiB;
 *                   copied.
 * @return FCR_OK; FCR_EINVAL for a NULL argument, an unknown role, text that
 *         is not UTF-8 or an end before the start; FCR_ELIMIT for a text
 *         over 256 KiB or a transcript that already has 20,000 turns;
 *         FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_transcript_add_turn(fcr_transcript *transcript, fcr_turn_role role,
                                           double start, double end, const char *text);

/** Returns the call id, owned by the transcript. @since 1.0 */
FCR_API const char *fcr_transcript_id(const fcr_transcript *transcript);

/** Returns when the call started, or #FCR_TIME_NONE when unknown. @since 1.0 */
FCR_API fcr_time fcr_transcript_started_at(const fcr_transcript *transcript);

/** Returns the agent id, owned by the transcript; NULL when not set. @since 1.0 */
FCR_API const char *fcr_transcript_agent_id(const fcr_transcript *transcript);

/** Returns the agent role id, owned by the transcript; NULL when not set. @since 1.0 */
FCR_API const char *fcr_transcript_agent_role(const fcr_transcript *transcript);

/** Returns the number of turns. @since 1.0 */
FCR_API size_t fcr_transcript_turn_count(const fcr_transcript *transcript);

/**
 * Returns who spoke turn @p index (0-based); #FCR_TURN_SYSTEM when out of
 * range.
 * @since 1.0
 */
FCR_API fcr_turn_role fcr_transcript_turn_role(const fcr_transcript *transcript, size_t index);

/**
 * Returns the text of turn @p index.
 * @return A NUL-terminated string owned by the transcript, valid while it
 *         lives; NULL when out of range.
 * @since 1.0
 */
FCR_API const char *fcr_transcript_turn_text(const fcr_transcript *transcript, size_t index);

/** Returns the start of turn @p index in seconds, or -1 when unknown or out of range. @since 1.0 */
FCR_API double fcr_transcript_turn_start(const fcr_transcript *transcript, size_t index);

/** Returns the end of turn @p index in seconds, or -1 when unknown or out of range. @since 1.0 */
FCR_API double fcr_transcript_turn_end(const fcr_transcript *transcript, size_t index);

/**
 * Writes a transcript as an `fcr.transcript/1` JSON document, which
 * fcr_transcript_list_load() reads back. Use it to convert an imported
 * transcript to the documented format.
 *
 * @param out        Receives a NUL-terminated string; free it with fcr_free().
 *                   Compact output is one line without a trailing newline.
 * @param transcript The transcript.
 * @param flags      0 or #FCR_JSON_PRETTY (fcr/call_json.h).
 * @return FCR_OK; FCR_EINVAL; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_transcript_to_json(char **out, const fcr_transcript *transcript,
                                          unsigned flags);

/** Opaque list of the transcripts read from one input. @since 1.0 */
typedef struct fcr_transcript_list fcr_transcript_list;

/**
 * Reads every transcript of an input in one format. The whole input is
 * checked before anything is returned, so an input with one malformed part
 * gives an error and no transcripts.
 *
 * @param out    Receives the list; release it with fcr_transcript_list_free().
 *               Unchanged on failure.
 * @param format Any format but #FCR_TRANSCRIPT_TEXTGRID, which needs two
 *               inputs (fcr_transcript_load_textgrid()).
 * @param data   The input, @p length bytes; borrowed for the duration of the
 *               call.
 * @param length Size of @p data in bytes.
 * @param name   Name for error messages and for ids that the input lacks,
 *               such as a file name; may be NULL.
 * @return FCR_OK; FCR_EINVAL for NULL arguments or the TextGrid format;
 *         FCR_EPARSE for malformed JSON or CSV (the detail names the line and
 *         column); FCR_ERECORD for well-formed input that is not a
 *         transcript of the format (a missing field, an unknown speaker, no
 *         turns); FCR_EVERSION for a newer `fcr.transcript` major version;
 *         FCR_ELIMIT for a turn over 256 KiB or over 20,000 turns;
 *         FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_transcript_list_load(fcr_transcript_list **out,
                                            fcr_transcript_format format, const char *data,
                                            size_t length, const char *name);

/**
 * Reads every transcript of a file; see fcr_transcript_list_load().
 *
 * @param out    Receives the list; release it with fcr_transcript_list_free().
 * @param format The file's format.
 * @param path   File to read, at most 256 MiB. Error messages name it.
 * @return As fcr_transcript_list_load(), plus FCR_EIO when the file cannot
 *         be read and FCR_ELIMIT when it is over 256 MiB.
 * @since 1.0
 */
FCR_API fcr_status fcr_transcript_list_load_file(fcr_transcript_list **out,
                                                 fcr_transcript_format format, const char *path);

/** Returns the number of transcripts in a list. @since 1.0 */
FCR_API size_t fcr_transcript_list_count(const fcr_transcript_list *list);

/**
 * Returns transcript @p index of a list, in input order.
 * @return A transcript owned by the list, valid while the list lives; NULL
 *         when out of range.
 * @since 1.0
 */
FCR_API const fcr_transcript *fcr_transcript_list_item(const fcr_transcript_list *list,
                                                       size_t index);

/** Releases a list and its transcripts. NULL is ignored. @since 1.0 */
FCR_API void fcr_transcript_list_free(fcr_transcript_list *list);

/**
 * Reads a call from a pair of Praat TextGrid texts, one per speaker, such
 * as a recorded consultation's doctor and patient channels. The intervals
 * of every interval tier of both texts are merged by start time; empty
 * intervals are dropped, and consecutive intervals of one speaker become
 * one turn. Transcriber tags are removed: `<UNSURE>` and `</UNSURE>` keep
 * the words between them, and empty tags such as `<UNIN/>` (unintelligible)
 * are dropped. Both the long and the short text format are read; the
 * texts must be UTF-8 or ASCII.
 *
 * @param out           Receives the transcript; release it with
 *                      fcr_transcript_free(). Unchanged on failure.
 * @param agent         The agent's TextGrid, @p agent_length bytes.
 * @param agent_length  Size of @p agent in bytes.
 * @param caller        The caller's TextGrid, @p caller_length bytes.
 * @param caller_length Size of @p caller in bytes.
 * @param id            Call id, also used in error messages, such as
 *                      "day1_consultation01"; copied.
 * @return FCR_OK; FCR_EINVAL for NULL arguments or an invalid id;
 *         FCR_EPARSE for a text that is not a TextGrid, or whose counts do
 *         not match its items (the detail names "agent" or "caller", the
 *         line and the column); FCR_ERECORD for intervals out of order;
 *         FCR_ELIMIT; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_transcript_load_textgrid(fcr_transcript **out, const char *agent,
                                                size_t agent_length, const char *caller,
                                                size_t caller_length, const char *id);

/**
 * Reads a call from two TextGrid files; see fcr_transcript_load_textgrid().
 * The call id is the agent file's name without its folder, its extension
 * and a trailing "_doctor", "_agent" or "_staff".
 *
 * @param out         Receives the transcript; release it with
 *                    fcr_transcript_free().
 * @param agent_path  The agent's file, such as "day1_consultation01_doctor.TextGrid".
 * @param caller_path The caller's file.
 * @return As fcr_transcript_load_textgrid(), with messages that name the
 *         files, plus FCR_EIO when a file cannot be read.
 * @since 1.0
 */
FCR_API fcr_status fcr_transcript_load_textgrid_files(fcr_transcript **out,
                                                      const char *agent_path,
                                                      const char *caller_path);

/** Opaque evidence rule set. @since 1.0 */
typedef struct fcr_rules fcr_rules;

/**
 * Creates the built-in English rule set: the phrases that mark open and
 * closed questions, restatements and confirmations, identity checks,
 * resolutions, escalations with targets and timeframes, recaps and
 * anything-else questions, and the keywords that guess a concern's
 * category. data/rules/en.json is the same set as a file.
 *
 * @param out Receives the rule set; release it with fcr_rules_free().
 * @return FCR_OK; FCR_EINVAL when @p out is NULL; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_rules_new(fcr_rules **out);

/**
 * Creates a rule set from the built-in one overlaid with an `fcr.rules/1`
 * JSON document. A rule with the id of a built-in rule replaces it, a new
 * id adds a rule, and null removes one; docs/transcripts.md describes the
 * format.
 *
 * @param out    Receives the rule set; release it with fcr_rules_free().
 *               Unchanged on failure.
 * @param json   The document, @p length bytes of UTF-8; borrowed for the
 *               duration of the call.
 * @param length Size of @p json in bytes.
 * @param name   Name for error messages, such as a file name; may be NULL.
 * @return FCR_OK; FCR_EINVAL for NULL arguments; FCR_EPARSE for malformed
 *         JSON; FCR_ERECORD for an unknown field, a wrong type, an unknown
 *         signal or an invalid pattern (the detail names the line, column
 *         and rule id); FCR_EVERSION for a newer format; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_rules_load(fcr_rules **out, const char *json, size_t length,
                                  const char *name);

/**
 * Creates a rule set from the built-in one overlaid with a file; see
 * fcr_rules_load().
 *
 * @param out  Receives the rule set; release it with fcr_rules_free().
 * @param path File to read.
 * @return As fcr_rules_load(), plus FCR_EIO when the file cannot be read.
 * @since 1.0
 */
FCR_API fcr_status fcr_rules_load_file(fcr_rules **out, const char *path);

/** Releases a rule set. NULL is ignored. @since 1.0 */
FCR_API void fcr_rules_free(fcr_rules *rules);

/** Returns the number of rules in a set. @since 1.0 */
FCR_API size_t fcr_rules_count(const fcr_rules *rules);

/**
 * Derives a replay-mode call from a transcript.
 *
 * The rules find, turn by turn: open questions; the caller's first
 * substantive turn, which states the one concern, with a category guessed
 * from keywords ("other" when none matches); restatements and the caller's
 * confirmation or correction in the next caller turn; identifier types the
 * agent asked for and the caller answered, or that a system turn checked;
 * the outcome (an escalation with its target and timeframe, else a
 * resolution); recaps; and anything-else questions with the caller's
 * answer. The call ends at the last turn. docs/transcripts.md describes
 * every rule and what it cannot see.
 *
 * Each derived event has an `evidence` array of {turn, start, end, rule}
 * objects (the turn index, the matched byte span in the turn text and the
 * rule id), kept on round trips through `fcr.call/1`, and its `text` field,
 * where the event type has one, quotes the whole turn. The `documented`
 * item is marked unobservable (fcr_call_set_unobservable()).
 *
 * @param out        Receives the call; release it with fcr_call_free().
 *                   Unchanged on failure.
 * @param policy     The policy; the call keeps a reference. Identifier
 *                   types and targets that it lacks are left out of the
 *                   events and noted in their evidence.
 * @param transcript The transcript; only read.
 * @param rules      The rule set; NULL for the built-in English set.
 * @return FCR_OK; FCR_EINVAL for NULL arguments; FCR_ENOTFOUND for an agent
 *         role the policy does not know; FCR_ELIMIT when the call would
 *         exceed the event limit; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_call_from_transcript(fcr_call **out, fcr_policy *policy,
                                            const fcr_transcript *transcript,
                                            const fcr_rules *rules);

FCR_END_DECLS

/** @} */
#endif /* FCR_TRANSCRIPT_H */
