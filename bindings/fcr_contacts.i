/* SPDX-License-Identifier: MIT */
/*
 * Part of fcr.i: ContactReader, which reads a CSV contact log into Contact
 * snapshots or straight into a Metrics, and the per-contact results of an
 * analysis, collected by the result callback of fcr/metrics.h into
 * ContactResult snapshots. Python releases the GIL around
 * ContactReader.feed() and Metrics.finish().
 */

%{
/* ---- Per-contact results ------------------------------------------------ */

static void bind_result_store_free(bind_result_store *store)
{
    if (store == NULL)
        return;
    for (size_t i = 0; i < store->count; i++)
        bind_contact_result_free(store->items[i]);
    free(store->items);
    free(store);
}

/* Like bind_ok(), but reports FCR_ENOMEM when the result callback stopped
 * the analysis because a copy could not be allocated: libfcr reports any
 * stop by its callback as FCR_EIO. */
static bool bind_metrics_ok(bind_metrics *metrics, fcr_status status)
{
    if (status == FCR_EIO && metrics->results != NULL && metrics->results->out_of_memory) {
        bind_fail(FCR_ENOMEM, "out of memory while keeping the contacts' results; the analysis "
                              "stopped");
        return false;
    }
    return bind_ok(status);
}
%}

%rename(ContactResult) bind_contact_result;

%inline %{
/* A copy of one contact's result, made when the result became final. */
struct bind_contact_result {
    char *id;
    fcr_time at;
    const char *result;
    const char *exclusion;
    char *repeat_id;
    char *merged_into;
    bool is_repeat;
    fcr_time window_end;
    char *category;
    char *agent;
    char *target;
    const char *outcome;
};
%}

%{
static void bind_contact_result_free(void *item)
{
    bind_contact_result *result = item;
    if (result == NULL)
        return;
    free(result->id);
    free(result->repeat_id);
    free(result->merged_into);
    free(result->category);
    free(result->agent);
    free(result->target);
    free(result);
}

/* Copies a result without recording a failure: it runs inside libfcr,
 * which reports the stop itself. */
static bind_contact_result *bind_contact_result_copy(const fcr_contact_result *source)
{
    bind_contact_result *copy = calloc(1, sizeof *copy);
    if (copy == NULL)
        return NULL;
    const char *texts[] = {
        fcr_contact_result_id(source),       fcr_contact_result_repeat_id(source),
        fcr_contact_result_merged_into(source), fcr_contact_result_category(source),
        fcr_contact_result_agent(source),    fcr_contact_result_target(source),
    };
    char **fields[] = {&copy->id, &copy->repeat_id, &copy->merged_into,
                       &copy->category, &copy->agent, &copy->target};
    bool ok = true;
    for (size_t i = 0; i < BIND_COUNT_OF(fields); i++) {
        /* libfcr returns "" for a missing category, agent or target, which
         * the binding shows as None or nil, as Contact does. */
        if (texts[i] == NULL || texts[i][0] == '\0')
            continue;
        *fields[i] = malloc(strlen(texts[i]) + 1);
        if (*fields[i] == NULL)
            ok = false;
        else
            strcpy(*fields[i], texts[i]);
    }
    copy->at = fcr_contact_result_at(source);
    copy->result = fcr_contact_status_name(fcr_contact_result_status(source));
    copy->exclusion = fcr_exclusion_name(fcr_contact_result_exclusion(source));
    copy->is_repeat = fcr_contact_result_is_repeat(source) != 0;
    copy->window_end = fcr_contact_result_window_end(source);
    copy->outcome = fcr_outcome_name(fcr_contact_result_outcome(source));
    if (!ok) {
        bind_contact_result_free(copy);
        return NULL;
    }
    return copy;
}

/* The result callback: appends a copy of each result to the store. */
static int bind_keep_result(void *userdata, const fcr_contact_result *result)
{
    bind_result_store *store = userdata;
    if (store->count == store->capacity) {
        size_t capacity = store->capacity == 0 ? 64 : store->capacity * 2;
        bind_contact_result **items = realloc(store->items, capacity * sizeof *items);
        if (items == NULL) {
            store->out_of_memory = true;
            return 1;
        }
        store->items = items;
        store->capacity = capacity;
    }
    bind_contact_result *copy = bind_contact_result_copy(result);
    if (copy == NULL) {
        store->out_of_memory = true;
        return 1;
    }
    store->items[store->count++] = copy;
    return 0;
}
%}

%extend bind_contact_result {
    ~bind_contact_result() { bind_contact_result_free($self); }

    const char *__repr__() {
        char at[FCR_TIME_TEXT_SIZE];
        snprintf(bind_repr_text, sizeof bind_repr_text,
                 "<fcr.ContactResult id=\"%.128s\" at=%s result=%s exclusion=%s repeat_id=%s%.128s%s>",
                 $self->id, bind_time_text($self->at, at, sizeof at), $self->result,
                 $self->exclusion, $self->repeat_id != NULL ? "\"" : "",
                 $self->repeat_id != NULL ? $self->repeat_id : BIND_NONE_TEXT,
                 $self->repeat_id != NULL ? "\"" : "");
        return bind_repr_text;
    }
}

%extend bind_metrics {
    /* Keeps a copy of each contact's result once it is final, for
     * take_results(); false stops keeping them. Only before the first
     * contact. */
    void keep_results(bool keep = true) {
        BIND_OPEN($self, "Metrics", );
        if (!keep) {
            if (bind_ok(fcr_metrics_set_result_callback($self->handle, NULL, NULL))) {
                bind_result_store_free($self->results);
                $self->results = NULL;
            }
            return;
        }
        if ($self->results != NULL)
            return;
        bind_result_store *store = bind_calloc(1, sizeof *store);
        if (store == NULL)
            return;
        if (!bind_ok(fcr_metrics_set_result_callback($self->handle, bind_keep_result, store))) {
            free(store);
            return;
        }
        $self->results = store;
    }

    /* Returns the results kept since the last call, in the order they
     * became final, and forgets them. After finish() these are all the
     * contacts' results not taken before. */
    bind_contact_result_list take_results() {
        bind_objects list = {0, NULL, bind_contact_result_free};
        BIND_OPEN($self, "Metrics", list);
        bind_result_store *store = $self->results;
        if (store == NULL) {
            bind_fail(FCR_ESTATE, "the Metrics does not keep results; call keep_results() before "
                                  "the first contact");
            return list;
        }
        list = bind_objects_new(store->count, bind_contact_result_free);
        if (list.items == NULL)
            return list;
        memcpy(list.items, store->items, store->count * sizeof *list.items);
        list.count = store->count;
        store->count = 0;
        return list;
    }
}

/* ---- Contact snapshots ---------------------------------------------------------- */

%rename(Contact) bind_contact;

%inline %{
/* A copy of one contact read from a CSV contact log. */
struct bind_contact {
    char *id;
    char *caller;
    fcr_time at;
    const char *direction;
    char *category;
    char *agent;
    const char *outcome;
    char *target;
};
%}

%{
static void bind_contact_free(bind_contact *contact)
{
    if (contact == NULL)
        return;
    free(contact->id);
    free(contact->caller);
    free(contact->category);
    free(contact->agent);
    free(contact->target);
    free(contact);
}

static bind_contact *bind_contact_copy(const fcr_contact *source)
{
    bind_contact *copy = bind_calloc(1, sizeof *copy);
    if (copy == NULL)
        return NULL;
    bool ok = true;
    copy->id = bind_strdup(source->id, &ok);
    copy->caller = bind_strdup(source->caller, &ok);
    copy->at = source->at;
    copy->direction = bind_direction_names[source->direction == FCR_DIRECTION_OUTBOUND];
    copy->category = bind_strdup(source->category, &ok);
    copy->agent = bind_strdup(source->agent, &ok);
    copy->outcome = fcr_outcome_name(source->outcome);
    copy->target = bind_strdup(source->target, &ok);
    if (!ok) {
        bind_contact_free(copy);
        return NULL;
    }
    return copy;
}
%}

%extend bind_contact {
    ~bind_contact() { bind_contact_free($self); }

    /* Leaves the caller key out. */
    const char *__repr__() {
        char at[FCR_TIME_TEXT_SIZE];
        snprintf(bind_repr_text, sizeof bind_repr_text,
                 "<fcr.Contact id=\"%.128s\" at=%s direction=%s category=%.64s outcome=%s>",
                 $self->id, bind_time_text($self->at, at, sizeof at), $self->direction,
                 $self->category != NULL ? $self->category : BIND_NONE_TEXT, $self->outcome);
        return bind_repr_text;
    }
}

/* ---- ContactReader -------------------------------------------------------------- */

%{
struct bind_contact_reader {
    fcr_contact_reader *handle;
    char *buffer;          /* the log of a reader over a string, owned */
    atomic_int busy;       /* set while next() or feed() runs */
    bool ended;
    bool failed;           /* the last row read was rejected ... */
    size_t failed_line;    /* ... on this line */
    bool deferred;         /* feed() added rows before a failure, which ... */
    bind_failure deferred_failure; /* ... the next call raises */
};

/* The ids of the contact fields, in the order of fcr_contact_field.
 * NOTE: libfcr has no function that names a field, so this table must
 * follow fcr/metrics.h when a field is added. */
static const char *const bind_contact_field_names[] = {
    "id", "caller", "time", "category", "agent", "direction", "outcome", "target",
};

static bool bind_contact_reader_enter(bind_contact_reader *reader)
{
    if (reader == NULL || reader->handle == NULL) {
        bind_fail_closed("ContactReader");
        return false;
    }
    if (atomic_exchange(&reader->busy, 1) != 0) {
        bind_fail(FCR_ESTATE, "the ContactReader is in use by another thread; use one "
                              "ContactReader per thread");
        return false;
    }
    return true;
}

static void bind_contact_reader_leave(bind_contact_reader *reader)
{
    atomic_store(&reader->busy, 0);
}

/* Reads the next row: 1 with `*out` set, 0 at the end, -1 on a bad row
 * stored in `failure`, which names the line.
 *
 * libfcr goes on with the next row after a bad one, but a missing column,
 * an unterminated quote or a read failure stop it, and it then fails
 * again on the same line. That failure is reported once and the reading
 * then ends, as in `fcr metrics`. */
static int bind_contact_reader_step(bind_contact_reader *reader, const fcr_contact **out,
                                    bind_failure *failure)
{
    *out = NULL;
    if (reader->ended)
        return 0;

    fcr_status status = fcr_contact_reader_next(reader->handle, out);
    size_t line = fcr_contact_reader_line(reader->handle);
    if (status == FCR_OK) {
        reader->failed = false;
        if (*out == NULL)
            reader->ended = true;
        return *out != NULL;
    }

    if (reader->failed && reader->failed_line == line) {
        reader->ended = true;
        return 0;
    }
    bind_capture(failure, status);
    reader->failed = true;
    reader->failed_line = line;
    return -1;
}

/* Raises the failure that feed() kept back, if any. */
static bool bind_contact_reader_raise_deferred(bind_contact_reader *reader)
{
    if (!reader->deferred)
        return false;
    reader->deferred = false;
    bind_pending = reader->deferred_failure;
    return true;
}

static bind_contact_reader *bind_contact_reader_open(fcr_contact_reader *handle, char *buffer)
{
    bind_contact_reader *box = bind_calloc(1, sizeof *box);
    if (box == NULL) {
        fcr_contact_reader_free(handle);
        free(buffer);
        return NULL;
    }
    box->handle = handle;
    box->buffer = buffer;
    atomic_init(&box->busy, 0);
    return box;
}

static size_t bind_contact_reader_line_get(bind_contact_reader *self)
{
    BIND_OPEN(self, "ContactReader", 0);
    return fcr_contact_reader_line(self->handle);
}

/* Checks an optional Policy argument; NULL means UTC for times without an
 * offset. */
static bool bind_policy_usable(bind_policy *policy)
{
    if (policy != NULL && policy->handle == NULL) {
        bind_fail_closed("Policy");
        return false;
    }
    return true;
}
%}

%define BIND_CONTACT_READER_EXCEPTION(method)
%exception bind_contact_reader::method {
    bind_pending.status = FCR_OK;
    if (!bind_contact_reader_enter(arg1)) {
        BIND_RAISE_PENDING();
        SWIG_fail;
    }
    $action
    bind_contact_reader_leave(arg1);
    if (bind_pending.status != FCR_OK) {
        BIND_RAISE_PENDING();
        SWIG_fail;
    }
}
%enddef

BIND_CONTACT_READER_EXCEPTION(next)
BIND_CONTACT_READER_EXCEPTION(feed)

%rename(ContactReader) bind_contact_reader;
typedef struct bind_contact_reader {} bind_contact_reader;

%newobject bind_contact_reader::from_string;
%newobject bind_contact_reader::next;

%extend bind_contact_reader {
    /* The line on which the row last read or rejected starts; 0 before
     * the first row. */
    size_t line;

    /* Opens a CSV contact log. The policy gives the time zone of times
     * without an offset; with none, UTC. */
    bind_contact_reader(const char *path, bind_policy *policy = NULL) {
        fcr_contact_reader *reader = NULL;
        if (!bind_policy_usable(policy))
            return NULL;
        if (!bind_ok(fcr_contact_reader_new_file(&reader, policy != NULL ? policy->handle : NULL,
                                                 path)))
            return NULL;
        return bind_contact_reader_open(reader, NULL);
    }

    ~bind_contact_reader() {
        fcr_contact_reader_free($self->handle);
        free($self->buffer);
        free($self);
    }

    /* Opens a contact log in a string, which is copied. */
    static bind_contact_reader *from_string(const char *text, size_t length,
                                            bind_policy *policy = NULL, const char *name = NULL) {
        fcr_contact_reader *reader = NULL;
        if (!bind_policy_usable(policy))
            return NULL;
        char *buffer = bind_calloc(length + 1, 1);
        if (buffer == NULL)
            return NULL;
        memcpy(buffer, text, length);
        if (!bind_ok(fcr_contact_reader_new_buffer(&reader, policy != NULL ? policy->handle : NULL,
                                                   buffer, length, name))) {
            free(buffer);
            return NULL;
        }
        return bind_contact_reader_open(reader, buffer);
    }

    /* Closes the file. Closing twice does nothing. */
    void close() {
        if (atomic_load(&$self->busy) != 0) {
            bind_fail(FCR_ESTATE, "the ContactReader is in use by another thread and cannot be "
                                  "closed now");
            return;
        }
        fcr_contact_reader_free($self->handle);
        $self->handle = NULL;
        free($self->buffer);
        $self->buffer = NULL;
    }

    bool closed() { return $self->handle == NULL; }

    /* Maps a column, named as in the header line, to a contact field:
     * "id", "caller", "time", "category", "agent", "direction", "outcome"
     * or "target". None unmaps the field. Only before the first row. */
    void map(const char *field, const char *column = NULL) {
        int which = 0;
        BIND_OPEN($self, "ContactReader", );
        if (bind_lookup(&which, bind_contact_field_names, BIND_COUNT_OF(bind_contact_field_names),
                        field, "contact field"))
            bind_ok(fcr_contact_reader_map($self->handle, (fcr_contact_field)which, column));
    }

    /* Sets the time format: "rfc3339" (the default, also none) or a
     * pattern such as "%d-%m-%Y %H:%M". */
    void set_time_format(const char *format = NULL) {
        BIND_OPEN($self, "ContactReader", );
        bind_ok(fcr_contact_reader_set_time_format($self->handle, format));
    }

    /* Sets the time zone of times without an offset: "UTC", "-05:00" or
     * an IANA name such as "America/New_York". */
    void set_time_zone(const char *zone) {
        BIND_OPEN($self, "ContactReader", );
        bind_ok(fcr_contact_reader_set_time_zone($self->handle, zone));
    }

    /* Sets the text that marks a missing value, such as "?"; none removes
     * it. An empty field is always missing. */
    void set_missing(const char *marker = NULL) {
        BIND_OPEN($self, "ContactReader", );
        bind_ok(fcr_contact_reader_set_missing($self->handle, marker));
    }

    /* Reads the next contact, or returns none at the end. A bad row
     * raises with its line; the next call goes on with the following row,
     * unless the failure stopped the reader, which then ends. */
    bind_contact *next() {
        const fcr_contact *contact = NULL;
        if (bind_contact_reader_raise_deferred($self))
            return NULL;
        if (bind_contact_reader_step($self, &contact, &bind_pending) <= 0)
            return NULL;
        return bind_contact_copy(contact);
    }

    /* Reads up to `max_rows` rows and adds their contacts to `metrics`.
     * Returns the number added, 0 at the end. A bad row, or a contact
     * that the analysis rejects, raises with the line; contacts read
     * before it stay added and are counted by this call, and the error
     * comes from the next call when some were. */
    size_t feed(bind_metrics *metrics, size_t max_rows = 256) {
        size_t added = 0;
        if (bind_contact_reader_raise_deferred($self))
            return 0;
        if (metrics == NULL) {
            bind_fail(FCR_EINVAL, "missing metrics");
            return 0;
        }
        BIND_OPEN(metrics, "Metrics", 0);
        if (max_rows == 0 || max_rows > BIND_BATCH_MAX) {
            bind_fail(FCR_EINVAL, "max_rows must be 1 to %d", BIND_BATCH_MAX);
            return 0;
        }

        while (added < max_rows) {
            const fcr_contact *contact = NULL;
            bind_failure failure = {FCR_OK, 0, 0, "", ""};
            int step = bind_contact_reader_step($self, &contact, &failure);
            if (step == 0)
                break;
            if (step > 0) {
                fcr_status status = fcr_metrics_add_contact(metrics->handle, contact);
                bind_pending.status = FCR_OK;
                if (bind_metrics_ok(metrics, status)) {
                    added++;
                    continue;
                }
                failure = bind_pending;
                bind_pending.status = FCR_OK;
                if (failure.line == 0)
                    failure.line = fcr_contact_reader_line($self->handle);
            }
            if (added == 0) {
                bind_pending = failure;
            } else {
                $self->deferred = true;
                $self->deferred_failure = failure;
            }
            break;
        }
        return added;
    }

    const char *__repr__() {
        if ($self->handle == NULL)
            return "<fcr.ContactReader closed>";
        snprintf(bind_repr_text, sizeof bind_repr_text, "<fcr.ContactReader line=%zu>",
                 fcr_contact_reader_line($self->handle));
        return bind_repr_text;
    }
}
