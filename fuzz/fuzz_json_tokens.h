/* SPDX-License-Identifier: MIT */
/* Token transcripts of the JSON parser, shared by fuzz_json.c and
 * json_verdict.c: a document's tokens written as bytes, so that two parses of
 * the same value can be compared with memcmp(). */
#ifndef FCR_FUZZ_JSON_TOKENS_H
#define FCR_FUZZ_JSON_TOKENS_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "json.h"

/* Appends one token to a transcript: its kind, then the decoded text of a key
 * or string (with its length, since it may hold NUL bytes) or the source text
 * of a number. */
static inline void fuzz_log_token(fcr__strbuf *log, const fcr__json_parser *parser,
                                  fcr__json_token token)
{
    fcr__strbuf_putc(log, (char)('A' + (int)token));
    const char *text = NULL;
    size_t length = 0;
    if (token == FCR__JSON_KEY || token == FCR__JSON_STRING)
        text = fcr__json_string(parser, &length);
    else if (token == FCR__JSON_NUMBER)
        text = fcr__json_number_text(parser, &length);
    if (text != NULL) {
        fcr__strbuf_printf(log, "%zu:", length);
        fcr__strbuf_append(log, text, length);
    }
}

/* Parses data as one document and writes its transcript. Returns FCR_OK or
 * the parser's status. */
static inline fcr_status fuzz_parse_document(fcr__json_parser *parser, const char *data,
                                             size_t length, fcr__strbuf *log)
{
    fcr__json_parser_reset(parser, data, length, "<fuzz>");
    for (;;) {
        fcr__json_token token = fcr__json_next(parser);
        if (token == FCR__JSON_END)
            return FCR_OK;
        if (token == FCR__JSON_ERROR)
            return fcr_last_error_status();
        fuzz_log_token(log, parser, token);
    }
}

#endif
