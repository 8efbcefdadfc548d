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
misses x 500, room changes x 50, late sessions x 100,000, missing sessions (those some schedule
could hold inside the horizon, less the leading ones booked) x 100,000, treatment days (first to
last booked session of a new pathway) x 200, interpreted sessions x 100. The unfinished pathways
(a session missing) are counted in the stats, not weighted. The solver's load
term is left out: it depends on the order in which a greedy search books, not on the rows.

Beside it: exact_instance.py (the instance as read, the weights), exact_model.py (the CP-SAT
model), exact_floors.py (the floors and the narrowing), exact_groups.py (the group bounds), below.

Scope, said plainly: individual tracks only. Group sessions (`facilitators` > 1 or a `cohort`),
clinician caps and keep-apart with an existing session are refused with a message (exit 2);
instances of `parcours bench generate` with its default tracks have none of them. Existing
sessions hold their resources and their patient's day.

How it proves optimality (6 of the 10 S centres in 7-200 s on 2 workers, docs/performance.md):
1. Floors (Scripts/exact_floors.py): each request's least cost alone, by dynamic programming over
   its sessions' days and starts (every term but room changes; other patients left out). Their
   sum is a lower bound; each request's cost variable starts at its floor.
2. Group bounds (Scripts/exact_groups.py): the requests that share a therapist, solved alone by
   the same rounds (3.), give a proven lower bound on their total cost (the others only take
   resources away); the model gets it as a cut, and the excesses over the floors add up.
3. With --hint (our greedy pass): its cost in the model, an upper bound.
4. Rounds of slack s = G, G + 100, G + 300, G + 700, ... (G: what the groups proved above the
   floors; up to the hint's excess): a schedule of objective <= floors + s books each request
   within s of its floor, less the other groups' proven excess, so each session keeps only the
   starts (per clinician) that some path within that threshold uses, the sessions every such path
   books are forced present, and a session placed at a start raises its request's cost to the
   least the programme proved through it (cost levels, exact_model.cost_levels). An infeasible
   round proves the optimum above floors + s (every objective is a multiple of 50); the first
   feasible round is solved to optimality, and its optimum is the optimum. No restriction is put
   on the schedules themselves: the narrowing only drops what cannot beat the round's ceiling.
The unfinished-pathway rule is one function, `stop_penalty` in exact_floors.py (what stopping
after j sessions costs, from `due_sessions`, the checker's count), read by both.

On standard error: the status (OPTIMAL or FEASIBLE), the objective, the best bound proven and
the gap, the wall time, the floors, the hint's objective and each round, one line, also as JSON
with --stats FILE.
"""

import argparse
import json
import sys
import time

try:
    from ortools.sat.python import cp_model
except ImportError:
    sys.exit("exact-reference: needs OR-Tools (pip install ortools) in a throwaway venv")

from exact_floors import RequestBound, stop_penalty
from exact_instance import STEP, W_MISS, Instance, refuse
from exact_groups import group_bound, partition, thresholds
from exact_model import build


def note(text):
    print(f"exact-reference: {text}", file=sys.stderr, flush=True)


def slack_rounds(start, limit):
    """The slacks over the floors tried in turn: from `start` (what the groups proved above the
    floors), small steps first (their models are small and quick to refute), up to `limit` (the
    hint's excess) when there is a hint."""
    out, s = [], start
    while limit is None or s < limit:
        out.append(s)
        if s - start >= W_MISS:
            return out + [None]  # beyond a missing session: the whole model
        step = s - start
        s = start + (2 * step + 2 * STEP if step else 2 * STEP)
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


def solution_rows(inst, solver, sessions):
    """The booked sessions of the solver's schedule as solution rows (requests not in the model,
    None in `sessions`, have none)."""
    rows = []
    for r, req in enumerate(inst.requests):
        if sessions[r] is None:
            continue
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
    return rows


def solve_round(inst, args, floors, subset, narrowed, ceiling, seconds):
    """One round on a group of requests alone (exact_groups.group_bound): status name, objective
    and best bound."""
    model, sessions, _ = build(inst, None, subset=subset, floors=floors, narrowed=narrowed, ceiling=ceiling)
    solver = make_solver(args, max(1.0, seconds))
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return solver.StatusName(status), None, None, None
    return (solver.StatusName(status), round(solver.ObjectiveValue()), round(solver.BestObjectiveBound()),
            solution_rows(inst, solver, sessions))


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
    ap.add_argument("--no-groups", action="store_true", help="no group bounds (exact_groups.py)")
    ap.add_argument("--group-share", type=float, default=0.4,
                    help="share of --time-limit for the group bounds (default 0.4)")
    ap.add_argument("--stats", help="write status, objective, bound, gap and seconds as JSON here")
    args = ap.parse_args()
    if not (0 < args.time_limit <= 86400):
        refuse("--time-limit: expected seconds in (0, 86400]")
    if not (0 <= args.group_share < 1):
        refuse("--group-share: expected a share of --time-limit in [0, 1)")
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
    groups, cuts, excess, group_stats = partition(inst), [], [], []
    if not args.fix_hint and not args.no_groups:
        share = args.time_limit * args.group_share
        for g, members in enumerate(groups):
            left = share - (time.monotonic() - started)
            st = group_bound(inst, bounds, members, left / (len(groups) - g),
                             lambda subset, narrowed, ceiling, secs: solve_round(
                                 inst, args, floors, subset, narrowed, ceiling, secs), note)
            group_stats.append(st)
            cuts.append((members, st["bound"]))
    excess = [st["bound"] - st["floors"] for st in group_stats] or [0] * len(groups)
    grouped = sum(excess)
    note(f"groups: {len(groups)}, proven {grouped} above the floors ({time.monotonic() - started:.1f} s)")
    upper = None
    if hint and not args.fix_hint:
        values = complete_hint(build(inst, hint, floors=floors, cuts=cuts)[0], args.workers, args.params)
        if values is None:
            note("the hint does not fit the model; starting without it")
        else:
            upper = round(values[1])
            note(f"hint of objective {upper}, {upper - floor} above the floors")
    if group_stats and all(st["rows"] is not None for st in group_stats):
        # The groups' own schedules side by side: a schedule of the whole when they do not collide
        # (rooms, interpreters and intakes are shared), then the optimum if each group's was.
        merged = [row for st in group_stats for row in st["rows"]]
        values = complete_hint(build(inst, merged, floors=floors, cuts=cuts)[0], args.workers, args.params)
        note("the groups' schedules side by side: " + (
            "they collide" if values is None else f"objective {round(values[1])}"))
        if values is not None and (upper is None or round(values[1]) < upper):
            hint, upper = merged, round(values[1])
    for st in group_stats:
        del st["rows"]
    plan = [None] if args.fix_hint else slack_rounds(grouped, upper - floor if upper is not None else None)
    rounds, bound = [], floor + grouped
    # Rounds of growing slack s over the floors: every schedule of objective <= floor + s books each
    # request within s of its own floor, so its starts can be narrowed to those. A round that is
    # infeasible proves the optimum above floor + s; the first feasible one is solved to optimality
    # (its optimum is the optimum: anything better would lie inside it too). None: the whole model.
    for slack in plan:
        if slack is None:
            narrowed = None
        else:
            limits = thresholds(bounds, groups, excess, slack)
            narrowed = [b.narrow(limits[r]) for r, b in enumerate(bounds)]
        ceiling = None if slack is None else floor + slack
        use_hint = hint and (args.fix_hint or (upper is not None and (ceiling is None or upper <= ceiling)))
        model, sessions, objective_terms = build(inst, hint if use_hint else None, floors=floors,
                                                 narrowed=narrowed, ceiling=ceiling, cuts=cuts)
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
        model, sessions, objective_terms = build(inst, hint, floors=floors, cuts=cuts)
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
    rows = solution_rows(inst, solver, sessions)
    terms = {}
    for name, _, expr in objective_terms:
        terms[name] = terms.get(name, 0) + (solver.Value(expr) if not isinstance(expr, int) else expr)
    unfinished = sum(1 for r, req in enumerate(inst.requests)
                     if stop_penalty(inst, req, sum(solver.Value(s["p"]) for s in sessions[r])) > 0)
    objective = round(solver.ObjectiveValue())
    if proven:
        bound = objective
    elif status == cp_model.FEASIBLE:
        bound = max(bound, round(solver.BestObjectiveBound()))
    stats = {
        "status": "OPTIMAL" if proven else "FEASIBLE", "objective": objective, "bound": bound,
        "gapPercent": round(100 * (objective - bound) / max(objective, 1), 3), "seconds": round(seconds, 1),
        "floors": floor, "groups": group_stats, "hint": upper, "rounds": rounds, "terms": terms,
        "unfinishedPathways": unfinished,
    }
    print(json.dumps(stats), file=sys.stderr)
    if args.stats:
        with open(args.stats, "w") as f:
            json.dump(stats, f)
    json.dump({"sessions": rows}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
