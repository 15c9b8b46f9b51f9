/* SPDX-License-Identifier: MIT */
/*
 * Writes N synthetic contacts as a CSV contact log, sorted by time, for the
 * metrics benchmark: generate N [SEED] > contacts.csv
 *
 * Columns: id,caller,time,category,agent,direction,outcome,target. Times
 * start at 2026-01-05T00:00:00Z and grow by 1 to 5 seconds (3 on average),
 * so a 7-day window holds about 200,000 contacts whatever N is. Callers are
 * drawn from a pool of 200,000, so a caller contacts the office about once a
 * week and many contacts have a repeat within the window. 5% of contacts are
 * outbound and 10% escalated. The same N and SEED give the same file.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state;

/* xorshift64*: small, fast and the same on every platform. */
static uint64_t next_random(void)
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * UINT64_C(2685821657736338717);
}

static const char *const categories[] = {"scheduling", "refill", "referral", "records",
                                         "insurance", "billing", "test_results",
                                         "clinical_question", "other"};
static const char *const targets[] = {"nurse_triage", "provider", "billing_office",
                                      "referral_coordinator"};

/* Writes an RFC 3339 UTC time for seconds since the epoch (years 1970-2099). */
static void format_time(int64_t seconds, char out[64])
{
    int64_t days = seconds / 86400, rest = seconds % 86400;
    /* Civil date from a day count (proleptic Gregorian). */
    int64_t z = days + 719468;
    int64_t era = z / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    snprintf(out, 64, "%04" PRId64 "-%02" PRId64 "-%02" PRId64 "T%02" PRId64 ":%02" PRId64
                      ":%02" PRId64 "Z",
             y, m, d, rest / 3600, rest / 60 % 60, rest % 60);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fputs("usage: generate N [SEED] > contacts.csv\n", stderr);
        return 2;
    }
    long long count = strtoll(argv[1], NULL, 10);
    state = argc == 3 ? strtoull(argv[2], NULL, 10) : 20260105;
    if (count < 0 || state == 0) {
        fputs("generate: N must be at least 0 and SEED not 0\n", stderr);
        return 2;
    }

    static char buffer[1 << 20];
    setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
    fputs("id,caller,time,category,agent,direction,outcome,target\n", stdout);

    int64_t seconds = INT64_C(1767571200); /* 2026-01-05T00:00:00Z */
    for (long long i = 0; i < count; i++) {
        uint64_t r = next_random();
        seconds += 1 + (int64_t)(r % 5);
        char time[64];
        format_time(seconds, time);

        uint64_t caller = (r >> 8) % 200000;
        const char *category = categories[(r >> 32) % 9];
        unsigned agent = (unsigned)((r >> 40) % 50);
        const char *direction = (r >> 48) % 20 == 0 ? "outbound" : "inbound";
        int escalated = (r >> 54) % 10 == 0;
        printf("C%010lld,P%06" PRIu64 ",%s,%s,A%02u,%s,%s,%s\n", i + 1, caller, time, category,
               agent, direction, escalated ? "escalated" : "resolved",
               escalated ? targets[(r >> 58) % 4] : "");
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
