/* SPDX-License-Identifier: MIT */
/* Reading one `fcr.call/1` record from a positioned pull parser. */
#ifndef FCR_CALL_READ_H
#define FCR_CALL_READ_H

#include "json.h"
#include "model.h"

typedef struct fcr__call_read_options {
    fcr_policy *policy;
    fcr_mode mode;
    const char *name;  /* source name for messages, never NULL */
    size_t max_events;
    bool strict; /* reject fields fcr.call/1 does not define instead of keeping them */
} fcr__call_read_options;

#define FCR__DEFAULT_MAX_EVENTS 10000

/* Reads the record the parser is positioned at, through its last token
 * (FCR__JSON_END). Returns FCR__NEED_MORE when a stream must refill, and
 * otherwise the status of fcr_call_from_json(). */
fcr_status fcr__call_read(fcr__json_parser *parser, const fcr__call_read_options *options,
                          fcr_call **out);

#endif
