/* SPDX-License-Identifier: MIT */
/* Layout of the FCR metrics analysis, shared by the engine (metrics.c),
 * the call adapter (metrics_call.c) and the report writers
 * (metrics_write.c). */
#ifndef FCR_METRICS_INTERNAL_H
#define FCR_METRICS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "fcr/metrics.h"
#include "model.h"

#define FCR__COUNTER_COUNT 7
#define FCR__RESULT_COUNT 4
#define FCR__GROUP_BREAKDOWNS 3 /* agent, category, target */

/* A window length: calendar milliseconds, or business days plus business
 * minutes counted with the policy's office hours. */
typedef struct fcr__window {
    bool business;
    int64_t ms;
    int64_t days;
    int64_t minutes;
} fcr__window;

/* Parses a window or gap such as "7d", "1d12h", "3bd" or "4bh". Returns
 * false for invalid text, a zero length or a mix of calendar and business
 * units. */
bool fcr__window_parse(const char *text, fcr__window *out);

/* Writes a window back as text, such as "7d" or "3bd", into out (64 bytes). */
void fcr__window_format(const fcr__window *window, char out[64]);

/* Fixed-size slots carved from large blocks, reused last-freed first. */
typedef struct fcr__slab {
    size_t slot_size;  /* a multiple of 64 */
    void *blocks;      /* list of blocks, linked through their first bytes */
    void *free_slots;  /* list of free slots, linked through their first bytes */
    char *fresh_slots; /* slots of the newest block not used yet */
    size_t fresh_count;
} fcr__slab;

/* Advises the kernel to back the 2 MiB-aligned part of a large block with
 * huge pages, where the platform has such advice (Linux); else nothing. */
void fcr__advise_huge_pages(void *block, size_t size);

/* Common head of the entries of fcr__table. */
typedef struct fcr__table_entry {
    uint64_t hash;
    size_t length;
    const char *key;
} fcr__table_entry;

/* One slot: the hash is kept beside the pointer so that probing and
 * deletion do not have to load the entries. */
typedef struct fcr__table_slot {
    uint64_t hash;
    fcr__table_entry *entry; /* NULL when empty */
} fcr__table_slot;

/* Open-addressing hash table of entries keyed by a byte string. */
typedef struct fcr__table {
    fcr__table_slot *slots;
    size_t capacity; /* a power of two, or 0 */
    size_t count;
} fcr__table;

/* An interned string (category, agent or target id) with the counters of
 * the groups it names. */
typedef struct fcr__intern {
    fcr__table_entry head;
    uint64_t counters[FCR__GROUP_BREAKDOWNS][FCR__COUNTER_COUNT];
    bool used[FCR__GROUP_BREAKDOWNS];
    bool has_window;      /* categories with their own window */
    fcr__window window;
    size_t queue;         /* the engine's release queue for this window, 0 until used */
    char text[];
} fcr__intern;

typedef struct fcr__group {
    const char *name;
    const uint64_t *counters;
} fcr__group;

struct fcr_metrics {
    fcr_policy *policy;

    /* definitions */
    fcr__window window;
    bool category_match;
    bool transfers;
    int64_t transfer_gap_ms;
    fcr_time data_end_option;
    fcr_metrics_order order;
    bool breakdowns[FCR__GROUP_BREAKDOWNS];
    fcr_metrics_result_fn callback;
    void *userdata;

    /* state */
    bool started;
    bool finished;
    bool stopped;
    uint64_t sequence;
    fcr_time latest;      /* latest contact time added, or FCR_TIME_NONE */
    fcr_time data_end;    /* decided by fcr_metrics_finish() */
    fcr__table interns;
    struct fcr__engine *engine;

    /* results */
    uint64_t total[FCR__COUNTER_COUNT];
    uint64_t excluded[FCR_EXCLUSION_COUNT];
    bool scored_calls;
    uint64_t item_calls[FCR_ITEM_COUNT][FCR__RESULT_COUNT];
    uint64_t item_counters[FCR_ITEM_COUNT][FCR__RESULT_COUNT][FCR__COUNTER_COUNT];
    fcr__group *groups[FCR__GROUP_BREAKDOWNS];
    size_t group_count[FCR__GROUP_BREAKDOWNS];
};

/* Checklist results of the call a contact came from; NULL for contacts
 * added without a call. */
typedef struct fcr__contact_items {
    uint8_t result[FCR_ITEM_COUNT];
} fcr__contact_items;

/* Adds one contact with the checklist results of its call (items may be
 * NULL) and, for a call without concerns, an exclusion set in advance. */
fcr_status fcr__metrics_add(fcr_metrics *metrics, const fcr_contact *contact,
                            const fcr__contact_items *items, fcr_exclusion forced);

/* Returns the counters of group `index` of `breakdown`, or NULL. */
const uint64_t *fcr__metrics_counters(const fcr_metrics *metrics, fcr_breakdown breakdown,
                                      size_t index);

/* Rate helper shared by fcr_metrics_rate() and the writers: -1 without
 * final contacts. */
double fcr__metrics_rate_of(const uint64_t counters[FCR__COUNTER_COUNT], fcr_rate_kind rate);

#endif /* FCR_METRICS_INTERNAL_H */
