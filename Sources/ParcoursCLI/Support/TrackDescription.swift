import CareModel
import PathwayEngine

/// A care track as a coordinator reads it: the frame, then each step with its rules.
struct TrackDescription {
    let track: Track
    init(_ track: Track) { self.track = track }

    var text: String {
        var lines = ["\(track.id)  \(track.title)"]
        let e = track.eligibility
        lines.append("  modality     \(track.modality.rawValue)")
        lines.append(
            "  takes        \(e.categories.map(\.rawValue).joined(separator: ", ")), aged \(e.minAge)\(e.maxAge.map { "-\($0)" } ?? "+"); interpreter \(e.interpreter.rawValue)"
        )
        lines.append(
            "  budget       \(track.budget.sessions) sessions\(track.budget.isComputed ? " (sum of required steps)" : "")"
        )
        if let c = track.cohort {
            lines.append(
                "  cohort       \(c.minSize)-\(c.maxSize) patients, \(c.facilitators) facilitators, \(c.weekday.englishName)s at \(c.time)"
            )
        }
        if let source = track.source { lines.append("  file         \(source)") }
        lines.append("  steps")
        for (i, step) in track.steps.enumerated() {
            var head = "  \(i + 1). \(step.id): \(step.title) [\(step.kind.rawValue)]"
            if step.kind != .referralOut {
                head += " ×\(step.count.text)"
                if let d = step.duration { head += ", \(d) min" }
            }
            if !step.required { head += ", when needed" }
            lines.append(head)
            var rules: [String] = []
            if !step.roles.isEmpty { rules.append("by " + step.roles.map(\.rawValue).joined(separator: " or ")) }
            if !step.skills.isEmpty { rules.append("skills " + step.skills.map(\.rawValue).joined(separator: ", ")) }
            if !step.languages.isEmpty {
                rules.append("languages " + step.languages.map(\.rawValue).joined(separator: ", "))
            }
            if let c = step.continuity {
                rules.append(c == step.id ? "same clinician throughout" : "same clinician as \(c)")
            }
            if let s = step.spacing {
                switch (s.minDays, s.maxDays) {
                case let (a?, b?): rules.append("\(a)-\(b) days after the previous session")
                case let (a?, nil): rules.append("at least \(a) days after the previous session")
                case let (nil, b?): rules.append("within \(b) days of the previous session")
                case (nil, nil): break
                }
            }
            if let d = step.deadline { rules.append("within \(d.daysAfterReferral) days of referral") }
            if !step.measures.isEmpty { rules.append("measures " + step.measures.joined(separator: ", ")) }
            if !step.room.isEmpty { rules.append("room " + step.room.map(\.rawValue).joined(separator: ", ")) }
            if step.facilitators > 1 { rules.append("\(step.facilitators) facilitators") }
            if let p = step.partner { rules.append("partner \(p.rawValue)") }
            if !rules.isEmpty { lines.append("       " + rules.joined(separator: "; ")) }
        }
        return lines.joined(separator: "\n")
    }
}
