/* SPDX-License-Identifier: MIT */
/* Status names and the thread-local detail of the last failure. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* Fixed-size storage, so that recording an error never allocates and an
 * out-of-memory failure can still be reported. Longer messages are cut. */
#define MESSAGE_SIZE 512
#define FIELD_SIZE 160

struct last_error {
    fcr_status status;
    size_t line;
    size_t column;
    size_t offset;
    char field[FIELD_SIZE];
    char message[MESSAGE_SIZE];
};

static _Thread_local struct last_error last = {FCR_OK, 0, 0, SIZE_MAX, "", ""};

const char *fcr_strerror(int status)
{
    switch (status) {
    case FCR_OK: return "success";
    case FCR_EINVAL: return "invalid argument";
    case FCR_ENOMEM: return "out of memory";
    case FCR_EPARSE: return "malformed input";
    case FCR_ERECORD: return "invalid record";
    case FCR_EWORKFLOW: return "rejected by a workflow guard";
    case FCR_ESTATE: return "not allowed in the current state";
    case FCR_ENOTFOUND: return "not found";
    case FCR_ELIMIT: return "limit exceeded";
    case FCR_EIO: return "input/output error";
    case FCR_EVERSION: return "unsupported format version";
    default: return "unknown status";
    }
}

const char *fcr_last_error(void) { return last.message; }
fcr_status fcr_last_error_status(void) { return last.status; }
size_t fcr_last_error_line(void) { return last.line; }
size_t fcr_last_error_column(void) { return last.column; }
size_t fcr_last_error_offset(void) { return last.offset; }
const char *fcr_last_error_field(void) { return last.field; }

void fcr_clear_error(void)
{
    last.status = FCR_OK;
    last.line = 0;
    last.column = 0;
    last.offset = SIZE_MAX;
    last.field[0] = '\0';
    last.message[0] = '\0';
}

static void copy_truncated(char *destination, size_t size, const char *source)
{
    size_t length = source == NULL ? 0 : strlen(source);
    if (length >= size)
        length = size - 1;
    if (length > 0)
        memcpy(destination, source, length);
    destination[length] = '\0';
}

fcr_status (fcr__verror)(fcr_status status, const char *format, va_list args)
{
    fcr_clear_error();
    last.status = status;
    vsnprintf(last.message, sizeof last.message, format, args);
    return status;
}

fcr_status (fcr__error)(fcr_status status, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fcr__verror(status, format, args);
    va_end(args);
    return status;
}

fcr_status (fcr__error_at)(fcr_status status, size_t line, size_t column, size_t offset,
                         const char *field, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fcr__verror(status, format, args);
    va_end(args);

    last.line = line;
    last.column = column;
    last.offset = offset;
    copy_truncated(last.field, sizeof last.field, field);
    return status;
}

fcr_status (fcr__error_field)(fcr_status status, const char *field, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fcr__verror(status, format, args);
    va_end(args);

    copy_truncated(last.field, sizeof last.field, field);
    return status;
}

void fcr__error_prefix(const char *format, ...)
{
    char prefix[MESSAGE_SIZE];
    va_list args;
    va_start(args, format);
    vsnprintf(prefix, sizeof prefix, format, args);
    va_end(args);

    /* A combined message longer than the buffer is cut; the prefix comes
     * first so the file and record it names are kept. */
    char combined[MESSAGE_SIZE];
    int written = snprintf(combined, sizeof combined, "%s: %s", prefix, last.message);
    if (written < 0)
        return;
    copy_truncated(last.message, sizeof last.message, combined);
}

fcr_status (fcr__error_nomem)(void)
{
    fcr_clear_error();
    last.status = FCR_ENOMEM;
    copy_truncated(last.message, sizeof last.message,
                   "out of memory: an allocation failed; nothing was changed");
    return FCR_ENOMEM;
}
