/* SPDX-License-Identifier: MIT */
/* Helpers for the cmocka tests: test data files and a counting allocator
 * that can be told to fail. They use only the public API. */
#ifndef FCR_TEST_SUPPORT_H
#define FCR_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* Reads a whole file into a NUL-terminated malloc'd buffer; fails the test
 * when the file cannot be read. *length receives the size without the NUL. */
char *test_read_file(const char *path, size_t *length);

/* Returns a static path "<tests/data>/<relative>"; valid until the next call. */
const char *test_data_path(const char *relative);

/* Installs the counting allocator. Call once, first thing in main(). */
void test_alloc_install(void);

/* Makes the Nth allocation from now fail (1 = the next one); 0 disables. */
void test_alloc_fail_at(unsigned long n);

/* Number of allocations since the last test_alloc_reset(). */
unsigned long test_alloc_count(void);

/* Blocks allocated through libfcr and not yet released. */
long test_alloc_outstanding(void);

/* Resets the allocation counter and disables failure injection. */
void test_alloc_reset(void);

#include "fcr/fcr.h"

/* Parses an RFC 3339 time, failing the test when it is invalid. */
fcr_time test_time(const char *text);

/* Records an event given as a JSON object (the fcr.call/1 event form) and
 * returns the status of fcr_call_append(), or of the parse on failure. */
fcr_status test_record(fcr_call *call, const char *json);

/* Like test_record(), but fails the test with the library's message
 * unless the event is recorded. */
void test_record_ok(fcr_call *call, const char *json);

/* Serializes a call to compact JSON; the caller frees it with fcr_free(). */
char *test_call_json(const fcr_call *call);

#endif
