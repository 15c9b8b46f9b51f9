/* SPDX-License-Identifier: MIT */
/**
 * @file fcr/reader.h
 * @brief Streaming reader of call records: JSON Lines or several documents
 *        in a row, from a file, a buffer or a callback.
 * @defgroup reader Record reader
 *
 * Records are separated by JSON whitespace, so JSON Lines and one
 * pretty-printed document both work. Memory is bounded by the largest
 * record, whatever the size of the input.
 *
 * A record with invalid content (FCR_ERECORD, FCR_EWORKFLOW, FCR_EVERSION,
 * FCR_ESTATE for an event after a closed live call, FCR_ELIMIT for a list
 * over its item limit or too many events) is skipped: fcr_reader_next()
 * reports it and the next call goes on with the following record. Malformed
 * JSON (FCR_EPARSE), a string, nesting or record over its limit, and read
 * failures stop the reader, because the start of the next record cannot be
 * found reliably.
 * @{
 */
#ifndef FCR_READER_H
#define FCR_READER_H

#include <stddef.h>

#include "call.h"
#include "common.h"
#include "policy.h"

FCR_BEGIN_DECLS

/** Opaque reader. @since 1.0 */
typedef struct fcr_reader fcr_reader;

/** Limits that protect against hostile or broken input. @since 1.0 */
typedef enum fcr_limit {
    FCR_LIMIT_DEPTH = 0,        /**< Nesting of arrays and objects; default 64. */
    FCR_LIMIT_STRING_BYTES = 1, /**< Bytes of one decoded string; default 1 MiB. */
    FCR_LIMIT_RECORD_BYTES = 2, /**< Bytes of one record; default 64 MiB. */
    FCR_LIMIT_EVENTS = 3        /**< Events in one call; default 10,000, at most 100,000. */
} fcr_limit;

/**
 * Reads up to @p size bytes into @p buffer.
 * @return The number of bytes read, 0 at the end of input, or -1 on failure.
 * @since 1.0
 */
typedef ptrdiff_t (*fcr_read_fn)(void *userdata, char *buffer, size_t size);

/**
 * Opens a reader over a file.
 *
 * @param out    Receives the reader; release it with fcr_reader_free().
 * @param policy The policy for the calls; each call keeps a reference.
 * @param path   File to read. Error messages name it.
 * @return FCR_OK; FCR_EINVAL; FCR_EIO when the file cannot be opened;
 *         FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_reader_new_file(fcr_reader **out, fcr_policy *policy, const char *path);

/**
 * Opens a reader over a buffer, which is borrowed and must stay unchanged
 * until the reader is freed.
 *
 * @param out    Receives the reader; release it with fcr_reader_free().
 * @param policy The policy for the calls; each call keeps a reference.
 * @param name   Name for error messages, copied; may be NULL.
 * @return FCR_OK; FCR_EINVAL; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_reader_new_buffer(fcr_reader **out, fcr_policy *policy, const char *data,
                                         size_t length, const char *name);

/**
 * Opens a reader over a callback, such as one reading standard input.
 *
 * @param out      Receives the reader; release it with fcr_reader_free(),
 *                 which does not call @p read again or release @p userdata.
 * @param policy   The policy for the calls; each call keeps a reference.
 * @param read     Called whenever the reader needs more bytes.
 * @param userdata Passed to @p read unchanged; stays the caller's.
 * @param name     Name for error messages, copied; may be NULL.
 * @return FCR_OK; FCR_EINVAL; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_reader_new_callback(fcr_reader **out, fcr_policy *policy,
                                           fcr_read_fn read, void *userdata, const char *name);

/**
 * Changes a limit before the first record is read.
 * @return FCR_OK; FCR_EINVAL for an unknown limit or a value of 0 or over
 *         the maximum; FCR_ESTATE after reading started.
 * @since 1.0
 */
FCR_API fcr_status fcr_reader_set_limit(fcr_reader *reader, fcr_limit limit, size_t value);

/**
 * Sets the mode of the calls read (#FCR_MODE_REPLAY by default).
 * @return FCR_OK; FCR_EINVAL; FCR_ESTATE after reading started.
 * @since 1.0
 */
FCR_API fcr_status fcr_reader_set_mode(fcr_reader *reader, fcr_mode mode);

/**
 * Makes the reader reject fields that fcr.call/1 does not define, naming
 * the nearest defined name when one is close ("did you mean
 * \"confirmed\"?"), instead of keeping them for the round trip. Meant for
 * checking hand-written or converted records, where an unknown field is
 * most often a typo that would otherwise only show as a workflow
 * deviation. Off by default.
 *
 * @param strict Nonzero to reject unknown fields, 0 to keep them.
 * @return FCR_OK; FCR_EINVAL; FCR_ESTATE after reading started.
 * @since 1.0
 */
FCR_API fcr_status fcr_reader_set_strict(fcr_reader *reader, int strict);

/**
 * Reads the next record.
 *
 * @param reader The reader.
 * @param out    Receives the call, or NULL at the end of the input. Release
 *               the call with fcr_call_free().
 * @return FCR_OK (also at the end); on a failure see the file comment for
 *         which ones let reading go on. The detail names the source, the
 *         record number, the line and column and the field path.
 * @since 1.0
 */
FCR_API fcr_status fcr_reader_next(fcr_reader *reader, fcr_call **out);

/** Returns the 1-based number of the record last read or rejected; 0 before the first. @since 1.0 */
FCR_API size_t fcr_reader_record(const fcr_reader *reader);

/** Returns the line on which that record starts; 0 before the first. @since 1.0 */
FCR_API size_t fcr_reader_line(const fcr_reader *reader);

/**
 * Tells whether the reader has stopped: after malformed JSON, a read
 * failure or a record over a byte limit, fcr_reader_next() cannot find the
 * next record and fails again on every call. A loop that reports each
 * failed record and goes on checks this to know when to end.
 *
 * @return 1 when stopped, 0 while reading can go on (and for NULL).
 * @since 1.0
 */
FCR_API int fcr_reader_stopped(const fcr_reader *reader);

/** Releases a reader and closes its file. NULL is ignored. @since 1.0 */
FCR_API void fcr_reader_free(fcr_reader *reader);

FCR_END_DECLS

/** @} */
#endif /* FCR_READER_H */
