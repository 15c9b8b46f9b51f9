/* SPDX-License-Identifier: MIT */
/* Allocation through the host's hook, set once before first use. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void *default_malloc(size_t size, void *userdata)
{
    (void)userdata;
    return malloc(size);
}

static void *default_realloc(void *ptr, size_t size, void *userdata)
{
    (void)userdata;
    return realloc(ptr, size);
}

static void default_free(void *ptr, void *userdata)
{
    (void)userdata;
    free(ptr);
}

/* Written only by fcr_set_allocator(), which callers must run before any
 * other libfcr call, so the later unsynchronised reads see a settled value. */
static fcr_malloc_fn host_malloc = default_malloc;
static fcr_realloc_fn host_realloc = default_realloc;
static fcr_free_fn host_free = default_free;
static void *host_userdata = NULL;

/* Set by the first allocation; after that the allocator may not change. */
static atomic_bool allocated = false;

fcr_status fcr_set_allocator(fcr_malloc_fn malloc_fn, fcr_realloc_fn realloc_fn,
                             fcr_free_fn free_fn, void *userdata)
{
    if (malloc_fn == NULL || realloc_fn == NULL || free_fn == NULL)
        return fcr__error(FCR_EINVAL,
                          "fcr_set_allocator: malloc_fn, realloc_fn and free_fn must all be non-NULL");

    if (atomic_load(&allocated))
        return fcr__error(FCR_ESTATE,
                          "fcr_set_allocator: libfcr has already allocated memory; "
                          "set the allocator before any other libfcr call");

    host_malloc = malloc_fn;
    host_realloc = realloc_fn;
    host_free = free_fn;
    host_userdata = userdata;
    return FCR_OK;
}

void *fcr__malloc(size_t size)
{
    atomic_store_explicit(&allocated, true, memory_order_relaxed);
    return host_malloc(size == 0 ? 1 : size, host_userdata);
}

void *fcr__calloc(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;

    void *ptr = fcr__malloc(count * size);
    if (ptr != NULL)
        memset(ptr, 0, count * size);
    return ptr;
}

void *fcr__realloc(void *ptr, size_t size)
{
    atomic_store_explicit(&allocated, true, memory_order_relaxed);
    return host_realloc(ptr, size == 0 ? 1 : size, host_userdata);
}

void fcr__free(void *ptr)
{
    if (ptr != NULL)
        host_free(ptr, host_userdata);
}

void fcr_free(void *ptr)
{
    fcr__free(ptr);
}

char *fcr__strndup(const char *text, size_t length)
{
    if (text == NULL)
        return NULL;

    char *copy = fcr__malloc(length + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

char *fcr__strdup(const char *text)
{
    return text == NULL ? NULL : fcr__strndup(text, strlen(text));
}

fcr_status fcr__grow(void **items, size_t *capacity, size_t needed, size_t size)
{
    if (needed <= *capacity)
        return FCR_OK;

    size_t new_capacity = *capacity < 8 ? 8 : *capacity;
    while (new_capacity < needed) {
        if (new_capacity > SIZE_MAX / 2)
            return fcr__error_nomem();
        new_capacity *= 2;
    }
    if (size != 0 && new_capacity > SIZE_MAX / size)
        return fcr__error_nomem();

    void *grown = fcr__realloc(*items, new_capacity * size);
    if (grown == NULL)
        return fcr__error_nomem();

    *items = grown;
    *capacity = new_capacity;
    return FCR_OK;
}
