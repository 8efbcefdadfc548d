import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// The week agenda's reads: one clinician's or one room's sessions, clinicians in order, the
/// same sessions `appointments(from:to:)` gives once filtered.
@Suite struct AgendaQueryTests {
    static let lefevre = Clinician(
        id: "C-LEFEVRE", name: "Julien Lefèvre", role: .psychologist,
        skills: [.groupFacilitation], hours: Fixtures.hours("mon-fri 09:00-17:00"))

    func session(
        _ id: String, _ patient: PatientCode, hour: Int, clinicians: [ClinicianID], room: RoomID
    ) -> Appointment {
        let start = Fixtures.instant(hour: hour)
        return Appointment(
            id: AppointmentID(id), patient: patient, track: "adult-domestic-violence", step: "therapy",
            occurrence: 1, start: start, end: start.addingTimeInterval(3600), clinicians: clinicians, room: room)
    }

    @Test func aClinicianOrRoomWeekHoldsItsSessionsWithEveryClinicianInOrder() throws {
        try withTemporaryStore { store in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            try store.addClinician(Self.lefevre, actor: Fixtures.secretary)
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            try store.addRoom(Fixtures.groupe, actor: Fixtures.secretary)
            for code in ["P-2222", "P-3333", "P-4444", "P-5555"] {
                try store.addPatient(Fixtures.patient(PatientCode(code)), actor: Fixtures.secretary)
            }
            try store.book(
                [
                    session("A-1", "P-2222", hour: 9, clinicians: ["C-ROUX"], room: "R-1"),
                    session("A-2", "P-3333", hour: 10, clinicians: ["C-LEFEVRE", "C-ROUX"], room: "R-GROUPE"),
                    session("A-3", "P-4444", hour: 11, clinicians: ["C-LEFEVRE"], room: "R-1"),
                    // The next week: outside the span asked for.
                    session("A-4", "P-5555", hour: 9 + 7 * 24, clinicians: ["C-ROUX"], room: "R-1"),
                ], actor: Fixtures.secretary)
            let from = Fixtures.instant(hour: 0), to = Fixtures.instant(hour: 7 * 24)
            let roux = try store.appointments(from: from, to: to, heldBy: "C-ROUX")
            #expect(roux.map(\.id) == ["A-1", "A-2"])
            #expect(roux.map(\.clinicians) == [["C-ROUX"], ["C-LEFEVRE", "C-ROUX"]])
            let room = try store.appointments(from: from, to: to, inRoom: "R-1")
            #expect(room.map(\.id) == ["A-1", "A-3"])
            // The same values as the whole centre's week, filtered.
            let all = try store.appointments(from: from, to: to)
            #expect(roux == all.filter { $0.clinicians.contains("C-ROUX") })
            #expect(room == all.filter { $0.room == "R-1" })
            #expect(try store.appointments(from: from, to: to, heldBy: "C-NOBODY").isEmpty)
        }
    }

    @Test func aClinicianWeekIsReadThroughTheWeekIndexAndARoomWeekThroughTheRoomIndex() throws {
        try withTemporaryStore { store in
            let (from, to) = ("2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z")
            let clinician = try store.queryPlanForTesting(
                ParcoursStore.clinicianWeekSQL, arguments: [from, to, "C-ROUX"])
            // The week's range and each session's id come from the index; its clinicians from a
            // probe of appointment_clinician's key, not from a list of all the clinician's sessions.
            #expect(
                clinician.contains { $0.contains("USING INDEX appointment_week (start_utc>? AND start_utc<?)") },
                "\(clinician)")
            #expect(clinician.contains { $0.contains("(appointment=? AND clinician=?)") }, "\(clinician)")
            #expect(!clinician.contains { $0.contains("appointment_clinician_clinician") }, "\(clinician)")
            let room = try store.queryPlanForTesting(ParcoursStore.roomWeekSQL, arguments: [from, to, "R-1"])
            #expect(
                room.contains { $0.contains("appointment_room_start (room=? AND start_utc>? AND start_utc<?)") },
                "\(room)")
            #expect(try store.schemaVersion == "appointment-clinician-week-index")
        }
    }
}
