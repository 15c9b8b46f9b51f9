/* SPDX-License-Identifier: MIT */
/*
 * Part of fcr.i: the pending failure, the table that maps libfcr statuses
 * to error kinds, name lookups for enum arguments, the list types that the
 * language files turn into lists or tables, and module-level functions.
 */

%{
/* ---- Pending failure --------------------------------------------------- */

#define BIND_COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

/* Sizes match the library's own last-error storage (src/error.c). */
#define BIND_MESSAGE_SIZE 512
#define BIND_FIELD_SIZE 160

typedef struct bind_failure {
    int status; /* FCR_OK when nothing is pending */
    size_t line;
    size_t column;
    char field[BIND_FIELD_SIZE];
    char message[BIND_MESSAGE_SIZE];
} bind_failure;

/* Set by the C helpers on a failure and read by %exception right after the
 * call, on the same thread. Thread-local because Python releases the GIL
 * around batch work. */
static _Thread_local bind_failure bind_pending;

/* ---- C function names in messages ------------------------------------------ */

/* How a binding exposes a C function. */
typedef enum bind_name_kind {
    BIND_NAME_METHOD,      /* Python Class.method(), Lua Class:method() */
    BIND_NAME_STATIC,      /* Class.function(), fcr.Class.function() in Lua */
    BIND_NAME_CONSTRUCTOR, /* Class(), fcr.Class() in Lua */
    BIND_NAME_ATTRIBUTE,   /* Class.attribute, read or assigned */
    BIND_NAME_FUNCTION,    /* fcr.function() */
} bind_name_kind;

typedef struct bind_c_name {
    const char *c_name;
    const char *class_name; /* NULL for module functions */
    const char *member;     /* NULL for constructors */
    bind_name_kind kind;
} bind_c_name;

/* Every C function whose failure a binding call can raise, with the
 * binding's name for it. libfcr's messages start with the function that
 * failed and may name another one ("set the options before the first
 * fcr_contact_reader_next()"); bind_capture() rewrites those names with
 * this table, because Python and Lua code never calls the C functions.
 * NOTE: getters that cannot fail are left out, and a function wrapped
 * later needs a row here. */
static const bind_c_name bind_c_names[] = {
    {"fcr_call_append", "Call", "append", BIND_NAME_METHOD},
    {"fcr_call_from_json", "Call", "from_json", BIND_NAME_STATIC},
    {"fcr_call_from_transcript", "Call", "from_transcript", BIND_NAME_STATIC},
    {"fcr_call_new", "Call", NULL, BIND_NAME_CONSTRUCTOR},
    {"fcr_call_set_agent", "Call", "set_agent", BIND_NAME_METHOD},
    {"fcr_call_set_caller_role", "Call", "caller_role", BIND_NAME_ATTRIBUTE},
    {"fcr_call_set_direction", "Call", "direction", BIND_NAME_ATTRIBUTE},
    {"fcr_call_set_patient_key", "Call", "patient_key", BIND_NAME_ATTRIBUTE},
    {"fcr_call_set_unobservable", "Call", "set_unobservable", BIND_NAME_METHOD},
    {"fcr_call_to_json", "Call", "to_json", BIND_NAME_METHOD},
    {"fcr_contact_reader_map", "ContactReader", "map", BIND_NAME_METHOD},
    {"fcr_contact_reader_new_buffer", "ContactReader", "from_string", BIND_NAME_STATIC},
    {"fcr_contact_reader_new_file", "ContactReader", NULL, BIND_NAME_CONSTRUCTOR},
    {"fcr_contact_reader_next", "ContactReader", "next", BIND_NAME_METHOD},
    {"fcr_contact_reader_set_missing", "ContactReader", "set_missing", BIND_NAME_METHOD},
    {"fcr_contact_reader_set_time_format", "ContactReader", "set_time_format", BIND_NAME_METHOD},
    {"fcr_contact_reader_set_time_zone", "ContactReader", "set_time_zone", BIND_NAME_METHOD},
    {"fcr_event_add_string", "Event", "add_string", BIND_NAME_METHOD},
    {"fcr_event_from_json", "Event", "from_json", BIND_NAME_STATIC},
    {"fcr_event_get_bool", "Event", "get_bool", BIND_NAME_METHOD},
    {"fcr_event_get_time_field", "Event", "get_time", BIND_NAME_METHOD},
    {"fcr_event_new", "Event", NULL, BIND_NAME_CONSTRUCTOR},
    {"fcr_event_set_bool", "Event", "set_bool", BIND_NAME_METHOD},
    {"fcr_event_set_concern", "Event", "concern", BIND_NAME_ATTRIBUTE},
    {"fcr_event_set_string", "Event", "set_string", BIND_NAME_METHOD},
    {"fcr_event_set_time", "Event", "set_time", BIND_NAME_METHOD},
    {"fcr_event_type_from_name", "Event", NULL, BIND_NAME_CONSTRUCTOR},
    {"fcr_guidance_new", "Call", "guidance", BIND_NAME_METHOD},
    {"fcr_metrics_add_call", "Metrics", "add_call", BIND_NAME_METHOD},
    {"fcr_metrics_add_contact", "Metrics", "add_contact", BIND_NAME_METHOD},
    {"fcr_metrics_finish", "Metrics", "finish", BIND_NAME_METHOD},
    {"fcr_metrics_new", "Metrics", NULL, BIND_NAME_CONSTRUCTOR},
    {"fcr_metrics_set_breakdown", "Metrics", "set_breakdown", BIND_NAME_METHOD},
    {"fcr_metrics_set_category_match", "Metrics", "set_category_match", BIND_NAME_METHOD},
    {"fcr_metrics_set_category_window", "Metrics", "set_category_window", BIND_NAME_METHOD},
    {"fcr_metrics_set_data_end", "Metrics", "set_data_end", BIND_NAME_METHOD},
    {"fcr_metrics_set_order", "Metrics", "set_order", BIND_NAME_METHOD},
    {"fcr_metrics_set_result_callback", "Metrics", "keep_results", BIND_NAME_METHOD},
    {"fcr_metrics_set_transfer_gap", "Metrics", "set_transfer_gap", BIND_NAME_METHOD},
    {"fcr_metrics_set_window", "Metrics", "set_window", BIND_NAME_METHOD},
    {"fcr_metrics_write", "Metrics", "write", BIND_NAME_METHOD},
    {"fcr_note_write", "Call", "note", BIND_NAME_METHOD},
    {"fcr_policy_due_time", "Policy", "due_time", BIND_NAME_METHOD},
    {"fcr_policy_load", "Policy", "load", BIND_NAME_STATIC},
    {"fcr_policy_load_file", "Policy", "load_file", BIND_NAME_STATIC},
    {"fcr_policy_new", "Policy", NULL, BIND_NAME_CONSTRUCTOR},
    {"fcr_policy_set_phrases", "Policy", "set_phrases", BIND_NAME_METHOD},
    {"fcr_policy_to_json", "Policy", "to_json", BIND_NAME_METHOD},
    {"fcr_reader_new_buffer", "Reader", "from_string", BIND_NAME_STATIC},
    {"fcr_reader_new_file", "Reader", NULL, BIND_NAME_CONSTRUCTOR},
    {"fcr_reader_next", "Reader", "next", BIND_NAME_METHOD},
    {"fcr_reader_set_limit", "Reader", "set_limit", BIND_NAME_METHOD},
    {"fcr_reader_set_mode", "Reader", NULL, BIND_NAME_CONSTRUCTOR},
    {"fcr_reader_set_strict", "Reader", NULL, BIND_NAME_CONSTRUCTOR},
    {"fcr_recap_write", "Call", "recap", BIND_NAME_METHOD},
    {"fcr_rules_load", "Rules", "load", BIND_NAME_STATIC},
    {"fcr_rules_load_file", "Rules", "load_file", BIND_NAME_STATIC},
    {"fcr_rules_new", "Rules", NULL, BIND_NAME_CONSTRUCTOR},
    {"fcr_scorecard_new", "Call", "score", BIND_NAME_METHOD},
    {"fcr_scorecard_override", "Scorecard", "override", BIND_NAME_METHOD},
    {"fcr_scorecard_write", "Scorecard", "write", BIND_NAME_METHOD},
    {"fcr_time_format", NULL, "format_time", BIND_NAME_FUNCTION},
    {"fcr_time_parse", NULL, "parse_time", BIND_NAME_FUNCTION},
    {"fcr_transcript_add_turn", "Transcript", "add_turn", BIND_NAME_METHOD},
    {"fcr_transcript_list_load", "Transcript", "load", BIND_NAME_STATIC},
    {"fcr_transcript_list_load_file", "Transcript", "load_file", BIND_NAME_STATIC},
    {"fcr_transcript_load_textgrid", "Transcript", "load_textgrid", BIND_NAME_STATIC},
    {"fcr_transcript_load_textgrid_files", "Transcript", "load_textgrid_files", BIND_NAME_STATIC},
    {"fcr_transcript_new", "Transcript", NULL, BIND_NAME_CONSTRUCTOR},
    {"fcr_transcript_set_agent", "Transcript", "set_agent", BIND_NAME_METHOD},
    {"fcr_transcript_set_started_at", "Transcript", "set_started_at", BIND_NAME_METHOD},
    {"fcr_transcript_to_json", "Transcript", "to_json", BIND_NAME_METHOD},
};

static const bind_c_name *bind_c_name_find(const char *name, size_t length)
{
    for (size_t i = 0; i < BIND_COUNT_OF(bind_c_names); i++) {
        const char *c_name = bind_c_names[i].c_name;
        if (strlen(c_name) == length && memcmp(c_name, name, length) == 0)
            return &bind_c_names[i];
    }
    return NULL;
}

/* Writes the binding's name of `entry`, in the including language's form
 * (BIND_METHOD_SEPARATOR and BIND_CLASS_PREFIX), and returns its length
 * as snprintf() does. */
static int bind_c_name_write(char *out, size_t size, const bind_c_name *entry)
{
    switch (entry->kind) {
    case BIND_NAME_METHOD:
        return snprintf(out, size, "%s%s%s()", entry->class_name, BIND_METHOD_SEPARATOR,
                        entry->member);
    case BIND_NAME_STATIC:
        return snprintf(out, size, "%s%s.%s()", BIND_CLASS_PREFIX, entry->class_name,
                        entry->member);
    case BIND_NAME_CONSTRUCTOR:
        return snprintf(out, size, "%s%s()", BIND_CLASS_PREFIX, entry->class_name);
    case BIND_NAME_ATTRIBUTE:
        return snprintf(out, size, "%s.%s", entry->class_name, entry->member);
    case BIND_NAME_FUNCTION:
        break;
    }
    return snprintf(out, size, "fcr.%s()", entry->member);
}

static bool bind_is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Copies `message` into `out`, replacing each C function name of
 * bind_c_names with the binding's name; the "()" that follows a C name is
 * dropped, because the binding's name brings its own. Names not in the
 * table, such as libfcr's internal fcr__ functions, stay as they are. */
static void bind_rename_functions(char *out, size_t size, const char *message)
{
    size_t used = 0;
    const char *at = message;
    while (*at != '\0' && used + 1 < size) {
        bool starts_name = (at == message || !bind_is_name_char(at[-1])) &&
                           strncmp(at, "fcr_", 4) == 0;
        const bind_c_name *entry = NULL;
        size_t length = 0;
        if (starts_name) {
            while (bind_is_name_char(at[length]))
                length++;
            entry = bind_c_name_find(at, length);
        }
        if (entry == NULL) {
            out[used++] = *at++;
            continue;
        }
        int written = bind_c_name_write(out + used, size - used, entry);
        if (written < 0 || (size_t)written >= size - used) {
            used = size - 1;
            break;
        }
        used += (size_t)written;
        at += length;
        if (strncmp(at, "()", 2) == 0)
            at += 2;
    }
    out[used] = '\0';
}

/* Copies the library's detail for `status` into `failure`, with the C
 * function names it contains renamed for the binding. The detail is used
 * only when the library recorded it for this status, which keeps a stale
 * message of another status out; otherwise the status name is. */
static void bind_capture(bind_failure *failure, int status)
{
    failure->status = status;
    failure->line = 0;
    failure->column = 0;
    failure->field[0] = '\0';

    const char *message = fcr_last_error();
    if ((int)fcr_last_error_status() != status || message[0] == '\0') {
        snprintf(failure->message, sizeof failure->message, "%s", fcr_strerror(status));
        return;
    }
    bind_rename_functions(failure->message, sizeof failure->message, message);
    snprintf(failure->field, sizeof failure->field, "%s", fcr_last_error_field());
    failure->line = fcr_last_error_line();
    failure->column = fcr_last_error_column();
}

/* Returns true for FCR_OK; otherwise records the failure as pending. */
static bool bind_ok(int status)
{
    if (status == FCR_OK)
        return true;
    bind_capture(&bind_pending, status);
    return false;
}

/* Records a failure that the binding itself detected, with its own message. */
static void bind_fail(int status, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    bind_pending.status = status;
    bind_pending.line = 0;
    bind_pending.column = 0;
    bind_pending.field[0] = '\0';
    vsnprintf(bind_pending.message, sizeof bind_pending.message, format, args);
    va_end(args);
}

static void bind_fail_nomem(void)
{
    bind_fail(FCR_ENOMEM, "out of memory");
}

static void bind_fail_closed(const char *class_name)
{
    bind_fail(FCR_ESTATE, "the %s is closed; it cannot be used after close()", class_name);
}

/* ---- Error kinds ------------------------------------------------------- */

/* The one table that maps statuses to error kinds. Python builds one
 * exception class per row; Lua puts the kind in its error objects. */
typedef struct bind_kind {
    int status;
    const char *kind;       /* Lua: err.kind */
    const char *class_name; /* Python: fcr.<class_name> */
    const char *doc;
} bind_kind;

static const bind_kind bind_kinds[] = {
    {FCR_EINVAL, "invalid_argument", "InvalidArgumentError",
     "An argument is invalid: out of range, an unknown name, or text that is not valid UTF-8."},
    {FCR_ENOMEM, "out_of_memory", "OutOfMemoryError",
     "Memory allocation failed. Nothing was changed."},
    {FCR_EPARSE, "parse", "ParseError",
     "Input text is malformed: JSON, time syntax or UTF-8."},
    {FCR_ERECORD, "record", "RecordError",
     "Input is well-formed but not a valid record: a field is missing, has the wrong type or "
     "refers to something unknown."},
    {FCR_EWORKFLOW, "workflow", "WorkflowError",
     "Live mode: a workflow guard rejected the event. The call is unchanged and the message "
     "lists what is missing."},
    {FCR_ESTATE, "state", "StateError",
     "The operation is not allowed in the object's current state, such as a closed handle or "
     "a policy already used by a call."},
    {FCR_ENOTFOUND, "not_found", "NotFoundError",
     "A named item (category, role, target, event type, field, time zone) does not exist."},
    {FCR_ELIMIT, "limit", "LimitError",
     "Input exceeds a limit: string length, events per call, nesting or record size."},
    {FCR_EIO, "file", "FileError", "Reading or writing a file failed."},
    {FCR_EVERSION, "version", "VersionError",
     "The input uses a format version this library does not support."},
};

#define BIND_KIND_COUNT (sizeof bind_kinds / sizeof bind_kinds[0])

/* Kind of statuses this binding does not know yet (newer library). */
static const bind_kind bind_kind_other = {0, "error", "Error", "Base class of libfcr errors."};

static const bind_kind *bind_kind_of(int status)
{
    for (size_t i = 0; i < BIND_KIND_COUNT; i++) {
        if (bind_kinds[i].status == status)
            return &bind_kinds[i];
    }
    return &bind_kind_other;
}

/* ---- Names of enum values ---------------------------------------------- */

static const char *const bind_mode_names[] = {"live", "replay"};
static const char *const bind_direction_names[] = {"inbound", "outbound"};
static const char *const bind_caller_role_names[] = {"patient", "proxy", "other"};
static const char *const bind_note_format_names[] = {"text", "line", "json", "fhir"};
static const char *const bind_profile_names[] = {"chart", "qa"};
static const char *const bind_scorecard_format_names[] = {"text", "json", "csv"};
static const char *const bind_limit_names[] = {"depth", "string_bytes", "record_bytes", "events"};
static const char *const bind_policy_kind_names[] = {"category", "role", "target", "identifier_type"};

/* Finds `name` in `names` and stores its index. On failure records
 * FCR_EINVAL with a message that lists the accepted names. */
static bool bind_lookup(int *out, const char *const *names, size_t count, const char *name,
                        const char *what)
{
    if (name != NULL) {
        for (size_t i = 0; i < count; i++) {
            if (strcmp(names[i], name) == 0) {
                *out = (int)i;
                return true;
            }
        }
    }

    char accepted[256] = "";
    size_t used = 0;
    for (size_t i = 0; i < count && used < sizeof accepted; i++) {
        int written = snprintf(accepted + used, sizeof accepted - used, "%s%s",
                               i == 0 ? "" : ", ", names[i]);
        if (written < 0)
            break;
        used += (size_t)written;
    }
    if (name == NULL)
        bind_fail(FCR_EINVAL, "missing %s; use one of %s", what, accepted);
    else
        bind_fail(FCR_EINVAL, "unknown %s '%.64s'; use one of %s", what, name, accepted);
    return false;
}

/* Steps and results are looked up through the library's own names, so that
 * a value added by a later libfcr is accepted without a binding change. */
static bool bind_step_from_name(fcr_step *out, const char *name)
{
    const char *names[8];
    size_t count = 0;
    while (count < BIND_COUNT_OF(names) && fcr_step_name((fcr_step)count) != NULL) {
        names[count] = fcr_step_name((fcr_step)count);
        count++;
    }
    int index = 0;
    if (!bind_lookup(&index, names, count, name, "step"))
        return false;
    *out = (fcr_step)index;
    return true;
}

static bool bind_result_from_name(fcr_result *out, const char *name)
{
    const char *names[8];
    size_t count = 0;
    while (count < BIND_COUNT_OF(names) && fcr_result_name((fcr_result)count) != NULL) {
        names[count] = fcr_result_name((fcr_result)count);
        count++;
    }
    int index = 0;
    if (!bind_lookup(&index, names, count, name, "result"))
        return false;
    *out = (fcr_result)index;
    return true;
}

static bool bind_item_from_id(fcr_item *out, const char *id)
{
    if (id == NULL) {
        bind_fail(FCR_EINVAL, "missing checklist item id");
        return false;
    }
    return bind_ok(fcr_item_from_id(out, id));
}

/* ---- Memory helpers ----------------------------------------------------- */

/* The binding's own allocations (boxes, snapshots, list arrays) use the C
 * library's malloc and free. Strings that libfcr allocates are never freed
 * here: they go back through fcr_free(). */
static void *bind_calloc(size_t count, size_t size)
{
    void *memory = calloc(count == 0 ? 1 : count, size);
    if (memory == NULL)
        bind_fail_nomem();
    return memory;
}

/* Copies a string that the library owns, so that a snapshot outlives its
 * handle. NULL stays NULL; `*ok` turns false when the copy fails. */
static char *bind_strdup(const char *text, bool *ok)
{
    if (text == NULL)
        return NULL;
    size_t length = strlen(text);
    char *copy = malloc(length + 1);
    if (copy == NULL) {
        bind_fail_nomem();
        *ok = false;
        return NULL;
    }
    memcpy(copy, text, length + 1);
    return copy;
}

static char *bind_time_text(fcr_time time, char *buffer, size_t size)
{
    if (time == FCR_TIME_NONE || fcr_time_format(buffer, size, time) != FCR_OK)
        snprintf(buffer, size, "%s", BIND_NONE_TEXT);
    return buffer;
}

/* ---- Lists --------------------------------------------------------------- */

/* A list of strings borrowed from a live handle. The language typemap
 * copies each string into the host and frees `items`. */
typedef struct bind_strings {
    size_t count;
    const char **items;
} bind_strings;

/* A list of event indexes. The typemap frees `items`. */
typedef struct bind_indexes {
    size_t count;
    size_t *items;
} bind_indexes;

/* A list of new objects. The typemap wraps each item as an owned host
 * object, frees `items`, and frees with `free_item` any item it could not
 * wrap. */
typedef struct bind_objects {
    size_t count;
    void **items;
    void (*free_item)(void *item);
} bind_objects;

static bind_strings bind_strings_new(size_t count)
{
    bind_strings list = {0, NULL};
    list.items = bind_calloc(count, sizeof *list.items);
    if (list.items != NULL)
        list.count = count;
    return list;
}

static bind_objects bind_objects_new(size_t count, void (*free_item)(void *))
{
    bind_objects list = {0, NULL, free_item};
    list.items = bind_calloc(count, sizeof *list.items);
    return list;
}

/* Frees the items of a list whose building failed part-way. */
static void bind_objects_discard(bind_objects *list)
{
    for (size_t i = 0; i < list->count; i++)
        list->free_item(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = 0;
}
%}

/* Strings that libfcr allocates for the caller go back through fcr_free(),
 * never SWIG's default free(): a host allocator set with fcr_set_allocator()
 * may have made them. Every %newobject char * in the interface is such a
 * string, and SWIG copies it into the host before this runs. */
%typemap(newfree) char * "fcr_free($1);";

/* ---- Error raising, in one place ------------------------------------------ */

%exception {
    bind_pending.status = FCR_OK;
    $action
    if (bind_pending.status != FCR_OK) {
        BIND_RAISE_PENDING();
        SWIG_fail;
    }
}

/* Types that the language files map to host values. */
typedef long long fcr_time;
typedef int bind_tristate;  /* -1 unknown or absent (None/nil), 0 false, 1 true */
typedef size_t bind_index;  /* SIZE_MAX means none (None/nil) */
typedef double bind_rate;   /* negative means none (None/nil) */
typedef struct bind_strings bind_strings;
typedef struct bind_indexes bind_indexes;
typedef struct bind_objects bind_concern_list;
typedef struct bind_objects bind_deviation_list;
typedef struct bind_objects bind_event_list;
typedef struct bind_objects bind_item_list;
typedef struct bind_objects bind_missing_list;
typedef struct bind_objects bind_metrics_group_list;
typedef struct bind_objects bind_transcript_list;
typedef struct bind_objects bind_turn_list;
typedef struct bind_objects bind_contact_result_list;

%{
typedef int bind_tristate;
typedef size_t bind_index;
typedef double bind_rate;
typedef bind_objects bind_concern_list;
typedef bind_objects bind_deviation_list;
typedef bind_objects bind_event_list;
typedef bind_objects bind_item_list;
typedef bind_objects bind_missing_list;
typedef bind_objects bind_metrics_group_list;
typedef bind_objects bind_transcript_list;
typedef bind_objects bind_turn_list;
typedef bind_objects bind_contact_result_list;
%}

%nodefaultctor;
%nodefaultdtor;
%feature("compactdefaultargs");
%immutable;

/* ---- Module functions ------------------------------------------------------ */

%{
static const char *bind_version(void)
{
    return fcr_version(NULL, NULL, NULL);
}

static long long bind_parse_time(const char *text)
{
    fcr_time time = 0;
    if (text == NULL) {
        bind_fail(FCR_EINVAL, "missing time text");
        return 0;
    }
    if (!bind_ok(fcr_time_parse(&time, text)))
        return 0;
    return (long long)time;
}

static const char *bind_format_time(fcr_time at)
{
    static _Thread_local char text[FCR_TIME_TEXT_SIZE];
    if (!bind_ok(fcr_time_format(text, sizeof text, at)))
        return NULL;
    return text;
}

static const char *bind_step_title(const char *step)
{
    fcr_step value = FCR_STEP_CLARIFY;
    if (!bind_step_from_name(&value, step))
        return NULL;
    return fcr_step_title(value);
}

static bind_strings bind_steps(void)
{
    size_t count = 0;
    while (fcr_step_name((fcr_step)count) != NULL)
        count++;
    bind_strings list = bind_strings_new(count);
    for (size_t i = 0; i < list.count; i++)
        list.items[i] = fcr_step_name((fcr_step)i);
    return list;
}

static const char *bind_item_title(const char *item)
{
    fcr_item value = FCR_ITEM_OPEN_QUESTIONS;
    if (!bind_item_from_id(&value, item))
        return NULL;
    return fcr_item_title(value);
}

static bind_strings bind_item_ids(void)
{
    bind_strings list = bind_strings_new(FCR_ITEM_COUNT);
    for (size_t i = 0; i < list.count; i++)
        list.items[i] = fcr_item_id((fcr_item)i);
    return list;
}

static bind_strings bind_event_types(void)
{
    size_t count = 0;
    while (fcr_event_type_name((fcr_event_type)(count + 1)) != NULL)
        count++;
    bind_strings list = bind_strings_new(count);
    for (size_t i = 0; i < list.count; i++)
        list.items[i] = fcr_event_type_name((fcr_event_type)(i + 1));
    return list;
}

static const char *bind_scorecard_csv_header(void)
{
    return fcr_scorecard_csv_header();
}
%}

%rename(version) bind_version;
%rename(parse_time) bind_parse_time;
%rename(format_time) bind_format_time;
%rename(step_title) bind_step_title;
%rename(steps) bind_steps;
%rename(item_title) bind_item_title;
%rename(item_ids) bind_item_ids;
%rename(event_types) bind_event_types;
%rename(scorecard_csv_header) bind_scorecard_csv_header;

/* Returns the version of the libfcr that is running, "MAJOR.MINOR.PATCH". */
const char *bind_version(void);
/* Parses RFC 3339 text into milliseconds since the Unix epoch. */
long long bind_parse_time(const char *text);
/* Formats an instant as RFC 3339 UTC text, such as "2026-11-10T14:02:00Z". */
const char *bind_format_time(fcr_time at);
/* Returns the title of a workflow step, such as "Check resolution authority". */
const char *bind_step_title(const char *step);
/* Returns the ids of the workflow steps, in order. */
bind_strings bind_steps(void);
/* Returns the checklist wording of an item, such as "Verified patient identifying details". */
const char *bind_item_title(const char *item);
/* Returns the ids of the checklist items, in checklist order. */
bind_strings bind_item_ids(void);
/* Returns the JSON names of the event types. */
bind_strings bind_event_types(void);
/* Returns the CSV header line that matches Scorecard.write("csv") rows. */
const char *bind_scorecard_csv_header(void);
