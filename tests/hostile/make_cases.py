#!/usr/bin/env python3
"""Write the hostile input files under tests/hostile/ and their manifest.

Each case is one bad input for one parser, with the status the parser must
return and a fragment of its message. The files are committed. Many contain
bytes that an editor would mangle, so this script records how each was made,
and it rewrites them and manifest.txt when a case is added. Run it from
anywhere:

    python3 tests/hostile/make_cases.py
"""

import copy
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# A valid fcr.call/1 record in replay mode, cut down from the reference call.
BASE_CALL = {
    "format": "fcr.call/1",
    "id": "call-h1",
    "started_at": "2026-11-10T14:02:00Z",
    "ended_at": "2026-11-10T14:07:00Z",
    "direction": "inbound",
    "agent": {"id": "agent-17", "role": "front_desk"},
    "caller": {"role": "patient", "patient_key": "p-5f2c9a"},
    "events": [
        {"type": "open_question_asked", "at": "2026-11-10T14:02:05Z"},
        {"type": "concern_stated", "at": "2026-11-10T14:02:20Z", "concern": "c1",
         "category": "scheduling", "request": "Reschedule my follow-up visit"},
        {"type": "concern_restated", "at": "2026-11-10T14:03:00Z", "concern": "c1",
         "confirmed": True},
        {"type": "identity_verified", "at": "2026-11-10T14:03:30Z",
         "identifiers": ["name", "date_of_birth"]},
        {"type": "authority_checked", "at": "2026-11-10T14:03:45Z", "concern": "c1",
         "tools_available": True},
        {"type": "resolved", "at": "2026-11-10T14:05:00Z", "concern": "c1",
         "action": "Moved the follow-up", "next_step": "Attend the visit"},
        {"type": "recap_given", "at": "2026-11-10T14:06:30Z"},
        {"type": "anything_else_asked", "at": "2026-11-10T14:06:45Z", "answer": "no"},
        {"type": "call_ended", "at": "2026-11-10T14:07:00Z"},
        {"type": "documented", "at": "2026-11-10T14:09:00Z"},
    ],
}

CSV_HEADER = "id,caller,time,category,agent,direction,outcome,target\n"
CSV_ROW = "c1,p1,2026-11-02T10:00:00Z,refill,a1,inbound,resolved,\n"

cases = []


def case(path, kind, status, fragment, data):
    """Register one case: data is bytes or str (written as UTF-8)."""
    if not fragment:
        sys.exit(f"make_cases.py: {path}: missing message fragment. Set it to the part of "
                 "the message that names the reason.")
    if isinstance(data, str):
        data = data.encode("utf-8")
    cases.append((path, kind, status, fragment, data))


def record(**changes):
    """The base record as compact JSON text, with top-level changes."""
    value = copy.deepcopy(BASE_CALL)
    for key, item in changes.items():
        if item is None:
            value.pop(key, None)
        else:
            value[key] = item
    return json.dumps(value, separators=(",", ":"))


def record_with_event(index, event):
    """The base record with event `index` replaced (or appended at len)."""
    value = copy.deepcopy(BASE_CALL)
    if index == len(value["events"]):
        value["events"].append(event)
    else:
        value["events"][index] = event
    return json.dumps(value, separators=(",", ":"))


def tzif(version=b"2", magic=b"TZif", transitions=(), types=((-18000, 0, 0),),
         chars=b"EST\0", footer=b"\nEST5\n", v1_counts=None):
    """A TZif file with an empty v1 block and one v2+ block (RFC 8536)."""
    def header(counts):
        isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = counts
        return (magic + version + b"\0" * 15 +
                struct.pack(">6l", isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt))

    v1 = header(v1_counts or (0, 0, 0, 0, 1, 4)) + struct.pack(">lBB", -18000, 0, 0) + b"EST\0"
    body = b"".join(struct.pack(">q", t) for t, _ in transitions)
    body += bytes(i for _, i in transitions)
    body += b"".join(struct.pack(">lBB", *t) for t in types)
    body += chars
    counts = (0, 0, 0, len(transitions), len(types), len(chars))
    return v1 + header(counts) + body + footer


def add_json_cases():
    case("json/truncated_object.json", "json", "FCR_EPARSE", "unexpected end of input",
         '{"format":"fcr.call/1","id":"c')
    case("json/truncated_after_colon.json", "json", "FCR_EPARSE", "unexpected end of input",
         '{"id":')
    case("json/trailing_comma.json", "json", "FCR_EPARSE", "trailing comma", '{"id":"c1",}')
    case("json/single_quotes.json", "json", "FCR_EPARSE", "found a single quote", "{'id':'c1'}")
    case("json/comment.json", "json", "FCR_EPARSE", "JSON has no comments",
         '{"id":"c1" /* note */}')
    case("json/nan.json", "json", "FCR_EPARSE", "found NaN or Infinity, which JSON does not have (write null, or a number)",
         '{"score":NaN}')
    case("json/leading_zero.json", "json", "FCR_EPARSE", "leading zeros are not allowed",
         '{"count":012}')
    # A byte-order mark is skipped only as the first bytes of the input.
    case("json/utf8_bom.json", "json", "FCR_EPARSE", "byte-order mark", b'\n\xef\xbb\xbf{}')
    case("json/utf8_bom_twice.json", "json", "FCR_EPARSE", "byte-order mark",
         b'\xef\xbb\xbf\xef\xbb\xbf{}')
    case("json/utf16_bom.json", "json", "FCR_EPARSE", "UTF-16", b'\xff\xfe{\x00}\x00')
    case("json/invalid_utf8.json", "json", "FCR_EPARSE", "UTF-8", b'{"text":"caf\xe9"}')
    case("json/overlong_utf8.json", "json", "FCR_EPARSE", "UTF-8", b'{"text":"\xc0\xaf"}')
    case("json/encoded_surrogate.json", "json", "FCR_EPARSE", "UTF-8", b'{"text":"\xed\xa0\x80"}')
    case("json/lone_surrogate_escape.json", "json", "FCR_EPARSE", "surrogate",
         '{"text":"\\ud800"}')
    case("json/nul_in_string.json", "json", "FCR_EPARSE",
         "unescaped control character U+0000", b'{"text":"a\x00b"}')
    case("json/nul_after_value.json", "json_document", "FCR_EPARSE",
         "after the JSON value, found a NUL byte", b'{}\x00')
    case("json/raw_tab_in_string.json", "json", "FCR_EPARSE",
         "unescaped control character U+0009", b'{"text":"a\tb"}')
    case("json/deep_arrays.json", "json", "FCR_ELIMIT", "nested deeper than the limit of 64",
         "[" * 5000 + "]" * 5000)
    case("json/deep_objects.json", "json", "FCR_ELIMIT", "nested deeper than the limit of 64",
         '{"a":' * 70 + "1" + "}" * 70)
    case("json/duplicate_key.json", "json", "FCR_EPARSE", "duplicate", '{"id":"a","id":"b"}')
    case("json/duplicate_key_escaped.json", "json", "FCR_EPARSE", "duplicate",
         '{"id":"a","\\u0069d":"b"}')
    case("json/text_after_value.json", "json_document", "FCR_EPARSE", "after the JSON value", "{} x")
    case("json/empty.json", "json_document", "FCR_EPARSE", "empty or only whitespace", "")
    case("json/whitespace_only.json", "json_document", "FCR_EPARSE",
         "empty or only whitespace", " \n\t\r\n")
    case("json/bad_escape.json", "json", "FCR_EPARSE", "invalid escape sequence",
         '{"text":"\\x41"}')
    case("json/unquoted_key.json", "json", "FCR_EPARSE",
         "expected a key in double quotes or '}' after '{', found a bare word", "{id:1}")
    case("json/unclosed_string.json", "json", "FCR_EPARSE",
         "unexpected end of input inside a string", '{"text":"abc')


def add_call_cases():
    case("call/id_number.json", "call", "FCR_ERECORD", "id", record(id=42))
    case("call/events_object.json", "call", "FCR_ERECORD", "events", record(events={}))
    case("call/events_null.json", "call", "FCR_ERECORD", "events", record(events=[None]))
    case("call/missing_format.json", "call", "FCR_ERECORD", "format", record(format=None))
    case("call/newer_format.json", "call", "FCR_EVERSION", "version 2 is not supported",
         record(format="fcr.call/2"))
    case("call/top_level_array.json", "call", "FCR_ERECORD",
         "must be a JSON object, not an array", "[" + record() + "]")
    case("call/unknown_event_type.json", "call", "FCR_ERECORD", "type",
         record_with_event(0, {"type": "teleported", "at": "2026-11-10T14:02:05Z"}))
    case("call/started_at_words.json", "call", "FCR_ERECORD", "started_at",
         record(started_at="yesterday afternoon"))
    case("call/time_far_future.json", "call", "FCR_ERECORD", "at",
         record_with_event(0, {"type": "open_question_asked", "at": "12026-11-10T14:02:05Z"}))
    case("call/time_year_zero.json", "call", "FCR_ERECORD", "started_at",
         record(started_at="0000-01-01T00:00:00Z"))
    # Event 1 lies within the call but before event 0 (14:02:05).
    case("call/events_out_of_order.json", "call", "FCR_ERECORD", "events are out of time order",
         record_with_event(1, {"type": "concern_stated", "at": "2026-11-10T14:02:03Z",
                               "concern": "c1", "category": "scheduling", "request": "r"}))
    case("call/event_before_start.json", "call", "FCR_ERECORD",
         "earlier than the start of the call",
         record_with_event(1, {"type": "concern_stated", "at": "2026-11-10T14:01:00Z",
                               "concern": "c1", "category": "scheduling", "request": "r"}))
    case("call/ended_before_started.json", "call", "FCR_ERECORD", "ended_at",
         record(ended_at="2026-11-10T13:00:00Z"))
    case("call/duplicate_concern_id.json", "call", "FCR_ERECORD", "c1",
         record_with_event(0, {"type": "concern_stated", "at": "2026-11-10T14:02:05Z",
                               "concern": "c1", "category": "billing", "request": "r"}))
    case("call/unknown_concern.json", "call", "FCR_ERECORD", "concern",
         record_with_event(5, {"type": "resolved", "at": "2026-11-10T14:05:00Z",
                               "concern": "c9", "action": "a", "next_step": "n"}))
    case("call/unknown_category.json", "call", "FCR_ERECORD", "category",
         record_with_event(1, {"type": "concern_stated", "at": "2026-11-10T14:02:20Z",
                               "concern": "c1", "category": "astrology", "request": "r"}))
    case("call/unknown_target.json", "call", "FCR_ERECORD", "target",
         record_with_event(5, {"type": "escalated", "at": "2026-11-10T14:05:00Z",
                               "concern": "c1", "target": "the_moon", "reason": "r"}))
    case("call/unknown_identifier.json", "call", "FCR_ERECORD", "identifiers",
         record_with_event(3, {"type": "identity_verified", "at": "2026-11-10T14:03:30Z",
                               "identifiers": ["shoe_size"]}))
    case("call/bool_as_string.json", "call", "FCR_ERECORD", "confirmed",
         record_with_event(2, {"type": "concern_restated", "at": "2026-11-10T14:03:00Z",
                               "concern": "c1", "confirmed": "yes"}))
    case("call/huge_number_as_bool.json", "call", "FCR_ERECORD", "tools_available",
         record().replace('"tools_available":true', '"tools_available":1e999'))
    case("call/huge_number_as_time.json", "call", "FCR_ERECORD", "started_at",
         record(started_at=123456789012345678901234567890))
    case("call/invalid_utf8_request.json", "call", "FCR_EPARSE", "UTF-8",
         record().replace("Reschedule", "Resch\xff\xfedule").encode("latin-1"))
    case("call/nul_escape_in_id.json", "call", "FCR_ERECORD", "id", record(id="call\u0000h1"))
    case("call/overlong_id.json", "call", "FCR_ELIMIT", "over the limit", record(id="c" * 5000))
    case("call/duplicate_key_id.json", "call", "FCR_EPARSE", "duplicate",
         record().replace('"id":"call-h1"', '"id":"call-h1","id":"call-h2"', 1))
    case("call/deep_unknown_field.json", "call", "FCR_ELIMIT",
         "nested deeper than the limit of 64",
         record()[:-1] + ',"x_vendor":' + "[" * 80 + "]" * 80 + "}")
    case("call/truncated_in_events.json", "call", "FCR_EPARSE", "unexpected end of input",
         record()[:400])
    case("call/live_deviation.json", "call_live", "FCR_EWORKFLOW",
         "Verify the caller's identity before recording an outcome",
         record_with_event(3, {"type": "resolved", "at": "2026-11-10T14:03:30Z",
                               "concern": "c1", "action": "a", "next_step": "n"}))


def add_records_cases():
    good = record()
    second = record(id="call-h2")
    case("records/second_truncated.jsonl", "records:2", "FCR_EPARSE", "record 2",
         good + "\n" + second[:200])
    case("records/no_separator.jsonl", "records:2", "FCR_EPARSE", "whitespace",
         good + second + "\n")
    # A NUL byte after a record in a stream, as the fcr command reads
    # json/nul_after_value.json.
    case("records/nul_after_record.jsonl", "records:2", "FCR_EPARSE",
         "between two JSON values, found a NUL byte",
         good.encode("utf-8") + b"\x00")
    case("records/second_wrong_type.jsonl", "records:2", "FCR_ERECORD", "record 2",
         good + "\n" + record(id="call-h2", direction=7) + "\n")
    case("records/third_newer_format.jsonl", "records:3", "FCR_EVERSION", "record 3",
         good + "\n" + second + "\n" + record(id="call-h3", format="fcr.call/9") + "\n")


def add_event_cases():
    case("event/missing_type.json", "event", "FCR_ERECORD", "type",
         '{"at":"2026-11-10T14:02:05Z"}')
    case("event/type_number.json", "event", "FCR_ERECORD", "type",
         '{"type":3,"at":"2026-11-10T14:02:05Z"}')
    case("event/missing_at.json", "event", "FCR_ERECORD", "at", '{"type":"recap_given"}')
    case("event/offset_out_of_range.json", "event", "FCR_ERECORD", "at",
         '{"type":"recap_given","at":"2026-11-10T14:02:05+25:00"}')
    case("event/identifiers_string.json", "event", "FCR_ERECORD", "identifiers",
         '{"type":"identity_verified","at":"2026-11-10T14:02:05Z","identifiers":"name"}')


def policy(**sections):
    value = {"format": "fcr.policy/1"}
    value.update(sections)
    return json.dumps(value)


def add_policy_cases():
    case("policy/truncated.json", "policy", "FCR_EPARSE", "unexpected end of input",
         policy(identity={"required_identifiers": 2})[:30])
    case("policy/misspelled_field.json", "policy", "FCR_ERECORD", "required_identifers",
         policy(identity={"required_identifers": 3}))
    case("policy/wrong_type.json", "policy", "FCR_ERECORD", "required_identifiers",
         policy(identity={"required_identifiers": "two"}))
    case("policy/negative_count.json", "policy", "FCR_ERECORD", "required_identifiers",
         policy(identity={"required_identifiers": -1}))
    case("policy/huge_number.json", "policy", "FCR_ERECORD", "required_identifiers",
         '{"format":"fcr.policy/1","identity":{"required_identifiers":1e400}}')
    case("policy/too_many_required.json", "policy", "FCR_ERECORD", "required_identifiers",
         policy(identity={"required_identifiers": 50}))
    case("policy/unknown_zone.json", "policy", "FCR_ENOTFOUND", "Mars/Olympus_Mons",
         policy(office={"time_zone": "Mars/Olympus_Mons"}))
    case("policy/zone_path_escape.json", "policy", "FCR_ERECORD", "time_zone",
         policy(office={"time_zone": "../../etc/passwd"}))
    case("policy/bad_hours.json", "policy", "FCR_ERECORD", "hours",
         policy(office={"hours": {"monday": ["25:00-26:00"]}}))
    case("policy/hours_reversed.json", "policy", "FCR_ERECORD", "hours",
         policy(office={"hours": {"monday": ["17:00-09:00"]}}))
    case("policy/bad_holiday.json", "policy", "FCR_ERECORD", "holidays",
         policy(office={"holidays": ["2026-02-30"]}))
    case("policy/bad_id.json", "policy", "FCR_ERECORD", "categories",
         policy(categories={"Bad Id": {"label": "x"}}))
    case("policy/escalates_to_unknown.json", "policy", "FCR_ERECORD", "ghost_team",
         policy(categories={"billing": {"escalate_to": "ghost_team"}}))
    case("policy/unknown_field.json", "policy", "FCR_ERECORD", "unknown field",
         policy(categories={"billing": {"default_target": "nurse_triage"}}))
    case("policy/bad_callback.json", "policy", "FCR_ERECORD", "callback",
         policy(targets={"nurse_triage": {"callback": "2 fortnights"}}))
    case("policy/newer_format.json", "policy", "FCR_EVERSION", "version 2 is not supported",
         '{"format":"fcr.policy/2"}')
    case("policy/invalid_utf8.json", "policy", "FCR_EPARSE", "UTF-8",
         b'{"format":"fcr.policy/1","categories":{"billing":{"label":"B\xffll"}}}')
    case("policy/duplicate_key.json", "policy", "FCR_EPARSE", "duplicate",
         '{"format":"fcr.policy/1","identity":{},"identity":{}}')
    case("policy/top_level_string.json", "policy", "FCR_ERECORD",
         "must be an object, not a string", '"fcr.policy/1"')


def add_csv_cases():
    case("csv/missing_time_column.csv", "csv", "FCR_ENOTFOUND", "time",
         "id,caller,category\nc1,p1,refill\n")
    case("csv/unclosed_quote.csv", "csv", "FCR_EPARSE", "never ends",
         CSV_HEADER + 'c1,p1,2026-11-02T10:00:00Z,"refill,a1,inbound,resolved,\n')
    case("csv/stray_quote.csv", "csv", "FCR_EPARSE", "quote",
         CSV_HEADER + 'c1,p1,2026-11-02T10:00:00Z,ref"ill,a1,inbound,resolved,\n')
    case("csv/field_count.csv", "csv", "FCR_ERECORD", "fields but the header has",
         CSV_HEADER + "c1,p1\n")
    case("csv/invalid_utf8.csv", "csv", "FCR_EPARSE", "UTF-8",
         CSV_HEADER.encode() + b"c1,p1,2026-11-02T10:00:00Z,r\xe9fill,a1,inbound,resolved,\n")
    case("csv/bad_time.csv", "csv", "FCR_EPARSE", "not an RFC 3339 date-time",
         CSV_HEADER + "c1,p1,next tuesday,refill,a1,inbound,resolved,\n")
    case("csv/time_far_future.csv", "csv", "FCR_EPARSE", "(time)",
         CSV_HEADER + "c1,p1,10000-01-01T00:00:00Z,refill,a1,inbound,resolved,\n")
    case("csv/unknown_direction.csv", "csv", "FCR_ERECORD", "direction",
         CSV_HEADER + "c1,p1,2026-11-02T10:00:00Z,refill,a1,sideways,resolved,\n")
    case("csv/nul_byte.csv", "csv", "FCR_EPARSE", "NUL byte",
         CSV_HEADER.encode() + b"c1,p\x001,2026-11-02T10:00:00Z,refill,a1,inbound,resolved,\n")
    case("csv/missing_time_value.csv", "csv", "FCR_ERECORD", "time",
         CSV_HEADER + "c1,p1,,refill,a1,inbound,resolved,\n")
    case("csv/empty.csv", "csv", "FCR_EPARSE", "the file is empty", "")


def add_time_cases():
    case("time/no_offset.txt", "time", "FCR_EPARSE", "missing UTC offset", "2026-11-10T14:02:00")
    case("time/february_30.txt", "time", "FCR_EPARSE",
         "day 30 is out of range for month 02", "2026-02-30T10:00:00Z")
    case("time/year_zero.txt", "time", "FCR_EINVAL",
         "must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z",
         "0000-01-01T00:00:00Z")
    case("time/past_year_9999.txt", "time", "FCR_EINVAL",
         "must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z",
         "9999-12-31T23:30:00-01:00")
    case("time/trailing_text.txt", "time", "FCR_EPARSE",
         "unexpected text after the UTC offset", "2026-11-10T14:02:00Z and more")
    case("time/hour_25.txt", "time", "FCR_EPARSE", "hour 25 is out of range",
         "2026-11-10T25:02:00Z")
    case("time/embedded_nul.txt", "time", "FCR_EPARSE",
         "column 11: expected 'T' between the date and the time", b"2026-11-10\x00T14:02:00Z")
    case("time/empty.txt", "time", "FCR_EPARSE", "the text is empty", "")
    case("time/ten_fraction_digits.txt", "time", "FCR_EPARSE",
         "fraction of a second has more than 9 digits", "2026-11-10T14:02:00.1234567890Z")
    case("time/offset_minute_60.txt", "time", "FCR_EPARSE",
         "offset minute 60 is out of range", "2026-11-10T14:02:00+05:60")
    case("time/five_digit_year.txt", "time", "FCR_EPARSE",
         "column 5: expected '-' after the year", "10000-01-01T00:00:00Z")


def add_tzif_cases():
    case("tzif/bad_magic.tzif", "tzif", "FCR_EPARSE", "no \"TZif\" magic at offset 0",
         tzif(magic=b"TZig"))
    case("tzif/unknown_version.tzif", "tzif", "FCR_EVERSION",
         "version byte 0x39 is not supported", tzif(version=b"9"))
    case("tzif/header_only.tzif", "tzif", "FCR_EPARSE",
         "ends inside the version 1 data block", tzif()[:44])
    case("tzif/truncated_data.tzif", "tzif", "FCR_EPARSE",
         "declares 10 bytes after offset 98 but only 4 remain", tzif()[:-12])
    case("tzif/type_index_out_of_range.tzif", "tzif", "FCR_EPARSE",
         "names local time type 3 but there are only 1",
         tzif(transitions=((0, 3),)))
    case("tzif/transitions_out_of_order.tzif", "tzif", "FCR_EPARSE",
         "transition 1 is not later than the one before it",
         tzif(transitions=((1000, 0), (10, 0))))
    case("tzif/huge_counts.tzif", "tzif", "FCR_EPARSE",
         "ends inside the version 1 data block",
         tzif(v1_counts=(0, 0, 0, 0x7fffffff, 1, 4)))
    case("tzif/footer_without_newline.tzif", "tzif", "FCR_EPARSE",
         "TZ string does not end with a newline", tzif(footer=b"\nEST5"))
    case("tzif/bad_footer_rule.tzif", "tzif", "FCR_EPARSE",
         "footer: TZ string, position 10: month 13 is out of range",
         tzif(footer=b"\nEST5EDT,M13.1.0,M11.1.0\n"))
    case("tzif/no_types.tzif", "tzif", "FCR_EPARSE",
         "the header declares no local time types", tzif(types=(), chars=b""))
    case("tzif/empty.tzif", "tzif", "FCR_EPARSE",
         "0 bytes at offset 0 are too few for a TZif header", b"")


def add_tz_string_cases():
    case("tzstring/dst_without_rule.txt", "tzstring", "FCR_EPARSE",
         "missing rule after the daylight-saving name", "EST5EDT")
    case("tzstring/month_13.txt", "tzstring", "FCR_EPARSE",
         "month 13 is out of range", "EST5EDT,M13.2.0,M11.1.0")
    case("tzstring/no_offset.txt", "tzstring", "FCR_EPARSE",
         "position 4: expected a UTC offset", "EST")
    case("tzstring/unclosed_angle.txt", "tzstring", "FCR_EPARSE",
         "missing '>' after a quoted zone abbreviation", "<EST5")
    case("tzstring/hour_168.txt", "tzstring", "FCR_EPARSE",
         "hour 168 is out of range", "EST5EDT,M3.2.0/168,M11.1.0")


TRANSCRIPT = {"format": "fcr.transcript/1", "id": "t-h1", "started_at": "2026-11-10T14:02:00Z",
              "turns": [{"role": "agent", "start": 0, "end": 2.5, "text": "How can I help?"},
                        {"role": "caller", "start": 3, "end": 5, "text": "I need a refill."}]}

TEXTGRID_AGENT = """File type = "ooTextFile"
Object class = "TextGrid"
xmin = 0
xmax = 10
tiers? <exists>
size = 1
item []:
    item [1]:
        class = "IntervalTier"
        name = "doctor"
        xmin = 0
        xmax = 10
        intervals: size = 2
        intervals [1]:
            xmin = 0
            xmax = 3
            text = "How can I help?"
        intervals [2]:
            xmin = 3
            xmax = 10
            text = ""
"""


def transcript(**changes):
    value = copy.deepcopy(TRANSCRIPT)
    value.update(changes)
    return json.dumps(value)


def add_transcript_cases():
    turns = TRANSCRIPT["turns"]
    case("transcript/json_turns_string.json", "transcript:json", "FCR_ERECORD", "turns",
         transcript(turns="none"))
    case("transcript/json_turn_without_role.json", "transcript:json", "FCR_ERECORD", "no role",
         transcript(turns=[{"text": "hello"}]))
    case("transcript/json_unknown_role.json", "transcript:json", "FCR_ERECORD", "role",
         transcript(turns=[{"role": "robot", "text": "beep"}]))
    case("transcript/json_ends_before_start.json", "transcript:json", "FCR_ERECORD",
         "ends before it starts",
         transcript(turns=[{"role": "agent", "start": 5, "end": 1, "text": "hi"}]))
    case("transcript/json_nul_in_text.json", "transcript:json", "FCR_ERECORD", "NUL",
         transcript(turns=[{"role": "agent", "text": "a\u0000b"}]))
    case("transcript/json_newer_format.json", "transcript:json", "FCR_EVERSION", "version is not supported",
         transcript(format="fcr.transcript/2"))
    case("transcript/json_text_number.json", "transcript:json", "FCR_ERECORD", "text",
         transcript(turns=[{"role": "agent", "text": 12}]))
    case("transcript/json_second_truncated.jsonl", "transcript:json", "FCR_EPARSE",
         "unexpected end of input", transcript() + "\n" + transcript(id="t-h2")[:60])
    case("transcript/contact_lens_unknown_participant.json", "transcript:contact-lens",
         "FCR_ERECORD", "participant",
         json.dumps({"CustomerMetadata": {"ContactId": "c1"},
                     "Participants": [{"ParticipantId": "A", "ParticipantRole": "AGENT"}],
                     "Transcript": [{"ParticipantId": "Z", "Content": "hi",
                                     "BeginOffsetMillis": 0, "EndOffsetMillis": 10}]}))
    case("transcript/abcd_unknown_speaker.json", "transcript:abcd", "FCR_ERECORD", "speaker",
         json.dumps([{"convo_id": 1, "original": [["alien", "greetings"]]}]))
    case("transcript/abcd_pair_too_short.json", "transcript:abcd", "FCR_ERECORD", "original",
         json.dumps([{"convo_id": 1, "original": [["agent"]]}]))
    case("transcript/csv_unknown_bracket_tag.csv", "transcript:csv-dialogue", "FCR_ERECORD",
         "tag", 'id,dialogue\n1,"[robot] beep\n[patient] hello"\n')
    case("transcript/csv_no_dialogue_column.csv", "transcript:csv-dialogue", "FCR_ERECORD",
         "dialogue", "id,notes\n1,hello\n")
    case("transcript/csv_invalid_utf8.csv", "transcript:csv-dialogue", "FCR_EPARSE", "UTF-8",
         b'id,dialogue\n1,"Doctor: caf\xe9"\n')
    case("transcript/textgrid_count_mismatch.txt", "transcript:textgrid", "FCR_EPARSE", "agent",
         TEXTGRID_AGENT.replace("intervals: size = 2", "intervals: size = 5") + "\f" +
         TEXTGRID_AGENT)
    case("transcript/textgrid_not_a_textgrid.txt", "transcript:textgrid", "FCR_EPARSE", "caller",
         TEXTGRID_AGENT + "\fhello, this is not a TextGrid\n")
    case("transcript/rules_unknown_signal.json", "rules", "FCR_ERECORD", "signal",
         json.dumps({"format": "fcr.rules/1", "rules": {"x.y": {"signal": "telepathy",
                                                               "patterns": ["hello"]}}}))
    case("transcript/rules_newer_format.json", "rules", "FCR_EVERSION", "version is not supported",
         json.dumps({"format": "fcr.rules/2"}))
    case("transcript/rules_patterns_not_list.json", "rules", "FCR_ERECORD", "patterns",
         json.dumps({"format": "fcr.rules/1", "rules": {"x.y": {"signal": "open_question",
                                                               "patterns": "hello"}}}))


def main():
    add_json_cases()
    add_call_cases()
    add_records_cases()
    add_event_cases()
    add_policy_cases()
    add_csv_cases()
    add_time_cases()
    add_tzif_cases()
    add_tz_string_cases()
    add_transcript_cases()

    lines = [
        "# Hostile inputs: FILE<TAB>PARSER<TAB>STATUS<TAB>MESSAGE FRAGMENT",
        "# Written by make_cases.py; edit that script, not this file.",
        "# PARSER is json, json_document (one document only, since a stream of",
        "# records reads it otherwise), call, call_live, records:N (record N",
        "# fails), event, policy, csv, time, tzif, tzstring, transcript:FORMAT",
        "# (a format id of fcr_transcript_format_name(); a TextGrid file holds",
        "# the agent's and the caller's text split by a form feed) or rules.",
        "# make_cases.py and unit_hostile.c reject a case without a fragment.",
    ]
    for path, kind, status, fragment, data in cases:
        full = os.path.join(HERE, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as file:
            file.write(data)
        lines.append(f"{path}\t{kind}\t{status}\t{fragment}")
    with open(os.path.join(HERE, "manifest.txt"), "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
    print(f"make_cases.py: wrote {len(cases)} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
