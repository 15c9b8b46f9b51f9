/* SPDX-License-Identifier: MIT */
/*
 * Part of fcr.i: Policy, Event and Call, and the Concern and Deviation
 * snapshots that a call hands out.
 */

%{
/* Returns `fallback` from the enclosing function, with a pending failure,
 * when a box is missing or was closed. */
#define BIND_OPEN(box, class_name, fallback)   \
    do {                                       \
        if ((box) == NULL || (box)->handle == NULL) { \
            bind_fail_closed(class_name);      \
            return fallback;                   \
        }                                      \
    } while (0)

/* Boxes a new handle; frees the handle when the box cannot be allocated. */
static bind_policy *bind_policy_box(fcr_policy *handle)
{
    bind_policy *box = bind_calloc(1, sizeof *box);
    if (box == NULL)
        fcr_policy_free(handle);
    else
        box->handle = handle;
    return box;
}

static bind_event *bind_event_box(fcr_event *handle)
{
    bind_event *box = bind_calloc(1, sizeof *box);
    if (box == NULL)
        fcr_event_free(handle);
    else
        box->handle = handle;
    return box;
}

static bind_call *bind_call_box(fcr_call *handle)
{
    bind_call *box = bind_calloc(1, sizeof *box);
    if (box == NULL)
        fcr_call_free(handle);
    else
        box->handle = handle;
    return box;
}

static void bind_event_free_item(void *item)
{
    bind_event *box = item;
    fcr_event_free(box->handle);
    free(box);
}

/* Resolves an optional Policy argument. With none, a policy with the
 * built-in defaults is created and returned in `*owned`, for the caller to
 * release once the new handle holds its own reference. */
static fcr_policy *bind_policy_or_default(bind_policy *policy, fcr_policy **owned)
{
    *owned = NULL;
    if (policy == NULL) {
        if (!bind_ok(fcr_policy_new(owned)))
            return NULL;
        return *owned;
    }
    if (policy->handle == NULL) {
        bind_fail_closed("Policy");
        return NULL;
    }
    return policy->handle;
}

/* ---- Event fields ---------------------------------------------------------- */

typedef enum bind_field_kind {
    BIND_FIELD_TEXT,
    BIND_FIELD_BOOL,
    BIND_FIELD_LIST,
    BIND_FIELD_TIME
} bind_field_kind;

static const char *const bind_field_kind_names[] = {"text", "bool", "list", "time"};

/* The event fields of the fcr.call/1 format (docs/call-format.md), with
 * the kind of value each holds.
 * NOTE: the public C API cannot list an event's fields, so this table must
 * follow the library's when a field is added. */
static const struct bind_field {
    const char *name;
    bind_field_kind kind;
} bind_fields[] = {
    {"text", BIND_FIELD_TEXT},          {"request", BIND_FIELD_TEXT},
    {"category", BIND_FIELD_TEXT},      {"topic", BIND_FIELD_TEXT},
    {"decision", BIND_FIELD_TEXT},      {"action", BIND_FIELD_TEXT},
    {"next_step", BIND_FIELD_TEXT},     {"target", BIND_FIELD_TEXT},
    {"reason", BIND_FIELD_TEXT},        {"owner", BIND_FIELD_TEXT},
    {"answer", BIND_FIELD_TEXT},        {"confirmed", BIND_FIELD_BOOL},
    {"proxy_authority", BIND_FIELD_BOOL}, {"in_scope", BIND_FIELD_BOOL},
    {"tools_available", BIND_FIELD_BOOL}, {"identifiers", BIND_FIELD_LIST},
    {"tools_missing", BIND_FIELD_LIST}, {"concerns", BIND_FIELD_LIST},
    {"due_at", BIND_FIELD_TIME},
};

static const struct bind_field *bind_field_find(const char *name)
{
    for (size_t i = 0; name != NULL && i < BIND_COUNT_OF(bind_fields); i++) {
        if (strcmp(bind_fields[i].name, name) == 0)
            return &bind_fields[i];
    }
    return NULL;
}

/* Returns whether `event` has `field` set. The getters report an absent
 * field through a status, which is expected here and not a failure. */
static bool bind_field_present(const fcr_event *event, const struct bind_field *field)
{
    int flag = 0;
    fcr_time time = 0;
    switch (field->kind) {
    case BIND_FIELD_TEXT:
        return fcr_event_get_string(event, field->name) != NULL;
    case BIND_FIELD_BOOL:
        return fcr_event_get_bool(event, field->name, &flag) == FCR_OK;
    case BIND_FIELD_LIST:
        return fcr_event_list_count(event, field->name) > 0;
    case BIND_FIELD_TIME:
        return fcr_event_get_time_field(event, field->name, &time) == FCR_OK;
    }
    return false;
}

static fcr_status bind_field_copy(fcr_event *copy, const fcr_event *source,
                                  const struct bind_field *field)
{
    int flag = 0;
    fcr_time time = 0;
    fcr_status status = FCR_OK;
    const char *text = NULL;

    switch (field->kind) {
    case BIND_FIELD_TEXT:
        text = fcr_event_get_string(source, field->name);
        if (text != NULL)
            status = fcr_event_set_string(copy, field->name, text);
        break;
    case BIND_FIELD_BOOL:
        if (fcr_event_get_bool(source, field->name, &flag) == FCR_OK)
            status = fcr_event_set_bool(copy, field->name, flag);
        break;
    case BIND_FIELD_LIST:
        for (size_t i = 0; i < fcr_event_list_count(source, field->name) && status == FCR_OK; i++)
            status = fcr_event_add_string(copy, field->name, fcr_event_list_item(source, field->name, i));
        break;
    case BIND_FIELD_TIME:
        if (fcr_event_get_time_field(source, field->name, &time) == FCR_OK)
            status = fcr_event_set_time(copy, field->name, time);
        break;
    }
    return status;
}

/* Copies an event of a call into a new event that the host owns, so that
 * it stays valid after the call is closed.
 * NOTE: fields that libfcr keeps from the JSON but does not know are not
 * copied, because the public API cannot read them. */
static bind_event *bind_event_copy(const fcr_event *source)
{
    fcr_event *copy = NULL;
    fcr_status status = fcr_event_new(&copy, fcr_event_get_type(source), fcr_event_get_time(source));
    const char *concern = fcr_event_get_concern(source);
    if (status == FCR_OK && concern != NULL)
        status = fcr_event_set_concern(copy, concern);
    for (size_t i = 0; i < BIND_COUNT_OF(bind_fields) && status == FCR_OK; i++)
        status = bind_field_copy(copy, source, &bind_fields[i]);

    if (!bind_ok(status)) {
        fcr_event_free(copy);
        return NULL;
    }
    return bind_event_box(copy);
}

%}

%rename(Concern) bind_concern;
%rename(Deviation) bind_deviation;

%inline %{
/* A copy of one concern of a call, taken when it was requested. */
struct bind_concern {
    char *id;
    char *category;
    char *request;
    bool restated;
    bool confirmed;
    bool authority_checked;
    bool in_scope;
    bool tools_available;
    const char *outcome;
    char *action;
    char *next_step;
    char *target;
    char *reason;
    char *owner;
    fcr_time due_at;
    bool due_computed;
    bind_index outcome_event;
};

/* A copy of one workflow deviation of a call. */
struct bind_deviation {
    char *code;
    char *message;
    char *rule;
    const char *step;
    bind_index event;
    char *concern;
};
%}

%{
/* ---- Concern and Deviation snapshots ------------------------------------- */

static void bind_concern_free(void *item)
{
    bind_concern *concern = item;
    if (concern == NULL)
        return;
    free(concern->id);
    free(concern->category);
    free(concern->request);
    free(concern->action);
    free(concern->next_step);
    free(concern->target);
    free(concern->reason);
    free(concern->owner);
    free(concern);
}

static bind_concern *bind_concern_copy(const fcr_concern *source)
{
    bind_concern *copy = bind_calloc(1, sizeof *copy);
    if (copy == NULL)
        return NULL;

    bool ok = true;
    copy->id = bind_strdup(fcr_concern_id(source), &ok);
    copy->category = bind_strdup(fcr_concern_category(source), &ok);
    copy->request = bind_strdup(fcr_concern_request(source), &ok);
    copy->restated = fcr_concern_restated(source) != 0;
    copy->confirmed = fcr_concern_confirmed(source) != 0;
    copy->authority_checked = fcr_concern_authority_checked(source) != 0;
    copy->in_scope = fcr_concern_in_scope(source) != 0;
    copy->tools_available = fcr_concern_tools_available(source) != 0;
    copy->outcome = fcr_outcome_name(fcr_concern_outcome(source));
    copy->action = bind_strdup(fcr_concern_action(source), &ok);
    copy->next_step = bind_strdup(fcr_concern_next_step(source), &ok);
    copy->target = bind_strdup(fcr_concern_target(source), &ok);
    copy->reason = bind_strdup(fcr_concern_reason(source), &ok);
    copy->owner = bind_strdup(fcr_concern_owner(source), &ok);
    copy->due_at = fcr_concern_due_at(source);
    copy->due_computed = fcr_concern_due_computed(source) != 0;
    copy->outcome_event = fcr_concern_outcome_event(source);
    if (!ok) {
        bind_concern_free(copy);
        return NULL;
    }
    return copy;
}

static void bind_deviation_free(void *item)
{
    bind_deviation *deviation = item;
    if (deviation == NULL)
        return;
    free(deviation->code);
    free(deviation->message);
    free(deviation->rule);
    free(deviation->concern);
    free(deviation);
}

static bind_deviation *bind_deviation_copy(const fcr_deviation *source)
{
    bind_deviation *copy = bind_calloc(1, sizeof *copy);
    if (copy == NULL)
        return NULL;

    bool ok = true;
    copy->code = bind_strdup(fcr_deviation_code(source), &ok);
    copy->message = bind_strdup(fcr_deviation_message(source), &ok);
    copy->rule = bind_strdup(fcr_deviation_rule(source), &ok);
    copy->step = fcr_step_name(fcr_deviation_step(source));
    copy->event = fcr_deviation_event(source);
    copy->concern = bind_strdup(fcr_deviation_concern(source), &ok);
    if (!ok) {
        bind_deviation_free(copy);
        return NULL;
    }
    return copy;
}
%}

%extend bind_concern {
    ~bind_concern() { bind_concern_free($self); }

    /* Returns "<fcr.Concern id=... category=... outcome=...>" without the
     * caller's words. */
    const char *__repr__() {
        snprintf(bind_repr_text, sizeof bind_repr_text,
                 "<fcr.Concern id=\"%.64s\" category=%.64s outcome=%s>",
                 $self->id, $self->category, $self->outcome);
        return bind_repr_text;
    }
}

%extend bind_deviation {
    ~bind_deviation() { bind_deviation_free($self); }

    const char *__repr__() {
        char event[32] = BIND_NONE_TEXT;
        if ($self->event != SIZE_MAX)
            snprintf(event, sizeof event, "%zu", $self->event);
        snprintf(bind_repr_text, sizeof bind_repr_text,
                 "<fcr.Deviation code=%.64s step=%s event=%s concern=%.64s>",
                 $self->code, $self->step, event,
                 $self->concern != NULL ? $self->concern : BIND_NONE_TEXT);
        return bind_repr_text;
    }
}

/* ---- Policy ------------------------------------------------------------------ */

%rename(Policy) bind_policy;
typedef struct bind_policy {} bind_policy;

%newobject bind_policy::load;
%newobject bind_policy::load_file;
%newobject bind_policy::to_json;

%{
static unsigned bind_policy_required_identifiers_get(bind_policy *self)
{
    BIND_OPEN(self, "Policy", 0);
    return fcr_policy_required_identifiers(self->handle);
}

static const char *bind_policy_time_zone_get(bind_policy *self)
{
    BIND_OPEN(self, "Policy", NULL);
    return fcr_policy_time_zone(self->handle);
}
%}

%extend bind_policy {
    /* The number of distinct identifier types a caller must confirm. */
    unsigned required_identifiers;
    /* The office's time zone, such as "America/New_York". */
    const char *time_zone;

    bind_policy() {
        fcr_policy *policy = NULL;
        if (!bind_ok(fcr_policy_new(&policy)))
            return NULL;
        return bind_policy_box(policy);
    }

    ~bind_policy() {
        fcr_policy_free($self->handle);
        free($self);
    }

    /* Loads a policy: the built-in defaults overlaid with a fcr.policy/1
     * JSON document. */
    static bind_policy *load(const char *text, size_t length, const char *name = NULL) {
        fcr_policy *policy = NULL;
        if (!bind_ok(fcr_policy_load(&policy, text, length, name)))
            return NULL;
        return bind_policy_box(policy);
    }

    static bind_policy *load_file(const char *path) {
        fcr_policy *policy = NULL;
        if (!bind_ok(fcr_policy_load_file(&policy, path)))
            return NULL;
        return bind_policy_box(policy);
    }

    /* Releases this handle's reference. Calls made with the policy keep
     * their own. Closing twice does nothing. */
    void close() {
        fcr_policy_free($self->handle);
        $self->handle = NULL;
    }

    bool closed() { return $self->handle == NULL; }

    char *to_json() {
        char *text = NULL;
        BIND_OPEN($self, "Policy", NULL);
        if (!bind_ok(fcr_policy_to_json(&text, $self->handle)))
            return NULL;
        return text;
    }

    bool has_category(const char *category) {
        BIND_OPEN($self, "Policy", false);
        return category != NULL && fcr_policy_has_category($self->handle, category) != 0;
    }

    bool role_may_resolve(const char *role, const char *category) {
        BIND_OPEN($self, "Policy", false);
        if (role == NULL || category == NULL)
            return false;
        return fcr_policy_role_may_resolve($self->handle, role, category) != 0;
    }

    const char *default_target(const char *category) {
        BIND_OPEN($self, "Policy", NULL);
        return category == NULL ? NULL : fcr_policy_default_target($self->handle, category);
    }

    /* Computes when an escalation to `target` made at `at` is due, in
     * business time. */
    fcr_time due_time(const char *target, fcr_time at) {
        fcr_time due = FCR_TIME_NONE;
        BIND_OPEN($self, "Policy", FCR_TIME_NONE);
        if (!bind_ok(fcr_policy_due_time(&due, $self->handle, target, at)))
            return FCR_TIME_NONE;
        return due;
    }

    /* Returns the display label of an entry of one kind: "category",
     * "role", "target" or "identifier_type". */
    const char *label(const char *kind, const char *id) {
        int kind_value = 0;
        BIND_OPEN($self, "Policy", NULL);
        if (!bind_lookup(&kind_value, bind_policy_kind_names, BIND_COUNT_OF(bind_policy_kind_names),
                         kind, "kind of policy entry"))
            return NULL;
        return id == NULL ? NULL : fcr_policy_label($self->handle, (fcr_policy_kind)kind_value, id);
    }

    /* Returns the office's offset from UTC at `at`, in seconds east. */
    int utc_offset(fcr_time at) {
        BIND_OPEN($self, "Policy", 0);
        return (int)fcr_policy_utc_offset($self->handle, at);
    }

    /* Replaces the prompt and phrases of one step. Only before a call uses
     * the policy. */
    void set_phrases(const char *step, const char *prompt, const char *const *phrases,
                     size_t count) {
        fcr_step value = FCR_STEP_CLARIFY;
        BIND_OPEN($self, "Policy", );
        if (!bind_step_from_name(&value, step))
            return;
        bind_ok(fcr_policy_set_phrases($self->handle, value, prompt, phrases, count));
    }

    const char *__repr__() {
        if ($self->handle == NULL)
            return "<fcr.Policy closed>";
        snprintf(bind_repr_text, sizeof bind_repr_text,
                 "<fcr.Policy time_zone=%.64s required_identifiers=%u>",
                 fcr_policy_time_zone($self->handle),
                 fcr_policy_required_identifiers($self->handle));
        return bind_repr_text;
    }
}

/* ---- Event ------------------------------------------------------------------- */

%rename(Event) bind_event;
%feature("immutable", "0") bind_event::concern;
typedef struct bind_event {} bind_event;

%newobject bind_event::from_json;

%{
static const char *bind_event_type_get(bind_event *self)
{
    BIND_OPEN(self, "Event", NULL);
    return fcr_event_type_name(fcr_event_get_type(self->handle));
}

static fcr_time bind_event_at_get(bind_event *self)
{
    BIND_OPEN(self, "Event", FCR_TIME_NONE);
    return fcr_event_get_time(self->handle);
}

static const char *bind_event_concern_get(bind_event *self)
{
    BIND_OPEN(self, "Event", NULL);
    return fcr_event_get_concern(self->handle);
}

static void bind_event_concern_set(bind_event *self, const char *concern)
{
    BIND_OPEN(self, "Event", );
    bind_ok(fcr_event_set_concern(self->handle, concern));
}

static bind_strings bind_event_field_names_get(bind_event *self)
{
    bind_strings list = {0, NULL};
    BIND_OPEN(self, "Event", list);
    list = bind_strings_new(BIND_COUNT_OF(bind_fields));
    if (list.items == NULL)
        return list;
    list.count = 0;
    for (size_t i = 0; i < BIND_COUNT_OF(bind_fields); i++) {
        if (bind_field_present(self->handle, &bind_fields[i]))
            list.items[list.count++] = bind_fields[i].name;
    }
    return list;
}
%}

%extend bind_event {
    /* The JSON name of the event type, such as "escalated". */
    const char *type;
    /* When the event happened. */
    fcr_time at;
    /* The names of the fields that are set, in a fixed order. */
    bind_strings field_names;
    /* The id of the concern the event belongs to, or none. */
    const char *concern;

    bind_event(const char *type, fcr_time at) {
        fcr_event_type value = FCR_EVENT_OPEN_QUESTION_ASKED;
        fcr_event *event = NULL;
        if (type == NULL) {
            bind_fail(FCR_EINVAL, "missing event type");
            return NULL;
        }
        if (!bind_ok(fcr_event_type_from_name(&value, type)))
            return NULL;
        if (!bind_ok(fcr_event_new(&event, value, at)))
            return NULL;
        return bind_event_box(event);
    }

    ~bind_event() {
        fcr_event_free($self->handle);
        free($self);
    }

    /* Parses one event object in the form events take in fcr.call/1
     * records. */
    static bind_event *from_json(const char *text, size_t length) {
        fcr_event *event = NULL;
        if (!bind_ok(fcr_event_from_json(&event, text, length)))
            return NULL;
        return bind_event_box(event);
    }

    /* Returns the kind of value a field holds: "text", "bool", "list" or
     * "time", or none for a name that is no event field. */
    static const char *field_kind(const char *field) {
        const struct bind_field *known = bind_field_find(field);
        return known == NULL ? NULL : bind_field_kind_names[known->kind];
    }

    void close() {
        fcr_event_free($self->handle);
        $self->handle = NULL;
    }

    bool closed() { return $self->handle == NULL; }

    void set_string(const char *field, const char *value) {
        BIND_OPEN($self, "Event", );
        bind_ok(fcr_event_set_string($self->handle, field, value));
    }

    void set_bool(const char *field, bool value) {
        BIND_OPEN($self, "Event", );
        bind_ok(fcr_event_set_bool($self->handle, field, value ? 1 : 0));
    }

    void set_time(const char *field, fcr_time value) {
        BIND_OPEN($self, "Event", );
        bind_ok(fcr_event_set_time($self->handle, field, value));
    }

    /* Appends a string to a list field, such as "identifiers". */
    void add_string(const char *field, const char *value) {
        BIND_OPEN($self, "Event", );
        bind_ok(fcr_event_add_string($self->handle, field, value));
    }

    const char *get_string(const char *field) {
        BIND_OPEN($self, "Event", NULL);
        return field == NULL ? NULL : fcr_event_get_string($self->handle, field);
    }

    /* Returns a yes/no field, or none when it is absent. */
    bind_tristate get_bool(const char *field) {
        int value = 0;
        BIND_OPEN($self, "Event", -1);
        fcr_status status = fcr_event_get_bool($self->handle, field, &value);
        if (status == FCR_ENOTFOUND)
            return -1;
        if (!bind_ok(status))
            return -1;
        return value != 0;
    }

    /* Returns an instant field, or none when it is absent. */
    fcr_time get_time(const char *field) {
        fcr_time value = FCR_TIME_NONE;
        BIND_OPEN($self, "Event", FCR_TIME_NONE);
        fcr_status status = fcr_event_get_time_field($self->handle, field, &value);
        if (status == FCR_ENOTFOUND)
            return FCR_TIME_NONE;
        if (!bind_ok(status))
            return FCR_TIME_NONE;
        return value;
    }

    bind_strings get_list(const char *field) {
        bind_strings list = {0, NULL};
        BIND_OPEN($self, "Event", list);
        if (field == NULL)
            return list;
        list = bind_strings_new(fcr_event_list_count($self->handle, field));
        for (size_t i = 0; i < list.count; i++)
            list.items[i] = fcr_event_list_item($self->handle, field, i);
        return list;
    }

    /* Returns "<fcr.Event type=... at=... concern=...>"; field values are
     * left out because they may quote the caller. */
    const char *__repr__() {
        char at[FCR_TIME_TEXT_SIZE];
        if ($self->handle == NULL)
            return "<fcr.Event closed>";
        const char *concern = fcr_event_get_concern($self->handle);
        snprintf(bind_repr_text, sizeof bind_repr_text, "<fcr.Event type=%s at=%s concern=%.64s>",
                 fcr_event_type_name(fcr_event_get_type($self->handle)),
                 bind_time_text(fcr_event_get_time($self->handle), at, sizeof at),
                 concern != NULL ? concern : BIND_NONE_TEXT);
        return bind_repr_text;
    }
}

/* ---- Call ---------------------------------------------------------------------- */

%rename(Call) bind_call;
%feature("immutable", "0") bind_call::direction;
%feature("immutable", "0") bind_call::caller_role;
%feature("immutable", "0") bind_call::patient_key;
typedef struct bind_call {} bind_call;

%newobject bind_call::from_json;
%newobject bind_call::find_concern;
%newobject bind_call::to_json;
%newobject bind_call::note;
%newobject bind_call::recap;

%{
#define BIND_CALL_GETTER(type, name, fallback, expression) \
    static type bind_call_##name##_get(bind_call *self)   \
    {                                                      \
        BIND_OPEN(self, "Call", fallback);                 \
        return expression;                                 \
    }

BIND_CALL_GETTER(const char *, id, NULL, fcr_call_id(self->handle))
BIND_CALL_GETTER(const char *, mode, NULL, bind_mode_names[fcr_call_mode(self->handle)])
BIND_CALL_GETTER(fcr_time, started_at, FCR_TIME_NONE, fcr_call_started_at(self->handle))
BIND_CALL_GETTER(fcr_time, ended_at, FCR_TIME_NONE, fcr_call_ended_at(self->handle))
BIND_CALL_GETTER(const char *, agent_id, NULL, fcr_call_agent_id(self->handle))
BIND_CALL_GETTER(const char *, agent_role, NULL, fcr_call_agent_role(self->handle))
BIND_CALL_GETTER(const char *, step, NULL, fcr_step_name(fcr_call_step(self->handle)))
BIND_CALL_GETTER(bool, identity_verified, false, fcr_call_identity_verified(self->handle) != 0)
BIND_CALL_GETTER(size_t, event_count, 0, fcr_call_event_count(self->handle))
BIND_CALL_GETTER(size_t, concern_count, 0, fcr_call_concern_count(self->handle))
BIND_CALL_GETTER(size_t, deviation_count, 0, fcr_call_deviation_count(self->handle))
BIND_CALL_GETTER(const char *, direction, NULL,
                 bind_direction_names[fcr_call_direction(self->handle)])
BIND_CALL_GETTER(const char *, caller_role, NULL,
                 bind_caller_role_names[fcr_call_caller_role(self->handle)])
BIND_CALL_GETTER(const char *, patient_key, NULL, fcr_call_patient_key(self->handle))

static void bind_call_direction_set(bind_call *self, const char *direction)
{
    int value = 0;
    BIND_OPEN(self, "Call", );
    if (bind_lookup(&value, bind_direction_names, BIND_COUNT_OF(bind_direction_names), direction,
                    "direction"))
        bind_ok(fcr_call_set_direction(self->handle, (fcr_direction)value));
}

static void bind_call_caller_role_set(bind_call *self, const char *role)
{
    int value = 0;
    BIND_OPEN(self, "Call", );
    if (bind_lookup(&value, bind_caller_role_names, BIND_COUNT_OF(bind_caller_role_names), role,
                    "caller role"))
        bind_ok(fcr_call_set_caller_role(self->handle, (fcr_caller_role)value));
}

static void bind_call_patient_key_set(bind_call *self, const char *key)
{
    BIND_OPEN(self, "Call", );
    bind_ok(fcr_call_set_patient_key(self->handle, key));
}

static bind_strings bind_call_identifiers_get(bind_call *self)
{
    bind_strings list = {0, NULL};
    BIND_OPEN(self, "Call", list);
    list = bind_strings_new(fcr_call_identifier_count(self->handle));
    for (size_t i = 0; i < list.count; i++)
        list.items[i] = fcr_call_identifier(self->handle, i);
    return list;
}

static bind_event_list bind_call_events_get(bind_call *self)
{
    bind_objects list = {0, NULL, bind_event_free_item};
    BIND_OPEN(self, "Call", list);
    size_t count = fcr_call_event_count(self->handle);
    list = bind_objects_new(count, bind_event_free_item);
    for (size_t i = 0; list.items != NULL && i < count; i++) {
        bind_event *event = bind_event_copy(fcr_call_event(self->handle, i));
        if (event == NULL) {
            bind_objects_discard(&list);
            break;
        }
        list.items[list.count++] = event;
    }
    return list;
}

static bind_concern_list bind_call_concerns_get(bind_call *self)
{
    bind_objects list = {0, NULL, bind_concern_free};
    BIND_OPEN(self, "Call", list);
    size_t count = fcr_call_concern_count(self->handle);
    list = bind_objects_new(count, bind_concern_free);
    for (size_t i = 0; list.items != NULL && i < count; i++) {
        bind_concern *concern = bind_concern_copy(fcr_call_concern(self->handle, i));
        if (concern == NULL) {
            bind_objects_discard(&list);
            break;
        }
        list.items[list.count++] = concern;
    }
    return list;
}

static bind_deviation_list bind_call_deviations_get(bind_call *self)
{
    bind_objects list = {0, NULL, bind_deviation_free};
    BIND_OPEN(self, "Call", list);
    size_t count = fcr_call_deviation_count(self->handle);
    list = bind_objects_new(count, bind_deviation_free);
    for (size_t i = 0; list.items != NULL && i < count; i++) {
        bind_deviation *deviation = bind_deviation_copy(fcr_call_deviation(self->handle, i));
        if (deviation == NULL) {
            bind_objects_discard(&list);
            break;
        }
        list.items[list.count++] = deviation;
    }
    return list;
}
%}

%extend bind_call {
    /* The call id. */
    const char *id;
    /* "live" or "replay". */
    const char *mode;
    fcr_time started_at;
    /* When the call ended (its call_ended event), or none. */
    fcr_time ended_at;
    const char *agent_id;
    const char *agent_role;
    /* The current workflow step, such as "check_authority". */
    const char *step;
    /* Whether the caller's identity counts as verified now. */
    bool identity_verified;
    size_t event_count;
    size_t concern_count;
    size_t deviation_count;
    /* The identifier types confirmed so far, such as "date_of_birth". */
    bind_strings identifiers;
    /* Copies of the events, in the order recorded. */
    bind_event_list events;
    /* Copies of the concerns, in the order stated. */
    bind_concern_list concerns;
    /* Copies of the workflow deviations, in the order found. */
    bind_deviation_list deviations;
    /* "inbound" or "outbound"; settable before the first event. */
    const char *direction;
    /* "patient", "proxy" or "other"; settable before the first event. */
    const char *caller_role;
    /* Pseudonymous key that links the patient's contacts; settable before
     * the first event. */
    const char *patient_key;

    bind_call(const char *id, fcr_time started_at, const char *mode = "live",
              bind_policy *policy = NULL) {
        int mode_value = 0;
        fcr_policy *owned = NULL;
        fcr_call *call = NULL;
        if (!bind_lookup(&mode_value, bind_mode_names, BIND_COUNT_OF(bind_mode_names), mode, "mode"))
            return NULL;
        fcr_policy *use = bind_policy_or_default(policy, &owned);
        if (use == NULL)
            return NULL;
        fcr_status status = fcr_call_new(&call, use, (fcr_mode)mode_value, id, started_at);
        fcr_policy_free(owned);
        if (!bind_ok(status))
            return NULL;
        return bind_call_box(call);
    }

    ~bind_call() {
        fcr_call_free($self->handle);
        free($self);
    }

    /* Reads one call record from a fcr.call/1 JSON document. */
    static bind_call *from_json(const char *text, size_t length, bind_policy *policy = NULL,
                                const char *mode = "replay", const char *name = NULL) {
        int mode_value = 0;
        fcr_policy *owned = NULL;
        fcr_call *call = NULL;
        if (!bind_lookup(&mode_value, bind_mode_names, BIND_COUNT_OF(bind_mode_names), mode, "mode"))
            return NULL;
        fcr_policy *use = bind_policy_or_default(policy, &owned);
        if (use == NULL)
            return NULL;
        fcr_status status = fcr_call_from_json(&call, use, (fcr_mode)mode_value, text, length, name);
        fcr_policy_free(owned);
        if (!bind_ok(status))
            return NULL;
        return bind_call_box(call);
    }

    /* Frees the call record. Closing twice does nothing. */
    void close() {
        fcr_call_free($self->handle);
        $self->handle = NULL;
    }

    bool closed() { return $self->handle == NULL; }

    /* Sets the agent who took the call. Only before the first event. */
    void set_agent(const char *agent_id, const char *role) {
        BIND_OPEN($self, "Call", );
        bind_ok(fcr_call_set_agent($self->handle, agent_id, role));
    }

    /* Records a copy of `event`. In live mode a guard may reject it, and
     * the call is then unchanged. */
    void append(bind_event *event) {
        BIND_OPEN($self, "Call", );
        if (event == NULL) {
            bind_fail(FCR_EINVAL, "missing event");
            return;
        }
        BIND_OPEN(event, "Event", );
        bind_ok(fcr_call_append($self->handle, event->handle));
    }

    /* Returns a copy of the concern with `id`, or none. */
    bind_concern *find_concern(const char *id) {
        BIND_OPEN($self, "Call", NULL);
        if (id == NULL)
            return NULL;
        const fcr_concern *concern = fcr_call_find_concern($self->handle, id);
        return concern == NULL ? NULL : bind_concern_copy(concern);
    }

    /* Marks a checklist item as one this call's evidence cannot show. */
    void set_unobservable(const char *item) {
        fcr_item value = FCR_ITEM_OPEN_QUESTIONS;
        BIND_OPEN($self, "Call", );
        if (bind_item_from_id(&value, item))
            bind_ok(fcr_call_set_unobservable($self->handle, value));
    }

    bool unobservable(const char *item) {
        fcr_item value = FCR_ITEM_OPEN_QUESTIONS;
        BIND_OPEN($self, "Call", false);
        if (!bind_item_from_id(&value, item))
            return false;
        return fcr_call_unobservable($self->handle, value) != 0;
    }

    /* Writes the call as a fcr.call/1 document, on one line unless
     * `pretty`. */
    char *to_json(bool pretty = false) {
        char *text = NULL;
        BIND_OPEN($self, "Call", NULL);
        if (!bind_ok(fcr_call_to_json(&text, $self->handle, pretty ? FCR_JSON_PRETTY : 0u)))
            return NULL;
        return text;
    }

    /* Writes the note: format "text", "line", "json" or "fhir"; profile
     * "chart" (everything) or "qa" (free text masked). */
    char *note(const char *format = "text", const char *profile = "chart") {
        int format_value = 0;
        int profile_value = 0;
        char *text = NULL;
        BIND_OPEN($self, "Call", NULL);
        if (!bind_lookup(&format_value, bind_note_format_names,
                         BIND_COUNT_OF(bind_note_format_names), format, "note format"))
            return NULL;
        if (!bind_lookup(&profile_value, bind_profile_names, BIND_COUNT_OF(bind_profile_names),
                         profile, "profile"))
            return NULL;
        if (!bind_ok(fcr_note_write(&text, $self->handle, (fcr_note_format)format_value,
                                    (fcr_profile)profile_value)))
            return NULL;
        return text;
    }

    /* Writes the recap the agent reads back to the caller. */
    char *recap() {
        char *text = NULL;
        BIND_OPEN($self, "Call", NULL);
        if (!bind_ok(fcr_recap_write(&text, $self->handle)))
            return NULL;
        return text;
    }

    /* Returns "<fcr.Call id=... mode=... step=... events=N concerns=N
     * deviations=N>". The patient key and free text are left out. */
    const char *__repr__() {
        if ($self->handle == NULL)
            return "<fcr.Call closed>";
        snprintf(bind_repr_text, sizeof bind_repr_text,
                 "<fcr.Call id=\"%.128s\" mode=%s step=%s events=%zu concerns=%zu deviations=%zu>",
                 fcr_call_id($self->handle), bind_mode_names[fcr_call_mode($self->handle)],
                 fcr_step_name(fcr_call_step($self->handle)),
                 fcr_call_event_count($self->handle), fcr_call_concern_count($self->handle),
                 fcr_call_deviation_count($self->handle));
        return bind_repr_text;
    }
}
