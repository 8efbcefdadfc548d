import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// A booking re-checks every resource in its transaction, and the schema refuses what slips by.
@Suite struct BookingGuardTests {
    static let lefevre = Clinician(
        id: "C-LEFEVRE", name: "Julien Lefèvre", role: .psychologist,
        skills: [.groupFacilitation], hours: Fixtures.hours("mon-fri 09:00-17:00"))

    /// A centre with two clinicians, two rooms, an interpreter and three patients.
    func centre(_ body: (ParcoursStore) throws -> Void) throws {
        try withTemporaryStore { store in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            try store.addClinician(Self.lefevre, actor: Fixtures.secretary)
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            try store.addRoom(Fixtures.groupe, actor: Fixtures.secretary)
            try store.addInterpreter(Fixtures.amiri, actor: Fixtures.secretary)
            for code in ["P-2222", "P-3333", "P-4444"] {
                try store.addPatient(Fixtures.patient(PatientCode(code)), actor: Fixtures.secretary)
            }
            try body(store)
        }
    }

    func session(
        _ id: String, _ patient: PatientCode, hour: Int, minutes: Int = 60, clinicians: [ClinicianID] = ["C-ROUX"],
        room: RoomID? = "R-1", interpreter: InterpreterID? = nil, cohort: String? = nil
    ) -> Appointment {
        let start = Fixtures.instant(hour: hour)
        return Appointment(
            id: AppointmentID(id), patient: patient, track: "adult-domestic-violence", step: "therapy",
            occurrence: 1, start: start, end: start.addingTimeInterval(Double(minutes * 60)),
            clinicians: clinicians, room: room, interpreter: interpreter, cohort: cohort)
    }

    @Test func aClinicianBookedTwiceAtOnceIsAConflictNamingTheSessionAlreadyThere() throws {
        try centre { store in
            try store.book([session("A-1", "P-2222", hour: 9)], actor: Fixtures.secretary)
            let clash = session("A-2", "P-3333", hour: 9, minutes: 30, room: "R-GROUPE")
            let error = #expect(throws: StoreError.self) { try store.book([clash], actor: Fixtures.secretary) }
            guard case let .conflict(message)? = error else {
                Issue.record("expected a conflict, got \(String(describing: error))")
                return
            }
            #expect(message.contains("clinician C-ROUX"))
            #expect(message.contains("A-1"))
            #expect(try store.appointment("A-2") == nil)
        }
    }

    @Test(arguments: ["room", "interpreter", "patient"])
    func everyResourceIsCheckedBeforeBooking(_ resource: String) throws {
        try centre { store in
            try store.book([session("A-1", "P-2222", hour: 9, interpreter: "I-AMIRI")], actor: Fixtures.secretary)
            let clash =
                switch resource {
                case "room": session("A-2", "P-3333", hour: 9, clinicians: ["C-LEFEVRE"])
                case "interpreter":
                    session(
                        "A-2", "P-3333", hour: 9, clinicians: ["C-LEFEVRE"], room: "R-GROUPE", interpreter: "I-AMIRI")
                default: session("A-2", "P-2222", hour: 9, clinicians: ["C-LEFEVRE"], room: "R-GROUPE")
                }
            let error = #expect(throws: StoreError.self) { try store.book([clash], actor: Fixtures.secretary) }
            #expect(error?.description.contains(resource) == true, "\(String(describing: error))")
        }
    }

    @Test func aSeriesWithOneConflictBooksNothing() throws {
        try centre { store in
            try store.book([session("A-1", "P-2222", hour: 14)], actor: Fixtures.secretary)
            let series = [session("B-1", "P-3333", hour: 9), session("B-2", "P-3333", hour: 14)]
            #expect(throws: StoreError.self) { try store.book(series, actor: Fixtures.secretary) }
            #expect(try store.appointments(patient: "P-3333").isEmpty)
        }
    }

    @Test func theSchemaRefusesADoubleBookingThatSkipsTheStore() throws {
        try centre { store in
            try store.book([session("A-1", "P-2222", hour: 9)], actor: Fixtures.secretary)
            let insert = """
                INSERT INTO appointment (id, patient, track, step, occurrence, start_utc, end_utc, room, status, created_at, updated_at)
                VALUES ('X', 'P-3333', 't', 's', 1, '2026-12-01T09:30:00Z', '2026-12-01T10:30:00Z', 'R-1', 'booked',
                        '2026-11-26T10:00:00Z', '2026-11-26T10:00:00Z')
                """
            let error = #expect(throws: (any Error).self) { try store.executeForTesting(insert) }
            #expect("\(String(describing: error))".contains("double booking: the room is taken"))
            let clinician = """
                INSERT INTO appointment (id, patient, track, step, occurrence, start_utc, end_utc, status, created_at, updated_at)
                VALUES ('Y', 'P-3333', 't', 's', 1, '2026-12-01T09:30:00Z', '2026-12-01T10:30:00Z', 'booked',
                        '2026-11-26T10:00:00Z', '2026-11-26T10:00:00Z');
                INSERT INTO appointment_clinician (appointment, clinician, position) VALUES ('Y', 'C-ROUX', 0);
                """
            let clinicianError = #expect(throws: (any Error).self) { try store.executeForTesting(clinician) }
            #expect("\(String(describing: clinicianError))".contains("double booking: the clinician is taken"))
        }
    }

    @Test func membersOfOneCohortShareRoomAndFacilitatorsAtTheSameTime() throws {
        try centre { store in
            try store.createCohort(
                GroupCohort(id: "G-2027-01", track: "adult-trauma-group", startDate: Fixtures.day("2026-12-01")),
                actor: Fixtures.secretary)
            let group = ["P-2222", "P-3333", "P-4444"].map {
                session(
                    "G-\($0)", PatientCode($0), hour: 14, minutes: 120, clinicians: ["C-ROUX", "C-LEFEVRE"],
                    room: "R-GROUPE", cohort: "G-2027-01")
            }
            try store.book(group, actor: Fixtures.secretary)
            #expect(
                try store.activeAppointments(from: Fixtures.instant(hour: 0), to: Fixtures.instant(hour: 24)).count == 3
            )
            let intruder = session("X-1", "P-2222", hour: 15, clinicians: ["C-LEFEVRE"], room: "R-1")
            #expect(throws: StoreError.self) { try store.book([intruder], actor: Fixtures.secretary) }
        }
    }

    @Test func aCancelledSessionFreesItsResources() throws {
        try centre { store in
            try store.book([session("A-1", "P-2222", hour: 9)], actor: Fixtures.secretary)
            try store.setAppointmentStatus("A-1", .cancelledByPatient, actor: Fixtures.secretary, reason: "ill")
            try store.book([session("A-2", "P-3333", hour: 9)], actor: Fixtures.secretary)
            #expect(try store.appointment("A-2")?.status == .booked)
        }
    }

    @Test func aMoveKeepsTheIdRaisesTheSequenceAndIsRechecked() throws {
        try centre { store in
            try store.book(
                [session("A-1", "P-2222", hour: 9), session("A-2", "P-3333", hour: 11)], actor: Fixtures.secretary)
            let before = try store.stringsForTesting("SELECT sequence FROM appointment WHERE id = 'A-1'")
            try store.move(
                "A-1", to: session("A-1", "P-2222", hour: 13), actor: Fixtures.secretary, reason: "patient asked")
            #expect(try store.appointment("A-1")?.start == Fixtures.instant(hour: 13))
            #expect(try store.stringsForTesting("SELECT sequence FROM appointment WHERE id = 'A-1'") != before)
            let error = #expect(throws: StoreError.self) {
                try store.move("A-1", to: session("A-1", "P-2222", hour: 11), actor: Fixtures.secretary)
            }
            #expect(error?.description.contains("A-2") == true)
            #expect(try store.appointment("A-1")?.start == Fixtures.instant(hour: 13))
            #expect(try store.auditEntries(entityID: "A-1").map(\.action) == ["book", "move"])
        }
    }
}
