/* SPDX-License-Identifier: MIT */
/* Locale-independent text helpers for human-readable and CSV output. */
#ifndef FCR_TEXT_FORMAT_H
#define FCR_TEXT_FORMAT_H

#include "internal.h"

/* Writes value rounded to `decimals` (0 to 6) decimal places with a '.'
 * whatever the process locale, such as "87.50". out holds 32 bytes. */
void fcr__format_fixed(double value, int decimals, char out[32]);

/* Appends text with every control character (newlines, tabs) replaced by a
 * space, so that the output stays on one line. */
void fcr__text_append_line(fcr__strbuf *out, const char *text);

/* Appends one CSV field (RFC 4180): quoted when it contains a comma, a
 * quote, a line break or leading or trailing spaces, with quotes doubled. */
void fcr__csv_field(fcr__strbuf *out, const char *text);

#endif
