/* SPDX-License-Identifier: MIT */
/* Fuzzes the record reader (src/reader.c) over JSON Lines: every record,
 * including the ones after a skipped bad record, with small limits so that
 * the limit checks are reached too.
 *
 * Property: a reader over the whole buffer and a reader whose callback
 * hands out a few bytes at a time report the same sequence of statuses,
 * record numbers, lines and call ids. A broken property calls abort(), which
 * libFuzzer reports as a crash. A rejected record leaves *out NULL. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcr/fcr.h"

typedef struct chunked_input {
    const char *data;
    size_t length;
    size_t position;
} chunked_input;

static ptrdiff_t read_chunk(void *userdata, char *buffer, size_t size)
{
    chunked_input *input = userdata;
    size_t left = input->length - input->position;
    size_t count = 1 + (input->length + input->position) % 13;
    if (count > left)
        count = left;
    if (count > size)
        count = size;
    memcpy(buffer, input->data + input->position, count);
    input->position += count;
    return (ptrdiff_t)count;
}

static void fail(const char *broken_property)
{
    fprintf(stderr, "fuzz_reader: %s (last error: %s)\n", broken_property, fcr_last_error());
    abort();
}

/* Reads every record and writes one line per fcr_reader_next() result into
 * log, which has room for `capacity` bytes. */
static void read_all(fcr_reader *reader, size_t max_calls, char *log, size_t capacity)
{
    size_t used = 0;
    log[0] = '\0';
    fcr_reader_set_limit(reader, FCR_LIMIT_DEPTH, 12);
    fcr_reader_set_limit(reader, FCR_LIMIT_STRING_BYTES, 512);
    fcr_reader_set_limit(reader, FCR_LIMIT_EVENTS, 40);

    /* A stopped reader keeps returning its failure, so the number of calls
     * is bounded by the number of records, which is at most one per two
     * bytes of input, plus the final one. */
    for (size_t i = 0; i < max_calls; i++) {
        fcr_call *call = (fcr_call *)&call;
        fcr_status status = fcr_reader_next(reader, &call);
        /* The reader sets *out to NULL first, so a failure leaves NULL. */
        if (status != FCR_OK && call != NULL)
            fail("a rejected record left a call in *out");
        const char *id = status == FCR_OK && call != NULL ? fcr_call_id(call) : "-";
        int written = snprintf(log + used, capacity - used, "%d %zu %zu %.40s\n", (int)status,
                               fcr_reader_record(reader), fcr_reader_line(reader), id);
        if (written > 0 && (size_t)written < capacity - used)
            used += (size_t)written;
        if (status == FCR_OK) {
            if (call == NULL)
                return;
            fcr_call_free(call);
        } else if (status == FCR_EPARSE || status == FCR_EIO || status == FCR_ENOMEM) {
            return;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    static fcr_policy *policy;
    static char whole_log[1 << 16], chunked_log[1 << 16];
    if (policy == NULL && fcr_policy_new(&policy) != FCR_OK)
        fail("cannot create the built-in policy");

    const char *data = (const char *)bytes;
    size_t max_calls = size / 2 + 2;

    fcr_reader *whole = NULL;
    if (fcr_reader_new_buffer(&whole, policy, data, size, "<fuzz>") != FCR_OK)
        fail("cannot open a reader over a buffer");
    read_all(whole, max_calls, whole_log, sizeof whole_log);
    fcr_reader_free(whole);

    chunked_input input = {data, size, 0};
    fcr_reader *chunked = NULL;
    if (fcr_reader_new_callback(&chunked, policy, read_chunk, &input, "<fuzz>") != FCR_OK)
        fail("cannot open a reader over a callback");
    read_all(chunked, max_calls, chunked_log, sizeof chunked_log);
    fcr_reader_free(chunked);

    if (strcmp(whole_log, chunked_log) != 0) {
        fprintf(stderr, "buffer reader:\n%s\ncallback reader:\n%s\n", whole_log, chunked_log);
        fail("the buffer and callback readers disagree");
    }
    return 0;
}
