/* SPDX-License-Identifier: MIT */
/* Whole-file reading for policies and other small documents. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

fcr_status fcr__read_file(const char *path, size_t max_bytes, char **data, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return fcr__error(FCR_EIO, "cannot open %.200s: %s; check the path and permissions",
                          path, strerror(errno));

    fcr__strbuf buffer = FCR__STRBUF_INIT;
    fcr_status status = FCR_OK;
    char chunk[65536];
    for (;;) {
        size_t got = fread(chunk, 1, sizeof chunk, file);
        if (got > 0 && buffer.length + got > max_bytes) {
            status = fcr__error(FCR_ELIMIT, "%.200s is larger than %zu bytes, the limit for "
                                            "this kind of file",
                                path, max_bytes);
            break;
        }
        if (got > 0 && (status = fcr__strbuf_append(&buffer, chunk, got)) != FCR_OK)
            break;
        if (got < sizeof chunk) {
            if (ferror(file))
                status = fcr__error(FCR_EIO, "cannot read %.200s: %s", path, strerror(errno));
            break;
        }
    }
    fclose(file);

    if (status != FCR_OK) {
        fcr__strbuf_free(&buffer);
        return status;
    }
    *length = buffer.length;
    *data = fcr__strbuf_detach(&buffer);
    return *data == NULL ? FCR_ENOMEM : FCR_OK;
}
