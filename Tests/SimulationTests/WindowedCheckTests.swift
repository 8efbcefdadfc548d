import Benchmarks
import Booking
import CareModel
import Foundation
import PathwayEngine
import Store
import Testing

/// The daily check of `bench simulate` reads only the window a day can change: it must find what
/// the whole check finds there. Three simulated weeks make a real calendar; conflicts are then
/// written behind the services' back (an absence over a booked session, a session moved to the
/// night), as a bug in a service would.
@Suite struct WindowedCheckTests {
    let zone = ClinicTimeZone.paris

    func simulatedCentre(_ directory: URL) throws -> (ParcoursStore, TrackCatalog) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let catalog = try TrackCatalog.load(directory: root.appendingPathComponent("Pathways"))
        let store = try ParcoursStore.create(at: directory.appendingPathComponent("sim.sqlite").path)
        let start = try #require(LocalDate(year: 2027, month: 1, day: 4))
        let figures = try ClinicSimulation(
            store: store, catalog: catalog, weeks: 3, seed: 5, start: start, referralScale: 0.5
        ).run()
        #expect(figures.violations == 0, "\(figures.violationExamples)")
        return (store, catalog)
    }

    func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parcours-window-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func windowedCheckFindsTheConflictsTheWholeCheckFindsAhead() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (store, catalog) = try simulatedCentre(directory)
        let today = try #require(LocalDate(year: 2027, month: 1, day: 25))
        #expect(try StoredCalendarCheck.problems(store: store, catalog: catalog).isEmpty)
        #expect(try StoredCalendarCheck.problems(store: store, catalog: catalog, from: today).isEmpty)

        let from = try #require(zone.instant(on: today, at: .midnight))
        let ahead = try store.activeAppointments(from: from, to: from.addingTimeInterval(21 * 86_400))
            .filter { $0.status == .booked && $0.cohort == nil }
        let absent = try #require(ahead.first)
        let clinician = try #require(absent.clinicians.first)
        let night = try #require(ahead.first { !$0.clinicians.contains(clinician) })
        // Leave recorded without a replan: the session it covers stays booked.
        try store.addAbsences(
            [ClinicianAbsence(clinician: clinician, start: absent.start, end: absent.end, reason: "test")],
            actor: Actor(name: "test"))
        // Moved to 21:00 the same day: no double booking, but outside everyone's hours.
        var moved = night
        let nine = try #require(zone.instant(on: zone.local(night.start).date, at: LocalTime(hour: 21) ?? .midnight))
        moved.end = nine.addingTimeInterval(night.end.timeIntervalSince(night.start))
        moved.start = nine
        try store.move(night.id, to: moved, actor: Actor(name: "test"), reason: "test")

        let whole = try StoredCalendarCheck.problems(store: store, catalog: catalog)
        let windowed = try StoredCalendarCheck.problems(store: store, catalog: catalog, from: today)
        #expect(whole.contains { $0.hasPrefix("clinician-absent") && $0.contains(absent.patient.rawValue) })
        #expect(whole.contains { $0.contains(night.patient.rawValue) && $0.contains("21:00") })
        #expect(Set(windowed) == Set(whole))
    }

    @Test func windowKeepsTheWholeSeriesOfEveryPatientInIt() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (store, _) = try simulatedCentre(directory)
        let today = try #require(LocalDate(year: 2027, month: 1, day: 20))
        let monday = try #require(zone.instant(on: today.adding(days: -2), at: .midnight))
        let read = try StoredCalendarCheck.sessions(store: store, from: today, timeZone: zone)
        let patients = Set(read.filter { $0.end > monday }.map(\.patient))
        #expect(!patients.isEmpty)
        // Every active session of those patients, the past ones included, and nobody else's.
        let expected = try patients.flatMap { try store.appointments(patient: $0) }
            .filter { $0.status == .booked || $0.status == .attended }
        #expect(Set(read.map(\.id)) == Set(expected.map(\.id)))
        #expect(read.contains { $0.end <= monday })
    }
}
