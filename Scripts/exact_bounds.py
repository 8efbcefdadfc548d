"""What the exact reference's bounds add to its CP-SAT model (Scripts/exact_model.py): redundant
constraints, each a consequence of a proof, never a cut of a schedule that could be optimal.

- Group cuts: `sum of a group's costs >= its proven bound` (exact_groups.py says why it holds).
- Cost levels: a narrowed session placed at a start raises its request's cost to the least the
  request's programme (exact_floors.py) proved through that start.
- Pooled capacity: the rooms, the interpreters of a language and a small set of clinicians seen
  as one pool of that many (a cumulative), which the per-resource no-overlaps imply.
"""

from ortools.sat.python import cp_model


def add_bounds(model, costs, cuts, levels):
    """`costs`: {request: cost variable}; `cuts`: (requests, bound); `levels`: (request,
    presence, start, {start: least cost of the request with the session there})."""
    for members, least in cuts:
        if all(r in costs for r in members):
            model.Add(sum(costs[r] for r in members) >= least)
    for r, p, start, least in levels:
        if r in costs:
            cost_levels(model, costs[r], p, start, least)


def cost_levels(model, cost, p, start, least):
    """Cost levels of one narrowed session: `least[a]` is the least its request can cost alone
    with this session starting at a (exact_floors.RequestBound.narrow: every term but room
    changes, the others left out), so in any schedule where the session is booked at a, the
    request's cost is at least least[a]. For each value v above the lowest, a literal b_v:
    booked outside the starts of least < v implies b_v, and b_v implies cost >= v. A proof, not a
    cut of schedules: it only states what the programme proved of every schedule through a. Why:
    the floors are constants, so CP-SAT never raised a request's bound as its sessions were
    placed; with the levels, placing one session raises its request's cost, and the round's
    ceiling then narrows the others' starts at once."""
    values = sorted(set(least.values()))
    before = None
    for v in values[1:]:
        below = sorted(a for a, w in least.items() if w < v)
        b = model.NewBoolVar("")
        model.AddLinearExpressionInDomain(start, cp_model.Domain.FromValues(below)).OnlyEnforceIf([p, b.Not()])
        model.Add(cost >= v).OnlyEnforceIf(b)
        if before is not None:
            model.AddImplication(b, before)  # a higher level implies the lower ones
        before = b


def add_capacity(model, inst, pooled):
    """Redundant cumulatives: at any time at most as many sessions as rooms (each booked session
    holds one room), as interpreters who speak a language (each interpreted session of a patient
    of that language holds one of them; also per set of languages that share interpreters), and,
    for each set Q of 2-3 clinicians that is some session's whole choice, |Q| among the sessions
    whose choice lies inside Q. Each follows from the per-resource no-overlaps (a cumulative that
    leaves items out, such as existing sessions, is only weaker), so it cuts no schedule. Why:
    CP-SAT's no-overlaps on optional alternatives do not see the pool; a cumulative reasons on
    its load."""

    def cumulative(items, capacity):
        if len(items) > capacity > 0:
            ivs = [model.NewOptionalFixedSizeIntervalVar(s, m, lit, "") for s, m, lit in items]
            model.AddCumulative(ivs, [1] * len(ivs), capacity)

    rooms = [m for m in inst.rooms if m["capacity"] >= 2]
    cumulative([(s, m, p) for s, m, p, _, _, _ in pooled], len(rooms))
    interpreted = [(s, m, need, lang) for s, m, _, _, need, lang in pooled if need is not None]
    pools = []  # (languages, interpreters): one per language, and per set sharing interpreters
    for lang in sorted({lang for *_, lang in interpreted}):
        pools.append(({lang}, {i["id"] for i in inst.interpreters if lang in i["languages"]}))
    merged = []
    for langs, ids in pools:
        for other in [m for m in merged if m[1] & ids]:
            merged.remove(other)
            langs, ids = langs | other[0], ids | other[1]
        merged.append((langs, ids))
    for langs, ids in pools + [m for m in merged if m not in pools]:
        cumulative([(s, m, need) for s, m, need, lang in interpreted if lang in langs], len(ids))
    for choice in sorted({q for _, _, _, q, _, _ in pooled if 2 <= len(q) <= 3}, key=sorted):
        cumulative([(s, m, p) for s, m, p, q, _, _ in pooled if q and q <= choice], len(choice))
