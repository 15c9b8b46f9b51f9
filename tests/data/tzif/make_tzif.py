#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Copy the real zones into this folder and build the derived TZif files.

Usage: python3 make_tzif.py [ZONEINFO_DIR]   (default /usr/share/zoneinfo)

The derived files start from the system's America/New_York and rewrite it
in other TZif shapes (version 1 only, slim, leap seconds, version 4), so
that the C tests see the same zone through every code path of the reader.
The malformed files are small changes to those. README.md lists each file.

This script has its own TZif reader and writer, written apart from
src/timezone.c, so that a bug in one is unlikely to hide in the other.
"""

import os
import shutil
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Zones copied byte for byte: file name here -> name in the zone database.
COPIES = {
    "America_New_York.tzif": "America/New_York",
    "America_Chicago.tzif": "America/Chicago",
    "America_Los_Angeles.tzif": "America/Los_Angeles",
    "Asia_Kolkata.tzif": "Asia/Kolkata",
    "Australia_Sydney.tzif": "Australia/Sydney",
    "Europe_Dublin.tzif": "Europe/Dublin",
    "America_Nuuk.tzif": "America/Nuuk",
}

# Leap seconds as (POSIX time of the day after the leap second, total
# correction after it), from the IERS bulletins behind tzdata's "leapseconds".
# Only the last few are needed, which is what makes the version 4 file below
# a truncated table.
LEAP_SECONDS = [
    (1341100800, 25),  # 2012-07-01
    (1435708800, 26),  # 2015-07-01
    (1483228800, 27),  # 2017-01-01
]


class Block:
    """One TZif data block: transitions, local time types, leap records."""

    def __init__(self):
        self.times = []      # seconds
        self.indices = []    # local time type of each transition
        self.types = []      # (utoff, isdst, desigidx)
        self.chars = b""
        self.leaps = []      # (occurrence, correction)
        self.isstd = []
        self.isut = []


def read_tzif(data):
    """Return (version byte, 64-bit block, footer bytes) of a version 2+ file."""
    assert data[:4] == b"TZif", "not a TZif file"
    version = data[4:5]
    counts = struct.unpack(">6l", data[20:44])
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = counts
    v1_size = timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt
    pos = 44 + v1_size

    assert data[pos:pos + 4] == b"TZif", "no second header"
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = struct.unpack(
        ">6l", data[pos + 20:pos + 44])
    pos += 44

    block = Block()
    block.times = list(struct.unpack(">%dq" % timecnt, data[pos:pos + 8 * timecnt]))
    pos += 8 * timecnt
    block.indices = list(data[pos:pos + timecnt])
    pos += timecnt
    for _ in range(typecnt):
        block.types.append(struct.unpack(">lBB", data[pos:pos + 6]))
        pos += 6
    block.chars = data[pos:pos + charcnt]
    pos += charcnt
    for _ in range(leapcnt):
        block.leaps.append(struct.unpack(">ql", data[pos:pos + 12]))
        pos += 12
    block.isstd = list(data[pos:pos + isstdcnt])
    pos += isstdcnt
    block.isut = list(data[pos:pos + isutcnt])
    pos += isutcnt

    footer = data[pos:]
    return version, block, footer


def encode_block(block, time_size):
    header_counts = struct.pack(">6l", len(block.isut), len(block.isstd), len(block.leaps),
                                len(block.times), len(block.types), len(block.chars))
    time_format = ">l" if time_size == 4 else ">q"
    body = b"".join(struct.pack(time_format, t) for t in block.times)
    body += bytes(block.indices)
    body += b"".join(struct.pack(">lBB", *t) for t in block.types)
    body += block.chars
    body += b"".join(struct.pack(time_format, o) + struct.pack(">l", c) for o, c in block.leaps)
    body += bytes(block.isstd) + bytes(block.isut)
    return header_counts, body


def write_tzif(version, v1, v2=None, footer=b""):
    """Return TZif bytes; v2 and footer only for version 2+."""
    counts, body = encode_block(v1, 4)
    out = b"TZif" + version + b"\0" * 15 + counts + body
    if v2 is not None:
        counts, body = encode_block(v2, 8)
        out += b"TZif" + version + b"\0" * 15 + counts + body + footer
    return out


def stub_block():
    """The near-empty version 1 block that zic's slim output writes."""
    block = Block()
    block.types = [(0, 0, 0)]
    block.chars = b"\0"
    return block


def copy_block(block, keep):
    """Copy of block with only the transitions for which keep(time) holds."""
    result = Block()
    for time, index in zip(block.times, block.indices):
        if keep(time):
            result.times.append(time)
            result.indices.append(index)
    result.types = list(block.types)
    result.chars = block.chars
    result.isstd = list(block.isstd)
    result.isut = list(block.isut)
    return result


def leap_correction(posix_time):
    correction = 0
    for occurrence, total in LEAP_SECONDS:
        if posix_time >= occurrence:
            correction = total
    return correction


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as out:
        out.write(data)


def main():
    zoneinfo = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/zoneinfo"
    for target, zone in COPIES.items():
        shutil.copyfile(os.path.join(zoneinfo, zone), os.path.join(HERE, target))

    with open(os.path.join(zoneinfo, "America/New_York"), "rb") as source:
        _, new_york, footer = read_tzif(source.read())
    assert footer == b"\nEST5EDT,M3.2.0,M11.1.0\n", footer

    # Version 1 only: the transitions that fit in 32 bits, no footer, so the
    # last transition (November 2037) decides everything after it. Like zic,
    # start with a transition at -2**31 to the type then in effect, so that
    # 1901-1918 is EST rather than local mean time.
    v1 = copy_block(new_york, lambda t: -2**31 <= t < 2**31)
    earlier = [i for t, i in zip(new_york.times, new_york.indices) if t < -2**31]
    v1.times.insert(0, -2**31)
    v1.indices.insert(0, earlier[-1])
    write("v1_new_york.tzif", write_tzif(b"\0", v1))

    # Slim: transitions only up to the end of 2007, the first year of the
    # current US rules, and the footer for every later year.
    slim = copy_block(new_york, lambda t: t < 1199145600)
    write("slim_new_york.tzif", write_tzif(b"2", stub_block(), slim, footer))

    # Footer only: no transitions at all, one standard time type.
    only = Block()
    only.types = [(-18000, 0, 0)]
    only.chars = b"EST\0"
    write("footer_only_est5edt.tzif", write_tzif(b"2", stub_block(), only, footer))

    # Footer only, version 3, with Chile's rule: the changes happen at 24:00
    # local time on a Saturday, so they cross midnight.
    chile = Block()
    chile.types = [(-14400, 0, 0)]
    chile.chars = b"-04\0"
    write("footer_only_midnight.tzif",
          write_tzif(b"3", stub_block(), chile, b"\n<-04>4<-03>,M9.1.6/24,M4.1.6/24\n"))

    # Version 4 with a leap-second table that starts at a correction of 25
    # (truncated, which version 4 allows) and ends with an expiry record that
    # repeats the last correction. Times count leap seconds, as in "right/"
    # zones, so a reader must subtract the corrections to get POSIX time.
    leap = copy_block(new_york, lambda t: True)
    leap.times = [t + leap_correction(t) for t in leap.times]
    leap.leaps = [(occurrence + total - 1, total) for occurrence, total in LEAP_SECONDS]
    leap.leaps.append((1798761600 + 27, 27))  # expiry: 2027-01-01
    write("v4_leap_new_york.tzif", write_tzif(b"4", stub_block(), leap, footer))

    # Malformed variants of the footer-only file, each with one defect.
    good = write_tzif(b"2", stub_block(), only, footer)
    write("bad_magic.tzif", b"TZiF" + good[4:])
    write("bad_truncated.tzif", good[:len(good) - len(footer) - 3])
    write("bad_version.tzif", write_tzif(b"7", stub_block(), only, footer))
    write("bad_footer.tzif", write_tzif(b"2", stub_block(), only, b"\nEST5EDT,M13.2.0,M11.1.0\n"))
    write("bad_no_footer.tzif", write_tzif(b"2", stub_block(), only, b""))

    # A transition that names local time type 5 when there is only one.
    index = copy_block(new_york, lambda t: 0 <= t < 100000000)
    index.types = index.types[:1]
    index.indices = [0] * len(index.times)
    index.indices[2] = 5
    index.isstd = index.isstd[:1]
    index.isut = index.isut[:1]
    write("bad_type_index.tzif", write_tzif(b"2", stub_block(), index, footer))

    # Two transitions swapped, so the times are not ascending.
    order = copy_block(new_york, lambda t: 0 <= t < 100000000)
    order.times[3], order.times[4] = order.times[4], order.times[3]
    write("bad_order.tzif", write_tzif(b"2", stub_block(), order, footer))


if __name__ == "__main__":
    main()
