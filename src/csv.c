/* SPDX-License-Identifier: MIT */
/* Streaming RFC 4180 CSV reader; see csv.h. */
#include <errno.h>
#include <string.h>

#include "csv.h"

#define CHUNK_SIZE ((size_t)1 << 20)

struct fcr__csv {
    char *name;
    FILE *file;          /* owned; NULL for a buffer */
    const char *source;  /* borrowed buffer, or NULL */
    size_t source_length;

    char *data;          /* window of a file; for a buffer, points at `source` */
    size_t start;        /* first byte not read yet */
    size_t end;          /* bytes valid in data */
    size_t capacity;
    bool eof;
    bool first;          /* nothing read yet: a byte-order mark may follow */
    bool stopped;
    fcr_status stop_status;

    size_t line;         /* line of the next unread byte */
    size_t record_line;  /* line of the record last returned */
    const char *record;  /* the record last returned, valid until the next call */

    fcr__csv_field *fields;
    size_t field_capacity;
    fcr__strbuf unescaped; /* contents of fields with doubled quotes */
};

static fcr_status csv_alloc(fcr__csv **out, const char *name)
{
    fcr__csv *csv = fcr__calloc(1, sizeof *csv);
    if (csv == NULL)
        return fcr__error_nomem();
    csv->name = fcr__strdup(name != NULL ? name : "<input>");
    if (csv->name == NULL) {
        fcr__free(csv);
        return fcr__error_nomem();
    }
    csv->first = true;
    csv->line = 1;
    *out = csv;
    return FCR_OK;
}

fcr_status fcr__csv_new_file(fcr__csv **out, FILE *file, const char *name)
{
    fcr__csv *csv = NULL;
    fcr_status status = csv_alloc(&csv, name);
    if (status != FCR_OK)
        return status;
    csv->file = file;
    *out = csv;
    return FCR_OK;
}

fcr_status fcr__csv_new_buffer(fcr__csv **out, const char *data, size_t length, const char *name)
{
    fcr__csv *csv = NULL;
    fcr_status status = csv_alloc(&csv, name);
    if (status != FCR_OK)
        return status;
    csv->source = data;
    csv->source_length = length;
    csv->data = (char *)data; /* read only: records are never changed in place */
    csv->end = length;
    csv->eof = true;
    *out = csv;
    return FCR_OK;
}

void fcr__csv_free(fcr__csv *csv)
{
    if (csv == NULL)
        return;
    if (csv->file != NULL) {
        fclose(csv->file);
        fcr__free(csv->data);
    }
    fcr__free(csv->fields);
    fcr__strbuf_free(&csv->unescaped);
    fcr__free(csv->name);
    fcr__free(csv);
}

static void position_of(const char *record, size_t offset, size_t line, size_t *out_line,
                        size_t *out_column)
{
    size_t line_start = 0;
    for (size_t i = 0; i < offset; i++) {
        if (record[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    }
    *out_line = line;
    *out_column = offset - line_start + 1;
}

void fcr__csv_position(const fcr__csv *csv, size_t offset, size_t *line, size_t *column)
{
    position_of(csv->record, offset, csv->record_line, line, column);
}

size_t fcr__csv_line(const fcr__csv *csv) { return csv->record_line; }
bool fcr__csv_stopped(const fcr__csv *csv) { return csv->stopped; }

static fcr_status stop(fcr__csv *csv, fcr_status status)
{
    csv->stopped = true;
    csv->stop_status = status;
    return status;
}

/* Moves the unread bytes to the front and reads more. */
static fcr_status refill(fcr__csv *csv)
{
    if (csv->file == NULL || csv->eof) {
        csv->eof = true;
        return FCR_OK;
    }

    size_t unread = csv->end - csv->start;
    if (csv->start > 0 && unread > 0)
        memmove(csv->data, csv->data + csv->start, unread);
    csv->start = 0;
    csv->end = unread;

    if (csv->capacity - csv->end < CHUNK_SIZE / 2) {
        if (unread > FCR__CSV_MAX_RECORD)
            return stop(csv, fcr__error_at(FCR_ELIMIT, csv->line, 1, SIZE_MAX, "",
                                           "%.200s: line %zu: a record is longer than %zu bytes",
                                           csv->name, csv->line, FCR__CSV_MAX_RECORD));
        size_t capacity = csv->capacity == 0 ? CHUNK_SIZE : csv->capacity * 2;
        char *grown = fcr__realloc(csv->data, capacity);
        if (grown == NULL)
            return stop(csv, fcr__error_nomem());
        csv->data = grown;
        csv->capacity = capacity;
    }

    size_t got = fread(csv->data + csv->end, 1, csv->capacity - csv->end, csv->file);
    if (got == 0) {
        if (ferror(csv->file))
            return stop(csv, fcr__error(FCR_EIO, "cannot read %.200s: %s", csv->name,
                                        strerror(errno)));
        csv->eof = true;
    }
    csv->end += got;
    return FCR_OK;
}

/* Finds the end of the record that starts at csv->start: the offset of its
 * line feed, or csv->end when the input ends first. Sets *complete to false
 * when more input is needed. */
static size_t find_record_end(const fcr__csv *csv, bool *in_quotes_at_end, bool *complete,
                              bool *has_quote)
{
    const char *data = csv->data;
    size_t i = csv->start, end = csv->end;
    bool in_quotes = false;
    bool field_start = true;

    /* Most records have no quote: then the record ends at the next line
     * feed, which memchr() finds much faster than the loop below. */
    /* data is NULL before the first read, and memchr() must not get NULL. */
    const char *line_feed = end > i ? memchr(data + i, '\n', end - i) : NULL;
    size_t line_end = line_feed != NULL ? (size_t)(line_feed - data) : end;
    *has_quote = line_end > i && memchr(data + i, '"', line_end - i) != NULL;
    if (!*has_quote && (line_feed != NULL || csv->eof)) {
        *complete = true;
        *in_quotes_at_end = false;
        return line_end;
    }

    /* A quote opens a quoted field only at the start of a field, so a stray
     * quote inside an unquoted field spoils its row and no more. */
    while (i < end) {
        char c = data[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 == end && !csv->eof) {
                    *complete = false;
                    return i;
                }
                if (i + 1 < end && data[i + 1] == '"')
                    i++;
                else
                    in_quotes = false;
            }
            i++;
            continue;
        }
        if (c == '\n') {
            *complete = true;
            *in_quotes_at_end = false;
            return i;
        }
        if (c == '"' && field_start)
            in_quotes = true;
        field_start = c == ',';
        i++;
    }
    *complete = csv->eof;
    *in_quotes_at_end = in_quotes;
    return end;
}

/* Line and column of byte `offset` of the record that starts at `record`
 * on line `line`. */
static fcr_status record_error(const fcr__csv *csv, const char *record, size_t offset,
                               const char *what)
{
    size_t line, column;
    position_of(record, offset, csv->record_line, &line, &column);
    return fcr__error_at(FCR_EPARSE, line, column, SIZE_MAX, "",
                         "%.200s: line %zu, column %zu: %s", csv->name, line, column, what);
}

static fcr_status add_field(fcr__csv *csv, size_t *count, size_t offset,
                            const char *data, size_t length)
{
    fcr_status status = fcr__grow((void **)&csv->fields, &csv->field_capacity, *count + 1,
                                  sizeof *csv->fields);
    if (status != FCR_OK)
        return status;
    fcr__csv_field *field = &csv->fields[(*count)++];
    field->data = data;
    field->length = length;
    field->offset = offset;
    return FCR_OK;
}

/* Splits a complete record of `length` bytes (line end removed) into
 * fields. Fields with doubled quotes are unescaped into csv->unescaped and
 * pointed at once the record is done, because that buffer may move. */
static fcr_status split_record(fcr__csv *csv, const char *record, size_t length, size_t *count)
{
    size_t i = 0;
    *count = 0;
    fcr__strbuf_clear(&csv->unescaped);

    bool any_unescaped = false;

    for (;;) {
        size_t field_start = i;
        fcr_status status;
        if (i < length && record[i] == '"') {
            size_t j = i + 1;
            bool doubled = false;
            for (;;) {
                if (j >= length)
                    return record_error(csv, record, i, "a quoted field never ends");
                if (record[j] == '"') {
                    if (j + 1 < length && record[j + 1] == '"') {
                        doubled = true;
                        j += 2;
                        continue;
                    }
                    break;
                }
                j++;
            }
            if (j + 1 < length && record[j + 1] != ',')
                return record_error(csv, record, j + 1,
                                    "text follows a closing quote; a quote inside a quoted "
                                    "field must be doubled");
            if (doubled) {
                size_t at = csv->unescaped.length;
                for (size_t k = i + 1; k < j; k++) {
                    if (record[k] == '"')
                        k++;
                    fcr__strbuf_putc(&csv->unescaped, record[k]);
                }
                if (csv->unescaped.failed)
                    return fcr__error_nomem();
                status = add_field(csv, count, field_start, NULL,
                                   csv->unescaped.length - at);
                if (status == FCR_OK)
                    csv->fields[*count - 1].unescaped_at = at;
                any_unescaped = true;
            } else {
                status = add_field(csv, count, field_start + 1, record + i + 1, j - i - 1);
            }
            if (status != FCR_OK)
                return status;
            i = j + 1;
        } else {
            size_t j = i;
            while (j < length && record[j] != ',') {
                if (record[j] == '"')
                    return record_error(csv, record, j,
                                        "a quote inside an unquoted field; quote the whole "
                                        "field and double the quote");
                j++;
            }
            status = add_field(csv, count, field_start, record + i, j - i);
            if (status != FCR_OK)
                return status;
            i = j;
        }

        if (i >= length)
            break;
        i++; /* the comma */
        if (i == length) {
            fcr_status last = add_field(csv, count, i, record + i, 0);
            if (last != FCR_OK)
                return last;
            break;
        }
    }

    if (any_unescaped) {
        /* The unescaped buffer no longer moves, so its fields can point in. */
        for (size_t f = 0; f < *count; f++) {
            if (csv->fields[f].data == NULL)
                csv->fields[f].data = csv->unescaped.data + csv->fields[f].unescaped_at;
        }
    }
    return FCR_OK;
}

/* Splits a record without quotes: every field is the text between commas. */
static fcr_status split_plain_record(fcr__csv *csv, const char *record, size_t length,
                                     size_t *count)
{
    size_t i = 0;
    *count = 0;
    for (;;) {
        const char *comma = memchr(record + i, ',', length - i);
        size_t field_end = comma != NULL ? (size_t)(comma - record) : length;
        fcr_status status = add_field(csv, count, i, record + i, field_end - i);
        if (status != FCR_OK)
            return status;
        if (comma == NULL)
            return FCR_OK;
        i = field_end + 1;
    }
}

fcr_status fcr__csv_next(fcr__csv *csv, const fcr__csv_field **fields, size_t *count, bool *more)
{
    if (csv->stopped)
        return csv->stop_status;

    for (;;) {
        bool complete = false, open_quote = false, has_quote = false;
        size_t record_end = find_record_end(csv, &open_quote, &complete, &has_quote);
        if (!complete) {
            fcr_status status = refill(csv);
            if (status != FCR_OK)
                return status;
            continue;
        }

        if (csv->first) {
            csv->first = false;
            if (csv->end - csv->start >= 3 && memcmp(csv->data + csv->start, "\xEF\xBB\xBF", 3) == 0) {
                csv->start += 3;
                continue;
            }
        }

        if (csv->start == csv->end) {
            *more = false;
            *count = 0;
            return FCR_OK;
        }

        const char *record = csv->data + csv->start;
        csv->record = record;
        size_t length = record_end - csv->start;
        size_t next = record_end < csv->end ? record_end + 1 : record_end;
        csv->record_line = csv->line;
        /* Only a quoted field can hold a line feed. */
        for (size_t i = 0; has_quote && i < length; i++)
            csv->line += record[i] == '\n';
        if (record_end < csv->end)
            csv->line++;
        csv->start = next;

        if (open_quote)
            return stop(csv, fcr__error_at(FCR_EPARSE, csv->record_line, 1, SIZE_MAX, "",
                                           "%.200s: line %zu: a quoted field never ends; close "
                                           "the quote", csv->name, csv->record_line));

        if (length > 0 && record[length - 1] == '\r')
            length--;
        if (length == 0)
            continue; /* empty line */

        size_t valid = fcr__utf8_valid_prefix(record, length);
        if (valid != length)
            return record_error(csv, record, valid, "invalid UTF-8");

        fcr_status status = has_quote ? split_record(csv, record, length, count)
                                      : split_plain_record(csv, record, length, count);
        if (status != FCR_OK)
            return status;
        *fields = csv->fields;
        *more = true;
        return FCR_OK;
    }
}
