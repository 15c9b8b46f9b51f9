#!/usr/bin/env bash
# Compares the ABI of the built libfcr.so with the committed baseline
# abi/libfcr.so.1.abi. Added functions and enum values pass, and any other
# change fails.
#
# Usage: check-abidiff.sh SOURCE_DIR LIBRARY GENERATED_INCLUDE_DIR OUTPUT_DIR
#   OUTPUT_DIR receives libfcr.so.1.abi, the current ABI, for inspection.
# Exit status: 0 when the ABI matches, 1 on a change or an error, 77 (skip)
# when abidw or abidiff is not installed.
set -euo pipefail

if [ "$#" -ne 4 ]; then
  echo "usage: $0 SOURCE_DIR LIBRARY GENERATED_INCLUDE_DIR OUTPUT_DIR" >&2
  exit 2
fi
source=$1
library=$2
generated_include_dir=$3
output_dir=$4
baseline="$source/abi/libfcr.so.1.abi"
current="$output_dir/libfcr.so.1.abi"

for tool in abidw abidiff; do
  if ! command -v "$tool" >/dev/null; then
    echo "abi.abidiff skipped: $tool is not installed. It comes with Debian's abigail-tools" \
      "package, which scripts/setup installs."
    exit 77
  fi
done

if [ ! -f "$baseline" ]; then
  echo "abi.abidiff FAILED: the baseline abi/libfcr.so.1.abi is missing; create it with" \
    "abi/update-baseline and commit it" >&2
  exit 1
fi

# dump-abi fails with its own message when the library has no debug
# information, because abidiff would then miss changed signatures.
mkdir -p "$output_dir"
if ! "$source/abi/dump-abi" "$library" "$generated_include_dir" "$current"; then
  echo "abi.abidiff FAILED: could not read the ABI of $library (message above)" >&2
  exit 1
fi

# Both files come from dump-abi, which already dropped the types that the
# public headers do not define, so abidiff needs no --headers-dir here.
# --no-added-syms: a new function is an allowed, compatible change.
# --no-default-suppression: skip the default suppression files (a system
# one and $HOME/.abignore, abidiff(1)), so that every machine checks alike.
status=0
abidiff --no-added-syms --no-default-suppression "$baseline" "$current" || status=$?

# abidiff's exit status is a bit field (abidiff(1), RETURN VALUES, libabigail
# 2.2): 1 error, 2 usage error, 4 the ABI changed, 8 the change is
# incompatible (a removed function or variable).
# With 4 alone, libabigail cannot tell whether the change is compatible, as
# for a changed parameter type, so that fails too.
if [ "$status" -eq 0 ]; then
  echo "abi.abidiff: the ABI of $(basename "$library") matches abi/libfcr.so.1.abi" \
    "(added functions are allowed)"
  exit 0
fi
if [ $((status & 3)) -ne 0 ]; then
  echo "abi.abidiff FAILED: abidiff itself failed with status $status (output above)" >&2
  exit 1
fi
if [ $((status & 8)) -ne 0 ]; then
  kind="an incompatible ABI change: a public function or variable was removed"
else
  kind="an ABI change that may break programs built against the baseline"
fi
cat >&2 <<EOF
abi.abidiff FAILED: abidiff found $kind (status $status, report above).
  Baseline: $baseline
  Current:  $current
After a release, keep the old function as it was and add a new one. While
no release has shipped the old ABI, accept the change with
abi/update-baseline --accept-changes and commit abi/libfcr.so.1.abi.
EOF
exit 1
