#!/bin/sh
# The metrics benchmark: N synthetic contacts, sorted, through `fcr metrics`
# and through the same analysis as a SQLite window query, measured in the
# same run, with wall time and peak memory from /usr/bin/time.
#
# Usage: run.sh --generator BIN --fcr BIN [--work DIR] [--sizes "N ..."] [--smoke]
#   --generator  bench/metrics/generate.c built (target metrics_generate)
#   --fcr        a program run as "BIN metrics ..." (fcr, or metrics_cli)
#   --work       folder for the generated CSV files (default: a new temp dir)
#   --sizes      contact counts, default "1000000 10000000"
#   --smoke      also fail when the two analyses disagree; for CTest
set -u

generator=
fcr=
work=
sizes="1000000 10000000"
smoke=0
while [ $# -gt 0 ]; do
    case $1 in
    --generator) generator=$2; shift 2 ;;
    --fcr) fcr=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --smoke) smoke=1; shift ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ -z "$generator" ] || [ -z "$fcr" ]; then
    echo "usage: run.sh --generator BIN --fcr BIN [--work DIR] [--sizes \"N ...\"] [--smoke]" >&2
    exit 2
fi
[ -n "$work" ] || work=$(mktemp -d)
mkdir -p "$work" || exit 1

timer=/usr/bin/time
if [ ! -x "$timer" ]; then
    echo "run.sh: /usr/bin/time is missing; install Debian's time package" >&2
    exit 2
fi
have_sqlite=1
command -v sqlite3 >/dev/null 2>&1 || have_sqlite=0

# Columns: wall seconds, CPU seconds (user + system) and peak resident
# memory of each process, and SQLite's time divided by fcr's, for wall and
# CPU time. On a shared machine the CPU ratio is the steadier one.
#
# The same definitions on both sides: a 7-day window, matching by caller
# and category, outbound contacts left out, the data end at the latest
# contact. The generator's times are strictly increasing, so LEAD() finds
# the first later contact just as fcr does.
cat >"$work/query.sql" <<'SQL'
.mode csv
.import contacts.csv contacts
.mode list
.separator ,
WITH inbound AS (
    SELECT caller, category, unixepoch(time) AS t FROM contacts WHERE direction = 'inbound'),
marked AS (
    SELECT t, LEAD(t) OVER (PARTITION BY caller, category ORDER BY t) AS next_t FROM inbound),
span AS (SELECT MAX(unixepoch(time)) AS data_end FROM contacts)
SELECT SUM((next_t IS NULL OR next_t > t + 604800) AND t + 604800 <= data_end),
       SUM(next_t IS NOT NULL AND next_t <= t + 604800),
       SUM((next_t IS NULL OR next_t > t + 604800) AND t + 604800 > data_end)
FROM marked, span;
SQL

status=0
printf '%-10s %8s %8s %8s %9s %9s %9s %7s %7s  %s\n' contacts "fcr s" "fcr cpu" "fcr MiB" "sqlite s" "sqlite cpu" "sqlite MiB" "ratio" "cpu" "resolved,repeated,provisional"
for n in $sizes; do
    csv=$work/contacts-$n.csv
    [ -s "$csv" ] || "$generator" "$n" >"$csv" || exit 1
    ln -sf "contacts-$n.csv" "$work/contacts.csv"

    $timer -f "%e %M %U %S" -o "$work/fcr.time" "$fcr" metrics --by none --format csv "$csv" \
        >"$work/fcr.out" 2>"$work/fcr.err" || { cat "$work/fcr.err" >&2; exit 1; }
    fcr_counts=$(awk -F, '$1 == "total" { print $5 "," $6 "," $7 }' "$work/fcr.out")
    read -r fcr_seconds fcr_kib fcr_user fcr_sys <"$work/fcr.time"
    fcr_cpu=$(awk -v u="$fcr_user" -v s="$fcr_sys" 'BEGIN { printf "%.2f", u + s }')

    if [ "$have_sqlite" -eq 1 ]; then
        (cd "$work" && $timer -f "%e %M %U %S" -o sqlite.time sqlite3 :memory: <query.sql >sqlite.out 2>sqlite.err) ||
            { cat "$work/sqlite.err" >&2; exit 1; }
        sqlite_counts=$(tail -1 "$work/sqlite.out")
        read -r sqlite_seconds sqlite_kib sqlite_user sqlite_sys <"$work/sqlite.time"
        sqlite_cpu=$(awk -v u="$sqlite_user" -v s="$sqlite_sys" 'BEGIN { printf "%.2f", u + s }')
        ratio=$(awk -v a="$sqlite_seconds" -v b="$fcr_seconds" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
        cpu_ratio=$(awk -v a="$sqlite_cpu" -v b="$fcr_cpu" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
        if [ "$fcr_counts" != "$sqlite_counts" ]; then
            echo "run.sh: fcr counted $fcr_counts but SQLite $sqlite_counts for $n contacts" >&2
            status=1
        fi
    else
        sqlite_seconds=- sqlite_cpu=- sqlite_kib=0 ratio=- cpu_ratio=-
    fi
    printf '%-10s %8s %8s %8s %9s %9s %9s %7s %7s  %s\n' "$n" "$fcr_seconds" "$fcr_cpu" \
        "$((fcr_kib / 1024))" "$sqlite_seconds" "$sqlite_cpu" "$((sqlite_kib / 1024))" "$ratio" \
        "$cpu_ratio" "$fcr_counts"
done
[ "$have_sqlite" -eq 1 ] || echo "sqlite3 is not installed: only fcr was measured"
[ "$smoke" -eq 1 ] || status=0
exit $status
