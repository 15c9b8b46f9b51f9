"""Generate JSON Lines call records for the parse benchmark.

Usage: python3 gen_calls.py OUTPUT [BYTES]

Each line is one call: nested patient, agent and outcome objects, a tags
array and 12 to 18 event objects, with string fields of 10 to 200
characters. About 2% of words carry a non-ASCII letter and 5% of texts end
in an escaped newline and quotes. The seed is fixed, so the same BYTES
give the same file. BYTES defaults to 100,000,000.
"""
import json
import random
import sys

WORDS = ("patient asked about refill appointment lab results insurance referral "
         "callback pharmacy dosage follow-up nurse doctor schedule billing portal "
         "message clinic cardiology pediatrics urgent routine confirmed escalated").split()
ACCENTS = ["é", "ü", "ñ", "ø", "—", "’"]
KINDS = ["step_started", "step_completed", "note_added", "guard_checked", "escalated",
         "recap_given"]
STEPS = ["clarify", "authority", "act", "confirm", "document"]


def text(rng, shortest, longest):
    """Return free text of a random length between shortest and longest."""
    length = rng.randint(shortest, longest)
    words = []
    while sum(len(word) + 1 for word in words) < length:
        word = rng.choice(WORDS)
        if rng.random() < 0.02:
            word += rng.choice(ACCENTS)
        words.append(word)
    result = " ".join(words)[:length]
    if rng.random() < 0.05:
        result += '\n"quoted"'
    return result


def timestamp(call, event):
    """Return an RFC 3339 time that varies with the call and event number."""
    return "2026-%02d-%02dT%02d:%02d:%02dZ" % (1 + call % 12, 1 + call % 28, event % 24,
                                              (call + event) % 60, (3 * event) % 60)


def call_record(rng, call):
    """Return one call record as a dict."""
    events = []
    for event in range(rng.randint(12, 18)):
        events.append({
            "seq": event + 1,
            "at": timestamp(call, event),
            "kind": rng.choice(KINDS),
            "step": rng.choice(STEPS),
            "agent_id": "a-%03d" % rng.randint(1, 200),
            "note": text(rng, 10, 120),
            "duration_s": round(rng.uniform(0.5, 600), 3),
        })
    return {
        "call_id": "c-%08d" % call,
        "started_at": timestamp(call, 0),
        "ended_at": timestamp(call, 30),
        "patient": {
            "id": "P%07d" % rng.randint(0, 9999999),
            "name": text(rng, 10, 40),
            "phone": "+1-555-%04d" % rng.randint(0, 9999),
            "dob": "19%02d-%02d-%02d" % (rng.randint(20, 99), rng.randint(1, 12),
                                        rng.randint(1, 28)),
        },
        "agent": {"id": "a-%03d" % rng.randint(1, 200), "name": text(rng, 10, 30)},
        "concern": text(rng, 30, 200),
        "category": rng.choice(["refill", "appointment", "billing", "results"]),
        "resolved": rng.random() < 0.8,
        "score": round(rng.random(), 4),
        "tags": [rng.choice(WORDS) for _ in range(3)],
        "events": events,
        "outcome": {
            "action_taken": text(rng, 20, 200),
            "next_steps": text(rng, 10, 150),
            "follow_up": None,
        },
    }


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: gen_calls.py OUTPUT [BYTES]")
    target = int(sys.argv[2]) if len(sys.argv) == 3 else 100_000_000
    rng = random.Random(42)
    size = 0
    calls = 0
    with open(sys.argv[1], "w", encoding="utf-8") as output:
        while size < target:
            line = json.dumps(call_record(rng, calls), ensure_ascii=False) + "\n"
            output.write(line)
            size += len(line.encode("utf-8"))
            calls += 1
    print("%d calls, %d bytes" % (calls, size))


if __name__ == "__main__":
    main()
