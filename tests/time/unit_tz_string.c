/* SPDX-License-Identifier: MIT */
/* POSIX TZ strings (timezone_posix.c), directly and as the footer of a
 * TZif file built in memory. Expected instants for real zones' rules were
 * computed with Python's zoneinfo. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "civil_time.h"
#include "fcr/time.h"
#include "test_support.h"
#include "timezone.h"

#define SECOND INT64_C(1000)

static fcr_time at(const char *text)
{
    fcr_time time = 0;
    if (fcr_time_parse(&time, text) != FCR_OK)
        fail_msg("bad test time %s: %s", text, fcr_last_error());
    return time;
}

static int64_t seconds_at(const char *text)
{
    return at(text) / SECOND;
}

static fcr__tz_rule parse_ok(const char *text)
{
    fcr__tz_rule rule;
    memset(&rule, 0x5a, sizeof rule);
    if (fcr__tz_rule_parse(&rule, text, strlen(text)) != FCR_OK)
        fail_msg("TZ string \"%s\" was rejected: %s", text, fcr_last_error());
    return rule;
}

static void put_be32(unsigned char *p, uint32_t value)
{
    p[0] = (unsigned char)(value >> 24);
    p[1] = (unsigned char)(value >> 16);
    p[2] = (unsigned char)(value >> 8);
    p[3] = (unsigned char)value;
}

/* Writes a TZif header and a data block with one local time type and no
 * transitions. Returns the bytes written. */
static size_t put_empty_part(unsigned char *p, char version, int32_t offset)
{
    memset(p, 0, 44);
    memcpy(p, "TZif", 4);
    p[4] = (unsigned char)version;
    put_be32(p + 20 + 16, 1); /* typecnt */
    put_be32(p + 20 + 20, 1); /* charcnt */
    put_be32(p + 44, (uint32_t)offset);
    p[48] = 0;                /* isdst */
    p[49] = 0;                /* desigidx */
    p[50] = 0;                /* the designation "" */
    return 51;
}

/* Builds a version 3 zone with no transitions and `tz` as its footer. */
static fcr__zone *zone_from_footer(const char *tz)
{
    unsigned char data[512];
    size_t length = put_empty_part(data, '3', 0);
    length += put_empty_part(data + length, '3', 0);
    data[length++] = '\n';
    memcpy(data + length, tz, strlen(tz));
    length += strlen(tz);
    data[length++] = '\n';

    fcr__zone *zone = NULL;
    if (fcr__zone_from_tzif(&zone, (const char *)data, length, tz) != FCR_OK)
        fail_msg("footer \"%s\": %s", tz, fcr_last_error());
    return zone;
}

static void tz_parse_us_eastern(void **state)
{
    (void)state;
    fcr__tz_rule rule = parse_ok("EST5EDT,M3.2.0,M11.1.0");
    assert_int_equal(rule.std_offset, -18000);
    assert_int_equal(rule.dst_offset, -14400);
    assert_true(rule.has_dst);
    assert_int_equal(rule.start.form, 'M');
    assert_int_equal(rule.start.month, 3);
    assert_int_equal(rule.start.week, 2);
    assert_int_equal(rule.start.weekday, 0);
    assert_int_equal(rule.start.time, 7200);
    assert_int_equal(rule.end.month, 11);
    assert_int_equal(rule.end.week, 1);
    assert_int_equal(rule.end.time, 7200);
}

static void tz_parse_forms(void **state)
{
    (void)state;
    fcr__tz_rule rule = parse_ok("<+0530>-5:30");
    assert_int_equal(rule.std_offset, 19800);
    assert_false(rule.has_dst);

    rule = parse_ok("IST-5:30");
    assert_int_equal(rule.std_offset, 19800);

    rule = parse_ok("UTC0");
    assert_int_equal(rule.std_offset, 0);

    rule = parse_ok("<-03>3");
    assert_int_equal(rule.std_offset, -10800);

    rule = parse_ok("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45");
    assert_int_equal(rule.std_offset, 45900);
    assert_int_equal(rule.dst_offset, 49500);
    assert_int_equal(rule.start.time, 2 * 3600 + 45 * 60);
    assert_int_equal(rule.end.time, 3 * 3600 + 45 * 60);

    rule = parse_ok("<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
    assert_int_equal(rule.start.time, -3600);
    assert_int_equal(rule.end.time, 0);

    rule = parse_ok("IST-2IDT,M3.4.4/26,M10.5.0");
    assert_int_equal(rule.start.time, 26 * 3600);

    rule = parse_ok("XXX3YYY,J60/167,300/-167:59:59");
    assert_int_equal(rule.start.form, 'J');
    assert_int_equal(rule.start.day, 60);
    assert_int_equal(rule.start.time, 167 * 3600);
    assert_int_equal(rule.end.form, 'N');
    assert_int_equal(rule.end.day, 300);
    assert_int_equal(rule.end.time, -(167 * 3600 + 59 * 60 + 59));

    rule = parse_ok("AAA+3BBB+1:30:15,M3.2.0,M11.1.0");
    assert_int_equal(rule.std_offset, -10800);
    assert_int_equal(rule.dst_offset, -5415);

    rule = parse_ok("IST-1GMT0,M10.5.0,M3.5.0/1");
    assert_int_equal(rule.std_offset, 3600);
    assert_int_equal(rule.dst_offset, 0);
}

typedef struct bad_string {
    const char *text;
    size_t position;
    const char *fragment;
} bad_string;

static void tz_parse_rejects(void **state)
{
    (void)state;
    static const bad_string cases[] = {
        {"", 1, "empty"},
        {"EST", 4, "expected a UTC offset"},
        {"ES5", 1, "at least 3 letters"},
        {"<+05", 5, "missing '>'"},
        {"<+5>-5", 1, "at least 3 characters"},
        {"<+0 5>-5", 4, "only letters, digits"},
        {"EST25", 4, "hour 25 is out of range"},
        {"EST5:60", 6, "minute 60 is out of range"},
        {"EST5EDT", 8, "missing rule"},
        {"EST5EDT,M13.2.0,M11.1.0", 10, "month 13 is out of range"},
        {"EST5EDT,M3.6.0,M11.1.0", 12, "week 6 is out of range"},
        {"EST5EDT,M3.2.7,M11.1.0", 14, "weekday 7 is out of range"},
        {"EST5EDT,M3.2,M11.1.0", 13, "expected '.' after the week"},
        {"EST5EDT,J0,M11.1.0", 10, "Julian day 0 is out of range"},
        {"EST5EDT,J366,M11.1.0", 10, "Julian day 366 is out of range"},
        {"EST5EDT,366,M11.1.0", 9, "day of the year 366 is out of range"},
        {"EST5EDT,M3.2.0/168,M11.1.0", 16, "hour 168 is out of range"},
        {"EST5EDT,M3.2.0/,M11.1.0", 16, "expected a time after '/'"},
        {"EST5EDT,M3.2.0", 15, "expected ','"},
        {"EST5EDT,M3.2.0,M11.1.0x", 23, "unexpected text"},
        {"EST5EDT;M3.2.0,M11.1.0", 8, "expected a UTC offset"},
        {"EST5 ", 5, "at least 3 letters"},
        {"EST5,M3.2.0,M11.1.0", 5, "at least 3 letters"},
        {"EST5EDT,X3.2.0,M11.1.0", 9, "expected a rule date"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fcr__tz_rule rule;
        const char *text = cases[i].text;
        fcr_status status = fcr__tz_rule_parse(&rule, text, strlen(text));
        if (status != FCR_EPARSE)
            fail_msg("\"%s\" was accepted", text);
        char position[32];
        snprintf(position, sizeof position, "position %zu:", cases[i].position);
        if (strstr(fcr_last_error(), position) == NULL ||
            strstr(fcr_last_error(), cases[i].fragment) == NULL)
            fail_msg("\"%s\": message \"%s\" lacks \"%s\" or \"%s\"", text, fcr_last_error(),
                     position, cases[i].fragment);
    }
}

/* The length bounds the string: bytes after it are not read. */
static void tz_parse_respects_length(void **state)
{
    (void)state;
    fcr__tz_rule rule;
    const char *text = "EST5EDT,M3.2.0,M11.1.0garbage";
    assert_int_equal(fcr__tz_rule_parse(&rule, text, 22), FCR_OK);
    assert_int_equal(rule.end.month, 11);
    assert_int_equal(fcr__tz_rule_parse(&rule, text, 3), FCR_EPARSE);
}

typedef struct rule_change {
    const char *tz;
    const char *at;  /* UTC instant of the change */
    int32_t before;
    int32_t after;
} rule_change;

/* Offsets on both sides of changes, for real zones' rules (checked with
 * Python's zoneinfo) and for the forms that only hand-written rules use. */
static void tz_rule_offsets_at_changes(void **state)
{
    (void)state;
    static const rule_change cases[] = {
        {"EST5EDT,M3.2.0,M11.1.0", "2026-03-08T07:00:00Z", -18000, -14400},
        {"EST5EDT,M3.2.0,M11.1.0", "2026-11-01T06:00:00Z", -14400, -18000},
        {"EST5EDT,M3.2.0,M11.1.0", "2100-03-14T07:00:00Z", -18000, -14400},
        {"EST5EDT,M3.2.0,M11.1.0", "9999-03-14T07:00:00Z", -18000, -14400},
        {"AEST-10AEDT,M10.1.0,M4.1.0/3", "2026-04-04T16:00:00Z", 39600, 36000},
        {"AEST-10AEDT,M10.1.0,M4.1.0/3", "2026-10-03T16:00:00Z", 36000, 39600},
        {"IST-1GMT0,M10.5.0,M3.5.0/1", "2026-03-29T01:00:00Z", 0, 3600},
        {"IST-1GMT0,M10.5.0,M3.5.0/1", "2026-10-25T01:00:00Z", 3600, 0},
        {"<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "2026-03-29T01:00:00Z", -7200, -3600},
        {"<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "2100-10-31T01:00:00Z", -3600, -7200},
        {"IST-2IDT,M3.4.4/26,M10.5.0", "2026-03-27T00:00:00Z", 7200, 10800},
        {"IST-2IDT,M3.4.4/26,M10.5.0", "2026-10-24T23:00:00Z", 10800, 7200},
        {"<-04>4<-03>,M9.1.6/24,M4.1.6/24", "2026-04-05T03:00:00Z", -10800, -14400},
        {"<-04>4<-03>,M9.1.6/24,M4.1.6/24", "2026-09-06T04:00:00Z", -14400, -10800},
        /* J60 is March 1 in every year; day 59 is February 29 in leap years. */
        {"AAA0BBB,J60/0,J300/0", "2024-03-01T00:00:00Z", 0, 3600},
        {"AAA0BBB,J60/0,J300/0", "2026-03-01T00:00:00Z", 0, 3600},
        {"AAA0BBB,59/0,300/0", "2024-02-29T00:00:00Z", 0, 3600},
        {"AAA0BBB,59/0,300/0", "2026-03-01T00:00:00Z", 0, 3600},
        /* Week 5 is the last such weekday, here the fourth Sunday. */
        {"AAA0BBB,M2.5.0/0,M10.5.0/0", "2026-02-22T00:00:00Z", 0, 3600},
        /* 167 hours after the start of the first Sunday of March 2026. */
        {"AAA0BBB,M3.1.0/167,M10.1.0/-167", "2026-03-07T23:00:00Z", 0, 3600},
        {"AAA0BBB,M3.1.0/167,M10.1.0/-167", "2026-09-27T00:00:00Z", 3600, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const rule_change *c = &cases[i];
        fcr__tz_rule rule = parse_ok(c->tz);
        int64_t change = seconds_at(c->at);
        if (fcr__tz_rule_offset(&rule, change - 1) != c->before ||
            fcr__tz_rule_offset(&rule, change) != c->after)
            fail_msg("%s at %s: %d/%d, expected %d/%d", c->tz, c->at,
                     fcr__tz_rule_offset(&rule, change - 1), fcr__tz_rule_offset(&rule, change),
                     c->before, c->after);

        int64_t next = 0;
        assert_true(fcr__tz_rule_next_transition(&rule, change - 1, &next));
        assert_int_equal(next, change);
        assert_true(fcr__tz_rule_next_transition(&rule, change - 86400 * 20, &next));
        assert_int_equal(next, change);

        /* The same through a zone whose only data is this footer. */
        fcr__zone *zone = zone_from_footer(c->tz);
        assert_int_equal(fcr__zone_offset(zone, change * SECOND - 1), c->before);
        assert_int_equal(fcr__zone_offset(zone, change * SECOND), c->after);
        fcr__zone_free(zone);
    }
}

/* A DST period from January 1 00:00 to December 31 24:00 + 1 h covers the
 * whole year, which is how TZif footers write permanent DST. */
static void tz_rule_permanent_dst(void **state)
{
    (void)state;
    fcr__tz_rule rule = parse_ok("EST5EDT4,0/0,J365/25");
    for (int64_t year = 2020; year <= 2030; year++) {
        int64_t new_year = fcr__days_from_civil(year, 1, 1) * 86400;
        assert_int_equal(fcr__tz_rule_offset(&rule, new_year - 86400 * 180), -14400);
        assert_int_equal(fcr__tz_rule_offset(&rule, new_year + 5 * 3600 - 1), -14400);
        assert_int_equal(fcr__tz_rule_offset(&rule, new_year + 5 * 3600), -14400);
        assert_int_equal(fcr__tz_rule_offset(&rule, new_year + 5 * 3600 + 1), -14400);
    }
    int64_t next = 0;
    assert_false(fcr__tz_rule_next_transition(&rule, seconds_at("2026-06-01T00:00:00Z"), &next));

    rule = parse_ok("<+0530>-5:30");
    assert_int_equal(fcr__tz_rule_offset(&rule, 0), 19800);
    assert_false(fcr__tz_rule_next_transition(&rule, 0, &next));

    /* Equal offsets with a DST name never change the offset either. */
    rule = parse_ok("AAA0BBB0,M3.2.0,M11.1.0");
    assert_false(fcr__tz_rule_next_transition(&rule, 0, &next));
}

/* Walks the US rule from 1970 to 2400 change by change: two a year, each on
 * a Sunday at 02:00 local time, in the right months. */
static void tz_rule_walk_many_years(void **state)
{
    (void)state;
    fcr__tz_rule rule = parse_ok("EST5EDT,M3.2.0,M11.1.0");
    int64_t t = seconds_at("1970-01-01T00:00:00Z");
    int32_t offset = fcr__tz_rule_offset(&rule, t);
    int count = 0;

    for (;;) {
        int64_t next = 0;
        assert_true(fcr__tz_rule_next_transition(&rule, t, &next));
        assert_true(next > t);
        if (next >= seconds_at("2400-01-01T00:00:00Z"))
            break;

        /* Nothing changes between t and next. */
        assert_int_equal(fcr__tz_rule_offset(&rule, next - 1), offset);
        int32_t after = fcr__tz_rule_offset(&rule, next);
        assert_int_not_equal(after, offset);

        int64_t local = next + offset;
        int64_t day = fcr__floor_div(local, 86400);
        int64_t year = 0;
        int month = 0, mday = 0;
        fcr__civil_from_days(day, &year, &month, &mday);
        assert_int_equal(fcr__iso_weekday(day), 7);
        assert_int_equal(local - day * 86400, 7200);
        if (after == -14400) {
            assert_int_equal(month, 3);
            assert_true(mday >= 8 && mday <= 14);
        } else {
            assert_int_equal(month, 11);
            assert_true(mday >= 1 && mday <= 7);
        }

        t = next;
        offset = after;
        count++;
    }
    assert_int_equal(count, 2 * (2400 - 1970));
}

/* A rule whose fall-back crosses midnight backwards: the clock goes from
 * Sunday 00:30 back to Saturday 23:30, so Saturday 23:30 to Sunday 00:30
 * happens twice. */
static void tz_rule_fall_back_across_midnight(void **state)
{
    (void)state;
    fcr__zone *zone = zone_from_footer("AAA3BBB,M3.2.0,M11.1.0/0:30");

    /* 2026-11-01 00:30 BBB (-2) is 02:30Z; after it the offset is -3. */
    fcr_time change = at("2026-11-01T02:30:00Z");
    assert_int_equal(fcr__zone_offset(zone, change - 1), -7200);
    assert_int_equal(fcr__zone_offset(zone, change), -10800);

    /* The earlier of the two instants is chosen. */
    int64_t sunday = fcr__days_from_civil(2026, 11, 1) * FCR__MS_PER_DAY;
    assert_int_equal(fcr__zone_from_local(zone, sunday), at("2026-11-01T02:00:00Z"));
    assert_int_equal(fcr__zone_from_local(zone, sunday - 15 * 60 * SECOND),
                     at("2026-11-01T01:45:00Z"));
    assert_int_equal(fcr__zone_to_local(zone, at("2026-11-01T02:45:00Z")),
                     sunday - 15 * 60 * SECOND);
    fcr__zone_free(zone);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tz_parse_us_eastern),
        cmocka_unit_test(tz_parse_forms),
        cmocka_unit_test(tz_parse_rejects),
        cmocka_unit_test(tz_parse_respects_length),
        cmocka_unit_test(tz_rule_offsets_at_changes),
        cmocka_unit_test(tz_rule_permanent_dst),
        cmocka_unit_test(tz_rule_walk_many_years),
        cmocka_unit_test(tz_rule_fall_back_across_midnight),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
