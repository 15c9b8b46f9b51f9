/* SPDX-License-Identifier: MIT */
/*
 * Part of fcr.i: Reader, which streams call records from a file or a
 * string, and ScoreBatch, which scores many records in one call without
 * the host's lock (Python releases the GIL around Reader.next() and
 * Reader.score_batch()).
 */

%{
struct bind_reader {
    fcr_reader *handle;
    char *buffer;          /* the records of a reader over a string, owned */
    atomic_int busy;       /* set while next() or score_batch() runs */
    bool ended;
};

typedef struct bind_batch_entry {
    fcr_scorecard *scorecard; /* NULL after a failure or once taken */
    bind_failure failure;     /* status FCR_OK unless the record failed */
    bool taken;
} bind_batch_entry;

struct bind_batch {
    size_t count;
    bind_batch_entry *entries;
};

/* Upper bound for one batch, so that a typo cannot request gigabytes. */
#define BIND_BATCH_MAX 10000

static bool bind_reader_enter(bind_reader *reader)
{
    if (reader == NULL || reader->handle == NULL) {
        bind_fail_closed("Reader");
        return false;
    }
    if (atomic_exchange(&reader->busy, 1) != 0) {
        bind_fail(FCR_ESTATE, "the Reader is in use by another thread; use one Reader per thread");
        return false;
    }
    return true;
}

static void bind_reader_leave(bind_reader *reader)
{
    atomic_store(&reader->busy, 0);
}

/* Reads the next call: 1 with `*out` set, 0 at the end, -1 on a failure
 * stored in `failure`.
 *
 * libfcr skips a record with invalid content and goes on with the next
 * one, but after malformed JSON or a read failure it stops. The failure
 * that stopped it is reported once and the reading then ends, so that
 * loops that go on after a failure still finish. */
static int bind_reader_step(bind_reader *reader, fcr_call **out, bind_failure *failure)
{
    *out = NULL;
    if (reader->ended)
        return 0;

    fcr_status status = fcr_reader_next(reader->handle, out);
    if (status == FCR_OK) {
        if (*out == NULL)
            reader->ended = true;
        return *out != NULL;
    }

    bind_capture(failure, status);
    if (fcr_reader_stopped(reader->handle))
        reader->ended = true;
    return -1;
}

static void bind_batch_free(bind_batch *batch)
{
    if (batch == NULL)
        return;
    for (size_t i = 0; i < batch->count; i++)
        fcr_scorecard_free(batch->entries[i].scorecard);
    free(batch->entries);
    free(batch);
}

/* Boxes a new reader after setting its mode and strictness. On a failure
 * it frees `handle` and `buffer` and returns NULL. */
static bind_reader *bind_reader_open(fcr_reader *handle, char *buffer, const char *mode,
                                     bool strict)
{
    int mode_value = 0;
    bind_reader *box = NULL;
    if (handle != NULL &&
        bind_lookup(&mode_value, bind_mode_names, BIND_COUNT_OF(bind_mode_names), mode, "mode") &&
        bind_ok(fcr_reader_set_mode(handle, (fcr_mode)mode_value)) &&
        bind_ok(fcr_reader_set_strict(handle, strict ? 1 : 0)))
        box = bind_calloc(1, sizeof *box);
    if (box == NULL) {
        fcr_reader_free(handle);
        free(buffer);
        return NULL;
    }
    box->handle = handle;
    box->buffer = buffer;
    atomic_init(&box->busy, 0);
    return box;
}

static size_t bind_reader_record_get(bind_reader *self)
{
    BIND_OPEN(self, "Reader", 0);
    return fcr_reader_record(self->handle);
}

static size_t bind_reader_line_get(bind_reader *self)
{
    BIND_OPEN(self, "Reader", 0);
    return fcr_reader_line(self->handle);
}
%}

%define BIND_READER_EXCEPTION(method)
%exception bind_reader::method {
    bind_pending.status = FCR_OK;
    if (!bind_reader_enter(arg1)) {
        BIND_RAISE_PENDING();
        SWIG_fail;
    }
    $action
    bind_reader_leave(arg1);
    if (bind_pending.status != FCR_OK) {
        BIND_RAISE_PENDING();
        SWIG_fail;
    }
}
%enddef

BIND_READER_EXCEPTION(next)
BIND_READER_EXCEPTION(score_batch)

/* ---- ScoreBatch ------------------------------------------------------------- */

%rename(ScoreBatch) bind_batch;
typedef struct bind_batch {} bind_batch;

%newobject bind_batch::take;

%{
static size_t bind_batch_count_get(bind_batch *self)
{
    return self->count;
}
%}

%extend bind_batch {
    /* The number of records read, scored or failed. */
    size_t count;

    ~bind_batch() { bind_batch_free($self); }

    /* Returns the scorecard of entry `index`, or raises the error of a
     * record that could not be read. Each entry can be taken once. */
    bind_scorecard *take(size_t index) {
        if (index >= $self->count) {
            bind_fail(FCR_EINVAL, "entry %zu is out of range; the batch has %zu entries", index,
                      $self->count);
            return NULL;
        }
        bind_batch_entry *entry = &$self->entries[index];
        if (entry->taken) {
            bind_fail(FCR_ESTATE, "entry %zu of the batch was already taken", index);
            return NULL;
        }
        entry->taken = true;
        if (entry->failure.status != FCR_OK) {
            bind_pending = entry->failure;
            return NULL;
        }
        fcr_scorecard *scorecard = entry->scorecard;
        entry->scorecard = NULL;
        return bind_scorecard_box(scorecard);
    }

    const char *__repr__() {
        snprintf(bind_repr_text, sizeof bind_repr_text, "<fcr.ScoreBatch count=%zu>", $self->count);
        return bind_repr_text;
    }
}

/* ---- Reader ------------------------------------------------------------------- */

%rename(Reader) bind_reader;
typedef struct bind_reader {} bind_reader;

%newobject bind_reader::from_string;
%newobject bind_reader::next;
%newobject bind_reader::score_batch;

%extend bind_reader {
    /* The 1-based number of the record last read or rejected. */
    size_t record;
    /* The line on which that record starts. */
    size_t line;

    /* Opens a reader over a file of call records: JSON Lines or documents
     * one after another. A strict reader rejects fields that fcr.call/1
     * does not define. */
    bind_reader(const char *path, bind_policy *policy = NULL, const char *mode = "replay",
                bool strict = false) {
        fcr_policy *owned = NULL;
        fcr_reader *reader = NULL;
        fcr_policy *use = bind_policy_or_default(policy, &owned);
        if (use == NULL)
            return NULL;
        fcr_status status = fcr_reader_new_file(&reader, use, path);
        fcr_policy_free(owned);
        if (!bind_ok(status))
            return NULL;
        return bind_reader_open(reader, NULL, mode, strict);
    }

    ~bind_reader() {
        fcr_reader_free($self->handle);
        free($self->buffer);
        free($self);
    }

    /* Opens a reader over records in a string, which is copied. */
    static bind_reader *from_string(const char *text, size_t length, bind_policy *policy = NULL,
                                    const char *mode = "replay", const char *name = NULL,
                                    bool strict = false) {
        fcr_policy *owned = NULL;
        fcr_reader *reader = NULL;
        char *buffer = bind_calloc(length + 1, 1);
        if (buffer == NULL)
            return NULL;
        memcpy(buffer, text, length);
        fcr_policy *use = bind_policy_or_default(policy, &owned);
        if (use == NULL) {
            free(buffer);
            return NULL;
        }
        fcr_status status = fcr_reader_new_buffer(&reader, use, buffer, length, name);
        fcr_policy_free(owned);
        if (!bind_ok(status)) {
            free(buffer);
            return NULL;
        }
        return bind_reader_open(reader, buffer, mode, strict);
    }

    /* Closes the file. Closing twice does nothing. */
    void close() {
        if (atomic_load(&$self->busy) != 0) {
            bind_fail(FCR_ESTATE, "the Reader is in use by another thread and cannot be closed now");
            return;
        }
        fcr_reader_free($self->handle);
        $self->handle = NULL;
        free($self->buffer);
        $self->buffer = NULL;
    }

    bool closed() { return $self->handle == NULL; }

    /* Changes a limit before the first record is read: "depth",
     * "string_bytes", "record_bytes" or "events". */
    void set_limit(const char *limit, size_t value) {
        int which = 0;
        BIND_OPEN($self, "Reader", );
        if (bind_lookup(&which, bind_limit_names, BIND_COUNT_OF(bind_limit_names), limit, "limit"))
            bind_ok(fcr_reader_set_limit($self->handle, (fcr_limit)which, value));
    }

    /* Reads the next call, or returns none at the end. A record that
     * cannot be read raises; the next call goes on with the following
     * record, unless the failure stopped the reader, which then ends. */
    bind_call *next() {
        fcr_call *call = NULL;
        int step = bind_reader_step($self, &call, &bind_pending);
        if (step <= 0)
            return NULL;
        return bind_call_box(call);
    }

    /* Reads and scores up to `max_records` records. */
    bind_batch *score_batch(size_t max_records = 256) {
        if (max_records == 0 || max_records > BIND_BATCH_MAX) {
            bind_fail(FCR_EINVAL, "max_records must be 1 to %d", BIND_BATCH_MAX);
            return NULL;
        }
        bind_batch *batch = bind_calloc(1, sizeof *batch);
        if (batch == NULL)
            return NULL;
        batch->entries = bind_calloc(max_records, sizeof *batch->entries);
        if (batch->entries == NULL) {
            free(batch);
            return NULL;
        }

        while (batch->count < max_records) {
            bind_batch_entry *entry = &batch->entries[batch->count];
            fcr_call *call = NULL;
            int step = bind_reader_step($self, &call, &entry->failure);
            if (step == 0)
                break;
            batch->count++;
            if (step < 0)
                continue;
            fcr_status status = fcr_scorecard_new(&entry->scorecard, call);
            fcr_call_free(call);
            if (status != FCR_OK)
                bind_capture(&entry->failure, status);
        }
        return batch;
    }

    const char *__repr__() {
        if ($self->handle == NULL)
            return "<fcr.Reader closed>";
        snprintf(bind_repr_text, sizeof bind_repr_text, "<fcr.Reader record=%zu line=%zu>",
                 fcr_reader_record($self->handle), fcr_reader_line($self->handle));
        return bind_repr_text;
    }
}
