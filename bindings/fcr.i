/* SPDX-License-Identifier: MIT */
/*
 * The language-neutral SWIG interface of libfcr, included by
 * python/fcr_python.i and lua/fcr_lua.i.
 *
 * Every class is a small box around one libfcr handle, so that close() can
 * free the handle and leave the box behind: a method called on a closed box
 * raises instead of touching freed memory, and the garbage collector frees
 * the box alone. Failures are recorded in a thread-local "pending" slot by
 * the C code below and raised by the one %exception block, which calls the
 * language's BIND_RAISE_PENDING() from the including file.
 *
 * The including file must define, before %include "fcr.i":
 *   BIND_RAISE_PENDING()   raise bind_pending as the language's error
 *   BIND_METHOD_SEPARATOR  "." or ":", between class and method in the
 *                          names that replace C function names in messages
 *   BIND_CLASS_PREFIX      "" or "fcr.", before a class name there
 *   BIND_NONE_TEXT         "None" or "nil", what reprs show for a missing
 *                          value
 * and typemaps for fcr_time, bind_tristate, bind_index, bind_rate,
 * bind_strings, bind_indexes, the object lists and
 * (const char *const *phrases, size_t count).
 */

%{
#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcr/fcr.h>

/* SWIG emits the bodies of %extend methods where each class is declared,
 * before helpers defined further down, so the boxes and the helpers those
 * bodies call are declared here. */
typedef struct bind_policy { fcr_policy *handle; } bind_policy;
typedef struct bind_event { fcr_event *handle; } bind_event;
typedef struct bind_call { fcr_call *handle; } bind_call;
typedef struct bind_scorecard { fcr_scorecard *handle; } bind_scorecard;
typedef struct bind_guidance { fcr_guidance *handle; } bind_guidance;
typedef struct bind_transcript { fcr_transcript *handle; } bind_transcript;
typedef struct bind_rules { fcr_rules *handle; } bind_rules;
typedef struct bind_reader bind_reader;
typedef struct bind_batch bind_batch;
typedef struct bind_concern bind_concern;
typedef struct bind_deviation bind_deviation;
typedef struct bind_item bind_item;
typedef struct bind_missing bind_missing;
typedef struct bind_turn bind_turn;
typedef struct bind_contact bind_contact;
typedef struct bind_contact_result bind_contact_result;
typedef struct bind_contact_reader bind_contact_reader;

static bind_scorecard *bind_scorecard_box(fcr_scorecard *handle);
static bind_guidance *bind_guidance_box(fcr_guidance *handle);
static void bind_concern_free(void *item);
static bind_concern *bind_concern_copy(const fcr_concern *source);
static void bind_deviation_free(void *item);
static void bind_item_free(void *item);
static bind_item *bind_item_copy(const fcr_scorecard *scorecard, fcr_item which);
static void bind_missing_free(void *item);
static size_t bind_scorecard_count(const fcr_scorecard *scorecard, fcr_result result);
static void bind_batch_free(bind_batch *batch);
static void bind_turn_free(void *item);
static void bind_contact_free(bind_contact *contact);

/* Text for __repr__ and __tostring. SWIG copies it into a host string
 * before the next call on the same thread; being thread-local, it is never
 * overwritten by a call on another thread meanwhile. */
static _Thread_local char bind_repr_text[640];
%}

%include "fcr_support.i"
%include "fcr_records.i"
%include "fcr_results.i"
%include "fcr_reader.i"
%include "fcr_metrics.i"
%include "fcr_transcript.i"
%include "fcr_contacts.i"
