/* SPDX-License-Identifier: MIT */
/*
 * Time zones: fixed offsets and IANA zones read from TZif files (RFC 8536).
 *
 * A zone is a table of transitions (when the offset changes and to what)
 * and, for zones from version 2+ files, the POSIX TZ rule of the footer,
 * which governs every instant from the last table transition on. Debian and
 * zic's default "slim" output end the table early and rely on that rule for
 * current years, so it is required, not optional.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "civil_time.h"
#include "timezone.h"

#define DEFAULT_ZONEINFO "/usr/share/zoneinfo"
#define MAX_NAME_LENGTH 255
#define MAX_FIXED_OFFSET (18 * 3600)
/* Real TZif files are a few kilobytes; anything this large is not one. */
#define MAX_TZIF_SIZE (1024 * 1024)

#define TZIF_HEADER_SIZE 44
/* RFC 8536 says a UT offset SHOULD lie in [-89999, 93599] seconds
 * (-24:59:59 to +25:59:59) and MUST NOT be -2^31. libfcr rejects anything
 * outside that range. */
#define MIN_TZIF_OFFSET (-89999)
#define MAX_TZIF_OFFSET 93599
/* Larger than any accepted offset, so that local - BOUND precedes every
 * instant with wall-clock time `local`. */
#define OFFSET_BOUND_MS (INT64_C(93601) * FCR__MS_PER_SECOND)

struct fcr__zone {
    char *name;
    int32_t initial_offset; /* before the first transition, or always when there are none */
    size_t count;
    int64_t *times;         /* seconds since the epoch, strictly ascending */
    int32_t *offsets;       /* offset in effect from times[i] on */
    bool has_rule;          /* from times[count - 1] on (always when count is 0) */
    fcr__tz_rule rule;
};

/* --- construction -------------------------------------------------------- */

static fcr_status zone_new(fcr__zone **out, const char *name)
{
    fcr__zone *zone = fcr__calloc(1, sizeof *zone);
    if (zone == NULL)
        return fcr__error_nomem();

    zone->name = fcr__strdup(name);
    if (zone->name == NULL) {
        fcr__free(zone);
        return fcr__error_nomem();
    }

    *out = zone;
    return FCR_OK;
}

void fcr__zone_free(fcr__zone *zone)
{
    if (zone == NULL)
        return;
    fcr__free(zone->name);
    fcr__free(zone->times);
    fcr__free(zone->offsets);
    fcr__free(zone);
}

const char *fcr__zone_name(const fcr__zone *zone)
{
    return zone == NULL ? "UTC" : zone->name;
}

/* Writes "+hh:mm", "+hh:mm:ss" or "UTC" for an offset in seconds. */
static void format_offset_name(char *buffer, size_t size, int32_t offset)
{
    if (offset == 0) {
        snprintf(buffer, size, "UTC");
        return;
    }

    char sign = offset < 0 ? '-' : '+';
    int32_t magnitude = offset < 0 ? -offset : offset;
    int hours = (int)(magnitude / 3600), minutes = (int)(magnitude / 60 % 60);
    int seconds = (int)(magnitude % 60);
    if (seconds == 0)
        snprintf(buffer, size, "%c%02d:%02d", sign, hours, minutes);
    else
        snprintf(buffer, size, "%c%02d:%02d:%02d", sign, hours, minutes, seconds);
}

static fcr_status zone_fixed_named(fcr__zone **out, int32_t offset_seconds, const char *name)
{
    fcr__zone *zone = NULL;
    fcr_status status = zone_new(&zone, name);
    if (status != FCR_OK)
        return status;

    zone->initial_offset = offset_seconds;
    *out = zone;
    return FCR_OK;
}

fcr_status fcr__zone_fixed(fcr__zone **out, int32_t offset_seconds)
{
    if (out == NULL)
        return fcr__error(FCR_EINVAL, "fcr__zone_fixed: out must not be NULL");
    if (offset_seconds < -MAX_FIXED_OFFSET || offset_seconds > MAX_FIXED_OFFSET)
        return fcr__error(FCR_EINVAL,
                          "fixed UTC offset of %ld seconds is out of range (at most 18 hours "
                          "either way)",
                          (long)offset_seconds);

    char name[16];
    format_offset_name(name, sizeof name, offset_seconds);
    return zone_fixed_named(out, offset_seconds, name);
}

fcr_status fcr__zone_copy(fcr__zone **out, const fcr__zone *zone)
{
    if (out == NULL || zone == NULL)
        return fcr__error(FCR_EINVAL, "fcr__zone_copy: out and zone must not be NULL");

    fcr__zone *copy = NULL;
    fcr_status status = zone_new(&copy, zone->name);
    if (status != FCR_OK)
        return status;

    copy->initial_offset = zone->initial_offset;
    copy->has_rule = zone->has_rule;
    copy->rule = zone->rule;
    if (zone->count > 0) {
        copy->times = fcr__malloc(zone->count * sizeof *copy->times);
        copy->offsets = fcr__malloc(zone->count * sizeof *copy->offsets);
        if (copy->times == NULL || copy->offsets == NULL) {
            fcr__zone_free(copy);
            return fcr__error_nomem();
        }
        memcpy(copy->times, zone->times, zone->count * sizeof *copy->times);
        memcpy(copy->offsets, zone->offsets, zone->count * sizeof *copy->offsets);
        copy->count = zone->count;
    }

    *out = copy;
    return FCR_OK;
}

/* --- TZif ----------------------------------------------------------------- */

typedef struct tzif_header {
    char version; /* '\0', '2', '3' or '4' */
    uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
} tzif_header;

static fcr_status tzif_error(const char *name, const char *format, ...) FCR__PRINTF(2, 3);

static fcr_status tzif_error(const char *name, const char *format, ...)
{
    char detail[256];
    va_list args;
    va_start(args, format);
    vsnprintf(detail, sizeof detail, format, args);
    va_end(args);

    return fcr__error(FCR_EPARSE, "time zone %s: invalid TZif data: %s", name, detail);
}

static uint32_t read_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static int64_t read_signed(const unsigned char *p, int size)
{
    uint64_t bits = 0;
    for (int i = 0; i < size; i++)
        bits = bits << 8 | p[i];

    /* Two's complement by hand, because converting an unsigned value above
     * the signed maximum is implementation-defined in C. */
    uint64_t sign = UINT64_C(1) << (size * 8 - 1);
    if ((bits & sign) == 0)
        return (int64_t)bits;
    uint64_t magnitude = ((~bits) & (sign - 1)) + 1;
    return -(int64_t)(magnitude - 1) - 1;
}

static fcr_status read_header(tzif_header *header, const unsigned char *data, size_t length,
                              size_t pos, const char *name)
{
    if (length - pos < TZIF_HEADER_SIZE)
        return tzif_error(name, "%zu bytes at offset %zu are too few for a TZif header (44)",
                          length - pos, pos);
    if (memcmp(data + pos, "TZif", 4) != 0)
        return tzif_error(name, "no \"TZif\" magic at offset %zu; this is not a TZif file", pos);

    char version = (char)data[pos + 4];
    if (version != '\0' && version != '2' && version != '3' && version != '4')
        return fcr__error(FCR_EVERSION,
                          "time zone %s: TZif version byte 0x%02x is not supported (versions 1 "
                          "to 4 are); update libfcr or use an older zone database",
                          name, (unsigned)data[pos + 4]);

    const unsigned char *counts = data + pos + 20;
    header->version = version;
    header->isutcnt = read_be32(counts);
    header->isstdcnt = read_be32(counts + 4);
    header->leapcnt = read_be32(counts + 8);
    header->timecnt = read_be32(counts + 12);
    header->typecnt = read_be32(counts + 16);
    header->charcnt = read_be32(counts + 20);
    return FCR_OK;
}

/* Size of the data block after a header, in 64-bit arithmetic so that
 * counts near 2^32 cannot wrap. */
static uint64_t block_size(const tzif_header *h, int time_size)
{
    return (uint64_t)h->timecnt * (uint64_t)(time_size + 1) + (uint64_t)h->typecnt * 6 +
           h->charcnt + (uint64_t)h->leapcnt * (uint64_t)(time_size + 4) + h->isstdcnt +
           h->isutcnt;
}

static fcr_status check_block(const tzif_header *h, int time_size, size_t length, size_t pos,
                              const char *name)
{
    if (h->typecnt == 0)
        return tzif_error(name, "the header declares no local time types");
    if (h->charcnt == 0)
        return tzif_error(name, "the header declares no time zone designation bytes");
    if (h->isutcnt != 0 && h->isutcnt != h->typecnt)
        return tzif_error(name, "isutcnt is %lu but must be 0 or typecnt (%lu)",
                          (unsigned long)h->isutcnt, (unsigned long)h->typecnt);
    if (h->isstdcnt != 0 && h->isstdcnt != h->typecnt)
        return tzif_error(name, "isstdcnt is %lu but must be 0 or typecnt (%lu)",
                          (unsigned long)h->isstdcnt, (unsigned long)h->typecnt);
    if (h->typecnt > 256)
        return tzif_error(name, "typecnt is %lu but a one-byte index can name at most 256",
                          (unsigned long)h->typecnt);

    uint64_t needed = block_size(h, time_size);
    if (needed > length - pos)
        return tzif_error(name, "the data ends early: the header declares %llu bytes after "
                                "offset %zu but only %zu remain",
                          (unsigned long long)needed, pos, length - pos);
    return FCR_OK;
}

typedef struct leap_record {
    int64_t occurrence;
    int64_t correction;
} leap_record;

/* Turns a transition time of a "right/" zone, which counts leap seconds,
 * into POSIX time, which fcr_time uses. */
static int64_t remove_leap_seconds(int64_t seconds, const unsigned char *leaps, uint32_t count,
                                   int time_size)
{
    int64_t correction = 0;
    for (uint32_t i = 0; i < count; i++) {
        const unsigned char *record = leaps + (size_t)i * (size_t)(time_size + 4);
        if (read_signed(record, time_size) > seconds)
            break;
        correction = read_signed(record + time_size, 4);
    }
    return seconds - correction;
}

static fcr_status check_leap_records(const unsigned char *leaps, uint32_t count, int time_size,
                                     const char *name)
{
    int64_t previous = 0;
    for (uint32_t i = 0; i < count; i++) {
        int64_t occurrence = read_signed(leaps + (size_t)i * (size_t)(time_size + 4), time_size);
        if (occurrence < 0 || (i > 0 && occurrence <= previous))
            return tzif_error(name, "leap-second record %lu is negative or not after the one "
                                    "before it",
                              (unsigned long)i);
        previous = occurrence;
    }
    return FCR_OK;
}

static fcr_status check_types(const unsigned char *types, const tzif_header *h,
                              const unsigned char *isstd, const unsigned char *isut,
                              const char *name)
{
    for (uint32_t i = 0; i < h->typecnt; i++) {
        const unsigned char *type = types + (size_t)i * 6;
        int64_t offset = read_signed(type, 4);
        if (offset < MIN_TZIF_OFFSET || offset > MAX_TZIF_OFFSET)
            return tzif_error(name, "local time type %lu has a UT offset of %lld seconds, "
                                    "outside -24:59:59 to +25:59:59",
                              (unsigned long)i, (long long)offset);
        if (type[4] > 1)
            return tzif_error(name, "local time type %lu has a DST flag other than 0 or 1",
                              (unsigned long)i);
        if (type[5] >= h->charcnt)
            return tzif_error(name, "local time type %lu has a designation index past the "
                                    "designation bytes",
                              (unsigned long)i);
    }

    for (uint32_t i = 0; i < h->isstdcnt; i++) {
        if (isstd[i] > 1)
            return tzif_error(name, "standard/wall indicator %lu is not 0 or 1", (unsigned long)i);
    }
    for (uint32_t i = 0; i < h->isutcnt; i++) {
        if (isut[i] > 1 || (isut[i] == 1 && h->isstdcnt > 0 && isstd[i] != 1))
            return tzif_error(name, "UT/local indicator %lu is not 0 or 1, or is 1 while its "
                                    "standard/wall indicator is 0",
                              (unsigned long)i);
    }
    return FCR_OK;
}

/* Reads the data block at `pos` into the zone's transition table. */
static fcr_status read_block(fcr__zone *zone, const tzif_header *h, int time_size,
                             const unsigned char *data, size_t pos)
{
    const unsigned char *times = data + pos;
    const unsigned char *indices = times + (size_t)h->timecnt * (size_t)time_size;
    const unsigned char *types = indices + h->timecnt;
    const unsigned char *leaps = types + (size_t)h->typecnt * 6 + h->charcnt;
    const unsigned char *isstd = leaps + (size_t)h->leapcnt * (size_t)(time_size + 4);
    const unsigned char *isut = isstd + h->isstdcnt;

    fcr_status status = check_types(types, h, isstd, isut, zone->name);
    if (status == FCR_OK)
        status = check_leap_records(leaps, h->leapcnt, time_size, zone->name);
    if (status != FCR_OK)
        return status;

    /* Time type 0 applies before the first transition (RFC 9636, which
     * replaced RFC 8536, section 3.2). */
    zone->initial_offset = (int32_t)read_signed(types, 4);
    if (h->timecnt == 0)
        return FCR_OK;

    zone->times = fcr__malloc(h->timecnt * sizeof *zone->times);
    zone->offsets = fcr__malloc(h->timecnt * sizeof *zone->offsets);
    if (zone->times == NULL || zone->offsets == NULL)
        return fcr__error_nomem();

    for (uint32_t i = 0; i < h->timecnt; i++) {
        int64_t seconds = read_signed(times + (size_t)i * (size_t)time_size, time_size);
        seconds = remove_leap_seconds(seconds, leaps, h->leapcnt, time_size);
        if (i > 0 && seconds <= zone->times[i - 1])
            return tzif_error(zone->name, "transition %lu is not later than the one before it",
                              (unsigned long)i);
        if (indices[i] >= h->typecnt)
            return tzif_error(zone->name, "transition %lu names local time type %u but there "
                                          "are only %lu",
                              (unsigned long)i, (unsigned)indices[i], (unsigned long)h->typecnt);

        zone->times[i] = seconds;
        zone->offsets[i] = (int32_t)read_signed(types + (size_t)indices[i] * 6, 4);
        zone->count = i + 1;
    }
    return FCR_OK;
}

/* Reads the "\n<TZ string>\n" footer that ends a version 2+ file. */
static fcr_status read_footer(fcr__zone *zone, const unsigned char *data, size_t length,
                              size_t pos)
{
    if (pos >= length || data[pos] != '\n')
        return tzif_error(zone->name, "the footer is missing: expected a newline at offset %zu",
                          pos);

    const unsigned char *start = data + pos + 1;
    const unsigned char *end = memchr(start, '\n', length - pos - 1);
    if (end == NULL)
        return tzif_error(zone->name, "the footer's TZ string does not end with a newline");
    if ((size_t)(end - data) + 1 != length)
        return tzif_error(zone->name, "%zu unexpected bytes follow the footer",
                          length - (size_t)(end - data) - 1);

    /* An empty TZ string means no rule: the last transition's type stays. */
    size_t tz_length = (size_t)(end - start);
    if (tz_length == 0)
        return FCR_OK;

    fcr_status status = fcr__tz_rule_parse(&zone->rule, (const char *)start, tz_length);
    if (status != FCR_OK) {
        fcr__error_prefix("time zone %s: invalid TZif footer", zone->name);
        return status;
    }
    zone->has_rule = true;
    return FCR_OK;
}

static fcr_status parse_tzif(fcr__zone *zone, const unsigned char *data, size_t length)
{
    tzif_header header = {0};
    fcr_status status = read_header(&header, data, length, 0, zone->name);
    if (status != FCR_OK)
        return status;

    if (header.version == '\0') {
        status = check_block(&header, 4, length, TZIF_HEADER_SIZE, zone->name);
        if (status != FCR_OK)
            return status;
        return read_block(zone, &header, 4, data, TZIF_HEADER_SIZE);
    }

    /* Version 2+: skip the 32-bit block, which only old readers use, and
     * read the 64-bit block and the footer that follow it. */
    uint64_t v1_size = block_size(&header, 4);
    if (v1_size > length - TZIF_HEADER_SIZE)
        return tzif_error(zone->name, "the data ends inside the version 1 data block");
    size_t second = TZIF_HEADER_SIZE + (size_t)v1_size;

    tzif_header header2 = {0};
    status = read_header(&header2, data, length, second, zone->name);
    if (status != FCR_OK)
        return status;
    if (header2.version != header.version)
        return tzif_error(zone->name, "the two headers give different versions");

    size_t block = second + TZIF_HEADER_SIZE;
    status = check_block(&header2, 8, length, block, zone->name);
    if (status == FCR_OK)
        status = read_block(zone, &header2, 8, data, block);
    if (status != FCR_OK)
        return status;
    return read_footer(zone, data, length, block + (size_t)block_size(&header2, 8));
}

fcr_status fcr__zone_from_tzif(fcr__zone **out, const char *data, size_t length, const char *name)
{
    if (out == NULL || (data == NULL && length > 0))
        return fcr__error(FCR_EINVAL, "fcr__zone_from_tzif: out and data must not be NULL");
    if (name == NULL)
        name = "(unnamed)";
    if (length > MAX_TZIF_SIZE)
        return tzif_error(name, "%zu bytes is more than the 1 MiB a TZif file may have here",
                          length);

    fcr__zone *zone = NULL;
    fcr_status status = zone_new(&zone, name);
    if (status != FCR_OK)
        return status;

    status = parse_tzif(zone, (const unsigned char *)(data == NULL ? "" : data), length);
    if (status != FCR_OK) {
        fcr__zone_free(zone);
        return status;
    }

    *out = zone;
    return FCR_OK;
}

/* --- loading by name ------------------------------------------------------ */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads "+hh:mm" or "+hhmm" (or '-'). Returns false when `name` has
 * another form. */
static bool parse_fixed_name(const char *name, int32_t *offset)
{
    size_t length = strlen(name);
    const char *digits = name + 1;
    int hours, minutes;

    if (length == 6 && is_digit(digits[0]) && is_digit(digits[1]) && digits[2] == ':' &&
        is_digit(digits[3]) && is_digit(digits[4])) {
        hours = (digits[0] - '0') * 10 + (digits[1] - '0');
        minutes = (digits[3] - '0') * 10 + (digits[4] - '0');
    } else if (length == 5 && is_digit(digits[0]) && is_digit(digits[1]) &&
               is_digit(digits[2]) && is_digit(digits[3])) {
        hours = (digits[0] - '0') * 10 + (digits[1] - '0');
        minutes = (digits[2] - '0') * 10 + (digits[3] - '0');
    } else {
        return false;
    }

    if (minutes > 59)
        return false;
    int32_t seconds = (int32_t)(hours * 3600 + minutes * 60);
    *offset = name[0] == '-' ? -seconds : seconds;
    return true;
}

static bool is_name_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '/' ||
           c == '_' || c == '+' || c == '-';
}

/* Rejects names that could leave the zoneinfo directory or that no zone
 * file has. The name is only quoted once it is known to be harmless. */
static fcr_status check_zone_name(const char *name)
{
    size_t length = strlen(name);

    if (length == 0)
        return fcr__error(FCR_EINVAL, "time zone name is empty: use an IANA name such as "
                                      "America/New_York, UTC or an offset such as +05:30");
    if (length > MAX_NAME_LENGTH)
        return fcr__error(FCR_EINVAL, "time zone name has %zu bytes; at most %d are allowed",
                          length, MAX_NAME_LENGTH);
    if (strstr(name, "..") != NULL)
        return fcr__error(FCR_EINVAL, "time zone name must not contain \"..\"");
    for (size_t i = 0; i < length; i++) {
        if (!is_name_char(name[i]))
            return fcr__error(FCR_EINVAL,
                              "time zone name has a character outside A-Z, a-z, 0-9, '/', '_', "
                              "'+' and '-' at position %zu",
                              i + 1);
    }
    if (name[0] == '/' || name[length - 1] == '/' || strstr(name, "//") != NULL)
        return fcr__error(FCR_EINVAL, "time zone name %s is invalid: use a relative name "
                                      "without empty components, such as America/New_York",
                          name);
    return FCR_OK;
}

static const char *zoneinfo_directory(void)
{
    /* TZDIR names the database, as it does for the C library; TZ itself is
     * never read, because the office zone must not depend on the host. */
    const char *directory = getenv("TZDIR");
    if (directory == NULL || directory[0] == '\0')
        return DEFAULT_ZONEINFO;
    return directory;
}

static fcr_status not_found(const char *name, const char *path, const char *reason)
{
    return fcr__error(FCR_ENOTFOUND,
                      "time zone %s not found: %s %s; check the name, or install the tzdata "
                      "package, or set TZDIR to a zoneinfo directory",
                      name, path, reason);
}

/* Reads the whole zone file into a buffer that the caller frees. */
static fcr_status read_zone_file(const char *name, const char *path, char **data, size_t *length)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return not_found(name, path, "does not exist");
        return fcr__error(FCR_EIO, "time zone %s: cannot open %s (errno %d)", name, path, errno);
    }

    struct stat info;
    if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        close(fd);
        return not_found(name, path, "is not a regular file");
    }
    if (info.st_size > MAX_TZIF_SIZE) {
        close(fd);
        return tzif_error(name, "%s is larger than 1 MiB, so it is not a TZif file", path);
    }

    size_t capacity = (size_t)info.st_size;
    char *buffer = fcr__malloc(capacity + 1);
    if (buffer == NULL) {
        close(fd);
        return fcr__error_nomem();
    }

    size_t used = 0;
    while (used < capacity) {
        ssize_t got = read(fd, buffer + used, capacity - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int error = errno;
            close(fd);
            fcr__free(buffer);
            return fcr__error(FCR_EIO, "time zone %s: reading %s failed (errno %d)", name, path,
                              error);
        }
        if (got == 0)
            break;
        used += (size_t)got;
    }
    close(fd);

    *data = buffer;
    *length = used;
    return FCR_OK;
}

fcr_status fcr__zone_load(fcr__zone **out, const char *name)
{
    if (out == NULL || name == NULL)
        return fcr__error(FCR_EINVAL, "fcr__zone_load: out and name must not be NULL");

    if (strcmp(name, "UTC") == 0 || strcmp(name, "Z") == 0)
        return zone_fixed_named(out, 0, name);

    if (name[0] == '+' || name[0] == '-') {
        int32_t offset = 0;
        if (!parse_fixed_name(name, &offset))
            return fcr__error(FCR_EINVAL, "time zone name starts with '%c' but is not a fixed "
                                          "offset: write +hh:mm or +hhmm, such as +05:30 or -0500",
                              name[0]);
        if (offset < -MAX_FIXED_OFFSET || offset > MAX_FIXED_OFFSET)
            return fcr__error(FCR_EINVAL, "time zone %s: a fixed offset may be at most 18:00 "
                                          "either way",
                              name);
        return zone_fixed_named(out, offset, name);
    }

    fcr_status status = check_zone_name(name);
    if (status != FCR_OK)
        return status;

    const char *directory = zoneinfo_directory();
    size_t path_size = strlen(directory) + 1 + strlen(name) + 1;
    char *path = fcr__malloc(path_size);
    if (path == NULL)
        return fcr__error_nomem();
    snprintf(path, path_size, "%s/%s", directory, name);

    char *data = NULL;
    size_t length = 0;
    status = read_zone_file(name, path, &data, &length);
    fcr__free(path);
    if (status != FCR_OK)
        return status;

    status = fcr__zone_from_tzif(out, data, length, name);
    fcr__free(data);
    return status;
}

/* --- lookups ---------------------------------------------------------------- */

/* Offset in seconds at `seconds` since the epoch. */
static int32_t offset_at(const fcr__zone *zone, int64_t seconds)
{
    if (zone->count == 0)
        return zone->has_rule ? fcr__tz_rule_offset(&zone->rule, seconds) : zone->initial_offset;
    if (seconds < zone->times[0])
        return zone->initial_offset;
    if (zone->has_rule && seconds >= zone->times[zone->count - 1])
        return fcr__tz_rule_offset(&zone->rule, seconds);

    /* Last transition at or before `seconds`. */
    size_t low = 0, high = zone->count - 1;
    while (low < high) {
        size_t middle = low + (high - low + 1) / 2;
        if (zone->times[middle] <= seconds)
            low = middle;
        else
            high = middle - 1;
    }
    return zone->offsets[low];
}

/* First second after `seconds` at which the offset changes. */
static bool next_change(const fcr__zone *zone, int64_t seconds, int64_t *next)
{
    if (zone->count > 0) {
        size_t low = 0, high = zone->count;
        while (low < high) {
            size_t middle = low + (high - low) / 2;
            if (zone->times[middle] <= seconds)
                low = middle + 1;
            else
                high = middle;
        }

        /* Transitions that change only the abbreviation or DST flag keep
         * the offset, so they are skipped. */
        for (size_t i = low; i < zone->count; i++) {
            int64_t at = zone->times[i];
            if (offset_at(zone, at - 1) != offset_at(zone, at)) {
                *next = at;
                return true;
            }
        }
        if (seconds < zone->times[zone->count - 1])
            seconds = zone->times[zone->count - 1];
    }

    if (!zone->has_rule)
        return false;
    return fcr__tz_rule_next_transition(&zone->rule, seconds, next);
}

int32_t fcr__zone_offset(const fcr__zone *zone, fcr_time time)
{
    if (zone == NULL)
        return 0;
    return offset_at(zone, fcr__floor_div(time, FCR__MS_PER_SECOND));
}

int64_t fcr__zone_to_local(const fcr__zone *zone, fcr_time time)
{
    return time + (int64_t)fcr__zone_offset(zone, time) * FCR__MS_PER_SECOND;
}

bool fcr__zone_next_transition(const fcr__zone *zone, fcr_time time, fcr_time *next)
{
    if (zone == NULL)
        return false;

    int64_t seconds = 0;
    if (!next_change(zone, fcr__floor_div(time, FCR__MS_PER_SECOND), &seconds))
        return false;

    /* TZif times are 64-bit seconds, so a damaged or far-future file can
     * name a change that no fcr_time reaches. */
    if (seconds > INT64_MAX / FCR__MS_PER_SECOND)
        return false;
    *next = seconds * FCR__MS_PER_SECOND;
    return true;
}

fcr_time fcr__zone_from_local(const fcr__zone *zone, int64_t local)
{
    if (zone == NULL)
        return local;

    /* Every instant whose wall clock shows `local` lies within the offset
     * bound of it. Walk the spans of constant offset from there in time
     * order. The first span that contains local - offset gives the earliest
     * solution, which is the one wanted in an overlap. A span whose start
     * already shows a wall-clock time past `local`, with no answer before
     * it, begins just after a gap, and its start is the jump. */
    fcr_time span_start = local - OFFSET_BOUND_MS;
    int32_t offset = fcr__zone_offset(zone, span_start);
    bool first = true;

    for (;;) {
        fcr_time span_end = 0;
        bool bounded = fcr__zone_next_transition(zone, span_start, &span_end);
        fcr_time candidate = local - (int64_t)offset * FCR__MS_PER_SECOND;

        if (!first && span_start + (int64_t)offset * FCR__MS_PER_SECOND > local)
            return span_start;
        if (candidate >= span_start && (!bounded || candidate < span_end))
            return candidate;
        if (!bounded || span_end > local + OFFSET_BOUND_MS)
            return candidate;

        span_start = span_end;
        offset = fcr__zone_offset(zone, span_start);
        first = false;
    }
}
