# SPDX-License-Identifier: MIT
"""Library strings go back through fcr_free() and the binding's own memory
through free(): checked with a host allocator whose blocks free() cannot
release, set with fcr_set_allocator() in a fresh interpreter."""
import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import ctypes
    import os
    import sys

    import fcr  # loads libfcr; nothing is allocated before the allocator is set

    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.realloc.restype = ctypes.c_void_p
    libc.realloc.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]

    # Blocks start 16 bytes into a malloc() block, so that free() on one of
    # them, or this free on a malloc() block, aborts the process.
    OFFSET = 16
    live = set()


    def fail(message):
        # An exception in a ctypes callback is only printed, so end the process.
        os.write(2, message.encode() + b"\\n")
        os._exit(70)

    @ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p)
    def host_malloc(size, userdata):
        base = libc.malloc(size + OFFSET)
        if not base:
            return None
        live.add(base + OFFSET)
        return base + OFFSET

    @ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p)
    def host_realloc(pointer, size, userdata):
        if pointer is None:
            return host_malloc(size, userdata)
        if pointer not in live:
            fail("realloc of a block the host allocator did not make")
        base = libc.realloc(pointer - OFFSET, size + OFFSET)
        if not base:
            return None
        live.discard(pointer)
        live.add(base + OFFSET)
        return base + OFFSET

    @ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)
    def host_free(pointer, userdata):
        if pointer is None:
            return
        if pointer not in live:
            fail("fcr_free of a block the host allocator did not make")
        live.discard(pointer)
        libc.free(pointer - OFFSET)

    library = ctypes.CDLL("libfcr.so.1")
    status = library.fcr_set_allocator(host_malloc, host_realloc, host_free, None)
    assert status == 0, status

    record = open(sys.argv[1], encoding="utf-8").readline()
    policy = fcr.Policy()
    assert policy.to_json().startswith("{")
    call = fcr.Call.from_json(record, policy=policy)
    card = call.score()
    texts = [call.note(format) for format in ("text", "line", "json", "fhir")]
    texts += [call.recap(), call.to_json(), card.write("text"), card.write("json"), card.write("csv")]
    assert all(texts)
    assert len(call.events) == call.event_count
    assert [item.result for item in card]
    del texts, card, call
    for scorecard in fcr.score_file(sys.argv[1]):
        scorecard.write("csv")
    del scorecard
    policy.close()
    # Every handle is gone here, so nothing is freed after the callbacks.
    print("blocks still live:", len(live))
""")


def test_strings_freed_by_library(example_calls):
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(example_calls)],
                            capture_output=True, text=True, env=dict(os.environ), timeout=300)
    assert result.returncode == 0, result.stderr
    assert "blocks still live: 0" in result.stdout
