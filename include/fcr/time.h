/* SPDX-License-Identifier: MIT */
/**
 * @file fcr/time.h
 * @brief Instants as milliseconds since the Unix epoch, and RFC 3339 text.
 * @defgroup time Time
 *
 * libfcr stores every instant as an ::fcr_time in UTC. Text in and out is
 * RFC 3339 (`2026-11-10T14:02:00Z`, `2026-11-10T09:02:00.250-05:00`). Offsets
 * are applied on input and the output is always UTC with a `Z`, so the
 * original offset is not kept. Time zones for office hours belong to the
 * policy (see fcr/policy.h); nothing here reads or changes the process's
 * time zone or locale.
 * @{
 */
#ifndef FCR_TIME_H
#define FCR_TIME_H

#include "common.h"

FCR_BEGIN_DECLS

/** Milliseconds since 1970-01-01T00:00:00Z, leap seconds not counted. @since 1.0 */
typedef int64_t fcr_time;

/** Value of an unset instant, such as the end of a call still in progress. @since 1.0 */
#define FCR_TIME_NONE INT64_MIN

/** Earliest instant RFC 3339 text can name: 0001-01-01T00:00:00Z. @since 1.0 */
#define FCR_TIME_MIN INT64_C(-62135596800000)
/** Latest instant RFC 3339 text can name: 9999-12-31T23:59:59.999Z. @since 1.0 */
#define FCR_TIME_MAX INT64_C(253402300799999)

/**
 * Parses an RFC 3339 date-time, such as "2026-11-10T09:02:00-05:00".
 *
 * Accepts `T` or `t` or a space between date and time, `Z` or `z` or a
 * numeric offset, and up to 9 fraction digits (truncated to milliseconds).
 * A leap second (`:60`) is read as the last millisecond of its minute.
 * Rejects a missing offset, impossible dates such as February 30, and
 * trailing text.
 *
 * @param out  Receives the instant. Unchanged on failure.
 * @param text NUL-terminated text.
 * @return FCR_OK; FCR_EINVAL when an argument is NULL or the instant lies
 *         outside #FCR_TIME_MIN to #FCR_TIME_MAX, as year 0000 and
 *         "9999-12-31T23:30:00-01:00" do; FCR_EPARSE when the text is not an
 *         RFC 3339 date-time (the detail names the column).
 * @since 1.0
 */
FCR_API fcr_status fcr_time_parse(fcr_time *out, const char *text);

/**
 * Parses an RFC 3339 date-time of @p length bytes, which need not be
 * NUL-terminated. Otherwise the same as fcr_time_parse().
 * @since 1.0
 */
FCR_API fcr_status fcr_time_parse_n(fcr_time *out, const char *text, size_t length);

/** Buffer size that fits any text fcr_time_format() writes, NUL included. @since 1.0 */
#define FCR_TIME_TEXT_SIZE 32

/**
 * Formats an instant as RFC 3339 UTC text, such as "2026-11-10T14:02:00Z".
 *
 * Milliseconds are written only when they are not zero
 * ("2026-11-10T14:02:00.250Z").
 *
 * @param buffer Receives the NUL-terminated text; at least
 *               #FCR_TIME_TEXT_SIZE bytes, owned by the caller.
 * @param size   Size of @p buffer in bytes.
 * @param time   Instant between #FCR_TIME_MIN and #FCR_TIME_MAX.
 * @return FCR_OK; FCR_EINVAL when @p buffer is NULL or too small, or when
 *         @p time is out of range.
 * @since 1.0
 */
FCR_API fcr_status fcr_time_format(char *buffer, size_t size, fcr_time time);

FCR_END_DECLS

/** @} */
#endif /* FCR_TIME_H */
