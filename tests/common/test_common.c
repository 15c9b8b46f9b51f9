/* SPDX-License-Identifier: MIT */
/* Status names, the thread-local error, fcr_version() and the allocator hook. */
#include <pthread.h>
#include <string.h>

#include "fcr/fcr.h"
#include "test_support.h"

static void test_common__strerror_names_every_status(void **state)
{
    (void)state;
    const int statuses[] = {FCR_OK, FCR_EINVAL, FCR_ENOMEM, FCR_EPARSE, FCR_ERECORD,
                            FCR_EWORKFLOW, FCR_ESTATE, FCR_ENOTFOUND, FCR_ELIMIT,
                            FCR_EIO, FCR_EVERSION};
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        const char *name = fcr_strerror(statuses[i]);
        assert_non_null(name);
        assert_string_not_equal(name, "unknown status");
    }
    assert_string_equal(fcr_strerror(-999), "unknown status");
    assert_string_equal(fcr_strerror(FCR_ENOMEM), "out of memory");
}

static void test_common__version_matches_macros(void **state)
{
    (void)state;
    int major = -1, minor = -1, patch = -1;
    const char *text = fcr_version(&major, &minor, &patch);

    assert_int_equal(major, FCR_VERSION_MAJOR);
    assert_int_equal(minor, FCR_VERSION_MINOR);
    assert_int_equal(patch, FCR_VERSION_PATCH);
    assert_string_equal(text, FCR_VERSION_STRING);
    assert_non_null(fcr_version(NULL, NULL, NULL));
    assert_true(FCR_VERSION_AT_LEAST(1, 0, 0));
    assert_false(FCR_VERSION_AT_LEAST(FCR_VERSION_MAJOR + 1, 0, 0));
}

static void test_common__last_error_set_and_cleared(void **state)
{
    (void)state;
    fcr_clear_error();
    assert_string_equal(fcr_last_error(), "");
    assert_int_equal(fcr_last_error_status(), FCR_OK);
    assert_int_equal(fcr_last_error_offset(), SIZE_MAX);

    assert_int_equal(fcr_set_allocator(NULL, NULL, NULL, NULL), FCR_EINVAL);
    assert_int_equal(fcr_last_error_status(), FCR_EINVAL);
    assert_true(strlen(fcr_last_error()) > 0);

    fcr_clear_error();
    assert_string_equal(fcr_last_error(), "");
}

static void *fail_in_thread(void *arg)
{
    (void)arg;
    fcr_set_allocator(NULL, NULL, NULL, NULL);
    return (void *)(intptr_t)fcr_last_error_status();
}

static void test_common__last_error_is_per_thread(void **state)
{
    (void)state;
    fcr_clear_error();

    pthread_t thread;
    void *result = NULL;
    assert_int_equal(pthread_create(&thread, NULL, fail_in_thread, NULL), 0);
    assert_int_equal(pthread_join(thread, &result), 0);

    assert_int_equal((intptr_t)result, FCR_EINVAL);
    assert_int_equal(fcr_last_error_status(), FCR_OK);
    assert_string_equal(fcr_last_error(), "");
}

static void *dummy_malloc(size_t size, void *userdata) { (void)size; (void)userdata; return NULL; }
static void *dummy_realloc(void *p, size_t size, void *userdata) { (void)p; (void)size; (void)userdata; return NULL; }
static void dummy_free(void *p, void *userdata) { (void)p; (void)userdata; }

static void test_common__allocator_rejects_null_functions(void **state)
{
    (void)state;
    assert_int_equal(fcr_set_allocator(NULL, dummy_realloc, dummy_free, NULL), FCR_EINVAL);
    assert_int_equal(fcr_set_allocator(dummy_malloc, NULL, dummy_free, NULL), FCR_EINVAL);
    assert_int_equal(fcr_set_allocator(dummy_malloc, dummy_realloc, NULL, NULL), FCR_EINVAL);
}

static void test_common__allocator_fixed_after_use(void **state)
{
    (void)state;
    fcr_policy *policy = NULL;
    test_alloc_reset();
    long start = test_alloc_outstanding();
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);
    assert_true(test_alloc_count() > 0);

    assert_int_equal(fcr_set_allocator(dummy_malloc, dummy_realloc, dummy_free, NULL), FCR_ESTATE);
    assert_int_equal(fcr_last_error_status(), FCR_ESTATE);
    assert_non_null(strstr(fcr_last_error(), "already allocated"));

    /* The counting allocator is still the one in use, also for the release. */
    unsigned long count = test_alloc_count();
    char *json = NULL;
    assert_int_equal(fcr_policy_to_json(&json, policy), FCR_OK);
    assert_true(test_alloc_count() > count);
    fcr_free(json);
    fcr_policy_free(policy);
    assert_int_equal(test_alloc_outstanding(), start);
}

int main(void)
{
    test_alloc_install();

    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_common__strerror_names_every_status),
        cmocka_unit_test(test_common__version_matches_macros),
        cmocka_unit_test(test_common__last_error_set_and_cleared),
        cmocka_unit_test(test_common__last_error_is_per_thread),
        cmocka_unit_test(test_common__allocator_rejects_null_functions),
        cmocka_unit_test(test_common__allocator_fixed_after_use),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
