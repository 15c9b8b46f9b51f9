/* SPDX-License-Identifier: MIT */
/* UTF-8 validation and encoding, following RFC 3629. */
#include <string.h>

#include "internal.h"

size_t fcr__utf8_valid_prefix(const char *data, size_t length)
{
    const unsigned char *bytes = (const unsigned char *)data;
    size_t i = 0;

    while (i < length) {
        unsigned char c = bytes[i];

        /* Fast path: runs of ASCII, eight bytes at a time. */
        if (c < 0x80) {
            while (i + 8 <= length) {
                uint64_t word;
                memcpy(&word, bytes + i, 8);
                if (word & UINT64_C(0x8080808080808080))
                    break;
                i += 8;
            }
            while (i < length && bytes[i] < 0x80)
                i++;
            continue;
        }

        size_t need;
        unsigned char low = 0x80, high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c == 0xE0) {
            need = 2;
            low = 0xA0; /* no overlong three-byte forms */
        } else if (c == 0xED) {
            need = 2;
            high = 0x9F; /* no UTF-16 surrogates */
        } else if (c >= 0xE1 && c <= 0xEF) {
            need = 2;
        } else if (c == 0xF0) {
            need = 3;
            low = 0x90; /* no overlong four-byte forms */
        } else if (c >= 0xF1 && c <= 0xF3) {
            need = 3;
        } else if (c == 0xF4) {
            need = 3;
            high = 0x8F; /* nothing above U+10FFFF */
        } else {
            return i;
        }

        if (need > length - i - 1)
            return i;
        if (bytes[i + 1] < low || bytes[i + 1] > high)
            return i;
        for (size_t k = 2; k <= need; k++) {
            if ((bytes[i + k] & 0xC0) != 0x80)
                return i;
        }
        i += need + 1;
    }
    return i;
}

size_t fcr__utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

fcr_status fcr__check_text(const char *text, const char *what, bool allow_null)
{
    if (text == NULL) {
        if (allow_null)
            return FCR_OK;
        return fcr__error(FCR_EINVAL, "%s is NULL; pass a NUL-terminated UTF-8 string", what);
    }

    size_t length = strlen(text);
    size_t valid = fcr__utf8_valid_prefix(text, length);
    if (valid != length)
        return fcr__error(FCR_EINVAL,
                          "%s is not valid UTF-8 (invalid byte at offset %zu); convert it to UTF-8",
                          what, valid);
    return FCR_OK;
}
