/* SPDX-License-Identifier: MIT */
/* Time zones (timezone.h) read from the TZif files in tests/data/tzif, so
 * that the results do not depend on this machine's tzdata. Expected
 * transitions were computed with Python's zoneinfo from the same files. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "civil_time.h"
#include "fcr/time.h"
#include "test_support.h"
#include "timezone.h"

#define SECOND INT64_C(1000)
#define HOUR (3600 * SECOND)

static fcr__zone *load_file(const char *file)
{
    char relative[256];
    snprintf(relative, sizeof relative, "tzif/%s", file);
    size_t length = 0;
    char *data = test_read_file(test_data_path(relative), &length);

    fcr__zone *zone = NULL;
    fcr_status status = fcr__zone_from_tzif(&zone, data, length, file);
    free(data);
    if (status != FCR_OK)
        fail_msg("loading %s failed: %s", file, fcr_last_error());
    return zone;
}

static fcr_time at(const char *text)
{
    fcr_time time = 0;
    if (fcr_time_parse(&time, text) != FCR_OK)
        fail_msg("bad test time %s: %s", text, fcr_last_error());
    return time;
}

/* Local wall-clock milliseconds of a date and time, for from_local(). */
static int64_t local_time(int64_t year, int month, int day, int hour, int minute)
{
    return fcr__days_from_civil(year, month, day) * FCR__MS_PER_DAY + hour * HOUR +
           minute * 60 * SECOND;
}

typedef struct transition_case {
    const char *file;
    int64_t seconds; /* UTC instant of the change */
    int32_t before;
    int32_t after;
} transition_case;

static const transition_case transitions[] = {
    {"America_New_York.tzif", 1772953200, -18000, -14400},  /* 2026-03-08T07:00Z */
    {"America_New_York.tzif", 1793512800, -14400, -18000},  /* 2026-11-01T06:00Z */
    {"America_New_York.tzif", 1805007600, -18000, -14400},  /* 2027-03-14T07:00Z */
    {"America_New_York.tzif", 1825567200, -14400, -18000},  /* 2027-11-07T06:00Z */
    {"America_New_York.tzif", 4108690800, -18000, -14400},  /* 2100-03-14, footer */
    {"America_New_York.tzif", 4129250400, -14400, -18000},  /* 2100-11-07, footer */
    {"America_Chicago.tzif", 1772956800, -21600, -18000},   /* 2026-03-08T08:00Z */
    {"America_Chicago.tzif", 1793516400, -18000, -21600},   /* 2026-11-01T07:00Z */
    {"America_Los_Angeles.tzif", 1772964000, -28800, -25200},
    {"America_Los_Angeles.tzif", 1793523600, -25200, -28800},
    {"America_Los_Angeles.tzif", 1805018400, -28800, -25200},
    {"America_Los_Angeles.tzif", 1825578000, -25200, -28800},
    {"Australia_Sydney.tzif", 1775318400, 39600, 36000},    /* 2026-04-04T16:00Z */
    {"Australia_Sydney.tzif", 1791043200, 36000, 39600},    /* 2026-10-03T16:00Z */
    {"Australia_Sydney.tzif", 4110451200, 39600, 36000},    /* 2100, footer */
    {"Australia_Sydney.tzif", 4126176000, 36000, 39600},
    {"Europe_Dublin.tzif", 1774746000, 0, 3600},            /* negative DST in winter */
    {"Europe_Dublin.tzif", 1792890000, 3600, 0},
    {"Europe_Dublin.tzif", 4109878800, 0, 3600},
    {"Europe_Dublin.tzif", 4128627600, 3600, 0},
    {"America_Nuuk.tzif", 1774746000, -7200, -3600},        /* M3.5.0/-1 */
    {"America_Nuuk.tzif", 1792890000, -3600, -7200},
    {"America_Nuuk.tzif", 4109878800, -7200, -3600},
    {"America_Nuuk.tzif", 4128627600, -3600, -7200},
    /* The same New York changes through every other shape of file. */
    {"slim_new_york.tzif", 1772953200, -18000, -14400},
    {"slim_new_york.tzif", 1793512800, -14400, -18000},
    {"slim_new_york.tzif", 4108690800, -18000, -14400},
    {"footer_only_est5edt.tzif", 1772953200, -18000, -14400},
    {"footer_only_est5edt.tzif", 1793512800, -14400, -18000},
    {"footer_only_est5edt.tzif", 4129250400, -14400, -18000},
    {"v4_leap_new_york.tzif", 1772953200, -18000, -14400},
    {"v4_leap_new_york.tzif", 1793512800, -14400, -18000},
    {"v4_leap_new_york.tzif", 4108690800, -18000, -14400},
    {"footer_only_midnight.tzif", 1775358000, -10800, -14400}, /* 24:00 Saturday */
    {"footer_only_midnight.tzif", 1788667200, -14400, -10800},
    {"v1_new_york.tzif", 1772953200, -18000, -14400},
    {"v1_new_york.tzif", 1793512800, -14400, -18000},
};

static void zone_offsets_around_transitions(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof transitions / sizeof transitions[0]; i++) {
        const transition_case *c = &transitions[i];
        fcr__zone *zone = load_file(c->file);
        fcr_time change = c->seconds * SECOND;

        if (fcr__zone_offset(zone, change - 1) != c->before ||
            fcr__zone_offset(zone, change) != c->after)
            fail_msg("%s at %lld: offsets %d/%d, expected %d/%d", c->file, (long long)c->seconds,
                     fcr__zone_offset(zone, change - 1), fcr__zone_offset(zone, change),
                     c->before, c->after);
        assert_int_equal(fcr__zone_offset(zone, change - HOUR), c->before);
        assert_int_equal(fcr__zone_offset(zone, change + HOUR), c->after);

        fcr_time next = 0;
        assert_true(fcr__zone_next_transition(zone, change - 1, &next));
        assert_int_equal(next, change);
        assert_true(fcr__zone_next_transition(zone, change - 40 * 24 * HOUR, &next));
        assert_int_equal(next, change);
        fcr__zone_free(zone);
    }
}

static void zone_historic_offsets(void **state)
{
    (void)state;
    fcr__zone *zone = load_file("America_New_York.tzif");
    /* Local mean time before 1883 (time type 0), war time, and 1970. */
    assert_int_equal(fcr__zone_offset(zone, at("1800-01-01T00:00:00Z")), -17762);
    assert_int_equal(fcr__zone_offset(zone, at("1943-06-01T00:00:00Z")), -14400);
    assert_int_equal(fcr__zone_offset(zone, at("1970-01-01T00:00:00Z")), -18000);
    assert_int_equal(fcr__zone_offset(zone, FCR_TIME_MIN), -17762);
    assert_int_equal(fcr__zone_offset(zone, at("9999-07-01T00:00:00Z")), -14400);
    assert_int_equal(fcr__zone_offset(zone, FCR_TIME_MAX), -18000);
    fcr__zone_free(zone);

    zone = load_file("Asia_Kolkata.tzif");
    assert_int_equal(fcr__zone_offset(zone, at("1800-01-01T00:00:00Z")), 21208);
    assert_int_equal(fcr__zone_offset(zone, at("2026-01-15T12:00:00Z")), 19800);
    assert_int_equal(fcr__zone_offset(zone, at("2026-07-15T12:00:00Z")), 19800);
    assert_int_equal(fcr__zone_offset(zone, at("2500-07-15T12:00:00Z")), 19800);
    fcr_time next = 0;
    assert_false(fcr__zone_next_transition(zone, at("1950-01-01T00:00:00Z"), &next));
    fcr__zone_free(zone);
}

/* Every shape of the New York file gives the same offsets where its data
 * reaches: the fat copy, slim, version 4 with leap seconds, and version 1. */
static void zone_file_shapes_agree(void **state)
{
    (void)state;
    fcr__zone *fat = load_file("America_New_York.tzif");
    fcr__zone *slim = load_file("slim_new_york.tzif");
    fcr__zone *leap = load_file("v4_leap_new_york.tzif");
    fcr__zone *v1 = load_file("v1_new_york.tzif");
    fcr__zone *footer = load_file("footer_only_est5edt.tzif");

    const fcr_time step = 7 * HOUR + 13 * 60 * SECOND + 1;
    for (fcr_time t = at("1901-12-14T00:00:00Z"); t < at("2037-11-01T06:00:00Z"); t += step) {
        int32_t expected = fcr__zone_offset(fat, t);
        if (fcr__zone_offset(slim, t) != expected || fcr__zone_offset(leap, t) != expected ||
            fcr__zone_offset(v1, t) != expected)
            fail_msg("offsets differ at %lld: fat %d, slim %d, v4 %d, v1 %d", (long long)t,
                     expected, fcr__zone_offset(slim, t), fcr__zone_offset(leap, t),
                     fcr__zone_offset(v1, t));
        if (t >= at("2007-01-01T00:00:00Z"))
            assert_int_equal(fcr__zone_offset(footer, t), expected);
    }
    for (fcr_time t = at("2037-11-01T06:00:00Z"); t < at("2400-01-01T00:00:00Z"); t += 3 * step) {
        int32_t expected = fcr__zone_offset(fat, t);
        assert_int_equal(fcr__zone_offset(slim, t), expected);
        assert_int_equal(fcr__zone_offset(leap, t), expected);
        assert_int_equal(fcr__zone_offset(footer, t), expected);
    }

    /* A version 1 file has no footer: standard time stays after its last
     * transition in November 2037. */
    assert_int_equal(fcr__zone_offset(v1, at("2040-07-01T00:00:00Z")), -18000);
    assert_int_equal(fcr__zone_offset(fat, at("2040-07-01T00:00:00Z")), -14400);
    fcr_time next = 0;
    assert_false(fcr__zone_next_transition(v1, at("2037-11-01T06:00:00Z"), &next));

    fcr__zone_free(fat);
    fcr__zone_free(slim);
    fcr__zone_free(leap);
    fcr__zone_free(v1);
    fcr__zone_free(footer);
}

static void zone_from_local_gap(void **state)
{
    (void)state;
    fcr__zone *zone = load_file("America_New_York.tzif");

    /* 2026-03-08: the clock jumps from 02:00 EST to 03:00 EDT at 07:00Z. */
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 3, 8, 1, 59) + 59999),
                     at("2026-03-08T06:59:59.999Z"));
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 3, 8, 2, 0)),
                     at("2026-03-08T07:00:00Z"));
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 3, 8, 2, 30)),
                     at("2026-03-08T07:00:00Z"));
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 3, 8, 2, 59) + 59999),
                     at("2026-03-08T07:00:00Z"));
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 3, 8, 3, 0)),
                     at("2026-03-08T07:00:00Z"));
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 3, 8, 3, 30)),
                     at("2026-03-08T07:30:00Z"));
    fcr__zone_free(zone);

    /* Sydney springs forward at 02:00 AEST on 2026-10-04. */
    zone = load_file("Australia_Sydney.tzif");
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 10, 4, 2, 30)),
                     at("2026-10-03T16:00:00Z"));
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 10, 4, 3, 0)),
                     at("2026-10-03T16:00:00Z"));
    fcr__zone_free(zone);

    /* Chile's rule springs forward at 24:00 on Saturday 2026-09-05, so
     * Sunday begins at 01:00. */
    zone = load_file("footer_only_midnight.tzif");
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 9, 6, 0, 30)),
                     at("2026-09-06T04:00:00Z"));
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 9, 6, 0, 0)),
                     at("2026-09-06T04:00:00Z"));
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 9, 5, 23, 59)),
                     at("2026-09-06T03:59:00Z"));
    fcr__zone_free(zone);

    /* A footer-only zone has its gap from the TZ rule alone. */
    zone = load_file("footer_only_est5edt.tzif");
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 3, 8, 2, 30)),
                     at("2026-03-08T07:00:00Z"));
    fcr__zone_free(zone);
}

static void zone_from_local_overlap(void **state)
{
    (void)state;
    fcr__zone *zone = load_file("America_New_York.tzif");

    /* 2026-11-01: 01:00-02:00 happens twice, first in EDT (-4), then EST. */
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 11, 1, 0, 59) + 59999),
                     at("2026-11-01T04:59:59.999Z"));
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 11, 1, 1, 0)),
                     at("2026-11-01T05:00:00Z"));
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 11, 1, 1, 30)),
                     at("2026-11-01T05:30:00Z"));
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 11, 1, 1, 59) + 59999),
                     at("2026-11-01T05:59:59.999Z"));
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 11, 1, 2, 0)),
                     at("2026-11-01T07:00:00Z"));
    fcr__zone_free(zone);

    /* Sydney falls back from 03:00 AEDT to 02:00 AEST on 2026-04-05. */
    zone = load_file("Australia_Sydney.tzif");
    assert_int_equal(fcr__zone_from_local(zone, local_time(2026, 4, 5, 2, 30)),
                     at("2026-04-04T15:30:00Z"));
    fcr__zone_free(zone);

    /* Slim file, overlap in 2027 from the footer. */
    zone = load_file("slim_new_york.tzif");
    assert_int_equal(fcr__zone_from_local(zone, local_time(2027, 11, 7, 1, 30)),
                     at("2027-11-07T05:30:00Z"));
    fcr__zone_free(zone);
}

/* to_local and from_local undo each other, except for the second pass
 * through an overlap, where from_local gives the first. */
static void zone_local_round_trip(void **state)
{
    (void)state;
    static const char *const files[] = {
        "America_New_York.tzif", "Australia_Sydney.tzif", "Europe_Dublin.tzif",
        "America_Nuuk.tzif",     "slim_new_york.tzif",    "footer_only_est5edt.tzif",
    };
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        fcr__zone *zone = load_file(files[f]);
        const fcr_time step = 5 * HOUR + 17 * 60 * SECOND + 3;
        for (fcr_time t = at("2020-01-01T00:00:00Z"); t < at("2031-01-01T00:00:00Z"); t += step) {
            int64_t local = fcr__zone_to_local(zone, t);
            fcr_time back = fcr__zone_from_local(zone, local);
            if (back == t)
                continue;
            /* Only the later of two instants with the same wall clock may
             * come back different, and then as the earlier one. */
            assert_true(back < t);
            assert_int_equal(fcr__zone_to_local(zone, back), local);
        }
        fcr__zone_free(zone);
    }
}

static void zone_fixed_offsets(void **state)
{
    (void)state;
    fcr__zone *zone = NULL;

    assert_int_equal(fcr__zone_fixed(&zone, 19800), FCR_OK);
    assert_string_equal(fcr__zone_name(zone), "+05:30");
    assert_int_equal(fcr__zone_offset(zone, at("2026-03-08T07:00:00Z")), 19800);
    assert_int_equal(fcr__zone_to_local(zone, 0), 19800 * SECOND);
    assert_int_equal(fcr__zone_from_local(zone, 19800 * SECOND), 0);
    fcr_time next = 0;
    assert_false(fcr__zone_next_transition(zone, 0, &next));
    fcr__zone_free(zone);

    assert_int_equal(fcr__zone_fixed(&zone, -18000), FCR_OK);
    assert_string_equal(fcr__zone_name(zone), "-05:00");
    assert_int_equal(fcr__zone_offset(zone, FCR_TIME_MAX), -18000);
    fcr__zone_free(zone);

    assert_int_equal(fcr__zone_fixed(&zone, 0), FCR_OK);
    assert_string_equal(fcr__zone_name(zone), "UTC");
    fcr__zone_free(zone);

    assert_int_equal(fcr__zone_fixed(&zone, 45), FCR_OK);
    assert_string_equal(fcr__zone_name(zone), "+00:00:45");
    fcr__zone_free(zone);

    assert_int_equal(fcr__zone_fixed(&zone, 18 * 3600), FCR_OK);
    fcr__zone_free(zone);
    zone = NULL;
    assert_int_equal(fcr__zone_fixed(&zone, 18 * 3600 + 1), FCR_EINVAL);
    assert_int_equal(fcr__zone_fixed(&zone, -18 * 3600 - 1), FCR_EINVAL);
    assert_null(zone);
    assert_int_equal(fcr__zone_fixed(NULL, 0), FCR_EINVAL);
}

static void zone_null_is_utc(void **state)
{
    (void)state;
    assert_int_equal(fcr__zone_offset(NULL, 12345), 0);
    assert_int_equal(fcr__zone_to_local(NULL, 12345), 12345);
    assert_int_equal(fcr__zone_from_local(NULL, 12345), 12345);
    assert_string_equal(fcr__zone_name(NULL), "UTC");
    fcr__zone_free(NULL);
}

static void zone_load_fixed_names(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int32_t offset;
    } cases[] = {
        {"UTC", 0}, {"Z", 0}, {"+05:30", 19800}, {"-05:00", -18000},
        {"+0530", 19800}, {"-0500", -18000}, {"+18:00", 64800}, {"-18:00", -64800},
        {"+00:00", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fcr__zone *zone = NULL;
        if (fcr__zone_load(&zone, cases[i].name) != FCR_OK)
            fail_msg("%s: %s", cases[i].name, fcr_last_error());
        assert_string_equal(fcr__zone_name(zone), cases[i].name);
        assert_int_equal(fcr__zone_offset(zone, at("2026-07-01T00:00:00Z")), cases[i].offset);
        fcr__zone_free(zone);
    }
}

static void zone_load_rejects_bad_names(void **state)
{
    (void)state;
    static const char *const names[] = {
        "",
        "+18:01",
        "-19:00",
        "+5",
        "+05:3",
        "+05:60",
        "+05-30",
        "-",
        "../etc/passwd",
        "America/../../etc/passwd",
        "/etc/passwd",
        "America//New_York",
        "America/",
        "America/New York",
        "America/New_York\n",
        "zone.tab",
        "America\\New_York",
        "Am\xc3\xa9rica/X",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        fcr__zone *zone = NULL;
        fcr_status status = fcr__zone_load(&zone, names[i]);
        if (status != FCR_EINVAL)
            fail_msg("name %zu was not rejected (status %d)", i, status);
        assert_null(zone);
    }

    char long_name[300];
    memset(long_name, 'A', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    fcr__zone *zone = NULL;
    assert_int_equal(fcr__zone_load(&zone, long_name), FCR_EINVAL);
    assert_int_equal(fcr__zone_load(&zone, NULL), FCR_EINVAL);
    assert_int_equal(fcr__zone_load(NULL, "UTC"), FCR_EINVAL);
}

/* Writes `data` to <directory>/<folder>/<file>, creating the folder. */
static void write_zone_file(const char *directory, const char *folder, const char *file,
                            const char *data, size_t length)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", directory, folder);
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        fail_msg("cannot create %s", path);
    snprintf(path, sizeof path, "%s/%s/%s", directory, folder, file);
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(data, 1, length, out), length);
    fclose(out);
}

/* Loads zones by name from a zoneinfo folder that this test builds, named
 * through TZDIR. */
static void zone_load_from_tzdir(void **state)
{
    (void)state;
    char directory[] = "/tmp/fcr-tzdir-XXXXXX";
    assert_non_null(mkdtemp(directory));

    size_t length = 0;
    char *data = test_read_file(test_data_path("tzif/America_Chicago.tzif"), &length);
    write_zone_file(directory, "Test", "Chicago", data, length);
    free(data);
    write_zone_file(directory, "Test", "Text", "not a zone\n", 11);
    assert_int_equal(setenv("TZDIR", directory, 1), 0);

    fcr__zone *zone = NULL;
    assert_int_equal(fcr__zone_load(&zone, "Test/Chicago"), FCR_OK);
    assert_string_equal(fcr__zone_name(zone), "Test/Chicago");
    assert_int_equal(fcr__zone_offset(zone, at("2026-07-01T12:00:00Z")), -18000);
    fcr__zone_free(zone);
    zone = NULL;

    assert_int_equal(fcr__zone_load(&zone, "Test/Missing"), FCR_ENOTFOUND);
    assert_non_null(strstr(fcr_last_error(), "Test/Missing"));
    assert_non_null(strstr(fcr_last_error(), "tzdata"));
    assert_int_equal(fcr__zone_load(&zone, "Test"), FCR_ENOTFOUND);
    assert_int_equal(fcr__zone_load(&zone, "Test/Chicago/X"), FCR_ENOTFOUND);
    assert_int_equal(fcr__zone_load(&zone, "Test/Text"), FCR_EPARSE);
    assert_non_null(strstr(fcr_last_error(), "Test/Text"));
    assert_null(zone);

    assert_int_equal(unsetenv("TZDIR"), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/Test/Chicago", directory);
    unlink(path);
    snprintf(path, sizeof path, "%s/Test/Text", directory);
    unlink(path);
    snprintf(path, sizeof path, "%s/Test", directory);
    rmdir(path);
    rmdir(directory);
}

/* The one test that reads the machine's zone database. */
static void zone_load_system_new_york(void **state)
{
    (void)state;
    struct stat info;
    if (stat("/usr/share/zoneinfo/America/New_York", &info) != 0) {
        /* cmocka 1.1.5 has skip() but no skip_msg(), so print the reason first. */
        print_message("/usr/share/zoneinfo/America/New_York is absent; install tzdata to run "
                      "this test\n");
        skip();
    }
    unsetenv("TZDIR");

    fcr__zone *zone = NULL;
    assert_int_equal(fcr__zone_load(&zone, "America/New_York"), FCR_OK);
    assert_string_equal(fcr__zone_name(zone), "America/New_York");
    assert_int_equal(fcr__zone_offset(zone, at("2026-03-08T06:59:59Z")), -18000);
    assert_int_equal(fcr__zone_offset(zone, at("2026-03-08T07:00:00Z")), -14400);
    fcr__zone_free(zone);
}

typedef struct bad_file {
    const char *file;
    fcr_status status;
    const char *fragment;
} bad_file;

static void zone_rejects_malformed_files(void **state)
{
    (void)state;
    static const bad_file cases[] = {
        {"bad_magic.tzif", FCR_EPARSE, "not a TZif file"},
        {"bad_truncated.tzif", FCR_EPARSE, "data ends early"},
        {"bad_version.tzif", FCR_EVERSION, "version byte 0x37"},
        {"bad_footer.tzif", FCR_EPARSE, "month 13 is out of range"},
        {"bad_no_footer.tzif", FCR_EPARSE, "footer is missing"},
        {"bad_type_index.tzif", FCR_EPARSE, "names local time type 5"},
        {"bad_order.tzif", FCR_EPARSE, "not later than the one before it"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char relative[128];
        snprintf(relative, sizeof relative, "tzif/%s", cases[i].file);
        size_t length = 0;
        char *data = test_read_file(test_data_path(relative), &length);

        fcr__zone *zone = NULL;
        fcr_status status = fcr__zone_from_tzif(&zone, data, length, "Test/Broken");
        free(data);
        if (status != cases[i].status)
            fail_msg("%s: status %d, expected %d (%s)", cases[i].file, status, cases[i].status,
                     fcr_last_error());
        assert_null(zone);
        if (strstr(fcr_last_error(), cases[i].fragment) == NULL)
            fail_msg("%s: message \"%s\" lacks \"%s\"", cases[i].file, fcr_last_error(),
                     cases[i].fragment);
        assert_non_null(strstr(fcr_last_error(), "Test/Broken"));
    }
}

/* Every prefix of a valid file is rejected without a crash. Every one-byte
 * change of a small file is rejected or loaded, also without a crash. */
static void zone_survives_damaged_bytes(void **state)
{
    (void)state;
    size_t length = 0;
    char *data = test_read_file(test_data_path("tzif/America_New_York.tzif"), &length);
    for (size_t prefix = 0; prefix < length; prefix++) {
        fcr__zone *zone = NULL;
        fcr_status status = fcr__zone_from_tzif(&zone, data, prefix, "Test/Prefix");
        if (status == FCR_OK)
            fail_msg("a prefix of %zu bytes was accepted", prefix);
        assert_null(zone);
    }
    free(data);

    data = test_read_file(test_data_path("tzif/Asia_Kolkata.tzif"), &length);
    static const unsigned char replacements[] = {0x00, 0x01, 0x7f, 0x80, 0xff, '\n'};
    for (size_t pos = 0; pos < length; pos++) {
        char original = data[pos];
        for (size_t r = 0; r < sizeof replacements; r++) {
            data[pos] = (char)replacements[r];
            fcr__zone *zone = NULL;
            if (fcr__zone_from_tzif(&zone, data, length, "Test/Damaged") == FCR_OK) {
                /* A zone that loads must still work in lookups. */
                (void)fcr__zone_offset(zone, 0);
                (void)fcr__zone_from_local(zone, 0);
                fcr__zone_free(zone);
            }
        }
        data[pos] = original;
    }
    free(data);
}

static void zone_from_tzif_arguments(void **state)
{
    (void)state;
    fcr__zone *zone = NULL;
    assert_int_equal(fcr__zone_from_tzif(NULL, "TZif", 4, "x"), FCR_EINVAL);
    assert_int_equal(fcr__zone_from_tzif(&zone, NULL, 4, "x"), FCR_EINVAL);
    assert_int_equal(fcr__zone_from_tzif(&zone, NULL, 0, "x"), FCR_EPARSE);
    assert_int_equal(fcr__zone_from_tzif(&zone, "", 0, NULL), FCR_EPARSE);
    assert_null(zone);
}

static void zone_copy_is_independent(void **state)
{
    (void)state;
    fcr__zone *original = load_file("America_Los_Angeles.tzif");
    fcr__zone *copy = NULL;
    assert_int_equal(fcr__zone_copy(&copy, original), FCR_OK);
    fcr__zone_free(original);

    assert_string_equal(fcr__zone_name(copy), "America_Los_Angeles.tzif");
    assert_int_equal(fcr__zone_offset(copy, at("2026-03-08T09:59:59Z")), -28800);
    assert_int_equal(fcr__zone_offset(copy, at("2026-03-08T10:00:00Z")), -25200);
    assert_int_equal(fcr__zone_offset(copy, at("2100-07-01T00:00:00Z")), -25200);
    fcr__zone_free(copy);

    assert_int_equal(fcr__zone_copy(NULL, copy), FCR_EINVAL);
    assert_int_equal(fcr__zone_copy(&copy, NULL), FCR_EINVAL);
}

static void zone_out_of_memory(void **state)
{
    (void)state;
    size_t length = 0;
    char *data = test_read_file(test_data_path("tzif/America_New_York.tzif"), &length);
    long baseline = test_alloc_outstanding();

    for (unsigned long fail = 1;; fail++) {
        test_alloc_reset();
        test_alloc_fail_at(fail);
        fcr__zone *zone = NULL;
        fcr_status status = fcr__zone_from_tzif(&zone, data, length, "Test/Memory");
        test_alloc_fail_at(0);
        if (status == FCR_OK) {
            fcr__zone *copy = NULL;
            assert_int_equal(fcr__zone_copy(&copy, zone), FCR_OK);
            fcr__zone_free(copy);
            fcr__zone_free(zone);
            break;
        }
        assert_int_equal(status, FCR_ENOMEM);
        assert_null(zone);
        assert_int_equal(test_alloc_outstanding(), baseline);
    }
    assert_int_equal(test_alloc_outstanding(), baseline);
    free(data);
}

int main(void)
{
    test_alloc_install();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zone_offsets_around_transitions),
        cmocka_unit_test(zone_historic_offsets),
        cmocka_unit_test(zone_file_shapes_agree),
        cmocka_unit_test(zone_from_local_gap),
        cmocka_unit_test(zone_from_local_overlap),
        cmocka_unit_test(zone_local_round_trip),
        cmocka_unit_test(zone_fixed_offsets),
        cmocka_unit_test(zone_null_is_utc),
        cmocka_unit_test(zone_load_fixed_names),
        cmocka_unit_test(zone_load_rejects_bad_names),
        cmocka_unit_test(zone_load_from_tzdir),
        cmocka_unit_test(zone_load_system_new_york),
        cmocka_unit_test(zone_rejects_malformed_files),
        cmocka_unit_test(zone_survives_damaged_bytes),
        cmocka_unit_test(zone_from_tzif_arguments),
        cmocka_unit_test(zone_copy_is_independent),
        cmocka_unit_test(zone_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
