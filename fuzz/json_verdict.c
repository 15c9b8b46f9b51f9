/* SPDX-License-Identifier: MIT */
/* Prints libfcr's verdict on each file given, one line per file:
 *   accept<TAB>PATH
 *   reject<TAB>STATUS<TAB>PATH
 * where STATUS is parse (FCR_EPARSE), limit (FCR_ELIMIT), nomem (FCR_ENOMEM)
 * or other. compare_json.py reads these lines. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_json_tokens.h"

static char *read_whole(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return NULL;
    size_t capacity = 4096, used = 0;
    char *data = malloc(capacity);
    while (data != NULL) {
        used += fread(data + used, 1, capacity - used, file);
        if (used < capacity)
            break;
        capacity *= 2;
        char *grown = realloc(data, capacity);
        if (grown == NULL) {
            free(data);
            data = NULL;
        }
        data = grown;
    }
    int failed = ferror(file);
    fclose(file);
    if (failed) {
        free(data);
        return NULL;
    }
    *length = used;
    return data;
}

static const char *status_word(fcr_status status)
{
    switch (status) {
    case FCR_EPARSE: return "parse";
    case FCR_ELIMIT: return "limit";
    case FCR_ENOMEM: return "nomem";
    default: return "other";
    }
}

int main(int argc, char **argv)
{
    fcr__json_parser *parser = NULL;
    if (fcr__json_parser_new(&parser, NULL) != FCR_OK) {
        fprintf(stderr, "json_verdict: cannot create the parser: %s\n", fcr_last_error());
        return 1;
    }
    int exit_status = 0;
    for (int i = 1; i < argc; i++) {
        size_t length = 0;
        char *data = read_whole(argv[i], &length);
        if (data == NULL) {
            fprintf(stderr, "json_verdict: cannot read %s\n", argv[i]);
            exit_status = 1;
            continue;
        }
        fcr__strbuf log = FCR__STRBUF_INIT;
        fcr_status status = fuzz_parse_document(parser, data, length, &log);
        if (status == FCR_OK)
            printf("accept\t%s\n", argv[i]);
        else
            printf("reject\t%s\t%s\n", status_word(status), argv[i]);
        fcr__strbuf_free(&log);
        free(data);
    }
    fcr__json_parser_free(parser);
    return exit_status;
}
