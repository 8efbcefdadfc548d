import Foundation

/// The person a change is recorded against in the audit log.
///
/// Every mutating Store method takes one, so that "who changed this booking" always has an
/// answer. The CLI passes `--as NAME`, or falls back to ``current()``.
public struct Actor: Hashable, Sendable, CustomStringConvertible {
    public var name: String

    public init(name: String) { self.name = name }

    /// The operating-system user running this process (`$USER`, else the account name).
    ///
    /// With neither, the name is empty and every change is refused with "pass --as NAME": an
    /// audit row signed "unknown" would answer nobody's question.
    public static func current() -> Actor {
        let environment = ProcessInfo.processInfo.environment
        if let user = environment["USER"]?.trimmingCharacters(in: .whitespaces), !user.isEmpty {
            return Actor(name: user)
        }
        return Actor(name: NSUserName().trimmingCharacters(in: .whitespaces))
    }

    public var description: String { name }
}
