import CareModel
import Foundation
import NIOConcurrencyHelpers
import Reports

/// The reports' figures kept for a minute, so that a coordinator paging through *Rapports* and
/// its CSV downloads (or twenty of them at once) does not recompute the whole centre each time:
/// the capacity report plans the first free intake of every track, which is the slowest thing a
/// page of the desk does. The page says when its figures were computed.
///
/// One computation per key at a time: requests that arrive while the figures are being computed
/// wait for that computation instead of each starting their own (`bench desk` had twenty
/// coordinators recompute the centre together at every expiry, the page's p99).
final class ReportCache: Sendable {
    /// How long figures are served before being computed again.
    static let lifetime: TimeInterval = 60

    /// Figures being computed or computed at `computed`.
    struct Entry<Report: Sendable>: Sendable {
        var computed: Date
        var task: Task<Report, any Error>
    }

    private let completions = NIOLockedValueBox<[String: Entry<CompletionReport>]>([:])
    private let capacities = NIOLockedValueBox<[String: Entry<CapacityReport>]>([:])

    /// The figures for `key` computed at most ``lifetime`` ago, else `make()`'s, kept.
    func completion(
        _ key: String, now: Date, make: @escaping @Sendable () async throws -> CompletionReport
    ) async throws -> (CompletionReport, Date) {
        try await Self.value(key, now: now, in: completions, make: make)
    }

    /// The capacity figures for `key`, as ``completion(_:now:make:)``.
    func capacity(
        _ key: String, now: Date, make: @escaping @Sendable () async throws -> CapacityReport
    ) async throws -> (CapacityReport, Date) {
        try await Self.value(key, now: now, in: capacities, make: make)
    }

    private static func value<Report: Sendable>(
        _ key: String, now: Date, in box: NIOLockedValueBox<[String: Entry<Report>]>,
        make: @escaping @Sendable () async throws -> Report
    ) async throws -> (Report, Date) {
        let entry = box.withLockedValue { entries in
            entries = entries.filter { now.timeIntervalSince($0.value.computed) < lifetime }
            if let entry = entries[key] { return entry }
            let entry = Entry(computed: now, task: Task { try await make() })
            entries[key] = entry
            return entry
        }
        do {
            return (try await entry.task.value, entry.computed)
        } catch {
            // A failure is not kept: the next request tries again.
            box.withLockedValue { entries in
                if entries[key]?.computed == entry.computed { entries[key] = nil }
            }
            throw error
        }
    }
}
