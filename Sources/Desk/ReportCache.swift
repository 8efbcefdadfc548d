import CareModel
import Foundation
import NIOConcurrencyHelpers
import Reports

/// The reports' figures, computed ahead of the coordinators who ask for them: the capacity report
/// plans the first free intake of every track, the slowest thing a page of the desk does (two
/// seconds with twenty coordinators waiting on 10,000 patients), so no request should wait for it
/// once the server is warm.
///
/// Each key (report, choices, day) keeps its newest figures with the database's change counter
/// (`PRAGMA data_version`, ``Store/DatabaseChangeWatch``) read before they were computed. The rules:
/// - figures computed at the current counter and less than ``lifetime`` ago are served;
/// - once the counter has moved, the previous figures are served only while their replacement is
///   being computed (a request starts it if nothing has), and never past ``lifetime``;
/// - without usable figures a request waits for the one computation of its key (twenty
///   coordinators arriving together share it);
/// - a failed computation is not kept: the next request or refresh tries again;
/// - ``refresh(now:version:)``, called every second by ``Desk/keepReportsWarm()``, recomputes every
///   key asked for in the last ``keptWarm`` whose figures are behind the counter or near the end
///   of their lifetime, one computation per key at a time.
final class ReportCache: Sendable {
    /// How long figures may be served at all (the page says when they were computed).
    static let lifetime: TimeInterval = 60
    /// Figures this close to ``lifetime`` are recomputed in the background.
    static let refreshBefore: TimeInterval = 15
    /// A key nobody asked for in this long is no longer refreshed (nor kept once expired).
    static let keptWarm: TimeInterval = 600

    /// Finished figures and the counter and time they were computed at.
    struct Ready<Report: Sendable>: Sendable {
        var report: Report
        var version: Int64
        var computed: Date
    }

    /// A computation under way.
    struct Pending<Report: Sendable>: Sendable {
        var id: UInt64
        var version: Int64
        var started: Date
        var task: Task<(Report, Date), any Error>
    }

    struct Slot<Report: Sendable>: Sendable {
        var ready: Ready<Report>?
        var pending: Pending<Report>?
        var asked: Date
        var make: @Sendable () async throws -> Report
    }

    /// One store of slots per report type.
    final class Slots<Report: Sendable>: Sendable {
        let box = NIOLockedValueBox<(next: UInt64, slots: [String: Slot<Report>])>((0, [:]))
    }

    private let completions = Slots<CompletionReport>()
    private let capacities = Slots<CapacityReport>()

    /// The completion figures for `key` under the rules above, and when they were computed.
    func completion(
        _ key: String, now: Date, version: Int64, make: @escaping @Sendable () async throws -> CompletionReport
    ) async throws -> (CompletionReport, Date) {
        try await Self.value(key, now: now, version: version, in: completions, make: make)
    }

    /// The capacity figures for `key`, as ``completion(_:now:version:make:)``.
    func capacity(
        _ key: String, now: Date, version: Int64, make: @escaping @Sendable () async throws -> CapacityReport
    ) async throws -> (CapacityReport, Date) {
        try await Self.value(key, now: now, version: version, in: capacities, make: make)
    }

    /// Starts computing `key`'s completion figures if they are missing or due, without waiting:
    /// how `serve` warms the default page before anyone asks.
    func prefetchCompletion(
        _ key: String, now: Date, version: Int64, make: @escaping @Sendable () async throws -> CompletionReport
    ) {
        Self.prefetch(key, now: now, version: version, in: completions, make: make)
    }

    /// As ``prefetchCompletion(_:now:version:make:)``, for capacity figures.
    func prefetchCapacity(
        _ key: String, now: Date, version: Int64, make: @escaping @Sendable () async throws -> CapacityReport
    ) {
        Self.prefetch(key, now: now, version: version, in: capacities, make: make)
    }

    /// Recomputes, in the background, every key asked for lately whose figures are behind
    /// `version` or near the end of their lifetime; forgets keys nobody asks for any more.
    func refresh(now: Date, version: Int64) {
        Self.refresh(now: now, version: version, in: completions)
        Self.refresh(now: now, version: version, in: capacities)
    }

    /// Whether `key` has figures that a request at `now` and `version` would be served at once,
    /// computed at that very counter (tests: the server is warm).
    func isCurrent(_ key: String, now: Date, version: Int64) -> Bool {
        func current<R>(_ slots: Slots<R>) -> Bool {
            slots.box.withLockedValue { state in
                state.slots[key]?.ready.map {
                    $0.version == version && now.timeIntervalSince($0.computed) < Self.lifetime
                }
                    ?? false
            }
        }
        return current(completions) || current(capacities)
    }

    /// Waits until no computation is under way (tests, to see a background refresh land).
    func settle() async {
        func tasks<R>(_ slots: Slots<R>) -> [Task<(R, Date), any Error>] {
            slots.box.withLockedValue { $0.slots.values.compactMap(\.pending?.task) }
        }
        while true {
            let waiting = tasks(completions).count + tasks(capacities).count
            if waiting == 0 { return }
            for task in tasks(completions) { _ = try? await task.value }
            for task in tasks(capacities) { _ = try? await task.value }
        }
    }

    private static func value<Report: Sendable>(
        _ key: String, now: Date, version: Int64, in slots: Slots<Report>,
        make: @escaping @Sendable () async throws -> Report
    ) async throws -> (Report, Date) {
        // Either figures to serve at once or the computation to wait for.
        typealias Answer = (ready: (Report, Date)?, wait: Task<(Report, Date), any Error>?)
        let answer: Answer = slots.box.withLockedValue { state in
            var slot = state.slots[key] ?? Slot(ready: nil, pending: nil, asked: now, make: make)
            slot.asked = now
            slot.make = make
            defer { state.slots[key] = slot }
            if let ready = slot.ready, now.timeIntervalSince(ready.computed) < lifetime {
                if ready.version == version { return ((ready.report, ready.computed), nil) }
                // Behind the counter: served only while its replacement is computed.
                if slot.pending == nil {
                    slot.pending = start(key, version: version, now: now, make: make, in: slots, state: &state.next)
                }
                return ((ready.report, ready.computed), nil)
            }
            if let pending = slot.pending, pending.version == version { return (nil, pending.task) }
            let pending = start(key, version: version, now: now, make: make, in: slots, state: &state.next)
            slot.pending = pending
            return (nil, pending.task)
        }
        if let ready = answer.ready { return ready }
        guard let task = answer.wait else { throw CancellationError() }
        return try await task.value
    }

    private static func prefetch<Report: Sendable>(
        _ key: String, now: Date, version: Int64, in slots: Slots<Report>,
        make: @escaping @Sendable () async throws -> Report
    ) {
        slots.box.withLockedValue { state in
            var slot = state.slots[key] ?? Slot(ready: nil, pending: nil, asked: now, make: make)
            slot.asked = now
            slot.make = make
            if slot.pending == nil, isDue(slot.ready, now: now, version: version) {
                slot.pending = start(key, version: version, now: now, make: make, in: slots, state: &state.next)
            }
            state.slots[key] = slot
        }
    }

    private static func refresh<Report: Sendable>(now: Date, version: Int64, in slots: Slots<Report>) {
        slots.box.withLockedValue { state in
            for (key, var slot) in state.slots {
                if now.timeIntervalSince(slot.asked) >= keptWarm {
                    let expired = slot.ready.map { now.timeIntervalSince($0.computed) >= lifetime } ?? true
                    if slot.pending == nil, expired { state.slots[key] = nil }
                    continue
                }
                guard slot.pending == nil, isDue(slot.ready, now: now, version: version) else { continue }
                slot.pending = start(key, version: version, now: now, make: slot.make, in: slots, state: &state.next)
                state.slots[key] = slot
            }
        }
    }

    /// Figures are due for recomputing when missing, behind the counter, or near their end.
    private static func isDue<Report>(_ ready: Ready<Report>?, now: Date, version: Int64) -> Bool {
        guard let ready else { return true }
        return ready.version != version || now.timeIntervalSince(ready.computed) >= lifetime - refreshBefore
    }

    /// A computation of `key` at `version`; on success its figures replace older ones, on
    /// failure nothing is kept. Called under the lock, which the task takes only when it ends.
    private static func start<Report: Sendable>(
        _ key: String, version: Int64, now: Date, make: @escaping @Sendable () async throws -> Report,
        in slots: Slots<Report>, state next: inout UInt64
    ) -> Pending<Report> {
        next += 1
        let id = next
        let task = Task<(Report, Date), any Error> {
            do {
                let report = try await make()
                slots.box.withLockedValue { state in
                    guard var slot = state.slots[key] else { return }
                    if slot.pending?.id == id { slot.pending = nil }
                    if slot.ready.map({ $0.version <= version && $0.computed <= now }) ?? true {
                        slot.ready = Ready(report: report, version: version, computed: now)
                    }
                    state.slots[key] = slot
                }
                return (report, now)
            } catch {
                // A failure is not kept: the next request or refresh tries again.
                slots.box.withLockedValue { state in
                    if state.slots[key]?.pending?.id == id { state.slots[key]?.pending = nil }
                }
                throw error
            }
        }
        return Pending(id: id, version: version, started: now, task: task)
    }
}
