/* SPDX-License-Identifier: MIT */
/*
 * Importing CSV dialogue sets such as MTS-Dialog and ACI-Bench: one
 * dialogue per row, in a column named "dialogue", "dialog", "conversation"
 * or "transcript", with one turn per line that starts with a speaker tag.
 * The tags are inconsistent across and within sets, so they are mapped by
 * their letters alone (case, digits, spaces and '_' ignored):
 *
 *   "Doctor:", " Doctor_2:", "Docotr_2:", "[doctor]", "Guest_clinician:",
 *   "Nurse:", "Agent:"                              -> agent
 *   "Patient:", " Patient:", "[patient]", "[patient_guest]",
 *   "Guest_family_1:", "Gest_family:", "Caller:"    -> caller
 *
 * A line without a tag continues the turn before it. A bracketed tag that
 * maps to no role is an error; a "Word:" prefix that maps to none is taken
 * as text, because "Note:" or "Time:" may start a line of speech. The row's
 * id comes from a column named "encounter_id", "id", "dialogue_id" or
 * "convo_id"; a purely numeric id gets the input's name as a prefix, since
 * MTS-Dialog numbers the rows of each file from 0.
 */
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "transcript.h"

#define MAX_TAG_BYTES 24

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool name_is(const char *text, size_t length, const char *name)
{
    if (strlen(name) != length)
        return false;
    for (size_t i = 0; i < length; i++) {
        if (lower(text[i]) != name[i])
            return false;
    }
    return true;
}

/* Keeps the letters of a tag, lower-cased: "Guest_family_1" -> "guestfamily". */
static void tag_letters(const char *tag, size_t length, char out[MAX_TAG_BYTES + 1])
{
    size_t used = 0;
    for (size_t i = 0; i < length && used < MAX_TAG_BYTES; i++) {
        char c = lower(tag[i]);
        if (c >= 'a' && c <= 'z')
            out[used++] = c;
    }
    out[used] = '\0';
}

static bool starts_with(const char *text, const char *prefix)
{
    return strncmp(text, prefix, strlen(prefix)) == 0;
}

/* Maps a tag to a role; false when it names neither side. */
static bool tag_role(const char *tag, size_t length, fcr_turn_role *out)
{
    static const char *const agent_tags[] = {"doctor", "docotr", "dr", "clinician", "nurse",
                                             "agent", "provider", "physician", "staff"};
    static const char *const caller_tags[] = {"patient", "caller", "customer", "client",
                                              "guest", "gest", "family", "parent", "caregiver"};
    char letters[MAX_TAG_BYTES + 1];
    tag_letters(tag, length, letters);
    if (letters[0] == '\0')
        return false;

    /* A guest clinician speaks for the office, whatever the guest prefix. */
    if (strstr(letters, "clinic") != NULL) {
        *out = FCR_TURN_AGENT;
        return true;
    }
    for (size_t i = 0; i < FCR__ARRAY_SIZE(agent_tags); i++) {
        if (starts_with(letters, agent_tags[i])) {
            *out = FCR_TURN_AGENT;
            return true;
        }
    }
    for (size_t i = 0; i < FCR__ARRAY_SIZE(caller_tags); i++) {
        if (starts_with(letters, caller_tags[i])) {
            *out = FCR_TURN_CALLER;
            return true;
        }
    }
    return false;
}

typedef enum line_kind { LINE_TEXT, LINE_TURN, LINE_BAD_TAG } line_kind;

/* Reads a line's speaker tag. On LINE_TURN, *text_start is where the
 * speech starts. */
static line_kind parse_line(const char *line, size_t length, fcr_turn_role *role,
                            size_t *text_start)
{
    size_t i = 0;
    while (i < length && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i < length && line[i] == '[') {
        const char *close = memchr(line + i, ']', length - i);
        if (close == NULL || (size_t)(close - (line + i)) > MAX_TAG_BYTES + 1)
            return LINE_TEXT;
        size_t tag_start = i + 1;
        size_t tag_length = (size_t)(close - line) - tag_start;
        if (!tag_role(line + tag_start, tag_length, role))
            return LINE_BAD_TAG;
        *text_start = (size_t)(close - line) + 1;
        return LINE_TURN;
    }

    size_t tag_start = i;
    while (i < length && i - tag_start <= MAX_TAG_BYTES && line[i] != ':' &&
           ((line[i] >= 'A' && line[i] <= 'Z') || (line[i] >= 'a' && line[i] <= 'z') ||
            (line[i] >= '0' && line[i] <= '9') || line[i] == '_' || line[i] == ' ' ||
            line[i] == '-'))
        i++;
    if (i < length && line[i] == ':' && i > tag_start && tag_role(line + tag_start, i - tag_start, role)) {
        *text_start = i + 1;
        return LINE_TURN;
    }
    return LINE_TEXT;
}

static void trim(const char **text, size_t *length)
{
    while (*length > 0 && (**text == ' ' || **text == '\t' || **text == '\r')) {
        (*text)++;
        (*length)--;
    }
    while (*length > 0 && ((*text)[*length - 1] == ' ' || (*text)[*length - 1] == '\t' ||
                           (*text)[*length - 1] == '\r'))
        (*length)--;
}

typedef struct csv_reader {
    fcr__csv *csv;
    const char *name;
    size_t row; /* 1-based data row, for messages */
} csv_reader;

static fcr_status flush_turn(fcr_transcript *transcript, fcr_turn_role role, fcr__strbuf *turn,
                             bool *open)
{
    fcr_status status = FCR_OK;
    if (*open && turn->length > 0) {
        if (turn->failed)
            return fcr__error_nomem();
        status = fcr__transcript_add_turn_n(transcript, role, FCR__OFFSET_NONE, FCR__OFFSET_NONE,
                                            turn->data, turn->length);
    }
    fcr__strbuf_clear(turn);
    *open = false;
    return status;
}

static fcr_status split_dialogue(csv_reader *r, fcr_transcript *transcript,
                                 const fcr__csv_field *field)
{
    fcr__strbuf turn = FCR__STRBUF_INIT;
    fcr_turn_role role = FCR_TURN_AGENT;
    bool open = false;
    fcr_status status = FCR_OK;
    const char *data = field->data;
    size_t length = field->length;

    for (size_t start = 0, line_number = 1; start < length && status == FCR_OK; line_number++) {
        const char *newline = memchr(data + start, '\n', length - start);
        size_t end = newline != NULL ? (size_t)(newline - data) : length;
        const char *line = data + start;
        size_t line_length = end - start;
        start = end + 1;

        fcr_turn_role line_role;
        size_t text_start = 0;
        line_kind kind = parse_line(line, line_length, &line_role, &text_start);
        if (kind == LINE_BAD_TAG) {
            size_t csv_line, column;
            fcr__csv_position(r->csv, field->offset + (size_t)(line - data), &csv_line, &column);
            status = fcr__error_at(FCR_ERECORD, csv_line, column, SIZE_MAX, "dialogue",
                                   "%.200s:%zu:%zu: row %zu, dialogue line %zu: the speaker tag "
                                   "in brackets names neither the doctor's side nor the "
                                   "patient's; use a tag such as [doctor] or [patient]",
                                   r->name, csv_line, column, r->row, line_number);
            break;
        }
        const char *text = line + (kind == LINE_TURN ? text_start : 0);
        size_t text_length = line_length - (kind == LINE_TURN ? text_start : 0);
        trim(&text, &text_length);

        if (kind == LINE_TURN) {
            status = flush_turn(transcript, role, &turn, &open);
            role = line_role;
            open = true;
        } else if (!open) {
            if (text_length == 0)
                continue;
            size_t csv_line, column;
            fcr__csv_position(r->csv, field->offset + (size_t)(line - data), &csv_line, &column);
            status = fcr__error_at(FCR_ERECORD, csv_line, column, SIZE_MAX, "dialogue",
                                   "%.200s:%zu:%zu: row %zu, dialogue line %zu: speech before "
                                   "the first speaker tag; start each turn with a tag such as "
                                   "\"Doctor:\" or \"[patient]\"",
                                   r->name, csv_line, column, r->row, line_number);
            break;
        }
        if (status == FCR_OK && text_length > 0) {
            if (turn.length > 0)
                fcr__strbuf_putc(&turn, ' ');
            fcr__strbuf_append(&turn, text, text_length);
        }
    }
    if (status == FCR_OK)
        status = flush_turn(transcript, role, &turn, &open);
    fcr__strbuf_free(&turn);
    return status;
}

static bool all_digits(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
    }
    return length > 0;
}

static void row_id(const csv_reader *r, const fcr__csv_field *id_field, char *out)
{
    char stem[FCR__TRANSCRIPT_MAX_ID_BYTES + 1];
    fcr__transcript_id_from_name(stem, r->name, "dialogue");
    if (id_field == NULL || id_field->length == 0 ||
        !fcr__transcript_valid_id(id_field->data, id_field->length)) {
        snprintf(out, FCR__TRANSCRIPT_MAX_ID_BYTES + 1, "%.100s-row%zu", stem, r->row);
        return;
    }
    if (all_digits(id_field->data, id_field->length))
        snprintf(out, FCR__TRANSCRIPT_MAX_ID_BYTES + 1, "%.100s-%.*s", stem,
                 (int)(id_field->length > 20 ? 20 : id_field->length), id_field->data);
    else
        snprintf(out, FCR__TRANSCRIPT_MAX_ID_BYTES + 1, "%.*s", (int)id_field->length,
                 id_field->data);
}

static fcr_status read_rows(csv_reader *r, fcr_transcript_list *list)
{
    static const char *const dialogue_names[] = {"dialogue", "dialog", "conversation",
                                                 "transcript"};
    static const char *const id_names[] = {"encounter_id", "id", "dialogue_id", "convo_id"};

    const fcr__csv_field *fields;
    size_t count;
    bool more;
    fcr_status status = fcr__csv_next(r->csv, &fields, &count, &more);
    if (status != FCR_OK)
        return status;
    if (!more)
        return fcr__error(FCR_ERECORD, "%.200s is empty; a dialogue CSV starts with a header "
                                       "row that names a \"dialogue\" column",
                          r->name);

    size_t dialogue_column = SIZE_MAX;
    size_t id_column = SIZE_MAX;
    size_t id_rank = FCR__ARRAY_SIZE(id_names);
    for (size_t i = 0; i < count; i++) {
        for (size_t k = 0; k < FCR__ARRAY_SIZE(dialogue_names); k++) {
            if (dialogue_column == SIZE_MAX && name_is(fields[i].data, fields[i].length,
                                                       dialogue_names[k]))
                dialogue_column = i;
        }
        for (size_t k = 0; k < id_rank; k++) {
            if (name_is(fields[i].data, fields[i].length, id_names[k])) {
                id_column = i;
                id_rank = k;
            }
        }
    }
    if (dialogue_column == SIZE_MAX)
        return fcr__error_at(FCR_ERECORD, 1, 1, 0, NULL,
                             "%.200s:1:1: the header row has no \"dialogue\" column (or "
                             "\"dialog\", \"conversation\", \"transcript\")",
                             r->name);

    for (;;) {
        status = fcr__csv_next(r->csv, &fields, &count, &more);
        if (status != FCR_OK || !more)
            break;
        r->row++;
        if (dialogue_column >= count) {
            size_t line = fcr__csv_line(r->csv);
            status = fcr__error_at(FCR_ERECORD, line, 1, SIZE_MAX, "dialogue",
                                   "%.200s:%zu:1: row %zu has %zu fields and no dialogue "
                                   "column",
                                   r->name, line, r->row, count);
            break;
        }

        char id[FCR__TRANSCRIPT_MAX_ID_BYTES + 1];
        row_id(r, id_column < count ? &fields[id_column] : NULL, id);
        fcr_transcript *transcript = NULL;
        status = fcr__transcript_create(&transcript, id, strlen(id), FCR_TRANSCRIPT_CSV_DIALOGUE);
        if (status == FCR_OK)
            status = split_dialogue(r, transcript, &fields[dialogue_column]);
        if (status == FCR_OK && transcript->turn_count == 0) {
            size_t line = fcr__csv_line(r->csv);
            status = fcr__error_at(FCR_ERECORD, line, 1, SIZE_MAX, "dialogue",
                                   "%.200s:%zu:1: row %zu has an empty dialogue", r->name, line,
                                   r->row);
        }
        if (status == FCR_OK)
            status = fcr__transcript_list_add(list, transcript);
        if (status != FCR_OK) {
            fcr_transcript_free(transcript);
            break;
        }
    }
    return status;
}

fcr_status fcr__transcript_read_csv_dialogue(fcr_transcript_list *list, const char *data,
                                             size_t length, const char *name)
{
    csv_reader r = {NULL, name, 0};
    fcr_status status = fcr__csv_new_buffer(&r.csv, data, length, name);
    if (status != FCR_OK)
        return status;
    status = read_rows(&r, list);
    fcr__csv_free(r.csv);

    if (status == FCR_OK && list->count == 0)
        status = fcr__error(FCR_ERECORD, "%.200s has a header row but no dialogue rows", name);
    return status;
}
