"""Group bounds for the exact reference (Scripts/exact-reference.py): a lower bound on what a group
of requests costs together, stronger than the sum of their floors.

Why: the floors price each request alone, so they never see two patients who want the same
therapist's same weekly hour; on the S centres the optimum lies thousands above them, and rounds
of slack that climb from the floors one refutation at a time run out of time. The requests that
compete are those that share a therapist, so they are grouped by it and each group is solved on
its own, with the same model and the same rounds as the whole instance.

Why it is a proof: every term of the objective belongs to one request, and the requests left out
only take resources away, so the sessions of a group in any schedule of the whole instance form a
schedule of the group alone, of the same cost. Whatever CP-SAT proves of the group alone (its
optimum, or a refuted round, or its bound) bounds the group's cost in every schedule: the model
gets `sum of the group's costs >= bound` as a cut. Any partition of the requests gives valid
bounds; grouping by therapist only makes them useful. The groups are disjoint, so their excesses
over the floors add up, and a request's cost can exceed its floor by at most the round's slack
less the other groups' proven excess (`thresholds`).
"""

import time

from exact_instance import STEP

GROUP_LIMIT = 16  # requests per group at most: beyond that a group is split (still a proof)


def partition(inst):
    """Disjoint groups of request indices: requests whose most restricted sessions (fewest
    qualified clinicians: the therapy of a track, not the intake or closing anyone may run) can
    be run by a common clinician are joined; a group above GROUP_LIMIT is cut in even parts."""
    parent = list(range(len(inst.requests)))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    owner, key = {}, []
    for r, req in enumerate(inst.requests):
        quals = [{c["id"] for c in inst.qualified(req, spec)} for spec in req["sessions"]]
        fewest = min(len(q) for q in quals) if quals else 0
        key.append(frozenset().union(*(q for q in quals if len(q) == fewest)) if quals else frozenset())
        for cid in key[-1]:
            if cid in owner:
                parent[find(r)] = find(owner[cid])
            else:
                owner[cid] = r
    groups = {}
    for r in range(len(inst.requests)):
        groups.setdefault(find(r), []).append(r)
    out = []
    for members in sorted(groups.values()):
        if len(members) > GROUP_LIMIT:
            # Too many to solve together: first by the same set of clinicians (the same therapy),
            # then in even parts.
            same = {}
            for r in members:
                same.setdefault(tuple(sorted(key[r])), []).append(r)
            parts_of = sorted(same.values())
        else:
            parts_of = [members]
        for part in parts_of:
            parts = -(-len(part) // GROUP_LIMIT)
            size = -(-len(part) // parts)
            for i in range(0, len(part), size):
                out.append(part[i:i + size])
    return out


def thresholds(bounds, groups, excess, slack):
    """Per request, the most it can cost in a schedule within floors + slack: its floor plus the
    slack less what the other groups are proven to cost above their floors."""
    total = sum(excess)
    out = [b.floor + slack for b in bounds]
    for g, members in enumerate(groups):
        for r in members:
            out[r] -= total - excess[g]
    return out


def group_bound(inst, bounds, members, seconds, solve_round, note):
    """A proven lower bound on the group's total cost, by rounds of slack over its floors (as for
    the whole instance): the optimum when a round is solved to optimality, else the last refuted
    round + STEP, or CP-SAT's bound if higher; with the rows of the group's best schedule found
    (None if none). `solve_round(subset, narrowed, ceiling, seconds)` returns (status name,
    objective, best bound, rows), the last three None when nothing was found."""
    started = time.monotonic()
    floor = sum(bounds[r].floor for r in members)
    bound, status, slack, rows = floor, "UNKNOWN", 0, None
    while True:
        left = seconds - (time.monotonic() - started)
        if left < 1:
            break
        narrowed = [bounds[r].narrow(bounds[r].floor + slack) if r in members else None
                    for r in range(len(bounds))]
        status, objective, best, rows = solve_round(set(members), narrowed, floor + slack, left)
        if status == "INFEASIBLE":
            bound = floor + slack + STEP
            slack = 2 * slack + 2 * STEP if slack else 2 * STEP
            continue
        if status == "OPTIMAL":
            bound = objective
        elif best is not None:
            bound = max(bound, best)
        break
    note(f"group of {len(members)} (requests {members[0]}..{members[-1]}): floors {floor}, "
         f"bound {bound} ({status} at slack {slack}, {time.monotonic() - started:.1f} s)")
    return {"requests": members, "floors": floor, "bound": bound, "status": status, "slack": slack,
            "rows": rows}
