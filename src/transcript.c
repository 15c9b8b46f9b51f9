/* SPDX-License-Identifier: MIT */
/* Transcripts: the handle, its turns, lists of transcripts and the
 * `fcr.transcript/1` writer. The readers are in transcript_*.c. */
#include <math.h>
#include <string.h>

#include "json.h"
#include "model.h"
#include "transcript.h"

static const char *const role_names[] = {"agent", "caller", "system"};

static const char *const format_names[] = {"json", "textgrid", "contact-lens", "abcd",
                                           "csv-dialogue"};

const char *fcr_turn_role_name(fcr_turn_role role)
{
    return (unsigned)role < FCR__ARRAY_SIZE(role_names) ? role_names[role] : NULL;
}

const char *fcr_transcript_format_name(fcr_transcript_format format)
{
    return (unsigned)format < FCR__ARRAY_SIZE(format_names) ? format_names[format] : NULL;
}

fcr_status fcr_transcript_format_from_name(fcr_transcript_format *out, const char *name)
{
    if (out == NULL || name == NULL)
        return fcr__error(FCR_EINVAL,
                          "fcr_transcript_format_from_name: out and name must not be NULL");
    for (size_t i = 0; i < FCR__ARRAY_SIZE(format_names); i++) {
        if (strcmp(format_names[i], name) == 0) {
            *out = (fcr_transcript_format)i;
            return FCR_OK;
        }
    }
    return fcr__error(FCR_ENOTFOUND,
                      "unknown transcript format '%.64s'; use json, textgrid, contact-lens, "
                      "abcd or csv-dialogue",
                      name);
}

bool fcr__transcript_valid_id(const char *id, size_t length)
{
    if (length == 0 || length > FCR__TRANSCRIPT_MAX_ID_BYTES || !fcr__utf8_valid(id, length))
        return false;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)id[i];
        if (c < 0x20 || c == 0x7f)
            return false;
    }
    return true;
}

bool fcr__seconds_to_ms(double seconds, int64_t *out)
{
    /* Seven days, the longest a call record may span. */
    const double max_seconds = 7.0 * 24 * 3600;
    if (!isfinite(seconds) || seconds < 0 || seconds > max_seconds)
        return false;
    *out = (int64_t)llround(seconds * 1000.0);
    return true;
}

void fcr__transcript_id_from_name(char *out, const char *name, const char *fallback)
{
    const char *base = name != NULL ? name : "";
    for (const char *p = base; *p != '\0'; p++) {
        if (*p == '/' || *p == '\\')
            base = p + 1;
    }
    size_t length = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot != NULL && dot != base)
        length = (size_t)(dot - base);
    if (length > FCR__TRANSCRIPT_MAX_ID_BYTES)
        length = FCR__TRANSCRIPT_MAX_ID_BYTES;
    /* Cutting may split a UTF-8 sequence; keep the valid prefix. */
    length = fcr__utf8_valid_prefix(base, length);

    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)base[i];
        out[i] = (c < 0x20 || c == 0x7f) ? '_' : (char)c;
    }
    out[length] = '\0';
    if (length == 0) {
        strncpy(out, fallback, FCR__TRANSCRIPT_MAX_ID_BYTES);
        out[FCR__TRANSCRIPT_MAX_ID_BYTES] = '\0';
    }
}

fcr_status fcr__transcript_create(fcr_transcript **out, const char *id, size_t length,
                                  fcr_transcript_format source)
{
    fcr_transcript *transcript = fcr__calloc(1, sizeof *transcript);
    if (transcript == NULL)
        return fcr__error_nomem();
    transcript->id = fcr__strndup(id, length);
    if (transcript->id == NULL) {
        fcr__free(transcript);
        return fcr__error_nomem();
    }
    transcript->started_at = FCR_TIME_NONE;
    transcript->source = source;
    *out = transcript;
    return FCR_OK;
}

fcr_status fcr_transcript_new(fcr_transcript **out, const char *id)
{
    if (out == NULL || id == NULL)
        return fcr__error(FCR_EINVAL, "fcr_transcript_new: out and id must not be NULL");
    if (!fcr__transcript_valid_id(id, strlen(id)))
        return fcr__error(FCR_EINVAL, "fcr_transcript_new: the id must be 1 to %d bytes of "
                                      "UTF-8 without control characters",
                          FCR__TRANSCRIPT_MAX_ID_BYTES);
    return fcr__transcript_create(out, id, strlen(id), FCR_TRANSCRIPT_JSON);
}

void fcr_transcript_free(fcr_transcript *transcript)
{
    if (transcript == NULL)
        return;
    for (size_t i = 0; i < transcript->turn_count; i++)
        fcr__free(transcript->turns[i].text);
    fcr__free(transcript->turns);
    fcr__free(transcript->id);
    fcr__free(transcript->agent_id);
    fcr__free(transcript->agent_role);
    fcr__free(transcript);
}

fcr_status fcr_transcript_set_started_at(fcr_transcript *transcript, fcr_time started_at)
{
    if (transcript == NULL)
        return fcr__error(FCR_EINVAL, "fcr_transcript_set_started_at: transcript must not be "
                                      "NULL");
    if (started_at < FCR_TIME_MIN || started_at > FCR_TIME_MAX)
        return fcr__error(FCR_EINVAL, "fcr_transcript_set_started_at: the start is outside "
                                      "years 0001 to 9999");
    transcript->started_at = started_at;
    return FCR_OK;
}

fcr_status fcr_transcript_set_agent(fcr_transcript *transcript, const char *agent_id,
                                    const char *role)
{
    if (transcript == NULL || agent_id == NULL || role == NULL)
        return fcr__error(FCR_EINVAL, "fcr_transcript_set_agent: transcript, agent_id and role "
                                      "must not be NULL");
    if (!fcr__transcript_valid_id(agent_id, strlen(agent_id)) ||
        !fcr__transcript_valid_id(role, strlen(role)))
        return fcr__error(FCR_EINVAL, "fcr_transcript_set_agent: the agent id and role must be "
                                      "1 to %d bytes of UTF-8 without control characters",
                          FCR__TRANSCRIPT_MAX_ID_BYTES);

    char *id_copy = fcr__strdup(agent_id);
    char *role_copy = fcr__strdup(role);
    if (id_copy == NULL || role_copy == NULL) {
        fcr__free(id_copy);
        fcr__free(role_copy);
        return fcr__error_nomem();
    }
    fcr__free(transcript->agent_id);
    fcr__free(transcript->agent_role);
    transcript->agent_id = id_copy;
    transcript->agent_role = role_copy;
    return FCR_OK;
}

fcr_status fcr__transcript_add_turn_n(fcr_transcript *transcript, fcr_turn_role role,
                                      int64_t start_ms, int64_t end_ms, const char *text,
                                      size_t length)
{
    size_t index = transcript->turn_count;
    if (index >= FCR__TRANSCRIPT_MAX_TURNS)
        return fcr__error_field(FCR_ELIMIT, "turns",
                                "transcript %.128s has more than %d turns, the limit; split it "
                                "into several calls",
                                transcript->id, FCR__TRANSCRIPT_MAX_TURNS);
    if (length > FCR__TRANSCRIPT_MAX_TURN_BYTES)
        return fcr__error_field(FCR_ELIMIT, "text",
                                "turn %zu of transcript %.128s is %zu bytes long, over the "
                                "limit of %zu bytes for one turn",
                                index, transcript->id, length, FCR__TRANSCRIPT_MAX_TURN_BYTES);
    /* Importers of CSV and TextGrid text pass raw bytes. A NUL byte would
     * cut the turn short for every C caller, and the JSON reader rejects it,
     * so a transcript written as JSON could not be read back. */
    if (length > 0 && memchr(text, '\0', length) != NULL)
        return fcr__error_field(FCR_ERECORD, "text",
                                "turn %zu of transcript %.128s contains a NUL byte, which turn "
                                "text may not contain; remove it",
                                index, transcript->id);

    fcr_status status = fcr__grow((void **)&transcript->turns, &transcript->turn_capacity,
                                  index + 1, sizeof *transcript->turns);
    if (status != FCR_OK)
        return status;
    char *copy = fcr__strndup(text, length);
    if (copy == NULL)
        return fcr__error_nomem();

    transcript->turns[index] = (fcr__turn){role, start_ms, end_ms, copy, length};
    transcript->turn_count++;
    return FCR_OK;
}

fcr_status fcr_transcript_add_turn(fcr_transcript *transcript, fcr_turn_role role,
                                   double start, double end, const char *text)
{
    if (transcript == NULL || text == NULL)
        return fcr__error(FCR_EINVAL, "fcr_transcript_add_turn: transcript and text must not "
                                      "be NULL");
    if (fcr_turn_role_name(role) == NULL)
        return fcr__error(FCR_EINVAL, "fcr_transcript_add_turn: unknown role %d; use "
                                      "FCR_TURN_AGENT, FCR_TURN_CALLER or FCR_TURN_SYSTEM",
                          (int)role);
    size_t length = strlen(text);
    if (!fcr__utf8_valid(text, length))
        return fcr__error_field(FCR_EINVAL, "text", "turn %zu: the text is not valid UTF-8",
                                transcript->turn_count);

    int64_t start_ms = FCR__OFFSET_NONE;
    int64_t end_ms = FCR__OFFSET_NONE;
    if (start >= 0 && !fcr__seconds_to_ms(start, &start_ms))
        return fcr__error_field(FCR_EINVAL, "start", "turn %zu: the start must be a finite "
                                                     "number of seconds within 7 days",
                                transcript->turn_count);
    if (end >= 0 && !fcr__seconds_to_ms(end, &end_ms))
        return fcr__error_field(FCR_EINVAL, "end", "turn %zu: the end must be a finite number "
                                                   "of seconds within 7 days",
                                transcript->turn_count);
    if (start_ms != FCR__OFFSET_NONE && end_ms != FCR__OFFSET_NONE && end_ms < start_ms)
        return fcr__error_field(FCR_EINVAL, "end",
                                "the new turn ends before it starts (start %.3f s, end %.3f s); "
                                "give an end at or after the start, or none",
                                start, end);
    return fcr__transcript_add_turn_n(transcript, role, start_ms, end_ms, text, length);
}

const char *fcr_transcript_id(const fcr_transcript *transcript)
{
    return transcript != NULL ? transcript->id : NULL;
}

fcr_time fcr_transcript_started_at(const fcr_transcript *transcript)
{
    return transcript != NULL ? transcript->started_at : FCR_TIME_NONE;
}

const char *fcr_transcript_agent_id(const fcr_transcript *transcript)
{
    return transcript != NULL ? transcript->agent_id : NULL;
}

const char *fcr_transcript_agent_role(const fcr_transcript *transcript)
{
    return transcript != NULL ? transcript->agent_role : NULL;
}

size_t fcr_transcript_turn_count(const fcr_transcript *transcript)
{
    return transcript != NULL ? transcript->turn_count : 0;
}

static const fcr__turn *turn_at(const fcr_transcript *transcript, size_t index)
{
    if (transcript == NULL || index >= transcript->turn_count)
        return NULL;
    return &transcript->turns[index];
}

fcr_turn_role fcr_transcript_turn_role(const fcr_transcript *transcript, size_t index)
{
    const fcr__turn *turn = turn_at(transcript, index);
    return turn != NULL ? turn->role : FCR_TURN_SYSTEM;
}

const char *fcr_transcript_turn_text(const fcr_transcript *transcript, size_t index)
{
    const fcr__turn *turn = turn_at(transcript, index);
    return turn != NULL ? turn->text : NULL;
}

double fcr_transcript_turn_start(const fcr_transcript *transcript, size_t index)
{
    const fcr__turn *turn = turn_at(transcript, index);
    if (turn == NULL || turn->start_ms == FCR__OFFSET_NONE)
        return -1.0;
    return (double)turn->start_ms / 1000.0;
}

double fcr_transcript_turn_end(const fcr_transcript *transcript, size_t index)
{
    const fcr__turn *turn = turn_at(transcript, index);
    if (turn == NULL || turn->end_ms == FCR__OFFSET_NONE)
        return -1.0;
    return (double)turn->end_ms / 1000.0;
}

fcr_status fcr_transcript_to_json(char **out, const fcr_transcript *transcript, unsigned flags)
{
    if (out == NULL || transcript == NULL)
        return fcr__error(FCR_EINVAL, "fcr_transcript_to_json: out and transcript must not be "
                                      "NULL");

    fcr__strbuf buffer = FCR__STRBUF_INIT;
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, &buffer, (flags & FCR_JSON_PRETTY) != 0);
    fcr__json_begin_object(&writer);
    fcr__json_key(&writer, "format");
    fcr__json_string_value(&writer, "fcr.transcript/1");
    fcr__json_key(&writer, "id");
    fcr__json_string_value(&writer, transcript->id);
    if (transcript->started_at != FCR_TIME_NONE) {
        char text[FCR_TIME_TEXT_SIZE];
        if (fcr_time_format(text, sizeof text, transcript->started_at) == FCR_OK) {
            fcr__json_key(&writer, "started_at");
            fcr__json_string_value(&writer, text);
        }
    }
    if (transcript->agent_id != NULL) {
        fcr__json_key(&writer, "agent");
        fcr__json_begin_object(&writer);
        fcr__json_key(&writer, "id");
        fcr__json_string_value(&writer, transcript->agent_id);
        fcr__json_key(&writer, "role");
        fcr__json_string_value(&writer, transcript->agent_role);
        fcr__json_end_object(&writer);
    }

    fcr__json_key(&writer, "turns");
    fcr__json_begin_array(&writer);
    for (size_t i = 0; i < transcript->turn_count; i++) {
        const fcr__turn *turn = &transcript->turns[i];
        fcr__json_begin_object(&writer);
        fcr__json_key(&writer, "role");
        fcr__json_string_value(&writer, role_names[turn->role]);
        if (turn->start_ms != FCR__OFFSET_NONE) {
            fcr__json_key(&writer, "start");
            fcr__json_double(&writer, (double)turn->start_ms / 1000.0);
        }
        if (turn->end_ms != FCR__OFFSET_NONE) {
            fcr__json_key(&writer, "end");
            fcr__json_double(&writer, (double)turn->end_ms / 1000.0);
        }
        fcr__json_key(&writer, "text");
        fcr__json_string_n(&writer, turn->text, turn->length);
        fcr__json_end_object(&writer);
    }
    fcr__json_end_array(&writer);
    fcr__json_end_object(&writer);

    fcr_status status = fcr__json_writer_status(&writer);
    if (status != FCR_OK) {
        fcr__strbuf_free(&buffer);
        return status;
    }
    char *text = fcr__strbuf_detach(&buffer);
    if (text == NULL)
        return fcr__error_nomem();
    *out = text;
    return FCR_OK;
}

/* --- lists ---------------------------------------------------------------- */

fcr_status fcr__transcript_list_add(fcr_transcript_list *list, fcr_transcript *transcript)
{
    fcr_status status =
        fcr__grow((void **)&list->items, &list->capacity, list->count + 1, sizeof *list->items);
    if (status != FCR_OK)
        return status;
    list->items[list->count++] = transcript;
    return FCR_OK;
}

void fcr_transcript_list_free(fcr_transcript_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        fcr_transcript_free(list->items[i]);
    fcr__free(list->items);
    fcr__free(list);
}

size_t fcr_transcript_list_count(const fcr_transcript_list *list)
{
    return list != NULL ? list->count : 0;
}

const fcr_transcript *fcr_transcript_list_item(const fcr_transcript_list *list, size_t index)
{
    if (list == NULL || index >= list->count)
        return NULL;
    return list->items[index];
}

fcr_status fcr_transcript_list_load(fcr_transcript_list **out, fcr_transcript_format format,
                                    const char *data, size_t length, const char *name)
{
    if (out == NULL || data == NULL)
        return fcr__error(FCR_EINVAL, "fcr_transcript_list_load: out and data must not be NULL");
    if (format == FCR_TRANSCRIPT_TEXTGRID)
        return fcr__error(FCR_EINVAL, "a TextGrid transcript is one file per speaker; read the "
                                      "pair with fcr_transcript_load_textgrid()");
    if (fcr_transcript_format_name(format) == NULL)
        return fcr__error(FCR_EINVAL, "fcr_transcript_list_load: unknown format %d",
                          (int)format);
    const char *shown = name != NULL ? name : "<transcript>";

    fcr_transcript_list *list = fcr__calloc(1, sizeof *list);
    if (list == NULL)
        return fcr__error_nomem();

    fcr_status status;
    switch (format) {
    case FCR_TRANSCRIPT_CONTACT_LENS:
        status = fcr__transcript_read_contact_lens(list, data, length, shown);
        break;
    case FCR_TRANSCRIPT_ABCD:
        status = fcr__transcript_read_abcd(list, data, length, shown);
        break;
    case FCR_TRANSCRIPT_CSV_DIALOGUE:
        status = fcr__transcript_read_csv_dialogue(list, data, length, shown);
        break;
    default:
        status = fcr__transcript_read_json(list, data, length, shown);
        break;
    }

    if (status != FCR_OK) {
        fcr_transcript_list_free(list);
        return status;
    }
    *out = list;
    return FCR_OK;
}

fcr_status fcr_transcript_list_load_file(fcr_transcript_list **out,
                                         fcr_transcript_format format, const char *path)
{
    if (out == NULL || path == NULL)
        return fcr__error(FCR_EINVAL, "fcr_transcript_list_load_file: out and path must not be "
                                      "NULL");
    if (format == FCR_TRANSCRIPT_TEXTGRID)
        return fcr__error(FCR_EINVAL, "a TextGrid transcript is one file per speaker; read the "
                                      "pair with fcr_transcript_load_textgrid_files()");

    char *data = NULL;
    size_t length = 0;
    fcr_status status = fcr__read_file(path, FCR__TRANSCRIPT_MAX_FILE_BYTES, &data, &length);
    if (status != FCR_OK)
        return status;
    status = fcr_transcript_list_load(out, format, data, length, path);
    fcr__free(data);
    return status;
}
