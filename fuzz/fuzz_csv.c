/* SPDX-License-Identifier: MIT */
/* Fuzzes CSV contact logs: the CSV reader (src/csv.c), the column mapping
 * and time patterns (src/metrics_csv.c, src/time_pattern.c) through the
 * public contact reader, and the metrics engine over the contacts read.
 *
 * Input layout: the CSV text, optionally after a first line that starts with
 * '#'. The rest of that line is passed to fcr_contact_reader_set_time_format(),
 * so the fuzzer explores time formats too.
 *
 * Property: a rejected row sets a failure status and a message, and the
 * reader goes on or stops as documented. A broken property calls abort(),
 * which libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcr/fcr.h"

static void fail(const char *broken_property)
{
    fprintf(stderr, "fuzz_csv: %s (last error: %s)\n", broken_property, fcr_last_error());
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const char *data = (const char *)bytes;
    char format[128] = "";
    if (size > 0 && data[0] == '#') {
        const char *line_end = memchr(data, '\n', size);
        size_t line = line_end != NULL ? (size_t)(line_end - data) : size;
        if (line - 1 >= sizeof format)
            return 0;
        memcpy(format, data + 1, line - 1);
        format[line - 1] = '\0';
        size_t skip = line_end != NULL ? line + 1 : line;
        data += skip;
        size -= skip;
    }

    fcr_contact_reader *reader = NULL;
    if (fcr_contact_reader_new_buffer(&reader, NULL, data, size, "<fuzz>") != FCR_OK)
        fail("cannot open a contact reader over a buffer");
    if (format[0] != '\0' && strlen(format) > 0 &&
        fcr_contact_reader_set_time_format(reader, format) != FCR_OK) {
        fcr_contact_reader_free(reader);
        return 0;
    }

    fcr_metrics *metrics = NULL;
    if (fcr_metrics_new(&metrics, NULL) != FCR_OK)
        fail("cannot create a metrics engine");

    /* A stopped reader keeps returning its failure; every row is at least
     * one byte, so this bounds the loop. */
    fcr_status last = FCR_OK;
    for (size_t i = 0; i < size + 2; i++) {
        const fcr_contact *contact = NULL;
        fcr_status status = fcr_contact_reader_next(reader, &contact);
        if (status != FCR_OK) {
            if (status > 0 || fcr_last_error()[0] == '\0')
                fail("a rejected row left no failure status or message");
            if (status == last && (status == FCR_ENOTFOUND || status == FCR_ELIMIT ||
                                   status == FCR_EIO || status == FCR_ENOMEM))
                break;
            last = status;
            continue;
        }
        last = status;
        if (contact == NULL)
            break;
        (void)fcr_metrics_add_contact(metrics, contact);
    }
    fcr_contact_reader_free(reader);

    if (fcr_metrics_finish(metrics) == FCR_OK) {
        char *text = NULL;
        if (fcr_metrics_write(&text, metrics, FCR_METRICS_TEXT) == FCR_OK)
            fcr_free(text);
        if (fcr_metrics_write(&text, metrics, FCR_METRICS_JSON) == FCR_OK)
            fcr_free(text);
    }
    fcr_metrics_free(metrics);
    return 0;
}
