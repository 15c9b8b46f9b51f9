/* SPDX-License-Identifier: MIT */
/*
 * Region allocator. Blocks start at 4 KiB and double up to 64 KiB. The
 * first block holds the events of four in five calls that
 * bench/gen_calls.py writes (12 events on average). A request larger than a
 * quarter of the next block gets a block of its own, so that the room left
 * in the current block stays in use.
 */
#include <stdalign.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "internal.h"

#define FIRST_BLOCK_BYTES ((size_t)4096)
#define MAX_BLOCK_BYTES ((size_t)65536)
#define ALIGNMENT alignof(max_align_t)

/* The header of every block. The block's bytes follow it. */
typedef struct block {
    struct block *previous;
    alignas(max_align_t) char data[];
} block;

/* The arena lives at the start of its first block, so that creating it
 * takes one allocation and its address stays fixed while it grows. */
struct fcr__arena {
    block *blocks;          /* the current block first, then older ones */
    char *next;             /* first free byte of the current block */
    char *end;              /* end of the current block */
    size_t next_block_size; /* bytes of data in the next regular block */
};

static block *block_new(size_t data_size)
{
    if (data_size > SIZE_MAX - sizeof(block))
        return NULL;
    return fcr__malloc(sizeof(block) + data_size);
}

fcr__arena *fcr__arena_new(void)
{
    block *first = block_new(FIRST_BLOCK_BYTES);
    if (first == NULL)
        return NULL;

    fcr__arena *arena = (fcr__arena *)(void *)first->data;
    first->previous = NULL;
    arena->blocks = first;
    arena->next = first->data + sizeof *arena;
    arena->end = first->data + FIRST_BLOCK_BYTES;
    arena->next_block_size = FIRST_BLOCK_BYTES * 2;
    return arena;
}

/* Takes `size` bytes from a new block, whose data is aligned for any
 * type. */
static void *take_from_new_block(fcr__arena *arena, size_t size)
{
    if (size > arena->next_block_size / 4) {
        /* Its own block, behind the current one, which keeps its room. */
        block *own = block_new(size);
        if (own == NULL)
            return NULL;
        own->previous = arena->blocks->previous;
        arena->blocks->previous = own;
        return own->data;
    }

    size_t data_size = arena->next_block_size;
    block *fresh = block_new(data_size);
    if (fresh == NULL)
        return NULL;
    fresh->previous = arena->blocks;
    arena->blocks = fresh;
    arena->end = fresh->data + data_size;
    if (arena->next_block_size < MAX_BLOCK_BYTES)
        arena->next_block_size *= 2;

    arena->next = fresh->data + size;
    return fresh->data;
}

/* Takes `size` bytes at a multiple of `alignment`, a power of two no larger
 * than ALIGNMENT. */
static void *take(fcr__arena *arena, size_t size, size_t alignment)
{
    uintptr_t next = (uintptr_t)arena->next;
    uintptr_t start = (next + alignment - 1) & ~(uintptr_t)(alignment - 1);
    uintptr_t end = (uintptr_t)arena->end;
    if (start <= end && size <= end - start) {
        arena->next = (char *)start + size;
        return (char *)start;
    }
    return take_from_new_block(arena, size);
}

void *fcr__arena_alloc(fcr__arena *arena, size_t size)
{
    return take(arena, size, ALIGNMENT);
}

char *fcr__arena_strndup(fcr__arena *arena, const char *text, size_t length)
{
    if (length == SIZE_MAX)
        return NULL;
    char *copy = take(arena, length + 1, 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

void fcr__arena_free(fcr__arena *arena)
{
    if (arena == NULL)
        return;
    /* The first block, which holds the arena, is the last one freed. */
    block *current = arena->blocks;
    while (current != NULL) {
        block *previous = current->previous;
        fcr__free(current);
        current = previous;
    }
}
