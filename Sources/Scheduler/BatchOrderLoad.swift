import CareModel

/// The load term of a schedule, whatever order the search put its series back in.
///
/// A session's load term is its clinician's weekly hours "already booked" when it is placed. The
/// greedy pass books in batch order, so there it means: booked by the requests before it in batch
/// order (and the series' own earlier sessions). A series the search takes out and puts back sees
/// every other series already booked, so the same schedule would score up to a few thousand more
/// for each series moved (12 sessions at 50 % more load cost 1,800, six regularity misses): the
/// search would refuse most moves for a reason that is an artefact of its own order. Rescoring
/// every proposal in batch order after each step makes the total a function of the schedule alone,
/// and the one the greedy pass would give it; the greedy pass's own proposals are unchanged by it
/// (pinned by `BatchOrderLoadTests`).
extension ImprovementSearch {
    /// One clinician's part in one session's load term: the clinician whose weekly load the
    /// session is scored on (-1 for a co-facilitator, who is only booked), the clinician whose
    /// minutes it books, its week (index into `PreparedProblem.weekLoad`, -1 outside) and
    /// minutes. Plain integers, so ``rescoreLoads()`` reads them without reference counting.
    struct LoadEntry {
        var scored: Int
        var booked: Int
        var week: Int
        var minutes: Int
    }

    static func loadEntries(_ proposal: Proposal?, _ prepared: PreparedProblem) -> [LoadEntry] {
        guard let proposal else { return [] }
        var entries: [LoadEntry] = []
        entries.reserveCapacity(proposal.sessions.count)
        for session in proposal.sessions {
            let start = PreparedProblem.minute(session.start)
            let end = PreparedProblem.minute(session.end, roundUp: true)
            let week = PreparedProblem.week(prepared.localDay(start)) - prepared.baseWeek
            let inside = (0..<prepared.weekCount).contains(week) ? week : -1
            let clinicians = session.clinicians.compactMap { prepared.clinicianIndex[$0] }
            // The session's load is read before any of its own minutes are added.
            if clinicians.isEmpty { entries.append(LoadEntry(scored: -1, booked: -1, week: inside, minutes: 0)) }
            for (k, c) in clinicians.enumerated() {
                entries.append(LoadEntry(scored: k == 0 ? c : -1, booked: c, week: inside, minutes: end - start))
            }
        }
        return entries
    }

    /// The weekly minutes booked before any request of the batch (the snapshot's own sessions).
    static func baseLoad(_ prepared: PreparedProblem, _ entries: [[LoadEntry]]) -> [Int] {
        var load = prepared.weekLoad
        for entry in entries.joined() where entry.week >= 0 && entry.booked >= 0 {
            load[entry.booked * prepared.weekCount + entry.week] -= entry.minutes
        }
        return load
    }

    /// Rescores every proposal's load term in batch order (see above), updating `current` and
    /// `cost`, and returns the new total.
    mutating func rescoreLoads() -> Int {
        var minutes = baseLoad
        let weekCount = prepared.weekCount
        let weight = prepared.weights.loadPercent
        var total = 0
        for i in requests.indices {
            guard let old = current[i]?.objective.loadImbalance else {
                total += cost[i]
                continue
            }
            var load = 0
            for entry in loads[i] {
                if entry.scored >= 0 {
                    let weekly = prepared.clinicians[entry.scored].weeklyMinutes
                    let booked = entry.week >= 0 ? minutes[entry.scored * weekCount + entry.week] : 0
                    load += weekly > 0 ? min(booked * 100 / weekly, 100) : 100
                }
                if entry.week >= 0, entry.booked >= 0 {
                    minutes[entry.booked * weekCount + entry.week] += entry.minutes
                }
            }
            if load != old, var proposal = current[i] {
                proposal.score += (load - old) * weight
                proposal.objective.loadImbalance = load
                current[i] = proposal
                cost[i] = proposal.score
            }
            total += cost[i]
        }
        return total
    }
}
