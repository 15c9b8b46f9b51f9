/* SPDX-License-Identifier: MIT */
/* Scorecard output: the checklist table, JSON and CSV. */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "scorecard.h"
#include "text_format.h"

static const char redacted[] = "[redacted]";

static const char *completed_word(fcr_result result)
{
    switch (result) {
    case FCR_RESULT_MET: return "yes";
    case FCR_RESULT_MISSED: return "no";
    case FCR_RESULT_NOT_APPLICABLE: return "n/a";
    default: return "unknown";
    }
}

static void format_time(fcr_time time, char text[FCR_TIME_TEXT_SIZE])
{
    if (fcr_time_format(text, FCR_TIME_TEXT_SIZE, time) != FCR_OK)
        text[0] = '\0';
}

/* --- the checklist table ------------------------------------------------- */

static void write_evidence_text(fcr__strbuf *out, const fcr__item_score *item,
                                fcr_profile profile)
{
    if (item->evidence_count == 0)
        return;
    fcr__strbuf_puts(out, " Evidence:");
    for (size_t i = 0; i < item->evidence_count; i++) {
        const fcr__evidence *evidence = &item->evidence[i];
        fcr__strbuf_printf(out, "%s event %zu (%s)", i == 0 ? "" : ",", evidence->event,
                           fcr_event_type_name(evidence->type));
        if (evidence->quote != NULL) {
            fcr__strbuf_puts(out, " \"");
            fcr__text_append_line(out, profile == FCR_PROFILE_QA ? redacted : evidence->quote);
            fcr__strbuf_puts(out, "\"");
        }
    }
}

static void write_text(fcr__strbuf *out, const fcr_scorecard *scorecard, fcr_profile profile)
{
    char time[FCR_TIME_TEXT_SIZE];
    format_time(scorecard->started_at, time);
    fcr__strbuf_puts(out, "FCR checklist for call ");
    fcr__text_append_line(out, scorecard->call_id);
    if (scorecard->agent_id != NULL) {
        fcr__strbuf_puts(out, ", agent ");
        fcr__text_append_line(out, scorecard->agent_id);
    }
    fcr__strbuf_printf(out, ", started %s\n\n", time);

    fcr__strbuf_printf(out, "%-38s %-9s %s\n", "Item", "Completed", "Notes and evidence");
    fcr__strbuf_printf(out, "%-38s %-9s %s\n", "--------------------------------------",
                       "---------", "------------------");

    for (int i = 0; i < FCR_ITEM_COUNT; i++) {
        const fcr__item_score *item = &scorecard->items[i];
        fcr_result result = fcr__effective_result(item);
        char completed[16];
        snprintf(completed, sizeof completed, "%s%s", completed_word(result),
                 item->overridden ? "*" : "");

        fcr__strbuf_printf(out, "%-38s %-9s %s", fcr_item_title((fcr_item)i), completed,
                           item->note);
        write_evidence_text(out, item, profile);
        fcr__strbuf_putc(out, '\n');

        if (item->overridden) {
            format_time(item->override_at, time);
            fcr__strbuf_printf(out, "%-38s %-9s * Override by ", "", "");
            fcr__text_append_line(out, item->reviewer);
            fcr__strbuf_printf(out, " at %s (rule said %s): ", time,
                               completed_word(item->rule_result));
            fcr__text_append_line(out, profile == FCR_PROFILE_QA ? redacted : item->override_note);
            fcr__strbuf_putc(out, '\n');
        }
    }

    char score[32], raw[32];
    fcr__format_fixed(scorecard->score, 1, score);
    fcr__format_fixed(scorecard->raw_score, 1, raw);
    fcr__strbuf_putc(out, '\n');
    if (!scorecard->scored)
        fcr__strbuf_puts(out, "Score: none (no item applies to this call)\n");
    else if (scorecard->auto_fail)
        fcr__strbuf_printf(out, "Score: %s (automatic fail: a critical item was missed; "
                                "unadjusted score %s, %s)\n",
                           score, raw, scorecard->band);
    else
        fcr__strbuf_printf(out, "Score: %s (%s)\n", score, scorecard->band);
}

/* --- JSON ---------------------------------------------------------------- */

static void write_json(fcr__json_writer *writer, const fcr_scorecard *scorecard,
                       fcr_profile profile)
{
    char time[FCR_TIME_TEXT_SIZE];

    fcr__json_begin_object(writer);
    fcr__json_key(writer, "format");
    fcr__json_string_value(writer, "fcr.scorecard/1");
    fcr__json_key(writer, "call_id");
    fcr__json_string_value(writer, scorecard->call_id);
    fcr__json_key(writer, "agent_id");
    if (scorecard->agent_id != NULL)
        fcr__json_string_value(writer, scorecard->agent_id);
    else
        fcr__json_null(writer);
    format_time(scorecard->started_at, time);
    fcr__json_key(writer, "started_at");
    fcr__json_string_value(writer, time);
    fcr__json_key(writer, "scored");
    fcr__json_bool(writer, scorecard->scored);
    fcr__json_key(writer, "score");
    fcr__json_double(writer, scorecard->score);
    fcr__json_key(writer, "raw_score");
    fcr__json_double(writer, scorecard->raw_score);
    fcr__json_key(writer, "auto_fail");
    fcr__json_bool(writer, scorecard->auto_fail);
    fcr__json_key(writer, "band");
    if (scorecard->band != NULL)
        fcr__json_string_value(writer, scorecard->band);
    else
        fcr__json_null(writer);

    fcr__json_key(writer, "items");
    fcr__json_begin_array(writer);
    for (int i = 0; i < FCR_ITEM_COUNT; i++) {
        const fcr__item_score *item = &scorecard->items[i];
        fcr__json_begin_object(writer);
        fcr__json_key(writer, "id");
        fcr__json_string_value(writer, fcr__item_ids[i]);
        fcr__json_key(writer, "result");
        fcr__json_string_value(writer, fcr_result_name(fcr__effective_result(item)));
        fcr__json_key(writer, "rule_result");
        fcr__json_string_value(writer, fcr_result_name(item->rule_result));
        fcr__json_key(writer, "weight");
        fcr__json_double(writer, scorecard->weights[i]);
        fcr__json_key(writer, "critical");
        fcr__json_bool(writer, scorecard->critical[i]);
        fcr__json_key(writer, "note");
        fcr__json_string_value(writer, item->note);

        fcr__json_key(writer, "evidence");
        fcr__json_begin_array(writer);
        for (size_t k = 0; k < item->evidence_count; k++) {
            const fcr__evidence *evidence = &item->evidence[k];
            fcr__json_begin_object(writer);
            fcr__json_key(writer, "event");
            fcr__json_int64(writer, (int64_t)evidence->event);
            fcr__json_key(writer, "type");
            fcr__json_string_value(writer, fcr_event_type_name(evidence->type));
            format_time(evidence->at, time);
            fcr__json_key(writer, "at");
            fcr__json_string_value(writer, time);
            if (evidence->quote != NULL) {
                fcr__json_key(writer, "quote");
                fcr__json_string_value(writer, profile == FCR_PROFILE_QA ? redacted : evidence->quote);
            }
            fcr__json_end_object(writer);
        }
        fcr__json_end_array(writer);

        if (item->overridden) {
            fcr__json_key(writer, "override");
            fcr__json_begin_object(writer);
            fcr__json_key(writer, "result");
            fcr__json_string_value(writer, fcr_result_name(item->override_result));
            fcr__json_key(writer, "reviewer");
            fcr__json_string_value(writer, item->reviewer);
            format_time(item->override_at, time);
            fcr__json_key(writer, "at");
            fcr__json_string_value(writer, time);
            fcr__json_key(writer, "note");
            fcr__json_string_value(writer, profile == FCR_PROFILE_QA ? redacted : item->override_note);
            fcr__json_end_object(writer);
        }
        fcr__json_end_object(writer);
    }
    fcr__json_end_array(writer);
    fcr__json_end_object(writer);
}

/* --- CSV ----------------------------------------------------------------- */

static const char csv_header[] =
    "call_id,agent_id,started_at,scored,score,raw_score,auto_fail,band,open_questions,"
    "concern_restated,identity_verified,resolution_attempted,escalated_only_when_necessary,"
    "next_steps_explained,anything_else_asked,documented,overrides\n";

const char *fcr_scorecard_csv_header(void)
{
    return csv_header;
}

static void write_csv(fcr__strbuf *out, const fcr_scorecard *scorecard, fcr_profile profile)
{
    char time[FCR_TIME_TEXT_SIZE], score[32], raw[32];
    format_time(scorecard->started_at, time);
    fcr__format_fixed(scorecard->score, 2, score);
    fcr__format_fixed(scorecard->raw_score, 2, raw);

    fcr__csv_field(out, scorecard->call_id);
    fcr__strbuf_putc(out, ',');
    fcr__csv_field(out, scorecard->agent_id != NULL ? scorecard->agent_id : "");
    /* Plain appends: fcr score writes a row per call, and printf-style
     * formatting of these fixed pieces was most of the row's cost. */
    const char *const pieces[] = {",", time, scorecard->scored ? ",true," : ",false,",
                                  scorecard->scored ? score : "", ",",
                                  scorecard->scored ? raw : "",
                                  scorecard->auto_fail ? ",true," : ",false,"};
    for (size_t i = 0; i < sizeof pieces / sizeof pieces[0]; i++)
        fcr__strbuf_puts(out, pieces[i]);
    fcr__csv_field(out, scorecard->band != NULL ? scorecard->band : "");
    for (int i = 0; i < FCR_ITEM_COUNT; i++) {
        fcr__strbuf_putc(out, ',');
        fcr__strbuf_puts(out, fcr_result_name(fcr__effective_result(&scorecard->items[i])));
    }

    /* Overrides in one cell: "item=result by reviewer at time: note; ...". */
    fcr__strbuf overrides = FCR__STRBUF_INIT;
    for (int i = 0; i < FCR_ITEM_COUNT; i++) {
        const fcr__item_score *item = &scorecard->items[i];
        if (!item->overridden)
            continue;
        format_time(item->override_at, time);
        fcr__strbuf_printf(&overrides, "%s%s=%s by %s at %s: %s", overrides.length > 0 ? "; " : "",
                           fcr__item_ids[i], fcr_result_name(item->override_result),
                           item->reviewer, time,
                           profile == FCR_PROFILE_QA ? redacted : item->override_note);
    }
    fcr__strbuf_putc(out, ',');
    fcr__csv_field(out, overrides.data != NULL ? overrides.data : "");
    if (overrides.failed)
        out->failed = true;
    fcr__strbuf_free(&overrides);
    fcr__strbuf_putc(out, '\n');
}

fcr_status fcr_scorecard_write(char **out, const fcr_scorecard *scorecard,
                               fcr_scorecard_format format, fcr_profile profile)
{
    if (out == NULL || scorecard == NULL)
        return fcr__error(FCR_EINVAL, "fcr_scorecard_write: out and scorecard must not be NULL");
    if ((unsigned)format > FCR_SCORECARD_CSV || (unsigned)profile > FCR_PROFILE_QA)
        return fcr__error(FCR_EINVAL, "fcr_scorecard_write: unknown format or profile");

    fcr__strbuf buffer = FCR__STRBUF_INIT;
    fcr_status status = FCR_OK;
    if (format == FCR_SCORECARD_TEXT) {
        write_text(&buffer, scorecard, profile);
    } else if (format == FCR_SCORECARD_CSV) {
        /* The rows of bench/gen_calls.py's calls have 118 to 228 bytes, so
         * one block of 256 saves the two reallocations of growing from 64. */
        fcr__strbuf_reserve(&buffer, 255);
        write_csv(&buffer, scorecard, profile);
    } else {
        fcr__json_writer writer;
        fcr__json_writer_init(&writer, &buffer, false);
        write_json(&writer, scorecard, profile);
        status = fcr__json_writer_status(&writer);
    }

    if (status != FCR_OK) {
        fcr__strbuf_free(&buffer);
        return status;
    }
    *out = fcr__strbuf_detach(&buffer);
    return *out == NULL ? FCR_ENOMEM : FCR_OK;
}
