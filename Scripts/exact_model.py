"""The CP-SAT model of the exact reference (Scripts/exact-reference.py): one optional session per
request session, its clinician, room and interpreter alternatives, no-overlap per resource, and
the checker's objective term by term, one cost variable per request."""

import datetime as dt

from ortools.sat.python import cp_model

from exact_bounds import add_bounds, add_capacity
from exact_floors import stop_penalty
from exact_instance import (
    DAYS, W_INTERP, W_LATE, W_PREF, W_REG, W_ROOM, W_TREAT, W_WAIT, hm, refuse)


def domain(values):
    return cp_model.Domain.FromValues(values) if values else None


def build(inst, hint, subset=None, floors=None, narrowed=None, ceiling=None, cuts=()):
    """The CP-SAT model of the requests in `subset` (all when None). `floors[r]`: a lower bound on
    request r's cost (its cost variable's domain starts there); `narrowed[r]`: (sessions every
    schedule within the threshold books, {clinician: allowed starts} per session) from
    exact_floors.RequestBound.narrow, or None; `cuts`: (requests, bound) pairs, a proven lower
    bound on the requests' total cost (exact_groups.py)."""
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
    pooled = []  # (start, minutes, presence, clinician ids, interpreter literal, language)
    levels = []  # (request, presence, start, {start: least cost of the request}) of narrowed sessions
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
            never = earliest > inst.ndays - 1  # its earliest day is past the horizon: never booked
            day = model.NewIntVar(0 if never else earliest, inst.ndays - 1, name + "d")
            if never:
                model.Add(p == 0)
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
            if narrow is not None and len(narrow) > 2:
                levels.append((r, p, start, narrow[2][k]))
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
            pooled.append((start, minutes, p, frozenset(x), need, pat["language"]))
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
        # Waiting, missing sessions, treatment days.
        H = inst.ndays - 1
        # The series stops after exactly j sessions iff present[j] - present[j + 1] = 1 (each
        # session implies the one before, so the booked ones lead): the rule's penalty for that
        # stop, linear in the presences.
        present = [1] + [s["p"] for s in row] + [0]
        objective.append(("missing", r, sum(
            stop_penalty(inst, req, j) * (present[j] - present[j + 1]) for j in range(len(row) + 1))))
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
            if gaps:  # first to last booked session, of every new pathway
                objective.append(("treatment", r, W_TREAT * sum(gaps)))
    for key, ivs in busy.items():
        model.AddNoOverlap(ivs)
    add_capacity(model, inst, pooled)
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
    costs = {}
    for r in sorted({r for _, r, _ in objective}):
        expr = sum(e for _, q, e in objective if q == r)
        c = model.NewIntVar(floors[r] if floors else 0, 10**9, f"r{r}cost")
        model.Add(c == expr)
        costs[r] = c
    add_bounds(model, costs, cuts, levels)

    if ceiling is not None:
        model.Add(sum(costs.values()) <= ceiling)
    model.Minimize(sum(costs.values()))
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
