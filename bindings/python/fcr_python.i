/* SPDX-License-Identifier: MIT */
/*
 * Python glue of the libfcr binding: the exception classes, conversions of
 * times and lists, the GIL release around batch work, and the Python-only
 * conveniences (context managers, iteration, read_calls(), score_file()).
 * The classes and their methods come from ../fcr.i.
 */

%define FCR_DOCSTRING
"Python binding of libfcr, the first-call-resolution workflow library for
medical offices' phone calls.

Build a call with Call and Event, or read recorded calls with read_calls();
score them with Call.score() and write the chart note with Call.note().
Every failure raises a subclass of fcr.Error."
%enddef

%module(threads="1", docstring=FCR_DOCSTRING) fcr

%begin %{
#define PY_SSIZE_T_CLEAN
%}

%{
#include <datetime.h>
#include <stdbool.h>

/* Defined after fcr.i's C code, used by the typemaps below. */
static void bind_py_raise_pending(void);
static bool bind_py_to_time(PyObject *object, long long *out);
static PyObject *bind_py_from_time(long long time);

#define BIND_RAISE_PENDING() bind_py_raise_pending()
#define BIND_METHOD_SEPARATOR "."
#define BIND_NONE_TEXT "None"
#define BIND_CLASS_PREFIX ""
%}

/* Only the batch calls release the GIL: for short calls, releasing and
 * taking it again costs more than it saves. */
%nothread;
%thread bind_reader::next;
%thread bind_reader::score_batch;
%thread bind_transcript::load;
%thread bind_transcript::load_file;
%thread bind_transcript::load_textgrid;
%thread bind_transcript::load_textgrid_files;
%thread bind_call::from_transcript;
%thread bind_contact_reader::feed;
%thread bind_metrics::finish;

%feature("kwargs");
%include "fcr_docstrings.i"

/* Event(type, at, concern=None, **fields) sets the fields as it creates
 * the event, and Call.append() also takes a dict of the same arguments. */
%feature("shadow") bind_event::bind_event %{
    def __init__(self, type, at, concern=None, **fields):
        _fcr.Event_swiginit(self, _fcr.new_Event(type, at))
        if concern is not None:
            self.concern = concern
        for name, value in fields.items():
            self.set(name, value)
%}

%rename(_append) bind_call::append;

/* ---- Typemaps ----------------------------------------------------------- */

/* Text arguments: str, or None where the C function accepts NULL. A NUL
 * character would silently cut the text, so it is rejected. */
%typemap(in, noblock=1) const char * (int res, char *buffer = 0, size_t size = 0, int alloc = 0) {
  res = SWIG_AsCharPtrAndSize($input, &buffer, &size, &alloc);
  if (!SWIG_IsOK(res)) {
    %argument_fail(res, "str", $symname, $argnum);
  }
  if (buffer != NULL && size > 0 && strlen(buffer) != size - 1) {
    bind_fail(FCR_EINVAL, "argument %d of %s contains a NUL character", $argnum, "$symname");
    BIND_RAISE_PENDING();
    SWIG_fail;
  }
  $1 = buffer;
}
%typemap(freearg, noblock=1, match="in") const char * {
  if (alloc$argnum == SWIG_NEWOBJ) %delete_array(buffer$argnum);
}

/* A document as str or bytes; NUL characters are left for the parser to
 * reject with a position. */
%typemap(in) (const char *text, size_t length) (Py_ssize_t size = 0) {
  if (PyUnicode_Check($input)) {
    $1 = (char *)PyUnicode_AsUTF8AndSize($input, &size);
    if ($1 == NULL)
      SWIG_fail;
  } else if (PyBytes_Check($input)) {
    char *bytes = NULL;
    if (PyBytes_AsStringAndSize($input, &bytes, &size) < 0)
      SWIG_fail;
    $1 = bytes;
  } else {
    PyErr_SetString(PyExc_TypeError, "expected str or bytes");
    SWIG_fail;
  }
  $2 = (size_t)size;
}

/* A sequence of str, or None for an empty list. */
%typemap(in) (const char *const *phrases, size_t count) (PyObject *sequence = NULL) {
  $1 = NULL;
  $2 = 0;
  if ($input != Py_None) {
    if (PyUnicode_Check($input)) {
      PyErr_SetString(PyExc_TypeError, "expected a sequence of str, not one str");
      SWIG_fail;
    }
    sequence = PySequence_Fast($input, "expected a sequence of str");
    if (sequence == NULL)
      SWIG_fail;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(sequence);
    $1 = calloc(count > 0 ? (size_t)count : 1, sizeof(char *));
    if ($1 == NULL) {
      PyErr_NoMemory();
      SWIG_fail;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
      PyObject *item = PySequence_Fast_GET_ITEM(sequence, i);
      const char *text = PyUnicode_Check(item) ? PyUnicode_AsUTF8(item) : NULL;
      if (text == NULL) {
        if (!PyErr_Occurred())
          PyErr_SetString(PyExc_TypeError, "expected a sequence of str");
        SWIG_fail;
      }
      ((const char **)$1)[i] = text;
    }
    $2 = (size_t)count;
  }
}
%typemap(freearg) (const char *const *phrases, size_t count) {
  free((void *)$1);
  Py_XDECREF(sequence$argnum);
}

/* Instants: a timezone-aware datetime, RFC 3339 text, or an int of
 * milliseconds since the Unix epoch in; an aware UTC datetime or None out. */
%typemap(in) fcr_time {
  long long value = 0;
  if (!bind_py_to_time($input, &value))
    SWIG_fail;
  $1 = value;
}
%typemap(out) fcr_time {
  $result = bind_py_from_time($1);
  if ($result == NULL)
    SWIG_fail;
}

%typemap(out) bind_tristate {
  if ($1 < 0) {
    $result = Py_None;
    Py_INCREF($result);
  } else {
    $result = PyBool_FromLong($1);
  }
}

%typemap(out) bind_index {
  if ($1 == SIZE_MAX) {
    $result = Py_None;
    Py_INCREF($result);
  } else {
    $result = PyLong_FromSize_t($1);
  }
}

%typemap(out) bind_rate {
  if ($1 < 0) {
    $result = Py_None;
    Py_INCREF($result);
  } else {
    $result = PyFloat_FromDouble($1);
  }
}

/* Seconds of a turn: a number, or None when unknown. */
%typemap(in) bind_seconds {
  if ($input == Py_None) {
    $1 = -1;
  } else {
    $1 = PyFloat_AsDouble($input);
    if ($1 == -1.0 && PyErr_Occurred())
      SWIG_fail;
    if ($1 < 0) {
      bind_fail(FCR_EINVAL, "argument %d of %s must be seconds from 0, or None when unknown",
                $argnum, "$symname");
      BIND_RAISE_PENDING();
      SWIG_fail;
    }
  }
}
%typemap(out) bind_seconds {
  if ($1 < 0) {
    $result = Py_None;
    Py_INCREF($result);
  } else {
    $result = PyFloat_FromDouble($1);
  }
}

%typemap(out) bind_strings {
  $result = PyList_New((Py_ssize_t)$1.count);
  for (size_t i = 0; $result != NULL && i < $1.count; i++) {
    PyObject *text = PyUnicode_DecodeUTF8($1.items[i], (Py_ssize_t)strlen($1.items[i]), "replace");
    if (text == NULL) {
      Py_CLEAR($result);
      break;
    }
    PyList_SET_ITEM($result, (Py_ssize_t)i, text);
  }
  free($1.items);
  if ($result == NULL)
    SWIG_fail;
}

%typemap(out) bind_indexes {
  $result = PyList_New((Py_ssize_t)$1.count);
  for (size_t i = 0; $result != NULL && i < $1.count; i++) {
    PyObject *index = PyLong_FromSize_t($1.items[i]);
    if (index == NULL) {
      Py_CLEAR($result);
      break;
    }
    PyList_SET_ITEM($result, (Py_ssize_t)i, index);
  }
  free($1.items);
  if ($result == NULL)
    SWIG_fail;
}

/* Lists of new objects: each item becomes an owned proxy object. */
%define BIND_PY_OBJECT_LIST(LIST_TYPE, ITEM_TYPE)
%typemap(out) LIST_TYPE {
  $result = bind_py_objects(&$1, $descriptor(ITEM_TYPE *));
  if ($result == NULL)
    SWIG_fail;
}
%enddef

BIND_PY_OBJECT_LIST(bind_concern_list, bind_concern)
BIND_PY_OBJECT_LIST(bind_deviation_list, bind_deviation)
BIND_PY_OBJECT_LIST(bind_event_list, bind_event)
BIND_PY_OBJECT_LIST(bind_item_list, bind_item)
BIND_PY_OBJECT_LIST(bind_missing_list, bind_missing)
BIND_PY_OBJECT_LIST(bind_metrics_group_list, bind_metrics_group)
BIND_PY_OBJECT_LIST(bind_transcript_list, bind_transcript)
BIND_PY_OBJECT_LIST(bind_turn_list, bind_turn)
BIND_PY_OBJECT_LIST(bind_contact_result_list, bind_contact_result)

/* ---- The shared interface ------------------------------------------------- */

%include "fcr.i"

/* ---- Errors, times and lists in C ------------------------------------------ */

%{
/* fcr.Error and one subclass per row of bind_kinds, created at import. */
static PyObject *bind_py_error;
static PyObject *bind_py_errors[BIND_KIND_COUNT];
/* datetime(1970, 1, 1, tzinfo=timezone.utc) */
static PyObject *bind_py_epoch;

static PyObject *bind_py_error_class(int status)
{
    for (size_t i = 0; i < BIND_KIND_COUNT; i++) {
        if (bind_kinds[i].status == status)
            return bind_py_errors[i];
    }
    return bind_py_error;
}

static int bind_py_set(PyObject *object, const char *name, PyObject *value)
{
    if (value == NULL)
        return -1;
    int result = PyObject_SetAttrString(object, name, value);
    Py_DECREF(value);
    return result;
}

static PyObject *bind_py_optional_size(size_t value)
{
    if (value == 0)
        Py_RETURN_NONE;
    return PyLong_FromSize_t(value);
}

/* Raises the pending failure as an instance of its fcr.Error subclass,
 * with status, kind, message, field, line and column attributes. */
static void bind_py_raise_pending(void)
{
    const bind_failure *failure = &bind_pending;
    PyObject *class_object = bind_py_error_class(failure->status);
    PyObject *message = PyUnicode_DecodeUTF8(failure->message, (Py_ssize_t)strlen(failure->message),
                                             "replace");
    if (message == NULL)
        return;
    PyObject *error = PyObject_CallOneArg(class_object, message);
    if (error == NULL) {
        Py_DECREF(message);
        return;
    }

    int failed = 0;
    Py_INCREF(message);
    failed |= bind_py_set(error, "message", message);
    failed |= bind_py_set(error, "status", PyLong_FromLong(failure->status));
    failed |= bind_py_set(error, "kind", PyUnicode_FromString(bind_kind_of(failure->status)->kind));
    if (failure->field[0] != '\0')
        failed |= bind_py_set(error, "field", PyUnicode_DecodeUTF8(failure->field,
                              (Py_ssize_t)strlen(failure->field), "replace"));
    else
        failed |= PyObject_SetAttrString(error, "field", Py_None);
    failed |= bind_py_set(error, "line", bind_py_optional_size(failure->line));
    failed |= bind_py_set(error, "column", bind_py_optional_size(failure->column));
    Py_DECREF(message);

    if (failed == 0)
        PyErr_SetObject(class_object, error);
    Py_DECREF(error);
}

/* Creates the exception classes and adds them to the module dict. */
static int bind_py_add_errors(PyObject *dict)
{
    bind_py_error = PyErr_NewExceptionWithDoc(
        "fcr.Error",
        "Base class of libfcr errors.\n\n"
        "Attributes: status (the libfcr status code, negative), kind (such as\n"
        "'workflow'), message (the detail), field (the JSON field path, setting,\n"
        "CSV column or contact field the failure is about, or None),\n"
        "line and column (1-based position in the input, or None).",
        NULL, NULL);
    if (bind_py_error == NULL || PyDict_SetItemString(dict, "Error", bind_py_error) < 0)
        return -1;

    for (size_t i = 0; i < BIND_KIND_COUNT; i++) {
        PyObject *builtin = NULL;
        switch (bind_kinds[i].status) {
        case FCR_ENOMEM: builtin = PyExc_MemoryError; break;
        case FCR_EINVAL:
        case FCR_EPARSE:
        case FCR_ERECORD:
        case FCR_EVERSION: builtin = PyExc_ValueError; break;
        case FCR_ENOTFOUND: builtin = PyExc_LookupError; break;
        case FCR_EIO: builtin = PyExc_OSError; break;
        default: break;
        }
        PyObject *bases = builtin != NULL ? PyTuple_Pack(2, bind_py_error, builtin)
                                          : PyTuple_Pack(1, bind_py_error);
        if (bases == NULL)
            return -1;
        char name[64];
        snprintf(name, sizeof name, "fcr.%s", bind_kinds[i].class_name);
        bind_py_errors[i] = PyErr_NewExceptionWithDoc(name, bind_kinds[i].doc, bases, NULL);
        Py_DECREF(bases);
        if (bind_py_errors[i] == NULL ||
            PyDict_SetItemString(dict, bind_kinds[i].class_name, bind_py_errors[i]) < 0)
            return -1;
    }
    return 0;
}

static int bind_py_init_time(void)
{
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == NULL)
        return -1;
    bind_py_epoch = PyDateTimeAPI->DateTime_FromDateAndTime(1970, 1, 1, 0, 0, 0, 0,
                                                            PyDateTime_TimeZone_UTC,
                                                            PyDateTimeAPI->DateTimeType);
    return bind_py_epoch == NULL ? -1 : 0;
}

static bool bind_py_to_time(PyObject *object, long long *out)
{
    if (PyLong_Check(object) && !PyBool_Check(object)) {
        int overflow = 0;
        *out = PyLong_AsLongLongAndOverflow(object, &overflow);
        if (overflow != 0 || (*out == -1 && PyErr_Occurred())) {
            PyErr_Clear();
            bind_fail(FCR_EINVAL, "instant out of range; use milliseconds between years 0001 and 9999");
            bind_py_raise_pending();
            return false;
        }
        return true;
    }

    if (PyUnicode_Check(object)) {
        const char *text = PyUnicode_AsUTF8(object);
        fcr_time time = 0;
        if (text == NULL)
            return false;
        if (!bind_ok(fcr_time_parse(&time, text))) {
            bind_py_raise_pending();
            return false;
        }
        *out = time;
        return true;
    }

    if (PyDateTime_Check(object)) {
        PyObject *zone = PyObject_GetAttrString(object, "tzinfo");
        if (zone == NULL)
            return false;
        bool naive = zone == Py_None;
        Py_DECREF(zone);
        if (naive) {
            bind_fail(FCR_EINVAL, "naive datetime; give it a tzinfo such as datetime.timezone.utc");
            bind_py_raise_pending();
            return false;
        }
        PyObject *delta = PyNumber_Subtract(object, bind_py_epoch);
        if (delta == NULL)
            return false;
        long long days = PyDateTime_DELTA_GET_DAYS(delta);
        long long seconds = PyDateTime_DELTA_GET_SECONDS(delta);
        long long microseconds = PyDateTime_DELTA_GET_MICROSECONDS(delta);
        Py_DECREF(delta);
        *out = days * 86400000LL + seconds * 1000LL + microseconds / 1000LL;
        return true;
    }

    PyErr_Format(PyExc_TypeError,
                 "expected a datetime with tzinfo, RFC 3339 text or an int of milliseconds "
                 "since the epoch, not %.64s", Py_TYPE(object)->tp_name);
    return false;
}

static PyObject *bind_py_from_time(long long time)
{
    if (time == FCR_TIME_NONE)
        Py_RETURN_NONE;
    long long days = time / 86400000LL;
    long long rest = time % 86400000LL;
    if (rest < 0) {
        rest += 86400000LL;
        days -= 1;
    }
    PyObject *delta = PyDelta_FromDSU((int)days, (int)(rest / 1000LL), (int)(rest % 1000LL) * 1000);
    if (delta == NULL)
        return NULL;
    PyObject *result = PyNumber_Add(bind_py_epoch, delta);
    Py_DECREF(delta);
    return result;
}

/* Wraps every item of `list` as an owned proxy object and frees the array.
 * Items that could not be wrapped are freed. */
static PyObject *bind_py_objects(bind_objects *list, swig_type_info *type)
{
    PyObject *result = PyList_New((Py_ssize_t)list->count);
    size_t wrapped = 0;
    for (; result != NULL && wrapped < list->count; wrapped++) {
        PyObject *item = SWIG_NewPointerObj(list->items[wrapped], type, SWIG_POINTER_OWN);
        if (item == NULL) {
            Py_CLEAR(result);
            break;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)wrapped, item);
    }
    for (size_t i = wrapped; i < list->count; i++)
        list->free_item(list->items[i]);
    free(list->items);
    return result;
}
%}

%init %{
    if (bind_py_init_time() < 0 || bind_py_add_errors(d) < 0)
        return NULL;
%}

%include "fcr_pythoncode.i"
