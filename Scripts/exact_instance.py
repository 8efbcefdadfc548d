"""The open instance format (docs/scheduling.md, "The instance") as the exact reference reads it:
the centre's wall clock, weekly hours, allowed starts per resource, qualified clinicians, and the
checker's weights (`objective.score`). Shared by the model (exact_model.py) and the floors
(exact_floors.py) so that both read the instance one way."""

import datetime as dt
import sys
from zoneinfo import ZoneInfo

W_WAIT, W_REG, W_PREF, W_ROOM, W_LATE, W_MISS, W_TREAT, W_INTERP = (
    1000, 300, 500, 50, 100_000, 100_000, 200, 100)
STEP = 50  # every weight is a multiple of it, so is every objective
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def refuse(message):
    print(f"exact-reference: {message}", file=sys.stderr)
    sys.exit(2)


def hm(text):
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def parse_hours(text):
    """'mon-fri 09:00-12:30,13:30-17:00; wed 09:00-12:00' -> {weekday index: [(start, end)]}."""
    hours = {d: [] for d in range(7)}
    for clause in filter(None, (c.strip() for c in text.split(";"))):
        days_text, ranges_text = clause.split()
        days = []
        for item in days_text.split(","):
            ends = item.split("-")
            a, b = DAYS.index(ends[0]), DAYS.index(ends[-1])
            days.extend(range(a, b + 1))
        for r in ranges_text.split(","):
            s, e = r.split("-")
            for d in days:
                hours[d].append((hm(s), hm(e)))
    return hours


class Instance:
    def __init__(self, data):
        self.data = data
        self.zone = ZoneInfo(data.get("timeZone", "Europe/Paris"))
        self.today = dt.date.fromisoformat(data["today"])
        self.end = dt.date.fromisoformat(data["horizonEnd"])
        self.ndays = (self.end - self.today).days + 1
        self.slot = data.get("slotMinutes", 15)
        self.closed = {self.day(d) for d in data.get("closedDays", [])}
        self.clinicians = data["clinicians"]
        self.rooms = data["rooms"]
        self.interpreters = data.get("interpreters", [])
        self.patients = {p["code"]: p for p in data["patients"]}
        self.requests = data.get("requests", [])
        self.existing = data.get("existing", [])
        if data.get("caps"):
            refuse("caps: clinician caps are not modelled by the reference")
        if any(not r.get("active", True) for r in self.rooms + self.interpreters):
            refuse("active: rooms or interpreters out of service are not modelled by the reference")
        self.hours = {c["id"]: parse_hours(c["hours"]) for c in self.clinicians}
        self.ihours = {i["id"]: parse_hours(i["hours"]) for i in self.interpreters}
        self.starts_cache = {}
        self.absences = {}
        for a in data.get("absences", []):
            key = (a["kind"], a["id"])
            self.absences.setdefault(key, []).append((self.local_minutes(a["start"]), self.local_minutes(a["end"])))

    def allowed(self, kind, rid, hrs, minutes, patient):
        """Allowed starts of a session of `minutes` with resource `rid` for `patient` (cached)."""
        if ("patient", patient) not in self.absences:
            patient = None
        key = (kind, rid, minutes, patient)
        if key not in self.starts_cache:
            extra = self.absences.get(("patient", patient), [])
            self.starts_cache[key] = self.starts(hrs, minutes, self.absences.get((kind, rid), []), extra)
        return self.starts_cache[key]

    def qualified(self, req, spec):
        """The clinicians who may run `spec` of `req`: role, skills, language, active, fixedClinician."""
        langs = spec.get("languages") or ["fr"]
        qual = [
            c for c in self.clinicians
            if c.get("active", True)
            and (not spec.get("roles") or c["role"] in spec["roles"])
            and all(s in c.get("skills", []) for s in spec.get("skills", []))
            and any(lang in c.get("languages", []) for lang in langs)
        ]
        fixed = req.get("fixedClinician")
        if fixed and any(c["id"] == fixed for c in qual):
            qual = [c for c in qual if c["id"] == fixed]
        return qual

    def day(self, iso):
        return (dt.date.fromisoformat(iso) - self.today).days

    def local(self, instant):
        t = dt.datetime.fromisoformat(instant.replace("Z", "+00:00")).astimezone(self.zone)
        return (t.date() - self.today).days, t.hour * 60 + t.minute

    def local_minutes(self, instant):
        d, m = self.local(instant)
        return d * 1440 + m

    def instant(self, day, minutes):
        date = self.today + dt.timedelta(days=day)
        t = dt.datetime(date.year, date.month, date.day, minutes // 60, minutes % 60, tzinfo=self.zone)
        return t.astimezone(dt.timezone.utc)

    def exists(self, day, start, minutes):
        """The local start exists and the session does not run through a clock change."""
        a = self.instant(day, start)
        back = a.astimezone(self.zone)
        if (back.hour * 60 + back.minute) != start:
            return False
        end = start + minutes
        if end >= 1440:
            return False
        return (self.instant(day, end) - a) == dt.timedelta(minutes=minutes)

    def starts(self, hours, minutes, absent, extra=()):
        """Allowed start minutes (absolute local) inside `hours`, off closed days and absences."""
        out = []
        spans = list(absent) + list(extra)
        for d in range(self.ndays):
            if d in self.closed:
                continue
            wd = (self.today + dt.timedelta(days=d)).weekday()
            for s, e in hours[wd]:
                first = -(-s // self.slot) * self.slot
                for m in range(first, e - minutes + 1, self.slot):
                    a = d * 1440 + m
                    if any(a < y and x < a + minutes for x, y in spans):
                        continue
                    if self.exists(d, m, minutes):
                        out.append(a)
        return out
