/* SPDX-License-Identifier: MIT */
/* Contacts from CSV contact logs: a column mapping, a time format, a
 * missing-value marker and bad rows reported one at a time. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "civil_time.h"
#include "csv.h"
#include "metrics_internal.h"
#include "time_pattern.h"

static const char *const field_names[FCR_CONTACT_FIELD_COUNT] = {
    "id", "caller", "time", "category", "agent", "direction", "outcome", "target"};

struct fcr_contact_reader {
    char *name;
    fcr__csv *csv;
    char *columns[FCR_CONTACT_FIELD_COUNT];  /* mapped names; NULL for the defaults */
    bool unmapped[FCR_CONTACT_FIELD_COUNT];  /* explicitly unmapped */
    bool use_pattern;
    fcr__time_pattern pattern;
    char pattern_text[64]; /* the format as given, for messages; cut if longer */
    fcr__zone *zone;
    char *missing;
    size_t missing_length;

    bool started;
    bool stopped;
    fcr_status stop_status;
    size_t column_count;                     /* fields in the header */
    long index[FCR_CONTACT_FIELD_COUNT];     /* column of each field, -1 when none */
    char *header_names[FCR_CONTACT_FIELD_COUNT];
    size_t row;                              /* data rows read, bad ones included */
    size_t line;

    fcr_contact contact;
    fcr__strbuf values;
    char row_id[32];
};

fcr_status fcr_contact_field_from_name(fcr_contact_field *out, const char *name)
{
    if (out == NULL || name == NULL)
        return fcr__error(FCR_EINVAL, "fcr_contact_field_from_name: out and name must not be NULL");
    for (int f = 0; f < FCR_CONTACT_FIELD_COUNT; f++) {
        if (strcmp(name, field_names[f]) == 0) {
            *out = (fcr_contact_field)f;
            return FCR_OK;
        }
    }
    return fcr__error(FCR_ENOTFOUND, "unknown contact field; use id, caller, time, category, "
                                     "agent, direction, outcome or target");
}

static fcr_status reader_alloc(fcr_contact_reader **out, const fcr_policy *policy,
                               const char *name)
{
    fcr_contact_reader *reader = fcr__calloc(1, sizeof *reader);
    if (reader == NULL)
        return fcr__error_nomem();
    reader->name = fcr__strdup(name);
    fcr_status status = reader->name == NULL ? fcr__error_nomem() : FCR_OK;
    if (status == FCR_OK) {
        if (policy != NULL && policy->office.zone != NULL)
            status = fcr__zone_copy(&reader->zone, policy->office.zone);
        else
            status = fcr__zone_load(&reader->zone, "UTC");
    }
    if (status != FCR_OK) {
        fcr_contact_reader_free(reader);
        return status;
    }
    *out = reader;
    return FCR_OK;
}

fcr_status fcr_contact_reader_new_file(fcr_contact_reader **out, const fcr_policy *policy,
                                       const char *path)
{
    if (out == NULL || path == NULL)
        return fcr__error(FCR_EINVAL, "fcr_contact_reader_new_file: out and path must not be NULL");

    fcr_contact_reader *reader = NULL;
    fcr_status status = reader_alloc(&reader, policy, path);
    if (status != FCR_OK)
        return status;

    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        status = fcr__error(FCR_EIO, "cannot open %.200s: %s; check the path and permissions",
                            path, strerror(errno));
        fcr_contact_reader_free(reader);
        return status;
    }
    status = fcr__csv_new_file(&reader->csv, file, path);
    if (status != FCR_OK) {
        fclose(file);
        fcr_contact_reader_free(reader);
        return status;
    }
    *out = reader;
    return FCR_OK;
}

fcr_status fcr_contact_reader_new_buffer(fcr_contact_reader **out, const fcr_policy *policy,
                                         const char *data, size_t length, const char *name)
{
    if (out == NULL || data == NULL)
        return fcr__error(FCR_EINVAL, "fcr_contact_reader_new_buffer: out and data must not be NULL");

    fcr_contact_reader *reader = NULL;
    fcr_status status = reader_alloc(&reader, policy, name != NULL ? name : "<buffer>");
    if (status == FCR_OK)
        status = fcr__csv_new_buffer(&reader->csv, data, length, reader->name);
    if (status != FCR_OK) {
        fcr_contact_reader_free(reader);
        return status;
    }
    *out = reader;
    return FCR_OK;
}

void fcr_contact_reader_free(fcr_contact_reader *reader)
{
    if (reader == NULL)
        return;
    fcr__csv_free(reader->csv);
    for (int f = 0; f < FCR_CONTACT_FIELD_COUNT; f++) {
        fcr__free(reader->columns[f]);
        fcr__free(reader->header_names[f]);
    }
    fcr__zone_free(reader->zone);
    fcr__free(reader->missing);
    fcr__strbuf_free(&reader->values);
    fcr__free(reader->name);
    fcr__free(reader);
}

static fcr_status check_settable(const fcr_contact_reader *reader, const char *function)
{
    if (reader == NULL)
        return fcr__error(FCR_EINVAL, "%s: reader is NULL", function);
    if (reader->started)
        return fcr__error(FCR_ESTATE, "%s: reading has started; set the options before the "
                                      "first fcr_contact_reader_next()", function);
    return FCR_OK;
}

fcr_status fcr_contact_reader_map(fcr_contact_reader *reader, fcr_contact_field field,
                                  const char *column)
{
    fcr_status status = check_settable(reader, "fcr_contact_reader_map");
    if (status != FCR_OK)
        return status;
    if ((unsigned)field >= FCR_CONTACT_FIELD_COUNT)
        return fcr__error(FCR_EINVAL, "fcr_contact_reader_map: unknown field %d", (int)field);
    if (column != NULL && (status = fcr__check_text(column, "column", false)) != FCR_OK)
        return status;

    char *copy = NULL;
    if (column != NULL && (copy = fcr__strdup(column)) == NULL)
        return fcr__error_nomem();
    fcr__free(reader->columns[field]);
    reader->columns[field] = copy;
    reader->unmapped[field] = column == NULL;
    return FCR_OK;
}

fcr_status fcr_contact_reader_set_time_format(fcr_contact_reader *reader, const char *format)
{
    fcr_status status = check_settable(reader, "fcr_contact_reader_set_time_format");
    if (status != FCR_OK)
        return status;
    if (format == NULL || strcmp(format, "rfc3339") == 0) {
        reader->use_pattern = false;
        return FCR_OK;
    }
    status = fcr__time_pattern_compile(&reader->pattern, format);
    if (status == FCR_OK) {
        reader->use_pattern = true;
        snprintf(reader->pattern_text, sizeof reader->pattern_text, "%s", format);
    }
    return status;
}

fcr_status fcr_contact_reader_set_time_zone(fcr_contact_reader *reader, const char *zone)
{
    fcr_status status = check_settable(reader, "fcr_contact_reader_set_time_zone");
    if (status != FCR_OK)
        return status;
    if (zone == NULL)
        return fcr__error(FCR_EINVAL, "fcr_contact_reader_set_time_zone: zone is NULL");
    fcr__zone *loaded = NULL;
    status = fcr__zone_load(&loaded, zone);
    if (status != FCR_OK)
        return status;
    fcr__zone_free(reader->zone);
    reader->zone = loaded;
    return FCR_OK;
}

fcr_status fcr_contact_reader_set_missing(fcr_contact_reader *reader, const char *marker)
{
    fcr_status status = check_settable(reader, "fcr_contact_reader_set_missing");
    if (status != FCR_OK)
        return status;
    char *copy = NULL;
    if (marker != NULL && (copy = fcr__strdup(marker)) == NULL)
        return fcr__error_nomem();
    fcr__free(reader->missing);
    reader->missing = copy;
    reader->missing_length = marker != NULL ? strlen(marker) : 0;
    return FCR_OK;
}

size_t fcr_contact_reader_line(const fcr_contact_reader *reader)
{
    return reader == NULL ? 0 : reader->line;
}

static fcr_status stop(fcr_contact_reader *reader, fcr_status status)
{
    reader->stopped = true;
    reader->stop_status = status;
    return status;
}

/* Reads the header line and finds the column of each field. */
static fcr_status read_header(fcr_contact_reader *reader)
{
    const fcr__csv_field *fields = NULL;
    size_t count = 0;
    bool more = false;
    fcr_status status = fcr__csv_next(reader->csv, &fields, &count, &more);
    if (status != FCR_OK)
        return stop(reader, status);
    if (!more)
        return stop(reader, fcr__error(FCR_EPARSE, "%.200s: the file is empty; the first line "
                                                   "must name the columns", reader->name));
    reader->line = fcr__csv_line(reader->csv);
    reader->column_count = count;

    for (int f = 0; f < FCR_CONTACT_FIELD_COUNT; f++) {
        reader->index[f] = -1;
        if (reader->unmapped[f])
            continue;
        const char *wanted = reader->columns[f] != NULL ? reader->columns[f] : field_names[f];
        size_t length = strlen(wanted);
        for (size_t c = 0; c < count; c++) {
            if (fields[c].length == length && memcmp(fields[c].data, wanted, length) == 0) {
                reader->index[f] = (long)c;
                break;
            }
        }
        if (reader->index[f] < 0 && reader->columns[f] != NULL)
            return stop(reader, fcr__error_field(FCR_ENOTFOUND, field_names[f],
                                                 "%.200s: the header has no column '%.100s' for "
                                                 "the %s field; check the column mapping "
                                                 "(fcr_contact_reader_map(), --map in fcr "
                                                 "metrics) against the first line",
                                                 reader->name, wanted,
                                                 field_names[f]));
        if (reader->index[f] >= 0 && (reader->header_names[f] = fcr__strdup(wanted)) == NULL)
            return stop(reader, fcr__error_nomem());
    }

    static const fcr_contact_field required[] = {FCR_CONTACT_FIELD_CALLER, FCR_CONTACT_FIELD_TIME};
    for (size_t r = 0; r < FCR__ARRAY_SIZE(required); r++) {
        if (reader->index[required[r]] < 0)
            return stop(reader, fcr__error_field(FCR_ENOTFOUND, field_names[required[r]],
                                                 "%.200s: no column is mapped to the %s field; "
                                                 "map a column to it (fcr_contact_reader_map(), "
                                                 "--map %s=COLUMN in fcr metrics)", reader->name,
                                                 field_names[required[r]], field_names[required[r]]));
    }
    return FCR_OK;
}

/* A bad row: the message names the line, column and column name, never the value. */
static fcr_status row_error(const fcr_contact_reader *reader, fcr_status status,
                            const fcr__csv_field *field, size_t extra, int which, const char *what)
{
    size_t line, column;
    fcr__csv_position(reader->csv, field->offset + extra, &line, &column);
    const char *name = reader->header_names[which];
    return fcr__error_at(status, line, column, SIZE_MAX, name,
                         "%.200s: line %zu, column %zu (%.100s): %s", reader->name, line, column,
                         name, what);
}

static bool is_missing(const fcr_contact_reader *reader, const fcr__csv_field *field)
{
    return field->length == 0 ||
           (reader->missing != NULL && field->length == reader->missing_length &&
            memcmp(field->data, reader->missing, field->length) == 0);
}

static bool equals_word(const fcr__csv_field *field, const char *word)
{
    size_t length = strlen(word);
    if (field->length != length)
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = field->data[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return false;
    }
    return true;
}

/* Reads the most common RFC 3339 form, "2026-11-02T10:00:00Z", without the
 * general parser, which costs more than the rest of a row. Returns false
 * for any other form, which then goes to fcr_time_parse_n(). */
static bool parse_plain_utc(const char *text, size_t length, fcr_time *out)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (length != sizeof shape - 1)
        return false;
    int digits[14];
    int n = 0;
    for (size_t i = 0; i < length; i++) {
        if (shape[i] == 'd') {
            if (text[i] < '0' || text[i] > '9')
                return false;
            digits[n++] = text[i] - '0';
        } else if (text[i] != shape[i]) {
            return false;
        }
    }
    // cppcheck-suppress uninitvar ; the shape has 14 digits, and all 14 were stored
    int year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
    int month = digits[4] * 10 + digits[5];
    int day = digits[6] * 10 + digits[7];
    int hour = digits[8] * 10 + digits[9];
    int minute = digits[10] * 10 + digits[11];
    int second = digits[12] * 10 + digits[13];
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > fcr__days_in_month(year, month) ||
        hour > 23 || minute > 59 || second > 59)
        return false;
    *out = fcr__days_from_civil(year, month, day) * FCR__MS_PER_DAY + hour * FCR__MS_PER_HOUR +
           minute * FCR__MS_PER_MINUTE + second * FCR__MS_PER_SECOND;
    return true;
}

static fcr_status read_time(fcr_contact_reader *reader, const fcr__csv_field *field)
{
    const int which = FCR_CONTACT_FIELD_TIME;
    if (is_missing(reader, field))
        return row_error(reader, FCR_ERECORD, field, 0, which, "the time is missing");

    if (!reader->use_pattern) {
        if (parse_plain_utc(field->data, field->length, &reader->contact.at))
            return FCR_OK;
        if (fcr_time_parse_n(&reader->contact.at, field->data, field->length) != FCR_OK) {
            size_t column = fcr_last_error_column();
            return row_error(reader, FCR_EPARSE, field, column > 0 ? column - 1 : 0, which,
                             "the time is not an RFC 3339 date-time; for other forms set a "
                             "time format (fcr_contact_reader_set_time_format(), --time-format "
                             "in fcr metrics)");
        }
        return FCR_OK;
    }

    size_t error_at = 0;
    const char *reason = NULL;
    if (!fcr__time_pattern_parse(&reader->pattern, field->data, field->length, reader->zone,
                                 &reader->contact.at, &error_at, &reason)) {
        char what[300];
        snprintf(what, sizeof what,
                 "the time does not match the time format \"%s\": %s; set a format that "
                 "matches the column, or none for RFC 3339 times",
                 reader->pattern_text, reason);
        return row_error(reader, FCR_EPARSE, field, error_at, which, what);
    }
    return FCR_OK;
}

static fcr_status read_direction(fcr_contact_reader *reader, const fcr__csv_field *field)
{
    if (is_missing(reader, field))
        return FCR_OK;
    if (equals_word(field, "inbound") || equals_word(field, "in")) {
        reader->contact.direction = FCR_DIRECTION_INBOUND;
        return FCR_OK;
    }
    if (equals_word(field, "outbound") || equals_word(field, "out")) {
        reader->contact.direction = FCR_DIRECTION_OUTBOUND;
        return FCR_OK;
    }
    return row_error(reader, FCR_ERECORD, field, 0, FCR_CONTACT_FIELD_DIRECTION,
                     "the direction is neither inbound nor outbound");
}

static void read_outcome(fcr_contact_reader *reader, const fcr__csv_field *field)
{
    if (is_missing(reader, field) || equals_word(field, "none") || equals_word(field, "unresolved"))
        reader->contact.outcome = FCR_OUTCOME_NONE;
    else if (equals_word(field, "escalated"))
        reader->contact.outcome = FCR_OUTCOME_ESCALATED;
    else if (equals_word(field, "moved_forward"))
        reader->contact.outcome = FCR_OUTCOME_MOVED_FORWARD;
    else
        reader->contact.outcome = FCR_OUTCOME_RESOLVED;
}

/* Builds the contact of the row in `fields`. */
static fcr_status read_row(fcr_contact_reader *reader, const fcr__csv_field *fields, size_t count)
{
    fcr_contact empty = FCR_CONTACT_INIT;
    reader->contact = empty;
    fcr__strbuf_clear(&reader->values);

    if (count != reader->column_count) {
        size_t line = fcr__csv_line(reader->csv);
        return fcr__error_at(FCR_ERECORD, line, 1, SIZE_MAX, "",
                             "%.200s: line %zu: the row has %zu fields but the header has %zu; "
                             "quote any field that contains a comma, and check that the file "
                             "is comma-separated and starts with the header line",
                             reader->name, line, count, reader->column_count);
    }

    /* Text fields are copied with a NUL each into one buffer; offsets are
     * turned into pointers once the buffer stops growing. */
    static const int text_fields[] = {FCR_CONTACT_FIELD_ID, FCR_CONTACT_FIELD_CALLER,
                                      FCR_CONTACT_FIELD_CATEGORY, FCR_CONTACT_FIELD_AGENT,
                                      FCR_CONTACT_FIELD_TARGET};
    size_t offsets[FCR__ARRAY_SIZE(text_fields)];
    bool present[FCR__ARRAY_SIZE(text_fields)];
    size_t needed = 0;
    for (size_t t = 0; t < FCR__ARRAY_SIZE(text_fields); t++) {
        long column = reader->index[text_fields[t]];
        present[t] = column >= 0 && !is_missing(reader, &fields[column]);
        if (!present[t])
            continue;
        /* The field becomes a C string, so a NUL byte would cut it short and
         * make two different callers or ids look the same. */
        const char *nul = memchr(fields[column].data, '\0', fields[column].length);
        if (nul != NULL)
            return row_error(reader, FCR_EPARSE, &fields[column],
                             (size_t)(nul - fields[column].data), text_fields[t],
                             "the field contains a NUL byte");
        needed += fields[column].length + 1;
    }
    if (fcr__strbuf_reserve(&reader->values, needed) != FCR_OK)
        return fcr__error_nomem();
    char *values = reader->values.data;
    size_t used = 0;
    for (size_t t = 0; t < FCR__ARRAY_SIZE(text_fields); t++) {
        offsets[t] = used;
        if (!present[t])
            continue;
        const fcr__csv_field *field = &fields[reader->index[text_fields[t]]];
        memcpy(values + used, field->data, field->length);
        used += field->length;
        values[used++] = '\0';
    }

    const char *texts[FCR__ARRAY_SIZE(text_fields)];
    for (size_t t = 0; t < FCR__ARRAY_SIZE(text_fields); t++)
        texts[t] = present[t] ? reader->values.data + offsets[t] : NULL;

    if (reader->index[FCR_CONTACT_FIELD_ID] >= 0) {
        if (texts[0] == NULL)
            return row_error(reader, FCR_ERECORD, &fields[reader->index[FCR_CONTACT_FIELD_ID]],
                             0, FCR_CONTACT_FIELD_ID, "the contact id is missing");
        reader->contact.id = texts[0];
    } else {
        snprintf(reader->row_id, sizeof reader->row_id, "row %zu", reader->row);
        reader->contact.id = reader->row_id;
    }
    reader->contact.caller = texts[1];
    reader->contact.category = texts[2];
    reader->contact.agent = texts[3];
    reader->contact.target = texts[4];

    fcr_status status = read_time(reader, &fields[reader->index[FCR_CONTACT_FIELD_TIME]]);
    if (status == FCR_OK && reader->index[FCR_CONTACT_FIELD_DIRECTION] >= 0)
        status = read_direction(reader, &fields[reader->index[FCR_CONTACT_FIELD_DIRECTION]]);
    if (status != FCR_OK)
        return status;
    if (reader->index[FCR_CONTACT_FIELD_OUTCOME] >= 0)
        read_outcome(reader, &fields[reader->index[FCR_CONTACT_FIELD_OUTCOME]]);
    if (reader->contact.outcome == FCR_OUTCOME_NONE && reader->contact.target != NULL)
        reader->contact.outcome = FCR_OUTCOME_ESCALATED;
    return FCR_OK;
}

fcr_status fcr_contact_reader_next(fcr_contact_reader *reader, const fcr_contact **out)
{
    if (reader == NULL || out == NULL)
        return fcr__error(FCR_EINVAL, "fcr_contact_reader_next: reader and out must not be NULL");
    *out = NULL;
    if (reader->stopped)
        return reader->stop_status;

    if (!reader->started) {
        reader->started = true;
        fcr_status status = read_header(reader);
        if (status != FCR_OK)
            return status;
    }

    const fcr__csv_field *fields = NULL;
    size_t count = 0;
    bool more = false;
    fcr_status status = fcr__csv_next(reader->csv, &fields, &count, &more);
    reader->line = fcr__csv_line(reader->csv);
    if (status != FCR_OK) {
        if (fcr__csv_stopped(reader->csv))
            return stop(reader, status);
        reader->row++;
        return status;
    }
    if (!more)
        return FCR_OK;

    reader->row++;
    status = read_row(reader, fields, count);
    if (status != FCR_OK)
        return status;
    *out = &reader->contact;
    return FCR_OK;
}
