import CareModel
import ScheduleCheck
import Scheduler

/// The parts of a scheduler's explanation and of a checker's rule lines as plain values, so a
/// front end can say them in its user's language instead of showing the English sentences
/// (``Explanation/description``, the checker's details) that the CLI prints.
extension Explanation {
    /// `why.binding` (the binding ``Constraint`` raw values, comma-separated, most binding
    /// first), `why.step`, `why.occurrence`, `why.from`, `why.to`, `why.horizon`, `why.earliest`
    /// (ISO days; empty when no day would work) and `why.resources` (ids, at most six).
    public var values: [String: String] {
        [
            "why.binding": binding.map(\.rawValue).joined(separator: ","), "why.step": step.rawValue,
            "why.occurrence": String(occurrence), "why.from": searchedFrom.iso, "why.to": searchedTo.iso,
            "why.horizon": horizonEnd.iso, "why.earliest": earliestWorkable?.iso ?? "",
            "why.resources": resources.prefix(6).map(\.id).joined(separator: ", "),
        ]
    }
}

/// What kind of rule one line of ``BookingService/ruleBreaks(moving:to:today:)`` names.
public enum RuleLine {
    /// A ``ViolationKind`` raw value for the checker's lines (`room-absent: …`), else the kind of
    /// the series and time checks made beside it: `in-the-past`, `out-of-order`,
    /// `spacing-too-short`, `spacing-too-long`; `other` for a line of neither.
    public static func kind(of line: String) -> String {
        if let colon = line.firstIndex(of: ":"), let kind = ViolationKind(rawValue: String(line[..<colon])) {
            return kind.rawValue
        }
        if line.hasSuffix(" is in the past") { return "in-the-past" }
        if line.contains("a series keeps its order") { return "out-of-order" }
        if line.contains(" day(s) after it, at least ") { return ViolationKind.spacingTooShort.rawValue }
        if line.contains(" day(s) after it, at most ") { return ViolationKind.spacingTooLong.rawValue }
        return "other"
    }

    /// The kinds of `lines`, each once, in their first order, comma-separated.
    static func kinds(_ lines: [String]) -> String {
        var seen: Set<String> = []
        return lines.map(kind(of:)).filter { seen.insert($0).inserted }.joined(separator: ",")
    }
}

extension BookingService {
    /// The explanation's values of a search that failed (``Explanation/values``); none for
    /// another error.
    static func explanationValues(_ error: any Error) -> [String: String] {
        switch error {
        case let BookingError.noSlot(_, explanation): explanation.values
        case let explanation as Explanation: explanation.values
        default: [:]
        }
    }
}
