/* SPDX-License-Identifier: MIT */
/**
 * @file fcr/event.h
 * @brief Events: what happened in a call, when, and for which concern.
 * @defgroup event Events
 *
 * A call is an ordered log of events. An event has a type, an instant, the
 * id of the concern it belongs to (where it belongs to one) and named fields
 * whose names and types depend on the event type (docs/call-format.md lists
 * them). Build an event with fcr_event_new() and the setters, then record it
 * with fcr_call_append(), which copies it.
 *
 * Field values are never patient identifiers: identity_verified records
 * which identifier types were confirmed ("name", "date_of_birth"), not
 * their values.
 * @{
 */
#ifndef FCR_EVENT_H
#define FCR_EVENT_H

#include "common.h"
#include "time.h"

FCR_BEGIN_DECLS

/**
 * Event types. The JSON name of each is in brackets. New types may be added
 * in later minor versions.
 * @since 1.0
 */
typedef enum fcr_event_type {
    FCR_EVENT_OPEN_QUESTION_ASKED = 1, /**< ["open_question_asked"] fields: text */
    FCR_EVENT_CONCERN_STATED = 2,      /**< ["concern_stated"] concern, category, request */
    FCR_EVENT_FOLLOW_UP_ASKED = 3,     /**< ["follow_up_asked"] concern?, topic, text */
    FCR_EVENT_CONCERN_RESTATED = 4,    /**< ["concern_restated"] concern, confirmed, text */
    FCR_EVENT_IDENTITY_VERIFIED = 5,   /**< ["identity_verified"] identifiers (list), proxy_authority */
    FCR_EVENT_AUTHORITY_CHECKED = 6,   /**< ["authority_checked"] concern, in_scope, tools_available, tools_missing (list), decision */
    FCR_EVENT_RESOLVED = 7,            /**< ["resolved"] concern, action, next_step */
    FCR_EVENT_ESCALATED = 8,           /**< ["escalated"] concern, target, reason, owner, due_at */
    FCR_EVENT_MOVED_FORWARD = 9,       /**< ["moved_forward"] concern, action, next_step, owner, target, due_at */
    FCR_EVENT_RECAP_GIVEN = 10,        /**< ["recap_given"] concerns (list), text */
    FCR_EVENT_ANYTHING_ELSE_ASKED = 11,/**< ["anything_else_asked"] answer ("yes" or "no"), text */
    FCR_EVENT_DOCUMENTED = 12,         /**< ["documented"] text */
    FCR_EVENT_CALL_ENDED = 13          /**< ["call_ended"] reason */
} fcr_event_type;

/**
 * Returns the JSON name of an event type, such as "concern_stated".
 * @return A static string; NULL for an unknown type.
 * @since 1.0
 */
FCR_API const char *fcr_event_type_name(fcr_event_type type);

/**
 * Looks up an event type by its JSON name.
 * @param out  Receives the type.
 * @param name Name such as "escalated".
 * @return FCR_OK; FCR_EINVAL for NULL arguments; FCR_ENOTFOUND for an
 *         unknown name (the detail lists the valid names).
 * @since 1.0
 */
FCR_API fcr_status fcr_event_type_from_name(fcr_event_type *out, const char *name);

/** Opaque event. @since 1.0 */
typedef struct fcr_event fcr_event;

/**
 * Creates an event with no fields.
 *
 * @param out  Receives the event; release it with fcr_event_free().
 * @param type Event type.
 * @param at   When it happened.
 * @return FCR_OK; FCR_EINVAL for a NULL @p out, an unknown type or an
 *         instant outside #FCR_TIME_MIN .. #FCR_TIME_MAX; FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_event_new(fcr_event **out, fcr_event_type type, fcr_time at);

/** Releases an event. NULL is ignored. @since 1.0 */
FCR_API void fcr_event_free(fcr_event *event);

/**
 * Sets the id of the concern the event belongs to, such as "c1".
 *
 * @param event   The event.
 * @param concern Concern id: 1 to 64 bytes of letters, digits, '-', '_',
 *                '.' or ':'. The string is copied.
 * @return FCR_OK; FCR_EINVAL for an invalid id or an event type that has
 *         no concern (open_question_asked, identity_verified, recap_given,
 *         anything_else_asked, documented, call_ended); FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_event_set_concern(fcr_event *event, const char *concern);

/**
 * Sets a text field, such as "reason" on an escalated event. The string is
 * copied and replaces any earlier value of the field.
 *
 * @return FCR_OK; FCR_EINVAL when @p value is not valid UTF-8 or the field
 *         is not a text field of this event type; FCR_ENOTFOUND when the
 *         event type has no such field (the detail lists its fields);
 *         FCR_ENOMEM.
 * @since 1.0
 */
FCR_API fcr_status fcr_event_set_string(fcr_event *event, const char *field, const char *value);

/**
 * Sets a yes/no field, such as "confirmed" on concern_restated.
 * @param value Zero for false, anything else for true.
 * @return As fcr_event_set_string().
 * @since 1.0
 */
FCR_API fcr_status fcr_event_set_bool(fcr_event *event, const char *field, int value);

/**
 * Sets an instant field, such as "due_at" on escalated.
 * @return As fcr_event_set_string(), and FCR_EINVAL for an instant out of
 *         range.
 * @since 1.0
 */
FCR_API fcr_status fcr_event_set_time(fcr_event *event, const char *field, fcr_time value);

/**
 * Appends a string to a list field, such as "identifiers" on
 * identity_verified. The string is copied.
 * @return As fcr_event_set_string().
 * @since 1.0
 */
FCR_API fcr_status fcr_event_add_string(fcr_event *event, const char *field, const char *value);

/** Returns the event's type. @since 1.0 */
FCR_API fcr_event_type fcr_event_get_type(const fcr_event *event);

/** Returns when the event happened. @since 1.0 */
FCR_API fcr_time fcr_event_get_time(const fcr_event *event);

/**
 * Returns the concern id of the event.
 * @return A string owned by the event; NULL when it has none.
 * @since 1.0
 */
FCR_API const char *fcr_event_get_concern(const fcr_event *event);

/**
 * Returns a text field.
 * @return A string owned by the event, valid until the field changes or the
 *         event is freed (events inside a call live as long as the call);
 *         NULL when the field is absent or not a text field.
 * @since 1.0
 */
FCR_API const char *fcr_event_get_string(const fcr_event *event, const char *field);

/**
 * Reads a yes/no field.
 * @param out Receives 0 or 1.
 * @return FCR_OK; FCR_ENOTFOUND when the field is absent; FCR_EINVAL when it
 *         is not a yes/no field.
 * @since 1.0
 */
FCR_API fcr_status fcr_event_get_bool(const fcr_event *event, const char *field, int *out);

/**
 * Reads an instant field.
 * @return As fcr_event_get_bool().
 * @since 1.0
 */
FCR_API fcr_status fcr_event_get_time_field(const fcr_event *event, const char *field,
                                            fcr_time *out);

/**
 * Returns the number of items in a list field; 0 when absent.
 * @since 1.0
 */
FCR_API size_t fcr_event_list_count(const fcr_event *event, const char *field);

/**
 * Returns item @p index of a list field.
 * @return A string owned by the event; NULL when out of range.
 * @since 1.0
 */
FCR_API const char *fcr_event_list_item(const fcr_event *event, const char *field, size_t index);

/**
 * Creates an event from one JSON object in the form events take in
 * `fcr.call/1` records, such as
 * `{"type": "escalated", "at": "2026-11-10T14:06:00Z", "concern": "c2",
 * "target": "nurse_triage", "reason": "...", "owner": "RN on duty"}`.
 * Fields this library does not know are kept.
 *
 * @param out    Receives the event; release it with fcr_event_free().
 * @param json   The object, @p length bytes of UTF-8.
 * @param length Size of @p json in bytes.
 * @return FCR_OK; FCR_EINVAL for NULL arguments; FCR_EPARSE for malformed
 *         JSON; FCR_ERECORD for a missing type or time, an unknown type, a
 *         field of the wrong type or a field that the event type does not
 *         have; FCR_ENOMEM. The detail names the line, column and field.
 * @since 1.0
 */
FCR_API fcr_status fcr_event_from_json(fcr_event **out, const char *json, size_t length);

FCR_END_DECLS

/** @} */
#endif /* FCR_EVENT_H */
