/* SPDX-License-Identifier: MIT */
/*
 * The strict JSON pull parser (RFC 8259). A state machine with an explicit
 * stack of open containers walks the window one token per call. Nothing
 * recurses and nothing allocates per token. Strings are decoded into one
 * scratch buffer that grows to the longest string and is kept, and the keys
 * of every open object are remembered to reject duplicates.
 *
 * This parser reads months of call records, so the common cases have fast
 * paths. Plain strings are scanned and copied 16 bytes at a time. A key
 * whose bit is not yet set in a small filter needs no search.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "json.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define USE_SSE2 1
#endif

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

enum state {
    STATE_TOP,         /* before the top-level value */
    STATE_FIRST_ITEM,  /* after '[' */
    STATE_FIRST_KEY,   /* after '{' */
    STATE_COLON,       /* after a key */
    STATE_AFTER_VALUE, /* after a complete value, ',' or a closing bracket is due */
    STATE_STOPPED,     /* at END, ERROR or NEED_MORE, which fcr__json_next() repeats */
};

enum { IN_ARRAY, IN_OBJECT };

/* A key of an open object, kept to find duplicates. */
struct key {
    size_t source; /* window offset of its opening quote */
    size_t stored; /* offset in key_bytes, or NOT_STORED when unescaped in the input */
    size_t length;
    uint64_t hash; /* set once the object has a hash index */
};

#define NOT_STORED SIZE_MAX

/* Objects with fewer keys than this are searched linearly, and only when
 * their bit filter reports a possible match. Call records rarely have more
 * keys in one object. Larger objects get an open-addressing hash index. */
#define LINEAR_KEYS 16

/* One open array or object. Only objects use the key fields. The keys,
 * copied key bytes and hash slots of an object are at the top of their
 * stacks, because only the innermost object can gain keys. */
struct frame {
    int kind;
    size_t first_key;
    size_t first_byte;
    size_t first_slot;
    size_t slot_size;   /* 0 while the object is searched linearly */
    uint64_t filter[2]; /* bit filter_bit() of every key, while slot_size is 0 */
};

struct fcr__json_parser {
    fcr__json_limits limits;

    /* The window: the whole document, or in a stream one value and what
     * follows it in the stream's buffer. */
    const char *data;
    size_t length;
    size_t pos; /* after the current token */
    bool final; /* no input follows the window */
    bool stream; /* stop right after the top-level value */
    const char *name;
    const char *field_path; /* a reader's current field, named in errors; may be NULL */

    /* Absolute positions, counted from the start of the whole input. */
    size_t base;       /* offset of data[0] */
    size_t first_line; /* line of data[0] */
    size_t first_line_start;
    size_t line; /* line of data[pos], since no token contains a raw newline */
    size_t line_start;

    enum state state;
    fcr__json_token token;
    size_t token_start; /* window offset of the current token, which ends at pos */
    size_t token_line;
    size_t token_line_start;

    const char *string; /* decoded KEY or STRING, NUL-terminated in scratch */
    size_t string_length;
    char *scratch;
    size_t scratch_capacity;

    struct frame *stack;
    size_t depth;
    size_t stack_capacity;

    struct key *keys;
    size_t key_count, key_capacity;
    char *key_bytes; /* decoded copies of keys that had escapes */
    size_t byte_count, byte_capacity;
    uint32_t *slots; /* key number + 1 within the object, 0 for free */
    size_t slot_count, slot_capacity;
};

/* Character classes: JSON whitespace, bytes that end the fast scan of a
 * string (quote, backslash, control characters) and digits. */
#define CLASS_SPACE 1
#define CLASS_STRING_STOP 2
#define CLASS_DIGIT 4

static const unsigned char char_class[256] = {
    2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 2, 2, 3, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Value of a hexadecimal digit, 16 for any other byte. */
static const unsigned char hex_value[256] = {
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  16, 16, 16, 16, 16, 16,
    16, 10, 11, 12, 13, 14, 15, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 10, 11, 12, 13, 14, 15, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
};

/* --- creation and reset -------------------------------------------------- */

void fcr__json_limits_init(fcr__json_limits *limits)
{
    limits->max_depth = FCR__JSON_DEFAULT_MAX_DEPTH;
    limits->max_string_bytes = FCR__JSON_DEFAULT_MAX_STRING_BYTES;
    limits->max_value_bytes = FCR__JSON_DEFAULT_MAX_VALUE_BYTES;
    limits->allow_duplicate_keys = false;
}

fcr_status fcr__json_parser_new(fcr__json_parser **out, const fcr__json_limits *limits)
{
    if (out == NULL)
        return fcr__error(FCR_EINVAL, "fcr__json_parser_new: out is NULL");
    *out = NULL;

    fcr__json_parser *parser = fcr__calloc(1, sizeof *parser);
    if (parser == NULL)
        return fcr__error_nomem();

    if (limits != NULL)
        parser->limits = *limits;
    else
        fcr__json_limits_init(&parser->limits);
    fcr__json_parser_reset(parser, "", 0, NULL);
    *out = parser;
    return FCR_OK;
}

void fcr__json_parser_free(fcr__json_parser *parser)
{
    if (parser == NULL)
        return;

    fcr__free(parser->scratch);
    fcr__free(parser->stack);
    fcr__free(parser->keys);
    fcr__free(parser->key_bytes);
    fcr__free(parser->slots);
    fcr__free(parser);
}

static void start_window(fcr__json_parser *parser, const char *data, size_t length, bool final,
                         bool stream, size_t offset, size_t line, size_t line_start,
                         const char *name)
{
    parser->data = data;
    parser->length = length;
    parser->pos = 0;
    parser->final = final;
    parser->stream = stream;
    parser->name = name;

    parser->base = offset;
    parser->first_line = line;
    parser->first_line_start = line_start;
    parser->line = line;
    parser->line_start = line_start;

    parser->state = STATE_TOP;
    parser->token = FCR__JSON_END;
    parser->token_start = 0;
    parser->token_line = line;
    parser->token_line_start = line_start;
    parser->string = NULL;
    parser->string_length = 0;

    parser->depth = 0;
    parser->key_count = 0;
    parser->byte_count = 0;
    parser->slot_count = 0;
}

void fcr__json_parser_reset(fcr__json_parser *parser, const char *data, size_t length,
                            const char *name)
{
    /* A UTF-8 byte-order mark at the very start is skipped, as RFC 8259
     * allows, because Windows tools write one before UTF-8 text. Offsets
     * and columns still count its bytes. */
    if (data != NULL && length >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        start_window(parser, data + 3, length - 3, true, false, 3, 1, 0, name);
        return;
    }
    start_window(parser, data == NULL ? "" : data, data == NULL ? 0 : length, true, false, 0, 1,
                 0, name);
}

void fcr__json_parser_reset_value(fcr__json_parser *parser, const char *data, size_t length,
                                  bool final, size_t offset, size_t line, size_t line_start,
                                  const char *name)
{
    start_window(parser, data, length, final, true, offset, line, line_start, name);
}

bool fcr__json_parser_value_end(const fcr__json_parser *parser, size_t *consumed, size_t *line,
                                size_t *line_start)
{
    if (!parser->stream || parser->state != STATE_STOPPED || parser->token != FCR__JSON_END)
        return false;

    *consumed = parser->pos;
    *line = parser->line;
    *line_start = parser->line_start;
    return true;
}

void fcr__json_parser_set_field_path(fcr__json_parser *parser, const char *text)
{
    parser->field_path = text;
}

const char *fcr__json_parser_data(const fcr__json_parser *parser)
{
    return parser->data;
}

/* --- errors ---------------------------------------------------------------- */

/* Records an error at an absolute position and leaves the parser stuck. */
static fcr__json_token fail_vat(fcr__json_parser *parser, size_t line, size_t column,
                                size_t offset, fcr_status status, const char *field,
                                const char *format, va_list args) FCR__PRINTF(7, 0);

static fcr__json_token fail_vat(fcr__json_parser *parser, size_t line, size_t column,
                                size_t offset, fcr_status status, const char *field,
                                const char *format, va_list args)
{
    char detail[400];
    vsnprintf(detail, sizeof detail, format, args);

    /* A syntax error inside a value is easier to find with the field that
     * the reader was in. */
    if (field == NULL && parser->field_path != NULL && parser->field_path[0] != '\0') {
        field = parser->field_path;
        size_t used = strlen(detail);
        snprintf(detail + used, sizeof detail - used, " (field %s)", field);
    }

    if (parser->name != NULL && parser->name[0] != '\0')
        fcr__error_at(status, line, column, offset, field, "%s:%zu:%zu: %s", parser->name, line,
                      column, detail);
    else
        fcr__error_at(status, line, column, offset, field, "line %zu, column %zu: %s", line,
                      column, detail);

    parser->state = STATE_STOPPED;
    parser->token = FCR__JSON_ERROR;
    return FCR__JSON_ERROR;
}

/* Records an error at window offset pos, which is on the current line. */
static fcr__json_token fail_at(fcr__json_parser *parser, size_t pos, fcr_status status,
                               const char *format, ...) FCR__PRINTF(4, 5);

static fcr__json_token fail_at(fcr__json_parser *parser, size_t pos, fcr_status status,
                               const char *format, ...)
{
    size_t offset = parser->base + pos;
    va_list args;
    va_start(args, format);
    fail_vat(parser, parser->line, offset - parser->line_start + 1, offset, status, NULL, format,
             args);
    va_end(args);
    return FCR__JSON_ERROR;
}

/* Records an error at the first byte of the window. */
static fcr__json_token fail_at_value_start(fcr__json_parser *parser, fcr_status status,
                                           const char *format, ...) FCR__PRINTF(3, 4);

static fcr__json_token fail_at_value_start(fcr__json_parser *parser, fcr_status status,
                                           const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fail_vat(parser, parser->first_line, parser->base - parser->first_line_start + 1,
             parser->base, status, NULL, format, args);
    va_end(args);
    return FCR__JSON_ERROR;
}

fcr_status (fcr__json_fail)(fcr__json_parser *parser, fcr_status status, const char *field,
                            const char *format, ...)
{
    size_t offset = parser->base + parser->token_start;
    va_list args;
    va_start(args, format);
    fail_vat(parser, parser->token_line, offset - parser->token_line_start + 1, offset, status,
             field, format, args);
    va_end(args);
    return status;
}

static fcr__json_token fail_nomem(fcr__json_parser *parser)
{
    fcr__error_nomem();
    parser->state = STATE_STOPPED;
    parser->token = FCR__JSON_ERROR;
    return FCR__JSON_ERROR;
}

/* At the end of the window inside a value: ask a stream for more input, or
 * report the truncation when no more can come. `where` completes the
 * message, such as "inside a string" or ", expected ':' after an object
 * key". */
static fcr__json_token end_of_window(fcr__json_parser *parser, const char *where)
{
    if (!parser->final) {
        parser->state = STATE_STOPPED;
        parser->token = FCR__JSON_NEED_MORE;
        return FCR__JSON_NEED_MORE;
    }
    return fail_at(parser, parser->length, FCR_EPARSE,
                   "unexpected end of input%s%s; the input is truncated or a closing bracket "
                   "or quote is missing",
                   where[0] == ',' ? "" : " ", where);
}

/* At the end of the window where a token was expected. */
static fcr__json_token end_of_window_expecting(fcr__json_parser *parser, const char *expected)
{
    char where[160];
    snprintf(where, sizeof where, ", %s", expected);
    return end_of_window(parser, where);
}

/* Describes the byte at pos for "found ..." in a message. Letters and
 * digits are never quoted, because they may belong to a broken string that
 * contains a name. */
static const char *describe(const fcr__json_parser *parser, size_t pos, char *buffer,
                            size_t size)
{
    if (pos >= parser->length)
        return "the end of the input";

    unsigned char c = (unsigned char)parser->data[pos];
    switch (c) {
    case '"': return "a string";
    case '{': return "'{'";
    case '}': return "'}'";
    case '[': return "'['";
    case ']': return "']'";
    case ':': return "':'";
    case ',': return "','";
    case '\'': return "a single quote (JSON strings need double quotes)";
    case '/': return "'/' (JSON has no comments)";
    case '-': return "a number";
    case 0: return "a NUL byte (if the input is UTF-16, convert it to UTF-8)";
    case 0x7F: return "the control character U+007F";
    default: break;
    }

    if (c >= '0' && c <= '9')
        return "a number";
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        size_t left = parser->length - pos;
        if ((left >= 3 && memcmp(parser->data + pos, "NaN", 3) == 0) ||
            (left >= 8 && memcmp(parser->data + pos, "Infinity", 8) == 0))
            return "NaN or Infinity, which JSON does not have (write null, or a number)";
        return "a bare word (JSON strings need double quotes)";
    }
    if (c < 0x20) {
        snprintf(buffer, size, "the control character U+%04X", c);
        return buffer;
    }
    if (c >= 0x80)
        return "a non-ASCII byte outside a string";
    snprintf(buffer, size, "'%c'", c);
    return buffer;
}

static fcr__json_token fail_expected(fcr__json_parser *parser, size_t pos, const char *expected)
{
    if (pos >= parser->length)
        return end_of_window_expecting(parser, expected);

    char buffer[48];
    return fail_at(parser, pos, FCR_EPARSE, "%s, found %s", expected,
                   describe(parser, pos, buffer, sizeof buffer));
}

/* Converts a window offset to a line and column by counting newlines. Only
 * the message about a duplicate key needs this. */
static void locate(const fcr__json_parser *parser, size_t pos, size_t *line, size_t *column)
{
    size_t current = parser->first_line;
    size_t line_start = parser->first_line_start;

    for (size_t i = 0; i < pos && i < parser->length; i++) {
        if (parser->data[i] == '\n') {
            current++;
            line_start = parser->base + i + 1;
        }
    }
    *line = current;
    *column = parser->base + pos - line_start + 1;
}

/* --- token bookkeeping ----------------------------------------------------- */

static size_t skip_whitespace_run(fcr__json_parser *parser, size_t pos)
{
    const unsigned char *data = (const unsigned char *)parser->data;
    size_t length = parser->length;

    while (pos < length) {
        unsigned char c = data[pos];
        if (c == '\n') {
            parser->line++;
            parser->line_start = parser->base + pos + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            break;
        }
        pos++;
    }
    return pos;
}

/* Compact JSON has no whitespace between tokens, and the usual pretty forms
 * have one space after ':' and ','. Both cases are handled without a loop. */
static ALWAYS_INLINE size_t skip_whitespace(fcr__json_parser *parser, size_t pos)
{
    const unsigned char *data = (const unsigned char *)parser->data;
    size_t length = parser->length;

    if (pos < length && data[pos] > ' ')
        return pos;
    if (length - pos >= 2 && data[pos] == ' ' && data[pos + 1] > ' ')
        return pos + 1;
    return skip_whitespace_run(parser, pos);
}

static ALWAYS_INLINE void begin_token(fcr__json_parser *parser, size_t pos)
{
    parser->token_start = pos;
    parser->token_line = parser->line;
    parser->token_line_start = parser->line_start;
}

static ALWAYS_INLINE fcr__json_token emit(fcr__json_parser *parser, fcr__json_token token,
                                          size_t end, enum state next)
{
    parser->token = token;
    parser->pos = end;
    parser->state = next;
    return token;
}

static fcr_status reserve_scratch(fcr__json_parser *parser, size_t needed)
{
    if (needed <= parser->scratch_capacity)
        return FCR_OK;
    return fcr__grow((void **)&parser->scratch, &parser->scratch_capacity, needed, 1);
}

/* --- strings --------------------------------------------------------------- */

/* Reads four hex digits at p, or returns a value above 0xFFFF when they
 * are not all hex digits. */
static uint32_t read_hex4(const unsigned char *p)
{
    unsigned invalid = (hex_value[p[0]] | hex_value[p[1]] | hex_value[p[2]] | hex_value[p[3]]) &
                       16u;
    return ((uint32_t)hex_value[p[0]] << 12 | (uint32_t)hex_value[p[1]] << 8 |
            (uint32_t)hex_value[p[2]] << 4 | (uint32_t)hex_value[p[3]]) |
           (uint32_t)invalid << 12;
}

/* Decodes the escape at data[pos] (a backslash) into out, which has room for
 * four bytes. Returns the bytes written, or 0 after failing. *next gets the
 * offset after the escape. */
static size_t decode_escape(fcr__json_parser *parser, size_t pos, char *out, size_t *next,
                            fcr__json_token *failure)
{
    const unsigned char *data = (const unsigned char *)parser->data;
    size_t left = parser->length - pos;

    if (left < 2) {
        *failure = end_of_window(parser, "inside a string");
        return 0;
    }

    char simple;
    switch (data[pos + 1]) {
    case '"': simple = '"'; break;
    case '\\': simple = '\\'; break;
    case '/': simple = '/'; break;
    case 'b': simple = '\b'; break;
    case 'f': simple = '\f'; break;
    case 'n': simple = '\n'; break;
    case 'r': simple = '\r'; break;
    case 't': simple = '\t'; break;
    case 'u': simple = 0; break;
    default:
        *failure = fail_at(parser, pos, FCR_EPARSE,
                           "invalid escape sequence in a string; a backslash must be followed "
                           "by one of \" \\ / b f n r t u (write a literal backslash as \\\\)");
        return 0;
    }
    if (data[pos + 1] != 'u') {
        out[0] = simple;
        *next = pos + 2;
        return 1;
    }

    if (left < 6) {
        *failure = end_of_window(parser, "inside a \\u escape");
        return 0;
    }
    uint32_t cp = read_hex4(data + pos + 2);
    if (cp > 0xFFFF) {
        *failure = fail_at(parser, pos, FCR_EPARSE,
                           "invalid \\u escape in a string; \\u must be followed by four "
                           "hexadecimal digits");
        return 0;
    }
    *next = pos + 6;

    if (cp >= 0xDC00 && cp <= 0xDFFF) {
        *failure = fail_at(parser, pos, FCR_EPARSE,
                           "lone UTF-16 low surrogate in a \\u escape; a low surrogate "
                           "(\\uDC00-\\uDFFF) is only valid right after a high surrogate "
                           "(\\uD800-\\uDBFF)");
        return 0;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        /* When the window ends before the low half is complete, what is
         * there may still become one; otherwise the high half is alone. */
        bool could_follow = left < 12;
        for (size_t k = 6; k < left && k < 12; k++) {
            unsigned char c = data[pos + k];
            bool fits;
            if (k == 6)
                fits = c == '\\';
            else if (k == 7)
                fits = c == 'u';
            else
                fits = hex_value[c] < 16;
            if (!fits)
                could_follow = false;
        }
        if (could_follow) {
            *failure = end_of_window(parser, "inside a \\u escape");
            return 0;
        }
        uint32_t low = left >= 12 && data[pos + 6] == '\\' && data[pos + 7] == 'u'
                           ? read_hex4(data + pos + 8)
                           : 0x10000;
        if (low < 0xDC00 || low > 0xDFFF) {
            *failure = fail_at(parser, pos, FCR_EPARSE,
                               "lone UTF-16 high surrogate in a \\u escape; a high surrogate "
                               "(\\uD800-\\uDBFF) must be followed by a \\u escape of a low "
                               "surrogate (\\uDC00-\\uDFFF)");
            return 0;
        }
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        *next = pos + 12;
    }
    return fcr__utf8_encode(cp, out);
}

static fcr__json_token fail_string_limit(fcr__json_parser *parser, size_t quote)
{
    return fail_at(parser, quote, FCR_ELIMIT,
                   "string longer than the limit of %zu bytes; shorten it or raise "
                   "max_string_bytes",
                   parser->limits.max_string_bytes);
}

/* Returns the offset of the first quote, backslash or control byte at or
 * after pos, or length when there is none. Sets *non_ascii when a byte of
 * 0x80 or above comes before it, so that UTF-8 is only checked where it can
 * be invalid. */
static size_t find_string_stop(const unsigned char *data, size_t pos, size_t length,
                               bool *non_ascii)
{
    /* A word with no stop byte is skipped whole. Up to the first stop
     * byte, the tests below flag exactly the stop bytes. Flags above it may
     * be wrong, so only the lowest flag is used. */
    const uint64_t ones = UINT64_C(0x0101010101010101);
    const uint64_t highs = UINT64_C(0x8080808080808080);
    while (length - pos >= 8) {
        uint64_t word;
        memcpy(&word, data + pos, 8);
        uint64_t quotes = word ^ (ones * '"');
        uint64_t backslashes = word ^ (ones * '\\');
        uint64_t stops = (((quotes - ones) & ~quotes) | ((backslashes - ones) & ~backslashes) |
                          ((word - ones * 0x20) & ~word)) &
                         highs;
        if (stops != 0) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            unsigned index = (unsigned)__builtin_ctzll(stops) / 8;
            if (word & highs & ((UINT64_C(1) << (8 * index)) - 1))
                *non_ascii = true;
            return pos + index;
#else
            break;
#endif
        }
        if (word & highs)
            *non_ascii = true;
        pos += 8;
    }

    while (pos < length && !(char_class[data[pos]] & CLASS_STRING_STOP)) {
        if (data[pos] & 0x80)
            *non_ascii = true;
        pos++;
    }
    return pos;
}

/* Checks the raw bytes data[from, to) of a string, which hold no quote,
 * backslash or control byte, for valid UTF-8. */
static bool check_utf8(fcr__json_parser *parser, size_t from, size_t to,
                       fcr__json_token *failure)
{
    size_t valid = fcr__utf8_valid_prefix(parser->data + from, to - from);
    if (valid == to - from)
        return true;

    *failure = fail_at(parser, from + valid, FCR_EPARSE,
                       "invalid UTF-8 byte in a string; convert the input to UTF-8");
    return false;
}

/* Free bytes kept after the decoded text: room for one 16-byte store, or
 * for a decoded escape (at most 4 bytes) and the NUL. */
#define SCRATCH_SLACK 32

/* The fast path for the common string: no escape, ending inside the window,
 * fitting the scratch buffer as it is. Each 16-byte block is stored to
 * scratch while it is tested, so the copy costs no separate pass. Returns
 * false, having changed nothing that matters, to leave any other string to
 * scan_string(), which starts over. */
static ALWAYS_INLINE bool scan_plain_string(fcr__json_parser *parser, size_t quote,
                                            size_t *after)
{
#if defined(USE_SSE2)
    const unsigned char *data = (const unsigned char *)parser->data;
    const __m128i quote_bytes = _mm_set1_epi8('"');
    const __m128i backslash_bytes = _mm_set1_epi8('\\');
    const __m128i last_control = _mm_set1_epi8(0x1F);
    char *scratch = parser->scratch;
    size_t room = parser->scratch_capacity;
    size_t length = parser->length;
    size_t pos = quote + 1;
    size_t out = 0;
    unsigned non_ascii = 0;

    while (length - pos >= 16 && room - out >= SCRATCH_SLACK) {
        __m128i chunk = _mm_loadu_si128((const __m128i *)(const void *)(data + pos));
        _mm_storeu_si128((__m128i *)(void *)(scratch + out), chunk);
        __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(chunk, last_control), last_control);
        __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote_bytes),
                                                 _mm_cmpeq_epi8(chunk, backslash_bytes)),
                                    control);
        unsigned stops = (unsigned)_mm_movemask_epi8(stop);
        unsigned high = (unsigned)_mm_movemask_epi8(chunk);
        if (stops == 0) {
            non_ascii |= high;
            pos += 16;
            out += 16;
            continue;
        }

        unsigned index = (unsigned)__builtin_ctz(stops);
        non_ascii |= high & ((1u << index) - 1);
        pos += index;
        out += index;
        if (data[pos] != '"' || out > parser->limits.max_string_bytes)
            return false;
        if (non_ascii != 0 && !fcr__utf8_valid(parser->data + quote + 1, out))
            return false;

        scratch[out] = '\0';
        parser->string = scratch;
        parser->string_length = out;
        *after = pos + 1;
        return true;
    }
#else
    (void)parser;
    (void)quote;
    (void)after;
#endif
    return false;
}

/* Copies the raw bytes of the string that opens at `quote` from data[pos]
 * to scratch at *decoded, up to the first quote, backslash or control byte,
 * and returns that byte's offset (length at the end of the window). Adds
 * the bytes copied to *decoded. Returns SIZE_MAX after failing. */
static size_t copy_raw(fcr__json_parser *parser, size_t quote, size_t pos, size_t *decoded,
                       bool *non_ascii, fcr__json_token *failure)
{
    const unsigned char *data = (const unsigned char *)parser->data;
    size_t stop = find_string_stop(data, pos, parser->length, non_ascii);
    size_t raw = stop - pos;
    size_t max = parser->limits.max_string_bytes;

    if (raw > max || *decoded > max - raw) {
        *failure = fail_string_limit(parser, quote);
        return SIZE_MAX;
    }
    if (reserve_scratch(parser, *decoded + raw + SCRATCH_SLACK) != FCR_OK) {
        *failure = fail_nomem(parser);
        return SIZE_MAX;
    }
    memcpy(parser->scratch + *decoded, data + pos, raw);
    *decoded += raw;
    return stop;
}

/* Scans any string whose opening quote is at `quote`, including escapes,
 * invalid bytes, the end of the window and a scratch buffer that must grow.
 * On success it sets parser->string (NUL-terminated in scratch), stores the
 * offset after the closing quote and returns true. *copied is true when
 * escapes were decoded, because then the input differs from the key. */
static bool scan_string(fcr__json_parser *parser, size_t quote, size_t *after, bool *copied,
                        fcr__json_token *failure)
{
    const unsigned char *data = (const unsigned char *)parser->data;
    size_t length = parser->length;
    size_t pos = quote + 1;
    size_t decoded = 0; /* bytes already in scratch */
    bool escaped = false;

    for (;;) {
        size_t segment = pos;
        bool non_ascii = false;
        pos = copy_raw(parser, quote, pos, &decoded, &non_ascii, failure);
        if (pos == SIZE_MAX)
            return false;
        if (pos == length) {
            *failure = end_of_window(parser, "inside a string");
            return false;
        }
        if (non_ascii && !check_utf8(parser, segment, pos, failure))
            return false;

        unsigned char c = data[pos];
        if (c == '"')
            break;
        if (c != '\\') {
            *failure = fail_at(parser, pos, FCR_EPARSE,
                               "unescaped control character U+%04X in a string; write it as "
                               "the escape \\u%04X",
                               c, c);
            return false;
        }

        size_t next;
        size_t written = decode_escape(parser, pos, parser->scratch + decoded, &next, failure);
        if (written == 0)
            return false;
        decoded += written;
        escaped = true;
        pos = next;
    }

    if (decoded > parser->limits.max_string_bytes) {
        *failure = fail_string_limit(parser, quote);
        return false;
    }
    parser->scratch[decoded] = '\0';
    parser->string = parser->scratch;
    parser->string_length = decoded;
    *copied = escaped;
    *after = pos + 1;
    return true;
}

/* --- duplicate keys ------------------------------------------------------- */

/* A 7-bit digest of a key from its length and three of its bytes. A key
 * whose bit is not yet set in the object's filter is new, which spares most
 * keys of a small object any search. */
static ALWAYS_INLINE unsigned filter_bit(const char *key, size_t length)
{
    if (length == 0)
        return 0;

    const unsigned char *bytes = (const unsigned char *)key;
    return (unsigned)(length * 31 + bytes[0] * 7 + bytes[length / 2] * 3 + bytes[length - 1]) &
           127u;
}

/* A multiply-xor hash over 8-byte words. It needs an even spread but no
 * resistance to chosen collisions, because a collision costs a comparison
 * and never gives a wrong result. */
static uint64_t hash_key(const char *key, size_t length)
{
    const uint64_t multiplier = UINT64_C(0x9E3779B97F4A7C15);
    uint64_t hash = (uint64_t)length * multiplier;

    while (length >= 8) {
        uint64_t word;
        memcpy(&word, key, 8);
        hash = (hash ^ word) * multiplier;
        hash ^= hash >> 29;
        key += 8;
        length -= 8;
    }
    if (length > 0) {
        uint64_t word = 0;
        memcpy(&word, key, length);
        hash = (hash ^ word) * multiplier;
        hash ^= hash >> 29;
    }
    return hash;
}

static const char *key_text(const fcr__json_parser *parser, const struct key *key)
{
    if (key->stored == NOT_STORED)
        return parser->data + key->source + 1;
    return parser->key_bytes + key->stored;
}

static bool key_equal(const fcr__json_parser *parser, const struct key *key, const char *text,
                      size_t length)
{
    return key->length == length && memcmp(key_text(parser, key), text, length) == 0;
}

/* Inserts key number `index` of the object into its hash index, which has a
 * free slot because it is kept at most half full. */
static void index_insert(fcr__json_parser *parser, const struct frame *frame, size_t index)
{
    uint32_t *slots = parser->slots + frame->first_slot;
    size_t mask = frame->slot_size - 1;
    size_t slot = (size_t)parser->keys[frame->first_key + index].hash & mask;

    while (slots[slot] != 0)
        slot = (slot + 1) & mask;
    slots[slot] = (uint32_t)(index + 1);
}

/* Builds or doubles the hash index of the innermost object, which sits at
 * the top of the slot stack, so it can grow in place. */
static fcr_status index_rebuild(fcr__json_parser *parser, struct frame *frame, size_t count)
{
    size_t size = frame->slot_size == 0 ? 4 * LINEAR_KEYS : 2 * frame->slot_size;
    fcr_status status = fcr__grow((void **)&parser->slots, &parser->slot_capacity,
                                  frame->first_slot + size, sizeof *parser->slots);
    if (status != FCR_OK)
        return status;

    if (frame->slot_size == 0) {
        for (size_t i = frame->first_key; i < frame->first_key + count; i++) {
            struct key *key = &parser->keys[i];
            key->hash = hash_key(key_text(parser, key), key->length);
        }
    }
    frame->slot_size = size;
    parser->slot_count = frame->first_slot + size;
    memset(parser->slots + frame->first_slot, 0, size * sizeof *parser->slots);
    for (size_t i = 0; i < count; i++)
        index_insert(parser, frame, i);
    return FCR_OK;
}

/* Returns the earlier key equal to text, or NULL. */
static const struct key *find_key(const fcr__json_parser *parser, const struct frame *frame,
                                  const char *text, size_t length, uint64_t hash)
{
    if (frame->slot_size == 0) {
        for (size_t i = frame->first_key; i < parser->key_count; i++) {
            if (key_equal(parser, &parser->keys[i], text, length))
                return &parser->keys[i];
        }
        return NULL;
    }

    const uint32_t *slots = parser->slots + frame->first_slot;
    size_t mask = frame->slot_size - 1;
    for (size_t slot = (size_t)hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
        const struct key *candidate = &parser->keys[frame->first_key + slots[slot] - 1];
        if (candidate->hash == hash && key_equal(parser, candidate, text, length))
            return candidate;
    }
    return NULL;
}

/* Handles what add_key() leaves out: a possible duplicate, a key with
 * escapes, growing the key stack and objects with an index. Returns the
 * token to stop with, or FCR__JSON_KEY to go on. */
static fcr__json_token add_key_slow(fcr__json_parser *parser, struct frame *frame,
                                    const char *text, size_t length, size_t source, bool copied)
{
    uint64_t hash = 0;
    bool maybe_seen = true;
    if (frame->slot_size == 0) {
        unsigned bit = filter_bit(text, length);
        uint64_t mask = UINT64_C(1) << (bit % 64);
        maybe_seen = (frame->filter[bit / 64] & mask) != 0;
        frame->filter[bit / 64] |= mask;
    } else {
        hash = hash_key(text, length);
    }

    const struct key *earlier = maybe_seen ? find_key(parser, frame, text, length, hash) : NULL;
    if (earlier != NULL && !parser->limits.allow_duplicate_keys) {
        size_t line, column;
        locate(parser, earlier->source, &line, &column);
        return fail_at(parser, source, FCR_EPARSE,
                       "duplicate key in an object; the same key first appears at line %zu, "
                       "column %zu; keep only one of them",
                       line, column);
    }

    /* Slots store 32-bit key numbers, far above any real object's keys. */
    size_t count = parser->key_count - frame->first_key;
    if (count >= UINT32_MAX / 2)
        return fail_at(parser, source, FCR_ELIMIT,
                       "object with more than %lu keys; split the object",
                       (unsigned long)(UINT32_MAX / 2));
    if (fcr__grow((void **)&parser->keys, &parser->key_capacity, parser->key_count + 1,
                  sizeof *parser->keys) != FCR_OK)
        return fail_nomem(parser);

    size_t stored = NOT_STORED;
    if (copied) {
        if (fcr__grow((void **)&parser->key_bytes, &parser->byte_capacity,
                      parser->byte_count + length + 1, 1) != FCR_OK)
            return fail_nomem(parser);
        memcpy(parser->key_bytes + parser->byte_count, text, length);
        stored = parser->byte_count;
        parser->byte_count += length;
    }

    struct key *key = &parser->keys[parser->key_count++];
    key->source = source;
    key->stored = stored;
    key->length = length;
    key->hash = hash;
    count++;

    if (frame->slot_size != 0 && 2 * count <= frame->slot_size) {
        index_insert(parser, frame, count - 1);
        return FCR__JSON_KEY;
    }
    if (count >= LINEAR_KEYS && index_rebuild(parser, frame, count) != FCR_OK)
        return fail_nomem(parser);
    return FCR__JSON_KEY;
}

/* Records the key that was just scanned at window offset `source` in the
 * innermost object, or fails on a duplicate. When `copied` is false, text
 * points at the key's own bytes in the input, which stay in place until the
 * parser is reset. */
static ALWAYS_INLINE fcr__json_token add_key(fcr__json_parser *parser, const char *text,
                                             size_t length, size_t source, bool copied)
{
    struct frame *frame = &parser->stack[parser->depth - 1];

    if (frame->slot_size == 0 && !copied && parser->key_count < parser->key_capacity &&
        parser->key_count - frame->first_key + 1 < LINEAR_KEYS) {
        unsigned bit = filter_bit(text, length);
        uint64_t mask = UINT64_C(1) << (bit % 64);
        if ((frame->filter[bit / 64] & mask) == 0) {
            frame->filter[bit / 64] |= mask;
            struct key *key = &parser->keys[parser->key_count++];
            key->source = source;
            key->stored = NOT_STORED;
            key->length = length;
            return FCR__JSON_KEY;
        }
    }
    return add_key_slow(parser, frame, text, length, source, copied);
}

/* --- numbers and literals --------------------------------------------------- */

static bool scan_number(fcr__json_parser *parser, size_t start, size_t *after,
                        fcr__json_token *failure)
{
    const unsigned char *data = (const unsigned char *)parser->data;
    size_t length = parser->length;
    size_t pos = start;

    if (data[pos] == '-')
        pos++;
    if (pos == length) {
        *failure = end_of_window(parser, "inside a number");
        return false;
    }
    if (data[pos] == '0') {
        pos++;
    } else if (char_class[data[pos]] & CLASS_DIGIT) {
        while (pos < length && (char_class[data[pos]] & CLASS_DIGIT))
            pos++;
    } else {
        *failure = fail_at(parser, pos, FCR_EPARSE, "invalid number: expected a digit after '-'");
        return false;
    }

    if (pos < length && data[pos] == '.') {
        pos++;
        if (pos < length && !(char_class[data[pos]] & CLASS_DIGIT)) {
            *failure = fail_at(parser, pos, FCR_EPARSE,
                               "invalid number: expected a digit after the decimal point");
            return false;
        }
        while (pos < length && (char_class[data[pos]] & CLASS_DIGIT))
            pos++;
    }

    if (pos < length && (data[pos] == 'e' || data[pos] == 'E')) {
        pos++;
        if (pos < length && (data[pos] == '+' || data[pos] == '-'))
            pos++;
        if (pos < length && !(char_class[data[pos]] & CLASS_DIGIT)) {
            *failure = fail_at(parser, pos, FCR_EPARSE,
                               "invalid number: expected a digit in the exponent");
            return false;
        }
        while (pos < length && (char_class[data[pos]] & CLASS_DIGIT))
            pos++;
    }

    /* A number that touches the end of a stream's window may go on in the
     * next read. One that ends after '.', 'e' or a sign is cut off. */
    if (pos == length) {
        unsigned char last = data[pos - 1];
        if (!parser->final || !(char_class[last] & CLASS_DIGIT)) {
            *failure = end_of_window(parser, "inside a number");
            return false;
        }
    }
    if (pos < length && (char_class[data[pos]] & CLASS_DIGIT)) {
        *failure = fail_at(parser, start, FCR_EPARSE,
                           "invalid number: leading zeros are not allowed; write the number "
                           "without them");
        return false;
    }
    *after = pos;
    return true;
}

static bool scan_literal(fcr__json_parser *parser, size_t pos, const char *word, size_t size,
                         fcr__json_token *failure)
{
    size_t left = parser->length - pos;
    size_t compared = left < size ? left : size;

    if (memcmp(parser->data + pos, word, compared) == 0) {
        if (compared < size) {
            *failure = end_of_window(parser, "inside a literal");
            return false;
        }
        /* Like a number, a literal that touches the end of a stream's
         * window may go on in the next read ("falsey" is no literal), so
         * the same bytes give the same tokens however they are read. */
        if (size == left && !parser->final) {
            *failure = end_of_window(parser, "inside a literal");
            return false;
        }
        unsigned char next = size < left ? (unsigned char)parser->data[pos + size] : ' ';
        bool word_goes_on = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
                            (next >= '0' && next <= '9') || next == '_';
        if (!word_goes_on)
            return true;
    }
    *failure = fail_at(parser, pos, FCR_EPARSE,
                       "invalid literal; the only bare words in JSON are true, false and null "
                       "(strings need double quotes)");
    return false;
}

/* --- structure ------------------------------------------------------------ */

static fcr__json_token open_container(fcr__json_parser *parser, size_t pos, int kind)
{
    if (parser->depth >= parser->limits.max_depth)
        return fail_at(parser, pos, FCR_ELIMIT,
                       "arrays and objects nested deeper than the limit of %zu; flatten the "
                       "data or raise the depth limit (FCR_LIMIT_DEPTH)",
                       parser->limits.max_depth);
    if (parser->depth == parser->stack_capacity &&
        fcr__grow((void **)&parser->stack, &parser->stack_capacity, parser->depth + 1,
                  sizeof *parser->stack) != FCR_OK)
        return fail_nomem(parser);

    struct frame *frame = &parser->stack[parser->depth++];
    frame->kind = kind;
    if (kind == IN_ARRAY)
        return emit(parser, FCR__JSON_ARRAY_BEGIN, pos + 1, STATE_FIRST_ITEM);

    frame->first_key = parser->key_count;
    frame->first_byte = parser->byte_count;
    frame->first_slot = parser->slot_count;
    frame->slot_size = 0;
    frame->filter[0] = 0;
    frame->filter[1] = 0;
    return emit(parser, FCR__JSON_OBJECT_BEGIN, pos + 1, STATE_FIRST_KEY);
}

static fcr__json_token close_container(fcr__json_parser *parser, size_t pos)
{
    const struct frame *frame = &parser->stack[--parser->depth];
    begin_token(parser, pos);
    if (frame->kind == IN_ARRAY)
        return emit(parser, FCR__JSON_ARRAY_END, pos + 1, STATE_AFTER_VALUE);

    parser->key_count = frame->first_key;
    parser->byte_count = frame->first_byte;
    parser->slot_count = frame->first_slot;
    return emit(parser, FCR__JSON_OBJECT_END, pos + 1, STATE_AFTER_VALUE);
}

/* The top-level value is complete at pos. */
static fcr__json_token finish(fcr__json_parser *parser, size_t pos)
{
    if (parser->stream) {
        if (pos > parser->limits.max_value_bytes)
            return fail_at_value_start(parser, FCR_ELIMIT,
                                       "value of %zu bytes is longer than the limit of %zu "
                                       "bytes; split the record or raise max_value_bytes",
                                       pos, parser->limits.max_value_bytes);
        begin_token(parser, pos);
        return emit(parser, FCR__JSON_END, pos, STATE_STOPPED);
    }

    pos = skip_whitespace(parser, pos);
    if (pos < parser->length) {
        char buffer[48];
        return fail_at(parser, pos, FCR_EPARSE,
                       "unexpected text after the JSON value, found %s; a document holds "
                       "exactly one value (read JSON Lines as a stream)",
                       describe(parser, pos, buffer, sizeof buffer));
    }
    begin_token(parser, pos);
    return emit(parser, FCR__JSON_END, pos, STATE_STOPPED);
}

static ALWAYS_INLINE fcr__json_token scan_key(fcr__json_parser *parser, size_t pos,
                                              const char *expected)
{
    if (pos >= parser->length || parser->data[pos] != '"')
        return fail_expected(parser, pos, expected);

    begin_token(parser, pos);
    size_t after;
    bool copied = false;
    fcr__json_token failure = FCR__JSON_ERROR;
    if (!scan_plain_string(parser, pos, &after) &&
        !scan_string(parser, pos, &after, &copied, &failure))
        return failure;

    const char *key = copied ? parser->string : parser->data + pos + 1;
    fcr__json_token token = add_key(parser, key, parser->string_length, pos, copied);
    if (token != FCR__JSON_KEY)
        return token;
    return emit(parser, FCR__JSON_KEY, after, STATE_COLON);
}

static fcr__json_token fail_value(fcr__json_parser *parser, size_t pos, const char *expected)
{
    const unsigned char *data = (const unsigned char *)parser->data;
    size_t left = parser->length - pos;

    /* The window may end inside a byte-order mark; the message needs all
     * three bytes. */
    if (parser->depth == 0 && !parser->final && left < 3 && data[pos] == 0xEF &&
        (left < 2 || data[pos + 1] == 0xBB))
        return end_of_window_expecting(parser, expected);
    if (parser->depth == 0 && left >= 3 && data[pos] == 0xEF && data[pos + 1] == 0xBB &&
        data[pos + 2] == 0xBF)
        return fail_at(parser, pos, FCR_EPARSE,
                       "a UTF-8 byte-order mark (bytes EF BB BF) where a value must start; "
                       "it is only allowed as the first bytes of the input, so remove it");
    if (parser->depth == 0 && left >= 2 &&
        ((data[pos] == 0xFE && data[pos + 1] == 0xFF) ||
         (data[pos] == 0xFF && data[pos + 1] == 0xFE)))
        return fail_at(parser, pos, FCR_EPARSE,
                       "the input starts with a UTF-16 byte-order mark; convert it to UTF-8 "
                       "without a byte-order mark");
    return fail_expected(parser, pos, expected);
}

static ALWAYS_INLINE fcr__json_token scan_value(fcr__json_parser *parser, size_t pos,
                                                const char *expected)
{
    if (pos >= parser->length)
        return end_of_window_expecting(parser, expected);

    begin_token(parser, pos);
    fcr__json_token failure = FCR__JSON_ERROR;
    size_t after;

    switch (parser->data[pos]) {
    case '"': {
        bool copied;
        if (!scan_plain_string(parser, pos, &after) &&
            !scan_string(parser, pos, &after, &copied, &failure))
            return failure;
        return emit(parser, FCR__JSON_STRING, after, STATE_AFTER_VALUE);
    }
    case '{':
        return open_container(parser, pos, IN_OBJECT);
    case '[':
        return open_container(parser, pos, IN_ARRAY);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        if (!scan_number(parser, pos, &after, &failure))
            return failure;
        return emit(parser, FCR__JSON_NUMBER, after, STATE_AFTER_VALUE);
    case 't':
        if (!scan_literal(parser, pos, "true", 4, &failure))
            return failure;
        return emit(parser, FCR__JSON_TRUE, pos + 4, STATE_AFTER_VALUE);
    case 'f':
        if (!scan_literal(parser, pos, "false", 5, &failure))
            return failure;
        return emit(parser, FCR__JSON_FALSE, pos + 5, STATE_AFTER_VALUE);
    case 'n':
        if (!scan_literal(parser, pos, "null", 4, &failure))
            return failure;
        return emit(parser, FCR__JSON_NULL, pos + 4, STATE_AFTER_VALUE);
    default:
        return fail_value(parser, pos, expected);
    }
}

fcr__json_token fcr__json_next(fcr__json_parser *parser)
{
    const char *data = parser->data;
    size_t length = parser->length;
    size_t pos = parser->pos;
    const char *expected;

    /* Every path ends at one of the labels below, so that each scanner is
     * inlined once. */
    switch (parser->state) {
    case STATE_STOPPED:
        return parser->token;

    case STATE_TOP:
        pos = skip_whitespace(parser, pos);
        if (pos == length && parser->final)
            return fail_at(parser, pos, FCR_EPARSE,
                           "the input is empty or only whitespace; expected a JSON value");
        expected = "expected a JSON value";
        goto value;

    case STATE_FIRST_ITEM:
        pos = skip_whitespace(parser, pos);
        if (pos < length && data[pos] == ']')
            goto close;
        expected = "expected a value or ']' after '['";
        goto value;

    case STATE_FIRST_KEY:
        pos = skip_whitespace(parser, pos);
        if (pos < length && data[pos] == '}')
            goto close;
        expected = "expected a key in double quotes or '}' after '{'";
        goto key;

    case STATE_COLON:
        pos = skip_whitespace(parser, pos);
        if (pos >= length || data[pos] != ':')
            return fail_expected(parser, pos, "expected ':' after an object key");
        pos = skip_whitespace(parser, pos + 1);
        expected = "expected a value after ':'";
        goto value;

    case STATE_AFTER_VALUE:
        break;
    }

    if (parser->depth == 0)
        return finish(parser, pos);

    pos = skip_whitespace(parser, pos);
    bool object = parser->stack[parser->depth - 1].kind == IN_OBJECT;
    char close = object ? '}' : ']';
    if (pos < length && data[pos] == ',') {
        pos = skip_whitespace(parser, pos + 1);
        if (pos < length && data[pos] == close)
            return fail_at(parser, pos, FCR_EPARSE,
                           "expected %s after ',', found '%c'; remove the trailing comma",
                           object ? "a key" : "a value", close);
        if (object) {
            expected = "expected a key in double quotes after ','";
            goto key;
        }
        expected = "expected a value after ','";
        goto value;
    }
    if (pos < length && data[pos] == close)
        goto close;
    return fail_expected(parser, pos,
                         object ? "expected ',' or '}' after an object member"
                                : "expected ',' or ']' after an array element");

close:
    return close_container(parser, pos);
key:
    return scan_key(parser, pos, expected);
value:
    return scan_value(parser, pos, expected);
}

/* --- accessors ------------------------------------------------------------ */

const char *fcr__json_string(const fcr__json_parser *parser, size_t *length)
{
    bool has_string = parser->state != STATE_STOPPED &&
                      (parser->token == FCR__JSON_KEY || parser->token == FCR__JSON_STRING);
    if (length != NULL)
        *length = has_string ? parser->string_length : 0;
    return has_string ? parser->string : NULL;
}

const char *fcr__json_number_text(const fcr__json_parser *parser, size_t *length)
{
    bool has_number = parser->state != STATE_STOPPED && parser->token == FCR__JSON_NUMBER;
    if (length != NULL)
        *length = has_number ? parser->pos - parser->token_start : 0;
    return has_number ? parser->data + parser->token_start : NULL;
}

bool fcr__json_number_int64(const fcr__json_parser *parser, int64_t *out)
{
    size_t length;
    const char *text = fcr__json_number_text(parser, &length);
    return text != NULL && fcr__json_text_int64(text, length, out);
}

bool fcr__json_number_double(const fcr__json_parser *parser, double *out)
{
    size_t length;
    const char *text = fcr__json_number_text(parser, &length);
    return text != NULL && fcr__json_text_double(text, length, out);
}

void fcr__json_position(const fcr__json_parser *parser, size_t *line, size_t *column,
                        size_t *offset)
{
    if (line != NULL)
        *line = parser->token_line;
    if (column != NULL)
        *column = parser->base + parser->token_start - parser->token_line_start + 1;
    if (offset != NULL)
        *offset = parser->base + parser->token_start;
}

size_t fcr__json_depth(const fcr__json_parser *parser)
{
    /* An opening bracket belongs to the level outside the container it
     * opens. Every other token belongs to the level it leaves the parser at. */
    bool opened = parser->state != STATE_STOPPED && (parser->token == FCR__JSON_OBJECT_BEGIN ||
                                                     parser->token == FCR__JSON_ARRAY_BEGIN);
    return opened ? parser->depth - 1 : parser->depth;
}

fcr__json_token fcr__json_skip(fcr__json_parser *parser, size_t *start, size_t *end)
{
    fcr__json_token token = parser->token;
    if (parser->state == STATE_STOPPED || parser->state == STATE_TOP)
        return token;

    if (token == FCR__JSON_KEY) {
        token = fcr__json_next(parser);
        if (parser->state == STATE_STOPPED)
            return token;
    }
    if (token == FCR__JSON_OBJECT_END || token == FCR__JSON_ARRAY_END) {
        fcr__json_fail(parser, FCR_EINVAL, NULL,
                       "fcr__json_skip: the current token closes a container, so no value "
                       "starts here");
        return FCR__JSON_ERROR;
    }

    size_t first = parser->token_start;
    if (token == FCR__JSON_OBJECT_BEGIN || token == FCR__JSON_ARRAY_BEGIN) {
        size_t depth = parser->depth - 1;
        do {
            token = fcr__json_next(parser);
            if (parser->state == STATE_STOPPED)
                return token;
        } while (parser->depth != depth ||
                 (token != FCR__JSON_OBJECT_END && token != FCR__JSON_ARRAY_END));
    }

    if (start != NULL)
        *start = first;
    if (end != NULL)
        *end = parser->pos;
    return token;
}
