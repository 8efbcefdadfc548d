#!/usr/bin/env python3
"""Fills a Parcours database with a centre the size of the completion report's target, for
`time parcours report completion` (docs/performance.md).

  .build/release/parcours init --db big.sqlite
  Scripts/fill-report-bench.py big.sqlite            # 10,000 patients, 12 sessions each

40 clinicians each with their own room; every patient has one clinician and one weekly slot
(no double booking, so the schema's triggers accept every row), 12 sessions (intake, 9 therapy,
closing, follow-up) over 18 months to 2026-11; ~8% no-shows, 3% cancelled by the patient, 2% by
the centre; 60% completed, 15% dropped out, 5% referred out, the rest in treatment; PCL-5 at
intake and closing for nine patients in ten. Seeded: the same file every time.
"""
import datetime as dt
import random
import sqlite3
import sys

PATIENTS = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
CLINICIANS = 40
TRACKS = {"domestic-violence": "adult-domestic-violence", "accident-disaster": "adult-accident-disaster-emdr",
          "migrant": "adult-migrant", "exposed-professional": "adult-exposed-professional"}
SOURCES = ["police-social-worker", "legal-aid", "hospital-emergency", "general-practitioner", "self-referral"]
FIRST_MONDAY = dt.date(2025, 1, 6)
NOW = "2026-11-26T12:00:00Z"


def instant(day, hour):
    return f"{day.isoformat()}T{hour:02d}:00:00Z"


def main(path):
    rng = random.Random(1)
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = ON")
    cur = db.cursor()
    # The double-booking triggers scan rooms without an index: fine for one booking, quadratic for
    # 120,000 inserts. The rows below never overlap, so the triggers are set aside during the fill
    # and put back, exactly as they were, before the commit.
    triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%double_booking%'").fetchall()
    for name, _ in triggers:
        cur.execute(f'DROP TRIGGER "{name}"')
    for c in range(CLINICIANS):
        cur.execute("INSERT INTO clinician (id, name, role, skills, hours) VALUES (?, ?, 'psychologist', "
                    "'emdr,narrative-exposure,prolonged-exposure,tf-cbt', 'mon-fri 09:00-17:00')",
                    (f"C-{c:03d}", f"Clinician {c}"))
        cur.execute("INSERT INTO room (id, name, capacity, features) VALUES (?, ?, 3, 'individual')",
                    (f"R-{c:03d}", f"Room {c}"))
    steps = [("intake", 1)] + [("therapy", i) for i in range(1, 10)] + [("closing", 1), ("follow-up", 1)]
    for p in range(PATIENTS):
        code = f"P-{p:05d}"
        clinician, slot, cohort = p % CLINICIANS, (p // CLINICIANS) % 40, (p // CLINICIANS) // 40
        category = list(TRACKS)[p % 4]
        first = FIRST_MONDAY + dt.timedelta(days=cohort * 13 * 7 + slot // 8)
        referred = first - dt.timedelta(days=rng.randint(7, 40))
        cur.execute("INSERT INTO patient (code, birth_date, category, language, needs_interpreter, referral_source, "
                    "referral_date, created_at) VALUES (?, '1985-06-01', ?, 'fr', 0, ?, ?, ?)",
                    (code, category, SOURCES[p % 5], referred.isoformat(), instant(referred, 9)))
        roll = rng.random()
        state = "completed" if roll < .6 else "dropped-out" if roll < .75 else "referred-out" if roll < .8 else "in-treatment"
        cur.execute("INSERT INTO enrolment (patient, track, state, enrolled_on, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)", (code, TRACKS[category], state, referred.isoformat(),
                                                  instant(referred, 10), NOW))
        enrolment = cur.lastrowid
        history = [("referred", "enrolled"), ("enrolled", "in-treatment")]
        if state != "in-treatment":
            history.append(("in-treatment", state))
        for i, (a, b) in enumerate(history):
            cur.execute("INSERT INTO enrolment_transition (enrolment, from_state, to_state, at, reason) VALUES (?, ?, ?, ?, ?)",
                        (enrolment, a, b, instant(referred + dt.timedelta(days=i * 30), 11), None))
        for j, (step, occurrence) in enumerate(steps):
            day = first + dt.timedelta(days=j * 7)
            hour = 8 + slot % 8  # 09:00-16:00 Paris, written one hour back as UTC
            r = rng.random()
            status = ("booked" if day > dt.date(2026, 11, 26) else "no-show" if r < .08 else
                      "cancelled-by-patient" if r < .11 else "cancelled-by-centre" if r < .13 else "attended")
            aid = f"A-{p:05d}-{j:02d}"
            cur.execute("INSERT INTO appointment (id, patient, track, step, occurrence, start_utc, end_utc, room, status, "
                        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (aid, code, TRACKS[category], step, occurrence, instant(day, hour), instant(day, hour + 1),
                         f"R-{clinician:03d}", status, NOW, NOW))
            cur.execute("INSERT INTO appointment_clinician (appointment, clinician, position) VALUES (?, ?, 0)",
                        (aid, f"C-{clinician:03d}"))
        if p % 10 != 9:
            intake, closing = first, first + dt.timedelta(days=10 * 7)
            before = rng.randint(33, 70)
            for day, score in [(intake, before), (closing, max(0, before - rng.randint(-4, 30)))]:
                cur.execute("INSERT INTO measure (patient, instrument, score, at, recorded_at, actor) "
                            "VALUES (?, 'PCL-5', ?, ?, ?, 'bench')", (code, score, day.isoformat(), NOW))
    for _, sql in triggers:
        cur.execute(sql)
    db.commit()
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ["patient", "enrolment", "appointment", "measure"]}
    print(counts)


if __name__ == "__main__":
    main(sys.argv[1])
