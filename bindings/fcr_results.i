/* SPDX-License-Identifier: MIT */
/*
 * Part of fcr.i: what is derived from a call. Scorecard with its
 * ChecklistItem snapshots, and Guidance with its Missing requirements.
 */

%{
static bind_scorecard *bind_scorecard_box(fcr_scorecard *handle)
{
    bind_scorecard *box = bind_calloc(1, sizeof *box);
    if (box == NULL)
        fcr_scorecard_free(handle);
    else
        box->handle = handle;
    return box;
}

static bind_guidance *bind_guidance_box(fcr_guidance *handle)
{
    bind_guidance *box = bind_calloc(1, sizeof *box);
    if (box == NULL)
        fcr_guidance_free(handle);
    else
        box->handle = handle;
    return box;
}
%}

%rename(ChecklistItem) bind_item;
%rename(Missing) bind_missing;
%ignore bind_item::evidence_count;
%ignore bind_item::evidence_items;

%inline %{
/* A copy of one checklist item of a scorecard. */
struct bind_item {
    const char *id;
    const char *title;
    const char *result;
    const char *rule_result;
    char *note;
    bool overridden;
    char *reviewer;
    char *override_note;
    fcr_time override_at;
    size_t evidence_count;
    size_t *evidence_items;
};

/* One requirement still missing before the call can leave its step. */
struct bind_missing {
    char *code;
    char *message;
    char *concern;
};
%}

%{
static void bind_item_free(void *pointer)
{
    bind_item *item = pointer;
    if (item == NULL)
        return;
    free(item->note);
    free(item->reviewer);
    free(item->override_note);
    free(item->evidence_items);
    free(item);
}

static bind_item *bind_item_copy(const fcr_scorecard *scorecard, fcr_item which)
{
    bind_item *copy = bind_calloc(1, sizeof *copy);
    if (copy == NULL)
        return NULL;

    bool ok = true;
    copy->id = fcr_item_id(which);
    copy->title = fcr_item_title(which);
    copy->result = fcr_result_name(fcr_scorecard_result(scorecard, which));
    copy->rule_result = fcr_result_name(fcr_scorecard_rule_result(scorecard, which));
    copy->note = bind_strdup(fcr_scorecard_note(scorecard, which), &ok);
    copy->overridden = fcr_scorecard_overridden(scorecard, which) != 0;
    copy->reviewer = bind_strdup(fcr_scorecard_override_reviewer(scorecard, which), &ok);
    copy->override_note = bind_strdup(fcr_scorecard_override_note(scorecard, which), &ok);
    copy->override_at = fcr_scorecard_override_time(scorecard, which);

    size_t count = fcr_scorecard_evidence_count(scorecard, which);
    copy->evidence_items = bind_calloc(count, sizeof *copy->evidence_items);
    if (copy->evidence_items == NULL)
        ok = false;
    for (size_t i = 0; ok && i < count; i++)
        copy->evidence_items[i] = fcr_scorecard_evidence(scorecard, which, i);
    copy->evidence_count = ok ? count : 0;

    if (!ok) {
        bind_item_free(copy);
        return NULL;
    }
    return copy;
}

static bind_indexes bind_item_evidence_get(bind_item *self)
{
    bind_indexes list = {0, NULL};
    list.items = bind_calloc(self->evidence_count, sizeof *list.items);
    if (list.items == NULL)
        return list;
    memcpy(list.items, self->evidence_items, self->evidence_count * sizeof *list.items);
    list.count = self->evidence_count;
    return list;
}

static void bind_missing_free(void *pointer)
{
    bind_missing *missing = pointer;
    if (missing == NULL)
        return;
    free(missing->code);
    free(missing->message);
    free(missing->concern);
    free(missing);
}
%}

%extend bind_item {
    /* Indexes of the events the rule used as evidence, into Call.events. */
    bind_indexes evidence;

    ~bind_item() { bind_item_free($self); }

    const char *__repr__() {
        snprintf(bind_repr_text, sizeof bind_repr_text, "<fcr.ChecklistItem id=%s result=%s%s>",
                 $self->id, $self->result, $self->overridden ? " overridden" : "");
        return bind_repr_text;
    }
}

%extend bind_missing {
    ~bind_missing() { bind_missing_free($self); }

    const char *__repr__() {
        snprintf(bind_repr_text, sizeof bind_repr_text, "<fcr.Missing code=%.64s concern=%.64s>",
                 $self->code, $self->concern != NULL ? $self->concern : BIND_NONE_TEXT);
        return bind_repr_text;
    }
}

/* ---- Scorecard ------------------------------------------------------------- */

%rename(Scorecard) bind_scorecard;
typedef struct bind_scorecard {} bind_scorecard;

%newobject bind_scorecard::item;
%newobject bind_scorecard::write;

%{
#define BIND_SCORECARD_GETTER(type, name, fallback, expression) \
    static type bind_scorecard_##name##_get(bind_scorecard *self) \
    {                                                             \
        BIND_OPEN(self, "Scorecard", fallback);                   \
        return expression;                                        \
    }

BIND_SCORECARD_GETTER(const char *, call_id, NULL, fcr_scorecard_call_id(self->handle))
BIND_SCORECARD_GETTER(const char *, agent_id, NULL, fcr_scorecard_agent_id(self->handle))
BIND_SCORECARD_GETTER(double, score, 0.0, fcr_scorecard_score(self->handle))
BIND_SCORECARD_GETTER(double, raw_score, 0.0, fcr_scorecard_raw_score(self->handle))
BIND_SCORECARD_GETTER(bool, auto_fail, false, fcr_scorecard_auto_fail(self->handle) != 0)
BIND_SCORECARD_GETTER(bool, scored, false, fcr_scorecard_scored(self->handle) != 0)
BIND_SCORECARD_GETTER(const char *, band, NULL, fcr_scorecard_band(self->handle))

static bind_item_list bind_scorecard_items_get(bind_scorecard *self)
{
    bind_objects list = {0, NULL, bind_item_free};
    BIND_OPEN(self, "Scorecard", list);
    list = bind_objects_new(FCR_ITEM_COUNT, bind_item_free);
    for (size_t i = 0; list.items != NULL && i < FCR_ITEM_COUNT; i++) {
        bind_item *item = bind_item_copy(self->handle, (fcr_item)i);
        if (item == NULL) {
            bind_objects_discard(&list);
            break;
        }
        list.items[list.count++] = item;
    }
    return list;
}

/* Counts the items with `result`, for __repr__. */
static size_t bind_scorecard_count(const fcr_scorecard *scorecard, fcr_result result)
{
    size_t count = 0;
    for (size_t i = 0; i < FCR_ITEM_COUNT; i++) {
        if (fcr_scorecard_result(scorecard, (fcr_item)i) == result)
            count++;
    }
    return count;
}
%}

%extend bind_scorecard {
    const char *call_id;
    const char *agent_id;
    /* The reported score from 0 to 100: 0 on an automatic fail. */
    double score;
    /* The score before the automatic-fail rule. */
    double raw_score;
    /* Whether a critical item was missed, which fails the call. */
    bool auto_fail;
    /* Whether any item was applicable, so that a score exists. */
    bool scored;
    /* The policy's band for the score, such as "meets expectations", or none. */
    const char *band;
    /* Copies of the eight checklist items, in checklist order. */
    bind_item_list items;

    ~bind_scorecard() {
        fcr_scorecard_free($self->handle);
        free($self);
    }

    void close() {
        fcr_scorecard_free($self->handle);
        $self->handle = NULL;
    }

    bool closed() { return $self->handle == NULL; }

    /* Returns a copy of one checklist item, such as "identity_verified". */
    bind_item *item(const char *id) {
        fcr_item which = FCR_ITEM_OPEN_QUESTIONS;
        BIND_OPEN($self, "Scorecard", NULL);
        if (!bind_item_from_id(&which, id))
            return NULL;
        return bind_item_copy($self->handle, which);
    }

    /* Returns the result of one item after any override: "met", "missed",
     * "not_applicable" or "unknown". */
    const char *result(const char *id) {
        fcr_item which = FCR_ITEM_OPEN_QUESTIONS;
        BIND_OPEN($self, "Scorecard", NULL);
        if (!bind_item_from_id(&which, id))
            return NULL;
        return fcr_result_name(fcr_scorecard_result($self->handle, which));
    }

    /* Overrides an item's result as a reviewer's decision, with a note
     * that says why. */
    void override(const char *item, const char *result, const char *reviewer, fcr_time at,
                  const char *note) {
        fcr_item which = FCR_ITEM_OPEN_QUESTIONS;
        fcr_result value = FCR_RESULT_MET;
        BIND_OPEN($self, "Scorecard", );
        if (!bind_item_from_id(&which, item) || !bind_result_from_name(&value, result))
            return;
        bind_ok(fcr_scorecard_override($self->handle, which, value, reviewer, at, note));
    }

    /* Writes the scorecard: format "text", "json" or "csv"; profile "chart"
     * or "qa". */
    char *write(const char *format = "text", const char *profile = "chart") {
        int format_value = 0;
        int profile_value = 0;
        char *text = NULL;
        BIND_OPEN($self, "Scorecard", NULL);
        if (!bind_lookup(&format_value, bind_scorecard_format_names,
                         BIND_COUNT_OF(bind_scorecard_format_names), format, "scorecard format"))
            return NULL;
        if (!bind_lookup(&profile_value, bind_profile_names, BIND_COUNT_OF(bind_profile_names),
                         profile, "profile"))
            return NULL;
        if (!bind_ok(fcr_scorecard_write(&text, $self->handle,
                                         (fcr_scorecard_format)format_value,
                                         (fcr_profile)profile_value)))
            return NULL;
        return text;
    }

    const char *__repr__() {
        if ($self->handle == NULL)
            return "<fcr.Scorecard closed>";
        const char *band = fcr_scorecard_band($self->handle);
        snprintf(bind_repr_text, sizeof bind_repr_text,
                 "<fcr.Scorecard call=\"%.128s\" score=%.2f%s band=%s met=%zu missed=%zu>",
                 fcr_scorecard_call_id($self->handle), fcr_scorecard_score($self->handle),
                 fcr_scorecard_auto_fail($self->handle) ? " auto_fail" : "",
                 band != NULL ? band : BIND_NONE_TEXT,
                 bind_scorecard_count($self->handle, FCR_RESULT_MET),
                 bind_scorecard_count($self->handle, FCR_RESULT_MISSED));
        return bind_repr_text;
    }
}

/* ---- Guidance ---------------------------------------------------------------- */

%rename(Guidance) bind_guidance;
typedef struct bind_guidance {} bind_guidance;

%{
#define BIND_GUIDANCE_GETTER(type, name, fallback, expression) \
    static type bind_guidance_##name##_get(bind_guidance *self) \
    {                                                           \
        BIND_OPEN(self, "Guidance", fallback);                  \
        return expression;                                      \
    }

BIND_GUIDANCE_GETTER(const char *, step, NULL, fcr_step_name(fcr_guidance_step(self->handle)))
BIND_GUIDANCE_GETTER(const char *, next_step, NULL,
                     fcr_step_name(fcr_guidance_next_step(self->handle)))
BIND_GUIDANCE_GETTER(const char *, prompt, NULL, fcr_guidance_prompt(self->handle))

static bind_strings bind_guidance_phrases_get(bind_guidance *self)
{
    bind_strings list = {0, NULL};
    BIND_OPEN(self, "Guidance", list);
    list = bind_strings_new(fcr_guidance_phrase_count(self->handle));
    for (size_t i = 0; i < list.count; i++)
        list.items[i] = fcr_guidance_phrase(self->handle, i);
    return list;
}

static bind_missing_list bind_guidance_missing_get(bind_guidance *self)
{
    bind_objects list = {0, NULL, bind_missing_free};
    BIND_OPEN(self, "Guidance", list);
    size_t count = fcr_guidance_missing_count(self->handle);
    list = bind_objects_new(count, bind_missing_free);
    for (size_t i = 0; list.items != NULL && i < count; i++) {
        bind_missing *missing = bind_calloc(1, sizeof *missing);
        bool ok = missing != NULL;
        if (ok) {
            missing->code = bind_strdup(fcr_guidance_missing_code(self->handle, i), &ok);
            missing->message = bind_strdup(fcr_guidance_missing_message(self->handle, i), &ok);
            missing->concern = bind_strdup(fcr_guidance_missing_concern(self->handle, i), &ok);
        }
        if (!ok) {
            bind_missing_free(missing);
            bind_objects_discard(&list);
            break;
        }
        list.items[list.count++] = missing;
    }
    return list;
}
%}

%extend bind_guidance {
    /* The step the call is in. */
    const char *step;
    /* The step that comes after it (the same step for "closed"). */
    const char *next_step;
    /* The prompt for the current step. */
    const char *prompt;
    /* Suggested phrases for the current step. */
    bind_strings phrases;
    /* Requirements still missing before the step can be left. */
    bind_missing_list missing;

    ~bind_guidance() {
        fcr_guidance_free($self->handle);
        free($self);
    }

    void close() {
        fcr_guidance_free($self->handle);
        $self->handle = NULL;
    }

    bool closed() { return $self->handle == NULL; }

    const char *__repr__() {
        if ($self->handle == NULL)
            return "<fcr.Guidance closed>";
        snprintf(bind_repr_text, sizeof bind_repr_text, "<fcr.Guidance step=%s missing=%zu>",
                 fcr_step_name(fcr_guidance_step($self->handle)),
                 fcr_guidance_missing_count($self->handle));
        return bind_repr_text;
    }
}

/* ---- What a call derives ------------------------------------------------------- */

%newobject bind_call::score;
%newobject bind_call::guidance;

%extend bind_call {
    /* Scores the call against the checklist. The scorecard is a snapshot
     * that stays valid after the call is closed. */
    bind_scorecard *score() {
        fcr_scorecard *scorecard = NULL;
        BIND_OPEN($self, "Call", NULL);
        if (!bind_ok(fcr_scorecard_new(&scorecard, $self->handle)))
            return NULL;
        return bind_scorecard_box(scorecard);
    }

    /* Takes a snapshot of what the agent should do now. */
    bind_guidance *guidance() {
        fcr_guidance *guidance = NULL;
        BIND_OPEN($self, "Call", NULL);
        if (!bind_ok(fcr_guidance_new(&guidance, $self->handle)))
            return NULL;
        return bind_guidance_box(guidance);
    }
}
