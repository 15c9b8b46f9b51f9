/* SPDX-License-Identifier: MIT */
/*
 * A streaming RFC 4180 CSV reader: quoted fields with commas, line breaks
 * and doubled quotes, CRLF or LF line ends, an optional UTF-8 byte-order
 * mark, empty lines skipped, UTF-8 validated. Memory is one read chunk plus
 * the longest record.
 */
#ifndef FCR_CSV_H
#define FCR_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "internal.h"

/* Longest record accepted; longer is FCR_ELIMIT. */
#define FCR__CSV_MAX_RECORD ((size_t)16 << 20)

typedef struct fcr__csv fcr__csv;

/* One field: `length` bytes, not NUL-terminated, valid until the next call
 * to fcr__csv_next(). `offset` is the byte offset of its first byte in the
 * record, for fcr__csv_position(). */
typedef struct fcr__csv_field {
    const char *data;
    size_t length;
    size_t offset;
    size_t unescaped_at; /* used inside csv.c only */
} fcr__csv_field;

/* Opens a reader over a file that the reader closes, or over a borrowed
 * buffer. `name` is used in messages. */
fcr_status fcr__csv_new_file(fcr__csv **out, FILE *file, const char *name);
fcr_status fcr__csv_new_buffer(fcr__csv **out, const char *data, size_t length, const char *name);
void fcr__csv_free(fcr__csv *csv);

/* Reads the next record into *fields (count in *count). *more is false at
 * the end of the input. A malformed record (invalid UTF-8, a stray quote)
 * gives FCR_EPARSE with its line and column recorded, and the next call
 * goes on after it. A quoted field that never ends, an over-long record and
 * read failures stop the reader: fcr__csv_stopped() is then true. */
fcr_status fcr__csv_next(fcr__csv *csv, const fcr__csv_field **fields, size_t *count, bool *more);

/* Line and 1-based byte column of byte `offset` of the record last read. */
void fcr__csv_position(const fcr__csv *csv, size_t offset, size_t *line, size_t *column);

/* Line on which the record last read or rejected starts. */
size_t fcr__csv_line(const fcr__csv *csv);

bool fcr__csv_stopped(const fcr__csv *csv);

#endif
