/* SPDX-License-Identifier: MIT */
/**
 * @file fcr/common.h
 * @brief Status codes, error details, memory hooks and the runtime version.
 * @defgroup common Common
 *
 * Every fallible libfcr function returns an ::fcr_status. FCR_OK is zero and
 * every failure is negative, so `if (fcr_x(...) < 0)` is a valid check. On a
 * failure the library also stores a detail message for the calling thread,
 * read with fcr_last_error(). The library never prints, aborts or exits.
 * @{
 */
#ifndef FCR_COMMON_H
#define FCR_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(FCR_BUILDING)
#    define FCR_API __declspec(dllexport)
#  elif defined(FCR_STATIC)
#    define FCR_API
#  else
#    define FCR_API __declspec(dllimport)
#  endif
#elif defined(FCR_BUILDING) && defined(__GNUC__)
#  define FCR_API __attribute__((visibility("default")))
#else
#  define FCR_API
#endif

#ifdef __cplusplus
#  define FCR_BEGIN_DECLS extern "C" {
#  define FCR_END_DECLS }
#else
#  define FCR_BEGIN_DECLS
#  define FCR_END_DECLS
#endif

FCR_BEGIN_DECLS

/**
 * Result of a libfcr function. New codes may be added in later minor
 * versions, so treat any negative value you do not know as a failure.
 * @since 1.0
 */
typedef enum fcr_status {
    FCR_OK = 0,          /**< Success. */
    FCR_EINVAL = -1,     /**< An argument is invalid: NULL, out of range or not valid UTF-8. */
    FCR_ENOMEM = -2,     /**< Memory allocation failed. Nothing was changed. */
    FCR_EPARSE = -3,     /**< Input text is malformed (JSON, CSV, time syntax, UTF-8). */
    FCR_ERECORD = -4,    /**< Input is well-formed but not a valid record: a field is missing, has the wrong type or refers to something unknown. */
    FCR_EWORKFLOW = -5,  /**< Live mode: a workflow guard rejected an event. The record is unchanged. */
    FCR_ESTATE = -6,     /**< The operation is not allowed in the object's current state. */
    FCR_ENOTFOUND = -7,  /**< A named item (category, target, field, file) does not exist. */
    FCR_ELIMIT = -8,     /**< Input exceeds a configured limit (length, count, depth). */
    FCR_EIO = -9,        /**< Reading or writing a file failed. */
    FCR_EVERSION = -10   /**< The input uses a format version this library does not support. */
} fcr_status;

/**
 * Returns a short English name for @p status, such as "invalid argument".
 *
 * @param status Any value; unknown values get "unknown status".
 * @return A static string. Never NULL; do not free.
 * @since 1.0
 */
FCR_API const char *fcr_strerror(int status);

/**
 * Returns the detail message of the last failure on the calling thread.
 *
 * The message says what failed, on which field, line or value, and what to
 * do. It never contains a patient identifier's value. Successful calls do
 * not clear it; use fcr_clear_error() for that.
 *
 * @return A thread-local string, empty when no failure was recorded. Never
 *         NULL. It is valid until the next libfcr call on this thread; do not
 *         free it.
 * @since 1.0
 */
FCR_API const char *fcr_last_error(void);

/**
 * Returns the status of the last failure on the calling thread, or FCR_OK.
 * @since 1.0
 */
FCR_API fcr_status fcr_last_error_status(void);

/**
 * Returns the 1-based line of input where the last failure was found, or 0
 * when the failure was not about a position in a text.
 * @since 1.0
 */
FCR_API size_t fcr_last_error_line(void);

/**
 * Returns the 1-based column, counted in bytes, of the last failure, or 0
 * when there is none.
 * @since 1.0
 */
FCR_API size_t fcr_last_error_column(void);

/**
 * Returns the 0-based byte offset of the last failure in its input, or
 * SIZE_MAX when there is none.
 * @since 1.0
 */
FCR_API size_t fcr_last_error_offset(void);

/**
 * Returns the field path of the last failure, such as "events[3].due_at".
 *
 * @return A thread-local string, empty when the failure was not about one
 *         field. Never NULL. Valid until the next libfcr call on this thread;
 *         do not free it.
 * @since 1.0
 */
FCR_API const char *fcr_last_error_field(void);

/** Clears the calling thread's last error. @since 1.0 */
FCR_API void fcr_clear_error(void);

/**
 * Frees memory that libfcr returned to the caller, such as a formatted note.
 *
 * Every string the library allocates for the caller must go back through
 * this function, because it may come from a host allocator (see
 * fcr_set_allocator()). NULL is ignored.
 * @since 1.0
 */
FCR_API void fcr_free(void *ptr);

/** Host allocation function: like malloc(), plus the userdata pointer. @since 1.0 */
typedef void *(*fcr_malloc_fn)(size_t size, void *userdata);
/** Host reallocation function: like realloc(), plus the userdata pointer. @since 1.0 */
typedef void *(*fcr_realloc_fn)(void *ptr, size_t size, void *userdata);
/** Host release function: like free(), plus the userdata pointer. @since 1.0 */
typedef void (*fcr_free_fn)(void *ptr, void *userdata);

/**
 * Routes every allocation libfcr makes through the host's functions.
 *
 * Call it once, before any other libfcr function that allocates, and not
 * concurrently with other libfcr calls. Memory is always released through
 * the functions that allocated it.
 *
 * @param malloc_fn  Allocation function. Must not be NULL.
 * @param realloc_fn Reallocation function. Must not be NULL.
 * @param free_fn    Release function. Must not be NULL.
 * @param userdata   Passed unchanged to the three functions; may be NULL.
 * @return FCR_OK; FCR_EINVAL when a function is NULL; FCR_ESTATE when libfcr
 *         has already allocated memory, because mixing allocators would
 *         corrupt the heap.
 * @since 1.0
 */
FCR_API fcr_status fcr_set_allocator(fcr_malloc_fn malloc_fn, fcr_realloc_fn realloc_fn,
                                     fcr_free_fn free_fn, void *userdata);

/**
 * Returns the version of the library that is running, which may differ
 * from the headers a program was built with.
 *
 * @param major Receives the major version; may be NULL.
 * @param minor Receives the minor version; may be NULL.
 * @param patch Receives the patch version; may be NULL.
 * @return The version as a static string, "MAJOR.MINOR.PATCH". Never NULL;
 *         do not free.
 * @since 1.0
 */
FCR_API const char *fcr_version(int *major, int *minor, int *patch);

FCR_END_DECLS

/** @} */
#endif /* FCR_COMMON_H */
