/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the library's source files: allocation through the host
 * hook, the thread-local error, a growable byte buffer and UTF-8 checks.
 * Names start with fcr__ and are never exported (hidden visibility, and the
 * version script keeps them local).
 */
#ifndef FCR_INTERNAL_H
#define FCR_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcr/common.h"

#if defined(__GNUC__)
#  define FCR__PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#  define FCR__UNUSED __attribute__((unused))
#else
#  define FCR__PRINTF(fmt, args)
#  define FCR__UNUSED
#endif

#define FCR__ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* --- allocation (alloc.c) ------------------------------------------------ */

void *fcr__malloc(size_t size);
void *fcr__calloc(size_t count, size_t size);
void *fcr__realloc(void *ptr, size_t size);
void fcr__free(void *ptr);

/* Copies a NUL-terminated string; NULL stays NULL. Returns NULL when out of
 * memory, so callers must tell the two apart by the input. */
char *fcr__strdup(const char *text);
char *fcr__strndup(const char *text, size_t length);

/* Grows *items to hold at least `needed` elements of `size` bytes, doubling
 * capacity. Returns FCR_OK or FCR_ENOMEM with the error recorded; on
 * failure *items and *capacity are unchanged. */
fcr_status fcr__grow(void **items, size_t *capacity, size_t needed, size_t size);

/* --- thread-local error (error.c) ---------------------------------------- */

/* Records a failure for fcr_last_error() and returns `status`, so callers can
 * write `return fcr__error(FCR_EINVAL, "...")`. Messages must never contain
 * a patient identifier's value or free text from a record: name the field,
 * the type or the id instead. */
fcr_status fcr__error(fcr_status status, const char *format, ...) FCR__PRINTF(2, 3);
fcr_status fcr__verror(fcr_status status, const char *format, va_list args) FCR__PRINTF(2, 0);

/* Records a failure at a position in a text. line and column are 1-based;
 * offset is 0-based. Pass field as NULL or "" when not about one field. */
fcr_status fcr__error_at(fcr_status status, size_t line, size_t column, size_t offset,
                         const char *field, const char *format, ...) FCR__PRINTF(6, 7);

/* Records a failure about one field of a record, without a text position. */
fcr_status fcr__error_field(fcr_status status, const char *field, const char *format, ...)
    FCR__PRINTF(3, 4);

/* Prefixes the current thread's error message with "context: ", for example
 * a file name and record number added by the caller of a parser. The status
 * and position are kept. */
void fcr__error_prefix(const char *format, ...) FCR__PRINTF(1, 2);

/* The allocation failure error, recorded without allocating. */
fcr_status fcr__error_nomem(void);

#ifdef __clang_analyzer__
/* The static analyzer behind clang-tidy reads one file at a time. It cannot
 * see that these functions return their status argument, never FCR_OK, and
 * then reports null dereferences on paths that cannot run. These macros
 * show it the result. error.c puts the names of the definitions in
 * parentheses, so that the macros leave them alone. */
#define fcr__error(status, ...) ((void)fcr__error(status, __VA_ARGS__), (fcr_status)(status))
#define fcr__verror(status, format, args) \
    ((void)fcr__verror(status, format, args), (fcr_status)(status))
#define fcr__error_at(status, ...) ((void)fcr__error_at(status, __VA_ARGS__), (fcr_status)(status))
#define fcr__error_field(status, ...) \
    ((void)fcr__error_field(status, __VA_ARGS__), (fcr_status)(status))
#define fcr__error_nomem() ((void)fcr__error_nomem(), FCR_ENOMEM)
#endif

/* --- growable byte buffer (strbuf.c) ------------------------------------- */

typedef struct fcr__strbuf {
    char *data;      /* NUL-terminated whenever length > 0 or capacity > 0 */
    size_t length;   /* bytes used, not counting the NUL */
    size_t capacity; /* bytes allocated */
    bool failed;     /* an allocation failed; later appends do nothing */
} fcr__strbuf;

#define FCR__STRBUF_INIT {NULL, 0, 0, false}

fcr_status fcr__strbuf_reserve(fcr__strbuf *buffer, size_t extra);
fcr_status fcr__strbuf_append(fcr__strbuf *buffer, const char *data, size_t length);
fcr_status fcr__strbuf_puts(fcr__strbuf *buffer, const char *text);
fcr_status fcr__strbuf_putc(fcr__strbuf *buffer, char c);
fcr_status fcr__strbuf_printf(fcr__strbuf *buffer, const char *format, ...) FCR__PRINTF(2, 3);
void fcr__strbuf_clear(fcr__strbuf *buffer);
/* Hands the NUL-terminated contents to the caller (free with fcr__free) and
 * resets the buffer. Returns NULL and records FCR_ENOMEM when an earlier
 * append failed. An empty buffer yields an allocated "". */
char *fcr__strbuf_detach(fcr__strbuf *buffer);
void fcr__strbuf_free(fcr__strbuf *buffer);

/* --- UTF-8 (utf8.c) ------------------------------------------------------- */

/* Returns the length of the valid UTF-8 prefix of data (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF). Equal to length
 * when all of it is valid. */
size_t fcr__utf8_valid_prefix(const char *data, size_t length);

static inline bool fcr__utf8_valid(const char *data, size_t length)
{
    return fcr__utf8_valid_prefix(data, length) == length;
}

/* Encodes code point cp (at most U+10FFFF, not a surrogate) into out, which
 * has room for 4 bytes. Returns the number of bytes written. */
size_t fcr__utf8_encode(uint32_t cp, char *out);

/* Checks a caller-supplied NUL-terminated string: not NULL unless
 * allow_null, and valid UTF-8. Records FCR_EINVAL naming `what` on failure. */
fcr_status fcr__check_text(const char *text, const char *what, bool allow_null);

/* --- files (file.c) ------------------------------------------------------ */

/* Largest policy or rule file read whole into memory. */
#define FCR__MAX_POLICY_BYTES ((size_t)16 << 20)

/* Reads a whole file into a new NUL-terminated buffer (free with fcr__free).
 * FCR_EIO names the file and the system's reason; FCR_ELIMIT when it is
 * larger than max_bytes. */
fcr_status fcr__read_file(const char *path, size_t max_bytes, char **data, size_t *length);

#endif /* FCR_INTERNAL_H */
