#!/usr/bin/env python3
# The measure issue 14 was filed with, computed outside Parcours from an instance and a solution
# (docs/scheduling.md's open formats): for each patient fully booked, days from referral to intake
# + 0.2 x days from intake to closing; 1,000 per patient not fully booked. "A" counts a patient as
# fully booked only with every requested session (the follow-up included); "B" with every session
# up to the closing, since on the generated centres the follow-up's window opens after the horizon
# for almost everyone. Lower is better. Test-time tool; docs/performance.md quotes it.
#
#   Scripts/outside-measure.py INSTANCE.json SOLUTION.json
# window may lie past the horizon).
import json, sys, datetime as dt
inst = json.load(open(sys.argv[1])); sol = json.load(open(sys.argv[2]))["sessions"]
by = {}
for r in sol: by.setdefault(r["patient"], []).append(r)
def day(s): return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
A = B = 0.0; full = through = 0; waits = []
for req in inst["requests"]:
    p = req["patient"]; rows = by.get(p, []); ref = dt.date.fromisoformat(req["referralDate"])
    have = {(r["step"], r["occurrence"]) for r in rows}
    want = [(s["step"], s["occurrence"]) for s in req["sessions"]]
    intake = [day(r["start"]) for r in rows if r["step"] == "intake"]
    closing = [day(r["start"]) for r in rows if r["step"] == "closing"]
    if intake: waits.append((min(intake) - ref).days)
    cost = None
    if intake and closing:
        cost = (min(intake) - ref).days + 0.2 * (max(closing) - min(intake)).days
    if all(w in have for w in want) and cost is not None: A += cost; full += 1
    else: A += 1000
    wc = [w for w in want if w[0] != "follow-up"]
    if all(w in have for w in wc) and cost is not None: B += cost; through += 1
    else: B += 1000
n = len(inst["requests"])
print(json.dumps({"A": round(A, 1), "fully": full, "B": round(B, 1), "through_closing": through,
                  "mean_intake_days": round(sum(waits) / len(waits), 2) if waits else None, "patients": n}))
