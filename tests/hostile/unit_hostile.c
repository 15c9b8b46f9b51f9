/* SPDX-License-Identifier: MIT */
/* Runs every case of tests/hostile/manifest.txt through its parser and
 * checks the status, the message fragment, and that nothing was handed out:
 * *out unchanged (NULL for the readers, which clear it first), no call from
 * a failing record. Messages must also not quote the records' patient key or
 * request text. Links the static library to reach the internal parsers of
 * JSON, TZif files and TZ strings. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "test_support.h"
#include "timezone.h"

#define MANIFEST FCR_SOURCE_DIR "/tests/hostile/manifest.txt"

typedef struct hostile_case {
    char path[256];
    char parser[32];
    char status[32];
    char fragment[160];
} hostile_case;

static const struct {
    const char *name;
    fcr_status status;
} status_names[] = {
    {"FCR_EINVAL", FCR_EINVAL},       {"FCR_ENOMEM", FCR_ENOMEM},
    {"FCR_EPARSE", FCR_EPARSE},       {"FCR_ERECORD", FCR_ERECORD},
    {"FCR_EWORKFLOW", FCR_EWORKFLOW}, {"FCR_ESTATE", FCR_ESTATE},
    {"FCR_ENOTFOUND", FCR_ENOTFOUND}, {"FCR_ELIMIT", FCR_ELIMIT},
    {"FCR_EIO", FCR_EIO},             {"FCR_EVERSION", FCR_EVERSION},
};

static bool status_from_name(const char *name, fcr_status *out)
{
    for (size_t i = 0; i < sizeof status_names / sizeof status_names[0]; i++) {
        if (strcmp(status_names[i].name, name) == 0) {
            *out = status_names[i].status;
            return true;
        }
    }
    return false;
}

/* Splits one manifest line in place; false for comments and blank lines. */
static bool parse_line(char *line, hostile_case *out)
{
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '#' || line[0] == '\0')
        return false;
    char *fields[4] = {line, NULL, NULL, NULL};
    for (int i = 1; i < 4; i++) {
        char *tab = fields[i - 1] != NULL ? strchr(fields[i - 1], '\t') : NULL;
        if (tab != NULL) {
            *tab = '\0';
            fields[i] = tab + 1;
        }
    }
    if (fields[2] == NULL)
        fail_msg("manifest line without a status: %s", line);
    const char *fragment = fields[3] != NULL ? fields[3] : "";
    /* A field cut to fit would test another case than the manifest names. */
    if (strlen(fields[0]) >= sizeof out->path || strlen(fields[1]) >= sizeof out->parser ||
        strlen(fields[2]) >= sizeof out->status || strlen(fragment) >= sizeof out->fragment)
        fail_msg("manifest line with a field too long for the test: %s", line);
    memcpy(out->path, fields[0], strlen(fields[0]) + 1);
    memcpy(out->parser, fields[1], strlen(fields[1]) + 1);
    memcpy(out->status, fields[2], strlen(fields[2]) + 1);
    memcpy(out->fragment, fragment, strlen(fragment) + 1);
    return true;
}

/* --- one runner per parser; each returns the status and sets *leaked when
 * the failing call handed something out --------------------------------- */

static fcr_status run_json(const char *data, size_t length, bool *leaked)
{
    (void)leaked;
    fcr__json_parser *parser = NULL;
    assert_int_equal(fcr__json_parser_new(&parser, NULL), FCR_OK);
    fcr__json_parser_reset(parser, data, length, "case.json");
    fcr__json_token token;
    do {
        token = fcr__json_next(parser);
    } while (token != FCR__JSON_END && token != FCR__JSON_ERROR);
    fcr_status status = token == FCR__JSON_END ? FCR_OK : fcr_last_error_status();
    fcr__json_parser_free(parser);
    return status;
}

static fcr_status run_call(const char *data, size_t length, fcr_mode mode, bool *leaked)
{
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);
    fcr_call *call = (fcr_call *)&call;
    fcr_status status = fcr_call_from_json(&call, policy, mode, data, length, "case.json");
    if (status == FCR_OK)
        fcr_call_free(call);
    else if (call != (fcr_call *)&call)
        *leaked = true;
    fcr_policy_free(policy);
    return status;
}

/* Reads records until the first failure, which must come after exactly
 * `failing` - 1 records were read. */
static fcr_status run_records(const char *data, size_t length, size_t failing, bool *leaked)
{
    fcr_policy *policy = NULL;
    assert_int_equal(fcr_policy_new(&policy), FCR_OK);
    fcr_reader *reader = NULL;
    assert_int_equal(fcr_reader_new_buffer(&reader, policy, data, length, "case.jsonl"), FCR_OK);
    fcr_status status = FCR_OK;
    size_t read = 0;
    for (;;) {
        fcr_call *call = (fcr_call *)&call;
        status = fcr_reader_next(reader, &call);
        if (status != FCR_OK) {
            if (call != NULL || read != failing - 1)
                *leaked = true;
            break;
        }
        if (call == NULL)
            break;
        read++;
        fcr_call_free(call);
    }
    fcr_reader_free(reader);
    fcr_policy_free(policy);
    return status;
}

static fcr_status run_event(const char *data, size_t length, bool *leaked)
{
    fcr_event *event = (fcr_event *)&event;
    fcr_status status = fcr_event_from_json(&event, data, length);
    if (status == FCR_OK)
        fcr_event_free(event);
    else if (event != (fcr_event *)&event)
        *leaked = true;
    return status;
}

static fcr_status run_policy(const char *data, size_t length, bool *leaked)
{
    fcr_policy *policy = (fcr_policy *)&policy;
    fcr_status status = fcr_policy_load(&policy, data, length, "case.json");
    if (status == FCR_OK)
        fcr_policy_free(policy);
    else if (policy != (fcr_policy *)&policy)
        *leaked = true;
    return status;
}

static fcr_status run_csv(const char *data, size_t length, bool *leaked)
{
    fcr_contact_reader *reader = NULL;
    assert_int_equal(fcr_contact_reader_new_buffer(&reader, NULL, data, length, "case.csv"),
                     FCR_OK);
    fcr_status status = FCR_OK;
    for (size_t row = 0; row <= length; row++) {
        const fcr_contact *contact = (const fcr_contact *)&contact;
        status = fcr_contact_reader_next(reader, &contact);
        if (status != FCR_OK) {
            if (contact != NULL && contact != (const fcr_contact *)&contact)
                *leaked = true;
            break;
        }
        if (contact == NULL)
            break;
    }
    fcr_contact_reader_free(reader);
    return status;
}

static fcr_status run_time(const char *data, size_t length, bool *leaked)
{
    const fcr_time unset = -42;
    fcr_time time = unset;
    fcr_status status = fcr_time_parse_n(&time, data, length);
    if (status != FCR_OK && time != unset)
        *leaked = true;
    return status;
}

static fcr_status run_tzif(const char *data, size_t length, bool *leaked)
{
    fcr__zone *zone = (fcr__zone *)&zone;
    fcr_status status = fcr__zone_from_tzif(&zone, data, length, "Hostile/Zone");
    if (status == FCR_OK)
        fcr__zone_free(zone);
    else if (zone != (fcr__zone *)&zone)
        *leaked = true;
    return status;
}

static fcr_status run_tz_string(const char *data, size_t length, bool *leaked)
{
    fcr__tz_rule rule, untouched;
    memset(&rule, 0x5a, sizeof rule);
    memcpy(&untouched, &rule, sizeof rule);
    fcr_status status = fcr__tz_rule_parse(&rule, data, length);
    if (status != FCR_OK && memcmp(&rule, &untouched, sizeof rule) != 0)
        *leaked = true;
    return status;
}

static fcr_status run_transcript(const char *data, size_t length, const char *format_name,
                                 bool *leaked)
{
    fcr_transcript_format format;
    assert_int_equal(fcr_transcript_format_from_name(&format, format_name), FCR_OK);
    if (format == FCR_TRANSCRIPT_TEXTGRID) {
        const char *split = memchr(data, '\f', length);
        assert_non_null(split);
        size_t agent_length = (size_t)(split - data);
        fcr_transcript *transcript = (fcr_transcript *)&transcript;
        fcr_status status = fcr_transcript_load_textgrid(&transcript, data, agent_length,
                                                         split + 1, length - agent_length - 1,
                                                         "case");
        if (status == FCR_OK)
            fcr_transcript_free(transcript);
        else if (transcript != (fcr_transcript *)&transcript)
            *leaked = true;
        return status;
    }
    fcr_transcript_list *list = (fcr_transcript_list *)&list;
    fcr_status status = fcr_transcript_list_load(&list, format, data, length, "case");
    if (status == FCR_OK)
        fcr_transcript_list_free(list);
    else if (list != (fcr_transcript_list *)&list)
        *leaked = true;
    return status;
}

static fcr_status run_rules(const char *data, size_t length, bool *leaked)
{
    fcr_rules *rules = (fcr_rules *)&rules;
    fcr_status status = fcr_rules_load(&rules, data, length, "case.json");
    if (status == FCR_OK)
        fcr_rules_free(rules);
    else if (rules != (fcr_rules *)&rules)
        *leaked = true;
    return status;
}

/* Runs one case. Returns false, and prints why, when it does not behave as
 * its manifest line expects. */
static bool check_case(const hostile_case *c)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/hostile/%s", FCR_SOURCE_DIR, c->path);
    size_t length = 0;
    char *data = test_read_file(path, &length);

    /* Initialised because the compiler cannot see that fail_msg() does not
     * return. */
    fcr_status expected = FCR_OK;
    if (!status_from_name(c->status, &expected))
        fail_msg("%s: unknown status %s in the manifest", c->path, c->status);

    fcr_clear_error();
    bool leaked = false;
    fcr_status status = FCR_OK;
    if (strcmp(c->parser, "json") == 0 || strcmp(c->parser, "json_document") == 0)
        status = run_json(data, length, &leaked);
    else if (strcmp(c->parser, "call") == 0)
        status = run_call(data, length, FCR_MODE_REPLAY, &leaked);
    else if (strcmp(c->parser, "call_live") == 0)
        status = run_call(data, length, FCR_MODE_LIVE, &leaked);
    else if (strncmp(c->parser, "records:", 8) == 0)
        status = run_records(data, length, strtoul(c->parser + 8, NULL, 10), &leaked);
    else if (strcmp(c->parser, "event") == 0)
        status = run_event(data, length, &leaked);
    else if (strcmp(c->parser, "policy") == 0)
        status = run_policy(data, length, &leaked);
    else if (strcmp(c->parser, "csv") == 0)
        status = run_csv(data, length, &leaked);
    else if (strcmp(c->parser, "time") == 0)
        status = run_time(data, length, &leaked);
    else if (strcmp(c->parser, "tzif") == 0)
        status = run_tzif(data, length, &leaked);
    else if (strcmp(c->parser, "tzstring") == 0)
        status = run_tz_string(data, length, &leaked);
    else if (strncmp(c->parser, "transcript:", 11) == 0)
        status = run_transcript(data, length, c->parser + 11, &leaked);
    else if (strcmp(c->parser, "rules") == 0)
        status = run_rules(data, length, &leaked);
    else
        fail_msg("%s: unknown parser %s in the manifest", c->path, c->parser);
    free(data);

    const char *message = fcr_last_error();
    bool ok = true;
    /* Any message would contain an empty fragment, so it would pin nothing. */
    if (c->fragment[0] == '\0') {
        printf("hostile: %s: the manifest gives no message fragment; set one in make_cases.py\n",
               c->path);
        ok = false;
    }
    if (status != expected) {
        printf("hostile: %s: status %s (%d), expected %s; message: %s\n", c->path,
               fcr_strerror(status), (int)status, c->status, message);
        ok = false;
    } else if (message[0] == '\0' || strstr(message, c->fragment) == NULL) {
        printf("hostile: %s: message lacks \"%s\": %s\n", c->path, c->fragment, message);
        ok = false;
    }
    if (strstr(message, "p-5f2c9a") != NULL || strstr(message, "Reschedule") != NULL) {
        printf("hostile: %s: the message quotes record text: %s\n", c->path, message);
        ok = false;
    }
    if (leaked) {
        printf("hostile: %s: the failing call handed out a result\n", c->path);
        ok = false;
    }
    return ok;
}

static void test_hostile__every_case(void **state)
{
    (void)state;
    FILE *manifest = fopen(MANIFEST, "r");
    if (manifest == NULL)
        fail_msg("cannot open %s", MANIFEST);

    char line[1024];
    size_t count = 0, failed = 0;
    while (fgets(line, sizeof line, manifest) != NULL) {
        hostile_case c;
        if (!parse_line(line, &c))
            continue;
        count++;
        if (!check_case(&c))
            failed++;
    }
    fclose(manifest);

    printf("hostile: %zu cases, %zu failed\n", count, failed);
    assert_true(count >= 60);
    assert_int_equal(failed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile__every_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
