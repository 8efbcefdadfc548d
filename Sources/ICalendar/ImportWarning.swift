/// Something in an imported file that was skipped or read by a documented rule, not refused.
///
/// Real exports carry much that cannot matter to an absence or a closed day (an empty
/// `DESCRIPTION:`, a Confluence `X-` property, an RFC 9253 `RELATED-TO;VALUE=UID`): refusing the
/// file for it would only stop the secretary, so it is skipped and said, with its line.
public struct ImportWarning: Hashable, Sendable, CustomStringConvertible {
    /// Why, in a few words a secretary can group by ("empty value", "unknown parameter").
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case emptyValue = "empty value"
        case unreadableProperty = "unreadable property"
        case unknownProperty = "unknown property"
        case unknownParameter = "unknown parameter"
        case springForwardGap = "time in the spring-forward gap"
        case sameDayEnd = "whole-day event ending on the day it starts"
        case endBeforeStart = "end before start"
        case mixedDateKinds = "whole day and date-time mixed"
        /// A repeat rule whose UNTIL is before DTSTART (it gives no date), or whose invalid COUNT
        /// was dropped beside a valid UNTIL.
        case ruleRepaired = "repeat rule read with a documented repair"
        case zoneNameMismatch = "time zone named differently from its definition"
        case mismatchedEnd = "misspelt END"
        case ruleInMovedOccurrence = "repeat rule inside a moved occurrence"
        /// An earlier revision (lower SEQUENCE) of an event the file also holds, or a moved
        /// occurrence that names no occurrence of its series.
        case outdatedCopy = "outdated copy"

        /// Whether the file was read by a documented rule here (a time moved out of the gap, an
        /// end read the other way round), as opposed to something skipped that cannot matter.
        var isReading: Bool {
            switch self {
            case .springForwardGap, .sameDayEnd, .endBeforeStart, .mixedDateKinds, .ruleRepaired, .zoneNameMismatch,
                .mismatchedEnd:
                true
            case .emptyValue, .unreadableProperty, .unknownProperty, .unknownParameter, .ruleInMovedOccurrence,
                .outdatedCopy:
                false
            }
        }
    }

    public var line: Int
    /// The property concerned, e.g. `DESCRIPTION`, or the component (`VEVENT`).
    public var property: String
    public var kind: Kind
    /// What was done about it, e.g. "skipped" or "read as 03:30, the time after the gap".
    public var detail: String

    public init(line: Int, property: String, kind: Kind, detail: String) {
        self.line = line
        self.property = property
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "line \(line): \(property): \(kind.rawValue); \(detail)" }
}

/// What reading one file gave: the occurrences, and what was skipped or adjusted on the way.
public struct CalendarReading: Sendable, Hashable {
    /// Every occurrence overlapping the period, cancelled ones included (they carry `isCancelled`).
    public var events: [ImportedEvent]
    public var warnings: [ImportWarning]

    public init(events: [ImportedEvent], warnings: [ImportWarning]) {
        self.events = events
        self.warnings = warnings
    }
}

/// Collects warnings while libical pointers are walked; lives only for one import.
final class WarningLog {
    private(set) var items: [ImportWarning] = []
    private var seen: Set<ImportWarning> = []

    func add(_ line: Int, _ property: String, _ kind: ImportWarning.Kind, _ detail: String) {
        let warning = ImportWarning(line: line, property: property, kind: kind, detail: detail)
        if seen.insert(warning).inserted { items.append(warning) }
    }
}
