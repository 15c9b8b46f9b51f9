/* SPDX-License-Identifier: MIT */
/*
 * The FCR metrics engine: repeat matching over a time-ordered stream of
 * contacts.
 *
 * Contacts arrive in batches of equal time. A batch is processed once a
 * later time arrives (or at the end), sorted by id, so that results do not
 * depend on the order of contacts that share a time. Each kept contact
 * waits in its caller's list and in a release queue until the instant after
 * which nothing can change it any more: the end of its window, and while
 * transfers are merged the end of its transfer gap. Contacts come in time
 * order and the window end grows with the start, so each window length
 * (the general one and each category's) has a first-in, first-out queue
 * instead of a heap. When the stream passes
 * that instant the contact is final, its result is counted and passed to
 * the callback, and it is freed. So memory contains the contacts of about one
 * window. With FCR_METRICS_ORDER_ANY every contact is kept until
 * fcr_metrics_finish() sorts them by (time, id, input order) and runs the
 * same stream.
 */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
/* For MADV_HUGEPAGE, which _POSIX_C_SOURCE alone hides. */
#  define _DEFAULT_SOURCE 1
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#  include <sys/mman.h>
#endif

#include "civil_time.h"
#include "metrics_internal.h"
#include "metrics_table.h"

#define LOOKAHEAD 64

#if defined(__GNUC__)
#  define PREFETCH(address) __builtin_prefetch(address)
#else
#  define PREFETCH(address) ((void)(address))
#endif

#define MAX_ID_BYTES 256
#define MAX_KEY_BYTES 1024

typedef struct caller_entry caller_entry;

/* One contact inside the engine. id and caller key follow the struct. The
 * fields that repeat matching and release read come first, so that they
 * share a cache line. */
typedef struct mcontact {
    fcr_time last_at;   /* start of the last leg; later than `at` only after transfers */
    fcr_time end;       /* window end, included */
    fcr__intern *category;
    struct mcontact *next; /* in the caller's list, by time */
    struct mcontact *prev;
    caller_entry *caller;
    char *repeat_id;    /* owned; first repeat */
    fcr_time release;   /* the stream must reach this instant before the result is final */

    fcr_time at;        /* start of the first leg */
    uint64_t sequence;  /* input order */
    uint64_t caller_hash;
    fcr__intern *agent;
    fcr__intern *target;
    size_t id_length;
    size_t caller_length;
    fcr_outcome outcome;
    fcr_direction direction;
    fcr_exclusion exclusion;
    bool is_repeat;
    bool has_items;
    bool in_slab;       /* from the engine's slots, not from fcr__malloc() */
    fcr__contact_items items;
    char text[];        /* id, NUL, caller key, NUL */
} mcontact;

struct caller_entry {
    fcr__table_entry head;
    bool in_slab;
    mcontact *first;
    mcontact *last;
    char key[];
};

typedef struct queue_item {
    fcr_time release; /* the contact's release time when queued */
    mcontact *contact;
} queue_item;

/* A ring buffer of contacts in release order. */
typedef struct release_queue {
    queue_item *items;
    size_t head;
    size_t count;
    size_t capacity; /* a power of two, or 0 */
} release_queue;

typedef struct fcr__engine {
    mcontact **batch;      /* contacts not processed yet: the last few, or all in ANY mode */
    size_t batch_count;
    size_t batch_capacity;
    release_queue *queues; /* [0] for the general window, then one per category window */
    size_t queue_count;
    size_t queued;         /* contacts in all queues */
    fcr__table callers;
    fcr__slab contact_slots;
    fcr__slab caller_slots;
} fcr__engine;

static inline const char *contact_id(const mcontact *contact) { return contact->text; }

static inline const char *contact_caller(const mcontact *contact)
{
    return contact->text + contact->id_length + 1;
}

/* --- names ---------------------------------------------------------------- */

const char *fcr_contact_status_name(fcr_contact_status status)
{
    switch (status) {
    case FCR_CONTACT_RESOLVED: return "resolved";
    case FCR_CONTACT_REPEATED: return "repeated";
    case FCR_CONTACT_PROVISIONAL: return "provisional";
    case FCR_CONTACT_EXCLUDED: return "excluded";
    default: return NULL;
    }
}

const char *fcr_exclusion_name(fcr_exclusion exclusion)
{
    switch (exclusion) {
    case FCR_EXCLUSION_NONE: return "none";
    case FCR_EXCLUSION_OUTBOUND: return "outbound";
    case FCR_EXCLUSION_DUPLICATE: return "duplicate";
    case FCR_EXCLUSION_TRANSFER: return "transfer";
    case FCR_EXCLUSION_NO_CALLER: return "no_caller";
    case FCR_EXCLUSION_NO_CONCERN: return "no_concern";
    default: return NULL;
    }
}

const char *fcr_breakdown_name(fcr_breakdown breakdown)
{
    switch (breakdown) {
    case FCR_BREAKDOWN_TOTAL: return "total";
    case FCR_BREAKDOWN_AGENT: return "agent";
    case FCR_BREAKDOWN_CATEGORY: return "category";
    case FCR_BREAKDOWN_TARGET: return "target";
    default: return NULL;
    }
}

/* --- results --------------------------------------------------------------- */

struct fcr_contact_result {
    const char *id;
    fcr_time at;
    fcr_contact_status status;
    fcr_exclusion exclusion;
    const char *repeat_id;
    const char *merged_into;
    bool is_repeat;
    fcr_time window_end;
    const char *category;
    const char *agent;
    const char *target;
    fcr_outcome outcome;
};

const char *fcr_contact_result_id(const fcr_contact_result *r) { return r->id; }
fcr_time fcr_contact_result_at(const fcr_contact_result *r) { return r->at; }
fcr_contact_status fcr_contact_result_status(const fcr_contact_result *r) { return r->status; }
fcr_exclusion fcr_contact_result_exclusion(const fcr_contact_result *r) { return r->exclusion; }
const char *fcr_contact_result_repeat_id(const fcr_contact_result *r) { return r->repeat_id; }
const char *fcr_contact_result_merged_into(const fcr_contact_result *r) { return r->merged_into; }
int fcr_contact_result_is_repeat(const fcr_contact_result *r) { return r->is_repeat; }
fcr_time fcr_contact_result_window_end(const fcr_contact_result *r) { return r->window_end; }
const char *fcr_contact_result_category(const fcr_contact_result *r) { return r->category; }
const char *fcr_contact_result_agent(const fcr_contact_result *r) { return r->agent; }
const char *fcr_contact_result_target(const fcr_contact_result *r) { return r->target; }
fcr_outcome fcr_contact_result_outcome(const fcr_contact_result *r) { return r->outcome; }

static void count_into(uint64_t counters[FCR__COUNTER_COUNT], const fcr_contact_result *result)
{
    counters[FCR_COUNT_CONTACTS]++;
    switch (result->status) {
    case FCR_CONTACT_RESOLVED:
    case FCR_CONTACT_REPEATED:
        counters[result->status == FCR_CONTACT_RESOLVED ? FCR_COUNT_RESOLVED : FCR_COUNT_REPEATED]++;
        if (result->is_repeat)
            counters[FCR_COUNT_REPEAT_CONTACTS]++;
        if (result->outcome == FCR_OUTCOME_ESCALATED)
            counters[FCR_COUNT_ESCALATED]++;
        break;
    case FCR_CONTACT_PROVISIONAL: counters[FCR_COUNT_PROVISIONAL]++; break;
    case FCR_CONTACT_EXCLUDED: counters[FCR_COUNT_EXCLUDED]++; break;
    }
}

/* Counts a result in every group it belongs to and passes it on. */
static fcr_status emit(fcr_metrics *metrics, const mcontact *contact, fcr_contact_status status,
                       const char *merged_into)
{
    fcr_contact_result result = {
        contact_id(contact), contact->at, status, contact->exclusion, contact->repeat_id,
        merged_into, contact->is_repeat,
        status == FCR_CONTACT_EXCLUDED ? FCR_TIME_NONE : contact->end,
        contact->category->text, contact->agent != NULL ? contact->agent->text : "",
        contact->target != NULL ? contact->target->text : "", contact->outcome};
    if (status != FCR_CONTACT_REPEATED)
        result.repeat_id = NULL;

    count_into(metrics->total, &result);
    if (status == FCR_CONTACT_EXCLUDED)
        metrics->excluded[contact->exclusion]++;

    fcr__intern *groups[FCR__GROUP_BREAKDOWNS] = {contact->agent, contact->category,
                                                  contact->target};
    for (int b = 0; b < FCR__GROUP_BREAKDOWNS; b++) {
        if (!metrics->breakdowns[b] || groups[b] == NULL)
            continue;
        groups[b]->used[b] = true;
        count_into(groups[b]->counters[b], &result);
    }

    if (contact->has_items) {
        for (int item = 0; item < FCR_ITEM_COUNT; item++)
            count_into(metrics->item_counters[item][contact->items.result[item]], &result);
    }

    if (metrics->callback != NULL && metrics->callback(metrics->userdata, &result) != 0) {
        metrics->stopped = true;
        return fcr__error(FCR_EIO, "the result callback stopped the metrics analysis");
    }
    return FCR_OK;
}

/* --- contacts --------------------------------------------------------------- */

/* --- contact slots ---------------------------------------------------------- */

/* Contacts live in fixed-size slots carved from large blocks, reused
 * last-freed first. A window holds hundreds of thousands of contacts at
 * random addresses, and with 4 KiB pages nearly every access also misses
 * the TLB; on Linux the blocks are advised to use huge pages, which cut
 * the run time of the metrics benchmark by about a quarter. Blocks are
 * kept until the handle is freed, so memory follows the largest window. */
#define SLOT_SIZE 256
#define CALLER_SLOT_SIZE 64
#define SLAB_BLOCK_SIZE ((size_t)8 << 20)

static void *slot_alloc(fcr__slab *slab)
{
    if (slab->free_slots != NULL) {
        void *slot = slab->free_slots;
        memcpy(&slab->free_slots, slot, sizeof(void *));
        return slot;
    }
    if (slab->fresh_count == 0) {
        char *block = fcr__malloc(SLAB_BLOCK_SIZE);
        if (block == NULL)
            return NULL;
        fcr__advise_huge_pages(block, SLAB_BLOCK_SIZE);
        // cppcheck-suppress pointerSize ; the block starts with the link to the previous block
        memcpy(block, &slab->blocks, sizeof(void *));
        slab->blocks = block;
        /* Slots start on a 64-byte boundary after the link. */
        uintptr_t first = ((uintptr_t)block + sizeof(void *) + 63) & ~(uintptr_t)63;
        slab->fresh_slots = (char *)first;
        slab->fresh_count = (SLAB_BLOCK_SIZE - (size_t)(first - (uintptr_t)block)) / slab->slot_size;
    }
    void *slot = slab->fresh_slots;
    slab->fresh_slots += slab->slot_size;
    slab->fresh_count--;
    return slot;
}

static void slot_free(fcr__slab *slab, void *slot)
{
    memcpy(slot, &slab->free_slots, sizeof(void *));
    slab->free_slots = slot;
}

static void slab_free(fcr__slab *slab)
{
    while (slab->blocks != NULL) {
        void *block = slab->blocks;
        memcpy(&slab->blocks, block, sizeof(void *));
        fcr__free(block);
    }
}

static void contact_free(fcr__engine *engine, mcontact *contact)
{
    if (contact == NULL)
        return;
    fcr__free(contact->repeat_id);
    if (contact->in_slab)
        slot_free(&engine->contact_slots, contact);
    else
        fcr__free(contact);
}

static void caller_free(fcr__engine *engine, caller_entry *caller)
{
    if (caller->in_slab)
        slot_free(&engine->caller_slots, caller);
    else
        fcr__free(caller);
}

static fcr_status intern(fcr_metrics *metrics, const char *text, fcr__intern **out)
{
    if (text == NULL)
        text = "";
    size_t length = strlen(text);
    uint64_t hash = fcr__hash_bytes(text, length);
    fcr__table_entry *found = fcr__table_find(&metrics->interns, hash, text, length);
    if (found != NULL) {
        *out = (fcr__intern *)found;
        return FCR_OK;
    }

    fcr__intern *entry = fcr__calloc(1, sizeof *entry + length + 1);
    if (entry == NULL)
        return fcr__error_nomem();
    memcpy(entry->text, text, length + 1);
    entry->head.hash = hash;
    entry->head.length = length;
    entry->head.key = entry->text;
    fcr_status status = fcr__table_insert(&metrics->interns, &entry->head);
    if (status != FCR_OK) {
        fcr__free(entry);
        return status;
    }
    *out = entry;
    return FCR_OK;
}

/* Agents and targets are only read by their breakdowns and the result
 * callback, so without both their lookup is skipped and they stay NULL. */
static fcr_status intern_if_needed(fcr_metrics *metrics, const char *text,
                                   fcr_breakdown breakdown, fcr__intern **out)
{
    if (metrics->callback == NULL && !metrics->breakdowns[breakdown - 1]) {
        *out = NULL;
        return FCR_OK;
    }
    return intern(metrics, text, out);
}

static fcr_time window_end(const fcr_metrics *metrics, const fcr__intern *category, fcr_time from)
{
    const fcr__window *window = category->has_window ? &category->window : &metrics->window;
    fcr_time end = from;

    if (!window->business) {
        if (window->ms > FCR_TIME_MAX - from)
            return FCR_TIME_MAX;
        return from + window->ms;
    }

    /* The office hours were checked when the window was set, so the only
     * failure left is passing FCR_TIME_MAX. */
    if (window->days > 0 && fcr__business_add_days(&end, &metrics->policy->office, end,
                                                   window->days) != FCR_OK)
        return FCR_TIME_MAX;
    if (window->minutes > 0 && fcr__business_add_minutes(&end, &metrics->policy->office, end,
                                                         window->minutes) != FCR_OK)
        return FCR_TIME_MAX;
    return end;
}

static fcr_time release_time(const fcr_metrics *metrics, const mcontact *contact)
{
    fcr_time release = contact->end == FCR_TIME_MAX ? FCR_TIME_MAX : contact->end + 1;
    if (metrics->transfers) {
        fcr_time gap_end = contact->last_at > FCR_TIME_MAX - metrics->transfer_gap_ms
                               ? FCR_TIME_MAX
                               : contact->last_at + metrics->transfer_gap_ms;
        if (gap_end > release)
            release = gap_end;
    }
    return release;
}

/* --- release queues ------------------------------------------------------ */

/* A transfer can move a queued contact's release later, so a queue is only
 * nearly in order: a contact whose release time grew goes to the back when
 * it reaches the front. Results stay exact, because a contact released
 * later than it could be is still decided by its own window end. */
static fcr_status queue_push(fcr__engine *engine, size_t index, mcontact *contact)
{
    release_queue *queue = &engine->queues[index];
    if (queue->count == queue->capacity) {
        size_t capacity = queue->capacity == 0 ? 1024 : queue->capacity * 2;
        queue_item *items = fcr__malloc(capacity * sizeof *items);
        if (items == NULL)
            return fcr__error_nomem();
        for (size_t i = 0; i < queue->count; i++)
            items[i] = queue->items[(queue->head + i) & (queue->capacity - 1)];
        fcr__free(queue->items);
        queue->items = items;
        queue->capacity = capacity;
        queue->head = 0;
    }
    queue_item item = {contact->release, contact};
    queue->items[(queue->head + queue->count) & (queue->capacity - 1)] = item;
    queue->count++;
    engine->queued++;
    return FCR_OK;
}

static queue_item queue_pop(fcr__engine *engine, size_t index)
{
    release_queue *queue = &engine->queues[index];
    queue_item item = queue->items[queue->head];
    queue->head = (queue->head + 1) & (queue->capacity - 1);
    queue->count--;
    engine->queued--;
    return item;
}

static fcr_status add_queue(fcr__engine *engine)
{
    release_queue *queues = fcr__realloc(engine->queues, (engine->queue_count + 1) * sizeof *queues);
    if (queues == NULL)
        return fcr__error_nomem();
    memset(&queues[engine->queue_count], 0, sizeof *queues);
    engine->queues = queues;
    engine->queue_count++;
    return FCR_OK;
}

/* Finds the queue of a contact's window, creating it on first use. */
static fcr_status queue_of(fcr__engine *engine, fcr__intern *category, size_t *index)
{
    fcr_status status = FCR_OK;
    if (engine->queue_count == 0)
        status = add_queue(engine);
    if (status == FCR_OK && category->has_window && category->queue == 0) {
        status = add_queue(engine);
        category->queue = engine->queue_count - 1;
    }
    *index = category->has_window ? category->queue : 0;
    return status;
}

/* --- callers ----------------------------------------------------------------- */

static fcr_status caller_find_or_add(fcr__engine *engine, const mcontact *contact,
                                     caller_entry **out)
{
    const char *key = contact_caller(contact);
    size_t length = contact->caller_length;
    uint64_t hash = contact->caller_hash;
    fcr__table_entry *found = fcr__table_find(&engine->callers, hash, key, length);
    if (found != NULL) {
        *out = (caller_entry *)found;
        return FCR_OK;
    }

    bool in_slab = sizeof(caller_entry) + length + 1 <= CALLER_SLOT_SIZE;
    caller_entry *entry = in_slab ? slot_alloc(&engine->caller_slots)
                                  : fcr__malloc(sizeof *entry + length + 1);
    if (entry == NULL)
        return fcr__error_nomem();
    entry->in_slab = in_slab;
    memcpy(entry->key, key, length + 1);
    entry->head.hash = hash;
    entry->head.length = length;
    entry->head.key = entry->key;
    entry->first = NULL;
    entry->last = NULL;
    fcr_status status = fcr__table_insert(&engine->callers, &entry->head);
    if (status != FCR_OK) {
        fcr__free(entry);
        return status;
    }
    *out = entry;
    return FCR_OK;
}

static void caller_unlink(fcr__engine *engine, mcontact *contact)
{
    caller_entry *caller = contact->caller;
    if (contact->prev != NULL)
        contact->prev->next = contact->next;
    else
        caller->first = contact->next;
    if (contact->next != NULL)
        contact->next->prev = contact->prev;
    else
        caller->last = contact->prev;

    if (caller->first == NULL) {
        fcr__table_remove(&engine->callers, &caller->head);
        caller_free(engine, caller);
    }
}

/* Starts loading what processing `contact` will touch: with hundreds of
 * thousands of callers in one window, the caller table and the kept
 * contacts miss the caches, and each miss costs more than the work. The
 * slot is loaded LOOKAHEAD contacts ahead, the entry it points to half as
 * far ahead, when the slot is in the cache. */
static void prefetch_caller_slot(const fcr__engine *engine, const mcontact *contact)
{
    if (engine->callers.capacity > 0)
        PREFETCH(&engine->callers.slots[contact->caller_hash & (engine->callers.capacity - 1)]);
}

/* Finds the caller entry that a contact's slot points to, if the slot's
 * hash matches, without checking the key: only for prefetching. */
static const caller_entry *probable_caller(const fcr__engine *engine, const mcontact *contact)
{
    if (engine->callers.capacity == 0)
        return NULL;
    const fcr__table_slot *slot =
        &engine->callers.slots[contact->caller_hash & (engine->callers.capacity - 1)];
    if (slot->entry != NULL && slot->hash == contact->caller_hash)
        return (const caller_entry *)slot->entry;
    return NULL;
}

static void prefetch_caller_entry(const fcr__engine *engine, const mcontact *contact)
{
    const caller_entry *caller = probable_caller(engine, contact);
    if (caller != NULL)
        PREFETCH(caller);
}

/* The caller's kept contacts, which repeat matching reads. */
static void prefetch_caller_contacts(const fcr__engine *engine, const mcontact *contact)
{
    const caller_entry *caller = probable_caller(engine, contact);
    if (caller != NULL) {
        PREFETCH(caller->first);
        PREFETCH(caller->last);
    }
}

/* --- processing ---------------------------------------------------------------- */

/* Releases every kept contact that the stream has passed: nothing at or
 * after `now` can change it. */
static fcr_status release_until(fcr_metrics *metrics, fcr_time now)
{
    fcr__engine *engine = metrics->engine;
    for (size_t q = 0; q < engine->queue_count; q++) {
        release_queue *queue = &engine->queues[q];
        size_t mask = queue->capacity - 1;
        while (queue->count > 0 && queue->items[queue->head].release <= now) {
            /* Load the contacts about to be released, and their neighbours. */
            if (queue->count > 8)
                PREFETCH(queue->items[(queue->head + 8) & mask].contact);
            if (queue->count > 4) {
                const mcontact *soon = queue->items[(queue->head + 4) & mask].contact;
                PREFETCH(soon->caller);
                PREFETCH(soon->prev);
                PREFETCH(soon->next);
                prefetch_caller_slot(engine, soon);
            }
            queue_item item = queue_pop(engine, q);
            mcontact *contact = item.contact;
            if (contact->release > item.release) {
                /* A transfer extended the contact after it was queued. */
                fcr_status status = queue_push(engine, q, contact);
                if (status != FCR_OK)
                    return status;
                continue;
            }

            caller_unlink(engine, contact);
            fcr_status status = emit(metrics, contact,
                                     contact->repeat_id != NULL ? FCR_CONTACT_REPEATED
                                                                : FCR_CONTACT_RESOLVED,
                                     NULL);
            contact_free(metrics->engine, contact);
            if (status != FCR_OK)
                return status;
        }
    }
    return FCR_OK;
}

static fcr_status emit_excluded(fcr_metrics *metrics, mcontact *contact, fcr_exclusion why,
                                const char *merged_into)
{
    contact->exclusion = why;
    fcr_status status = emit(metrics, contact, FCR_CONTACT_EXCLUDED, merged_into);
    contact_free(metrics->engine, contact);
    return status;
}

/* Merges `leg` into the caller's latest kept contact when it is a
 * transfer, and sets *merged (the leg is then emitted and freed). */
static fcr_status try_transfer(fcr_metrics *metrics, mcontact *latest, mcontact *leg,
                               bool *merged)
{
    *merged = false;
    if (!metrics->transfers || latest == NULL || leg->at - latest->last_at >= metrics->transfer_gap_ms)
        return FCR_OK;

    latest->last_at = leg->at;
    latest->agent = leg->agent;
    latest->outcome = leg->outcome;
    latest->target = leg->target;
    latest->end = window_end(metrics, latest->category, latest->last_at);
    latest->release = release_time(metrics, latest);
    *merged = true;
    return emit_excluded(metrics, leg, FCR_EXCLUSION_TRANSFER, contact_id(latest));
}

/* Decides what a kept contact means for the contacts before it. */
static fcr_status match_repeats(fcr_metrics *metrics, caller_entry *caller, mcontact *contact)
{
    for (mcontact *earlier = caller->first; earlier != NULL; earlier = earlier->next) {
        if (earlier->last_at >= contact->at || contact->at > earlier->end)
            continue;
        if (metrics->category_match && earlier->category != contact->category)
            continue;
        /* Rows of one contact logged at different times never repeat it. */
        if (earlier->id_length == contact->id_length &&
            memcmp(contact_id(earlier), contact_id(contact), contact->id_length) == 0)
            continue;

        contact->is_repeat = true;
        if (earlier->repeat_id == NULL) {
            earlier->repeat_id = fcr__strndup(contact_id(contact), contact->id_length);
            if (earlier->repeat_id == NULL)
                return fcr__error_nomem();
        }
    }
    return FCR_OK;
}

static fcr_status process_contact(fcr_metrics *metrics, mcontact *contact)
{
    fcr__engine *engine = metrics->engine;

    if (contact->exclusion != FCR_EXCLUSION_NONE)
        return emit_excluded(metrics, contact, contact->exclusion, NULL);
    if (contact->direction == FCR_DIRECTION_OUTBOUND)
        return emit_excluded(metrics, contact, FCR_EXCLUSION_OUTBOUND, NULL);
    if (contact->caller_length == 0)
        return emit_excluded(metrics, contact, FCR_EXCLUSION_NO_CALLER, NULL);

    caller_entry *caller = NULL;
    fcr_status status = caller_find_or_add(engine, contact, &caller);
    if (status != FCR_OK) {
        contact_free(metrics->engine, contact);
        return status;
    }

    bool merged = false;
    if (caller == NULL) {
        contact_free(metrics->engine, contact);
        return fcr__error_nomem();
    }
    status = try_transfer(metrics, caller->last, contact, &merged);
    if (merged || status != FCR_OK)
        return status;

    size_t queue = 0;
    status = match_repeats(metrics, caller, contact);
    if (status == FCR_OK)
        status = queue_of(engine, contact->category, &queue);
    if (status == FCR_OK) {
        contact->end = window_end(metrics, contact->category, contact->at);
        contact->release = release_time(metrics, contact);
        status = queue_push(engine, queue, contact);
    }
    if (status != FCR_OK) {
        if (caller->first == NULL) {
            fcr__table_remove(&engine->callers, &caller->head);
            caller_free(engine, caller);
        }
        contact_free(metrics->engine, contact);
        return status;
    }

    contact->caller = caller;
    contact->prev = caller->last;
    contact->next = NULL;
    if (caller->last != NULL)
        caller->last->next = contact;
    else
        caller->first = contact;
    caller->last = contact;
    return FCR_OK;
}

static int compare_in_batch(const void *left, const void *right)
{
    const mcontact *a = *(const mcontact *const *)left;
    const mcontact *b = *(const mcontact *const *)right;
    if (a->at != b->at)
        return a->at < b->at ? -1 : 1;
    int order = strcmp(contact_id(a), contact_id(b));
    if (order != 0)
        return order;
    return a->sequence < b->sequence ? -1 : (a->sequence > b->sequence ? 1 : 0);
}

/* NOTE: duplicates are rows with the same id and the same time. Rows of
 * one id at different times stay separate contacts (they never repeat
 * each other), because the earlier row may already be final and gone. */
static bool same_contact(const mcontact *a, const mcontact *b)
{
    return a->at == b->at && a->id_length == b->id_length &&
           memcmp(contact_id(a), contact_id(b), a->id_length) == 0;
}

/* Processes the contacts of the batch whose time group is complete, in
 * order of (time, id, input order): the last row of each (id, time) wins,
 * the others are duplicates. Unless `final`, LOOKAHEAD contacts stay
 * unprocessed so that their memory can be loaded ahead. */
static fcr_status process_ready(fcr_metrics *metrics, bool final)
{
    fcr__engine *engine = metrics->engine;
    mcontact **batch = engine->batch;
    size_t count = engine->batch_count;
    size_t start = 0;
    fcr_status status = FCR_OK;

    while (start < count && (final || count - start > LOOKAHEAD)) {
        size_t end = start + 1;
        while (end < count && batch[end]->at == batch[start]->at)
            end++;
        if (end == count && !final)
            break; /* more contacts of this time may come */

        status = release_until(metrics, batch[start]->at);
        if (status != FCR_OK)
            break;
        if (end - start > 1 && metrics->order == FCR_METRICS_ORDER_SORTED)
            qsort(batch + start, end - start, sizeof *batch, compare_in_batch);

        for (size_t i = start; i < end; i++) {
            if (i + LOOKAHEAD < count)
                prefetch_caller_slot(engine, batch[i + LOOKAHEAD]);
            if (i + LOOKAHEAD / 2 < count)
                prefetch_caller_entry(engine, batch[i + LOOKAHEAD / 2]);
            if (i + LOOKAHEAD / 4 < count)
                prefetch_caller_contacts(engine, batch[i + LOOKAHEAD / 4]);

            mcontact *contact = batch[i];
            batch[i] = NULL;
            if (i + 1 < end && same_contact(contact, batch[i + 1]))
                status = emit_excluded(metrics, contact, FCR_EXCLUSION_DUPLICATE, NULL);
            else
                status = process_contact(metrics, contact);
            if (status != FCR_OK) {
                start = i + 1;
                goto done;
            }
        }
        start = end;
    }

done:
    if (start > 0) {
        memmove(batch, batch + start, (count - start) * sizeof *batch);
        engine->batch_count = count - start;
    }
    return status;
}

/* --- the public entry points ------------------------------------------------------ */

fcr_status fcr_metrics_new(fcr_metrics **out, fcr_policy *policy)
{
    if (out == NULL)
        return fcr__error(FCR_EINVAL, "fcr_metrics_new: out is NULL");

    fcr_metrics *metrics = fcr__calloc(1, sizeof *metrics);
    if (metrics == NULL)
        return fcr__error_nomem();
    metrics->engine = fcr__calloc(1, sizeof *metrics->engine);
    if (metrics->engine == NULL) {
        fcr__free(metrics);
        return fcr__error_nomem();
    }
    metrics->engine->contact_slots.slot_size = SLOT_SIZE;
    metrics->engine->caller_slots.slot_size = CALLER_SLOT_SIZE;

    if (policy != NULL) {
        metrics->policy = fcr__policy_retain(policy);
    } else {
        fcr_status status = fcr_policy_new(&metrics->policy);
        if (status != FCR_OK) {
            fcr__free(metrics->engine);
            fcr__free(metrics);
            return status;
        }
    }

    fcr__window_parse(FCR_METRICS_DEFAULT_WINDOW, &metrics->window);
    metrics->category_match = true;
    metrics->data_end_option = FCR_TIME_NONE;
    metrics->latest = FCR_TIME_NONE;
    metrics->data_end = FCR_TIME_NONE;
    metrics->order = FCR_METRICS_ORDER_ANY;
    for (int b = 0; b < FCR__GROUP_BREAKDOWNS; b++)
        metrics->breakdowns[b] = true;
    *out = metrics;
    return FCR_OK;
}

void fcr_metrics_free(fcr_metrics *metrics)
{
    if (metrics == NULL)
        return;

    fcr__engine *engine = metrics->engine;
    for (size_t i = 0; i < engine->batch_count; i++)
        contact_free(engine, engine->batch[i]);
    fcr__free(engine->batch);
    for (size_t q = 0; q < engine->queue_count; q++) {
        release_queue *queue = &engine->queues[q];
        for (size_t i = 0; i < queue->count; i++)
            contact_free(engine, queue->items[(queue->head + i) & (queue->capacity - 1)].contact);
        fcr__free(queue->items);
    }
    fcr__free(engine->queues);
    for (size_t i = 0; i < engine->callers.capacity; i++) {
        if (engine->callers.slots[i].entry != NULL)
            caller_free(engine, (caller_entry *)engine->callers.slots[i].entry);
    }
    fcr__table_free(&engine->callers);
    slab_free(&engine->contact_slots);
    slab_free(&engine->caller_slots);
    fcr__free(engine);

    for (size_t i = 0; i < metrics->interns.capacity; i++)
        fcr__free(metrics->interns.slots[i].entry);
    fcr__table_free(&metrics->interns);
    for (int b = 0; b < FCR__GROUP_BREAKDOWNS; b++)
        fcr__free(metrics->groups[b]);
    fcr_policy_free(metrics->policy);
    fcr__free(metrics);
}

static fcr_status check_settable(const fcr_metrics *metrics, const char *function)
{
    if (metrics == NULL)
        return fcr__error(FCR_EINVAL, "%s: metrics is NULL", function);
    if (metrics->started)
        return fcr__error(FCR_ESTATE, "%s: contacts were already added; set the definitions "
                                      "before the first contact", function);
    return FCR_OK;
}

/* Checks that a business window can be computed with the policy's hours. */
static fcr_status check_window(const fcr_metrics *metrics, const fcr__window *window)
{
    if (!window->business)
        return FCR_OK;
    fcr__business_span span = {window->minutes, window->days};
    fcr_time end;
    return fcr__policy_add_business_span(&end, metrics->policy, 0, span);
}

static fcr_status parse_window(const fcr_metrics *metrics, const char *text, const char *what,
                               fcr__window *out)
{
    if (text == NULL || !fcr__window_parse(text, out))
        return fcr__error_field(FCR_EINVAL, what,
                                "%s is not a valid duration; write an amount and a unit such as "
                                "7d, 72h, 90m or 3bd (business days)", what);
    return check_window(metrics, out);
}

fcr_status fcr_metrics_set_window(fcr_metrics *metrics, const char *duration)
{
    fcr_status status = check_settable(metrics, "fcr_metrics_set_window");
    if (status != FCR_OK)
        return status;
    fcr__window window;
    status = parse_window(metrics, duration, "window", &window);
    if (status == FCR_OK)
        metrics->window = window;
    return status;
}

fcr_status fcr_metrics_set_category_window(fcr_metrics *metrics, const char *category,
                                           const char *duration)
{
    fcr_status status = check_settable(metrics, "fcr_metrics_set_category_window");
    if (status == FCR_OK)
        status = fcr__check_text(category, "category", false);
    if (status != FCR_OK)
        return status;

    fcr__window window = {false, 0, 0, 0};
    if (duration != NULL) {
        status = parse_window(metrics, duration, "category window", &window);
        if (status != FCR_OK)
            return status;
    }

    fcr__intern *entry = NULL;
    status = intern(metrics, category, &entry);
    if (status != FCR_OK)
        return status;
    entry->has_window = duration != NULL;
    entry->window = window;
    return FCR_OK;
}

fcr_status fcr_metrics_set_category_match(fcr_metrics *metrics, int match)
{
    fcr_status status = check_settable(metrics, "fcr_metrics_set_category_match");
    if (status == FCR_OK)
        metrics->category_match = match != 0;
    return status;
}

fcr_status fcr_metrics_set_transfer_gap(fcr_metrics *metrics, const char *gap)
{
    fcr_status status = check_settable(metrics, "fcr_metrics_set_transfer_gap");
    if (status != FCR_OK)
        return status;
    if (gap == NULL) {
        metrics->transfers = false;
        metrics->transfer_gap_ms = 0;
        return FCR_OK;
    }

    fcr__window window;
    if (!fcr__window_parse(gap, &window) || window.business)
        return fcr__error_field(FCR_EINVAL, "transfer gap",
                                "the transfer gap is not a valid calendar duration; write an "
                                "amount and a unit such as 15m or 90s");
    metrics->transfers = true;
    metrics->transfer_gap_ms = window.ms;
    return FCR_OK;
}

fcr_status fcr_metrics_set_data_end(fcr_metrics *metrics, fcr_time end)
{
    fcr_status status = check_settable(metrics, "fcr_metrics_set_data_end");
    if (status != FCR_OK)
        return status;
    if (end < FCR_TIME_MIN || end > FCR_TIME_MAX)
        return fcr__error(FCR_EINVAL, "fcr_metrics_set_data_end: the instant is out of range");
    metrics->data_end_option = end;
    return FCR_OK;
}

fcr_status fcr_metrics_set_order(fcr_metrics *metrics, fcr_metrics_order order)
{
    fcr_status status = check_settable(metrics, "fcr_metrics_set_order");
    if (status != FCR_OK)
        return status;
    if (order != FCR_METRICS_ORDER_ANY && order != FCR_METRICS_ORDER_SORTED)
        return fcr__error(FCR_EINVAL, "fcr_metrics_set_order: unknown order %d", (int)order);
    metrics->order = order;
    return FCR_OK;
}

fcr_status fcr_metrics_set_breakdown(fcr_metrics *metrics, fcr_breakdown breakdown, int enabled)
{
    fcr_status status = check_settable(metrics, "fcr_metrics_set_breakdown");
    if (status != FCR_OK)
        return status;
    if (breakdown == FCR_BREAKDOWN_TOTAL && enabled)
        return FCR_OK;
    if (breakdown < FCR_BREAKDOWN_AGENT || breakdown > FCR_BREAKDOWN_TARGET)
        return fcr__error(FCR_EINVAL, "fcr_metrics_set_breakdown: unknown breakdown %d or the "
                                      "total, which is always on", (int)breakdown);
    metrics->breakdowns[breakdown - 1] = enabled != 0;
    return FCR_OK;
}

fcr_status fcr_metrics_set_result_callback(fcr_metrics *metrics, fcr_metrics_result_fn callback,
                                           void *userdata)
{
    fcr_status status = check_settable(metrics, "fcr_metrics_set_result_callback");
    if (status != FCR_OK)
        return status;
    metrics->callback = callback;
    metrics->userdata = userdata;
    return FCR_OK;
}

/* Reads a field of a caller's contact struct only when its `size` says the
 * caller's version has it. */
#define CONTACT_HAS(contact, field) \
    ((contact)->size >= offsetof(fcr_contact, field) + sizeof((contact)->field))

static fcr_status check_optional_text(const char *text, const char *what)
{
    if (text != NULL && !fcr__utf8_valid(text, strlen(text)))
        return fcr__error_field(FCR_EINVAL, what, "the contact's %s is not valid UTF-8", what);
    return FCR_OK;
}

static fcr_status make_contact(fcr_metrics *metrics, const fcr_contact *in,
                               const fcr__contact_items *items, fcr_exclusion forced,
                               mcontact **out)
{
    if (!CONTACT_HAS(in, at))
        return fcr__error(FCR_EINVAL, "fcr_metrics_add_contact: contact->size is %zu, smaller "
                                      "than any version of fcr_contact; start from "
                                      "FCR_CONTACT_INIT", in->size);

    size_t id_length = in->id == NULL ? 0 : strlen(in->id);
    if (id_length == 0 || id_length > MAX_ID_BYTES || !fcr__utf8_valid(in->id, id_length))
        return fcr__error_field(FCR_EINVAL, "id", "the contact id is missing, longer than %d "
                                                  "bytes or not valid UTF-8", MAX_ID_BYTES);
    if (in->at < FCR_TIME_MIN || in->at > FCR_TIME_MAX)
        return fcr__error_field(FCR_EINVAL, "at", "the contact time is missing or out of range");

    const char *caller = in->caller == NULL ? "" : in->caller;
    size_t caller_length = strlen(caller);
    if (caller_length > MAX_KEY_BYTES || !fcr__utf8_valid(caller, caller_length))
        return fcr__error_field(FCR_EINVAL, "caller", "the caller key is longer than %d bytes or "
                                                      "not valid UTF-8", MAX_KEY_BYTES);

    fcr_direction direction = CONTACT_HAS(in, direction) ? in->direction : FCR_DIRECTION_INBOUND;
    const char *category = CONTACT_HAS(in, category) ? in->category : NULL;
    const char *agent = CONTACT_HAS(in, agent) ? in->agent : NULL;
    fcr_outcome outcome = CONTACT_HAS(in, outcome) ? in->outcome : FCR_OUTCOME_NONE;
    const char *target = CONTACT_HAS(in, target) ? in->target : NULL;

    if (direction != FCR_DIRECTION_INBOUND && direction != FCR_DIRECTION_OUTBOUND)
        return fcr__error_field(FCR_EINVAL, "direction", "the contact direction is unknown");
    if (outcome < FCR_OUTCOME_NONE || outcome > FCR_OUTCOME_MOVED_FORWARD)
        return fcr__error_field(FCR_EINVAL, "outcome", "the contact outcome is unknown");
    fcr_status status = check_optional_text(category, "category");
    if (status == FCR_OK)
        status = check_optional_text(agent, "agent");
    if (status == FCR_OK)
        status = check_optional_text(target, "target");
    if (status != FCR_OK)
        return status;

    size_t size = sizeof(mcontact) + id_length + caller_length + 2;
    bool in_slab = size <= SLOT_SIZE;
    mcontact *contact = in_slab ? slot_alloc(&metrics->engine->contact_slots) : fcr__malloc(size);
    if (contact == NULL)
        return fcr__error_nomem();
    memset(contact, 0, sizeof *contact);
    contact->in_slab = in_slab;
    memcpy(contact->text, in->id, id_length + 1);
    memcpy(contact->text + id_length + 1, caller, caller_length + 1);
    contact->id_length = id_length;
    contact->caller_length = caller_length;
    contact->caller_hash = fcr__hash_bytes(caller, caller_length);
    contact->at = in->at;
    contact->last_at = in->at;
    contact->direction = direction;
    contact->outcome = outcome;
    contact->exclusion = forced;
    contact->sequence = metrics->sequence++;
    if (items != NULL) {
        contact->has_items = true;
        contact->items = *items;
    }

    status = intern(metrics, category, &contact->category);
    if (status == FCR_OK)
        status = intern_if_needed(metrics, agent, FCR_BREAKDOWN_AGENT, &contact->agent);
    if (status == FCR_OK)
        status = intern_if_needed(metrics, target, FCR_BREAKDOWN_TARGET, &contact->target);
    if (status != FCR_OK) {
        contact_free(metrics->engine, contact);
        return status;
    }
    *out = contact;
    return FCR_OK;
}

static fcr_status check_adding(const fcr_metrics *metrics, const char *function)
{
    if (metrics->finished)
        return fcr__error(FCR_ESTATE, "%s: the analysis is finished", function);
    if (metrics->stopped)
        return fcr__error(FCR_ESTATE, "%s: the analysis stopped after an earlier failure",
                          function);
    return FCR_OK;
}

fcr_status fcr__metrics_add(fcr_metrics *metrics, const fcr_contact *contact,
                            const fcr__contact_items *items, fcr_exclusion forced)
{
    fcr_status status = check_adding(metrics, "fcr_metrics_add_contact");
    if (status != FCR_OK)
        return status;

    fcr__engine *engine = metrics->engine;
    if (metrics->order == FCR_METRICS_ORDER_SORTED && metrics->latest != FCR_TIME_NONE &&
        contact->at < metrics->latest)
        return fcr__error_field(FCR_EINVAL, "at",
                                "the contact is earlier than the contact before it, but the "
                                "order was declared sorted; sort the input by time or use "
                                "FCR_METRICS_ORDER_ANY");

    mcontact *made = NULL;
    status = make_contact(metrics, contact, items, forced, &made);
    if (status != FCR_OK)
        return status;
    metrics->started = true;

    status = fcr__grow((void **)&engine->batch, &engine->batch_capacity, engine->batch_count + 1,
                       sizeof *engine->batch);
    if (status != FCR_OK) {
        contact_free(metrics->engine, made);
        return status;
    }
    engine->batch[engine->batch_count++] = made;

    if (metrics->order == FCR_METRICS_ORDER_SORTED) {
        prefetch_caller_slot(engine, made);
        status = process_ready(metrics, false);
        if (status != FCR_OK) {
            metrics->stopped = true;
            return status;
        }
    }
    if (metrics->latest == FCR_TIME_NONE || made->at > metrics->latest)
        metrics->latest = made->at;
    return FCR_OK;
}

fcr_status fcr_metrics_add_contact(fcr_metrics *metrics, const fcr_contact *contact)
{
    if (metrics == NULL || contact == NULL)
        return fcr__error(FCR_EINVAL, "fcr_metrics_add_contact: metrics and contact must not be NULL");
    return fcr__metrics_add(metrics, contact, NULL, FCR_EXCLUSION_NONE);
}

static int compare_groups(const void *left, const void *right)
{
    const fcr__group *a = left, *b = right;
    return strcmp(a->name, b->name);
}

static fcr_status collect_groups(fcr_metrics *metrics)
{
    for (int b = 0; b < FCR__GROUP_BREAKDOWNS; b++) {
        if (!metrics->breakdowns[b])
            continue;
        size_t count = 0;
        for (size_t i = 0; i < metrics->interns.capacity; i++) {
            const fcr__intern *entry = (const fcr__intern *)metrics->interns.slots[i].entry;
            count += entry != NULL && entry->used[b];
        }
        metrics->groups[b] = fcr__calloc(count == 0 ? 1 : count, sizeof *metrics->groups[b]);
        if (metrics->groups[b] == NULL)
            return fcr__error_nomem();

        size_t n = 0;
        for (size_t i = 0; i < metrics->interns.capacity; i++) {
            const fcr__intern *entry = (const fcr__intern *)metrics->interns.slots[i].entry;
            if (entry == NULL || !entry->used[b])
                continue;
            metrics->groups[b][n].name = entry->text;
            metrics->groups[b][n].counters = entry->counters[b];
            n++;
        }
        qsort(metrics->groups[b], count, sizeof *metrics->groups[b], compare_groups);
        metrics->group_count[b] = count;
    }
    return FCR_OK;
}

fcr_status fcr_metrics_finish(fcr_metrics *metrics)
{
    if (metrics == NULL)
        return fcr__error(FCR_EINVAL, "fcr_metrics_finish: metrics is NULL");
    fcr_status status = check_adding(metrics, "fcr_metrics_finish");
    if (status != FCR_OK)
        return status;

    fcr__engine *engine = metrics->engine;
    metrics->data_end = metrics->latest;
    if (metrics->data_end_option != FCR_TIME_NONE &&
        (metrics->data_end == FCR_TIME_NONE || metrics->data_end_option > metrics->data_end))
        metrics->data_end = metrics->data_end_option;

    /* In ANY mode the batch holds every contact; sorting it by time first
     * turns it into the stream that SORTED mode sees. */
    if (metrics->order == FCR_METRICS_ORDER_ANY && engine->batch_count > 1)
        qsort(engine->batch, engine->batch_count, sizeof *engine->batch, compare_in_batch);
    status = process_ready(metrics, true);

    /* Everything the data decides is released as in the stream; the rest
     * is repeated or provisional. */
    if (status == FCR_OK && metrics->data_end != FCR_TIME_NONE)
        status = release_until(metrics, metrics->data_end);
    for (size_t q = 0; q < engine->queue_count && status == FCR_OK; q++) {
        while (status == FCR_OK && engine->queues[q].count > 0) {
            mcontact *contact = queue_pop(engine, q).contact;
            caller_unlink(engine, contact);
            fcr_contact_status result = FCR_CONTACT_PROVISIONAL;
            if (contact->repeat_id != NULL)
                result = FCR_CONTACT_REPEATED;
            else if (contact->end <= metrics->data_end)
                result = FCR_CONTACT_RESOLVED;
            status = emit(metrics, contact, result, NULL);
            contact_free(metrics->engine, contact);
        }
    }

    if (status == FCR_OK)
        status = collect_groups(metrics);
    if (status != FCR_OK) {
        metrics->stopped = true;
        return status;
    }
    metrics->finished = true;
    return FCR_OK;
}

/* --- reading the results ------------------------------------------------------ */

const uint64_t *fcr__metrics_counters(const fcr_metrics *metrics, fcr_breakdown breakdown,
                                      size_t index)
{
    if (metrics == NULL || !metrics->finished)
        return NULL;
    if (breakdown == FCR_BREAKDOWN_TOTAL)
        return index == 0 ? metrics->total : NULL;
    if (breakdown < FCR_BREAKDOWN_AGENT || breakdown > FCR_BREAKDOWN_TARGET)
        return NULL;
    int b = (int)breakdown - 1;
    if (!metrics->breakdowns[b] || index >= metrics->group_count[b])
        return NULL;
    return metrics->groups[b][index].counters;
}

double fcr__metrics_rate_of(const uint64_t counters[FCR__COUNTER_COUNT], fcr_rate_kind rate)
{
    uint64_t final_count = counters[FCR_COUNT_RESOLVED] + counters[FCR_COUNT_REPEATED];
    if (final_count == 0)
        return -1.0;
    uint64_t part;
    switch (rate) {
    case FCR_RATE_FCR: part = counters[FCR_COUNT_RESOLVED]; break;
    case FCR_RATE_REPEAT_CONTACT: part = counters[FCR_COUNT_REPEAT_CONTACTS]; break;
    case FCR_RATE_ESCALATION: part = counters[FCR_COUNT_ESCALATED]; break;
    default: return -1.0;
    }
    return (double)part / (double)final_count;
}

size_t fcr_metrics_group_count(const fcr_metrics *metrics, fcr_breakdown breakdown)
{
    if (metrics == NULL || !metrics->finished)
        return 0;
    if (breakdown == FCR_BREAKDOWN_TOTAL)
        return 1;
    if (breakdown < FCR_BREAKDOWN_AGENT || breakdown > FCR_BREAKDOWN_TARGET ||
        !metrics->breakdowns[breakdown - 1])
        return 0;
    return metrics->group_count[breakdown - 1];
}

const char *fcr_metrics_group_name(const fcr_metrics *metrics, fcr_breakdown breakdown,
                                   size_t index)
{
    if (fcr__metrics_counters(metrics, breakdown, index) == NULL)
        return NULL;
    if (breakdown == FCR_BREAKDOWN_TOTAL)
        return "total";
    return metrics->groups[breakdown - 1][index].name;
}

uint64_t fcr_metrics_count(const fcr_metrics *metrics, fcr_breakdown breakdown, size_t index,
                           fcr_metrics_counter counter)
{
    const uint64_t *counters = fcr__metrics_counters(metrics, breakdown, index);
    if (counters == NULL || counter < FCR_COUNT_CONTACTS || counter > FCR_COUNT_ESCALATED)
        return 0;
    return counters[counter];
}

double fcr_metrics_rate(const fcr_metrics *metrics, fcr_breakdown breakdown, size_t index,
                        fcr_rate_kind rate)
{
    const uint64_t *counters = fcr__metrics_counters(metrics, breakdown, index);
    if (counters == NULL)
        return -1.0;
    return fcr__metrics_rate_of(counters, rate);
}

uint64_t fcr_metrics_excluded(const fcr_metrics *metrics, fcr_exclusion exclusion)
{
    if (metrics == NULL || exclusion < FCR_EXCLUSION_NONE || exclusion >= FCR_EXCLUSION_COUNT)
        return 0;
    return metrics->excluded[exclusion];
}

fcr_time fcr_metrics_data_end(const fcr_metrics *metrics)
{
    if (metrics == NULL)
        return FCR_TIME_NONE;
    return metrics->finished ? metrics->data_end : metrics->latest;
}

uint64_t fcr_metrics_item_calls(const fcr_metrics *metrics, fcr_item item, fcr_result result)
{
    if (metrics == NULL || (unsigned)item >= FCR_ITEM_COUNT || (unsigned)result >= FCR__RESULT_COUNT)
        return 0;
    return metrics->item_calls[item][result];
}

uint64_t fcr_metrics_item_count(const fcr_metrics *metrics, fcr_item item, fcr_result result,
                                fcr_metrics_counter counter)
{
    if (metrics == NULL || (unsigned)item >= FCR_ITEM_COUNT ||
        (unsigned)result >= FCR__RESULT_COUNT || (unsigned)counter >= FCR__COUNTER_COUNT)
        return 0;
    return metrics->item_counters[item][result][counter];
}
