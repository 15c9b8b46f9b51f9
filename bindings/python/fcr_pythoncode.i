/* SPDX-License-Identifier: MIT */
/* Python-only conveniences on top of the classes of ../fcr.i. */

%define BIND_PY_CONTEXT_MANAGER(TYPE)
%extend TYPE {
%pythoncode %{
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()
%}
}
%enddef

BIND_PY_CONTEXT_MANAGER(bind_policy)
BIND_PY_CONTEXT_MANAGER(bind_event)
BIND_PY_CONTEXT_MANAGER(bind_call)
BIND_PY_CONTEXT_MANAGER(bind_scorecard)
BIND_PY_CONTEXT_MANAGER(bind_guidance)
BIND_PY_CONTEXT_MANAGER(bind_reader)
BIND_PY_CONTEXT_MANAGER(bind_metrics)
BIND_PY_CONTEXT_MANAGER(bind_rules)
BIND_PY_CONTEXT_MANAGER(bind_transcript)
BIND_PY_CONTEXT_MANAGER(bind_contact_reader)

%extend bind_event {
%pythoncode %{
    def set(self, field, value):
        """Set a field from a Python value, by the kind of value it holds.

        Text fields take str, yes/no fields bool, "due_at" a datetime, RFC
        3339 text or milliseconds, and list fields an iterable of str, whose
        items are appended.
        """
        kind = Event.field_kind(field)
        if kind == "bool":
            if not isinstance(value, bool):
                raise TypeError(f"field {field!r} takes a bool")
            self.set_bool(field, value)
        elif kind == "time":
            self.set_time(field, value)
        elif kind == "list":
            if isinstance(value, (str, bytes)):
                raise TypeError(f"field {field!r} takes a list of str, not one str")
            for item in value:
                self.add_string(field, item)
        else:
            self.set_string(field, value)

    def get(self, field, default=None):
        """Return a field as a Python value, or `default` when it is not set."""
        kind = Event.field_kind(field)
        if kind == "bool":
            value = self.get_bool(field)
        elif kind == "time":
            value = self.get_time(field)
        elif kind == "list":
            value = self.get_list(field) or None
        else:
            value = self.get_string(field)
        return default if value is None else value

    @property
    def fields(self):
        """The fields that are set, as a dict from name to value."""
        return {name: self.get(name) for name in self.field_names}

    def __getitem__(self, field):
        value = self.get(field)
        if value is None:
            raise KeyError(field)
        return value

    def __contains__(self, field):
        return self.get(field) is not None
%}
}

%extend bind_call {
%pythoncode %{
    def append(self, event):
        """Record a copy of an event: an Event, or a dict of Event's arguments.

        In live mode a workflow guard may reject the event with
        WorkflowError, whose message lists what is missing; the call is
        then unchanged. Replay mode records deviations instead.
        """
        if isinstance(event, dict):
            event = Event(**event)
        self._append(event)

    def __iter__(self):
        """Iterate over copies of the events, in the order recorded."""
        return iter(self.events)
%}
}

%extend bind_scorecard {
%pythoncode %{
    def __iter__(self):
        """Iterate over the eight checklist items, in checklist order."""
        return iter(self.items)

    def __len__(self):
        return len(item_ids())

    def __getitem__(self, item_id):
        return self.item(item_id)
%}
}

%extend bind_reader {
%pythoncode %{
    def __iter__(self):
        return self

    def __next__(self):
        call = self.next()
        if call is None:
            raise StopIteration
        return call
%}
}

%extend bind_transcript {
%pythoncode %{
    def __iter__(self):
        """Iterate over copies of the turns, in the order spoken."""
        return iter(self.turns)
%}
}

%extend bind_contact_reader {
%pythoncode %{
    def __iter__(self):
        return self

    def __next__(self):
        contact = self.next()
        if contact is None:
            raise StopIteration
        return contact

    def add_to(self, metrics, on_error=None, batch_size=256):
        """Add the contacts of every remaining row to `metrics`; return how many.

        Rows are read and added `batch_size` at a time with the GIL released.
        A bad row raises its fcr.Error, whose message and `line` name the
        row, unless `on_error` is given: then on_error(error) is called and
        reading goes on with the next row. Contacts added before a bad row
        stay added. After a failure that stops the reader, such as a mapped
        column the header lacks, the reading ends.
        """
        added = 0
        while True:
            try:
                count = self.feed(metrics, batch_size)
            except Error as error:
                if on_error is None:
                    raise
                on_error(error)
                continue
            if count == 0:
                return added
            added += count
%}
}

%pythoncode %{
# The exception classes are created in C from the binding's one table of
# libfcr statuses; this makes fcr.Error and its subclasses module names.
for _name in dir(_fcr):
    if _name.endswith("Error") and isinstance(getattr(_fcr, _name), type):
        globals()[_name] = getattr(_fcr, _name)
del _name


def _calls(reader, on_error):
    while True:
        try:
            call = reader.next()
        except Error as error:
            if on_error is None:
                raise
            on_error(error)
            continue
        if call is None:
            return
        yield call


def read_calls(path, policy=None, mode="replay", on_error=None, strict=False):
    """Stream the call records of a file, one Call at a time.

    The file holds JSON Lines or fcr.call/1 documents one after another;
    memory stays bounded by the largest record. The GIL is released while a
    record is read and parsed.

    A record that cannot be read raises its fcr.Error, which ends the
    generator, unless `on_error` is given: then on_error(error) is called
    and reading goes on with the next record. After malformed JSON or a read
    failure no record can be found reliably, and the stream ends there.

    With `strict`, a field that fcr.call/1 does not define fails its record
    with RecordError, whose message names the nearest defined name.
    """
    with Reader(path, policy, mode, strict) as reader:
        yield from _calls(reader, on_error)


def _scorecards(reader, on_error, batch_size):
    while True:
        batch = reader.score_batch(batch_size)
        if batch.count == 0:
            return
        for index in range(batch.count):
            try:
                scorecard = batch.take(index)
            except Error as error:
                if on_error is None:
                    raise
                on_error(error)
                continue
            yield scorecard


def score_file(path, policy=None, on_error=None, batch_size=256, strict=False):
    """Score every call record of a file, yielding one Scorecard per call.

    Records are read and scored in batches of `batch_size` with the GIL
    released, so other Python threads run meanwhile. Errors and `strict` are
    handled as in read_calls().
    """
    with Reader(path, policy, strict=strict) as reader:
        yield from _scorecards(reader, on_error, batch_size)


def score_records(records, policy=None, on_error=None, batch_size=256, strict=False):
    """Score call records given as JSON strings, yielding Scorecards.

    `records` is an iterable of str or bytes, one fcr.call/1 document each.
    Scoring and `strict` work as in score_file(), with the GIL released.
    """
    texts = [record.decode("utf-8") if isinstance(record, bytes) else record
             for record in records]
    with Reader.from_string("\n".join(texts), policy, name="records",
                            strict=strict) as reader:
        yield from _scorecards(reader, on_error, batch_size)
%}
