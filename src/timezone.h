/* SPDX-License-Identifier: MIT */
/*
 * Time zones for office hours: a fixed UTC offset, or an IANA zone read from
 * the system's zone database (TZif files, RFC 8536, including the POSIX TZ
 * footer that describes rules beyond the last transition). The process's TZ
 * variable and locale are never read or changed.
 */
#ifndef FCR_TIMEZONE_H
#define FCR_TIMEZONE_H

#include <stdbool.h>
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
 * rejected with FCR_EINVAL. So is a name with an empty component ("a//b",
 * "a/"), one longer than 255 bytes, and one that starts with '+' or '-' but
 * is not a fixed offset. A missing zone file gives FCR_ENOTFOUND, a damaged one
 * FCR_EPARSE and an unknown TZif version byte FCR_EVERSION; messages name
 * the zone and say what to install. */
fcr_status fcr__zone_load(fcr__zone **out, const char *name);

/* Builds a zone from TZif bytes (for tests and for hosts that ship their own
 * database). name is kept for messages and fcr__zone_name(). */
fcr_status fcr__zone_from_tzif(fcr__zone **out, const char *data, size_t length, const char *name);

/* Builds a fixed-offset zone; offset in seconds east of UTC. */
fcr_status fcr__zone_fixed(fcr__zone **out, int32_t offset_seconds);

void fcr__zone_free(fcr__zone *zone);

/* The name the zone was loaded with, such as "America/New_York" or "+05:30". */
const char *fcr__zone_name(const fcr__zone *zone);

/* Offset from UTC in seconds at instant `time`. This and the other lookups
 * below treat a NULL zone as UTC. */
int32_t fcr__zone_offset(const fcr__zone *zone, fcr_time time);

/* Local wall-clock time (milliseconds since 1970-01-01T00:00 local) at UTC
 * instant `time`. */
int64_t fcr__zone_to_local(const fcr__zone *zone, fcr_time time);

/* UTC instant of local wall-clock time `local`. In a gap (spring forward)
 * the result is the instant of the jump, the first instant whose wall clock
 * is past `local`: 02:30 on a day that skips from 02:00 to 03:00 gives the
 * instant the clock shows 03:00. In an overlap (fall back) it is the earlier
 * instant. */
fcr_time fcr__zone_from_local(const fcr__zone *zone, int64_t local);

/* Copies a zone into a new handle that *out owns. */
fcr_status fcr__zone_copy(fcr__zone **out, const fcr__zone *zone);

/* Finds the first instant after `time` at which the UTC offset changes and
 * stores it in *next. Returns false, leaving *next alone, when the offset
 * never changes after `time`. Changes of only the abbreviation or the DST
 * flag are not transitions here. */
bool fcr__zone_next_transition(const fcr__zone *zone, fcr_time time, fcr_time *next);

/* --- POSIX TZ strings (timezone_posix.c) --------------------------------- */

/* One end of the daylight-saving period of a TZ string. */
typedef struct fcr__tz_rule_date {
    char form;      /* 'J': Julian day 1-365 without Feb 29; 'N': day 0-365 with
                       Feb 29; 'M': weekday `weekday` of week `week` of `month` */
    int day;        /* for 'J' and 'N' */
    int month;      /* for 'M': 1-12 */
    int week;       /* for 'M': 1-5, where 5 means the last */
    int weekday;    /* for 'M': 0 = Sunday ... 6 = Saturday */
    int32_t time;   /* seconds after local midnight, -167h to +167h */
} fcr__tz_rule_date;

/* The rule of a TZ string such as "EST5EDT,M3.2.0,M11.1.0". Offsets are in
 * seconds east of UTC, the opposite sign of the TZ string's. */
typedef struct fcr__tz_rule {
    int32_t std_offset;
    int32_t dst_offset;
    bool has_dst;
    fcr__tz_rule_date start; /* given in standard time */
    fcr__tz_rule_date end;   /* given in daylight-saving time */
} fcr__tz_rule;

/* Parses a TZ string of `length` bytes, as in the footer of a TZif file
 * (RFC 8536 section 3.3, with transition hours from -167 to 167). A
 * daylight-saving name without a rule is rejected, because the default rule
 * would be a guess. Returns FCR_EPARSE with the 1-based position in the
 * string. */
fcr_status fcr__tz_rule_parse(fcr__tz_rule *out, const char *text, size_t length);

/* Offset in seconds east of UTC at `seconds` since the epoch, in UTC. */
int32_t fcr__tz_rule_offset(const fcr__tz_rule *rule, int64_t seconds);

/* Finds the first second after `seconds` at which the rule's offset changes.
 * Returns false when it never changes, as in "EST5" or a DST period that
 * covers the whole year. */
bool fcr__tz_rule_next_transition(const fcr__tz_rule *rule, int64_t seconds, int64_t *next);

#endif
