#!/usr/bin/env python3
"""Check that libfcr's exports, public headers and symbol ledger agree.

The ledger abi/symbols.txt lists every exported symbol with the version
that added it. Each subcommand is one CTest check:

  exports       the dynamic symbols of the built libfcr.so equal the ledger
  declarations  the FCR_API declarations in include/fcr/*.h equal the ledger
  headers-c     each public header compiles on its own as C90, C99 and C11
  headers-cxx   each public header compiles on its own as C++11 and gives
                its functions C linkage

Headers are globbed when the check runs, so a new header is covered without
an edit here. Each check prints every problem it finds, then exits 1.
"""

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

LEDGER_NAME = "abi/symbols.txt"

# The version node that src/fcr.map defines. nm lists it as an absolute
# symbol ("A"), and every exported function must carry it as its default
# version ("@@FCR_1").
VERSION_NODE = "FCR_1"

# Warnings that a careful consumer may build with. -Wstrict-prototypes
# catches `fcr_x()` where `fcr_x(void)` is meant, -Wundef an `#if` on a
# macro that no header defines.
C_STANDARDS = ("c90", "c99", "c11")
C_FLAGS = ["-pedantic", "-Wall", "-Wextra", "-Werror", "-Wstrict-prototypes", "-Wundef"]
CXX_FLAGS = ["-x", "c++", "-std=c++11", "-pedantic", "-Wall", "-Wextra", "-Werror"]


class Problems:
    """Collects the problems a check finds, so that one run reports all."""

    def __init__(self, check):
        self.check = check
        self.messages = []

    def add(self, message):
        self.messages.append(message)

    def finish(self, success_message):
        if not self.messages:
            print(f"{self.check}: {success_message}")
            return 0
        for message in self.messages:
            print(f"{self.check}: {message}\n", file=sys.stderr)
        print(f"{self.check}: FAILED with {len(self.messages)} problem(s)", file=sys.stderr)
        return 1


# --- the ledger ---------------------------------------------------------------

SYMBOL_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
VERSION_RE = re.compile(r"(\d+)\.(\d+)\Z")


def read_ledger(path, project_version, problems):
    """Return {symbol: version} from the ledger, reporting format errors.

    A line is "<symbol> <MAJOR.MINOR>". The version may not be later than the
    project's MAJOR.MINOR, because no release can have added the symbol yet.
    """
    major, minor = (int(part) for part in project_version.split(".")[:2])
    symbols = {}
    previous = None
    try:
        with open(path, encoding="utf-8") as ledger:
            lines = ledger.read().splitlines()
    except OSError as error:
        problems.add(f"cannot read the ledger {path}: {error.strerror}")
        return symbols

    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        where = f"{LEDGER_NAME}:{number}"
        fields = text.split()
        if len(fields) != 2:
            problems.add(f"{where}: expected '<symbol> <MAJOR.MINOR>', found '{text}'")
            continue
        symbol, version = fields
        if not SYMBOL_RE.match(symbol):
            problems.add(f"{where}: '{symbol}' is not a C identifier")
            continue
        version_match = VERSION_RE.match(version)
        if not version_match:
            problems.add(f"{where}: version '{version}' of {symbol} is not MAJOR.MINOR, such as 1.0")
        elif (int(version_match.group(1)), int(version_match.group(2))) > (major, minor):
            problems.add(
                f"{where}: {symbol} is marked as added in {version}, but the project version "
                f"is {project_version}; use {major}.{minor}, the version that will first ship it")
        if symbol in symbols:
            problems.add(f"{where}: {symbol} is listed twice; keep one line")
        elif previous is not None and symbol.encode() < previous.encode():
            problems.add(f"{where}: {symbol} is out of order after {previous}; keep the lines "
                         f"sorted by symbol (LC_ALL=C sort)")
        symbols[symbol] = version
        previous = symbol
    return symbols


# --- exports: nm -D of the library ------------------------------------------------

def check_exports(args):
    problems = Problems("abi.exports")
    ledger = read_ledger(args.ledger, args.project_version, problems)
    library = os.path.basename(args.library)

    command = [args.nm, "-D", "--defined-only", args.library]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        problems.add(f"'{' '.join(command)}' failed with status {result.returncode}:\n"
                     f"{result.stderr.strip()}\nBuild the library first.")
        return problems.finish("")

    version_nodes = []
    exported = {}  # name -> nm symbol type letter
    unversioned = []
    wrong_version = []
    for line in result.stdout.splitlines():
        fields = line.split()
        if len(fields) < 2:
            continue
        kind, name = fields[-2], fields[-1]
        # A version definition is an absolute symbol without a version suffix.
        if kind == "A" and "@" not in name:
            version_nodes.append(name)
            continue
        # "name@@NODE" is the default version, "name@NODE" an old one kept
        # for programs linked before; libfcr has only defaults so far.
        base, separator, version = name.partition("@")
        if not separator:
            unversioned.append(base)
        elif version != "@" + VERSION_NODE:
            wrong_version.append(name)
        exported[base] = kind

    if unversioned:
        problems.add(f"exported without a symbol version: {', '.join(unversioned)}\n"
                     f"Link libfcr with -Wl,--version-script=src/fcr.map, which gives every "
                     f"public symbol the version {VERSION_NODE}.")
    if wrong_version:
        problems.add(f"exported with a version other than the default @@{VERSION_NODE}: "
                     f"{', '.join(wrong_version)}\nsrc/fcr.map must put every public symbol in "
                     f"the {VERSION_NODE} node.")

    if version_nodes != [VERSION_NODE]:
        found = ", ".join(version_nodes) or "none"
        problems.add(f"{library} defines the version nodes [{found}], expected exactly "
                     f"[{VERSION_NODE}] from src/fcr.map")

    unlisted = sorted(set(exported) - set(ledger))
    if unlisted:
        lines = "\n".join(
            f"  {name}" + ("" if exported[name] in "Tt" else f" (nm type {exported[name]}: not a function)")
            for name in unlisted)
        problems.add(
            f"exported by {library} but missing from {LEDGER_NAME}:\n{lines}\n"
            f"If it is public API, add '<symbol> {major_minor(args.project_version)}' lines to "
            f"{LEDGER_NAME}, keeping it sorted. If it is internal, name it fcr__<noun>_<verb> or "
            f"make it static, so that the version script keeps it local.")
    unexported = sorted(set(ledger) - set(exported))
    if unexported:
        lines = "\n".join(f"  {name} (added in {ledger[name]})" for name in unexported)
        problems.add(
            f"listed in {LEDGER_NAME} but not exported by {library}:\n{lines}\n"
            f"Each needs a definition in src/ and a declaration with FCR_API in include/fcr/. "
            f"If a released function was removed, restore it, because programs linked against "
            f"libfcr.so.1 still call it; the ledger line stays.")

    return problems.finish(f"{len(exported)} symbols exported by {library} match {LEDGER_NAME}, "
                           f"all with version {VERSION_NODE}")


def major_minor(project_version):
    return ".".join(project_version.split(".")[:2])


# --- declarations: FCR_API in the headers -------------------------------------------

def blank_out(match):
    """Replace matched text with spaces, keeping newlines so line numbers hold."""
    return re.sub(r"[^\n]", " ", match.group(0))


def strip_header(text):
    """Return header text without comments, preprocessor lines and brace bodies.

    What remains is a sequence of file-scope declarations separated by ';',
    at the same offsets as in the original text.
    """
    # Comments and literals in one pass, so that "/*" inside a string is not a
    # comment. Literals are kept, comments blanked.
    token = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|/\*.*?\*/|//[^\n]*', re.S)
    text = token.sub(lambda m: m.group(0) if m.group(0)[0] in "\"'" else blank_out(m), text)
    # Preprocessor directives, with their backslash-continued lines.
    text = re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", blank_out, text, flags=re.M)
    text = re.sub(r"\bFCR_(?:BEGIN|END)_DECLS\b", blank_out, text)
    # Innermost brace bodies first: enum and struct members are not
    # file-scope declarations.
    body = re.compile(r"\{[^{}]*\}")
    while body.search(text):
        text = body.sub(blank_out, text)
    return text


FUNCTION_NAME_RE = re.compile(r"\b(fcr_[A-Za-z0-9_]*)\s*\(")
VARIABLE_NAME_RE = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[[^\]]*\]\s*)*$")


def parse_declarations(path, problems):
    """Return [(name, kind, line)] for the FCR_API declarations in a header.

    The kind is "function" or "variable". An fcr_ function declared without
    FCR_API is reported as a problem, because hidden visibility keeps it out
    of the library.
    """
    with open(path, encoding="utf-8") as header:
        original = header.read()
    text = strip_header(original)
    declarations = []
    start = 0
    for end in [m.start() for m in re.finditer(";", text)]:
        statement = text[start:end]
        offset = start
        start = end + 1
        stripped = statement.strip()
        if not stripped or re.match(r"typedef\b", stripped) or re.search(r"\bstatic\b", stripped):
            continue
        has_api = re.search(r"\bFCR_API\b", statement) is not None
        function = FUNCTION_NAME_RE.search(statement)
        if function:
            name, kind, position = function.group(1), "function", offset + function.start(1)
        elif has_api:
            variable = None if "(" in statement else VARIABLE_NAME_RE.search(statement)
            if not variable:
                line = original.count("\n", 0, offset + len(statement) - len(statement.lstrip())) + 1
                problems.add(f"{path}:{line}: cannot find an fcr_ name in the FCR_API declaration "
                             f"'{' '.join(stripped.split())}'. src/fcr.map exports only names "
                             f"that start with fcr_ and a lowercase letter.")
                continue
            name, kind, position = variable.group(1), "variable", offset + variable.start(1)
        else:
            continue
        line = original.count("\n", 0, position) + 1
        if not has_api:
            problems.add(f"{path}:{line}: {name} is declared without FCR_API, so libfcr does not "
                         f"export it and programs that call it fail to link. Add FCR_API in "
                         f"front of the declaration.")
            continue
        declarations.append((name, kind, line))
    return declarations


def public_headers(include_dir):
    return sorted(glob.glob(os.path.join(include_dir, "fcr", "*.h")))


def check_declarations(args):
    problems = Problems("abi.declarations")
    ledger = read_ledger(args.ledger, args.project_version, problems)

    declared = {}  # name -> "header:line"
    headers = public_headers(args.include_dir)
    if not headers:
        problems.add(f"no headers found in {args.include_dir}/fcr")
    for header in headers:
        relative = os.path.relpath(header, os.path.dirname(args.include_dir))
        for name, _kind, line in parse_declarations(header, problems):
            declared.setdefault(name, f"{relative}:{line}")

    unlisted = sorted(set(declared) - set(ledger))
    if unlisted:
        lines = "\n".join(f"  {name} ({declared[name]})" for name in unlisted)
        problems.add(
            f"declared with FCR_API but missing from {LEDGER_NAME}:\n{lines}\n"
            f"Add a line '<symbol> {major_minor(args.project_version)}' for each, the version "
            f"that will first ship it, keeping {LEDGER_NAME} sorted.")
    undeclared = sorted(set(ledger) - set(declared))
    if undeclared:
        lines = "\n".join(f"  {name} (added in {ledger[name]})" for name in undeclared)
        problems.add(
            f"listed in {LEDGER_NAME} but declared with FCR_API in no header of include/fcr/:\n"
            f"{lines}\nPublic functions are never removed: restore the declaration. If the line "
            f"was a typo that no release has shipped, correct it.")

    return problems.finish(f"{len(declared)} FCR_API declarations in {len(headers)} headers "
                           f"match {LEDGER_NAME}")


# --- headers: each compiles on its own ------------------------------------------------

def header_list(args, problems):
    """Return the public headers, source tree and generated, as (path, include name)."""
    headers = public_headers(args.include_dir)
    generated = os.path.join(args.generated_include_dir, "fcr", "version.h")
    if not os.path.exists(generated):
        problems.add(f"{generated} does not exist; build the project before running the tests")
    else:
        headers.append(generated)
    return [(path, "fcr/" + os.path.basename(path)) for path in headers]


def compile_unit(compiler, flags, source_text, suffix, directory, output=os.devnull):
    """Compile SOURCE_TEXT and return (command, status, compiler output)."""
    source = os.path.join(directory, "unit" + suffix)
    with open(source, "w", encoding="utf-8") as unit:
        unit.write(source_text)
    command = [compiler] + flags + ["-c", source, "-o", output]
    result = subprocess.run(command, capture_output=True, text=True)
    return command, result.returncode, (result.stdout + result.stderr).strip()


def include_twice(name):
    # Including the header twice checks its include guard. The typedef keeps
    # the unit from being empty, which -pedantic rejects in C for a header
    # that only defines macros (fcr/version.h).
    return f"#include <{name}>\n#include <{name}>\ntypedef int fcr_header_test_unit;\n"


def check_headers_c(args):
    problems = Problems("abi.headers_c")
    headers = header_list(args, problems)
    include_flags = ["-I" + args.include_dir, "-I" + args.generated_include_dir]
    with tempfile.TemporaryDirectory(prefix="fcr-header-check.") as directory:
        for path, name in headers:
            for standard in C_STANDARDS:
                flags = ["-std=" + standard] + C_FLAGS + include_flags
                command, status, output = compile_unit(args.cc, flags, include_twice(name), ".c",
                                                       directory)
                if status != 0:
                    problems.add(
                        f"{name} does not compile on its own as {standard}:\n  {' '.join(command)}\n"
                        f"{output}\nA public header must include what it uses, keep an include "
                        f"guard and stay within C90.")
                    # The later standards mostly repeat the same errors.
                    break
    return problems.finish(f"{len(headers)} headers compile on their own as "
                           f"{', '.join(C_STANDARDS)} with {' '.join(C_FLAGS)}")


def check_headers_cxx(args):
    problems = Problems("abi.headers_cxx")
    if not args.cxx:
        print("abi.headers_cxx skipped: CMake found no C++ compiler, so the headers cannot be "
              "compiled as C++. Install g++ and reconfigure.")
        return 77
    headers = header_list(args, problems)
    include_flags = ["-I" + args.include_dir, "-I" + args.generated_include_dir]
    declaration_problems = Problems("abi.headers_cxx")
    with tempfile.TemporaryDirectory(prefix="fcr-header-check.") as directory:
        for path, name in headers:
            # Parse problems are abi.declarations' to report, so they are dropped here.
            functions = [declared for declared, kind, _line in
                         parse_declarations(path, declaration_problems) if kind == "function"]
            # Taking each function's address makes the object refer to its
            # symbol. Without extern "C" the reference is a mangled _Z name
            # that libfcr.so does not export.
            unit = include_twice(name)
            if functions:
                references = "".join(
                    f"    reinterpret_cast<fcr_header_test_function>(&{function}),\n"
                    for function in functions)
                unit += ("typedef void (*fcr_header_test_function)();\n"
                         "extern const fcr_header_test_function fcr_header_test_functions[];\n"
                         f"const fcr_header_test_function fcr_header_test_functions[] = {{\n"
                         f"{references}}};\n")
            output_file = os.path.join(directory, "unit.o")
            command, status, output = compile_unit(args.cxx, CXX_FLAGS + include_flags, unit,
                                                   ".cpp", directory, output_file)
            if status != 0:
                problems.add(f"{name} does not compile on its own as C++11:\n  {' '.join(command)}\n"
                             f"{output}\nA public header must compile as C++ so that C++ "
                             f"programs can use libfcr.")
                continue
            symbols = subprocess.run([args.nm, "--undefined-only", output_file],
                                     capture_output=True, text=True, check=True).stdout.split()
            for function in functions:
                if function not in symbols:
                    problems.add(f"{name} declares {function} without C linkage, so a C++ program "
                                 f"refers to a mangled name that libfcr does not export. Put the "
                                 f"declarations between FCR_BEGIN_DECLS and FCR_END_DECLS.")
    return problems.finish(f"{len(headers)} headers compile on their own as C++11 with "
                           f"{' '.join(CXX_FLAGS[2:])} and declare their functions extern \"C\"")


# --- command line ------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    subcommands = parser.add_subparsers(dest="check", required=True)

    exports = subcommands.add_parser("exports", help="compare nm -D of libfcr.so with the ledger")
    exports.add_argument("--nm", required=True, help="path to nm")
    exports.add_argument("--library", required=True, help="path to the built libfcr.so")

    declarations = subcommands.add_parser("declarations",
                                          help="compare FCR_API declarations with the ledger")

    for ledger_user in (exports, declarations):
        ledger_user.add_argument("--ledger", required=True, help="path to abi/symbols.txt")
        ledger_user.add_argument("--project-version", required=True,
                                 help="the project version, such as 1.0.0")
    declarations.add_argument("--include-dir", required=True,
                              help="the include/ folder that holds fcr/*.h")

    headers_c = subcommands.add_parser("headers-c", help="compile each header alone as C")
    headers_c.add_argument("--cc", required=True, help="C compiler")
    headers_cxx = subcommands.add_parser("headers-cxx", help="compile each header alone as C++")
    headers_cxx.add_argument("--cxx", default="", help="C++ compiler; empty to skip the check")
    headers_cxx.add_argument("--nm", required=True, help="path to nm")
    for header_user in (headers_c, headers_cxx):
        header_user.add_argument("--include-dir", required=True,
                                 help="the include/ folder that holds fcr/*.h")
        header_user.add_argument("--generated-include-dir", required=True,
                                 help="the build's include/ folder that holds fcr/version.h")

    args = parser.parse_args()
    checks = {
        "exports": check_exports,
        "declarations": check_declarations,
        "headers-c": check_headers_c,
        "headers-cxx": check_headers_cxx,
    }
    return checks[args.check](args)


if __name__ == "__main__":
    sys.exit(main())
