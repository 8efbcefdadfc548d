import CareModel
import PathwayEngine

extension SessionPlanner {
    /// The sessions lost (cancelled or missed) that are not to be booked again, by the track's
    /// `missed-sessions` rules: a no-show when the track counts them, and any loss once the
    /// pathway has used its `max-replacements` (the earliest in the track's order are replaced
    /// first). The first step (the intake) is always replaced.
    ///
    /// - Parameters:
    ///   - taken: the sessions booked or held.
    ///   - lost: the sessions cancelled or missed, of the same enrolment.
    static func notReplaced(track: Track, taken: [Appointment], lost: [Appointment]) -> Set<StepOccurrence> {
        guard !lost.isEmpty else { return [] }
        let rules = track.missedSessions ?? .standard
        let key = { (a: Appointment) in StepOccurrence(step: a.step, occurrence: a.occurrence) }
        let everything = taken + lost
        // A loss already made good: a later try of the same session exists.
        var used = lost.filter { loss in everything.contains { key($0) == key(loss) && $0.start > loss.start } }.count
        let takenKeys = Set(taken.map(key))
        let rank = order(track)
        let waiting = Dictionary(grouping: lost.filter { !takenKeys.contains(key($0)) }, by: key)
        var skipped: Set<StepOccurrence> = []
        // The intake (the first step) is always replaced: nothing else may be held before it.
        let first = track.steps.first { $0.required && $0.kind != .referralOut }?.id
        for (missing, losses) in waiting.sorted(by: {
            rank($0.key.step, $0.key.occurrence) < rank($1.key.step, $1.key.occurrence)
        })
        where missing.step != first {
            let latest = losses.max { $0.start < $1.start }
            if rules.noShow == .count, latest?.status == .noShow {
                skipped.insert(missing)
                continue
            }
            if let most = rules.maxReplacements {
                if used >= most {
                    skipped.insert(missing)
                    continue
                }
                used += 1
            }
        }
        return skipped
    }
}
