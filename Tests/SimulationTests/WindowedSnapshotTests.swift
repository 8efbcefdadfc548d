import Benchmarks
import Booking
import CareModel
import Foundation
import PathwayEngine
import Store
import Testing

/// A secretary's change reads only the patients it concerns (and their keep-apart partners),
/// not the whole centre: on a centre of real simulated life, the same sequence of cancellations,
/// `move --auto` and no-shows played once with the windowed snapshot and once with every patient
/// gives the same answers and leaves the same calendar, which the independent checker accepts.
@Suite struct WindowedSnapshotTests {
    struct Centre {
        var store: ParcoursStore
        var catalog: TrackCatalog
        var today: LocalDate
        var directory: URL
    }

    /// Three weeks of clinic life, then two patients with sessions ahead kept apart.
    func simulatedCentre() throws -> Centre {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let catalog = try TrackCatalog.load(directory: root.appendingPathComponent("Pathways"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parcours-windowed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try ParcoursStore.create(at: directory.appendingPathComponent("centre.sqlite").path)
        let start = try #require(LocalDate(year: 2027, month: 1, day: 4))
        _ = try ClinicSimulation(
            store: store, catalog: catalog, weeks: 3, seed: 11, start: start, referralScale: 1.5
        ).run()
        let today = start.adding(days: 21)
        let ahead = try sessionsAhead(store, today: today)
        let patients = Array(Set(ahead.map(\.patient))).sorted()
        try #require(patients.count >= 4)
        try store.addKeepApart(patients[0], patients[1], actor: Actor(name: "test"), reason: "never meet")
        return Centre(store: store, catalog: catalog, today: today, directory: directory)
    }

    func sessionsAhead(_ store: ParcoursStore, today: LocalDate) throws -> [Appointment] {
        let from = try #require(ClinicTimeZone.paris.instant(on: today.adding(days: 1), at: .midnight))
        return try store.activeAppointments(from: from, to: from.addingTimeInterval(366 * 86_400))
            .filter { $0.status == .booked && $0.cohort == nil && $0.start >= from }
    }

    /// Plays cancellations, moves and no-shows on `store` and writes down every answer.
    func play(
        _ store: ParcoursStore, catalog: TrackCatalog, today: LocalDate, everyPatient: Bool
    ) throws -> [String] {
        let noon = ClinicTimeZone.paris.instant(on: today, at: LocalTime(hour: 12) ?? .midnight)
        let service = BookingService(
            store: store, catalog: catalog, actor: Actor(name: "secretary"),
            snapshots: SnapshotBuilder(notBefore: noon, everyPatient: everyPatient), ids: .seeded(42))
        var random = SeededGenerator(seed: 3)
        let picked = try sessionsAhead(store, today: today).shuffled(using: &random).prefix(12)
        var transcript: [String] = []
        for (n, session) in picked.enumerated() {
            guard let now = try store.appointment(session.id), now.status == .booked else {
                transcript.append("\(session.id) no longer booked")
                continue
            }
            switch n % 3 {
            case 0:
                let outcome = try service.cancel(session.id, by: .patient, reason: "unwell", today: today)
                transcript.append("cancel \(session.id): " + describe(outcome.rebook))
                transcript.append("rebook: " + describe(Result { try rebook(session, service: service, today: today) }))
            case 1:
                let moved = Result { try service.move(session.id, to: .auto, today: today) }
                transcript.append("move \(session.id): " + describe(moved.map { [$0] }))
            default:
                _ = try service.noShow(session.id, at: session.start)
                transcript.append(
                    "no-show \(session.id): " + describe(Result { try rebook(session, service: service, today: today) })
                )
            }
        }
        return transcript
    }

    func rebook(_ session: Appointment, service: BookingService, today: LocalDate) throws -> BookingService.Booking {
        var secretary = service
        secretary.snapshots.notBefore = max(session.end, service.snapshots.notBefore ?? session.end)
        return try secretary.book(.init(patient: session.patient, scope: .next), today: today)
    }

    func describe(_ result: Result<BookingService.Booking, some Error>) -> String {
        describe(result.map { $0.appointments + $0.shifted })
    }

    func describe(_ result: Result<[Appointment], some Error>) -> String {
        switch result {
        case let .success(list): list.map(describe).joined(separator: "; ")
        case let .failure(error): "refused: \(error)"
        }
    }

    func describe(_ a: Appointment) -> String {
        "\(a.id) \(a.patient) \(a.step) \(a.occurrence) \(a.start.timeIntervalSince1970)-\(a.end.timeIntervalSince1970) "
            + "\(a.clinicians.map(\.rawValue)) \(a.room?.rawValue ?? "-") \(a.interpreter?.rawValue ?? "-") \(a.status)"
    }

    @Test func theWindowedSnapshotGivesTheSameAnswersAsTheWholeCentre() throws {
        let centre = try simulatedCentre()
        defer { try? FileManager.default.removeItem(at: centre.directory) }
        let windowedPath = centre.directory.appendingPathComponent("windowed.sqlite").path
        let wholePath = centre.directory.appendingPathComponent("whole.sqlite").path
        try centre.store.backup(to: windowedPath)
        try centre.store.backup(to: wholePath)
        let windowed = try ParcoursStore.open(at: windowedPath)
        let whole = try ParcoursStore.open(at: wholePath)

        let fromWindow = try play(windowed, catalog: centre.catalog, today: centre.today, everyPatient: false)
        let fromWhole = try play(whole, catalog: centre.catalog, today: centre.today, everyPatient: true)
        #expect(fromWindow.count == 12 + 4)
        #expect(fromWindow == fromWhole)
        #expect(fromWindow.contains { $0.hasPrefix("move") && !$0.contains("refused") }, "\(fromWindow)")
        #expect(fromWindow.contains { $0.hasPrefix("rebook") && !$0.contains("refused") }, "\(fromWindow)")

        let all = { (store: ParcoursStore) in
            try store.appointments(from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 4_102_444_800))
                .map(describe)
        }
        #expect(try all(windowed) == all(whole))
        #expect(try StoredCalendarCheck.problems(store: windowed, catalog: centre.catalog).isEmpty)
    }

    @Test func aChangeReadsItsPatientAndTheirPartnersButEveryBookedSessionOfTheHorizon() throws {
        let centre = try simulatedCentre()
        defer { try? FileManager.default.removeItem(at: centre.directory) }
        let ahead = try sessionsAhead(centre.store, today: centre.today)
        let withSessions = Set(ahead.map(\.patient))
        let kept = try #require(
            try centre.store.patients().first { patient in
                !patient.keepApart.isEmpty && withSessions.contains(patient.code)
            })
        let builder = SnapshotBuilder()
        let narrow = try builder.problem(store: centre.store, today: centre.today, concerning: [kept.code])
        let wide = try builder.problem(store: centre.store, today: centre.today)
        let expected: Set<PatientCode> = kept.keepApart.union([kept.code])
        #expect(Set(narrow.patients.map(\.code)) == expected)
        #expect(wide.patients.count == (try centre.store.patients().count))
        #expect(narrow.existing == wide.existing)
        #expect(narrow.absences == wide.absences)
        #expect(narrow.closedDays == wide.closedDays)
        #expect(
            try SnapshotBuilder(everyPatient: true).problem(
                store: centre.store, today: centre.today, concerning: [kept.code]
            ).patients.count == wide.patients.count)
    }
}
