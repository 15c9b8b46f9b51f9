#!/usr/bin/env bash
# Installs a libfcr build tree into a temporary prefix and checks it the way
# a user would. It checks the installed files first. Then it builds a small
# consumer program through pkg-config and through find_package(fcr), linked
# against the shared and the static library, and runs each build.
#
# Usage: check-install.sh BUILD_DIR SOURCE_DIR LIBDIR INCLUDEDIR VERSION CMAKE CC
#   LIBDIR and INCLUDEDIR are CMAKE_INSTALL_LIBDIR and CMAKE_INSTALL_INCLUDEDIR,
#   relative to the prefix. VERSION is the project version, such as 1.0.0.
# Exit status: 0 when every check passes, 1 on the first failure, 77 (skip)
# when LIBDIR or INCLUDEDIR is absolute, because --prefix cannot move them.
set -euo pipefail

if [ "$#" -ne 7 ]; then
  echo "usage: $0 BUILD_DIR SOURCE_DIR LIBDIR INCLUDEDIR VERSION CMAKE CC" >&2
  exit 2
fi
build=$1
source=$2
libdir=$3
includedir=$4
version=$5
cmake=$6
cc=$7
soversion=${version%%.*}
consumer_source="$source/tests/install/consumer"

fail() {
  echo "install check FAILED: $*" >&2
  exit 1
}

step() {
  echo "-- $*"
}

for dir in "$libdir" "$includedir"; do
  case "$dir" in
    /*)
      echo "install check skipped: $dir is an absolute install directory," \
        "which cmake --install --prefix does not move into a temporary prefix"
      exit 77
      ;;
  esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/fcr-install-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
lib="$prefix/$libdir"

# --- install ----------------------------------------------------------------

step "cmake --install $build --prefix $prefix"
if ! "$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1; then
  cat "$work/install.log" >&2
  fail "cmake --install failed (output above). Build the project first: cmake --build $build"
fi

# --- installed files ----------------------------------------------------------

step "checking the installed headers in $includedir/fcr"
expected_headers=$(
  for header in "$source"/include/fcr/*.h; do basename "$header"; done
  echo version.h
)
expected_headers=$(printf '%s\n' "$expected_headers" | LC_ALL=C sort)
installed_headers=$(
  for header in "$prefix/$includedir"/fcr/*.h; do
    if [ -e "$header" ]; then basename "$header"; fi
  done | LC_ALL=C sort
)
if [ "$expected_headers" != "$installed_headers" ]; then
  missing=$(LC_ALL=C comm -23 <(echo "$expected_headers") <(echo "$installed_headers") | tr '\n' ' ')
  extra=$(LC_ALL=C comm -13 <(echo "$expected_headers") <(echo "$installed_headers") | tr '\n' ' ')
  fail "installed headers differ from include/fcr/*.h plus the generated version.h." \
    "Not installed: ${missing:-none}. Installed but not public: ${extra:-none}." \
    "Public headers are installed from FCR_PUBLIC_HEADERS in CMakeLists.txt; re-run cmake if a header was just added."
fi

step "checking the installed libraries in $libdir"
for file in "libfcr.so.$version" "libfcr.so.$soversion" libfcr.so libfcr.a \
            pkgconfig/fcr.pc cmake/fcr/fcrConfig.cmake cmake/fcr/fcrConfigVersion.cmake \
            cmake/fcr/fcrTargets.cmake; do
  [ -e "$lib/$file" ] || fail "$libdir/$file was not installed"
done
[ -L "$lib/libfcr.so" ] || fail "$libdir/libfcr.so should be a symbolic link to libfcr.so.$soversion"

soname=$(readelf -d "$lib/libfcr.so.$version" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
if [ "$soname" != "libfcr.so.$soversion" ]; then
  fail "SONAME of the installed library is '$soname', expected 'libfcr.so.$soversion'." \
    "SOVERSION in CMakeLists.txt must be the major version alone."
fi
if readelf -d "$lib/libfcr.so.$version" | grep -E '\((RPATH|RUNPATH)\)'; then
  fail "the installed libfcr.so.$version keeps an RPATH or RUNPATH (printed above);" \
    "an installed library must not point into the build tree"
fi

# Text files that tell consumers where things are must not name the build or
# source tree, or the install only works on the machine that built it.
packaging_files=("$lib/pkgconfig/fcr.pc" "$lib"/cmake/fcr/*.cmake)
if grep -l -F -e "$build" -e "$source" "${packaging_files[@]}"; then
  fail "the files listed above name the build or source directory ($build, $source)," \
    "so the install is not relocatable. Use install-relative paths in fcr.pc.in and the exported targets."
fi
# -Wl,--no-undefined belongs to libfcr's own link alone: a consumer, such as a
# plugin that leaves symbols to its host, must not inherit it.
if grep -l -e '--no-undefined' "${packaging_files[@]}"; then
  fail "the files listed above pass -Wl,--no-undefined to consumers;" \
    "keep it in target_link_options(fcr PRIVATE ...)"
fi

# --- pkg-config ---------------------------------------------------------------

export PKG_CONFIG_PATH="$lib/pkgconfig"
step "pkg-config with PKG_CONFIG_PATH=$PKG_CONFIG_PATH"

pc_version=$(pkg-config --modversion fcr) || fail "pkg-config cannot read fcr.pc (error above)"
[ "$pc_version" = "$version" ] || fail "fcr.pc says Version: $pc_version, expected $version"

real_prefix=$(cd "$prefix" && pwd -P)
for variable in prefix includedir libdir; do
  value=$(pkg-config --variable="$variable" fcr)
  case $variable in
    prefix) expected=$real_prefix ;;
    includedir) expected="$real_prefix/$includedir" ;;
    libdir) expected="$real_prefix/$libdir" ;;
  esac
  resolved=$(cd "$value" 2>/dev/null && pwd -P) ||
    fail "fcr.pc sets $variable=$value, which is not an existing directory." \
      "The prefix in fcr.pc.in must be \${pcfiledir}-relative so that it follows the install."
  [ "$resolved" = "$expected" ] ||
    fail "fcr.pc sets $variable=$value, which resolves to $resolved, expected $expected"
done

read -r -a pc_cflags <<<"$(pkg-config --cflags fcr)"
read -r -a pc_libs <<<"$(pkg-config --libs fcr)"
read -r -a pc_static_libs <<<"$(pkg-config --static --libs fcr)"
echo "   --cflags: ${pc_cflags[*]}"
echo "   --libs: ${pc_libs[*]}"
echo "   --static --libs: ${pc_static_libs[*]}"

# Checks that PROGRAM prints the project version and that it loads libfcr
# from the temporary prefix, not from a system directory or the build tree.
# With SHARED=no, checks instead that libfcr is linked in, not loaded.
run_consumer() {
  local program=$1 shared=$2 output
  if [ "$shared" = yes ]; then
    readelf -d "$program" | grep -q "(NEEDED).*\[libfcr.so.$soversion\]" ||
      fail "$program does not list libfcr.so.$soversion as NEEDED"
    local loaded
    loaded=$(ldd "$program" | sed -n 's/^[[:space:]]*libfcr\.so[^ ]* => \([^ ]*\).*/\1/p')
    loaded=$(cd "$(dirname "$loaded")" 2>/dev/null && pwd -P) || loaded="(not found)"
    [ "$loaded" = "$real_prefix/$libdir" ] ||
      fail "$program loads libfcr from $loaded, expected $real_prefix/$libdir"
  else
    if readelf -d "$program" | grep -q "(NEEDED).*libfcr"; then
      fail "$program was linked statically but still needs a shared libfcr"
    fi
  fi
  output=$("$program") || fail "$program exited with status $? (its message is above)"
  [ "$output" = "$version" ] || fail "$program printed '$output', expected '$version'"
}

step "building the consumer with: cc \$(pkg-config --cflags --libs fcr)"
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror "${pc_cflags[@]}" "$consumer_source/main.c" \
  "${pc_libs[@]}" -o "$work/consumer-pkgconfig" ||
  fail "the consumer does not build with pkg-config's flags: ${pc_cflags[*]} ${pc_libs[*]}"
LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" run_consumer "$work/consumer-pkgconfig" yes

# pkg-config --static names the shared library as -lfcr, so pick the archive
# by file name. The rest of the flags are Libs.private, which must be enough
# to link libfcr.a.
step "building the consumer with: cc \$(pkg-config --static --libs fcr), -lfcr as -l:libfcr.a"
static_libs=()
for flag in "${pc_static_libs[@]}"; do
  if [ "$flag" = -lfcr ]; then
    static_libs+=(-l:libfcr.a)
  else
    static_libs+=("$flag")
  fi
done
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror "${pc_cflags[@]}" "$consumer_source/main.c" \
  "${static_libs[@]}" -o "$work/consumer-pkgconfig-static" ||
  fail "the consumer does not link libfcr.a with: ${static_libs[*]}." \
    "Libs.private in fcr.pc.in must list what libfcr.a needs."
run_consumer "$work/consumer-pkgconfig-static" no

# --- find_package(fcr) ----------------------------------------------------------

step "building the consumer with find_package(fcr CONFIG) and CMAKE_PREFIX_PATH=$prefix"
if ! "$cmake" -S "$consumer_source" -B "$work/consumer-build" \
       -DCMAKE_BUILD_TYPE=Release \
       -DCMAKE_C_COMPILER="$cc" \
       -DCMAKE_PREFIX_PATH="$prefix" \
       -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
       -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF \
       -DFCR_EXPECTED_VERSION="$version" >"$work/consumer-configure.log" 2>&1; then
  cat "$work/consumer-configure.log" >&2
  fail "configuring the CMake consumer failed (output above)"
fi
found_dir=$(sed -n 's/^fcr_DIR:[A-Z]*=//p' "$work/consumer-build/CMakeCache.txt")
found_dir=$(cd "$found_dir" && pwd -P)
[ "$found_dir" = "$real_prefix/$libdir/cmake/fcr" ] ||
  fail "find_package(fcr) used $found_dir, expected $real_prefix/$libdir/cmake/fcr"
if ! "$cmake" --build "$work/consumer-build" >"$work/consumer-build.log" 2>&1; then
  cat "$work/consumer-build.log" >&2
  fail "building the CMake consumer failed (output above)"
fi
# CMake puts the imported library's folder in the build RPATH, so no
# LD_LIBRARY_PATH here.
run_consumer "$work/consumer-build/consumer_shared" yes
run_consumer "$work/consumer-build/consumer_static" no

echo "install check passed: libfcr $version installs, and consumers build and run through pkg-config and find_package"
