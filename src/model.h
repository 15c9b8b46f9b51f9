/* SPDX-License-Identifier: MIT */
/*
 * Layouts of the opaque public types (policy, event, call, concern,
 * deviation) and the internal functions that connect their source files.
 */
#ifndef FCR_MODEL_H
#define FCR_MODEL_H

#include <stdatomic.h>
#include <stdbool.h>

#include "arena.h"
#include "business_time.h"
#include "fcr/call.h"
#include "fcr/event.h"
#include "fcr/guidance.h"
#include "fcr/policy.h"
#include "internal.h"

/* --- policy --------------------------------------------------------------- */

/* Checklist items in their fixed order; the ids are "open_questions" ... */
enum {
    FCR__ITEM_OPEN_QUESTIONS,
    FCR__ITEM_CONCERN_RESTATED,
    FCR__ITEM_IDENTITY_VERIFIED,
    FCR__ITEM_RESOLUTION_ATTEMPTED,
    FCR__ITEM_ESCALATED_ONLY_WHEN_NECESSARY,
    FCR__ITEM_NEXT_STEPS_EXPLAINED,
    FCR__ITEM_ANYTHING_ELSE_ASKED,
    FCR__ITEM_DOCUMENTED,
    FCR__ITEM_COUNT
};

extern const char *const fcr__item_ids[FCR__ITEM_COUNT];

#define FCR__STEP_COUNT 6

typedef struct fcr__string_list {
    char **items;
    size_t count;
} fcr__string_list;

typedef struct fcr__identifier_type {
    char *id;
    char *label;
    bool person_specific; /* false for locations such as a room or a bed */
} fcr__identifier_type;

typedef struct fcr__role {
    char *id;
    char *label;
    bool clinical;
    fcr__string_list resolves; /* category ids this role may resolve */
} fcr__role;

typedef struct fcr__category {
    char *id;
    char *label;
    bool clinical;             /* only clinical roles may resolve it */
    fcr__string_list tools;    /* tool ids the category needs, such as "emr" */
    char *escalate_to;         /* default target id */
} fcr__category;

/* A business-time span: minutes of open office time, or whole business days. */
typedef struct fcr__business_span {
    int64_t minutes;
    int64_t days;
} fcr__business_span;

/* Tells whether a span is zero, which as a callback means at once, in or
 * out of office hours. */
static inline bool fcr__span_is_immediate(fcr__business_span span)
{
    return span.days == 0 && span.minutes == 0;
}

typedef struct fcr__target {
    char *id;
    char *label;
    fcr__business_span callback; /* default callback timeframe */
} fcr__target;

typedef struct fcr__band {
    char *name;
    double from; /* lowest score in the band, inclusive */
} fcr__band;

typedef struct fcr__phrases {
    char *prompt;
    fcr__string_list phrases;
} fcr__phrases;

struct fcr_policy {
    atomic_int references;
    atomic_bool shared; /* set when a call takes a reference: read-only from then on */

    unsigned required_identifiers;
    fcr__identifier_type *identifier_types;
    size_t identifier_type_count;
    fcr__role *roles;
    size_t role_count;
    fcr__category *categories;
    size_t category_count;
    fcr__target *targets;
    size_t target_count;

    fcr__office_hours office;
    int64_t documentation_window_ms;

    double weights[FCR__ITEM_COUNT];
    bool critical[FCR__ITEM_COUNT];
    fcr__band *bands; /* sorted by `from`, ascending */
    size_t band_count;

    fcr__phrases phrases[FCR__STEP_COUNT];
};

/* Sections whose entries are keyed by id. */
typedef enum fcr__policy_section {
    FCR__SECTION_IDENTIFIER_TYPES,
    FCR__SECTION_ROLES,
    FCR__SECTION_CATEGORIES,
    FCR__SECTION_TARGETS
} fcr__policy_section;

/* Returns built-in id `index` of `section`, or NULL after the last one. */
const char *fcr__policy_default_id(fcr__policy_section section, size_t index);

/* Allocates an empty policy with one reference and no entries. */
fcr_status fcr__policy_alloc(fcr_policy **out);
/* Fills an empty policy with the built-in defaults. */
fcr_status fcr__policy_set_defaults(fcr_policy *policy);

const fcr__identifier_type *fcr__policy_identifier_type(const fcr_policy *policy, const char *id);
const fcr__role *fcr__policy_role(const fcr_policy *policy, const char *id);
const fcr__category *fcr__policy_category(const fcr_policy *policy, const char *id);
const fcr__target *fcr__policy_target(const fcr_policy *policy, const char *id);

/* Takes a reference for a call and marks the policy read-only. */
fcr_policy *fcr__policy_retain(fcr_policy *policy);

/* Adds one span of business time to `from` with the policy's office hours. */
fcr_status fcr__policy_add_business_span(fcr_time *out, const fcr_policy *policy,
                                         fcr_time from, fcr__business_span span);

/* Parses a duration such as "4h", "90m", "1h30m" or "2d" into minutes and
 * days; the caller decides whether a day is a business day or 24 hours.
 * Returns false when the text is not a duration. */
bool fcr__parse_duration(const char *text, size_t length, fcr__business_span *out);

void fcr__string_list_free(fcr__string_list *list);
fcr_status fcr__string_list_add(fcr__string_list *list, const char *text, size_t length);
bool fcr__string_list_contains(const fcr__string_list *list, const char *text);

/* --- events --------------------------------------------------------------- */

/* Known event fields. The first group holds text, then yes/no, then lists,
 * then the one instant (due_at). */
typedef enum fcr__field_id {
    FCR__F_TEXT,
    FCR__F_REQUEST,
    FCR__F_CATEGORY,
    FCR__F_TOPIC,
    FCR__F_DECISION,
    FCR__F_ACTION,
    FCR__F_NEXT_STEP,
    FCR__F_TARGET,
    FCR__F_REASON,
    FCR__F_OWNER,
    FCR__F_ANSWER,
    FCR__TEXT_FIELD_COUNT,

    FCR__F_CONFIRMED = FCR__TEXT_FIELD_COUNT,
    FCR__F_PROXY_AUTHORITY,
    FCR__F_IN_SCOPE,
    FCR__F_TOOLS_AVAILABLE,
    FCR__F_BOOL_END,

    FCR__F_IDENTIFIERS = FCR__F_BOOL_END,
    FCR__F_TOOLS_MISSING,
    FCR__F_CONCERNS,
    FCR__F_LIST_END,

    FCR__F_DUE_AT = FCR__F_LIST_END,
    FCR__FIELD_COUNT
} fcr__field_id;

#define FCR__BOOL_FIELD_COUNT (FCR__F_BOOL_END - FCR__TEXT_FIELD_COUNT)
#define FCR__LIST_FIELD_COUNT (FCR__F_LIST_END - FCR__F_BOOL_END)

typedef enum fcr__field_kind {
    FCR__KIND_TEXT,
    FCR__KIND_BOOL,
    FCR__KIND_LIST,
    FCR__KIND_TIME
} fcr__field_kind;

/* A field the library does not know, kept verbatim for round trips. */
typedef struct fcr__raw_field {
    char *name;
    char *json;
    size_t length;
} fcr__raw_field;

typedef struct fcr__raw_fields {
    fcr__raw_field *items;
    size_t count;
} fcr__raw_fields;

/* An event either owns its strings, lists and unknown fields, each from the
 * heap, or lives with all of them in an arena. Only the record reader makes
 * arena events, and the call that takes them over releases the arena. */
struct fcr_event {
    fcr_event_type type;
    fcr_time at;
    char *concern;
    uint32_t present; /* bit per fcr__field_id */
    char *text[FCR__TEXT_FIELD_COUNT];
    bool flags[FCR__BOOL_FIELD_COUNT];
    fcr__string_list lists[FCR__LIST_FIELD_COUNT];
    fcr_time due_at;
    fcr__raw_fields unknown;
    fcr__arena *arena; /* NULL for an event that owns its memory */
};

#define FCR__EVENT_TYPE_COUNT 13

/* Field lookup by name: returns -1 when unknown. */
int fcr__field_by_name(const char *name, size_t length);
/* Event type lookup by name: returns 0 when unknown. */
fcr_event_type fcr__event_type_by_name(const char *name, size_t length);
const char *fcr__field_name(fcr__field_id field);
fcr__field_kind fcr__field_kind_of(fcr__field_id field);
/* Whether `type` has the field (and, for FCR__F_TEXT etc., accepts it). */
bool fcr__event_has_field(fcr_event_type type, fcr__field_id field);
/* Returns the first field that `event` has but events of its type do not
 * accept, or -1 when there is none. */
int fcr__event_unexpected_field(const fcr_event *event, fcr_event_type type);
/* Whether events of `type` belong to one concern. */
bool fcr__event_has_concern(fcr_event_type type);
/* Lists the field names of `type` into buffer for error messages. */
void fcr__event_field_names(fcr_event_type type, char *buffer, size_t size);

static inline bool fcr__event_present(const fcr_event *event, fcr__field_id field)
{
    return (event->present >> field) & 1u;
}

/* Allocates an event without checking the type or the time: from the heap
 * when arena is NULL, otherwise in the arena, which then also receives every
 * string the event's setters copy. fcr_event_free() ignores an arena
 * event. */
fcr_status fcr__event_alloc(fcr_event **out, fcr__arena *arena, fcr_event_type type,
                            fcr_time at);

/* Deep copy that owns its memory, also when `event` lives in an arena. */
fcr_status fcr__event_copy(fcr_event **out, const fcr_event *event);

/* Setters used by the JSON reader that take lengths and report through the
 * caller's error path; they record no error themselves beyond FCR_ENOMEM. */
fcr_status fcr__event_set_text_n(fcr_event *event, fcr__field_id field, const char *value,
                                 size_t length);
fcr_status fcr__event_add_list_n(fcr_event *event, fcr__field_id field, const char *value,
                                 size_t length);
fcr_status fcr__event_set_concern_n(fcr_event *event, const char *value, size_t length);
/* Keeps a field the library does not know, with its JSON text. */
fcr_status fcr__event_add_unknown(fcr_event *event, const char *name, size_t name_length,
                                  const char *json, size_t json_length);
fcr_status fcr__raw_fields_add(fcr__raw_fields *fields, const char *name, size_t name_length,
                               const char *json, size_t json_length);
fcr_status fcr__raw_fields_copy(fcr__raw_fields *dst, const fcr__raw_fields *src);
void fcr__raw_fields_free(fcr__raw_fields *fields);

/* Concern ids: 1 to 64 bytes of [A-Za-z0-9._:-]. */
bool fcr__valid_concern_id(const char *id, size_t length);

/* --- call ----------------------------------------------------------------- */

struct fcr_concern {
    const char *id;        /* owned by the concern_stated event */
    const char *category;  /* owned by the policy */
    const char *request;   /* owned by an event; NULL when not given */
    size_t stated_event;
    bool restated;
    bool confirmed;
    size_t restated_event; /* latest restatement, SIZE_MAX when none */
    bool authority_checked;
    bool in_scope;
    bool tools_available;
    size_t authority_event;
    fcr_outcome outcome;
    size_t outcome_event;  /* SIZE_MAX when none */
    const char *action;    /* the following are owned by the outcome event or the policy */
    const char *next_step;
    const char *target;
    const char *reason;
    const char *owner;
    fcr_time due_at;
    bool due_computed;
};

struct fcr_deviation {
    const char *code;    /* static */
    const char *rule;    /* static */
    fcr_step step;
    size_t event;        /* SIZE_MAX when found at the end */
    const char *concern; /* owned by an event; may be NULL */
    char *message;
};

/* Workflow state derived from the events. Event positions are indices into
 * the call's log, SIZE_MAX when there is none. */
typedef struct fcr__workflow {
    fcr_step step;
    bool awaiting_new_concern; /* anything-else answered yes, no concern stated since */
    bool proxy_authority;      /* a proxy caller's authority was confirmed */
    size_t last_outcome_event;
    size_t last_recap_event;
    size_t last_no_event;      /* anything-else answered no */
    size_t documented_event;
} fcr__workflow;

struct fcr_call {
    fcr_policy *policy;
    fcr_mode mode;
    char *id;
    fcr_time started_at;
    fcr_time ended_at;
    fcr_direction direction;
    char *agent_id;
    char *agent_role;
    fcr_caller_role caller_role;
    char *patient_key;

    fcr_event **events;
    size_t event_count;
    size_t event_capacity;

    fcr_concern **concerns;
    size_t concern_count;
    size_t concern_capacity;

    fcr_deviation **deviations;
    size_t deviation_count;
    size_t deviation_capacity;

    const char **identifiers; /* confirmed types, owned by the policy */
    size_t identifier_count;
    size_t identifier_capacity;

    fcr__workflow workflow;

    /* Checklist items the evidence source cannot show, scored unknown. */
    bool unobservable[FCR__ITEM_COUNT];

    /* Unknown JSON fields, kept for round trips. */
    fcr__raw_fields unknown;
    fcr__raw_fields agent_unknown;
    fcr__raw_fields caller_unknown;
    char *format_tag; /* "fcr.call/1" or a newer minor, as read; NULL when built */

    /* The events read from JSON with everything they own, or NULL. */
    fcr__arena *arena;
};

#define FCR__MAX_EVENTS 100000
#define FCR__MAX_CALL_SPAN_MS (INT64_C(7) * 24 * 3600 * 1000)

/* Records an event; see fcr_call_append(). The event is copied. */
fcr_status fcr__call_append(fcr_call *call, const fcr_event *event);
/* Records an event that the call takes over on success. On failure the
 * caller still owns it. */
fcr_status fcr__call_append_owned(fcr_call *call, fcr_event *event);

/* Whether the call's agent may resolve `category` by policy. With no agent
 * role set, only non-clinical categories count as in scope. */
bool fcr__call_may_resolve(const fcr_call *call, const char *category);

/* In replay mode, lists what an ended call still lacks once its record is
 * complete as deviations whose event index is SIZE_MAX. The call_ended event
 * already checked the earlier steps, so only the note (document_call) can be
 * missing. The record readers call it after the last event. */
fcr_status fcr__call_add_end_deviations(fcr_call *call);

/* Counts distinct person-specific identifier types confirmed. */
size_t fcr__call_person_identifier_count(const fcr_call *call);

/* --- workflow requirements, shared by guards and guidance ----------------- */

typedef struct fcr__requirement {
    const char *code;    /* static, such as "restate_concern" */
    const char *rule;    /* static English sentence */
    fcr_step step;
    const char *concern; /* owned by the call; may be NULL */
    char message[256];
} fcr__requirement;

typedef struct fcr__requirements {
    fcr__requirement *items;
    size_t count;
    size_t capacity;
} fcr__requirements;

fcr_status fcr__requirements_add(fcr__requirements *list, const char *code, const char *rule,
                                 fcr_step step, const char *concern, const char *format, ...)
    FCR__PRINTF(6, 7);
void fcr__requirements_free(fcr__requirements *list);

/* Appends what is missing before `step` can be left, given the call's
 * current state. */
fcr_status fcr__step_exit_requirements(const fcr_call *call, fcr_step step,
                                       fcr__requirements *out);

#endif /* FCR_MODEL_H */
