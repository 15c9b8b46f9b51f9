#!/bin/sh
# Runs `fcr metrics` on the real ServiceNow export and on small files made
# here, and checks exit statuses and key output lines.
# Usage: check-cli.sh PROGRAM SOURCE_DIR WORK_DIR, where PROGRAM runs as
# "PROGRAM metrics ARGS" (the fcr program, or metrics_cli).
set -u

bin=$1
source_dir=$2
work=$3
export_csv=$source_dir/examples/data/servicenow/incident_event_log.csv
failures=0
checks=0

mkdir -p "$work" || exit 1

# run NAME EXPECTED_STATUS ARGS...: runs the command into $work/NAME.out
# and $work/NAME.err and checks the exit status.
run() {
    name=$1
    expected=$2
    shift 2
    "$bin" metrics "$@" >"$work/$name.out" 2>"$work/$name.err"
    status=$?
    checks=$((checks + 1))
    if [ "$status" -ne "$expected" ]; then
        echo "FAIL $name: exit status $status, expected $expected"
        sed 's/^/  stderr: /' "$work/$name.err" | head -5
        failures=$((failures + 1))
    fi
}

# expect NAME FILE TEXT: FILE (out or err) of NAME contains the line TEXT.
expect() {
    checks=$((checks + 1))
    if ! grep -qF -- "$3" "$work/$1.$2"; then
        echo "FAIL $1: $2 lacks: $3"
        head -20 "$work/$1.$2" | sed 's/^/  /'
        failures=$((failures + 1))
    fi
}

# --- the real export: the README's command ----------------------------------
run servicenow 0 --window 24h --time-format "%d-%m-%Y %H:%M" --missing "?" \
    --map id=number,caller=caller_id,time=opened_at,agent=assigned_to,outcome=closed_code \
    --by category "$export_csv"
expect servicenow out "Contacts: 5998, of which 470 final, 420 provisional, 5108 excluded"
expect servicenow out "Excluded: duplicate 5108"
expect servicenow out "Data end:         2016-03-02T15:33:00Z"
expect servicenow out "total                         5998       470       379        91    80.6%    12.1%     0.0%         420      5108"
expect servicenow out "Category 45"

run servicenow_json 0 --window 24h --time-format "%d-%m-%Y %H:%M" --missing "?" \
    --map id=number,caller=caller_id,time=opened_at --by none --format json "$export_csv"
expect servicenow_json out '"format":"fcr.metrics/1"'
expect servicenow_json out '"duplicate":5108'

# Without the time format every row is bad: stop at the first one.
run servicenow_no_format 1 --map id=number,caller=caller_id,time=opened_at "$export_csv"
expect servicenow_no_format err "incident_event_log.csv: line 2, column"
expect servicenow_no_format err "(opened_at): the time is not an RFC 3339 date-time"

# --- a small log, sorted and shuffled ------------------------------------------
cat >"$work/sorted.csv" <<'CSV'
id,caller,time,category,agent,direction,outcome,target
c1,p1,2026-11-02T10:00:00Z,refill,ann,inbound,resolved,
c2,p1,2026-11-03T10:00:00Z,refill,bob,inbound,resolved,
c3,p2,2026-11-03T11:00:00Z,clinical_question,ann,inbound,escalated,nurse_triage
c4,p1,2026-11-04T09:00:00Z,refill,bob,outbound,,
c5,p3,2026-11-20T10:00:00Z,billing,bob,inbound,resolved,
CSV
{ head -1 "$work/sorted.csv"; tail -n +2 "$work/sorted.csv" | sort -r; } >"$work/shuffled.csv"

run small 0 "$work/sorted.csv"
expect small out "Contacts: 5, of which 3 final, 1 provisional, 1 excluded"
expect small out "Excluded: outbound 1"
expect small out "total                            5         3         2         1    66.7%    33.3%    33.3%           1         1"
expect small out "nurse_triage                     1         1         1         0   100.0%     0.0%   100.0%           0         0"

run small_shuffled 0 "$work/shuffled.csv"
checks=$((checks + 1))
if ! cmp -s "$work/small.out" "$work/small_shuffled.out"; then
    echo "FAIL small_shuffled: the report differs from the sorted input's"
    diff "$work/small.out" "$work/small_shuffled.out" | head -10
    failures=$((failures + 1))
fi

run small_csv 0 --format csv --by agent "$work/sorted.csv"
expect small_csv out "breakdown,group,contacts,final,resolved,repeated,provisional,excluded,repeat_contacts,escalated,fcr_rate,repeat_contact_rate,escalation_rate,calls"
expect small_csv out "agent,ann,2,2,1,1,0,0,0,1,0.500000,0.000000,0.500000,"

run small_stdin 0 - <"$work/sorted.csv"
checks=$((checks + 1))
cmp -s "$work/small.out" "$work/small_stdin.out" || {
    echo "FAIL small_stdin: the report differs from the file's"
    failures=$((failures + 1))
}

# --- definitions from the command line -----------------------------------------
# c1 (refill) is repeated by c2 one day later; a 12-hour refill window
# makes c1 resolved. Without category matching nothing changes for c1,
# but c3 (p2) stays alone. A 2-day transfer gap merges c2 into c1.
run refill_window 0 --category-window refill=12h --by none "$work/sorted.csv"
expect refill_window out "Repeat window:    7d (refill 12h)"
expect refill_window out "total                            5         3         3         0   100.0%     0.0%    33.3%           1         1"

run no_match 0 --no-category-match --by none --format json "$work/sorted.csv"
expect no_match out '"category_match":false'

run transfers 0 --transfer-gap 2d --by none "$work/sorted.csv"
expect transfers out "Transfers:        merged when less than 2d apart"
expect transfers out "Excluded: outbound 1, transfer 1"

run business_days 0 --window 3bd --by none --format json "$work/sorted.csv"
expect business_days out '"window":"3bd"'

# --- bad rows: skip or stop -----------------------------------------------------
cat >"$work/bad.csv" <<'CSV'
id,caller,time,category
c1,p1,2026-11-02T10:00:00Z,refill
c2,p1,not a time,refill
c3,p1
c4,p1,2026-11-03T10:00:00Z,refill
CSV
run bad_skip 1 --on-bad-row skip "$work/bad.csv"
expect bad_skip err "bad.csv: line 3, column 7 (time): the time is not an RFC 3339 date-time"
expect bad_skip err "bad.csv: line 4: the row has 2 fields but the header has 4"
expect bad_skip out "Contacts: 2, of which 1 final, 1 provisional, 0 excluded"

run bad_stop 1 --on-bad-row stop "$work/bad.csv"
expect bad_stop err "bad.csv: line 3, column 7 (time)"
checks=$((checks + 1))
if [ -s "$work/bad_stop.out" ] || grep -q "line 4" "$work/bad_stop.err"; then
    echo "FAIL bad_stop: went on after the first bad row"
    failures=$((failures + 1))
fi

# --- call records ----------------------------------------------------------------
run calls 0 "$source_dir/tests/cli/data/reference.json"
expect calls out "Checklist compliance of scored calls"
expect calls out "Contacts: 2, of which 0 final, 2 provisional, 0 excluded"

# --- usage errors ------------------------------------------------------------------
run no_file 2
run unknown_option 2 --frobnicate "$work/sorted.csv"
run bad_window 2 --window 7x "$work/sorted.csv"
expect bad_window err "window is not a valid duration"
run bad_map 2 --map phone=number "$work/sorted.csv"
run missing_column 1 --map agent=assigned_to "$work/sorted.csv"
expect missing_column err "the header has no column 'assigned_to' for the agent field"
run missing_file 1 "$work/no-such-file.csv"
run help 0 --help
expect help out "Usage: fcr metrics [OPTION]... FILE..."

if [ "$failures" -gt 0 ]; then
    echo "$((checks - failures)) passed, $failures failed"
    exit 1
fi
echo "$checks passed, 0 failed"
