/* SPDX-License-Identifier: MIT */
/**
 * @file fcr/call_json.h
 * @brief Call records as `fcr.call/1` JSON documents.
 * @defgroup call_json Call records in JSON
 *
 * docs/call-format.md documents every field. Reading keeps fields this
 * library does not know and writes them back unchanged, so a record
 * survives a round trip through an older libfcr. A record of a newer major
 * format version (`fcr.call/2`) is rejected with FCR_EVERSION.
 *
 * To read many records, or to raise the size limits, use fcr/reader.h.
 * @{
 */
#ifndef FCR_CALL_JSON_H
#define FCR_CALL_JSON_H

#include "call.h"
#include "common.h"
#include "policy.h"

FCR_BEGIN_DECLS

/** Flag for fcr_call_to_json(): indent with two spaces and break lines. @since 1.0 */
#define FCR_JSON_PRETTY 1u

/**
 * Reads one call record from a JSON document.
 *
 * The events are recorded in order with fcr_call_append(), so in live mode
 * a record with a workflow deviation is rejected, and in replay mode the
 * deviations are listed on the call.
 *
 * @param out    Receives the call; release it with fcr_call_free().
 *               Unchanged on failure.
 * @param policy The policy the call follows; the call keeps a reference.
 * @param mode   Usually #FCR_MODE_REPLAY for recorded calls.
 * @param json   The document, @p length bytes of UTF-8; borrowed for the
 *               duration of the call.
 * @param length Size of @p json in bytes.
 * @param name   Name for error messages, such as a file name; may be NULL.
 * @return FCR_OK; FCR_EINVAL for NULL arguments; FCR_EPARSE for malformed
 *         JSON; FCR_ERECORD for an invalid record; FCR_EWORKFLOW (live mode
 *         only); FCR_EVERSION; FCR_ELIMIT; FCR_ENOMEM. The detail names the
 *         line, column and field path.
 * @since 1.0
 */
FCR_API fcr_status fcr_call_from_json(fcr_call **out, fcr_policy *policy, fcr_mode mode,
                                      const char *json, size_t length, const char *name);

/**
 * Writes a call as an `fcr.call/1` JSON document.
 *
 * Events are written as recorded: a due time that the library computed is
 * not added to them. Compact output is one line without a trailing newline,
 * so records can be joined into JSON Lines.
 *
 * @param out   Receives a NUL-terminated string; free it with fcr_free().
 * @param call  The call.
 * @param flags 0 or #FCR_JSON_PRETTY.
 * @return FCR_OK; FCR_EINVAL; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_call_to_json(char **out, const fcr_call *call, unsigned flags);

FCR_END_DECLS

/** @} */
#endif /* FCR_CALL_JSON_H */
