/* SPDX-License-Identifier: MIT */
/*
 * Layout of transcripts and transcript lists, and the functions that
 * connect the transcript readers (transcript_*.c, textgrid.c) with the
 * handle code in transcript.c.
 */
#ifndef FCR_TRANSCRIPT_INTERNAL_H
#define FCR_TRANSCRIPT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "fcr/transcript.h"
#include "internal.h"

/* Limits that keep a hostile input from exhausting memory or the call's
 * event limit: a derived call has at most a few events per turn. */
#define FCR__TRANSCRIPT_MAX_TURNS 20000
#define FCR__TRANSCRIPT_MAX_TURN_BYTES ((size_t)256 << 10)
#define FCR__TRANSCRIPT_MAX_FILE_BYTES ((size_t)256 << 20)
#define FCR__TRANSCRIPT_MAX_ID_BYTES 128

/* Offsets in milliseconds from the start of the call; -1 when unknown. */
#define FCR__OFFSET_NONE INT64_C(-1)

typedef struct fcr__turn {
    fcr_turn_role role;
    int64_t start_ms;
    int64_t end_ms;
    char *text; /* NUL-terminated, valid UTF-8, no NUL inside */
    size_t length;
} fcr__turn;

struct fcr_transcript {
    char *id;
    fcr_time started_at; /* FCR_TIME_NONE when unknown */
    char *agent_id;
    char *agent_role;
    fcr_transcript_format source; /* the format it was read from */
    fcr__turn *turns;
    size_t turn_count;
    size_t turn_capacity;
};

struct fcr_transcript_list {
    fcr_transcript **items;
    size_t count;
    size_t capacity;
};

/* Whether `id` is a valid call id: 1 to 128 bytes, valid UTF-8, no control
 * characters. */
bool fcr__transcript_valid_id(const char *id, size_t length);

/* Creates an empty transcript with an id of explicit length, which must be
 * valid (fcr__transcript_valid_id). */
fcr_status fcr__transcript_create(fcr_transcript **out, const char *id, size_t length,
                                  fcr_transcript_format source);

/* Appends a turn whose text the caller has checked for UTF-8 and NUL bytes.
 * Offsets are in milliseconds, FCR__OFFSET_NONE when unknown. Records
 * FCR_ELIMIT naming the turn index for a text or turn count over the
 * limits, FCR_ENOMEM otherwise. */
fcr_status fcr__transcript_add_turn_n(fcr_transcript *transcript, fcr_turn_role role,
                                      int64_t start_ms, int64_t end_ms, const char *text,
                                      size_t length);

/* Adds `transcript` to the list, which takes it over; on failure the caller
 * still owns it. */
fcr_status fcr__transcript_list_add(fcr_transcript_list *list, fcr_transcript *transcript);

/* Makes an id from a name, such as a file path: the last path component
 * without its extension, cut to the id limit and with control characters
 * replaced by '_'. `fallback` is used when nothing is left. Writes a
 * NUL-terminated id into `out`, which has FCR__TRANSCRIPT_MAX_ID_BYTES + 1
 * bytes. */
void fcr__transcript_id_from_name(char *out, const char *name, const char *fallback);

/* Converts seconds to milliseconds, rounding to the nearest; false when the
 * value is negative, not finite or too large for a call (over 7 days). */
bool fcr__seconds_to_ms(double seconds, int64_t *out);

/* The readers, one per format. Each fills `list` from the whole input or
 * fails; `name` is the input's name for messages and default ids. */
fcr_status fcr__transcript_read_json(fcr_transcript_list *list, const char *data, size_t length,
                                     const char *name);
fcr_status fcr__transcript_read_contact_lens(fcr_transcript_list *list, const char *data,
                                             size_t length, const char *name);
fcr_status fcr__transcript_read_abcd(fcr_transcript_list *list, const char *data,
                                     size_t length, const char *name);
fcr_status fcr__transcript_read_csv_dialogue(fcr_transcript_list *list, const char *data,
                                             size_t length, const char *name);

#endif /* FCR_TRANSCRIPT_INTERNAL_H */
