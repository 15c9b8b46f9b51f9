/* SPDX-License-Identifier: MIT */
/*
 * The recap the agent reads back: one sentence per concern with an outcome,
 * in plain English. Due times are in the office's zone and relative to the
 * call's local date ("by 2:00 PM today"). docs/notes.md lists the sentence
 * forms.
 */
#include <string.h>

#include "local_time.h"
#include "note_internal.h"
#include "text_format.h"

/* Appends free text on one line without its trailing spaces and periods,
 * so that the sentence around it can end it. */
static void put_clause(fcr__strbuf *out, const char *text)
{
    size_t start = out->length;
    fcr__text_append_line(out, text);
    if (out->failed)
        return;
    while (out->length > start &&
           (out->data[out->length - 1] == '.' || out->data[out->length - 1] == ' '))
        out->length--;
    if (out->data != NULL)
        out->data[out->length] = '\0';
}

/* Appends "by 2:00 PM today", "by 10:00 AM tomorrow" or "by Monday,
 * November 16 at 11:30 AM", relative to the local date the call started. */
static void put_due_phrase(fcr__strbuf *out, const fcr_call *call, fcr_time due)
{
    fcr__local_time start, local;
    fcr__local_time_of(&start, call->policy, call->started_at);
    fcr__local_time_of(&local, call->policy, due);

    char clock[FCR__LOCAL_TEXT_SIZE];
    fcr__local_format_clock12(clock, &local);
    if (local.day_number == start.day_number) {
        fcr__strbuf_printf(out, "by %s today", clock);
    } else if (local.day_number == start.day_number + 1) {
        fcr__strbuf_printf(out, "by %s tomorrow", clock);
    } else {
        char date[FCR__LOCAL_TEXT_SIZE];
        fcr__local_format_long_date(date, &local, start.year);
        fcr__strbuf_printf(out, "by %s at %s", date, clock);
    }
}

static void put_escalated(fcr__strbuf *out, const fcr_call *call, const fcr_concern *concern,
                          const char *category)
{
    /* A target with a callback of 0, such as emergency services, does not
     * call back: the caller has to act now. */
    const fcr__target *entry =
        concern->target != NULL ? fcr__policy_target(call->policy, concern->target) : NULL;
    if (entry != NULL && fcr__span_is_immediate(entry->callback)) {
        fcr__strbuf_puts(out, "For your ");
        fcr__text_append_line(out, category);
        fcr__strbuf_puts(out, ", please contact ");
        fcr__text_append_line(out, fcr__note_label(call, FCR__LABEL_TARGET, concern->target));
        fcr__strbuf_puts(out, " right away.");
        return;
    }

    fcr__strbuf_puts(out, "I have flagged your ");
    fcr__text_append_line(out, category);
    fcr__strbuf_puts(out, " for ");
    if (concern->target != NULL) {
        fcr__strbuf_puts(out, "our ");
        fcr__text_append_line(out, fcr__note_label(call, FCR__LABEL_TARGET, concern->target));
        if (concern->due_at != FCR_TIME_NONE) {
            fcr__strbuf_puts(out, ", who will call you back ");
            put_due_phrase(out, call, concern->due_at);
        }
    } else {
        fcr__strbuf_puts(out, "follow-up");
        if (concern->due_at != FCR_TIME_NONE) {
            fcr__strbuf_puts(out, ", and we will call you back ");
            put_due_phrase(out, call, concern->due_at);
        }
    }
    fcr__strbuf_putc(out, '.');
}

static void put_resolved(fcr__strbuf *out, const fcr_concern *concern, const char *category)
{
    fcr__strbuf_puts(out, "Your ");
    fcr__text_append_line(out, category);
    fcr__strbuf_puts(out, " request is taken care of");
    if (concern->action != NULL) {
        fcr__strbuf_puts(out, ": ");
        put_clause(out, concern->action);
    }
    fcr__strbuf_putc(out, '.');
    if (concern->next_step != NULL) {
        fcr__strbuf_puts(out, " Next: ");
        put_clause(out, concern->next_step);
        fcr__strbuf_putc(out, '.');
    }
}

static void put_moved_forward(fcr__strbuf *out, const fcr_call *call,
                              const fcr_concern *concern, const char *category)
{
    if (concern->action != NULL) {
        fcr__strbuf_puts(out, "For your ");
        fcr__text_append_line(out, category);
        fcr__strbuf_puts(out, ": ");
        put_clause(out, concern->action);
        fcr__strbuf_puts(out, ". Next: ");
    } else {
        fcr__strbuf_puts(out, "For your ");
        fcr__text_append_line(out, category);
        fcr__strbuf_puts(out, ", next: ");
    }

    if (concern->next_step != NULL)
        put_clause(out, concern->next_step);
    else
        fcr__strbuf_puts(out, "follow-up");
    if (concern->due_at != FCR_TIME_NONE) {
        fcr__strbuf_puts(out, ", ");
        put_due_phrase(out, call, concern->due_at);
    }
    fcr__strbuf_putc(out, '.');
}

fcr_status fcr_recap_write(char **out, const fcr_call *call)
{
    if (out == NULL || call == NULL)
        return fcr__error(FCR_EINVAL, "fcr_recap_write: out and call must not be NULL");

    fcr__strbuf buffer = FCR__STRBUF_INIT;
    for (size_t i = 0; i < call->concern_count; i++) {
        const fcr_concern *concern = call->concerns[i];
        if (concern->outcome == FCR_OUTCOME_NONE)
            continue;

        if (buffer.length > 0)
            fcr__strbuf_putc(&buffer, ' ');
        const char *category = fcr__note_label(call, FCR__LABEL_CATEGORY, concern->category);
        if (concern->outcome == FCR_OUTCOME_ESCALATED)
            put_escalated(&buffer, call, concern, category);
        else if (concern->outcome == FCR_OUTCOME_RESOLVED)
            put_resolved(&buffer, concern, category);
        else
            put_moved_forward(&buffer, call, concern, category);
    }

    char *text = fcr__strbuf_detach(&buffer);
    if (text == NULL)
        return FCR_ENOMEM;
    *out = text;
    return FCR_OK;
}
