/* SPDX-License-Identifier: MIT */
/* The region allocator behind the events of a call read from JSON. */
#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "test_support.h"

#define PIECE_COUNT 600

typedef struct piece {
    unsigned char *data;
    size_t size;
} piece;

/* Sizes from 0 to about 5 KiB, so that the arena takes new blocks and some
 * requests get blocks of their own. */
static size_t piece_size(size_t index)
{
    if (index % 97 == 13)
        return 3000 + index * 3;
    return (index * 37) % 300;
}

/* Fills each piece with its own byte and checks them all afterwards, so
 * that overlapping pieces would show. */
static void arena_pieces_do_not_overlap(void **state)
{
    (void)state;
    fcr__arena *arena = fcr__arena_new();
    assert_non_null(arena);

    static piece pieces[PIECE_COUNT];
    for (size_t i = 0; i < PIECE_COUNT; i++) {
        pieces[i].size = piece_size(i);
        pieces[i].data = fcr__arena_alloc(arena, pieces[i].size);
        assert_non_null(pieces[i].data);
        assert_int_equal((uintptr_t)pieces[i].data % alignof(max_align_t), 0);
        memset(pieces[i].data, (int)(i % 251), pieces[i].size);
    }
    for (size_t i = 0; i < PIECE_COUNT; i++) {
        for (size_t k = 0; k < pieces[i].size; k++) {
            if (pieces[i].data[k] != i % 251)
                fail_msg("byte %zu of piece %zu was overwritten", k, i);
        }
    }
    fcr__arena_free(arena);
    assert_int_equal(test_alloc_outstanding(), 0);
}

static void arena_strndup_copies_text(void **state)
{
    (void)state;
    fcr__arena *arena = fcr__arena_new();
    assert_non_null(arena);

    const char text[] = "Refill of lisinopril";
    char *copy = fcr__arena_strndup(arena, text, 6);
    assert_non_null(copy);
    assert_string_equal(copy, "Refill");

    char *empty = fcr__arena_strndup(arena, text, 0);
    assert_non_null(empty);
    assert_string_equal(empty, "");

    /* Text copies need no alignment, so they follow each other. */
    char *next = fcr__arena_strndup(arena, text, 3);
    assert_ptr_equal(next, empty + 1);
    assert_string_equal(next, "Ref");
    fcr__arena_free(arena);
}

static void arena_large_request_keeps_room(void **state)
{
    (void)state;
    fcr__arena *arena = fcr__arena_new();
    assert_non_null(arena);

    char *before = fcr__arena_strndup(arena, "ab", 2);
    unsigned long allocations = test_alloc_count();
    void *large = fcr__arena_alloc(arena, 100000);
    assert_non_null(large);
    memset(large, 0x5a, 100000);
    assert_int_equal(test_alloc_count(), allocations + 1);

    /* The block with room is still the current one. */
    char *after = fcr__arena_strndup(arena, "cd", 2);
    assert_ptr_equal(after, before + 3);
    fcr__arena_free(arena);
    assert_int_equal(test_alloc_outstanding(), 0);
}

static void arena_free_accepts_null(void **state)
{
    (void)state;
    fcr__arena_free(NULL);
}

/* Makes the pieces of arena_pieces_do_not_overlap with allocation `fail_at`
 * failing (0 for none) and stores the number of allocations in *count.
 * Returns whether every piece was allocated. */
static bool allocate_pieces(unsigned long fail_at, unsigned long *count)
{
    test_alloc_fail_at(fail_at);
    fcr__arena *arena = fcr__arena_new();
    bool complete = arena != NULL;
    for (size_t i = 0; i < PIECE_COUNT && complete; i++)
        complete = fcr__arena_alloc(arena, piece_size(i)) != NULL;
    *count = test_alloc_count();
    fcr__arena_free(arena);
    test_alloc_reset();
    return complete;
}

static void arena_allocation_failures(void **state)
{
    (void)state;
    unsigned long total = 0;
    assert_true(allocate_pieces(0, &total));
    assert_true(total > 5);

    for (unsigned long n = 1; n <= total; n++) {
        unsigned long count = 0;
        if (allocate_pieces(n, &count))
            fail_msg("allocation %lu of %lu failed, but every piece was allocated", n, total);
        if (test_alloc_outstanding() != 0)
            fail_msg("after allocation %lu failed, %ld blocks were not freed", n,
                     test_alloc_outstanding());
    }
}

int main(void)
{
    test_alloc_install();

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_pieces_do_not_overlap),
        cmocka_unit_test(arena_strndup_copies_text),
        cmocka_unit_test(arena_large_request_keeps_room),
        cmocka_unit_test(arena_free_accepts_null),
        cmocka_unit_test(arena_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
