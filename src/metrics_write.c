/* SPDX-License-Identifier: MIT */
/* The metrics report: tables for people, JSON and CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "metrics_internal.h"
#include "text_format.h"

static const char *const counter_names[FCR__COUNTER_COUNT] = {
    "contacts", "resolved", "repeated", "provisional", "excluded", "repeat_contacts", "escalated"};

static const char *const rate_names[] = {"fcr_rate", "repeat_contact_rate", "escalation_rate"};

/* Category ids with their own window, sorted, for the definitions. */
typedef struct category_window {
    const char *category;
    char text[64];
} category_window;

static int compare_category_windows(const void *left, const void *right)
{
    const category_window *a = left, *b = right;
    return strcmp(a->category, b->category);
}

static category_window *category_windows(const fcr_metrics *metrics, size_t *count)
{
    size_t n = 0;
    for (size_t i = 0; i < metrics->interns.capacity; i++) {
        const fcr__intern *entry = (const fcr__intern *)metrics->interns.slots[i].entry;
        n += entry != NULL && entry->has_window;
    }
    category_window *list = fcr__calloc(n == 0 ? 1 : n, sizeof *list);
    if (list == NULL)
        return NULL;

    n = 0;
    for (size_t i = 0; i < metrics->interns.capacity; i++) {
        const fcr__intern *entry = (const fcr__intern *)metrics->interns.slots[i].entry;
        if (entry == NULL || !entry->has_window)
            continue;
        list[n].category = entry->text;
        fcr__window_format(&entry->window, list[n].text);
        n++;
    }
    qsort(list, n, sizeof *list, compare_category_windows);
    *count = n;
    return list;
}

static void format_rate(double rate, char out[32])
{
    if (rate < 0) {
        snprintf(out, 32, "-");
        return;
    }
    fcr__format_fixed(rate * 100.0, 1, out);
    // NOLINTNEXTLINE(clang-analyzer-security.insecureAPI.strcpy): "100.0%" fits in 32 bytes
    strcat(out, "%");
}

static void format_time(fcr_time time, char out[FCR_TIME_TEXT_SIZE])
{
    if (time == FCR_TIME_NONE || fcr_time_format(out, FCR_TIME_TEXT_SIZE, time) != FCR_OK)
        snprintf(out, FCR_TIME_TEXT_SIZE, "none");
}

static uint64_t final_of(const uint64_t *counters)
{
    return counters[FCR_COUNT_RESOLVED] + counters[FCR_COUNT_REPEATED];
}

/* --- text --------------------------------------------------------------------- */

static void text_definitions(fcr__strbuf *out, const fcr_metrics *metrics,
                             const category_window *windows, size_t window_count)
{
    char text[64];
    char end[FCR_TIME_TEXT_SIZE];
    fcr__window_format(&metrics->window, text);
    format_time(metrics->data_end, end);

    fcr__strbuf_printf(out, "Repeat window:    %s", text);
    for (size_t i = 0; i < window_count; i++) {
        fcr__strbuf_printf(out, "%s", i == 0 ? " (" : ", ");
        fcr__text_append_line(out, windows[i].category);
        fcr__strbuf_printf(out, " %s", windows[i].text);
    }
    fcr__strbuf_printf(out, "%s\n", window_count > 0 ? ")" : "");
    fcr__strbuf_printf(out, "Category match:   %s\n", metrics->category_match ? "on" : "off");
    if (metrics->transfers) {
        fcr__window gap = {false, metrics->transfer_gap_ms, 0, 0};
        fcr__window_format(&gap, text);
        fcr__strbuf_printf(out, "Transfers:        merged when less than %s apart\n", text);
    } else {
        fcr__strbuf_puts(out, "Transfers:        not merged\n");
    }
    fcr__strbuf_printf(out, "Data end:         %s\n", end);
}

static void text_header(fcr__strbuf *out, const char *title)
{
    fcr__strbuf_printf(out, "%-24s %9s %9s %9s %9s %8s %8s %8s %11s %9s\n", title, "contacts",
                       "final", "resolved", "repeated", "FCR", "repeat", "escal.", "provisional",
                       "excluded");
}

static void text_row(fcr__strbuf *out, const char *name, const uint64_t *counters)
{
    char fcr[32], repeat[32], escalation[32], label[64];
    format_rate(fcr__metrics_rate_of(counters, FCR_RATE_FCR), fcr);
    format_rate(fcr__metrics_rate_of(counters, FCR_RATE_REPEAT_CONTACT), repeat);
    format_rate(fcr__metrics_rate_of(counters, FCR_RATE_ESCALATION), escalation);

    /* Long or multi-line names would break the columns: cut and flatten. */
    fcr__strbuf flat = FCR__STRBUF_INIT;
    fcr__text_append_line(&flat, name[0] == '\0' ? "(none)" : name);
    snprintf(label, sizeof label, "%.24s", flat.data != NULL ? flat.data : "");
    fcr__strbuf_free(&flat);

    fcr__strbuf_printf(out, "%-24s %9llu %9llu %9llu %9llu %8s %8s %8s %11llu %9llu\n", label,
                       (unsigned long long)counters[FCR_COUNT_CONTACTS],
                       (unsigned long long)final_of(counters),
                       (unsigned long long)counters[FCR_COUNT_RESOLVED],
                       (unsigned long long)counters[FCR_COUNT_REPEATED], fcr, repeat, escalation,
                       (unsigned long long)counters[FCR_COUNT_PROVISIONAL],
                       (unsigned long long)counters[FCR_COUNT_EXCLUDED]);
}

static void text_checklist(fcr__strbuf *out, const fcr_metrics *metrics)
{
    fcr__strbuf_printf(out, "\nChecklist compliance of scored calls, with the FCR rate of their "
                            "contacts\n");
    fcr__strbuf_printf(out, "%-30s %7s %7s %7s %7s %11s %12s %12s\n", "item", "met", "missed",
                       "n/a", "unknown", "compliance", "FCR if met", "FCR if missed");
    for (int item = 0; item < FCR_ITEM_COUNT; item++) {
        const uint64_t *calls = metrics->item_calls[item];
        char compliance[32], met[32], missed[32];
        uint64_t applicable = calls[FCR_RESULT_MET] + calls[FCR_RESULT_MISSED];
        format_rate(applicable == 0 ? -1.0 : (double)calls[FCR_RESULT_MET] / (double)applicable,
                    compliance);
        format_rate(fcr__metrics_rate_of(metrics->item_counters[item][FCR_RESULT_MET], FCR_RATE_FCR),
                    met);
        format_rate(
            fcr__metrics_rate_of(metrics->item_counters[item][FCR_RESULT_MISSED], FCR_RATE_FCR),
            missed);
        fcr__strbuf_printf(out, "%-30s %7llu %7llu %7llu %7llu %11s %12s %12s\n",
                           fcr_item_id((fcr_item)item), (unsigned long long)calls[0],
                           (unsigned long long)calls[1], (unsigned long long)calls[2],
                           (unsigned long long)calls[3], compliance, met, missed);
    }
}

static void write_text(fcr__strbuf *out, const fcr_metrics *metrics,
                       const category_window *windows, size_t window_count)
{
    fcr__strbuf_puts(out, "First-call resolution\n\n");
    text_definitions(out, metrics, windows, window_count);

    const uint64_t *total = metrics->total;
    fcr__strbuf_printf(out, "\nContacts: %llu, of which %llu final, %llu provisional, %llu "
                            "excluded\n",
                       (unsigned long long)total[FCR_COUNT_CONTACTS],
                       (unsigned long long)final_of(total),
                       (unsigned long long)total[FCR_COUNT_PROVISIONAL],
                       (unsigned long long)total[FCR_COUNT_EXCLUDED]);
    if (total[FCR_COUNT_EXCLUDED] > 0) {
        fcr__strbuf_puts(out, "Excluded:");
        const char *separator = " ";
        for (int e = 1; e < FCR_EXCLUSION_COUNT; e++) {
            if (metrics->excluded[e] == 0)
                continue;
            fcr__strbuf_printf(out, "%s%s %llu", separator, fcr_exclusion_name((fcr_exclusion)e),
                               (unsigned long long)metrics->excluded[e]);
            separator = ", ";
        }
        fcr__strbuf_putc(out, '\n');
    }
    fcr__strbuf_puts(out, "Rates are shares of the final contacts; provisional contacts are "
                          "not in any rate.\n\n");

    text_header(out, "");
    text_row(out, "total", total);

    static const char *const titles[FCR__GROUP_BREAKDOWNS] = {"By agent", "By category",
                                                              "By escalation target"};
    for (int b = 0; b < FCR__GROUP_BREAKDOWNS; b++) {
        if (!metrics->breakdowns[b])
            continue;
        fcr__strbuf_putc(out, '\n');
        text_header(out, titles[b]);
        for (size_t i = 0; i < metrics->group_count[b]; i++)
            text_row(out, metrics->groups[b][i].name, metrics->groups[b][i].counters);
    }

    if (metrics->scored_calls)
        text_checklist(out, metrics);
}

/* --- JSON ---------------------------------------------------------------------- */

static void json_rate(fcr__json_writer *writer, double rate)
{
    if (rate < 0)
        fcr__json_null(writer);
    else
        fcr__json_double(writer, rate);
}

static void json_counters(fcr__json_writer *writer, const uint64_t *counters)
{
    for (int c = 0; c < FCR__COUNTER_COUNT; c++) {
        fcr__json_key(writer, counter_names[c]);
        fcr__json_int64(writer, (int64_t)counters[c]);
    }
    fcr__json_key(writer, "final");
    fcr__json_int64(writer, (int64_t)final_of(counters));
    for (int r = 0; r < 3; r++) {
        fcr__json_key(writer, rate_names[r]);
        json_rate(writer, fcr__metrics_rate_of(counters, (fcr_rate_kind)r));
    }
}

static void json_definitions(fcr__json_writer *writer, const fcr_metrics *metrics,
                             const category_window *windows, size_t window_count)
{
    char text[64];
    char end[FCR_TIME_TEXT_SIZE];
    fcr__json_key(writer, "definitions");
    fcr__json_begin_object(writer);
    fcr__window_format(&metrics->window, text);
    fcr__json_key(writer, "window");
    fcr__json_string_value(writer, text);
    fcr__json_key(writer, "category_windows");
    fcr__json_begin_object(writer);
    for (size_t i = 0; i < window_count; i++) {
        fcr__json_key(writer, windows[i].category);
        fcr__json_string_value(writer, windows[i].text);
    }
    fcr__json_end_object(writer);
    fcr__json_key(writer, "category_match");
    fcr__json_bool(writer, metrics->category_match);
    fcr__json_key(writer, "transfer_gap");
    if (metrics->transfers) {
        fcr__window gap = {false, metrics->transfer_gap_ms, 0, 0};
        fcr__window_format(&gap, text);
        fcr__json_string_value(writer, text);
    } else {
        fcr__json_null(writer);
    }
    fcr__json_key(writer, "data_end");
    if (metrics->data_end == FCR_TIME_NONE) {
        fcr__json_null(writer);
    } else {
        format_time(metrics->data_end, end);
        fcr__json_string_value(writer, end);
    }
    fcr__json_end_object(writer);
}

static void json_checklist(fcr__json_writer *writer, const fcr_metrics *metrics)
{
    static const char *const result_keys[FCR__RESULT_COUNT] = {"met", "missed", "not_applicable",
                                                               "unknown"};
    fcr__json_key(writer, "checklist");
    fcr__json_begin_array(writer);
    for (int item = 0; item < FCR_ITEM_COUNT; item++) {
        const uint64_t *calls = metrics->item_calls[item];
        uint64_t applicable = calls[FCR_RESULT_MET] + calls[FCR_RESULT_MISSED];
        fcr__json_begin_object(writer);
        fcr__json_key(writer, "item");
        fcr__json_string_value(writer, fcr_item_id((fcr_item)item));
        fcr__json_key(writer, "calls");
        fcr__json_begin_object(writer);
        for (int r = 0; r < FCR__RESULT_COUNT; r++) {
            fcr__json_key(writer, result_keys[r]);
            fcr__json_int64(writer, (int64_t)calls[r]);
        }
        fcr__json_end_object(writer);
        fcr__json_key(writer, "compliance");
        json_rate(writer, applicable == 0 ? -1.0 : (double)calls[FCR_RESULT_MET] / (double)applicable);
        fcr__json_key(writer, "fcr_rate_met");
        json_rate(writer, fcr__metrics_rate_of(metrics->item_counters[item][FCR_RESULT_MET],
                                               FCR_RATE_FCR));
        fcr__json_key(writer, "fcr_rate_missed");
        json_rate(writer, fcr__metrics_rate_of(metrics->item_counters[item][FCR_RESULT_MISSED],
                                               FCR_RATE_FCR));
        fcr__json_end_object(writer);
    }
    fcr__json_end_array(writer);
}

static fcr_status write_json(fcr__strbuf *out, const fcr_metrics *metrics,
                             const category_window *windows, size_t window_count)
{
    fcr__json_writer writer;
    fcr__json_writer_init(&writer, out, false);
    fcr__json_begin_object(&writer);
    fcr__json_key(&writer, "format");
    fcr__json_string_value(&writer, "fcr.metrics/1");
    json_definitions(&writer, metrics, windows, window_count);

    fcr__json_key(&writer, "total");
    fcr__json_begin_object(&writer);
    json_counters(&writer, metrics->total);
    fcr__json_end_object(&writer);

    fcr__json_key(&writer, "excluded");
    fcr__json_begin_object(&writer);
    for (int e = 1; e < FCR_EXCLUSION_COUNT; e++) {
        fcr__json_key(&writer, fcr_exclusion_name((fcr_exclusion)e));
        fcr__json_int64(&writer, (int64_t)metrics->excluded[e]);
    }
    fcr__json_end_object(&writer);

    static const char *const keys[FCR__GROUP_BREAKDOWNS] = {"by_agent", "by_category",
                                                            "by_target"};
    for (int b = 0; b < FCR__GROUP_BREAKDOWNS; b++) {
        if (!metrics->breakdowns[b])
            continue;
        fcr__json_key(&writer, keys[b]);
        fcr__json_begin_array(&writer);
        for (size_t i = 0; i < metrics->group_count[b]; i++) {
            fcr__json_begin_object(&writer);
            fcr__json_key(&writer, "name");
            fcr__json_string_value(&writer, metrics->groups[b][i].name);
            json_counters(&writer, metrics->groups[b][i].counters);
            fcr__json_end_object(&writer);
        }
        fcr__json_end_array(&writer);
    }

    if (metrics->scored_calls)
        json_checklist(&writer, metrics);
    fcr__json_end_object(&writer);
    return fcr__json_writer_status(&writer);
}

/* --- CSV ------------------------------------------------------------------------- */

static void csv_row(fcr__strbuf *out, const char *breakdown, const char *group,
                    const uint64_t *counters, const uint64_t *calls)
{
    fcr__csv_field(out, breakdown);
    fcr__strbuf_putc(out, ',');
    fcr__csv_field(out, group);
    fcr__strbuf_printf(out, ",%llu,%llu", (unsigned long long)counters[FCR_COUNT_CONTACTS],
                       (unsigned long long)final_of(counters));
    for (int c = 1; c < FCR__COUNTER_COUNT; c++)
        fcr__strbuf_printf(out, ",%llu", (unsigned long long)counters[c]);
    for (int r = 0; r < 3; r++) {
        double rate = fcr__metrics_rate_of(counters, (fcr_rate_kind)r);
        char text[32] = "";
        if (rate >= 0)
            fcr__format_fixed(rate, 6, text);
        fcr__strbuf_printf(out, ",%s", text);
    }
    if (calls != NULL)
        fcr__strbuf_printf(out, ",%llu", (unsigned long long)*calls);
    else
        fcr__strbuf_putc(out, ',');
    fcr__strbuf_puts(out, "\r\n");
}

static void write_csv(fcr__strbuf *out, const fcr_metrics *metrics)
{
    fcr__strbuf_puts(out, "breakdown,group,contacts,final");
    for (int c = 1; c < FCR__COUNTER_COUNT; c++)
        fcr__strbuf_printf(out, ",%s", counter_names[c]);
    fcr__strbuf_puts(out, ",fcr_rate,repeat_contact_rate,escalation_rate,calls\r\n");

    csv_row(out, "total", "total", metrics->total, NULL);
    for (int b = 0; b < FCR__GROUP_BREAKDOWNS; b++) {
        if (!metrics->breakdowns[b])
            continue;
        for (size_t i = 0; i < metrics->group_count[b]; i++)
            csv_row(out, fcr_breakdown_name((fcr_breakdown)(b + 1)), metrics->groups[b][i].name,
                    metrics->groups[b][i].counters, NULL);
    }

    if (!metrics->scored_calls)
        return;
    static const char *const result_keys[FCR__RESULT_COUNT] = {"met", "missed", "not_applicable",
                                                               "unknown"};
    for (int item = 0; item < FCR_ITEM_COUNT; item++) {
        char breakdown[64];
        snprintf(breakdown, sizeof breakdown, "checklist:%s", fcr_item_id((fcr_item)item));
        for (int r = 0; r < FCR__RESULT_COUNT; r++)
            csv_row(out, breakdown, result_keys[r], metrics->item_counters[item][r],
                    &metrics->item_calls[item][r]);
    }
}

fcr_status fcr_metrics_write(char **out, const fcr_metrics *metrics, fcr_metrics_format format)
{
    if (out == NULL || metrics == NULL)
        return fcr__error(FCR_EINVAL, "fcr_metrics_write: out and metrics must not be NULL");
    if (!metrics->finished)
        return fcr__error(FCR_ESTATE, "fcr_metrics_write: call fcr_metrics_finish() first");
    if (format != FCR_METRICS_TEXT && format != FCR_METRICS_JSON && format != FCR_METRICS_CSV)
        return fcr__error(FCR_EINVAL, "fcr_metrics_write: unknown format %d", (int)format);

    size_t window_count = 0;
    category_window *windows = category_windows(metrics, &window_count);
    if (windows == NULL)
        return fcr__error_nomem();

    fcr__strbuf buffer = FCR__STRBUF_INIT;
    fcr_status status = FCR_OK;
    switch (format) {
    case FCR_METRICS_TEXT: write_text(&buffer, metrics, windows, window_count); break;
    case FCR_METRICS_JSON: status = write_json(&buffer, metrics, windows, window_count); break;
    case FCR_METRICS_CSV: write_csv(&buffer, metrics); break;
    }
    fcr__free(windows);

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
