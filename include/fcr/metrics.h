/* SPDX-License-Identifier: MIT */
/**
 * @file fcr/metrics.h
 * @brief First-call resolution measured after the fact: repeat contacts,
 *        rates and breakdowns over many contacts, from call records or from
 *        CSV contact logs.
 * @defgroup metrics FCR metrics
 *
 * A contact is first-contact resolved when the same caller does not contact
 * the office again about the same category within the repeat window. The
 * definitions, with their defaults:
 *
 * - **Repeat window**: 7 days (`"7d"`). Contact B is a repeat of an earlier
 *   contact A when both have the same caller key, the same category (unless
 *   category matching is off), B is inbound, and A.at < B.at <= A.at +
 *   window. The window end is included: a repeat exactly at the end counts,
 *   one millisecond later does not. Contacts at the same instant never
 *   repeat each other.
 * - **Business-day windows** such as `"3bd"` end at the same local wall-clock
 *   time on the third business day after the contact's local date, with the
 *   policy's office hours, holidays and time zone.
 * - **Outbound contacts** (callbacks the office makes) are excluded: they are
 *   never repeats and never get a result of their own.
 * - **Transfers** (off by default): an inbound contact that starts less than
 *   the transfer gap after the previous contact of the same caller, whatever
 *   its category, is merged into that contact. The merged contact keeps the
 *   first contact's id, time, caller and category, takes the agent, outcome
 *   and target of the last one, and its window runs from the last one.
 * - **Duplicates**: contacts with the same id and the same time are one
 *   contact. The one added last wins and the others are excluded.
 * - **Provisional**: a contact with no repeat whose window ends after the
 *   end of the data (the latest contact time, or fcr_metrics_set_data_end())
 *   cannot be decided yet. Provisional contacts are counted apart and never
 *   enter a rate.
 *
 * Every rate is taken over the final contacts (resolved plus repeated) of
 * its group: the FCR rate is resolved / final, the repeat-contact rate is
 * the share of final contacts that are themselves a repeat of an earlier
 * contact, and the escalation rate is the share of final contacts whose
 * outcome is escalated.
 *
 * Order and memory: with #FCR_METRICS_ORDER_SORTED the contacts must come
 * in time order (equal times in any order). They are then processed as a
 * stream, each result is passed to the result callback as soon as it is
 * final, and memory is proportional to the contacts inside one window. With
 * #FCR_METRICS_ORDER_ANY (the default) every contact is kept until
 * fcr_metrics_finish(), which sorts them and runs the same stream, so both
 * give identical results; memory then grows with the number of contacts
 * (docs/metrics.md gives measured figures).
 *
 * A metrics handle is not safe to use from two threads at once; distinct
 * handles are independent.
 * @{
 */
#ifndef FCR_METRICS_H
#define FCR_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "call.h"
#include "common.h"
#include "policy.h"
#include "scorecard.h"
#include "time.h"

FCR_BEGIN_DECLS

/** Opaque analysis handle. @since 1.0 */
typedef struct fcr_metrics fcr_metrics;

/**
 * One contact given to fcr_metrics_add_contact(). Start from
 * #FCR_CONTACT_INIT: later versions only append fields, and the library
 * reads only the fields that `size` covers.
 * @since 1.0
 */
typedef struct fcr_contact {
    size_t size;             /**< sizeof(fcr_contact) as the program was built; set by #FCR_CONTACT_INIT. */
    const char *id;          /**< Contact id, required: 1 to 256 bytes of UTF-8. */
    const char *caller;      /**< Caller or patient key; NULL or "" excludes the contact (no caller). */
    fcr_time at;             /**< When the contact started; required. */
    fcr_direction direction; /**< Inbound (default) or outbound. */
    const char *category;    /**< Category id; NULL counts as "" (no category), which matches only itself. */
    const char *agent;       /**< Agent id; may be NULL. */
    fcr_outcome outcome;     /**< Outcome where known; #FCR_OUTCOME_NONE when unknown. */
    const char *target;      /**< Escalation target id; may be NULL. */
} fcr_contact;

/** Initializer for an ::fcr_contact with every optional field unset. @since 1.0 */
#define FCR_CONTACT_INIT \
    {sizeof(fcr_contact), NULL, NULL, FCR_TIME_NONE, FCR_DIRECTION_INBOUND, NULL, NULL, \
     FCR_OUTCOME_NONE, NULL}

/** Result of one contact. @since 1.0 */
typedef enum fcr_contact_status {
    FCR_CONTACT_RESOLVED = 0,    /**< ["resolved"] No repeat inside its window: resolved on the first contact. */
    FCR_CONTACT_REPEATED = 1,    /**< ["repeated"] The caller contacted the office again inside the window. */
    FCR_CONTACT_PROVISIONAL = 2, /**< ["provisional"] No repeat yet, and the window ends after the data. */
    FCR_CONTACT_EXCLUDED = 3     /**< ["excluded"] Not counted; fcr_contact_result_exclusion() says why. */
} fcr_contact_status;

/**
 * Returns the id of a contact status, such as "provisional".
 * @return A static string; NULL for an unknown value.
 * @since 1.0
 */
FCR_API const char *fcr_contact_status_name(fcr_contact_status status);

/** Reason a contact is excluded. @since 1.0 */
typedef enum fcr_exclusion {
    FCR_EXCLUSION_NONE = 0,      /**< ["none"] Not excluded. */
    FCR_EXCLUSION_OUTBOUND = 1,  /**< ["outbound"] The office placed the contact. */
    FCR_EXCLUSION_DUPLICATE = 2, /**< ["duplicate"] A later contact has the same id and time. */
    FCR_EXCLUSION_TRANSFER = 3,  /**< ["transfer"] Merged into the contact it continues. */
    FCR_EXCLUSION_NO_CALLER = 4, /**< ["no_caller"] The caller or patient key is missing. */
    FCR_EXCLUSION_NO_CONCERN = 5 /**< ["no_concern"] A call record without any concern. */
} fcr_exclusion;

/** Number of ::fcr_exclusion values in this version. @since 1.0 */
#define FCR_EXCLUSION_COUNT 6

/**
 * Returns the id of an exclusion reason, such as "no_caller".
 * @return A static string; NULL for an unknown value.
 * @since 1.0
 */
FCR_API const char *fcr_exclusion_name(fcr_exclusion exclusion);

/** The result of one contact, passed to the result callback. @since 1.0 */
typedef struct fcr_contact_result fcr_contact_result;

/**
 * Receives each contact's result once it is final.
 *
 * @param userdata As given to fcr_metrics_set_result_callback().
 * @param result   Borrowed; valid only during the call.
 * @return 0 to go on. Any other value stops the analysis: the libfcr
 *         function that called back returns FCR_EIO, and the handle accepts
 *         no more contacts.
 * @since 1.0
 */
typedef int (*fcr_metrics_result_fn)(void *userdata, const fcr_contact_result *result);

/** Returns the contact id, borrowed like the result. @since 1.0 */
FCR_API const char *fcr_contact_result_id(const fcr_contact_result *result);
/** Returns the contact time. @since 1.0 */
FCR_API fcr_time fcr_contact_result_at(const fcr_contact_result *result);
/** Returns the result. @since 1.0 */
FCR_API fcr_contact_status fcr_contact_result_status(const fcr_contact_result *result);
/** Returns why the contact is excluded, or #FCR_EXCLUSION_NONE. @since 1.0 */
FCR_API fcr_exclusion fcr_contact_result_exclusion(const fcr_contact_result *result);
/** Returns the id of the first repeat, borrowed like the result; NULL unless repeated. @since 1.0 */
FCR_API const char *fcr_contact_result_repeat_id(const fcr_contact_result *result);
/** Returns the id of the contact a transfer was merged into, borrowed; NULL for other results. @since 1.0 */
FCR_API const char *fcr_contact_result_merged_into(const fcr_contact_result *result);
/** Returns whether the contact is itself a repeat of an earlier contact. @since 1.0 */
FCR_API int fcr_contact_result_is_repeat(const fcr_contact_result *result);
/** Returns the end of the contact's window (included), or #FCR_TIME_NONE when excluded. @since 1.0 */
FCR_API fcr_time fcr_contact_result_window_end(const fcr_contact_result *result);
/** Returns the category id, borrowed; "" when none. @since 1.0 */
FCR_API const char *fcr_contact_result_category(const fcr_contact_result *result);
/** Returns the agent id, borrowed; "" when none. @since 1.0 */
FCR_API const char *fcr_contact_result_agent(const fcr_contact_result *result);
/** Returns the escalation target id, borrowed; "" when none. @since 1.0 */
FCR_API const char *fcr_contact_result_target(const fcr_contact_result *result);
/** Returns the outcome, #FCR_OUTCOME_NONE when unknown. @since 1.0 */
FCR_API fcr_outcome fcr_contact_result_outcome(const fcr_contact_result *result);

/** The order contacts are added in. @since 1.0 */
typedef enum fcr_metrics_order {
    FCR_METRICS_ORDER_ANY = 0,   /**< Any order: kept in memory and sorted by fcr_metrics_finish(). */
    FCR_METRICS_ORDER_SORTED = 1 /**< Time order: processed as a stream; an earlier contact is rejected. */
} fcr_metrics_order;

/** Groups that counts and rates are reported for. @since 1.0 */
typedef enum fcr_breakdown {
    FCR_BREAKDOWN_TOTAL = 0,    /**< ["total"] One group with every contact. */
    FCR_BREAKDOWN_AGENT = 1,    /**< ["agent"] One group per agent id. */
    FCR_BREAKDOWN_CATEGORY = 2, /**< ["category"] One group per category id. */
    FCR_BREAKDOWN_TARGET = 3    /**< ["target"] One group per escalation target id. */
} fcr_breakdown;

/**
 * Returns the id of a breakdown, such as "category".
 * @return A static string; NULL for an unknown value.
 * @since 1.0
 */
FCR_API const char *fcr_breakdown_name(fcr_breakdown breakdown);

/** Counters kept for each group. @since 1.0 */
typedef enum fcr_metrics_counter {
    FCR_COUNT_CONTACTS = 0,        /**< Contacts added, excluded ones included. */
    FCR_COUNT_RESOLVED = 1,        /**< Final contacts resolved on the first contact. */
    FCR_COUNT_REPEATED = 2,        /**< Final contacts followed by a repeat. */
    FCR_COUNT_PROVISIONAL = 3,     /**< Contacts not decided yet. */
    FCR_COUNT_EXCLUDED = 4,        /**< Excluded contacts. */
    FCR_COUNT_REPEAT_CONTACTS = 5, /**< Final contacts that are themselves a repeat. */
    FCR_COUNT_ESCALATED = 6        /**< Final contacts whose outcome is escalated. */
} fcr_metrics_counter;

/** Rates reported for each group. @since 1.0 */
typedef enum fcr_rate_kind {
    FCR_RATE_FCR = 0,            /**< Resolved / final. */
    FCR_RATE_REPEAT_CONTACT = 1, /**< Repeat contacts / final. */
    FCR_RATE_ESCALATION = 2      /**< Escalated / final. */
} fcr_rate_kind;

/** Output forms of fcr_metrics_write(). @since 1.0 */
typedef enum fcr_metrics_format {
    FCR_METRICS_TEXT = 0, /**< Tables for people. */
    FCR_METRICS_JSON = 1, /**< One JSON object, `fcr.metrics/1`, on one line. */
    FCR_METRICS_CSV = 2   /**< RFC 4180 rows with a header line, one row per group. */
} fcr_metrics_format;

/** Default repeat window. @since 1.0 */
#define FCR_METRICS_DEFAULT_WINDOW "7d"
/** Transfer gap that programs should offer when transfers are turned on. @since 1.0 */
#define FCR_METRICS_DEFAULT_TRANSFER_GAP "15m"

/**
 * Creates an analysis with the default definitions.
 *
 * @param out    Receives the handle; release it with fcr_metrics_free().
 * @param policy Gives the office hours, holidays and time zone of
 *               business-day windows. The handle keeps its own reference,
 *               and the policy becomes read-only. NULL uses the built-in
 *               defaults.
 * @return FCR_OK; FCR_EINVAL when @p out is NULL; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_metrics_new(fcr_metrics **out, fcr_policy *policy);

/** Releases an analysis and its reference to the policy. NULL is ignored. @since 1.0 */
FCR_API void fcr_metrics_free(fcr_metrics *metrics);

/**
 * Sets the repeat window. The setters return FCR_ESTATE once a contact has
 * been added.
 *
 * @param metrics  The analysis.
 * @param duration A sum of amounts with units: `w`, `d`, `h`, `m`, `s`,
 *                 `ms` (calendar time, `d` = 24 hours), or `bd` (business
 *                 days) and `bh` (business hours, counting open office time
 *                 only). Calendar and business units cannot be mixed.
 *                 Examples: "7d", "72h", "1d12h", "3bd". Default "7d";
 *                 copied.
 * @return FCR_OK; FCR_EINVAL for NULL, a zero window or invalid text;
 *         FCR_ESTATE.
 * @since 1.0
 */
FCR_API fcr_status fcr_metrics_set_window(fcr_metrics *metrics, const char *duration);

/**
 * Sets the repeat window of one category, which overrides the general
 * window for contacts of that category.
 *
 * @param metrics  The analysis.
 * @param category Category id; copied.
 * @param duration As for fcr_metrics_set_window(); NULL removes the
 *                 category's own window.
 * @return FCR_OK; FCR_EINVAL; FCR_ESTATE; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_metrics_set_category_window(fcr_metrics *metrics, const char *category,
                                                   const char *duration);

/**
 * Turns category matching on (the default) or off. Off, any later inbound
 * contact of the same caller inside the window is a repeat.
 * @return FCR_OK; FCR_EINVAL; FCR_ESTATE.
 * @since 1.0
 */
FCR_API fcr_status fcr_metrics_set_category_match(fcr_metrics *metrics, int match);

/**
 * Sets the transfer gap, or turns transfer merging off.
 *
 * @param metrics The analysis.
 * @param gap     A calendar duration as for fcr_metrics_set_window(), such
 *                as #FCR_METRICS_DEFAULT_TRANSFER_GAP; NULL turns merging
 *                off (the default).
 * @return FCR_OK; FCR_EINVAL for invalid text, a zero gap or business
 *         units; FCR_ESTATE.
 * @since 1.0
 */
FCR_API fcr_status fcr_metrics_set_transfer_gap(fcr_metrics *metrics, const char *gap);

/**
 * Sets the instant up to which the data is complete. A contact whose
 * window ends after it, without a repeat, is provisional. By default it is
 * the latest contact time; an earlier instant than that is ignored.
 * @return FCR_OK; FCR_EINVAL for an instant out of range; FCR_ESTATE.
 * @since 1.0
 */
FCR_API fcr_status fcr_metrics_set_data_end(fcr_metrics *metrics, fcr_time end);

/**
 * Declares the order of the contacts (#FCR_METRICS_ORDER_ANY by default).
 * @return FCR_OK; FCR_EINVAL for an unknown value; FCR_ESTATE.
 * @since 1.0
 */
FCR_API fcr_status fcr_metrics_set_order(fcr_metrics *metrics, fcr_metrics_order order);

/**
 * Turns one breakdown on or off. All are on by default; #FCR_BREAKDOWN_TOTAL
 * is always on.
 * @return FCR_OK; FCR_EINVAL for an unknown breakdown or for turning the
 *         total off; FCR_ESTATE.
 * @since 1.0
 */
FCR_API fcr_status fcr_metrics_set_breakdown(fcr_metrics *metrics, fcr_breakdown breakdown,
                                             int enabled);

/**
 * Sets the function that receives each contact's result once it is final.
 * With #FCR_METRICS_ORDER_SORTED results come while contacts are added, in
 * the order they become final, which is not the input order, and at most
 * 64 contacts after the input passes their window end; the rest come from
 * fcr_metrics_finish().
 *
 * @param metrics  The analysis.
 * @param callback NULL for none.
 * @param userdata Passed to @p callback unchanged.
 * @return FCR_OK; FCR_EINVAL; FCR_ESTATE.
 * @since 1.0
 */
FCR_API fcr_status fcr_metrics_set_result_callback(fcr_metrics *metrics,
                                                   fcr_metrics_result_fn callback, void *userdata);

/**
 * Adds one contact. The contact's strings are copied.
 *
 * @param metrics The analysis.
 * @param contact The contact; `size` must be at least the size of the
 *                fields up to `at`.
 * @return FCR_OK; FCR_EINVAL for a NULL argument, a missing or invalid id,
 *         a time out of range, text that is not UTF-8, or (with
 *         #FCR_METRICS_ORDER_SORTED) a contact earlier than the one before,
 *         which is not added; FCR_ESTATE after fcr_metrics_finish() or a
 *         stop; FCR_EIO when the result callback stopped the analysis;
 *         FCR_ENOMEM. The detail never quotes the contact's values.
 * @since 1.0
 */
FCR_API fcr_status fcr_metrics_add_contact(fcr_metrics *metrics, const fcr_contact *contact);

/**
 * Adds the contacts of one call record: one contact per concern, with the
 * id "CALL_ID/CONCERN_ID", the call's start time, direction, agent id and
 * patient key (fcr_call_patient_key()) and the concern's category, outcome
 * and target. A call without concerns gives one excluded contact with the
 * call id. The call is scored (fcr_scorecard_new()) so that checklist
 * compliance can stand beside the FCR rate.
 *
 * @param metrics The analysis.
 * @param call    The call; only read, and not kept.
 * @return As fcr_metrics_add_contact().
 * @since 1.0
 */
FCR_API fcr_status fcr_metrics_add_call(fcr_metrics *metrics, const fcr_call *call);

/**
 * Ends the input: decides every remaining contact, passes the remaining
 * results to the callback and completes the counts. Only once.
 * @return FCR_OK; FCR_EINVAL; FCR_ESTATE when already finished or stopped;
 *         FCR_EIO when the callback stopped the analysis; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_metrics_finish(fcr_metrics *metrics);

/**
 * Returns the number of groups of a breakdown after fcr_metrics_finish():
 * 1 for #FCR_BREAKDOWN_TOTAL, 0 for a breakdown that is off or before the
 * analysis is finished.
 * @since 1.0
 */
FCR_API size_t fcr_metrics_group_count(const fcr_metrics *metrics, fcr_breakdown breakdown);

/**
 * Returns the name of group @p index of a breakdown: the agent, category or
 * target id, "" for contacts without one, and "total" for the total.
 * Groups are sorted by name in byte order.
 * @return A string owned by the handle; NULL when out of range.
 * @since 1.0
 */
FCR_API const char *fcr_metrics_group_name(const fcr_metrics *metrics, fcr_breakdown breakdown,
                                           size_t index);

/** Returns a counter of group @p index; 0 when out of range. @since 1.0 */
FCR_API uint64_t fcr_metrics_count(const fcr_metrics *metrics, fcr_breakdown breakdown,
                                   size_t index, fcr_metrics_counter counter);

/**
 * Returns a rate of group @p index, from 0 to 1.
 * @return The rate; -1 when the group has no final contact or is out of
 *         range.
 * @since 1.0
 */
FCR_API double fcr_metrics_rate(const fcr_metrics *metrics, fcr_breakdown breakdown,
                                size_t index, fcr_rate_kind rate);

/** Returns the number of contacts excluded for @p exclusion. @since 1.0 */
FCR_API uint64_t fcr_metrics_excluded(const fcr_metrics *metrics, fcr_exclusion exclusion);

/** Returns the end of the data that provisional results were decided against, or #FCR_TIME_NONE before any contact. @since 1.0 */
FCR_API fcr_time fcr_metrics_data_end(const fcr_metrics *metrics);

/**
 * Returns the number of scored calls (added with fcr_metrics_add_call(),
 * inbound, with a patient key and at least one concern) whose checklist
 * item @p item had @p result.
 * @since 1.0
 */
FCR_API uint64_t fcr_metrics_item_calls(const fcr_metrics *metrics, fcr_item item,
                                        fcr_result result);

/**
 * Returns a counter over the contacts of the scored calls whose item
 * @p item had @p result, so that the FCR rate of calls where an item was
 * met can be set against calls where it was missed.
 * @since 1.0
 */
FCR_API uint64_t fcr_metrics_item_count(const fcr_metrics *metrics, fcr_item item,
                                        fcr_result result, fcr_metrics_counter counter);

/**
 * Writes the report after fcr_metrics_finish(): the definitions used, the
 * counts and rates of each breakdown that is on, the exclusions, and the
 * checklist compliance when calls were scored. The text and CSV forms end
 * with a newline; the JSON form does not.
 *
 * @param out     Receives a NUL-terminated string; free it with fcr_free().
 * @param metrics The analysis.
 * @param format  The form.
 * @return FCR_OK; FCR_EINVAL; FCR_ESTATE before fcr_metrics_finish();
 *         FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_metrics_write(char **out, const fcr_metrics *metrics,
                                     fcr_metrics_format format);

/* --- CSV contact logs ---------------------------------------------------- */

/** Opaque reader of a CSV contact log. @since 1.0 */
typedef struct fcr_contact_reader fcr_contact_reader;

/** Contact fields that a CSV column can be mapped to. @since 1.0 */
typedef enum fcr_contact_field {
    FCR_CONTACT_FIELD_ID = 0,        /**< ["id"] Contact id; without it the id is "row N". */
    FCR_CONTACT_FIELD_CALLER = 1,    /**< ["caller"] Caller or patient key; required. */
    FCR_CONTACT_FIELD_TIME = 2,      /**< ["time"] When the contact started; required. */
    FCR_CONTACT_FIELD_CATEGORY = 3,  /**< ["category"] Category. */
    FCR_CONTACT_FIELD_AGENT = 4,     /**< ["agent"] Agent. */
    FCR_CONTACT_FIELD_DIRECTION = 5, /**< ["direction"] `inbound`/`in` or `outbound`/`out`, any case. */
    FCR_CONTACT_FIELD_OUTCOME = 6,   /**< ["outcome"] `resolved`, `escalated`, `moved_forward` or `none`, any case; any other value means resolved. */
    FCR_CONTACT_FIELD_TARGET = 7     /**< ["target"] Escalation target; with no outcome it marks the contact escalated. */
} fcr_contact_field;

/** Number of ::fcr_contact_field values in this version. @since 1.0 */
#define FCR_CONTACT_FIELD_COUNT 8

/**
 * Looks up a contact field by its id, such as "caller".
 * @return FCR_OK; FCR_EINVAL for NULL arguments; FCR_ENOTFOUND for an
 *         unknown id (the detail lists the ids).
 * @since 1.0
 */
FCR_API fcr_status fcr_contact_field_from_name(fcr_contact_field *out, const char *name);

/**
 * Opens a CSV contact log (RFC 4180: quoted fields with commas, line
 * breaks and doubled quotes; CRLF or LF line ends; an optional UTF-8
 * byte-order mark; empty lines skipped). The first line names the columns.
 *
 * @param out    Receives the reader; release it with fcr_contact_reader_free().
 * @param policy Gives the time zone of times without an offset, unless
 *               fcr_contact_reader_set_time_zone() names one; NULL means
 *               UTC. Only read during this call.
 * @param path   File to read; "-" is not special. Error messages name it.
 * @return FCR_OK; FCR_EINVAL; FCR_EIO when the file cannot be opened;
 *         FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_contact_reader_new_file(fcr_contact_reader **out, const fcr_policy *policy,
                                               const char *path);

/**
 * Opens a CSV contact log in a buffer, which is borrowed and must stay
 * unchanged until the reader is freed. Otherwise as
 * fcr_contact_reader_new_file().
 *
 * @param name Name for error messages; may be NULL.
 * @since 1.0
 */
FCR_API fcr_status fcr_contact_reader_new_buffer(fcr_contact_reader **out,
                                                 const fcr_policy *policy, const char *data,
                                                 size_t length, const char *name);

/** Releases a reader and closes its file. NULL is ignored. @since 1.0 */
FCR_API void fcr_contact_reader_free(fcr_contact_reader *reader);

/**
 * Maps a column, named as in the header line, to a contact field. The
 * defaults map each field to the column of the same name ("id", "caller",
 * "time", ...) when there is one. The reader setters return FCR_ESTATE
 * after the first fcr_contact_reader_next().
 *
 * @param reader The reader.
 * @param field  The field.
 * @param column Column name; copied. NULL unmaps the field.
 * @return FCR_OK; FCR_EINVAL; FCR_ESTATE; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_contact_reader_map(fcr_contact_reader *reader, fcr_contact_field field,
                                          const char *column);

/**
 * Sets the time format. NULL or "rfc3339" (the default) reads RFC 3339.
 * Otherwise a pattern of literal characters and conversions: `%Y` (4-digit
 * year), `%m`, `%d`, `%H`, `%M`, `%S` (1 or 2 digits), `%f` (1 to 9
 * fraction digits, kept to the millisecond), `%z` (`Z`, `+hh:mm` or
 * `+hhmm`), `%T` (`%H:%M:%S`), `%F` (`%Y-%m-%d`) and `%%`. A space in the
 * pattern matches one or more spaces. Times without `%z` are local times
 * in the reader's time zone. The process locale is never used.
 *
 * @return FCR_OK; FCR_EINVAL for an unknown conversion, a conversion used
 *         twice or a pattern without a year, month and day; FCR_ESTATE.
 * @since 1.0
 */
FCR_API fcr_status fcr_contact_reader_set_time_format(fcr_contact_reader *reader,
                                                      const char *format);

/**
 * Sets the time zone of times without an offset: "UTC", a fixed offset
 * such as "-05:00", or an IANA name such as "America/New_York".
 * @return FCR_OK; FCR_EINVAL; FCR_ENOTFOUND when the zone is not installed;
 *         FCR_ESTATE; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_contact_reader_set_time_zone(fcr_contact_reader *reader, const char *zone);

/**
 * Sets the text that marks a missing value, such as "?". An empty field is
 * always missing. NULL removes the marker.
 * @return FCR_OK; FCR_EINVAL; FCR_ESTATE; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_contact_reader_set_missing(fcr_contact_reader *reader, const char *marker);

/**
 * Reads the next contact.
 *
 * A bad row (a field count that differs from the header's, a missing or
 * invalid time, an unknown direction, invalid UTF-8, a stray quote) makes
 * this function return FCR_EPARSE or FCR_ERECORD with the line, column and
 * field in the thread's last error; the next call goes on with the
 * following row, so the caller chooses to skip or to stop. A missing
 * column in the header, a quoted field that never ends and read failures
 * stop the reader: later calls return the same failure.
 *
 * @param reader The reader.
 * @param out    Receives the contact, or NULL at the end of the input. It
 *               and its strings are owned by the reader and valid until the
 *               next call.
 * @return FCR_OK (also at the end); FCR_EPARSE; FCR_ERECORD; FCR_ENOTFOUND
 *         for a mapped column that the header lacks; FCR_ELIMIT for a row
 *         over 16 MiB; FCR_EIO; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_contact_reader_next(fcr_contact_reader *reader, const fcr_contact **out);

/** Returns the line on which the row last read or rejected starts; 0 before the first. @since 1.0 */
FCR_API size_t fcr_contact_reader_line(const fcr_contact_reader *reader);

FCR_END_DECLS

/** @} */
#endif /* FCR_METRICS_H */
