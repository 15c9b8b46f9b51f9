/* SPDX-License-Identifier: MIT */
/*
 * Parse-only benchmark for libfcr's JSON stream. Usage:
 *
 *   json_parse FILE           parse every value, fetch every string and
 *                             convert every number to double
 *   json_parse --memchr FILE  count '"' bytes with memchr(), as a baseline
 *
 * It prints the counts so that the work cannot be optimised away.
 */
#include <stdio.h>
#include <string.h>

#include "json.h"

#define CHUNK ((size_t)1 << 20)

static ptrdiff_t read_file(void *userdata, char *buffer, size_t size)
{
    FILE *file = userdata;
    size_t got = fread(buffer, 1, size, file);
    if (got == 0 && ferror(file))
        return -1;
    return (ptrdiff_t)got;
}

static int scan_quotes(FILE *file)
{
    static char buffer[CHUNK];
    unsigned long long quotes = 0, bytes = 0;
    size_t got;

    while ((got = fread(buffer, 1, sizeof buffer, file)) > 0) {
        const char *at = buffer, *end = buffer + got;
        while ((at = memchr(at, '"', (size_t)(end - at))) != NULL) {
            quotes++;
            at++;
        }
        bytes += got;
    }
    printf("%llu bytes, %llu quotes\n", bytes, quotes);
    return 0;
}

static int parse_values(FILE *file, const char *name)
{
    fcr__json_stream *stream;
    if (fcr__json_stream_new(&stream, read_file, file, name, NULL) != FCR_OK) {
        fprintf(stderr, "%s\n", fcr_last_error());
        return 1;
    }
    fcr__json_parser *parser = fcr__json_stream_parser(stream);

    unsigned long long values = 0, tokens = 0, string_bytes = 0;
    double sum = 0;
    for (;;) {
        bool more;
        if (fcr__json_stream_begin(stream, &more, NULL) != FCR_OK)
            goto failed;
        if (!more)
            break;

        fcr__json_token token;
        while ((token = fcr__json_next(parser)) != FCR__JSON_END) {
            size_t length;
            double number;
            switch (token) {
            case FCR__JSON_ERROR:
                goto failed;
            case FCR__JSON_NEED_MORE:
                if (fcr__json_stream_refill(stream) != FCR_OK)
                    goto failed;
                continue;
            case FCR__JSON_KEY:
            case FCR__JSON_STRING:
                fcr__json_string(parser, &length);
                string_bytes += length;
                break;
            case FCR__JSON_NUMBER:
                if (fcr__json_number_double(parser, &number))
                    sum += number;
                break;
            default:
                break;
            }
            tokens++;
        }
        fcr__json_stream_end(stream);
        values++;
    }

    printf("%llu values, %llu tokens, %llu string bytes, number sum %.3f\n", values, tokens,
           string_bytes, sum);
    fcr__json_stream_free(stream);
    return 0;

failed:
    fprintf(stderr, "%s\n", fcr_last_error());
    fcr__json_stream_free(stream);
    return 1;
}

int main(int argc, char **argv)
{
    bool memchr_only = argc == 3 && strcmp(argv[1], "--memchr") == 0;
    if (argc != 2 && !memchr_only) {
        fprintf(stderr, "usage: json_parse [--memchr] FILE\n");
        return 2;
    }

    const char *path = argv[argc - 1];
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        perror(path);
        return 1;
    }
    int result = memchr_only ? scan_quotes(file) : parse_values(file, path);
    fclose(file);
    return result;
}
