import Booking
import CareModel
import Foundation
import PathwayEngine
import Store

/// A secretary's everyday changes, timed one by one on a centre as it is: a cancellation by the
/// patient with its replacement booked inside the series, `move --auto`, and a no-show with its
/// replacement. Each is what the desk or the CLI does for one click (read the snapshot, plan,
/// commit), so its time is the answer time a secretary waits for (target: under 100 ms).
///
/// It changes the store it is given: run it on a copy (`parcours bench everyday` does).
public struct EverydayBenchmark {
    public struct Operation: Encodable, Sendable {
        public var name: String
        public var samples: Int
        /// Refused (no slot for the replacement, no other time): timed all the same, since the
        /// secretary waits for a refusal too.
        public var refused: Int
        public var p50Milliseconds: Double
        public var p99Milliseconds: Double
        public var maxMilliseconds: Double
        /// CPU time of this thread for the same operations: on a shared, loaded machine the wall
        /// time mostly measures the queue for a core, this what the operation itself costs.
        public var cpuP50Milliseconds: Double
        public var cpuP99Milliseconds: Double
    }

    public struct Figures: Encodable, Sendable {
        public var patients: Int
        public var sessionsStored: Int
        public var today: String
        public var operations: [Operation]
    }

    public let store: ParcoursStore
    public let catalog: TrackCatalog
    public let today: LocalDate
    public let samples: Int
    public let seed: UInt64
    let zone = ClinicTimeZone.paris
    static let actor = Actor(name: "bench everyday")

    public init(store: ParcoursStore, catalog: TrackCatalog, today: LocalDate, samples: Int, seed: UInt64) {
        self.store = store
        self.catalog = catalog
        self.today = today
        self.samples = samples
        self.seed = seed
    }

    /// Draws `samples` booked individual sessions ahead of `today` for each operation (distinct
    /// sessions, by seed) and times each operation on its own.
    public func run() throws -> Figures {
        var random = SeededGenerator(seed: seed)
        guard let from = zone.instant(on: today.adding(days: 1), at: .midnight) else {
            throw BenchmarkError("no midnight on \(today)")
        }
        let ahead = try store.activeAppointments(from: from, to: from.addingTimeInterval(366 * 86_400))
            .filter { $0.status == .booked && $0.cohort == nil && $0.start >= from }
            .shuffled(using: &random)
        guard ahead.count >= 3 * samples else {
            throw BenchmarkError(
                "\(ahead.count) booked sessions ahead of \(today.iso); need \(3 * samples) for --samples \(samples)")
        }
        let noon = zone.instant(on: today, at: LocalTime(hour: 12) ?? .midnight)
        let service = BookingService(
            store: store, catalog: catalog, actor: Self.actor, snapshots: SnapshotBuilder(notBefore: noon),
            ids: .seeded(seed))
        var operations: [Operation] = []
        operations.append(
            time("cancel with replacement", Array(ahead[0..<samples])) { session in
                _ = try service.cancel(session.id, by: .patient, reason: "unwell", today: today)
                try rebook(session, service: service)
            })
        operations.append(
            time("move --auto", Array(ahead[samples..<(2 * samples)])) { session in
                _ = try service.move(session.id, to: .auto, today: today)
            })
        operations.append(
            time("no-show with replacement", Array(ahead[(2 * samples)..<(3 * samples)])) { session in
                _ = try service.noShow(session.id, at: session.start)
                try rebook(session, service: service)
            })
        return Figures(
            patients: try store.patients().count,
            sessionsStored: try store.appointments(
                from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 4_102_444_800)
            ).count,
            today: today.iso, operations: operations)
    }

    /// The replacement booked as the secretary confirms the proposal: the next session of the series.
    func rebook(_ session: Appointment, service: BookingService) throws {
        var secretary = service
        secretary.snapshots.notBefore = max(session.end, service.snapshots.notBefore ?? session.end)
        _ = try secretary.book(.init(patient: session.patient, scope: .next), today: today)
    }

    func time(_ name: String, _ sessions: [Appointment], _ body: (Appointment) throws -> Void) -> Operation {
        var milliseconds: [Double] = []
        var cpu: [Double] = []
        var refused = 0
        for session in sessions {
            let before = Self.threadCPUMilliseconds()
            let (ok, seconds) = Measure.seconds { () -> Bool in (try? body(session)) != nil }
            cpu.append(Self.threadCPUMilliseconds() - before)
            if !ok { refused += 1 }
            milliseconds.append(seconds * 1000)
        }
        let round = { (value: Double) in (value * 10).rounded() / 10 }
        return Operation(
            name: name, samples: sessions.count, refused: refused,
            p50Milliseconds: round(Measure.percentile(milliseconds, 50)),
            p99Milliseconds: round(Measure.percentile(milliseconds, 99)),
            maxMilliseconds: round(milliseconds.max() ?? 0),
            cpuP50Milliseconds: round(Measure.percentile(cpu, 50)),
            cpuP99Milliseconds: round(Measure.percentile(cpu, 99)))
    }

    /// CPU time used by the calling thread so far, in milliseconds.
    static func threadCPUMilliseconds() -> Double {
        var time = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return 0 }
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
    }
}
