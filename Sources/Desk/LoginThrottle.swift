import Foundation
import NIOConcurrencyHelpers

/// Failed sign-ins counted per account and per client address over a sliding window: past the
/// limit, sign-in is refused (even with the right password) until the window has moved on.
///
/// Kept in memory: one desk process serves the centre, and a restart forgetting the counts only
/// gives a guesser back a few tries.
final class LoginThrottle: Sendable {
    struct Limits: Sendable {
        var perAccount: Int
        var perAddress: Int
        var window: TimeInterval
    }

    private let limits: Limits
    private let clock: @Sendable () -> Date
    private let failures = NIOLockedValueBox<[String: [Date]]>([:])

    init(limits: Limits, clock: @escaping @Sendable () -> Date) {
        self.limits = limits
        self.clock = clock
    }

    /// Whether a sign-in for `account` from `address` may be tried now.
    func allows(account: String, address: String) -> Bool {
        let now = clock()
        return failures.withLockedValue { table in
            Self.recent(&table, "a:" + account.lowercased(), now, limits.window) < limits.perAccount
                && Self.recent(&table, "ip:" + address, now, limits.window) < limits.perAddress
        }
    }

    /// Counts one failure against both the account and the address.
    func recordFailure(account: String, address: String) {
        let now = clock()
        failures.withLockedValue { table in
            table["a:" + account.lowercased(), default: []].append(now)
            table["ip:" + address, default: []].append(now)
            if table.count > 10_000 {
                table = table.filter { $0.value.contains { now.timeIntervalSince($0) < limits.window } }
            }
        }
    }

    /// A successful sign-in clears the account's count (not the address's).
    func recordSuccess(account: String) {
        failures.withLockedValue { table in table["a:" + account.lowercased()] = nil }
    }

    private static func recent(
        _ table: inout [String: [Date]], _ key: String, _ now: Date, _ window: TimeInterval
    ) -> Int {
        guard let times = table[key] else { return 0 }
        let kept = times.filter { now.timeIntervalSince($0) < window }
        table[key] = kept.isEmpty ? nil : kept
        return kept.count
    }
}
