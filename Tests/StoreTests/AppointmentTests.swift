import CareModel
import Foundation
import Store
import StoreTesting
import Testing

@Suite struct AppointmentTests {
    func seed(_ store: ParcoursStore) throws {
        try store.addPatient(Fixtures.patient("P-AAAA", category: .migrant, language: "ps"), actor: Fixtures.secretary)
        try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
        try store.addClinician(Fixtures.benali, actor: Fixtures.secretary)
        try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
        try store.addInterpreter(Fixtures.amiri, actor: Fixtures.secretary)
    }

    func session(
        _ id: AppointmentID, hour: Int, occurrence: Int = 1, clinicians: [ClinicianID] = ["C-ROUX"]
    ) -> Appointment {
        Appointment(
            id: id, patient: "P-AAAA", track: "individual-emdr", step: "therapy", occurrence: occurrence,
            start: Fixtures.instant(hour: hour), end: Fixtures.instant(hour: hour + 1), clinicians: clinicians,
            room: "R-1", interpreter: "I-AMIRI")
    }

    @Test func appointmentsRoundTripWithTheirClinicians() throws {
        try withTemporaryStore { store throws in
            try seed(store)
            let later = session("A-2", hour: 14, occurrence: 2, clinicians: ["C-ROUX", "C-BENALI"])
            var earlier = session("A-1", hour: 9)
            earlier.room = nil
            earlier.interpreter = nil
            try store.addAppointments([later, earlier], actor: Fixtures.secretary, reason: "series booked")
            #expect(try store.appointments(patient: "P-AAAA") == [earlier, later])
            #expect(try store.appointment("A-2")?.clinicians == ["C-ROUX", "C-BENALI"])
            #expect(try store.appointment("A-9") == nil)
        }
    }

    @Test func appointmentsByPatientMatchEachPatientsOwnListInOneRead() throws {
        try withTemporaryStore { store throws in
            try seed(store)
            try store.addPatient(Fixtures.patient("P-BBBB"), actor: Fixtures.secretary)
            try store.addPatient(Fixtures.patient("P-CCCC"), actor: Fixtures.secretary)
            var other = session("A-3", hour: 11)
            other.patient = "P-BBBB"
            other.room = nil
            other.interpreter = nil
            try store.addAppointments(
                [
                    session("A-2", hour: 14, occurrence: 2, clinicians: ["C-BENALI", "C-ROUX"]),
                    session("A-1", hour: 9), other,
                ], actor: Fixtures.secretary)
            let byPatient = try store.appointmentsByPatient(["P-AAAA", "P-BBBB", "P-CCCC", "P-NONE"])
            #expect(byPatient["P-AAAA"] == (try store.appointments(patient: "P-AAAA")))
            #expect(byPatient["P-AAAA"]?.map(\.clinicians) == [["C-ROUX"], ["C-BENALI", "C-ROUX"]])
            #expect(byPatient["P-BBBB"] == [other])
            #expect(byPatient["P-CCCC"] == nil)
            #expect(byPatient.count == 2)
            #expect(try store.appointmentsByPatient(["P-BBBB"]).keys.sorted { $0.rawValue < $1.rawValue } == ["P-BBBB"])
            #expect(try store.appointmentsByPatient([]).isEmpty)
        }
    }

    @Test func statusChangesAreSavedAndCountAsHeldSessions() throws {
        try withTemporaryStore { store throws in
            try seed(store)
            try store.addAppointments(
                [session("A-1", hour: 9), session("A-2", hour: 14, occurrence: 2)],
                actor: Fixtures.secretary)
            try store.setAppointmentStatus("A-1", .attended, actor: Fixtures.secretary)
            try store.setAppointmentStatus("A-2", .noShow, actor: Fixtures.secretary, reason: "no call")
            #expect(try store.appointment("A-1")?.status == .attended)
            #expect(try store.stringsForTesting("SELECT sequence FROM appointment WHERE id = 'A-1'") == ["1"])
            #expect(
                try store.heldSessions(patient: "P-AAAA")
                    == [HeldSession(step: "therapy", date: Fixtures.day("2026-12-01"), clinician: "C-ROUX")])
            #expect(throws: StoreError.notFound(kind: "appointment", id: "A-9")) {
                try store.setAppointmentStatus("A-9", .attended, actor: Fixtures.secretary)
            }
        }
    }

    @Test func aBatchWithOneBadAppointmentSavesNone() throws {
        try withTemporaryStore { store throws in
            try seed(store)
            let bad = session("A-2", hour: 14, clinicians: ["C-NOBODY"])
            #expect(throws: StoreError.notFound(kind: "clinician", id: "C-NOBODY")) {
                try store.addAppointments([session("A-1", hour: 9), bad], actor: Fixtures.secretary)
            }
            #expect(throws: StoreError.duplicate(kind: "appointment", id: "A-1")) {
                try store.addAppointments(
                    [session("A-1", hour: 9), session("A-1", hour: 11)], actor: Fixtures.secretary)
            }
            #expect(try store.appointments(patient: "P-AAAA").isEmpty)
            #expect(try store.auditEntries(entityID: "A-1").isEmpty)
        }
    }

    @Test func foreignKeysAreEnforcedByTheSchema() throws {
        try withTemporaryStore { store throws in
            try seed(store)
            let error = #expect(throws: StoreError.self) {
                try store.executeForTesting(
                    """
                    INSERT INTO appointment (id, patient, track, step, occurrence, start_utc, end_utc, created_at, updated_at)
                    VALUES ('A-X', 'P-GHOST', 't', 's', 1, '2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z',
                            '2026-11-26T10:00:00Z', '2026-11-26T10:00:00Z')
                    """)
            }
            #expect(error?.description.contains("does not exist") == true)
            #expect(throws: StoreError.self) {
                try store.executeForTesting(
                    "INSERT INTO patient_identity (code, given_name, family_name) VALUES ('P-GHOST', 'A', 'B')")
            }
            #expect(throws: StoreError.self) {
                try store.executeForTesting(
                    "INSERT INTO clinician_absence (clinician, from_utc, to_utc) VALUES ('C-GHOST', '2026-12-01T09:00:00Z', '2026-12-02T09:00:00Z')"
                )
            }
        }
    }

    @Test func anAppointmentMustEndAfterItStarts() throws {
        try withTemporaryStore { store throws in
            try seed(store)
            var backwards = session("A-1", hour: 9)
            backwards.end = backwards.start
            #expect(throws: StoreError.self) { try store.addAppointments([backwards], actor: Fixtures.secretary) }
            #expect(throws: StoreError.self) {
                try store.executeForTesting(
                    """
                    INSERT INTO appointment (id, patient, track, step, occurrence, start_utc, end_utc, created_at, updated_at)
                    VALUES ('A-X', 'P-AAAA', 't', 's', 1, '2026-12-01T10:00:00Z', '2026-12-01T09:00:00Z',
                            '2026-11-26T10:00:00Z', '2026-11-26T10:00:00Z')
                    """)
            }
        }
    }
}
