/* SPDX-License-Identifier: MIT */
/*
 * Part of fcr.i: Transcript, the speaker turns of a call read from one of
 * the formats of fcr/transcript.h, with its Turn snapshots; Rules, the
 * evidence rule set; and Call.from_transcript(), which derives a call from
 * them. Python releases the GIL while files are read and calls derived.
 */

%{
/* Size of the start of a JSON input that is searched for the signs of a
 * format, the same amount that `fcr events` reads. */
#define BIND_SNIFF_BYTES 4096

static bind_transcript *bind_transcript_box(fcr_transcript *handle)
{
    bind_transcript *box = bind_calloc(1, sizeof *box);
    if (box == NULL)
        fcr_transcript_free(handle);
    else
        box->handle = handle;
    return box;
}

static bind_rules *bind_rules_box(fcr_rules *handle)
{
    bind_rules *box = bind_calloc(1, sizeof *box);
    if (box == NULL)
        fcr_rules_free(handle);
    else
        box->handle = handle;
    return box;
}

static void bind_transcript_free_item(void *item)
{
    bind_transcript *box = item;
    fcr_transcript_free(box->handle);
    free(box);
}

static bool bind_transcript_format_from_name(fcr_transcript_format *out, const char *name)
{
    const char *names[8];
    size_t count = 0;
    while (count < BIND_COUNT_OF(names) &&
           fcr_transcript_format_name((fcr_transcript_format)count) != NULL) {
        names[count] = fcr_transcript_format_name((fcr_transcript_format)count);
        count++;
    }
    int index = 0;
    if (!bind_lookup(&index, names, count, name, "transcript format"))
        return false;
    *out = (fcr_transcript_format)index;
    return true;
}

static bool bind_turn_role_from_name(fcr_turn_role *out, const char *name)
{
    const char *names[4];
    size_t count = 0;
    while (count < BIND_COUNT_OF(names) && fcr_turn_role_name((fcr_turn_role)count) != NULL) {
        names[count] = fcr_turn_role_name((fcr_turn_role)count);
        count++;
    }
    int index = 0;
    if (!bind_lookup(&index, names, count, name, "turn role"))
        return false;
    *out = (fcr_turn_role)index;
    return true;
}

/* Case-insensitive test of a file name's ending, such as ".TextGrid". */
static bool bind_ends_with(const char *text, const char *suffix)
{
    size_t length = strlen(text);
    size_t suffix_length = strlen(suffix);
    if (length < suffix_length)
        return false;
    for (size_t i = 0; i < suffix_length; i++) {
        char c = text[length - suffix_length + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return false;
    }
    return true;
}

/* Guesses the format of JSON or CSV text from its start, with the same
 * signs as `fcr events`: the format names of fcr.transcript/1, the keys
 * of ABCD and of Contact Lens. Text that starts with neither '{' nor '['
 * is a CSV dialogue set; other JSON is taken as fcr.transcript/1. */
static fcr_transcript_format bind_transcript_sniff(const char *text, size_t length)
{
    char head[BIND_SNIFF_BYTES];
    size_t used = length < sizeof head - 1 ? length : sizeof head - 1;
    memcpy(head, text, used);
    head[used] = '\0';

    const char *start = head;
    if (strncmp(start, "\xEF\xBB\xBF", 3) == 0)
        start += 3;
    while (*start == ' ' || *start == '\t' || *start == '\r' || *start == '\n')
        start++;
    if (strstr(start, "ooTextFile") != NULL)
        return FCR_TRANSCRIPT_TEXTGRID;
    if (*start != '{' && *start != '[' && *start != '\0')
        return FCR_TRANSCRIPT_CSV_DIALOGUE;
    if (strstr(start, "fcr.transcript/") != NULL)
        return FCR_TRANSCRIPT_JSON;
    if (strstr(start, "\"original\"") != NULL || strstr(start, "\"convo_id\"") != NULL)
        return FCR_TRANSCRIPT_ABCD;
    if (strstr(start, "\"Participants\"") != NULL || strstr(start, "\"Segments\"") != NULL ||
        strstr(start, "\"Transcript\"") != NULL || strstr(start, "\"Channel\"") != NULL)
        return FCR_TRANSCRIPT_CONTACT_LENS;
    return FCR_TRANSCRIPT_JSON;
}

/* Guesses a file's format: by the name for TextGrid and CSV files, else
 * from the first bytes of the file. */
static bool bind_transcript_guess_file(fcr_transcript_format *out, const char *path)
{
    if (path == NULL) {
        bind_fail(FCR_EINVAL, "missing path");
        return false;
    }
    if (bind_ends_with(path, ".textgrid")) {
        *out = FCR_TRANSCRIPT_TEXTGRID;
        return true;
    }
    if (bind_ends_with(path, ".csv")) {
        *out = FCR_TRANSCRIPT_CSV_DIALOGUE;
        return true;
    }

    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        bind_fail(FCR_EIO, "cannot open %.256s: %s; check the path and permissions", path,
                  strerror(errno));
        return false;
    }
    char head[BIND_SNIFF_BYTES];
    size_t got = fread(head, 1, sizeof head, file);
    fclose(file);
    *out = bind_transcript_sniff(head, got);
    /* As in `fcr events`, only the name makes a file CSV or TextGrid, so
     * other text goes to the JSON parser, whose error names the position. */
    if (*out == FCR_TRANSCRIPT_CSV_DIALOGUE || *out == FCR_TRANSCRIPT_TEXTGRID)
        *out = FCR_TRANSCRIPT_JSON;
    return true;
}

/* The speaker suffixes of a TextGrid pair's file names, agent side first. */
static const char *const bind_agent_suffixes[] = {"_doctor", "_agent", "_staff"};
static const char *const bind_caller_suffixes[] = {"_patient", "_caller", "_customer"};

/* Writes the other speaker's file of a TextGrid pair into `partner`, such
 * as ..._patient.TextGrid for ..._doctor.TextGrid, and sets `*is_agent`
 * when `path` is the agent's file. Records FCR_EINVAL when the name has
 * no speaker suffix. */
static bool bind_textgrid_partner(const char *path, char *partner, size_t size, bool *is_agent)
{
    const char *dot = strrchr(path, '.');
    size_t stem = dot != NULL ? (size_t)(dot - path) : 0;
    for (int side = 0; dot != NULL && side < 2; side++) {
        const char *const *mine = side == 0 ? bind_agent_suffixes : bind_caller_suffixes;
        const char *const *theirs = side == 0 ? bind_caller_suffixes : bind_agent_suffixes;
        for (size_t k = 0; k < BIND_COUNT_OF(bind_agent_suffixes); k++) {
            size_t length = strlen(mine[k]);
            if (stem < length || strncmp(path + stem - length, mine[k], length) != 0)
                continue;
            int written = snprintf(partner, size, "%.*s%s%s", (int)(stem - length), path,
                                   theirs[k], dot);
            if (written < 0 || (size_t)written >= size) {
                bind_fail(FCR_ELIMIT, "the path of the TextGrid file is too long");
                return false;
            }
            *is_agent = side == 0;
            return true;
        }
    }
    bind_fail(FCR_EINVAL, "%.256s: a TextGrid transcript is one file per speaker; name them "
                          "..._doctor and ..._patient (or _agent and _caller, or _staff and "
                          "_customer), or use Transcript.load_textgrid_files()", path);
    return false;
}

/* Copies a transcript of a list into a new one that the host owns. */
static fcr_status bind_transcript_copy(fcr_transcript **out, const fcr_transcript *source)
{
    fcr_transcript *copy = NULL;
    fcr_status status = fcr_transcript_new(&copy, fcr_transcript_id(source));
    if (status == FCR_OK && fcr_transcript_started_at(source) != FCR_TIME_NONE)
        status = fcr_transcript_set_started_at(copy, fcr_transcript_started_at(source));
    if (status == FCR_OK && fcr_transcript_agent_id(source) != NULL &&
        fcr_transcript_agent_role(source) != NULL)
        status = fcr_transcript_set_agent(copy, fcr_transcript_agent_id(source),
                                          fcr_transcript_agent_role(source));
    for (size_t i = 0; status == FCR_OK && i < fcr_transcript_turn_count(source); i++)
        status = fcr_transcript_add_turn(copy, fcr_transcript_turn_role(source, i),
                                         fcr_transcript_turn_start(source, i),
                                         fcr_transcript_turn_end(source, i),
                                         fcr_transcript_turn_text(source, i));
    if (status != FCR_OK) {
        fcr_transcript_free(copy);
        return status;
    }
    *out = copy;
    return FCR_OK;
}

/* Turns a loaded list into a list of Transcript boxes and frees it. */
static bind_objects bind_transcript_list_take(fcr_transcript_list *loaded)
{
    size_t count = fcr_transcript_list_count(loaded);
    bind_objects list = bind_objects_new(count, bind_transcript_free_item);
    for (size_t i = 0; list.items != NULL && i < count; i++) {
        fcr_transcript *copy = NULL;
        bind_transcript *box = NULL;
        if (bind_ok(bind_transcript_copy(&copy, fcr_transcript_list_item(loaded, i))))
            box = bind_transcript_box(copy);
        if (box == NULL) {
            bind_objects_discard(&list);
            break;
        }
        list.items[list.count++] = box;
    }
    fcr_transcript_list_free(loaded);
    return list;
}

/* A list of one transcript, or an empty list with a pending failure. */
static bind_objects bind_transcript_list_of(fcr_status status, fcr_transcript *transcript)
{
    bind_objects list = {0, NULL, bind_transcript_free_item};
    if (!bind_ok(status))
        return list;
    bind_transcript *box = bind_transcript_box(transcript);
    if (box == NULL)
        return list;
    list = bind_objects_new(1, bind_transcript_free_item);
    if (list.items == NULL) {
        bind_transcript_free_item(box);
        return list;
    }
    list.items[list.count++] = box;
    return list;
}

static bind_objects bind_transcript_load_textgrid_pair(const char *path)
{
    bind_objects list = {0, NULL, bind_transcript_free_item};
    char partner[4096];
    bool is_agent = false;
    if (!bind_textgrid_partner(path, partner, sizeof partner, &is_agent))
        return list;

    /* The partner's name was derived, not given, so its absence gets a
     * message that says which file was looked for and why. */
    FILE *probe = fopen(partner, "rb");
    if (probe == NULL) {
        bind_fail(FCR_EIO, "cannot open %.256s: %s; a TextGrid transcript is one file per "
                           "speaker, so %.256s needs this file of the other speaker beside it",
                  partner, strerror(errno), path);
        return list;
    }
    fclose(probe);

    fcr_transcript *transcript = NULL;
    fcr_status status = is_agent
                            ? fcr_transcript_load_textgrid_files(&transcript, path, partner)
                            : fcr_transcript_load_textgrid_files(&transcript, partner, path);
    return bind_transcript_list_of(status, transcript);
}
%}

/* Times of a turn: seconds from the start of the call, none when unknown. */
typedef double bind_seconds;
%{
typedef double bind_seconds;
%}

%rename(Turn) bind_turn;

%inline %{
/* A copy of one turn of a transcript. */
struct bind_turn {
    const char *role;
    bind_seconds start;
    bind_seconds end;
    char *text;
};
%}

%{
static void bind_turn_free(void *item)
{
    bind_turn *turn = item;
    if (turn == NULL)
        return;
    free(turn->text);
    free(turn);
}
%}

%extend bind_turn {
    ~bind_turn() { bind_turn_free($self); }

    /* Leaves the text out, because it may quote the caller. */
    const char *__repr__() {
        char start[32] = BIND_NONE_TEXT;
        char end[32] = BIND_NONE_TEXT;
        if ($self->start >= 0)
            snprintf(start, sizeof start, "%.2f", $self->start);
        if ($self->end >= 0)
            snprintf(end, sizeof end, "%.2f", $self->end);
        snprintf(bind_repr_text, sizeof bind_repr_text, "<fcr.Turn role=%s start=%s end=%s>",
                 $self->role, start, end);
        return bind_repr_text;
    }
}

/* ---- Rules ------------------------------------------------------------------- */

%rename(Rules) bind_rules;
typedef struct bind_rules {} bind_rules;

%newobject bind_rules::load;
%newobject bind_rules::load_file;

%{
static size_t bind_rules_count_get(bind_rules *self)
{
    BIND_OPEN(self, "Rules", 0);
    return fcr_rules_count(self->handle);
}
%}

%extend bind_rules {
    /* The number of rules in the set. */
    size_t count;

    /* Creates the built-in English rule set. */
    bind_rules() {
        fcr_rules *rules = NULL;
        if (!bind_ok(fcr_rules_new(&rules)))
            return NULL;
        return bind_rules_box(rules);
    }

    ~bind_rules() {
        fcr_rules_free($self->handle);
        free($self);
    }

    /* Creates the built-in set overlaid with a fcr.rules/1 document. */
    static bind_rules *load(const char *text, size_t length, const char *name = NULL) {
        fcr_rules *rules = NULL;
        if (!bind_ok(fcr_rules_load(&rules, text, length, name)))
            return NULL;
        return bind_rules_box(rules);
    }

    static bind_rules *load_file(const char *path) {
        fcr_rules *rules = NULL;
        if (!bind_ok(fcr_rules_load_file(&rules, path)))
            return NULL;
        return bind_rules_box(rules);
    }

    /* Frees the rule set. Closing twice does nothing. */
    void close() {
        fcr_rules_free($self->handle);
        $self->handle = NULL;
    }

    bool closed() { return $self->handle == NULL; }

    const char *__repr__() {
        if ($self->handle == NULL)
            return "<fcr.Rules closed>";
        snprintf(bind_repr_text, sizeof bind_repr_text, "<fcr.Rules count=%zu>",
                 fcr_rules_count($self->handle));
        return bind_repr_text;
    }
}

/* ---- Transcript ------------------------------------------------------------------ */

/* Before the class, because SWIG applies typemaps in the order of its
 * declarations, and %extend members are part of the class. */
%apply (const char *text, size_t length) { (const char *agent_text, size_t agent_length) };
%apply (const char *text, size_t length) { (const char *caller_text, size_t caller_length) };

%rename(Transcript) bind_transcript;
typedef struct bind_transcript {} bind_transcript;

%newobject bind_transcript::load_textgrid;
%newobject bind_transcript::load_textgrid_files;
%newobject bind_transcript::to_json;

%{
#define BIND_TRANSCRIPT_GETTER(type, name, fallback, expression) \
    static type bind_transcript_##name##_get(bind_transcript *self) \
    {                                                               \
        BIND_OPEN(self, "Transcript", fallback);                    \
        return expression;                                          \
    }

BIND_TRANSCRIPT_GETTER(const char *, id, NULL, fcr_transcript_id(self->handle))
BIND_TRANSCRIPT_GETTER(fcr_time, started_at, FCR_TIME_NONE, fcr_transcript_started_at(self->handle))
BIND_TRANSCRIPT_GETTER(const char *, agent_id, NULL, fcr_transcript_agent_id(self->handle))
BIND_TRANSCRIPT_GETTER(const char *, agent_role, NULL, fcr_transcript_agent_role(self->handle))
BIND_TRANSCRIPT_GETTER(size_t, turn_count, 0, fcr_transcript_turn_count(self->handle))

static bind_turn_list bind_transcript_turns_get(bind_transcript *self)
{
    bind_objects list = {0, NULL, bind_turn_free};
    BIND_OPEN(self, "Transcript", list);
    size_t count = fcr_transcript_turn_count(self->handle);
    list = bind_objects_new(count, bind_turn_free);
    for (size_t i = 0; list.items != NULL && i < count; i++) {
        bind_turn *turn = bind_calloc(1, sizeof *turn);
        bool ok = turn != NULL;
        if (ok) {
            turn->role = fcr_turn_role_name(fcr_transcript_turn_role(self->handle, i));
            turn->start = fcr_transcript_turn_start(self->handle, i);
            turn->end = fcr_transcript_turn_end(self->handle, i);
            turn->text = bind_strdup(fcr_transcript_turn_text(self->handle, i), &ok);
        }
        if (!ok) {
            bind_turn_free(turn);
            bind_objects_discard(&list);
            break;
        }
        list.items[list.count++] = turn;
    }
    return list;
}
%}

%extend bind_transcript {
    /* The call id. */
    const char *id;
    /* When the call started, or none when the input does not say. */
    fcr_time started_at;
    /* The agent who took the call, or none. */
    const char *agent_id;
    /* The agent's role id of the policy, such as "front_desk", or none. */
    const char *agent_role;
    size_t turn_count;
    /* Copies of the turns, in the order spoken. */
    bind_turn_list turns;

    /* Creates an empty transcript, for turns from the host's own speech
     * recognition. */
    bind_transcript(const char *id) {
        fcr_transcript *transcript = NULL;
        if (!bind_ok(fcr_transcript_new(&transcript, id)))
            return NULL;
        return bind_transcript_box(transcript);
    }

    ~bind_transcript() {
        fcr_transcript_free($self->handle);
        free($self);
    }

    /* Reads every transcript of a string in one format, or in the format
     * its first 4 KiB show when `format` is none. */
    static bind_transcript_list load(const char *text, size_t length, const char *format = "json",
                                     const char *name = NULL) {
        bind_objects list = {0, NULL, bind_transcript_free_item};
        fcr_transcript_format which = FCR_TRANSCRIPT_JSON;
        if (format == NULL)
            which = bind_transcript_sniff(text, length);
        else if (!bind_transcript_format_from_name(&which, format))
            return list;
        if (which == FCR_TRANSCRIPT_TEXTGRID) {
            bind_fail(FCR_EINVAL, "a TextGrid transcript is one text per speaker; read it with "
                                  "Transcript.load_textgrid()");
            return list;
        }
        fcr_transcript_list *loaded = NULL;
        if (!bind_ok(fcr_transcript_list_load(&loaded, which, text, length, name)))
            return list;
        return bind_transcript_list_take(loaded);
    }

    /* Reads every transcript of a file. With `format` none, the format is
     * guessed as guess_transcript_format() does; a TextGrid file is read
     * with its other speaker's file. */
    static bind_transcript_list load_file(const char *path, const char *format = NULL) {
        bind_objects list = {0, NULL, bind_transcript_free_item};
        fcr_transcript_format which = FCR_TRANSCRIPT_JSON;
        if (format == NULL) {
            if (!bind_transcript_guess_file(&which, path))
                return list;
        } else if (!bind_transcript_format_from_name(&which, format)) {
            return list;
        }
        if (which == FCR_TRANSCRIPT_TEXTGRID)
            return bind_transcript_load_textgrid_pair(path);
        fcr_transcript_list *loaded = NULL;
        if (!bind_ok(fcr_transcript_list_load_file(&loaded, which, path)))
            return list;
        return bind_transcript_list_take(loaded);
    }

    /* Reads a call from a pair of Praat TextGrid texts, one per speaker. */
    static bind_transcript *load_textgrid(const char *agent_text, size_t agent_length,
                                          const char *caller_text, size_t caller_length,
                                          const char *id) {
        fcr_transcript *transcript = NULL;
        if (!bind_ok(fcr_transcript_load_textgrid(&transcript, agent_text, agent_length,
                                                  caller_text, caller_length, id)))
            return NULL;
        return bind_transcript_box(transcript);
    }

    /* Reads a call from two TextGrid files. The call id is the agent
     * file's name without its folder, extension and speaker suffix. */
    static bind_transcript *load_textgrid_files(const char *agent_path, const char *caller_path) {
        fcr_transcript *transcript = NULL;
        if (!bind_ok(fcr_transcript_load_textgrid_files(&transcript, agent_path, caller_path)))
            return NULL;
        return bind_transcript_box(transcript);
    }

    /* Frees the transcript. Closing twice does nothing. */
    void close() {
        fcr_transcript_free($self->handle);
        $self->handle = NULL;
    }

    bool closed() { return $self->handle == NULL; }

    void set_started_at(fcr_time at) {
        BIND_OPEN($self, "Transcript", );
        bind_ok(fcr_transcript_set_started_at($self->handle, at));
    }

    /* Sets the agent; Call.from_transcript() checks the role against the
     * policy. */
    void set_agent(const char *agent_id, const char *role) {
        BIND_OPEN($self, "Transcript", );
        bind_ok(fcr_transcript_set_agent($self->handle, agent_id, role));
    }

    /* Appends a turn: role "agent", "caller" or "system"; start and end in
     * seconds from the start of the call, none when unknown. */
    void add_turn(const char *role, const char *text, bind_seconds start = -1,
                  bind_seconds end = -1) {
        fcr_turn_role which = FCR_TURN_AGENT;
        BIND_OPEN($self, "Transcript", );
        if (bind_turn_role_from_name(&which, role))
            bind_ok(fcr_transcript_add_turn($self->handle, which, start, end, text));
    }

    /* Writes the transcript as a fcr.transcript/1 document, on one line
     * unless `pretty`. */
    char *to_json(bool pretty = false) {
        char *text = NULL;
        BIND_OPEN($self, "Transcript", NULL);
        if (!bind_ok(fcr_transcript_to_json(&text, $self->handle, pretty ? FCR_JSON_PRETTY : 0u)))
            return NULL;
        return text;
    }

    /* Returns "<fcr.Transcript id=... turns=N>", without the turns' text. */
    const char *__repr__() {
        if ($self->handle == NULL)
            return "<fcr.Transcript closed>";
        snprintf(bind_repr_text, sizeof bind_repr_text, "<fcr.Transcript id=\"%.128s\" turns=%zu>",
                 fcr_transcript_id($self->handle), fcr_transcript_turn_count($self->handle));
        return bind_repr_text;
    }
}

/* ---- Deriving a call ------------------------------------------------------------- */

%newobject bind_call::from_transcript;

%extend bind_call {
    /* Derives a replay-mode call from a transcript with a rule set (none
     * for the built-in English set). The "documented" item is marked
     * unobservable, because a transcript cannot show the note. */
    static bind_call *from_transcript(bind_transcript *transcript, bind_policy *policy = NULL,
                                      bind_rules *rules = NULL) {
        fcr_policy *owned = NULL;
        fcr_call *call = NULL;
        if (transcript == NULL) {
            bind_fail(FCR_EINVAL, "missing transcript");
            return NULL;
        }
        BIND_OPEN(transcript, "Transcript", NULL);
        if (rules != NULL)
            BIND_OPEN(rules, "Rules", NULL);
        fcr_policy *use = bind_policy_or_default(policy, &owned);
        if (use == NULL)
            return NULL;
        fcr_status status = fcr_call_from_transcript(&call, use, transcript->handle,
                                                     rules != NULL ? rules->handle : NULL);
        fcr_policy_free(owned);
        if (!bind_ok(status))
            return NULL;
        return bind_call_box(call);
    }
}

/* ---- Module functions ---------------------------------------------------------- */

%{
static bind_strings bind_transcript_formats(void)
{
    size_t count = 0;
    while (fcr_transcript_format_name((fcr_transcript_format)count) != NULL)
        count++;
    bind_strings list = bind_strings_new(count);
    for (size_t i = 0; i < list.count; i++)
        list.items[i] = fcr_transcript_format_name((fcr_transcript_format)i);
    return list;
}

static const char *bind_guess_transcript_format(const char *path)
{
    fcr_transcript_format format = FCR_TRANSCRIPT_JSON;
    if (!bind_transcript_guess_file(&format, path))
        return NULL;
    return fcr_transcript_format_name(format);
}
%}

%rename(transcript_formats) bind_transcript_formats;
%rename(guess_transcript_format) bind_guess_transcript_format;

/* Returns the transcript format ids, such as "contact-lens". */
bind_strings bind_transcript_formats(void);
/* Guesses a transcript file's format: "textgrid" and "csv-dialogue" by the
 * file name, the JSON formats from the first 4 KiB of the file. */
const char *bind_guess_transcript_format(const char *path);
