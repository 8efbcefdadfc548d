/// Everything that can go wrong reading a solution or setting up a generated instance.
///
/// Each message names the file or argument and says what was expected, so the person running the
/// benchmark can fix the input without reading the code.
public enum ScheduleCheckError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `source` could not be read as a solution; `reason` is the decoder's words.
    case unreadableSolution(source: String, reason: String)
    /// `source` could not be read as a scheduling instance.
    case unreadableInstance(source: String, reason: String)
    /// A generator setting is out of range.
    case invalidConfig(field: String, value: String, expected: String)
    /// An instance that decodes but asks for something no schedule can give (a cap of 0).
    case invalidInstance(source: String, field: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .unreadableSolution(source, reason):
            "\(source): not a schedule solution (expected a JSON array of session rows, or an object with "
                + "'sessions' or 'proposals'; see docs/scheduling.md): \(reason)"
        case let .unreadableInstance(source, reason):
            "\(source): not a scheduling instance (see docs/scheduling.md for the format): \(reason)"
        case let .invalidConfig(field, value, expected):
            "\(field): '\(value)' is not valid; expected \(expected)"
        case let .invalidInstance(source, field, value, expected):
            "\(source): \(field) is '\(value)'; expected \(expected)"
        }
    }
}
