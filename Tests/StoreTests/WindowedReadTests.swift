import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// The snapshot's reads start from the window, not from the first session ever booked: the
/// sessions and absences that overlap a window are found from their end (`snapshot-window-indexes`),
/// and they are exactly those a scan of everything would keep, in the same order.
@Suite struct WindowedReadTests {
    static let lefevre = Clinician(
        id: "C-LEFEVRE", name: "Julien Lefèvre", role: .psychologist, skills: [.tfCBT],
        hours: Fixtures.hours("mon-fri 09:00-17:00"))

    func session(
        _ id: String, _ patient: PatientCode, hour: Int, hours: Int = 1, room: RoomID = "R-1",
        clinician: ClinicianID = "C-ROUX", occurrence: Int = 1
    ) -> Appointment {
        let start = Fixtures.instant(hour: hour)
        return Appointment(
            id: AppointmentID(id), patient: patient, track: "adult-domestic-violence", step: "therapy",
            occurrence: occurrence, start: start, end: start.addingTimeInterval(Double(hours) * 3600),
            clinicians: [clinician],
            room: room)
    }

    @Test func activeSessionsOverlappingAWindowAreThoseAFullScanKeepsInTimeOrder() throws {
        try withTemporaryStore { store in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            try store.addClinician(Self.lefevre, actor: Fixtures.secretary)
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            try store.addRoom(Fixtures.groupe, actor: Fixtures.secretary)
            for code in ["P-2222", "P-3333", "P-4444", "P-5555", "P-6666", "P-7777"] {
                try store.addPatient(Fixtures.patient(PatientCode(code)), actor: Fixtures.secretary)
            }
            // The window is [hour 24, hour 48): sessions before it, across each edge, inside, after.
            try store.book(
                [
                    session("A-OLD", "P-2222", hour: 2),
                    session("A-EDGE", "P-3333", hour: 22, hours: 3),
                    session("A-IN-2", "P-4444", hour: 30),
                    session("A-IN-1", "P-5555", hour: 30, room: "R-GROUPE", clinician: "C-LEFEVRE"),
                    session("A-LATE", "P-6666", hour: 47, hours: 2),
                    session("A-AFTER", "P-7777", hour: 48, room: "R-GROUPE", clinician: "C-LEFEVRE"),
                    session("A-DONE", "P-2222", hour: 26, occurrence: 2),
                ], actor: Fixtures.secretary)
            try store.setAppointmentStatus("A-DONE", .cancelledByPatient, actor: Fixtures.secretary, reason: "ill")
            let from = Fixtures.instant(hour: 24), to = Fixtures.instant(hour: 48)

            let windowed = try store.activeAppointments(from: from, to: to)
            let scanned = try store.appointments(from: .distantPast, to: .distantFuture)
                .filter { ($0.status == .booked || $0.status == .attended) && $0.start < to && $0.end > from }
            #expect(windowed == scanned)
            #expect(windowed.map(\.id) == ["A-EDGE", "A-IN-1", "A-IN-2", "A-LATE"])
        }
    }

    @Test func theSnapshotReadsSessionsAndAbsencesFromTheirEndIndex() throws {
        try withTemporaryStore { store in
            let day = "2026-12-01T00:00:00Z"
            let sessions = try store.queryPlanForTesting(
                "SELECT * FROM appointment WHERE \(ParcoursStore.activeOverlap)", arguments: [day, day])
            #expect(sessions.contains { $0.contains("appointment_end") }, "\(sessions)")
            #expect(!sessions.contains { $0.contains("appointment_start") }, "\(sessions)")
            let absences = try store.queryPlanForTesting(
                "SELECT * FROM clinician_absence WHERE to_utc > ? AND from_utc < ?", arguments: [day, day])
            #expect(absences.contains { $0.contains("clinician_absence_end") }, "\(absences)")
            #expect(try store.schemaVersion == Schema.latest)
        }
    }
}
