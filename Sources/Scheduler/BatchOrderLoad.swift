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
    /// One session's share of the load term: the clinician it is scored on, every clinician it
    /// occupies, its week (index into `PreparedProblem.weekLoad`, -1 outside) and minutes.
    struct LoadEntry {
        var clinician: Int
        var clinicians: [Int]
        var week: Int
        var minutes: Int
    }

    static func loadEntries(_ proposal: Proposal?, _ prepared: PreparedProblem) -> [LoadEntry] {
        guard let proposal else { return [] }
        return proposal.sessions.map { session in
            let start = PreparedProblem.minute(session.start)
            let end = PreparedProblem.minute(session.end, roundUp: true)
            let week = PreparedProblem.week(prepared.localDay(start)) - prepared.baseWeek
            let clinicians = session.clinicians.compactMap { prepared.clinicianIndex[$0] }
            return LoadEntry(
                clinician: clinicians.first ?? -1, clinicians: clinicians,
                week: (0..<prepared.weekCount).contains(week) ? week : -1, minutes: end - start)
        }
    }

    /// The weekly minutes booked before any request of the batch (the snapshot's own sessions).
    static func baseLoad(_ prepared: PreparedProblem, _ entries: [[LoadEntry]]) -> [Int] {
        var load = prepared.weekLoad
        for entry in entries.joined() where entry.week >= 0 {
            for c in entry.clinicians { load[c * prepared.weekCount + entry.week] -= entry.minutes }
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
            guard var proposal = current[i] else {
                total += cost[i]
                continue
            }
            var load = 0
            for entry in loads[i] {
                if entry.clinician >= 0 {
                    let weekly = prepared.clinicians[entry.clinician].weeklyMinutes
                    let booked = entry.week >= 0 ? minutes[entry.clinician * weekCount + entry.week] : 0
                    load += weekly > 0 ? min(booked * 100 / weekly, 100) : 100
                }
                if entry.week >= 0 {
                    for c in entry.clinicians { minutes[c * weekCount + entry.week] += entry.minutes }
                }
            }
            if load != proposal.objective.loadImbalance {
                proposal.score += (load - proposal.objective.loadImbalance) * weight
                proposal.objective.loadImbalance = load
                current[i] = proposal
                cost[i] = proposal.score
            }
            total += cost[i]
        }
        return total
    }
}
