import CareModel
import Foundation
import NIOConcurrencyHelpers
import Reports

/// The reports' figures kept for a minute, so that a coordinator paging through *Rapports* and
/// its CSV downloads (or twenty of them at once) does not recompute the whole centre each time:
/// the capacity report plans the first free intake of every track, which is the slowest thing a
/// page of the desk does. The page says when its figures were computed.
final class ReportCache: Sendable {
    /// How long figures are served before being computed again.
    static let lifetime: TimeInterval = 60

    struct Entry: Sendable {
        var computed: Date
        var completion: CompletionReport?
        var capacity: CapacityReport?
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    /// The figures for `key` computed at most ``lifetime`` ago, else `make()`'s, kept.
    func completion(
        _ key: String, now: Date, make: () async throws -> CompletionReport
    ) async throws -> (CompletionReport, Date) {
        if let entry = fresh(key, now: now), let report = entry.completion { return (report, entry.computed) }
        let report = try await make()
        entries.withLockedValue { $0[key] = Entry(computed: now, completion: report) }
        return (report, now)
    }

    /// The capacity figures for `key`, as ``completion(_:now:make:)``.
    func capacity(_ key: String, now: Date, make: () throws -> CapacityReport) throws -> (CapacityReport, Date) {
        if let entry = fresh(key, now: now), let report = entry.capacity { return (report, entry.computed) }
        let report = try make()
        entries.withLockedValue { $0[key] = Entry(computed: now, capacity: report) }
        return (report, now)
    }

    private func fresh(_ key: String, now: Date) -> Entry? {
        entries.withLockedValue { entries in
            entries = entries.filter { now.timeIntervalSince($0.value.computed) < Self.lifetime }
            return entries[key]
        }
    }
}
