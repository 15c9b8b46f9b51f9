/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcr/common.h"
#include "test_support.h"

char *test_read_file(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        fail_msg("cannot open test file %s", path);

    size_t capacity = 4096, used = 0;
    char *data = malloc(capacity);
    assert_non_null(data);
    for (;;) {
        if (used + 1 >= capacity) {
            capacity *= 2;
            data = realloc(data, capacity);
            assert_non_null(data);
        }
        size_t got = fread(data + used, 1, capacity - used - 1, file);
        used += got;
        if (got == 0)
            break;
    }
    fclose(file);
    data[used] = '\0';
    if (length != NULL)
        *length = used;
    return data;
}

const char *test_data_path(const char *relative)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", FCR_TEST_DATA_DIR, relative);
    return path;
}

static unsigned long allocation_count;
static unsigned long fail_at;
static long outstanding;

static void *counting_malloc(size_t size, void *userdata)
{
    (void)userdata;
    allocation_count++;
    if (fail_at != 0 && allocation_count == fail_at)
        return NULL;
    void *ptr = malloc(size);
    if (ptr != NULL)
        outstanding++;
    return ptr;
}

static void *counting_realloc(void *ptr, size_t size, void *userdata)
{
    (void)userdata;
    allocation_count++;
    if (fail_at != 0 && allocation_count == fail_at)
        return NULL;
    void *grown = realloc(ptr, size);
    if (grown != NULL && ptr == NULL)
        outstanding++;
    return grown;
}

static void counting_free(void *ptr, void *userdata)
{
    (void)userdata;
    if (ptr != NULL)
        outstanding--;
    free(ptr);
}

void test_alloc_install(void)
{
    if (fcr_set_allocator(counting_malloc, counting_realloc, counting_free, NULL) != FCR_OK) {
        fprintf(stderr, "cannot install the test allocator: %s\n", fcr_last_error());
        exit(1);
    }
}

void test_alloc_fail_at(unsigned long n)
{
    allocation_count = 0;
    fail_at = n;
}

unsigned long test_alloc_count(void) { return allocation_count; }
long test_alloc_outstanding(void) { return outstanding; }

void test_alloc_reset(void)
{
    allocation_count = 0;
    fail_at = 0;
}

fcr_time test_time(const char *text)
{
    fcr_time time = 0;
    if (fcr_time_parse(&time, text) != FCR_OK)
        fail_msg("invalid test time %s: %s", text, fcr_last_error());
    return time;
}

fcr_status test_record(fcr_call *call, const char *json)
{
    fcr_event *event = NULL;
    fcr_status status = fcr_event_from_json(&event, json, strlen(json));
    if (status != FCR_OK)
        return status;
    status = fcr_call_append(call, event);
    fcr_event_free(event);
    return status;
}

void test_record_ok(fcr_call *call, const char *json)
{
    fcr_status status = test_record(call, json);
    if (status != FCR_OK)
        fail_msg("recording %s failed with %s: %s", json, fcr_strerror(status), fcr_last_error());
}

char *test_call_json(const fcr_call *call)
{
    char *json = NULL;
    if (fcr_call_to_json(&json, call, 0) != FCR_OK)
        fail_msg("fcr_call_to_json failed: %s", fcr_last_error());
    return json;
}
