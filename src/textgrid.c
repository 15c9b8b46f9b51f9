/* SPDX-License-Identifier: MIT */
/*
 * Reading Praat TextGrid files, one per speaker, into one transcript.
 *
 * Praat writes a TextGrid as a text of values: the long format labels each
 * value ("xmin = 0", "intervals [1]:"), the short format writes the values
 * alone. Both give the same sequence of strings, numbers and <flags>, so the
 * reader skips labels and brackets and reads that sequence:
 *
 *   "ooTextFile" "TextGrid" xmin xmax <exists> tier-count
 *   per tier: class name xmin xmax item-count
 *     IntervalTier items: xmin xmax text
 *     TextTier items:     time mark
 *
 * Strings are in double quotes with "" for a quote. Files saved by Praat as
 * UTF-16 (with a byte-order mark) are converted to UTF-8 first, so line and
 * column numbers of such files count in the converted text.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_read.h"
#include "transcript.h"

typedef enum token_kind { TOKEN_END, TOKEN_STRING, TOKEN_NUMBER, TOKEN_FLAG } token_kind;

typedef struct scanner {
    const char *data;
    size_t length;
    size_t pos;
    size_t line;
    size_t line_start;
    const char *name;      /* file or "agent"/"caller" with the id, for messages */
    fcr__strbuf text;      /* the current string, quotes undone */
    double number;
    size_t token_line;     /* position of the current token */
    size_t token_column;
    size_t token_offset;
} scanner;

/* One interval of either speaker, before the two are merged. */
typedef struct interval {
    fcr_turn_role role;
    int64_t start_ms;
    int64_t end_ms;
    size_t order; /* input order, so that sorting is stable */
    char *text;   /* cleaned; NULL for an interval left empty */
    size_t length;
} interval;

typedef struct interval_list {
    interval *items;
    size_t count;
    size_t capacity;
} interval_list;

static fcr_status scan_fail(scanner *s, fcr_status status, const char *format, ...)
    FCR__PRINTF(3, 4);

static fcr_status scan_fail(scanner *s, fcr_status status, const char *format, ...)
{
    char detail[400];
    va_list args;
    va_start(args, format);
    vsnprintf(detail, sizeof detail, format, args);
    va_end(args);
    return fcr__error_at(status, s->token_line, s->token_column, s->token_offset, NULL,
                         "%.200s:%zu:%zu: %s", s->name, s->token_line, s->token_column, detail);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static void advance(scanner *s)
{
    if (s->data[s->pos] == '\n') {
        s->line++;
        s->line_start = s->pos + 1;
    }
    s->pos++;
}

static void mark_token(scanner *s)
{
    s->token_line = s->line;
    s->token_column = s->pos - s->line_start + 1;
    s->token_offset = s->pos;
}

static fcr_status scan_string(scanner *s)
{
    fcr__strbuf_clear(&s->text);
    advance(s); /* the opening quote */
    for (;;) {
        if (s->pos >= s->length)
            return scan_fail(s, FCR_EPARSE, "the file ends inside this string; it is truncated");
        const char *start = s->data + s->pos;
        const char *quote = memchr(start, '"', s->length - s->pos);
        size_t run = quote != NULL ? (size_t)(quote - start) : s->length - s->pos;
        if (s->text.length + run > FCR__TRANSCRIPT_MAX_TURN_BYTES)
            return scan_fail(s, FCR_ELIMIT, "this string is over %zu bytes, the limit for one "
                                            "interval",
                             FCR__TRANSCRIPT_MAX_TURN_BYTES);
        if (fcr__strbuf_append(&s->text, start, run) != FCR_OK)
            return FCR_ENOMEM;
        for (size_t i = 0; i < run; i++)
            advance(s);
        if (quote == NULL)
            continue;
        advance(s); /* the quote */
        if (s->pos < s->length && s->data[s->pos] == '"') {
            if (fcr__strbuf_putc(&s->text, '"') != FCR_OK)
                return FCR_ENOMEM;
            advance(s);
            continue;
        }
        break;
    }

    size_t valid = fcr__utf8_valid_prefix(s->text.data != NULL ? s->text.data : "", s->text.length);
    if (valid != s->text.length)
        return scan_fail(s, FCR_EPARSE, "this string is not valid UTF-8 (byte %zu of it); save "
                                        "the TextGrid as UTF-8",
                         valid + 1);
    // NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker): length > 0 means data is set
    if (s->text.length > 0 && memchr(s->text.data, '\0', s->text.length) != NULL)
        return scan_fail(s, FCR_EPARSE, "this string contains a NUL byte, which transcript "
                                        "text may not contain");
    return FCR_OK;
}

/* Whether the word [start, end) is a number in Praat's notation. */
static bool parse_number(const char *start, size_t length, double *out)
{
    char buffer[64];
    if (length == 0 || length >= sizeof buffer)
        return false;
    size_t i = 0;
    if (start[i] == '-' || start[i] == '+')
        i++;
    size_t digits = 0;
    while (i < length && start[i] >= '0' && start[i] <= '9')
        i++, digits++;
    if (i < length && start[i] == '.') {
        i++;
        while (i < length && start[i] >= '0' && start[i] <= '9')
            i++, digits++;
    }
    if (digits == 0)
        return false;
    if (i < length && (start[i] == 'e' || start[i] == 'E')) {
        i++;
        if (i < length && (start[i] == '-' || start[i] == '+'))
            i++;
        size_t exponent_digits = 0;
        while (i < length && start[i] >= '0' && start[i] <= '9')
            i++, exponent_digits++;
        if (exponent_digits == 0)
            return false;
    }
    if (i != length)
        return false;
    /* A JSON number needs a digit before '.', and Praat always writes one. */
    memcpy(buffer, start, length);
    buffer[length] = '\0';
    const char *text = buffer[0] == '+' ? buffer + 1 : buffer;
    return fcr__json_text_double(text, strlen(text), out);
}

/* Reads the next value, skipping labels ("xmin", "=", "intervals:") and
 * bracketed indexes ("[1]"). */
static fcr_status scan_next(scanner *s, token_kind *kind)
{
    for (;;) {
        while (s->pos < s->length && is_space(s->data[s->pos]))
            advance(s);
        mark_token(s);
        if (s->pos >= s->length) {
            *kind = TOKEN_END;
            return FCR_OK;
        }

        char c = s->data[s->pos];
        if (c == '"') {
            *kind = TOKEN_STRING;
            return scan_string(s);
        }
        if (c == '[') {
            while (s->pos < s->length && s->data[s->pos] != ']' && s->data[s->pos] != '\n')
                advance(s);
            if (s->pos < s->length && s->data[s->pos] == ']')
                advance(s);
            continue;
        }

        size_t start = s->pos;
        while (s->pos < s->length && !is_space(s->data[s->pos]) && s->data[s->pos] != '"' &&
               s->data[s->pos] != '[')
            advance(s);
        const char *word = s->data + start;
        size_t length = s->pos - start;
        if (length >= 2 && word[0] == '<' && word[length - 1] == '>') {
            *kind = TOKEN_FLAG;
            s->number = fcr__key_is(word, length, "<exists>") ? 1.0 : 0.0;
            return FCR_OK;
        }
        if (parse_number(word, length, &s->number)) {
            *kind = TOKEN_NUMBER;
            return FCR_OK;
        }
        /* Anything else is a label. */
    }
}

static const char *kind_name(token_kind kind)
{
    switch (kind) {
    case TOKEN_STRING: return "a string";
    case TOKEN_NUMBER: return "a number";
    case TOKEN_FLAG: return "a flag such as <exists>";
    default: return "the end of the file";
    }
}

static fcr_status expect(scanner *s, token_kind wanted, const char *what)
{
    token_kind kind;
    fcr_status status = scan_next(s, &kind);
    if (status != FCR_OK)
        return status;
    if (kind == wanted)
        return FCR_OK;
    if (kind == TOKEN_END)
        return scan_fail(s, FCR_EPARSE, "the file ends where %s was expected; it is truncated, "
                                        "or a size in it is larger than its items",
                         what);
    return scan_fail(s, FCR_EPARSE, "expected %s, found %s; a size in the file may not match "
                                    "its items",
                     what, kind_name(kind));
}

static fcr_status expect_count(scanner *s, const char *what, size_t *out)
{
    fcr_status status = expect(s, TOKEN_NUMBER, what);
    if (status != FCR_OK)
        return status;
    if (s->number < 0 || s->number > (double)FCR__TRANSCRIPT_MAX_TURNS * 4 ||
        s->number != (double)(size_t)s->number)
        return scan_fail(s, FCR_ELIMIT, "%s must be a whole number from 0 to %d",
                         what, FCR__TRANSCRIPT_MAX_TURNS * 4);
    *out = (size_t)s->number;
    return FCR_OK;
}

static fcr_status expect_time(scanner *s, const char *what, int64_t *out)
{
    fcr_status status = expect(s, TOKEN_NUMBER, what);
    if (status != FCR_OK)
        return status;
    if (!fcr__seconds_to_ms(s->number, out))
        return scan_fail(s, FCR_ERECORD, "%s must be a number of seconds from 0 to 604800 "
                                         "(7 days)",
                         what);
    return FCR_OK;
}

static bool is_tag_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-';
}

/* Returns the length of a transcriber tag such as <UNSURE>, </UNSURE> or
 * <UNIN/> at text[0], or 0 when text does not start with one. */
static size_t tag_length(const char *text, size_t length)
{
    size_t i = 1;
    if (i < length && text[i] == '/')
        i++;
    size_t name_start = i;
    while (i < length && is_tag_char(text[i]))
        i++;
    if (i == name_start)
        return 0;
    if (i < length && text[i] == '/')
        i++;
    if (i < length && text[i] == '>')
        return i + 1;
    return 0;
}

/* Copies text without transcriber tags, with runs of whitespace made one
 * space and no space at either end. Returns NULL with *length 0 when
 * nothing is left; sets *failed on allocation failure. */
static char *clean_text(const char *text, size_t length, size_t *out_length, bool *failed)
{
    char *clean = fcr__malloc(length + 1);
    if (clean == NULL) {
        *failed = true;
        return NULL;
    }
    size_t used = 0;
    bool space_due = false;
    for (size_t i = 0; i < length;) {
        size_t tag = text[i] == '<' ? tag_length(text + i, length - i) : 0;
        if (tag > 0) {
            space_due = used > 0;
            i += tag;
            continue;
        }
        if (is_space(text[i])) {
            space_due = used > 0;
            i++;
            continue;
        }
        if (space_due)
            clean[used++] = ' ';
        space_due = false;
        clean[used++] = text[i++];
    }
    clean[used] = '\0';
    *out_length = used;
    if (used == 0) {
        fcr__free(clean);
        return NULL;
    }
    return clean;
}

static fcr_status add_interval(interval_list *list, fcr_turn_role role, int64_t start_ms,
                               int64_t end_ms, const char *text, size_t length)
{
    bool failed = false;
    size_t clean_length = 0;
    char *clean = clean_text(text, length, &clean_length, &failed);
    if (failed)
        return fcr__error_nomem();
    if (clean == NULL)
        return FCR_OK;

    fcr_status status = fcr__grow((void **)&list->items, &list->capacity, list->count + 1,
                                  sizeof *list->items);
    if (status != FCR_OK) {
        fcr__free(clean);
        return status;
    }
    list->items[list->count] = (interval){role, start_ms, end_ms, list->count, clean, clean_length};
    list->count++;
    return FCR_OK;
}

static fcr_status read_tier(scanner *s, fcr_turn_role role, size_t tier, interval_list *list)
{
    char what[96];
    fcr_status status = expect(s, TOKEN_STRING, "the class of a tier");
    if (status != FCR_OK)
        return status;
    bool points = fcr__key_is(s->text.data, s->text.length, "TextTier");
    if (!points && !fcr__key_is(s->text.data, s->text.length, "IntervalTier"))
        return scan_fail(s, FCR_EPARSE, "tier %zu has an unknown class; a TextGrid tier is an "
                                        "IntervalTier or a TextTier",
                         tier);

    int64_t tier_start, tier_end;
    size_t count = 0;
    status = expect(s, TOKEN_STRING, "the name of a tier");
    if (status == FCR_OK)
        status = expect_time(s, "the tier's xmin", &tier_start);
    if (status == FCR_OK)
        status = expect_time(s, "the tier's xmax", &tier_end);
    if (status == FCR_OK)
        status = expect_count(s, "the tier's size", &count);

    int64_t previous = 0;
    for (size_t i = 1; i <= count && status == FCR_OK; i++) {
        int64_t start = 0, end = 0;
        snprintf(what, sizeof what, "the start of item %zu of tier %zu", i, tier);
        status = expect_time(s, what, &start);
        if (status == FCR_OK && !points) {
            snprintf(what, sizeof what, "the end of interval %zu of tier %zu", i, tier);
            status = expect_time(s, what, &end);
        } else {
            end = start;
        }
        if (status == FCR_OK) {
            snprintf(what, sizeof what, "the text of item %zu of tier %zu", i, tier);
            status = expect(s, TOKEN_STRING, what);
        }
        if (status != FCR_OK)
            break;
        if (end < start)
            return scan_fail(s, FCR_ERECORD, "item %zu of tier %zu ends before it starts", i,
                             tier);
        if (start < previous)
            return scan_fail(s, FCR_ERECORD, "item %zu of tier %zu starts before the item "
                                             "before it; TextGrid items are in time order",
                             i, tier);
        previous = start;
        status = add_interval(list, role, start, end, s->text.data != NULL ? s->text.data : "",
                              s->text.length);
    }
    return status;
}

static fcr_status read_textgrid(scanner *s, fcr_turn_role role, interval_list *list)
{
    fcr_status status = expect(s, TOKEN_STRING, "the file type \"ooTextFile\"");
    if (status == FCR_OK && !fcr__key_is(s->text.data, s->text.length, "ooTextFile"))
        status = scan_fail(s, FCR_EPARSE, "this is not a Praat text file; its file type must be "
                                          "\"ooTextFile\" (binary TextGrids are not read)");
    if (status == FCR_OK)
        status = expect(s, TOKEN_STRING, "the object class \"TextGrid\"");
    if (status == FCR_OK && !fcr__key_is(s->text.data, s->text.length, "TextGrid"))
        status = scan_fail(s, FCR_EPARSE, "this Praat file is not a TextGrid");

    int64_t start, end;
    if (status == FCR_OK)
        status = expect_time(s, "the TextGrid's xmin", &start);
    if (status == FCR_OK)
        status = expect_time(s, "the TextGrid's xmax", &end);
    if (status == FCR_OK)
        status = expect(s, TOKEN_FLAG, "<exists>");
    if (status != FCR_OK)
        return status;
    if (s->number == 0.0)
        return scan_fail(s, FCR_ERECORD, "the TextGrid has no tiers, so it has no speech");

    size_t tiers = 0;
    status = expect_count(s, "the number of tiers", &tiers);
    for (size_t tier = 1; tier <= tiers && status == FCR_OK; tier++)
        status = read_tier(s, role, tier, list);
    if (status != FCR_OK)
        return status;

    token_kind kind;
    status = scan_next(s, &kind);
    if (status == FCR_OK && kind != TOKEN_END)
        status = scan_fail(s, FCR_EPARSE, "found %s after the last tier; a size in the file is "
                                          "smaller than its items",
                           kind_name(kind));
    return status;
}

/* Converts UTF-16 with a byte-order mark to UTF-8. Returns false when the
 * input is not UTF-16; on success *out owns the text (free with fcr__free). */
static fcr_status from_utf16(const char *data, size_t length, const char *name, bool *converted,
                             char **out, size_t *out_length)
{
    *converted = false;
    if (length < 2)
        return FCR_OK;
    const unsigned char *bytes = (const unsigned char *)data;
    bool big = bytes[0] == 0xfe && bytes[1] == 0xff;
    bool little = bytes[0] == 0xff && bytes[1] == 0xfe;
    if (!big && !little)
        return FCR_OK;
    if (length % 2 != 0)
        return fcr__error(FCR_EPARSE, "%.200s: a UTF-16 file has an odd number of bytes; it is "
                                      "truncated",
                          name);

    fcr__strbuf buffer = FCR__STRBUF_INIT;
    for (size_t i = 2; i + 1 < length; i += 2) {
        uint32_t unit = big ? (uint32_t)(bytes[i] << 8 | bytes[i + 1])
                            : (uint32_t)(bytes[i + 1] << 8 | bytes[i]);
        uint32_t code = unit;
        if (unit >= 0xd800 && unit <= 0xdbff && i + 3 < length) {
            uint32_t low = big ? (uint32_t)(bytes[i + 2] << 8 | bytes[i + 3])
                               : (uint32_t)(bytes[i + 3] << 8 | bytes[i + 2]);
            if (low >= 0xdc00 && low <= 0xdfff) {
                code = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                i += 2;
            }
        }
        if (code >= 0xd800 && code <= 0xdfff) {
            fcr__strbuf_free(&buffer);
            return fcr__error(FCR_EPARSE, "%.200s: invalid UTF-16 at byte %zu (an unpaired "
                                          "surrogate)",
                              name, i);
        }
        char encoded[4];
        size_t n = fcr__utf8_encode(code, encoded);
        fcr__strbuf_append(&buffer, encoded, n);
    }
    size_t converted_length = buffer.length;
    char *text = fcr__strbuf_detach(&buffer);
    if (text == NULL)
        return fcr__error_nomem();
    *converted = true;
    *out = text;
    *out_length = converted_length;
    return FCR_OK;
}

static fcr_status read_speaker(const char *data, size_t length, const char *name,
                               fcr_turn_role role, interval_list *list)
{
    char *converted_text = NULL;
    size_t converted_length = 0;
    bool converted = false;
    fcr_status status = from_utf16(data, length, name, &converted, &converted_text,
                                   &converted_length);
    if (status != FCR_OK)
        return status;
    if (converted) {
        data = converted_text;
        length = converted_length;
    } else if (length >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
        data += 3;
        length -= 3;
    }

    scanner s;
    memset(&s, 0, sizeof s);
    s.data = data;
    s.length = length;
    s.line = 1;
    s.name = name;
    s.text = (fcr__strbuf)FCR__STRBUF_INIT;
    status = read_textgrid(&s, role, list);
    fcr__strbuf_free(&s.text);
    fcr__free(converted_text);
    return status;
}

static int compare_intervals(const void *left, const void *right)
{
    const interval *a = left;
    const interval *b = right;
    if (a->start_ms != b->start_ms)
        return a->start_ms < b->start_ms ? -1 : 1;
    return a->order < b->order ? -1 : (a->order > b->order ? 1 : 0);
}

/* Sorts the intervals by start and joins consecutive ones of one speaker. */
static fcr_status merge_turns(fcr_transcript *transcript, interval_list *list)
{
    if (list->count > 1)
        qsort(list->items, list->count, sizeof *list->items, compare_intervals);

    fcr__strbuf joined = FCR__STRBUF_INIT;
    fcr_status status = FCR_OK;
    for (size_t i = 0; i < list->count && status == FCR_OK;) {
        const interval *first = &list->items[i];
        int64_t end = first->end_ms;
        fcr__strbuf_clear(&joined);
        size_t j = i;
        for (; j < list->count && list->items[j].role == first->role; j++) {
            if (j > i)
                fcr__strbuf_putc(&joined, ' ');
            fcr__strbuf_append(&joined, list->items[j].text, list->items[j].length);
            if (list->items[j].end_ms > end)
                end = list->items[j].end_ms;
        }
        if (joined.failed)
            status = fcr__error_nomem();
        else
            status = fcr__transcript_add_turn_n(transcript, first->role, first->start_ms, end,
                                                joined.data, joined.length);
        i = j;
    }
    fcr__strbuf_free(&joined);
    return status;
}

static void intervals_free(interval_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        fcr__free(list->items[i].text);
    fcr__free(list->items);
}

static fcr_status load_pair(fcr_transcript **out, const char *agent, size_t agent_length,
                            const char *agent_name, const char *caller, size_t caller_length,
                            const char *caller_name, const char *id)
{
    interval_list list = {NULL, 0, 0};
    fcr_status status = read_speaker(agent, agent_length, agent_name, FCR_TURN_AGENT, &list);
    if (status == FCR_OK)
        status = read_speaker(caller, caller_length, caller_name, FCR_TURN_CALLER, &list);

    fcr_transcript *transcript = NULL;
    if (status == FCR_OK)
        status = fcr__transcript_create(&transcript, id, strlen(id), FCR_TRANSCRIPT_TEXTGRID);
    if (status == FCR_OK)
        status = merge_turns(transcript, &list);
    intervals_free(&list);

    if (status == FCR_OK && transcript->turn_count == 0)
        status = fcr__error(FCR_ERECORD, "transcript %.128s: neither TextGrid has an interval "
                                         "with text",
                            id);
    if (status != FCR_OK) {
        fcr_transcript_free(transcript);
        return status;
    }
    *out = transcript;
    return FCR_OK;
}

fcr_status fcr_transcript_load_textgrid(fcr_transcript **out, const char *agent,
                                        size_t agent_length, const char *caller,
                                        size_t caller_length, const char *id)
{
    if (out == NULL || agent == NULL || caller == NULL || id == NULL)
        return fcr__error(FCR_EINVAL, "fcr_transcript_load_textgrid: out, agent, caller and id "
                                      "must not be NULL");
    if (!fcr__transcript_valid_id(id, strlen(id)))
        return fcr__error(FCR_EINVAL, "fcr_transcript_load_textgrid: the id must be 1 to %d "
                                      "bytes of UTF-8 without control characters",
                          FCR__TRANSCRIPT_MAX_ID_BYTES);

    char agent_name[FCR__TRANSCRIPT_MAX_ID_BYTES + 16];
    char caller_name[FCR__TRANSCRIPT_MAX_ID_BYTES + 16];
    snprintf(agent_name, sizeof agent_name, "%s (agent)", id);
    snprintf(caller_name, sizeof caller_name, "%s (caller)", id);
    return load_pair(out, agent, agent_length, agent_name, caller, caller_length, caller_name, id);
}

/* The call id of a pair: the agent file's base name without its extension
 * and a speaker suffix. */
static void pair_id(char *out, const char *agent_path)
{
    static const char *const suffixes[] = {"_doctor", "_agent", "_staff", "-doctor", "-agent"};
    fcr__transcript_id_from_name(out, agent_path, "textgrid");
    size_t length = strlen(out);
    for (size_t i = 0; i < FCR__ARRAY_SIZE(suffixes); i++) {
        size_t suffix = strlen(suffixes[i]);
        if (length > suffix && strcmp(out + length - suffix, suffixes[i]) == 0) {
            out[length - suffix] = '\0';
            break;
        }
    }
}

fcr_status fcr_transcript_load_textgrid_files(fcr_transcript **out, const char *agent_path,
                                              const char *caller_path)
{
    if (out == NULL || agent_path == NULL || caller_path == NULL)
        return fcr__error(FCR_EINVAL, "fcr_transcript_load_textgrid_files: out, agent_path and "
                                      "caller_path must not be NULL");

    char *agent = NULL, *caller = NULL;
    size_t agent_length = 0, caller_length = 0;
    fcr_status status = fcr__read_file(agent_path, FCR__TRANSCRIPT_MAX_FILE_BYTES, &agent,
                                       &agent_length);
    if (status == FCR_OK)
        status = fcr__read_file(caller_path, FCR__TRANSCRIPT_MAX_FILE_BYTES, &caller,
                                &caller_length);
    if (status == FCR_OK) {
        char id[FCR__TRANSCRIPT_MAX_ID_BYTES + 1];
        pair_id(id, agent_path);
        status = load_pair(out, agent, agent_length, agent_path, caller, caller_length,
                           caller_path, id);
    }
    fcr__free(agent);
    fcr__free(caller);
    return status;
}
