/* SPDX-License-Identifier: MIT */
/*
 * Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name)
 * for the resources of a FHIR note, so that the same call always gives the
 * same ids. SHA-1 serves here as the RFC's naming function, not for
 * security.
 */
#include <stdio.h>
#include <string.h>

#include "note_internal.h"

/* libfcr's namespace for note resources: a random UUID fixed once. */
static const unsigned char note_namespace[16] = {
    0xad, 0x01, 0x67, 0x86, 0x66, 0x38, 0x4c, 0x08,
    0xad, 0x85, 0x79, 0x11, 0xb9, 0xc5, 0x21, 0xf9,
};

typedef struct sha1_context {
    uint32_t state[5];
    unsigned char block[64];
    size_t used;      /* bytes in block */
    uint64_t length;  /* bytes hashed so far */
} sha1_context;

static uint32_t rotate_left(uint32_t value, unsigned bits)
{
    return (value << bits) | (value >> (32 - bits));
}

/* Processes one 64-byte block (FIPS 180-4, section 6.1.2). */
static void sha1_block(sha1_context *context, const unsigned char *block)
{
    uint32_t w[80];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)block[4 * t] << 24 | (uint32_t)block[4 * t + 1] << 16 |
               (uint32_t)block[4 * t + 2] << 8 | (uint32_t)block[4 * t + 3];
    for (int t = 16; t < 80; t++)
        w[t] = rotate_left(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);

    uint32_t a = context->state[0], b = context->state[1], c = context->state[2];
    uint32_t d = context->state[3], e = context->state[4];
    for (int t = 0; t < 80; t++) {
        uint32_t f, k;
        if (t < 20) {
            f = (b & c) | (~b & d);
            k = 0x5a827999u;
        } else if (t < 40) {
            f = b ^ c ^ d;
            k = 0x6ed9eba1u;
        } else if (t < 60) {
            f = (b & c) | (b & d) | (c & d);
            k = 0x8f1bbcdcu;
        } else {
            f = b ^ c ^ d;
            k = 0xca62c1d6u;
        }
        uint32_t next = rotate_left(a, 5) + f + e + k + w[t];
        e = d;
        d = c;
        c = rotate_left(b, 30);
        b = a;
        a = next;
    }
    context->state[0] += a;
    context->state[1] += b;
    context->state[2] += c;
    context->state[3] += d;
    context->state[4] += e;
}

static void sha1_init(sha1_context *context)
{
    static const uint32_t initial[5] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u,
                                        0xc3d2e1f0u};
    memcpy(context->state, initial, sizeof initial);
    context->used = 0;
    context->length = 0;
}

static void sha1_update(sha1_context *context, const void *data, size_t length)
{
    const unsigned char *bytes = data;
    context->length += length;
    while (length > 0) {
        size_t piece = sizeof context->block - context->used;
        if (piece > length)
            piece = length;
        memcpy(context->block + context->used, bytes, piece);
        context->used += piece;
        bytes += piece;
        length -= piece;
        if (context->used == sizeof context->block) {
            sha1_block(context, context->block);
            context->used = 0;
        }
    }
}

static void sha1_final(sha1_context *context, unsigned char digest[20])
{
    uint64_t bits = context->length * 8;
    static const unsigned char pad = 0x80;
    static const unsigned char zero = 0;

    /* Padding: one 1 bit, zeros up to 56 bytes into a block, then the
     * message length in bits, big-endian. */
    sha1_update(context, &pad, 1);
    while (context->used != 56)
        sha1_update(context, &zero, 1);
    unsigned char length_bytes[8];
    for (int i = 0; i < 8; i++)
        length_bytes[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha1_update(context, length_bytes, sizeof length_bytes);

    for (int i = 0; i < 5; i++) {
        digest[4 * i] = (unsigned char)(context->state[i] >> 24);
        digest[4 * i + 1] = (unsigned char)(context->state[i] >> 16);
        digest[4 * i + 2] = (unsigned char)(context->state[i] >> 8);
        digest[4 * i + 3] = (unsigned char)context->state[i];
    }
}

void fcr__note_uuid(char out[FCR__UUID_TEXT_SIZE], const char *call_id, const char *kind,
                    size_t index)
{
    /* The name is "<kind>/<index>/<call id>". Neither the kind nor the
     * index contains a '/', so two different inputs never share a name. */
    char prefix[96];
    snprintf(prefix, sizeof prefix, "%s/%zu/", kind, index);

    sha1_context context;
    sha1_init(&context);
    sha1_update(&context, note_namespace, sizeof note_namespace);
    sha1_update(&context, prefix, strlen(prefix));
    sha1_update(&context, call_id, strlen(call_id));
    unsigned char digest[20];
    sha1_final(&context, digest);

    digest[6] = (unsigned char)((digest[6] & 0x0f) | 0x50); /* version 5 */
    digest[8] = (unsigned char)((digest[8] & 0x3f) | 0x80); /* RFC 9562 variant */

    static const char hex[] = "0123456789abcdef";
    size_t at = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[at++] = '-';
        out[at++] = hex[digest[i] >> 4];
        out[at++] = hex[digest[i] & 15];
    }
    out[at] = '\0';
}
