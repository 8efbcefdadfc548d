import CareModel

/// One thing wrong in a track file, located precisely enough for a coordinator to fix it.
///
/// Reads as `Pathways/x.yaml:12:5: steps[1].spacing: min-days 20 is above max-days 14; expected
/// min-days <= max-days`. Line and column count from 1; 0 means the problem has no position
/// (an unreadable file, say).
public struct PathwayProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// Where in the track, as a path: `steps[2].spacing.min-days` (steps counted from 1). Empty
    /// when the problem is about the whole file.
    public var field: String
    public var message: String

    public init(file: String, line: Int, column: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = file
        if line > 0 { text += ":\(line)" + (column > 0 ? ":\(column)" : "") }
        text += ": "
        if !field.isEmpty { text += field + ": " }
        return text + message
    }
}

/// Everything the pathway engine can refuse, each with a message a coordinator or secretary can act on.
public enum PathwayError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One or more track files are wrong; nothing was loaded.
    case invalidTracks([PathwayProblem])
    /// The event is not allowed in the enrolment's current state.
    case illegalTransition(from: EnrolmentState, event: EnrolmentEventKind)
    /// A session or event named a step the track does not have.
    case unknownStep(StepID, track: TrackID)

    public var description: String {
        switch self {
        case let .invalidTracks(problems):
            let files = Set(problems.map(\.file)).count
            let head =
                "\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(files) track file\(files == 1 ? "" : "s"); no track was loaded:"
            return ([head] + problems.map { "  " + $0.description }).joined(separator: "\n")
        case let .illegalTransition(from, event):
            return "cannot \(event.label): enrolment is \(from.label)" + Self.hint(from: from, event: event)
        case let .unknownStep(step, track):
            return "step '\(step)' is not part of track '\(track)'; expected one of the step ids in its Pathways file"
        }
    }

    private static func hint(from: EnrolmentState, event: EnrolmentEventKind) -> String {
        switch (from, event) {
        case (.droppedOut, _), (.referredOut, _):
            "; to take the patient back, start a new enrolment"
        case (.completed, .sessionAttended):
            "; only the follow-up can be recorded after completion"
        case (.referred, .sessionAttended), (.referred, .referralNoted):
            "; enrol the patient on a track first"
        case (.enrolled, .enrol), (.inTreatment, .enrol):
            "; the patient is already on a track"
        case (.enrolled, .followUpAttended), (.inTreatment, .followUpAttended):
            "; the follow-up comes after the closing assessment"
        default:
            ""
        }
    }
}
