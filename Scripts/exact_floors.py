"""Per-request floors for the exact reference (Scripts/exact-reference.py): a lower bound on what
each request costs in any schedule, computed for the request alone by dynamic programming.

Why: CP-SAT's linear relaxation of the full model is weak (every session is optional, so spacing
and regularity are enforced constraints the LP barely sees). The least a request can cost alone is
a valid lower bound on its cost among the others (the others only take resources away), so the
model gets `cost(request) >= floor(request)` as a redundant cut, and its bound starts from the sum.

The floor is the exact optimum of a relaxation of the request alone: days and local starts on the
slot grid inside the hours of a qualified clinician (absences, closed days, the patient's
unavailability and existing days of the patient respected), one therapist for a continuity chain,
an interpreter of the patient's language available when no clinician of the session speaks it,
spacing, waiting, late, preferences, regularity, treatment days and interpreted sessions scored as
the checker scores them, and a series that stops early scored by `stop_penalty` (the missing
sessions, the unfinished-pathway rule). Left out (so the floor stays a lower bound): rooms (room
changes cost 0), keep-apart, and other patients' existing sessions. A request with `previous`
gets no floor (0).
"""

import itertools

import numpy as np

from exact_instance import DAYS, W_INTERP, W_LATE, W_MISS, W_PREF, W_REG, W_TREAT, W_WAIT, hm

CHAIN_LIMIT = 64  # clinician combinations tried per request; beyond that, continuity is relaxed


def anchors(req):
    """For each session, the index of the session whose clinician it must share (itself if free)."""
    out = []
    for k, spec in enumerate(req["sessions"]):
        ref = spec.get("continuity")
        first = k
        if ref:
            first = next(j for j, sp in enumerate(req["sessions"]) if sp["step"] == ref or j == k)
        out.append(first)
    return out


def known_clinician(inst, req, ref):
    """The clinician an existing session of step `ref` fixes for continuity (as the model reads it)."""
    ex = sorted((e for e in inst.existing if e["patient"] == req["patient"] and e.get("track") == req["track"]
                 and e["step"] == ref), key=lambda e: e["start"])
    return ex[0]["clinicians"][0] if ex else None


def session_costs(inst, req, pat, k, clinicians, referral, earliest):
    """Cost of session k at (day, slot) with one of `clinicians`; inf where it cannot be."""
    spec = req["sessions"][k]
    nslots = 1440 // inst.slot
    minutes = spec["durationMinutes"]
    cost = np.full((inst.ndays, nslots), np.inf)
    prefs = req.get("preferences") or {}
    pref_days = {DAYS.index(d) for d in prefs.get("weekdays", [])}
    windows = [(hm(w["start"]), hm(w["end"])) for w in prefs.get("windows", [])]
    busy_days = {inst.local_minutes(e["start"]) // 1440 for e in inst.existing if e["patient"] == req["patient"]}
    deadline = inst.day(spec["deadline"]) if spec.get("deadline") else None
    interp_starts = None
    for c in clinicians:
        starts = inst.allowed("clinician", c["id"], inst.hours[c["id"]], minutes, req["patient"])
        need = bool(pat.get("needsInterpreter")) and pat["language"] not in c.get("languages", [])
        if need and interp_starts is None:
            interp_starts = set()
            for i in inst.interpreters:
                if pat["language"] in i["languages"]:
                    interp_starts.update(inst.allowed("interpreter", i["id"], inst.ihours[i["id"]], minutes,
                                                      req["patient"]))
        for a in starts:
            d, m = divmod(a, 1440)
            if d < earliest or d in busy_days or (need and a not in interp_starts):
                continue
            v = W_INTERP if need else 0
            if deadline is not None and d > deadline:
                v += W_LATE
            wd = (inst.today.weekday() + d) % 7
            fits_day = not pref_days or wd in pref_days
            fits_time = not windows or any(x <= m and m + minutes <= y for x, y in windows)
            if not (fits_day and fits_time):
                v += W_PREF
            if k == 0 and req.get("previous") is None:
                v += W_WAIT * max(0, d - referral)
            t = m // inst.slot
            cost[d, t] = min(cost[d, t], v)
    return cost


def step(prev, cost, spec, horizon_days):
    """Best cost with this session at (day, slot), given the best with the previous one at each."""
    lo = max(spec.get("minDaysAfterPrevious") or 1, 1)
    hi = spec.get("maxDaysAfterPrevious")
    hi = horizon_days if hi is None else hi
    weekly = (spec.get("minDaysAfterPrevious") or 0) <= 7 <= hi
    ndays = prev.shape[0]
    best_day = prev.min(axis=1)
    irregular = np.full(ndays, np.inf)
    for g in range(lo, min(hi, ndays - 1) + 1):
        irregular[g:] = np.minimum(irregular[g:], best_day[:ndays - g] + W_TREAT * g)
    if weekly:
        irregular += W_REG
    through = np.repeat(irregular[:, None], prev.shape[1], axis=1)
    if weekly and lo <= 7 <= hi and ndays > 7:
        regular = np.full(prev.shape, np.inf)
        regular[7:] = prev[:-7] + 7 * W_TREAT
        through = np.minimum(through, regular)
    return cost + through


def due_sessions(inst, req):
    """How many of the request's sessions some schedule could hold inside the horizon (the
    checker's `sessionsTheHorizonHolds`, the solver's `dueSessions`): each session's earliest
    possible day is the request's `earliest` (not before today; for a continuing pathway, also
    `previous.date` + the first session's minimum spacing), then each `minDaysAfterPrevious` (at
    least 1) in turn; the sessions whose day is no later than `horizonEnd` are due."""
    reach = max(inst.day(req["earliest"]), 0)
    prev = req.get("previous")
    for k, spec in enumerate(req["sessions"]):
        gap = max(spec.get("minDaysAfterPrevious") or 1, 1)
        if k > 0:
            reach += gap
        elif prev is not None:
            reach = max(reach, inst.day(prev["date"]) + gap)
        if reach > inst.ndays - 1:
            return k
    return len(req["sessions"])


def stop_penalty(inst, req, j):
    """THE UNFINISHED-PATHWAY RULE, in one place for the model and the floors: what a series
    costs for stopping after its first j sessions (0 <= j <= len), on top of what its booked
    sessions cost. `parcours check`'s graded rule: 100,000 per missing session, missing =
    `due_sessions` less the leading sessions booked. It depends on the request alone, never on
    the days booked. (Treatment days count for every new pathway, unfinished or not.)"""
    return W_MISS * max(0, due_sessions(inst, req) - j)


def stop_cost(inst, req, j, best_day):
    """The least cost of a series that stops after its first j sessions (0 < j <= len), given
    the best cost with session j-1 on each day (treatment days included)."""
    return best_day.min() + stop_penalty(inst, req, j) if best_day.size else np.inf


def backward(inst, req, costs):
    """Least cost of the rest of the series after each session at (day, slot), stop rule included."""
    n = len(costs)
    out = [None] * n
    out[-1] = np.full(costs[-1].shape, float(stop_penalty(inst, req, n)))
    for k in range(n - 2, -1, -1):
        spec = req["sessions"][k + 1]
        lo = max(spec.get("minDaysAfterPrevious") or 1, 1)
        hi = spec.get("maxDaysAfterPrevious")
        hi = inst.ndays if hi is None else hi
        weekly = (spec.get("minDaysAfterPrevious") or 0) <= 7 <= hi
        ahead = costs[k + 1] + out[k + 1]
        best_day = ahead.min(axis=1)
        ndays = ahead.shape[0]
        irregular = np.full(ndays, np.inf)
        for g in range(lo, min(hi, ndays - 1) + 1):
            irregular[:ndays - g] = np.minimum(irregular[:ndays - g], best_day[g:] + W_TREAT * g)
        if weekly:
            irregular += W_REG
        rest = np.repeat(irregular[:, None], ahead.shape[1], axis=1)
        if weekly and lo <= 7 <= hi and ndays > 7:
            regular = np.full(ahead.shape, np.inf)
            regular[:-7] = ahead[7:] + 7 * W_TREAT
            rest = np.minimum(rest, regular)
        rest = np.minimum(rest, stop_penalty(inst, req, k + 1))  # or the series stops here
        out[k] = rest
    return out


class RequestBound:
    """The floor of one request and, given a threshold on its cost, the session starts that can
    still lie on a schedule within it (`narrow`)."""

    def __init__(self, inst, r):
        self.inst, self.r = inst, r
        self.req = req = inst.requests[r]
        self.combos = []  # (candidates per session, session costs, forward layers)
        self.floor = 0
        if req.get("previous") is not None or not req["sessions"]:
            self.covered = False
            return
        self.covered = True
        pat = inst.patients[req["patient"]]
        referral = inst.day(req.get("referralDate", req["earliest"]))
        earliest = max(inst.day(req["earliest"]), 0)
        quals = [inst.qualified(req, spec) for spec in req["sessions"]]
        anchor = anchors(req)
        for k, spec in enumerate(req["sessions"]):
            known = known_clinician(inst, req, spec["continuity"]) if spec.get("continuity") else None
            if known is not None:
                quals[k] = [c for c in quals[k] if c["id"] == known]
        heads = sorted({a for k, a in enumerate(anchor) if a != k})
        # A chain nobody can run still gets a combination (None): its sessions cost inf, and the
        # programme still sees the series stop before it.
        choices = [[c["id"] for c in quals[h]] or [None] for h in heads]
        combos = list(itertools.product(*choices)) if heads else [()]
        if len(combos) > CHAIN_LIMIT:
            heads, combos = [], [()]  # relax continuity: still a lower bound
        cache = {}
        # Nothing booked: the wait to the day after the horizon, and every due session missing.
        self.nothing = W_WAIT * max(0, inst.ndays - referral) + stop_penalty(inst, req, 0)
        best = self.nothing
        for combo in combos:
            fixed = dict(zip(heads, combo))
            cands, costs, layers = [], [], []
            for k in range(len(req["sessions"])):
                head = anchor[k] if anchor[k] in fixed else (k if k in fixed else None)
                ck = [c for c in quals[k] if head is None or c["id"] == fixed[head]]
                key = (k, tuple(c["id"] for c in ck))
                if key not in cache:
                    cache[key] = session_costs(inst, req, pat, k, ck, referral, earliest)
                cands.append([c["id"] for c in ck])
                costs.append(cache[key])
                layers.append(costs[-1] if k == 0 else step(layers[-1], costs[-1], req["sessions"][k], inst.ndays))
            self.combos.append((cands, costs, layers))
            for j in range(1, len(layers) + 1):  # stops after j sessions, the whole series included
                best = min(best, stop_cost(inst, req, j, layers[j - 1].min(axis=1)))
        self.floor = int(round(best))

    def narrow(self, threshold):
        """Sessions that every schedule costing at most `threshold` books (a count from the first),
        per session {clinician id: allowed local starts (absolute minutes)}, and per session
        {start: the least cost of the request with that session there}; None when nothing can be
        narrowed (not covered). Every stop is in the programme with its penalty, so a series that
        stops early is narrowed like one carried through."""
        if not self.covered:
            return None
        inst = self.inst
        n = len(self.req["sessions"])
        allowed = [dict() for _ in range(n)]
        # The least cost alone of any series through each start (the minimum over the clinician
        # combinations): a lower bound on the request's cost once its session sits there, which
        # the model turns into cost levels (exact_model.cost_levels).
        lowest = [dict() for _ in range(n)]
        must = 0 if self.nothing <= threshold else n
        for cands, costs, layers in self.combos:
            rest = backward(inst, self.req, costs)
            for k in range(n):
                through = layers[k] + rest[k]
                days, slots = np.nonzero(through <= threshold)
                if days.size == 0:
                    continue
                values = through[days, slots]
                starts = (days * 1440 + slots * inst.slot).tolist()
                least = lowest[k]
                for a, v in zip(starts, np.rint(values).astype(np.int64).tolist()):
                    if a not in least or v < least[a]:
                        least[a] = v
                starts = set(starts)
                for cid in cands[k]:
                    allowed[k].setdefault(cid, set()).update(starts)
            for j in range(1, n):
                if stop_cost(inst, self.req, j, layers[j - 1].min(axis=1)) <= threshold:
                    must = min(must, j)
                    break
        return must, allowed, lowest
