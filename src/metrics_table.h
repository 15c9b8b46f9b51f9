/* SPDX-License-Identifier: MIT */
/* Hash table of the metrics engine: entries start with fcr__table_entry and
 * are owned by the caller; the table only stores pointers. */
#ifndef FCR_METRICS_TABLE_H
#define FCR_METRICS_TABLE_H

#include "metrics_internal.h"

uint64_t fcr__hash_bytes(const char *data, size_t length);

fcr__table_entry *fcr__table_find(const fcr__table *table, uint64_t hash, const char *key,
                                  size_t length);

/* Inserts an entry whose key is not in the table yet. */
fcr_status fcr__table_insert(fcr__table *table, fcr__table_entry *entry);

/* Removes an entry that is in the table. */
void fcr__table_remove(fcr__table *table, const fcr__table_entry *entry);

/* Frees the slots, not the entries. */
void fcr__table_free(fcr__table *table);

#endif
