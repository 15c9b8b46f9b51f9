/* SPDX-License-Identifier: MIT */
/*
 * Part of fcr.i: Metrics, first-call resolution measured over many calls or
 * contacts, and the MetricsGroup snapshots of its breakdowns. The result
 * callback and the CSV contact reader are in fcr_contacts.i.
 */

%{
/* The results that the callback of keep_results() collected and
 * take_results() has not handed out yet. */
typedef struct bind_result_store {
    size_t count;
    size_t capacity;
    bind_contact_result **items;
    bool out_of_memory; /* the callback stopped the analysis for lack of memory */
} bind_result_store;

typedef struct bind_metrics {
    fcr_metrics *handle;
    bind_result_store *results; /* NULL unless keep_results() was called */
} bind_metrics;
typedef struct bind_metrics_group bind_metrics_group;

/* Defined in fcr_contacts.i. */
static void bind_result_store_free(bind_result_store *store);
static bool bind_metrics_ok(bind_metrics *metrics, fcr_status status);
static int bind_keep_result(void *userdata, const fcr_contact_result *result);
static void bind_contact_result_free(void *item);

static const char *const bind_order_names[] = {"any", "sorted"};
static const char *const bind_metrics_format_names[] = {"text", "json", "csv"};

static bool bind_breakdown_from_name(fcr_breakdown *out, const char *name)
{
    const char *names[8];
    size_t count = 0;
    while (count < BIND_COUNT_OF(names) && fcr_breakdown_name((fcr_breakdown)count) != NULL) {
        names[count] = fcr_breakdown_name((fcr_breakdown)count);
        count++;
    }
    int index = 0;
    if (!bind_lookup(&index, names, count, name, "breakdown"))
        return false;
    *out = (fcr_breakdown)index;
    return true;
}

static bool bind_exclusion_from_name(fcr_exclusion *out, const char *name)
{
    const char *names[8];
    size_t count = 0;
    while (count < BIND_COUNT_OF(names) && fcr_exclusion_name((fcr_exclusion)count) != NULL) {
        names[count] = fcr_exclusion_name((fcr_exclusion)count);
        count++;
    }
    int index = 0;
    if (!bind_lookup(&index, names, count, name, "exclusion reason"))
        return false;
    *out = (fcr_exclusion)index;
    return true;
}

static bool bind_outcome_from_name(fcr_outcome *out, const char *name)
{
    const char *names[8];
    size_t count = 0;
    while (count < BIND_COUNT_OF(names) && fcr_outcome_name((fcr_outcome)count) != NULL) {
        names[count] = fcr_outcome_name((fcr_outcome)count);
        count++;
    }
    int index = 0;
    if (!bind_lookup(&index, names, count, name, "outcome"))
        return false;
    *out = (fcr_outcome)index;
    return true;
}

static bind_metrics *bind_metrics_box(fcr_metrics *handle)
{
    bind_metrics *box = bind_calloc(1, sizeof *box);
    if (box == NULL)
        fcr_metrics_free(handle);
    else
        box->handle = handle;
    return box;
}

static void bind_metrics_group_free(void *item);
%}

%rename(MetricsGroup) bind_metrics_group;

%inline %{
/* The counts and rates of one group of a breakdown, copied after finish(). */
struct bind_metrics_group {
    const char *breakdown;
    char *name;
    unsigned long long contacts;
    unsigned long long resolved;
    unsigned long long repeated;
    unsigned long long final; /* resolved + repeated, the "final" of the report */
    unsigned long long provisional;
    unsigned long long excluded;
    unsigned long long repeat_contacts;
    unsigned long long escalated;
    bind_rate fcr_rate;
    bind_rate repeat_contact_rate;
    bind_rate escalation_rate;
};
%}

%{
static void bind_metrics_group_free(void *item)
{
    bind_metrics_group *group = item;
    if (group == NULL)
        return;
    free(group->name);
    free(group);
}

static bind_metrics_group *bind_metrics_group_copy(const fcr_metrics *metrics,
                                                   fcr_breakdown breakdown, size_t index)
{
    bind_metrics_group *group = bind_calloc(1, sizeof *group);
    if (group == NULL)
        return NULL;
    bool ok = true;
    group->breakdown = fcr_breakdown_name(breakdown);
    group->name = bind_strdup(fcr_metrics_group_name(metrics, breakdown, index), &ok);
    group->contacts = fcr_metrics_count(metrics, breakdown, index, FCR_COUNT_CONTACTS);
    group->resolved = fcr_metrics_count(metrics, breakdown, index, FCR_COUNT_RESOLVED);
    group->repeated = fcr_metrics_count(metrics, breakdown, index, FCR_COUNT_REPEATED);
    group->final = group->resolved + group->repeated;
    group->provisional = fcr_metrics_count(metrics, breakdown, index, FCR_COUNT_PROVISIONAL);
    group->excluded = fcr_metrics_count(metrics, breakdown, index, FCR_COUNT_EXCLUDED);
    group->repeat_contacts = fcr_metrics_count(metrics, breakdown, index, FCR_COUNT_REPEAT_CONTACTS);
    group->escalated = fcr_metrics_count(metrics, breakdown, index, FCR_COUNT_ESCALATED);
    group->fcr_rate = fcr_metrics_rate(metrics, breakdown, index, FCR_RATE_FCR);
    group->repeat_contact_rate = fcr_metrics_rate(metrics, breakdown, index, FCR_RATE_REPEAT_CONTACT);
    group->escalation_rate = fcr_metrics_rate(metrics, breakdown, index, FCR_RATE_ESCALATION);
    if (!ok) {
        bind_metrics_group_free(group);
        return NULL;
    }
    return group;
}

static fcr_time bind_metrics_data_end_get(bind_metrics *self)
{
    BIND_OPEN(self, "Metrics", FCR_TIME_NONE);
    return fcr_metrics_data_end(self->handle);
}
%}

%extend bind_metrics_group {
    ~bind_metrics_group() { bind_metrics_group_free($self); }

    const char *__repr__() {
        snprintf(bind_repr_text, sizeof bind_repr_text,
                 "<fcr.MetricsGroup %s=\"%.128s\" contacts=%llu resolved=%llu repeated=%llu>",
                 $self->breakdown, $self->name, $self->contacts, $self->resolved, $self->repeated);
        return bind_repr_text;
    }
}

%rename(Metrics) bind_metrics;
typedef struct bind_metrics {} bind_metrics;

%newobject bind_metrics::write;

%extend bind_metrics {
    /* The end of the data that provisional results were decided against,
     * or none before any contact. */
    fcr_time data_end;

    bind_metrics(bind_policy *policy = NULL) {
        fcr_metrics *metrics = NULL;
        if (policy != NULL && policy->handle == NULL) {
            bind_fail_closed("Policy");
            return NULL;
        }
        if (!bind_ok(fcr_metrics_new(&metrics, policy != NULL ? policy->handle : NULL)))
            return NULL;
        return bind_metrics_box(metrics);
    }

    ~bind_metrics() {
        fcr_metrics_free($self->handle);
        bind_result_store_free($self->results);
        free($self);
    }

    void close() {
        fcr_metrics_free($self->handle);
        $self->handle = NULL;
        bind_result_store_free($self->results);
        $self->results = NULL;
    }

    bool closed() { return $self->handle == NULL; }

    /* Sets the repeat window, such as "7d", "72h" or "3bd". */
    void set_window(const char *duration) {
        BIND_OPEN($self, "Metrics", );
        bind_ok(fcr_metrics_set_window($self->handle, duration));
    }

    /* Sets one category's own repeat window; none removes it. */
    void set_category_window(const char *category, const char *duration = NULL) {
        BIND_OPEN($self, "Metrics", );
        bind_ok(fcr_metrics_set_category_window($self->handle, category, duration));
    }

    void set_category_match(bool match) {
        BIND_OPEN($self, "Metrics", );
        bind_ok(fcr_metrics_set_category_match($self->handle, match ? 1 : 0));
    }

    /* Sets the transfer gap, such as "15m"; none turns merging off. */
    void set_transfer_gap(const char *gap = NULL) {
        BIND_OPEN($self, "Metrics", );
        bind_ok(fcr_metrics_set_transfer_gap($self->handle, gap));
    }

    void set_data_end(fcr_time end) {
        BIND_OPEN($self, "Metrics", );
        bind_ok(fcr_metrics_set_data_end($self->handle, end));
    }

    /* Declares the order of the contacts: "any" or "sorted". */
    void set_order(const char *order) {
        int value = 0;
        BIND_OPEN($self, "Metrics", );
        if (bind_lookup(&value, bind_order_names, BIND_COUNT_OF(bind_order_names), order, "order"))
            bind_ok(fcr_metrics_set_order($self->handle, (fcr_metrics_order)value));
    }

    /* Turns a breakdown on or off. All three are on by default, unlike in
     * `fcr metrics`, which prints only those asked for with --by. */
    void set_breakdown(const char *breakdown, bool enabled) {
        fcr_breakdown value = FCR_BREAKDOWN_TOTAL;
        BIND_OPEN($self, "Metrics", );
        if (bind_breakdown_from_name(&value, breakdown))
            bind_ok(fcr_metrics_set_breakdown($self->handle, value, enabled ? 1 : 0));
    }

    /* Adds one contact per concern of a call, and its scorecard. */
    void add_call(bind_call *call) {
        BIND_OPEN($self, "Metrics", );
        if (call == NULL) {
            bind_fail(FCR_EINVAL, "missing call");
            return;
        }
        BIND_OPEN(call, "Call", );
        bind_metrics_ok($self, fcr_metrics_add_call($self->handle, call->handle));
    }

    /* Adds one contact from a contact log. */
    void add_contact(const char *id, const char *caller, fcr_time at,
                     const char *direction = "inbound", const char *category = NULL,
                     const char *agent = NULL, const char *outcome = "none",
                     const char *target = NULL) {
        fcr_contact contact = FCR_CONTACT_INIT;
        int direction_value = 0;
        BIND_OPEN($self, "Metrics", );
        if (!bind_lookup(&direction_value, bind_direction_names,
                         BIND_COUNT_OF(bind_direction_names), direction, "direction") ||
            !bind_outcome_from_name(&contact.outcome, outcome))
            return;
        contact.id = id;
        contact.caller = caller;
        contact.at = at;
        contact.direction = (fcr_direction)direction_value;
        contact.category = category;
        contact.agent = agent;
        contact.target = target;
        bind_metrics_ok($self, fcr_metrics_add_contact($self->handle, &contact));
    }

    /* Ends the input and decides every remaining contact. Only once. */
    void finish() {
        BIND_OPEN($self, "Metrics", );
        bind_metrics_ok($self, fcr_metrics_finish($self->handle));
    }

    /* Returns copies of the groups of a breakdown after finish(): "total",
     * "agent", "category" or "target". */
    bind_metrics_group_list groups(const char *breakdown = "total") {
        bind_objects list = {0, NULL, bind_metrics_group_free};
        fcr_breakdown which = FCR_BREAKDOWN_TOTAL;
        BIND_OPEN($self, "Metrics", list);
        if (!bind_breakdown_from_name(&which, breakdown))
            return list;
        size_t count = fcr_metrics_group_count($self->handle, which);
        list = bind_objects_new(count, bind_metrics_group_free);
        for (size_t i = 0; list.items != NULL && i < count; i++) {
            bind_metrics_group *group = bind_metrics_group_copy($self->handle, which, i);
            if (group == NULL) {
                bind_objects_discard(&list);
                break;
            }
            list.items[list.count++] = group;
        }
        return list;
    }

    /* Returns the number of contacts excluded for a reason, such as
     * "no_caller". */
    unsigned long long excluded(const char *reason) {
        fcr_exclusion which = FCR_EXCLUSION_NONE;
        BIND_OPEN($self, "Metrics", 0);
        if (!bind_exclusion_from_name(&which, reason))
            return 0;
        return fcr_metrics_excluded($self->handle, which);
    }

    /* Returns the number of scored calls whose checklist item had a result. */
    unsigned long long item_calls(const char *item, const char *result) {
        fcr_item which = FCR_ITEM_OPEN_QUESTIONS;
        fcr_result value = FCR_RESULT_MET;
        BIND_OPEN($self, "Metrics", 0);
        if (!bind_item_from_id(&which, item) || !bind_result_from_name(&value, result))
            return 0;
        return fcr_metrics_item_calls($self->handle, which, value);
    }

    /* Writes the report after finish(): "text", "json" or "csv". */
    char *write(const char *format = "text") {
        int value = 0;
        char *text = NULL;
        BIND_OPEN($self, "Metrics", NULL);
        if (!bind_lookup(&value, bind_metrics_format_names, BIND_COUNT_OF(bind_metrics_format_names),
                         format, "metrics format"))
            return NULL;
        if (!bind_ok(fcr_metrics_write(&text, $self->handle, (fcr_metrics_format)value)))
            return NULL;
        return text;
    }

    const char *__repr__() {
        if ($self->handle == NULL)
            return "<fcr.Metrics closed>";
        /* Counts are 0 until finish(). */
        snprintf(bind_repr_text, sizeof bind_repr_text, "<fcr.Metrics contacts=%llu>",
                 (unsigned long long)fcr_metrics_count($self->handle, FCR_BREAKDOWN_TOTAL, 0,
                                                       FCR_COUNT_CONTACTS));
        return bind_repr_text;
    }
}
