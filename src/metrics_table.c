/* SPDX-License-Identifier: MIT */
/* The hash table of the metrics engine, and window lengths ("7d", "3bd"). */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
/* For MADV_HUGEPAGE, which _POSIX_C_SOURCE alone hides. */
#  define _DEFAULT_SOURCE 1
#endif

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#if defined(__linux__)
#  include <sys/mman.h>
#endif

#include "civil_time.h"
#include "metrics_internal.h"
#include "metrics_table.h"

uint64_t fcr__hash_bytes(const char *data, size_t length)
{
    /* Eight bytes at a time, each word mixed in by a multiply, and a final
     * mix so that the low bits used for the slot index depend on every
     * byte. Keys here are short: caller keys, category and agent ids. */
    const uint64_t multiplier = UINT64_C(0x9e3779b97f4a7c15);
    uint64_t hash = UINT64_C(0xcbf29ce484222325) ^ (length * multiplier);
    size_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t word;
        memcpy(&word, data + i, 8);
        hash = (hash ^ word) * multiplier;
        hash ^= hash >> 29;
    }
    if (i < length) {
        uint64_t word = 0;
        memcpy(&word, data + i, length - i);
        hash = (hash ^ word) * multiplier;
        hash ^= hash >> 29;
    }
    hash ^= hash >> 33;
    hash *= UINT64_C(0xff51afd7ed558ccd);
    hash ^= hash >> 33;
    return hash;
}

void fcr__advise_huge_pages(void *block, size_t size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t huge_page = (uintptr_t)2 << 20;
    uintptr_t start = ((uintptr_t)block + huge_page - 1) & ~(huge_page - 1);
    uintptr_t end = ((uintptr_t)block + size) & ~(huge_page - 1);
    if (end > start)
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)block;
    (void)size;
#endif
}

void fcr__table_free(fcr__table *table)
{
    fcr__free(table->slots);
    table->slots = NULL;
    table->capacity = 0;
    table->count = 0;
}

static bool entry_matches(const fcr__table_entry *entry, uint64_t hash, const char *key,
                          size_t length)
{
    return entry->hash == hash && entry->length == length && memcmp(entry->key, key, length) == 0;
}

fcr__table_entry *fcr__table_find(const fcr__table *table, uint64_t hash, const char *key,
                                  size_t length)
{
    if (table->capacity == 0)
        return NULL;
    size_t mask = table->capacity - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        const fcr__table_slot *slot = &table->slots[i];
        if (slot->entry == NULL)
            return NULL;
        if (slot->hash == hash && entry_matches(slot->entry, hash, key, length))
            return slot->entry;
    }
}

static fcr_status table_grow(fcr__table *table)
{
    size_t capacity = table->capacity == 0 ? 64 : table->capacity * 2;
    fcr__table_slot *slots = fcr__calloc(capacity, sizeof *slots);
    if (slots == NULL)
        return fcr__error_nomem();
    fcr__advise_huge_pages(slots, capacity * sizeof *slots);

    size_t mask = capacity - 1;
    for (size_t i = 0; i < table->capacity; i++) {
        if (table->slots[i].entry == NULL)
            continue;
        size_t j = (size_t)table->slots[i].hash & mask;
        while (slots[j].entry != NULL)
            j = (j + 1) & mask;
        slots[j] = table->slots[i];
    }
    fcr__free(table->slots);
    table->slots = slots;
    table->capacity = capacity;
    return FCR_OK;
}

fcr_status fcr__table_insert(fcr__table *table, fcr__table_entry *entry)
{
    /* The load factor stays at most 1/2, so probe runs stay short. */
    if ((table->count + 1) * 2 > table->capacity) {
        fcr_status status = table_grow(table);
        if (status != FCR_OK)
            return status;
    }
    size_t mask = table->capacity - 1;
    size_t i = (size_t)entry->hash & mask;
    while (table->slots[i].entry != NULL)
        i = (i + 1) & mask;
    table->slots[i].hash = entry->hash;
    table->slots[i].entry = entry;
    table->count++;
    return FCR_OK;
}

void fcr__table_remove(fcr__table *table, const fcr__table_entry *entry)
{
    size_t mask = table->capacity - 1;
    size_t i = (size_t)entry->hash & mask;
    while (table->slots[i].entry != entry)
        i = (i + 1) & mask;

    /* Backward-shift deletion: move later entries of the probe run into the
     * hole so that lookups never need tombstones. */
    size_t hole = i;
    for (size_t j = (hole + 1) & mask; table->slots[j].entry != NULL; j = (j + 1) & mask) {
        size_t home = (size_t)table->slots[j].hash & mask;
        bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
        if (movable) {
            table->slots[hole] = table->slots[j];
            hole = j;
        }
    }
    table->slots[hole].entry = NULL;
    table->count--;
}

/* --- window lengths ------------------------------------------------------- */

bool fcr__window_parse(const char *text, fcr__window *out)
{
    fcr__window window = {false, 0, 0, 0};
    bool calendar = false, business = false;
    size_t i = 0;

    if (text == NULL || text[0] == '\0')
        return false;

    while (text[i] != '\0') {
        int64_t amount = 0;
        size_t digits = 0;
        while (text[i] >= '0' && text[i] <= '9') {
            /* Ten million days is far past any window; larger is a typo. */
            if (amount > INT64_C(10000000000))
                return false;
            amount = amount * 10 + (text[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0)
            return false;

        if (text[i] == 'b' && (text[i + 1] == 'd' || text[i + 1] == 'h')) {
            if (text[i + 1] == 'd')
                window.days += amount;
            else
                window.minutes += amount * 60;
            business = true;
            i += 2;
            continue;
        }

        int64_t unit;
        if (text[i] == 'm' && text[i + 1] == 's') {
            unit = 1;
            i++;
        } else {
            switch (text[i]) {
            case 'w': unit = 7 * FCR__MS_PER_DAY; break;
            case 'd': unit = FCR__MS_PER_DAY; break;
            case 'h': unit = FCR__MS_PER_HOUR; break;
            case 'm': unit = FCR__MS_PER_MINUTE; break;
            case 's': unit = FCR__MS_PER_SECOND; break;
            default: return false;
            }
        }
        if (amount > INT64_MAX / unit || window.ms > INT64_MAX - amount * unit)
            return false;
        window.ms += amount * unit;
        calendar = true;
        i++;
    }

    if (calendar && business)
        return false;
    if (window.ms == 0 && window.days == 0 && window.minutes == 0)
        return false;
    window.business = business;
    *out = window;
    return true;
}

void fcr__window_format(const fcr__window *window, char out[64])
{
    size_t used = 0;
    out[0] = '\0';
    if (window->business) {
        if (window->days > 0)
            used += (size_t)snprintf(out + used, 64 - used, "%lldbd", (long long)window->days);
        if (window->minutes > 0 && window->minutes % 60 == 0)
            snprintf(out + used, 64 - used, "%lldbh", (long long)(window->minutes / 60));
        return;
    }

    static const struct {
        int64_t ms;
        const char *unit;
    } units[] = {{FCR__MS_PER_DAY, "d"}, {FCR__MS_PER_HOUR, "h"}, {FCR__MS_PER_MINUTE, "m"},
                 {FCR__MS_PER_SECOND, "s"}, {1, "ms"}};
    int64_t rest = window->ms;
    for (size_t i = 0; i < FCR__ARRAY_SIZE(units) && rest > 0; i++) {
        if (rest / units[i].ms == 0)
            continue;
        used += (size_t)snprintf(out + used, 64 - used, "%lld%s",
                                 (long long)(rest / units[i].ms), units[i].unit);
        rest %= units[i].ms;
    }
}
