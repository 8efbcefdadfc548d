import Foundation

/// Template contexts without empty optionals.
///
/// Pages build their contexts as `[String: Any]`, where an absent value is naturally written
/// `optional as Any`. Mustache sees such a value as present (a section opens, `{{x}}` prints
/// "nil"), so every context is cleaned before rendering: an empty optional is removed, a full
/// one unwrapped, inside dictionaries and arrays at any depth.
enum TemplateValues {
    static func clean(_ context: [String: Any]) -> [String: Any] {
        context.compactMapValues(value)
    }

    /// `raw` unwrapped (nil when it is an empty optional), its dictionaries and arrays cleaned.
    static func value(_ raw: Any) -> Any? {
        if let optional = raw as? any OptionalValue {
            guard let wrapped = optional.wrapped else { return nil }
            return value(wrapped)
        }
        switch raw {
        case let dictionary as [String: Any]: return clean(dictionary)
        case let rows as [[String: Any]]: return rows.map(clean)
        case let items as [Any]: return items.compactMap(value)
        default: return raw
        }
    }
}

/// Any `Optional`, seen through `Any`.
private protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrapped: Any? { self.map { $0 as Any } }
}
