/* SPDX-License-Identifier: MIT */
/* Times in exports written with a small strptime-like pattern, such as
 * "%d-%m-%Y %H:%M". Locale-independent: only digits, signs and the
 * pattern's literal characters are read. */
#ifndef FCR_TIME_PATTERN_H
#define FCR_TIME_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

#include "fcr/time.h"
#include "timezone.h"

#define FCR__TIME_PATTERN_MAX 128

typedef struct fcr__time_pattern {
    char text[FCR__TIME_PATTERN_MAX]; /* with %T and %F expanded */
    bool has_offset;                  /* %z: times carry their own offset */
} fcr__time_pattern;

/* Checks and stores a pattern. FCR_EINVAL names the problem: an unknown
 * conversion, a conversion used twice, or no %Y, %m or %d. */
fcr_status fcr__time_pattern_compile(fcr__time_pattern *out, const char *pattern);

/* Parses `length` bytes of text. Times without an offset are wall-clock
 * times in `zone`. Returns true and sets *out, or returns false with the
 * 0-based byte offset of the failure in *error_at and a static reason in
 * *reason. Records no error. */
bool fcr__time_pattern_parse(const fcr__time_pattern *pattern, const char *text, size_t length,
                             const fcr__zone *zone, fcr_time *out, size_t *error_at,
                             const char **reason);

#endif
