/* SPDX-License-Identifier: MIT */
/*
 * A region allocator for data that lives and dies with one owner, such as
 * the events of a call read from JSON. Allocations come from blocks taken
 * with fcr__malloc() and are released together by fcr__arena_free(). One
 * allocation cannot be freed on its own.
 */
#ifndef FCR_ARENA_H
#define FCR_ARENA_H

#include <stddef.h>

typedef struct fcr__arena fcr__arena;

/* Creates an empty arena. Returns NULL when out of memory, without
 * recording an error. */
fcr__arena *fcr__arena_new(void);

/* Allocates `size` bytes aligned for any type, uninitialized. Returns NULL
 * when out of memory, without recording an error. */
void *fcr__arena_alloc(fcr__arena *arena, size_t size);

/* Copies `length` bytes of text and a terminating NUL. Returns NULL when out
 * of memory, without recording an error. */
char *fcr__arena_strndup(fcr__arena *arena, const char *text, size_t length);

/* Releases every block of the arena, the arena itself included. NULL is
 * ignored. */
void fcr__arena_free(fcr__arena *arena);

#endif /* FCR_ARENA_H */
