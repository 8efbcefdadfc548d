/// A value typed by a person that does not fit the model.
public enum CareModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `field` got `value`, which is not what was `expected`.
    case invalidValue(field: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .invalidValue(field, value, expected):
            "\(field): '\(value)' is not valid; expected \(expected)"
        }
    }
}
