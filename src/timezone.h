/* SPDX-License-Identifier: MIT */
/*
 * Time zones for office hours: a fixed UTC offset, or an IANA zone read from
 * the system's zone database (TZif files, RFC 8536, including the POSIX TZ
 * footer that describes rules beyond the last transition). The process's TZ
 * variable and locale are never read or changed.
 */
#ifndef FCR_TIMEZONE_H
#define FCR_TIMEZONE_H

#include <stddef.h>
#include <stdint.h>

#include "fcr/time.h"
#include "internal.h"

typedef struct fcr__zone fcr__zone;

/* Loads a zone by name:
 *   "UTC" or "Z"                 -> offset 0
 *   "+05:30", "-05:00", "+0530"  -> fixed offset (at most +/-18:00)
 *   "America/New_York"           -> <zoneinfo>/America/New_York, where
 *                                   <zoneinfo> is $TZDIR when set, else
 *                                   /usr/share/zoneinfo
 * A name with "..", a leading "/" or characters outside [A-Za-z0-9/_+-] is
 * rejected with FCR_EINVAL. A missing zone file gives FCR_ENOTFOUND and a
 * damaged one FCR_EPARSE; messages name the zone and say what to install. */
fcr_status fcr__zone_load(fcr__zone **out, const char *name);

/* Builds a zone from TZif bytes (for tests and for hosts that ship their own
 * database). name is kept for messages and fcr__zone_name(). */
fcr_status fcr__zone_from_tzif(fcr__zone **out, const char *data, size_t length, const char *name);

/* Builds a fixed-offset zone; offset in seconds east of UTC. */
fcr_status fcr__zone_fixed(fcr__zone **out, int32_t offset_seconds);

void fcr__zone_free(fcr__zone *zone);

/* The name the zone was loaded with, such as "America/New_York" or "+05:30". */
const char *fcr__zone_name(const fcr__zone *zone);

/* Offset from UTC in seconds at instant `time`. */
int32_t fcr__zone_offset(const fcr__zone *zone, fcr_time time);

/* Local wall-clock time (milliseconds since 1970-01-01T00:00 local) at UTC
 * instant `time`. */
int64_t fcr__zone_to_local(const fcr__zone *zone, fcr_time time);

/* UTC instant of local wall-clock time `local`. In a gap (spring forward) the
 * result is the instant the wall clock jumps past it, as if the clock had
 * not moved; in an overlap (fall back) it is the earlier instant. */
fcr_time fcr__zone_from_local(const fcr__zone *zone, int64_t local);

#endif
