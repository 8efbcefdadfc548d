#!/usr/bin/env python3
"""Exact reference for the scheduler (issue 14): OR-Tools CP-SAT on the open instance format.

Reads an instance (docs/scheduling.md, "The instance"), solves it to proven optimality when it
can, and writes a solution in the same format as `parcours solve` ({"sessions": [row, ...]}), so
that `parcours check` judges both with one rule. Test-time only, never a runtime dependency:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install ortools
    /tmp/venv/bin/python Scripts/exact-reference.py instance.json --time-limit 600 > solution.json

The objective is the one `parcours check` reports as `objective.score`: the solver's weights
(ObjectiveWeights.standard) on the terms that the rows determine: waiting days (a new pathway
left unbooked waits to the day after the horizon) x 1,000, regularity misses x 300, preference
misses x 500, room changes x 50, late sessions x 100,000, unfinished pathways x 1,000,000,
treatment days of pathways carried through x 200, interpreted sessions x 100. The solver's load
term is left out: it depends on the order in which a greedy search books, not on the rows.

Scope, said plainly: individual tracks only. Group sessions (`facilitators` > 1 or a `cohort`),
clinician caps and keep-apart with an existing session are refused with a message (exit 2);
instances of `parcours bench generate` with its default tracks have none of them. Existing
sessions hold their resources and their patient's day.

How it proves optimality (S centres in about a minute on 2 workers, docs/performance.md):
1. Floors (Scripts/exact_floors.py): each request's least cost alone, by dynamic programming over
   its sessions' days and starts (every term but room changes; other patients left out). Their
   sum is a lower bound; each request's cost variable starts at its floor.
2. With --hint (our greedy pass): its cost in the model, an upper bound.
3. Rounds of slack s = 0, 100, 300, 700, ... (up to the hint's excess over the floors): a schedule
   of objective <= floors + s books each request within s of its floor, so each session keeps only
   the starts (per clinician) that some path within that slack uses, and the sessions every such
   path books are forced present. An infeasible round proves the optimum above floors + s (every
   objective is a multiple of 50); the first feasible round is solved to optimality, and its
   optimum is the optimum. No restriction is put on the schedules themselves: the narrowing only
   drops what cannot beat the round's ceiling.
The unfinished-pathway rule is one function, `free_stop_from` in exact_floors.py, read by both.

On standard error: the status (OPTIMAL or FEASIBLE), the objective, the best bound proven and
the gap, the wall time, the floors, the hint's objective and each round, one line, also as JSON
with --stats FILE.
"""

import argparse
import datetime as dt
import json
import sys
import time
from zoneinfo import ZoneInfo

from exact_floors import RequestBound, free_stop_from

try:
    from ortools.sat.python import cp_model
except ImportError:
    sys.exit("exact-reference: needs OR-Tools (pip install ortools) in a throwaway venv")

W_WAIT, W_REG, W_PREF, W_ROOM, W_LATE, W_UNF, W_TREAT, W_INTERP = (
    1000, 300, 500, 50, 100_000, 1_000_000, 200, 100)
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


def domain(values):
    return cp_model.Domain.FromValues(values) if values else None


def build(inst, hint, subset=None, floors=None, narrowed=None, ceiling=None):
    """The CP-SAT model of the requests in `subset` (all when None). `floors[r]`: a lower bound on
    request r's cost (its cost variable's domain starts there); `narrowed[r]`: (sessions every
    schedule within the threshold books, {clinician: allowed starts} per session) from
    exact_floors.RequestBound.narrow, or None."""
    model = cp_model.CpModel()
    horizon = inst.ndays * 1440
    busy = {}  # (kind, id) -> list of interval vars
    patient_days = {}
    for e in inst.existing:
        s, t = inst.local_minutes(e["start"]), inst.local_minutes(e["end"])
        if t <= 0 or s >= horizon:
            continue
        s, t = max(s, 0), min(t, horizon)
        iv = model.NewFixedSizeIntervalVar(s, t - s, "existing")
        for c in e["clinicians"]:
            busy.setdefault(("clinician", c), []).append(iv)
        if e.get("room"):
            busy.setdefault(("room", e["room"]), []).append(iv)
        if e.get("interpreter"):
            busy.setdefault(("interpreter", e["interpreter"]), []).append(iv)
        patient_days.setdefault(e["patient"], set()).add(s // 1440)
    hours, ihours = inst.hours, inst.ihours
    allowed = inst.allowed

    objective = []
    sessions = []  # per request: list of session dicts
    keep_apart = {}
    for r, req in enumerate(inst.requests):
        if subset is not None and r not in subset:
            sessions.append(None)
            continue
        pat = inst.patients.get(req["patient"])
        if pat is None:
            refuse(f"requests[{r}].patient: {req['patient']} is not among the patients")
        earliest = max(inst.day(req["earliest"]), 0)
        referral = inst.day(req.get("referralDate", req["earliest"]))
        prev = req.get("previous")
        prefs = req.get("preferences") or {}
        pref_days = {DAYS.index(d) for d in prefs.get("weekdays", [])}
        windows = [(hm(w["start"]), hm(w["end"])) for w in prefs.get("windows", [])]
        narrow = narrowed[r] if narrowed else None
        row = []
        for k, spec in enumerate(req["sessions"]):
            if spec.get("facilitators", 1) != 1 or spec.get("kind") == "group-session":
                refuse(f"requests[{r}].sessions[{k}]: group sessions are left out of the reference")
            minutes = spec["durationMinutes"]
            qual = inst.qualified(req, spec)
            name = f"r{r}k{k}"
            p = model.NewBoolVar(name + "p")
            day = model.NewIntVar(earliest, inst.ndays - 1, name + "d")
            tod = model.NewIntVar(0, 1439, name + "t")
            start = model.NewIntVar(0, horizon, name + "s")
            model.Add(start == 1440 * day + tod)
            if inst.slot > 1:
                q = model.NewIntVar(0, 1440 // inst.slot, name + "q")
                model.Add(tod == inst.slot * q)
            for d in patient_days.get(req["patient"], ()):
                model.Add(day != d).OnlyEnforceIf(p)
            if narrow is not None and k < narrow[0]:
                model.Add(p == 1)
            x = {}
            for c in qual:
                lit = model.NewBoolVar(f"{name}c{c['id']}")
                vals = allowed("clinician", c["id"], hours[c["id"]], minutes, req["patient"])
                if narrow is not None:
                    keep = narrow[1][k].get(c["id"], set())
                    vals = [v for v in vals if v in keep]
                if not vals:
                    model.Add(lit == 0)
                    continue
                model.AddLinearExpressionInDomain(start, domain(vals)).OnlyEnforceIf(lit)
                busy.setdefault(("clinician", c["id"]), []).append(
                    model.NewOptionalFixedSizeIntervalVar(start, minutes, lit, name + "ci"))
                x[c["id"]] = lit
            model.Add(sum(x.values()) == p)
            if narrow is not None and k < narrow[0]:
                everywhere = sorted({v for cid in x for v in narrow[1][k].get(cid, ())})
                if everywhere:
                    model.AddLinearExpressionInDomain(start, domain(everywhere))
            firsts = [min(allowed("clinician", cid, hours[cid], minutes, req["patient"])) // 1440 for cid in x]
            if firsts:
                model.Add(day >= min(firsts))
            speakers = [lit for cid, lit in x.items()
                        if pat["language"] in next(c for c in inst.clinicians if c["id"] == cid)["languages"]]
            need = None
            if pat.get("needsInterpreter"):
                need = model.NewBoolVar(name + "u")
                model.Add(need == p - sum(speakers))
                z = []
                for i in inst.interpreters:
                    if pat["language"] not in i["languages"]:
                        continue
                    vals = allowed("interpreter", i["id"], ihours[i["id"]], minutes, req["patient"])
                    if not vals:
                        continue
                    lit = model.NewBoolVar(f"{name}i{i['id']}")
                    model.AddLinearExpressionInDomain(start, domain(vals)).OnlyEnforceIf(lit)
                    busy.setdefault(("interpreter", i["id"]), []).append(
                        model.NewOptionalFixedSizeIntervalVar(start, minutes, lit, name + "ii"))
                    z.append((i["id"], lit))
                model.Add(sum(l for _, l in z) == need)
                objective.append(("interpreted", r, W_INTERP * need))
            else:
                z = []
            y = {}
            for m in inst.rooms:
                if any(f not in m.get("features", []) for f in spec.get("roomFeatures", [])):
                    continue
                if pat.get("needsAccessibleRoom") and "accessible" not in m.get("features", []):
                    continue
                if m["capacity"] < 2:
                    continue
                lit = model.NewBoolVar(f"{name}m{m['id']}")
                if m["capacity"] < 3 and need is not None:
                    model.AddImplication(lit, need.Not())
                absent = inst.absences.get(("room", m["id"]), [])
                for a, b in absent:
                    # Off the absence: end before it or start after it.
                    before = model.NewBoolVar("")
                    model.Add(start + minutes <= a).OnlyEnforceIf([lit, before])
                    model.Add(start >= b).OnlyEnforceIf([lit, before.Not()])
                busy.setdefault(("room", m["id"]), []).append(
                    model.NewOptionalFixedSizeIntervalVar(start, minutes, lit, name + "mi"))
                y[m["id"]] = lit
            model.Add(sum(y.values()) == p)
            s = dict(p=p, day=day, tod=tod, start=start, x=x, y=y, z=z, need=need, spec=spec, minutes=minutes)
            row.append(s)
            keep_apart.setdefault(req["patient"], []).append(s)
            # Deadline: late is allowed, flagged and paid for.
            if spec.get("deadline"):
                late = model.NewBoolVar(name + "late")
                dl = inst.day(spec["deadline"])
                model.Add(day <= dl).OnlyEnforceIf(late.Not())
                model.AddImplication(late, p)
                objective.append(("late", r, W_LATE * late))
            # Preferences.
            if pref_days or windows:
                ok = model.NewBoolVar(name + "pref")
                model.AddImplication(ok, p)
                if pref_days:
                    dvals = [d for d in range(inst.ndays) if (inst.today + dt.timedelta(days=d)).weekday() in pref_days]
                    model.AddLinearExpressionInDomain(day, cp_model.Domain.FromValues(dvals or [-1])).OnlyEnforceIf(ok)
                if windows:
                    tvals = [t for a, b in windows for t in range(a, b - minutes + 1)]
                    model.AddLinearExpressionInDomain(tod, cp_model.Domain.FromValues(tvals or [-1])).OnlyEnforceIf(ok)
                objective.append(("preference", r, W_PREF * (p - ok)))
            # The series: order, spacing, regularity, room changes.
            lo = max(spec.get("minDaysAfterPrevious") or 1, 1)
            hi = spec.get("maxDaysAfterPrevious")
            weekly = (spec.get("minDaysAfterPrevious") or 0) <= 7 <= (hi if hi is not None else 10**9)
            if k > 0:
                b = row[k - 1]
                model.AddImplication(p, b["p"])
                model.Add(day - b["day"] >= lo).OnlyEnforceIf(p)
                if hi is not None:
                    model.Add(day - b["day"] <= hi).OnlyEnforceIf(p)
                if weekly:
                    reg = model.NewBoolVar(name + "reg")
                    model.AddImplication(reg, p)
                    model.Add(day == b["day"] + 7).OnlyEnforceIf(reg)
                    model.Add(tod == b["tod"]).OnlyEnforceIf(reg)
                    s["reg"] = reg
                    objective.append(("regularity", r, W_REG * (p - reg)))
                same = []
                for mid, lit in y.items():
                    if mid in b["y"]:
                        both = model.NewBoolVar("")
                        model.AddImplication(both, lit)
                        model.AddImplication(both, b["y"][mid])
                        same.append(both)
                objective.append(("room", r, W_ROOM * (p - sum(same))))
            elif prev is not None:
                pd = inst.day(prev["date"])
                model.Add(day - pd >= lo).OnlyEnforceIf(p)
                if hi is not None:
                    model.Add(day - pd <= hi).OnlyEnforceIf(p)
                if weekly:
                    reg = model.NewBoolVar(name + "reg")
                    model.AddImplication(reg, p)
                    model.Add(day == pd + 7).OnlyEnforceIf(reg)
                    if prev.get("time"):
                        model.Add(tod == hm(prev["time"])).OnlyEnforceIf(reg)
                    objective.append(("regularity", r, W_REG * (p - reg)))
                if prev.get("room"):
                    objective.append(("room", r, W_ROOM * (p - y.get(prev["room"], 0))))
            # Continuity: the clinician of the step named, from previous, existing, or the first
            # session of that step in this series.
            ref = spec.get("continuity")
            if ref:
                known = None
                if prev:
                    known = next((c["clinician"] for c in prev.get("clinicians", []) if c["step"] == ref), None)
                if known is None:
                    ex = sorted((e for e in inst.existing
                                 if e["patient"] == req["patient"] and e.get("track") == req["track"]
                                 and e["step"] == ref), key=lambda e: e["start"])
                    if ex:
                        known = ex[0]["clinicians"][0]
                if known is not None:
                    for cid, lit in x.items():
                        if cid != known:
                            model.Add(lit == 0)
                else:
                    first = next(j for j, sp in enumerate(req["sessions"]) if sp["step"] == ref or j == k)
                    if first != k:
                        for cid, lit in x.items():
                            other = row[first]["x"].get(cid)
                            model.AddImplication(lit, other) if other is not None else model.Add(lit == 0)
        sessions.append(row)
        # Waiting, unfinished pathway, treatment days.
        H = inst.ndays - 1
        unf = model.NewBoolVar(f"r{r}unf")
        model.Add(unf >= 1 - row[0]["p"])
        for k in range(1, len(row)):
            # The series stops after k sessions: unfinished unless the stop is free (the rule).
            free = free_stop_from(inst, req, k)
            fits = model.NewBoolVar("")
            model.Add(row[k - 1]["day"] <= free - 1).OnlyEnforceIf(fits)
            model.Add(row[k - 1]["day"] >= free).OnlyEnforceIf(fits.Not())
            model.Add(unf >= row[k - 1]["p"] - row[k]["p"] + fits - 1)
        objective.append(("unfinished", r, W_UNF * unf))
        if prev is None:
            p0 = row[0]["p"]
            wait = model.NewIntVar(0, inst.ndays + abs(referral) + 1, f"r{r}wait")
            model.Add(wait >= row[0]["day"] - referral).OnlyEnforceIf(p0)
            model.Add(wait >= H + 1 - referral).OnlyEnforceIf(p0.Not())
            objective.append(("waiting", r, W_WAIT * wait))
            gaps = []
            for k in range(1, len(row)):
                g = model.NewIntVar(0, inst.ndays, "")
                model.Add(g == row[k]["day"] - row[k - 1]["day"]).OnlyEnforceIf(row[k]["p"])
                model.Add(g == 0).OnlyEnforceIf(row[k]["p"].Not())
                gaps.append(g)
                # A redundant cut for the bound (valid for every schedule): a weekly gap costs at
                # least 7 treatment days, or fewer days plus a regularity miss.
                lo = max(req["sessions"][k].get("minDaysAfterPrevious") or 1, 1)
                if "reg" in row[k]:
                    least = min(7 * W_TREAT, lo * W_TREAT + W_REG)
                    model.Add(W_TREAT * g + W_REG * (row[k]["p"] - row[k]["reg"]) >= least * row[k]["p"])
                else:
                    model.Add(g >= lo * row[k]["p"])
            treat = model.NewIntVar(0, inst.ndays, f"r{r}treat")
            model.Add(treat >= sum(gaps) - inst.ndays * unf)
            objective.append(("treatment", r, W_TREAT * treat))
    for key, ivs in busy.items():
        model.AddNoOverlap(ivs)
    # One session a day per patient, across a patient's requests too (within one, spacing does it).
    by_patient = {}
    for r, row in enumerate(sessions):
        if row is not None:
            by_patient.setdefault(inst.requests[r]["patient"], []).append(row)
    for rows in by_patient.values():
        for i, a_row in enumerate(rows):
            for b_row in rows[i + 1:]:
                for a in a_row:
                    for b in b_row:
                        model.Add(a["day"] != b["day"]).OnlyEnforceIf([a["p"], b["p"]])
    # Keep-apart: widened by 15 minutes each side, the two patients' sessions never overlap.
    pairs = {tuple(sorted((code, other))) for code, pat in inst.patients.items() for other in pat.get("keepApart", [])}
    for a, b in sorted(pairs):
        if any(e["patient"] in (a, b) for e in inst.existing):
            refuse(f"patients[{a}].keepApart: a kept-apart patient with existing sessions is not modelled")
        pair = keep_apart.get(a, []) + keep_apart.get(b, [])
        if pair:
            model.AddNoOverlap([
                model.NewOptionalFixedSizeIntervalVar(s["start"] - 15, s["minutes"] + 30, s["p"], "")
                for s in pair])
    # One cost variable per request, from its floor: the objective's bound starts at their sum.
    costs = []
    for r in sorted({r for _, r, _ in objective}):
        expr = sum(e for _, q, e in objective if q == r)
        c = model.NewIntVar(floors[r] if floors else 0, 10**9, f"r{r}cost")
        model.Add(c == expr)
        costs.append(c)

    if ceiling is not None:
        model.Add(sum(costs) <= ceiling)
    model.Minimize(sum(costs))
    if hint:
        apply_hint(model, inst, sessions, hint)
    return model, sessions, objective


def apply_hint(model, inst, sessions, rows):
    by = {(r["patient"], r["track"], r["step"], r.get("occurrence", 1)): r for r in rows}
    for r, req in enumerate(inst.requests):
        if sessions[r] is None:
            continue
        for k, spec in enumerate(req["sessions"]):
            s = sessions[r][k]
            h = by.get((req["patient"], req["track"], spec["step"], spec.get("occurrence", 1)))
            model.AddHint(s["p"], 1 if h else 0)
            if not h:
                continue
            d, m = inst.local(h["start"])
            model.AddHint(s["day"], d)
            model.AddHint(s["tod"], m)
            model.AddHint(s["start"], d * 1440 + m)
            for cid, lit in s["x"].items():
                model.AddHint(lit, 1 if cid in h["clinicians"] else 0)
            for mid, lit in s["y"].items():
                model.AddHint(lit, 1 if mid == h["room"] else 0)
            for iid, lit in s["z"]:
                model.AddHint(lit, 1 if iid == h.get("interpreter") else 0)


def note(text):
    print(f"exact-reference: {text}", file=sys.stderr, flush=True)


def slack_rounds(limit):
    """The slacks over the floors tried in turn: small ones first (their models are small and
    quick to refute), up to `limit` (the hint's excess) when there is a hint."""
    out, s = [], 0
    while limit is None or s < limit:
        out.append(s)
        if s >= W_UNF:
            return out + [None]  # beyond an unfinished pathway: the whole model
        s = 2 * s + 2 * STEP if s else 2 * STEP
    return out + [limit]


def make_solver(args, seconds):
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = args.workers
    solver.parameters.fix_variables_to_their_hinted_value = args.fix_hint
    solver.log_callback = lambda line: print(line, file=sys.stderr)
    solver.parameters.log_to_stdout = False
    set_params(solver, args.params)
    return solver


def set_params(solver, params):
    for item in filter(None, params.split(",")):
        key, value = item.split(":", 1)
        setattr(solver.parameters, key.strip(), json.loads(value.strip()))


def complete_hint(model, workers, params=""):
    """Every variable's value (and the objective) of the hinted schedule, by solving with the hint
    fixed; None when the hint does not fit the model."""
    first = cp_model.CpSolver()
    first.parameters.max_time_in_seconds = 60
    first.parameters.num_workers = workers
    first.parameters.fix_variables_to_their_hinted_value = True
    set_params(first, params)
    first.parameters.log_search_progress = False
    if first.Solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return list(first.ResponseProto().solution), first.ObjectiveValue()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("instance")
    ap.add_argument("--time-limit", type=float, default=600, help="seconds (default 600)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--hint", help="a solution file (e.g. parcours solve's) to start from")
    ap.add_argument("--params", default="", help="extra CP-SAT parameters, 'key:value,...' (e.g. 'log_search_progress:true')")
    ap.add_argument("--fix-hint", action="store_true",
                    help="solve with every variable fixed to the hint: checks that the model accepts it")
    ap.add_argument("--stats", help="write status, objective, bound, gap and seconds as JSON here")
    args = ap.parse_args()
    if not (0 < args.time_limit <= 86400):
        refuse("--time-limit: expected seconds in (0, 86400]")
    try:
        with open(args.instance) as f:
            inst = Instance(json.load(f))
    except (OSError, ValueError, KeyError) as e:
        refuse(f"{args.instance}: {e}")
    hint = None
    if args.hint:
        with open(args.hint) as f:
            data = json.load(f)
        hint = data["sessions"] if isinstance(data, dict) and "sessions" in data else data
    started = time.monotonic()
    bounds = [RequestBound(inst, r) for r in range(len(inst.requests))]
    floors = [b.floor for b in bounds]
    floor = sum(floors)
    note(f"floors: each request alone, summed: {floor} ({time.monotonic() - started:.1f} s)")
    upper = None
    if hint and not args.fix_hint:
        values = complete_hint(build(inst, hint, floors=floors)[0], args.workers, args.params)
        if values is None:
            note("the hint does not fit the model; starting without it")
        else:
            upper = round(values[1])
            note(f"hint of objective {upper}, {upper - floor} above the floors")
    plan = [None] if args.fix_hint else slack_rounds(upper - floor if upper is not None else None)
    rounds, bound = [], floor
    # Rounds of growing slack s over the floors: every schedule of objective <= floor + s books each
    # request within s of its own floor, so its starts can be narrowed to those. A round that is
    # infeasible proves the optimum above floor + s; the first feasible one is solved to optimality
    # (its optimum is the optimum: anything better would lie inside it too). None: the whole model.
    for slack in plan:
        narrowed = None if slack is None else [b.narrow(b.floor + slack) for b in bounds]
        ceiling = None if slack is None else floor + slack
        use_hint = hint and (args.fix_hint or (upper is not None and (ceiling is None or upper <= ceiling)))
        model, sessions, objective_terms = build(inst, hint if use_hint else None, floors=floors,
                                                 narrowed=narrowed, ceiling=ceiling)
        left = args.time_limit - (time.monotonic() - started)
        if upper is not None and not use_hint:
            left -= min(30, args.time_limit / 5)  # kept to write the hint's schedule if time runs out
        solver = make_solver(args, max(1.0, left))
        if use_hint:
            values = complete_hint(model, args.workers, args.params)
            if values is not None:
                model.ClearHints()
                model.Proto().solution_hint.vars.extend(range(len(values[0])))
                model.Proto().solution_hint.values.extend(values[0])
        status = solver.Solve(model)
        rounds.append({"slack": slack, "status": solver.StatusName(status),
                       "seconds": round(time.monotonic() - started, 1)})
        note(f"round: slack {slack}: {solver.StatusName(status)} at {time.monotonic() - started:.1f} s")
        if status == cp_model.INFEASIBLE and slack is not None:
            bound = floor + slack + STEP  # every objective is a multiple of STEP
            continue
        break
    proven = status == cp_model.OPTIMAL and not args.fix_hint
    if status == cp_model.UNKNOWN and upper is not None:
        # Out of time before the search kept a schedule: the hint's, as found (not proven).
        note("out of time: writing the hint's schedule")
        model, sessions, objective_terms = build(inst, hint, floors=floors)
        values = complete_hint(model, args.workers, args.params)
        if values is not None:
            model.ClearHints()
            model.Proto().solution_hint.vars.extend(range(len(values[0])))
            model.Proto().solution_hint.values.extend(values[0])
            solver = make_solver(args, 60)
            solver.parameters.fix_variables_to_their_hinted_value = True
            status = solver.Solve(model)
            proven = False
    seconds = time.monotonic() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        print(f"exact-reference: {solver.StatusName(status)} after {seconds:.1f} s", file=sys.stderr)
        sys.exit(3)
    rows = []
    for r, req in enumerate(inst.requests):
        for k, spec in enumerate(req["sessions"]):
            s = sessions[r][k]
            if not solver.Value(s["p"]):
                continue
            d, m = solver.Value(s["day"]), solver.Value(s["tod"])
            row = {
                "patient": req["patient"], "track": req["track"], "step": spec["step"],
                "occurrence": spec.get("occurrence", 1),
                "start": inst.instant(d, m).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "end": inst.instant(d, m + s["minutes"]).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "clinicians": [cid for cid, lit in s["x"].items() if solver.Value(lit)],
                "room": next(mid for mid, lit in s["y"].items() if solver.Value(lit)),
            }
            interp = next((iid for iid, lit in s["z"] if solver.Value(lit)), None)
            if interp:
                row["interpreter"] = interp
            if spec.get("deadline") and d > inst.day(spec["deadline"]):
                row["late"] = True
            rows.append(row)
    terms = {}
    for name, _, expr in objective_terms:
        terms[name] = terms.get(name, 0) + solver.Value(expr)
    objective = round(solver.ObjectiveValue())
    if proven:
        bound = objective
    elif status == cp_model.FEASIBLE:
        bound = max(bound, round(solver.BestObjectiveBound()))
    stats = {
        "status": "OPTIMAL" if proven else "FEASIBLE", "objective": objective, "bound": bound,
        "gapPercent": round(100 * (objective - bound) / max(objective, 1), 3), "seconds": round(seconds, 1),
        "floors": floor, "hint": upper, "rounds": rounds, "terms": terms,
    }
    print(json.dumps(stats), file=sys.stderr)
    if args.stats:
        with open(args.stats, "w") as f:
            json.dump(stats, f)
    json.dump({"sessions": rows}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
