#!/usr/bin/env python3
"""Generate synthetic fcr.call/1 records of a medical office as JSON Lines.

Usage:
    gen_calls.py [--calls N | --bytes N] [--seed S] OUTPUT

OUTPUT is a file, or - for standard output. Without --calls or --bytes the
generator writes 1,000 calls. The same arguments give the same bytes. Every
random draw comes from random.random() seeded with S (default 20261110),
whose sequence Python's documentation promises to keep across versions
("Notes on Reproducibility" in the random module), and no floating-point
function of the C library is used.

What the records contain, as shares of concerns or calls:

- Categories of concerns: scheduling 30%, refill 25%, test results 10%,
  clinical questions 10%, billing 6% and insurance 4%, referrals 5%,
  records 5%, other 5%.
- 1 concern in 70% of calls, 2 in 22%, 3 in 8%. Half of the calls with
  more than one concern raise the later ones after "anything else?".
- 14 agents: 8 front desk, 3 medical assistants, 2 nurses and 1 billing
  specialist. Concerns outside the agent's role under the default policy
  (clinical ones for front-desk staff and medical assistants, billing for
  anyone but the billing specialist) are escalated, except 3% that the
  agent resolves anyway. About 6% of in-scope concerns are escalated
  although the agent could have resolved them, and 3% of concerns that
  need a tool find it unavailable.
- Deviations from the workflow, as shares of calls: no open question (4%),
  an open question only after the restatement (2%), a concern not
  restated (7%), a restatement corrected and not repeated (2%), one
  identifier only (6%), identity checked after the first outcome (2%), no
  recap (4%), no anything-else question (9%). Documentation comes 35
  minutes to 3 hours after the call in 6% of calls and never in 2%. A
  resolution lacks its next step in 6% of resolutions, an escalation its
  owner in 2% of escalations, and 10% of concerns have no authority check.
- Requests are 20 to 120 characters, actions 20 to 150, with some
  non-ASCII names (García, Müller, Søren).
- 10% of callers are proxies (a parent or caregiver), and 10% of those
  have no confirmed authority to act for the patient.
- Patient keys are pseudonymous ("p-" and 12 hex digits). Callers come
  from 15,000 patients, whatever the number of calls, and 2% of them make
  a tenth of the calls. After a concern, the same
  patient calls again about the same category 1 hour to 6 days later in
  8% of resolved, 20% of moved-forward and 25% of escalated concerns, and
  8 to 14 days later (outside the default 7-day repeat window) in another
  2%.

Calls start in office hours (Monday to Friday, 08:00 to 17:00 UTC, the
default policy's hours) from Monday 2026-01-05, about 400 a day, in order
of start time. Every record is meant to pass `fcr check`; bench/run checks
a sample of each file it generates.
"""
import argparse
import heapq
import json
import random
import sys
from datetime import datetime, timedelta, timezone

CATEGORY_WEIGHTS = (
    ("scheduling", 30), ("refill", 25), ("test_results", 10), ("clinical_question", 10),
    ("billing", 6), ("insurance", 4), ("referral", 5), ("records", 5), ("other", 5),
)
CLINICAL = {"test_results", "clinical_question"}

# Categories each role may resolve under the default policy (docs/policy.md).
ROLE_RESOLVES = {
    "front_desk": {"scheduling", "refill", "referral", "records", "insurance", "other"},
    "medical_assistant": {"scheduling", "refill", "referral", "records", "insurance", "other"},
    "billing_specialist": {"billing", "insurance", "other"},
    "nurse": {c for c, _ in CATEGORY_WEIGHTS} - {"billing"},
}
ESCALATE_TO = {
    "scheduling": "practice_manager", "refill": "nurse_triage",
    "referral": "referral_coordinator", "records": "records", "insurance": "billing",
    "billing": "billing", "test_results": "nurse_triage",
    "clinical_question": "nurse_triage", "other": "practice_manager",
}
TOOLS = {
    "scheduling": ["scheduling_system"], "refill": ["emr"], "referral": ["emr", "referral_portal"],
    "records": ["emr"], "insurance": ["insurance_eligibility"], "billing": ["billing_system"],
    "test_results": ["emr"], "clinical_question": ["emr"], "other": [],
}
OWNERS = {
    "nurse_triage": ["RN on duty", "Nurse triage line", "Nurse Adaeze O."],
    "billing": ["Billing office", "Billing specialist Maria R."],
    "referral_coordinator": ["Referral coordinator", "Referral coordinator Tomás L."],
    "records": ["Records clerk", "Records department"],
    "practice_manager": ["Practice manager", "Office manager Dana K."],
    "provider": ["Dr. Patel", "Dr. Nguyen", "Covering provider"],
}

AGENTS = ([("agent-%02d" % i, "front_desk") for i in range(1, 9)] +
          [("agent-%02d" % i, "medical_assistant") for i in range(9, 12)] +
          [("agent-12", "nurse"), ("agent-13", "nurse"), ("agent-14", "billing_specialist")])

DOCTORS = ["Dr. Patel", "Dr. Nguyen", "Dr. García", "Dr. Okafor", "Dr. Müller", "Dr. Kim",
           "Dr. Søren", "Dr. Haddad", "Dr. Brooks", "Dr. Lévesque"]
MEDS = ["lisinopril", "metformin", "atorvastatin", "levothyroxine", "amlodipine", "sertraline",
        "albuterol inhaler", "omeprazole", "losartan", "gabapentin"]
OTC = ["ibuprofen", "Tylenol", "an antihistamine", "melatonin", "a decongestant"]
SYMPTOMS = ["dizziness", "cough", "rash", "stomach pain", "headache", "swelling in my ankles",
            "trouble sleeping"]
TESTS = ["blood work", "A1C", "lipid panel", "chest X-ray", "MRI", "urine culture",
         "thyroid panel", "mammogram", "ultrasound"]
SPECIALTIES = ["cardiology", "dermatology", "orthopedics", "physical therapy",
               "gastroenterology", "ENT", "neurology", "endocrinology"]
INSURERS = ["Aetna", "Blue Cross", "Cigna", "UnitedHealthcare", "Medicare", "Humana",
            "Medicaid"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TIMES = ["8:15 AM", "9:00 AM", "9:45 AM", "10:30 AM", "11:15 AM", "1:00 PM", "2:30 PM",
         "3:45 PM", "4:15 PM"]
AMOUNTS = ["$45", "$120", "$86.50", "$230", "$310", "$19.99"]
PROBLEMS = ["knee pain", "sore throat", "back pain", "blood pressure check", "sinus infection",
            "follow-up on my diabetes", "ear infection"]

REQUESTS = {
    "scheduling": [
        "I need to reschedule my follow-up with {doctor}",
        "Can I get an appointment this week for my {problem}?",
        "I want to cancel my appointment on {day}, something came up at work",
        "I'd like to book my annual physical with {doctor}",
        "Is there anything earlier than {day} with {doctor}? I've had {problem} for a week",
        "My daughter needs a sports physical before the season starts on {day}",
        "I need a follow-up after my {specialty} visit",
    ],
    "refill": [
        "I'm almost out of my {med}, can you send a refill to the pharmacy?",
        "The pharmacy says my {med} refill needs approval from {doctor}",
        "I need a 90-day supply of {med} for my mail-order pharmacy",
        "Can you refill my {med}? I leave on vacation on {day}",
        "My {med} prescription expired and I have two pills left",
    ],
    "test_results": [
        "Are my {test} results back yet?",
        "I got a portal message about my {test} and I don't understand what it means",
        "{doctor} said someone would call about my {test}, nobody has called",
        "Can someone explain my {test} numbers? They are flagged as high",
    ],
    "clinical_question": [
        "Can I take {otc} with my {med}?",
        "My {symptom} is worse since I started the {med}",
        "Should I still take {med} the morning before my procedure?",
        "I've had {symptom} for three days, do I need to come in?",
        "Is it normal to have {symptom} after the new dose of {med}?",
    ],
    "billing": [
        "Why was I charged {amount} for my visit on {day}?",
        "I got a bill for {amount} that I think {insurer} should have paid",
        "Can I set up a payment plan for my balance of {amount}?",
        "I was billed twice for the same {test}",
    ],
    "insurance": [
        "I changed my insurance to {insurer}, can you update my file?",
        "Do you take {insurer} for the {specialty} visit?",
        "Is my {test} covered by my {insurer} plan?",
        "My new {insurer} card has a different member number",
    ],
    "referral": [
        "Has my {specialty} referral been sent?",
        "The {specialty} office says they never got my referral from {doctor}",
        "I need a referral to {specialty} for my {problem}",
    ],
    "records": [
        "I need my son's immunization records for school",
        "Can you send my records to my new {specialty} doctor?",
        "I need a copy of my {test} report for my specialist",
        "Please fax my last visit notes to {doctor}'s office",
    ],
    "other": [
        "What are your hours on {day}? I work until five",
        "Is there parking at the new office on Main Street?",
        "I need a form filled out for my employer about my visit",
        "Can I update my phone number and address?",
    ],
}

RESOLVED = {
    "scheduling": [
        ("Moved the follow-up with {doctor} to {day} at {time}",
         "Attend the visit on {day} at {time}, arriving 15 minutes early"),
        ("Booked a same-week visit for the {problem} with {doctor} on {day} at {time}",
         "Patient gets a reminder text the day before"),
        ("Cancelled the {day} appointment and added the patient to the waitlist",
         "Front desk calls if an earlier slot opens"),
    ],
    "refill": [
        ("Sent the {med} refill to the patient's pharmacy under the standing order",
         "Pick up at the pharmacy after 4 PM today"),
        ("Renewed the {med} prescription for 90 days to the mail-order pharmacy",
         "Mail-order delivery in 5 to 7 days"),
    ],
    "test_results": [
        ("Read {doctor}'s note on the normal {test} results to the patient",
         "Repeat the {test} in 6 months"),
        ("Explained the flagged {test} values from {doctor}'s comment in the chart",
         "Follow-up visit already booked for {day}"),
    ],
    "clinical_question": [
        ("Reviewed the chart and advised to take {otc} only with food for 3 days",
         "Call back if the {symptom} lasts more than 3 days"),
        ("Advised to hold the {med} dose the morning of the procedure per protocol",
         "Resume the {med} the evening after the procedure"),
    ],
    "billing": [
        ("Set up a three-month payment plan for the {amount} balance",
         "First payment is due on the 1st of next month"),
        ("Removed the duplicate {test} charge and issued a corrected statement",
         "Corrected statement arrives by mail within 10 days"),
    ],
    "insurance": [
        ("Updated the insurance to {insurer} and verified eligibility online",
         "Bring the new card to the next visit"),
        ("Checked {insurer} coverage for the {test}: covered after the deductible",
         "No action needed before the {test}"),
    ],
    "referral": [
        ("Confirmed {specialty} received the referral and gave the patient their number",
         "Patient calls {specialty} to book the first visit"),
        ("Resent the {specialty} referral with the visit notes through the referral portal",
         "Patient can book with {specialty} from tomorrow"),
    ],
    "records": [
        ("Faxed the immunization record to the school nurse",
         "School confirms receipt to the parent"),
        ("Sent the {test} report to the specialist through the portal",
         "Specialist's office has it before the visit on {day}"),
    ],
    "other": [
        ("Gave the office hours for {day} and directions to the parking garage",
         "No follow-up needed"),
        ("Updated the phone number and address in the patient's file",
         "Patient confirms the change on the portal"),
    ],
}

MOVED_FORWARD = {
    "default": [
        ("Sent the request to {owner} with the details from the call",
         "{owner} contacts the patient with the answer"),
    ],
    "refill": [
        ("Sent the {med} refill request to {doctor} for approval",
         "Pharmacy receives the prescription once {doctor} approves it"),
    ],
    "referral": [
        ("Found the {specialty} referral waiting for prior authorization and flagged it",
         "Referral coordinator confirms the {specialty} appointment with the patient"),
    ],
    "records": [
        ("Started the records release request and emailed the consent form",
         "Records department sends the records once the signed form is back"),
    ],
    "scheduling": [
        ("Put the patient on {doctor}'s cancellation list for this week",
         "Scheduler calls with the first open slot"),
    ],
    "insurance": [
        ("Submitted the {insurer} eligibility check for the new member number",
         "Billing office confirms coverage before the next visit"),
    ],
}

ESCALATION_REASONS = {
    "clinical": ["Our nurse needs to review your chart first",
                 "Medication question: the nurse has to check it with {doctor}",
                 "Symptom question that needs a clinical assessment today"],
    "billing": ["Disputed charge that only the billing office can adjust",
                "Payment plans need the billing office's approval"],
    "tools": ["The {tool} was down during the call"],
    "scope": ["Outside what I can do: {owner} handles this"],
    "unnecessary": ["Patient asked to speak with someone else",
                    "Agent preferred to pass it on to {owner}"],
}

FOLLOW_UPS = {
    "scheduling": "Which days and times work best for you?",
    "refill": "Which pharmacy do you use?",
    "test_results": "When was the test done?",
    "clinical_question": "When did this start, and is it getting worse?",
    "billing": "Which visit date is on the bill?",
    "insurance": "Do you have the new card in front of you?",
    "referral": "Do you know when the referral was requested?",
    "records": "Where should we send the records?",
    "other": "Is this about your own file?",
}
FOLLOW_UP_TOPIC = {"scheduling": "scheduling", "records": "records", "insurance": "insurance",
                   "billing": "insurance", "referral": "records"}
OPEN_QUESTIONS = ["How can I help you today?", "What can I do for you today?",
                  "Thanks for calling, what can I help you with?"]
ANYTHING_ELSE = ["Did we cover everything for today?", "Is there anything else I can help with?"]
QUEUES = ["main", "pharmacy_line", "billing_line", "nurse_line"]

REPEAT_CHANCE = {"resolved": 0.08, "moved_forward": 0.20, "escalated": 0.25}
CALLS_PER_DAY = 400
OFFICE_OPEN, OFFICE_CLOSE = 8 * 3600, 17 * 3600
FIRST_DAY = datetime(2026, 1, 5, tzinfo=timezone.utc)  # a Monday
PATIENTS = 15000  # the practice's patients who call


class Draw:
    """Random draws built on random.random() alone, the one sequence Python keeps across versions."""

    def __init__(self, seed):
        self.random = random.Random(seed).random

    def chance(self, probability):
        return self.random() < probability

    def below(self, n):
        return int(self.random() * n)

    def between(self, low, high):
        return low + int(self.random() * (high - low + 1))

    def pick(self, items):
        return items[int(self.random() * len(items))]

    def weighted(self, pairs):
        total = sum(weight for _, weight in pairs)
        point = self.random() * total
        for value, weight in pairs:
            point -= weight
            if point < 0:
                return value
        return pairs[-1][0]


def fill(draw, template, **extra):
    """Fill a template's {placeholders} with drawn words."""
    values = {
        "doctor": draw.pick(DOCTORS), "med": draw.pick(MEDS), "otc": draw.pick(OTC),
        "symptom": draw.pick(SYMPTOMS), "test": draw.pick(TESTS),
        "specialty": draw.pick(SPECIALTIES), "insurer": draw.pick(INSURERS),
        "day": draw.pick(DAYS), "time": draw.pick(TIMES), "amount": draw.pick(AMOUNTS),
        "problem": draw.pick(PROBLEMS), "owner": "the team", "tool": "system",
    }
    values.update(extra)
    return template.format(**values)


def fit(text, shortest, longest):
    """Cut text at a word boundary to at most `longest` characters, or pad it to `shortest`."""
    if len(text) > longest:
        text = text[:longest].rsplit(" ", 1)[0]
    while len(text) < shortest:
        text += " please"
    return text


def stamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def patient_key(index):
    # An odd multiplier is a bijection modulo 2**48, so distinct patients get distinct keys.
    return "p-%012x" % (((index + 1) * 0x9E3779B97F4B) % (1 << 48))


def next_office_time(moment):
    """Return `moment` moved forward into Monday to Friday, 08:00 to 17:00 UTC."""
    while True:
        seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
        if moment.weekday() >= 5:
            moment = (moment + timedelta(days=7 - moment.weekday())).replace(hour=8, minute=0,
                                                                            second=0)
        elif seconds < OFFICE_OPEN:
            moment = moment.replace(hour=8, minute=0, second=0)
        elif seconds >= OFFICE_CLOSE:
            moment = (moment + timedelta(days=1)).replace(hour=8, minute=0, second=0)
        else:
            return moment


class Generator:
    def __init__(self, seed):
        self.draw = Draw(seed)
        self.next_arrival = None
        self.clock = FIRST_DAY.replace(hour=8)
        self.pending = []  # heap of (start time, sequence, patient index, category)
        self.sequence = 0
        self.calls = 0

    def choose_agent(self, category):
        draw = self.draw
        if category in ("billing", "insurance") and draw.chance(0.4):
            return AGENTS[13]
        if category in CLINICAL and draw.chance(0.25):
            return AGENTS[draw.pick((11, 12))]
        return AGENTS[draw.below(11)]

    def next_call_slot(self):
        """Advance the arrival clock and return the next start time with its caller and first category."""
        draw = self.draw
        if self.next_arrival is None:
            gap = 1 + draw.below(2 * 9 * 3600 // CALLS_PER_DAY)  # uniform, mean about 81 s
            self.next_arrival = next_office_time(self.clock + timedelta(seconds=gap))
        # A repeat is at least an hour after the call that scheduled it, so
        # taking the earlier of the two keeps the output in start order.
        if self.pending and self.pending[0][0] <= self.next_arrival:
            start, _, patient, category = heapq.heappop(self.pending)
            return start, patient, category
        arrival = self.clock = self.next_arrival
        self.next_arrival = None
        if draw.chance(0.1):  # 2% of the patients make a tenth of the calls
            patient = draw.below(PATIENTS // 50)
        else:
            patient = draw.below(PATIENTS)
        return arrival, patient, draw.weighted(CATEGORY_WEIGHTS)

    def schedule_repeat(self, start, patient, category, outcome):
        draw = self.draw
        if draw.chance(REPEAT_CHANCE[outcome]):
            delay = timedelta(seconds=draw.between(3600, 6 * 86400))
        elif draw.chance(0.02):
            delay = timedelta(seconds=draw.between(8 * 86400, 14 * 86400))
        else:
            return
        self.sequence += 1
        heapq.heappush(self.pending,
                       (next_office_time(start + delay), self.sequence, patient, category))

    def call(self):
        draw = self.draw
        start, patient, first_category = self.next_call_slot()
        self.calls += 1
        count = draw.weighted(((1, 70), (2, 22), (3, 8)))
        categories = [first_category] + [draw.weighted(CATEGORY_WEIGHTS) for _ in range(count - 1)]
        agent_id, role = self.choose_agent(first_category)
        proxy = draw.chance(0.10)
        loop = count > 1 and draw.chance(0.5)

        record = {
            "format": "fcr.call/1",
            "id": "call-%08d" % self.calls,
            "started_at": stamp(start),
            "ended_at": None,
            "direction": "inbound",
            "agent": {"id": agent_id, "role": role},
            "caller": {"role": "proxy" if proxy else "patient", "patient_key": patient_key(patient)},
        }
        if draw.chance(0.3):
            record["queue"] = draw.pick(QUEUES)  # a phone-system field that fcr keeps unread

        events = []
        now = [start]

        def event(kind, low, high, **fields):
            now[0] += timedelta(seconds=draw.between(low, high))
            item = {"type": kind, "at": stamp(now[0])}
            item.update(fields)
            events.append(item)
            return item

        deviations = {
            "no_open_question": draw.chance(0.04),
            "late_open_question": draw.chance(0.02),
            "not_restated": draw.chance(0.07),
            "corrected": draw.chance(0.02),
            "one_identifier": draw.chance(0.06),
            "late_identity": draw.chance(0.02),
            "no_recap": draw.chance(0.04),
            "no_anything_else": draw.chance(0.09),
        }
        skipped_restatement = draw.below(count) if deviations["not_restated"] else -1
        corrected = draw.below(count) if deviations["corrected"] else -1
        groups = [[i] for i in range(count)] if loop else [list(range(count))]
        outcomes = []

        if not deviations["no_open_question"] and not deviations["late_open_question"]:
            event("open_question_asked", 2, 8, text=draw.pick(OPEN_QUESTIONS))

        identity_done = False
        for group_index, group in enumerate(groups):
            for i in group:
                category = categories[i]
                event("concern_stated", 10, 40, concern="c%d" % (i + 1), category=category,
                      request=fit(fill(draw, draw.pick(REQUESTS[category])), 20, 120))
                if draw.chance(0.35):
                    fields = {"concern": "c%d" % (i + 1), "text": FOLLOW_UPS[category]}
                    if category in FOLLOW_UP_TOPIC:
                        fields["topic"] = FOLLOW_UP_TOPIC[category]
                    event("follow_up_asked", 10, 30, **fields)
            for i in group:
                if i == skipped_restatement:
                    continue
                concern = "c%d" % (i + 1)
                text = 'So you are calling about "%s", is that correct?' % (
                    events_request(events, concern).rstrip("?."))
                if i == corrected:
                    event("concern_restated", 10, 30, concern=concern, confirmed=False, text=text)
                else:
                    event("concern_restated", 10, 30, concern=concern, confirmed=True, text=text)
            if group_index == 0 and deviations["late_open_question"]:
                event("open_question_asked", 2, 8, text=draw.pick(OPEN_QUESTIONS))

            if not identity_done and not deviations["late_identity"]:
                self.verify_identity(event, proxy, deviations["one_identifier"])
                identity_done = True

            for i in group:
                outcome = self.act(event, role, categories[i], "c%d" % (i + 1))
                outcomes.append((categories[i], outcome))
                if not identity_done:
                    self.verify_identity(event, proxy, deviations["one_identifier"])
                    identity_done = True

            last_group = group_index == len(groups) - 1
            if not deviations["no_recap"]:
                recap = {}
                if draw.chance(0.4):
                    recap["text"] = "Here is what we did today and what will happen next."
                if not last_group and draw.chance(0.5):
                    recap["concerns"] = ["c%d" % (i + 1) for i in group]
                event("recap_given", 15, 60, **recap)
            if not last_group:
                event("anything_else_asked", 5, 20, answer="yes", text=draw.pick(ANYTHING_ELSE))
            elif not deviations["no_anything_else"]:
                event("anything_else_asked", 5, 20, answer="no", text=draw.pick(ANYTHING_ELSE))

        ended = event("call_ended", 5, 15)
        record["ended_at"] = ended["at"]
        if draw.chance(0.06):
            event("documented", 35 * 60, 3 * 3600)
        elif not draw.chance(0.02):
            documented = {}
            if draw.chance(0.3):
                documented["text"] = "Encounter note saved in the EMR."
            event("documented", 20, 600, **documented)
        record["events"] = events

        for category, outcome in outcomes:
            self.schedule_repeat(start, patient, category, outcome)
        return record

    def verify_identity(self, event, proxy, one_identifier):
        draw = self.draw
        second = draw.weighted((("date_of_birth", 80), ("phone", 12), ("address", 8)))
        identifiers = ["name"] if one_identifier else ["name", second]
        fields = {"identifiers": identifiers}
        if proxy:
            fields["proxy_authority"] = not draw.chance(0.1)
        event("identity_verified", 20, 60, **fields)

    def act(self, event, role, category, concern):
        """Record the authority check and the outcome of one concern, and return the outcome."""
        draw = self.draw
        in_scope = category in ROLE_RESOLVES[role] and (role == "nurse" or category not in CLINICAL)
        tools_down = bool(TOOLS[category]) and draw.chance(0.03)
        if not in_scope:
            outcome = "resolved" if draw.chance(0.03) else "escalated"
        elif tools_down:
            outcome = "escalated" if draw.chance(0.6) else "moved_forward"
        else:
            outcome = draw.weighted((("resolved", 72), ("moved_forward", 22), ("escalated", 6)))

        if not draw.chance(0.10):
            check = {"concern": concern}
            if draw.chance(0.5):
                check["in_scope"] = in_scope
            if tools_down:
                check["tools_missing"] = [draw.pick(TOOLS[category])]
            else:
                check["tools_available"] = True
            check["decision"] = {"resolved": "resolve", "escalated": "escalate",
                                 "moved_forward": "move_forward"}[outcome]
            event("authority_checked", 10, 30, **check)

        if outcome == "resolved":
            action, next_step = draw.pick(RESOLVED[category])
            fields = {"concern": concern, "action": fit(fill(draw, action), 20, 150)}
            if not draw.chance(0.06):
                fields["next_step"] = fit(fill(draw, next_step), 10, 150)
            event("resolved", 30, 180, **fields)
        elif outcome == "moved_forward":
            target = ESCALATE_TO[category]
            owner = draw.pick(OWNERS[target])
            action, next_step = draw.pick(MOVED_FORWARD.get(category, MOVED_FORWARD["default"]))
            fields = {"concern": concern,
                      "action": fit(fill(draw, action, owner=owner), 20, 150),
                      "next_step": fit(fill(draw, next_step, owner=owner), 10, 150),
                      "owner": owner}
            due = draw.chance(0.3)
            if not due:
                fields["target"] = target
            item = event("moved_forward", 30, 180, **fields)
            if due:
                item["due_at"] = stamp(_parse(item["at"]) + timedelta(hours=draw.between(2, 72)))
        else:
            target = ESCALATE_TO[category]
            if category in CLINICAL and draw.chance(0.15):
                target = "provider"
            owner = draw.pick(OWNERS[target])
            if not in_scope:
                kind = ("clinical" if category in CLINICAL else
                        "billing" if category == "billing" else "scope")
            elif tools_down:
                kind = "tools"
            else:
                kind = "unnecessary"
            reason = fill(draw, draw.pick(ESCALATION_REASONS[kind]), owner=owner,
                          tool=tools_label(category))
            fields = {"concern": concern, "target": target, "reason": fit(reason, 20, 150)}
            if not draw.chance(0.02):
                fields["owner"] = owner
            item = event("escalated", 30, 180, **fields)
            if draw.chance(0.3):
                item["due_at"] = stamp(_parse(item["at"]) + timedelta(hours=draw.between(2, 48)))
        return outcome


def tools_label(category):
    return {"emr": "EMR", "scheduling_system": "scheduling system",
            "referral_portal": "referral portal", "insurance_eligibility": "eligibility check",
            "billing_system": "billing system"}.get((TOOLS[category] or ["phone"])[0], "system")


def events_request(events, concern):
    for item in events:
        if item["type"] == "concern_stated" and item["concern"] == concern:
            return item["request"]
    return ""


def _parse(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--calls", type=int, help="number of calls to write (default 1000)")
    size.add_argument("--bytes", type=int, help="write calls until the output has at least this many bytes")
    parser.add_argument("--seed", type=int, default=20261110, help="random seed (default 20261110)")
    parser.add_argument("output", help="output file, or - for standard output")
    args = parser.parse_args()
    if args.calls is not None and args.calls < 0:
        parser.error("--calls must be 0 or more")
    if args.bytes is not None and args.bytes < 0:
        parser.error("--bytes must be 0 or more")
    calls = args.calls
    if calls is None and args.bytes is None:
        calls = 1000

    generator = Generator(args.seed)
    output = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    written = 0
    count = 0
    try:
        while (count < calls) if calls is not None else (written < args.bytes):
            line = json.dumps(generator.call(), ensure_ascii=False, separators=(",", ":")) + "\n"
            output.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    finally:
        if output is not sys.stdout:
            output.close()
    print("gen_calls.py: %d calls, %d bytes" % (count, written), file=sys.stderr)


if __name__ == "__main__":
    main()
