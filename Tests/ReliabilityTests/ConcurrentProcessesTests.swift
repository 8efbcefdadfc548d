import Booking
import CareModel
import Foundation
import ProcessTesting
import ScheduleCheck
import Store
import StoreTesting
import Testing

/// Several secretaries at once: separate `parcours` processes booking, moving and cancelling the
/// same sessions, clinicians, rooms and hours in one database file.
@Suite(.serialized) struct ConcurrentProcessesTests {
    /// One command a worker ran, and what it said it did.
    struct Operation: Sendable {
        enum Kind: String, Sendable { case book, move, cancel }
        var kind: Kind
        var arguments: [String]
        var result: ProcessResult
        /// Appointments the command reported, with the state it left them in.
        var effects: [(id: String, status: String, start: Date?)]
    }

    static let workers = 4
    static let operationsPerWorker = 10
    /// Weekday slots every mover aims at, so that moves collide.
    static let moveTargets = ["2026-12-08 10:00", "2026-12-08 14:00", "2026-12-09 10:00", "2026-12-10 14:00"]

    @Test(.disabled(if: ParcoursBinary.missing, ParcoursBinary.skipReason))
    func concurrentSecretariesNeverDoubleBookNorLoseABooking() async throws {
        let scratch = try ScratchDirectory()
        let db = scratch.path("stress.sqlite")
        try await DemoDatabase.build(at: db, patients: 40, in: scratch)
        // Every third patient waits again, so bookers compete for the same early slots.
        try DemoDatabase.putBackOnWaitingList(db) {
            $0.rawValue.unicodeScalars.reduce(0) { $0 + Int($1.value) } % 3 == 0
        }
        let (waiting, sessions) = try pools(db)
        try #require(
            waiting.count >= 4 && sessions.count >= 8, "the demo gave too few patients or sessions to contend for")

        let started = Date()
        let operations = try await withThrowingTaskGroup(of: [Operation].self) { group in
            for worker in 0..<Self.workers {
                group.addTask {
                    try await Self.work(
                        seed: UInt64(worker + 1), db: db, scratch: scratch, waiting: waiting, sessions: sessions)
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let seconds = Date().timeIntervalSince(started)

        // Every failure is a refusal (exit 3) explained in one line, never a crash or a busy database.
        let failures = operations.filter { $0.result.status != 0 }
        for failure in failures {
            #expect(
                failure.result.status == 3,
                "parcours \(failure.arguments.joined(separator: " ")) exited \(failure.result.status): \(failure.result.errors)"
            )
            #expect(
                failure.result.errors.hasPrefix("parcours: error: ") && !failure.result.errors.contains("locked"),
                "unclear refusal: \(failure.result.errors)")
        }

        let store = try ParcoursStore.open(at: db)
        for check in store.healthChecks() {
            #expect(check.isOK, "\(check.name): \(check.examples.joined(separator: " | "))")
        }
        let calendar = try SnapshotBuilder().storedCalendar(store: store)
        let report = IndependentChecker.check(problem: calendar.problem, sessions: calendar.sessions)
        for kind: ViolationKind in [
            .clinicianDoubleBooked, .roomDoubleBooked, .interpreterDoubleBooked, .patientDoubleBooked,
        ] {
            #expect(
                report.count(kind) == 0, "\(kind.rawValue): \(report.details.filter { $0.hasPrefix(kind.rawValue) })")
        }
        try expectNothingLost(operations, store: store)

        let conflicts = failures.filter { $0.result.errors.contains("conflict") }.count
        print(
            "stress: \(Self.workers) processes, \(operations.count) operations, \(operations.count - failures.count) succeeded, "
                + "\(conflicts) conflicts, \(failures.count - conflicts) other refusals, "
                + "\(operations.filter { $0.result.status != 0 && $0.result.status != 3 }.count) errors, "
                + String(format: "%.1f s", seconds))
    }

    /// Patients waiting for sessions and booked sessions, the shared targets of every worker.
    func pools(_ db: String) throws -> (waiting: [String], sessions: [String]) {
        let store = try ParcoursStore.open(at: db)
        let booked = try store.activeAppointments(
            from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 4_102_444_800)
        )
        .filter { $0.status == .booked && $0.cohort == nil }
        let bookedPatients = Set(booked.map(\.patient))
        let enrolled = try store.enrolments().filter { !$0.state.isTerminal }.map(\.patient)
        let waiting = enrolled.filter { !bookedPatients.contains($0) }.map(\.rawValue).sorted()
        // Early sessions of a few patients: the ones a busy week's moves and cancellations touch.
        let sessions = booked.sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }.prefix(16).map(
            \.id.rawValue)
        return (Array(waiting.prefix(8)), sessions)
    }

    /// One secretary: a seeded sequence of book, move and cancel commands, one process each.
    static func work(
        seed: UInt64, db: String, scratch: ScratchDirectory, waiting: [String], sessions: [String]
    )
        async throws -> [Operation]
    {
        var random = SeededGenerator(seed: seed)
        var done: [Operation] = []
        for _ in 0..<operationsPerWorker {
            let roll = Int.random(in: 0..<10, using: &random)
            let kind: Operation.Kind = roll < 4 ? .book : (roll < 8 ? .move : .cancel)
            var arguments: [String]
            switch kind {
            case .book:
                let patient = waiting[Int.random(in: 0..<waiting.count, using: &random)]
                arguments = ["book", patient, "--next", "--format", "json"]
            case .move:
                let session = sessions[Int.random(in: 0..<sessions.count, using: &random)]
                arguments = [
                    "move", session, "--to", moveTargets[Int.random(in: 0..<moveTargets.count, using: &random)],
                ]
            case .cancel:
                let session = sessions[Int.random(in: 0..<sessions.count, using: &random)]
                arguments = ["cancel", session, "--by", "centre", "--reason", "stress test"]
            }
            let result = try await parcours(arguments, db: db, in: scratch, actor: "worker-\(seed)")
            done.append(
                Operation(kind: kind, arguments: arguments, result: result, effects: effects(kind, arguments, result)))
        }
        return done
    }

    /// What a successful command says it left behind.
    static func effects(
        _ kind: Operation.Kind, _ arguments: [String], _ result: ProcessResult
    ) -> [(id: String, status: String, start: Date?)] {
        guard result.status == 0 else { return [] }
        switch kind {
        case .book:
            struct Row: Decodable {
                var id: String
                var start: Date
                var status: String
            }
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let rows = (try? decoder.decode([Row].self, from: Data(result.output.utf8))) ?? []
            return rows.map { ($0.id, $0.status, $0.start) }
        case .move:
            let parts = arguments[3].split(separator: " ")
            let start = LocalDate(parsing: String(parts[0])).flatMap { date in
                LocalTime(parsing: String(parts[1])).flatMap { ClinicTimeZone.paris.instant(on: date, at: $0) }
            }
            return [(arguments[1], "booked", start)]
        case .cancel:
            return [(arguments[1], "cancelled-by-centre", nil)]
        }
    }

    /// Every successful command's effect is in the database, unless a command that began after it
    /// ended changed the same session later.
    func expectNothingLost(_ operations: [Operation], store: ParcoursStore) throws {
        var bySession: [String: [(operation: Operation, status: String, start: Date?)]] = [:]
        for operation in operations {
            if operation.kind == .book, operation.result.status == 0 {
                #expect(
                    !operation.effects.isEmpty, "book succeeded without reporting a session: \(operation.result.output)"
                )
            }
            for effect in operation.effects {
                bySession[effect.id, default: []].append((operation, effect.status, effect.start))
            }
        }
        for (id, claims) in bySession {
            let stored = try #require(
                try store.appointment(AppointmentID(id)), "\(id) was reported done but is not in the database")
            // The last writer is one of the claims no other claim started after.
            let possibleLast = claims.filter { claim in
                !claims.contains { $0.operation.result.started > claim.operation.result.finished }
            }
            let matches = possibleLast.contains { claim in
                stored.status.rawValue == claim.status && (claim.start == nil || claim.start == stored.start)
            }
            #expect(
                matches,
                "\(id) is \(stored.status.rawValue) at \(stored.start), but the last commands reported \(possibleLast.map { "\($0.status) \($0.start.map { "\($0)" } ?? "")" })"
            )
        }
    }
}
