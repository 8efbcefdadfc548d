import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// Rooms and interpreters edited and taken out of service on a real SQLite file: the record
/// replaced whole with its audit row (before and after), the `active` flag kept apart from an
/// edit, a refusal that saves nothing, a database of the previous schema read as all in use, and
/// `doctor` naming every session ahead still booked with one out of service.
@Suite struct RoomInterpreterActiveStoreTests {
    static let haddad = Interpreter(
        id: "I-HADDAD", name: "Samir Haddad", languages: ["ar", "fr"], hours: Fixtures.hours("mon-fri 09:00-17:00"))

    @Test func aRoomEditReplacesNameCapacityAndFeaturesWithItsAuditRow() throws {
        try withTemporaryStore { store throws in
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            let edited = Room(id: "R-1", name: "Bureau 1 (rénové)", capacity: 4, features: [.individual])
            try store.updateRoom(edited, actor: Fixtures.secretary, reason: "travaux")
            #expect(try store.room("R-1") == edited)
            let entry = try #require(try store.auditEntries(entityID: "R-1").last)
            #expect(entry.action == "edit-room" && entry.reason == "travaux")
            #expect(entry.before?.contains("\"capacity\":2") == true && entry.after?.contains("\"capacity\":4") == true)
        }
    }

    @Test func anEditOfAnUnknownRoomOrWithNoSeatOrFeatureSavesNothing() throws {
        try withTemporaryStore { store throws in
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            let audit = try store.stringsForTesting("SELECT count(*) FROM audit")
            #expect(throws: StoreError.notFound(kind: "room", id: "R-404")) {
                try store.updateRoom(
                    Room(id: "R-404", name: "Nulle part", capacity: 2, features: [.individual]),
                    actor: Fixtures.secretary)
            }
            #expect(throws: StoreError.self) {
                try store.updateRoom(
                    Room(id: "R-1", name: "Salle 1", capacity: 0, features: [.individual]), actor: Fixtures.secretary)
            }
            #expect(throws: StoreError.self) {
                try store.updateRoom(
                    Room(id: "R-1", name: "Salle 1", capacity: 2, features: []), actor: Fixtures.secretary)
            }
            #expect(try store.room("R-1") == Fixtures.salle1)
            #expect(try store.stringsForTesting("SELECT count(*) FROM audit") == audit)
        }
    }

    @Test func anInterpreterEditKeepsTheirStateAndRefusesNoLanguage() throws {
        try withTemporaryStore { store throws in
            try store.addInterpreter(Self.haddad, actor: Fixtures.secretary)
            try store.setActive(interpreter: "I-HADDAD", false, actor: Fixtures.secretary)
            // An edit carries `active: true` by default: the stored state wins, it is no way back.
            let edited = Interpreter(
                id: "I-HADDAD", name: "Samir Haddad", languages: ["ar", "ku"], hours: Fixtures.hours("tue 09:00-12:00"))
            try store.updateInterpreter(edited, actor: Fixtures.secretary)
            let stored = try #require(try store.interpreter("I-HADDAD"))
            #expect(stored.languages == ["ar", "ku"] && stored.hours == Fixtures.hours("tue 09:00-12:00"))
            #expect(!stored.active)
            var silent = edited
            silent.languages = []
            #expect(throws: StoreError.self) { try store.updateInterpreter(silent, actor: Fixtures.secretary) }
            #expect(try store.interpreter("I-HADDAD")?.languages == ["ar", "ku"])
        }
    }

    @Test func deactivatingKeepsTheRecordListedAuditsBothWaysAndRefusesTheSameStateTwice() throws {
        try withTemporaryStore { store throws in
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            try store.addInterpreter(Self.haddad, actor: Fixtures.secretary)
            try store.setActive(room: "R-1", false, actor: Fixtures.secretary, reason: "bureau rendu")
            #expect(try store.room("R-1")?.active == false)
            #expect(try store.rooms().map(\.id) == ["R-1"])
            #expect(throws: StoreError.conflict("room R-1 is already inactive")) {
                try store.setActive(room: "R-1", false, actor: Fixtures.secretary)
            }
            try store.setActive(room: "R-1", true, actor: Fixtures.secretary)
            #expect(try store.room("R-1")?.active == true)
            #expect(
                try store.auditEntries(entityID: "R-1").map(\.action) == [
                    "add-room", "deactivate-room", "reactivate-room",
                ])
            #expect(throws: StoreError.notFound(kind: "interpreter", id: "I-NONE")) {
                try store.setActive(interpreter: "I-NONE", false, actor: Fixtures.secretary)
            }
        }
    }

    @Test func aDatabaseOfThePreviousSchemaReadsEveryRoomAndInterpreterAsInUse() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/old.sqlite"
            try makeDatabaseForTesting(
                at: path, upTo: Schema.waitlistIndex,
                sql: """
                    INSERT INTO room (id, name, capacity, features) VALUES ('R-OLD', 'Ancienne', 3, 'individual');
                    INSERT INTO interpreter (id, name, languages, hours) VALUES ('I-OLD', 'Ancien', 'ar', 'mon 09:00-12:00');
                    """)
            let store = try ParcoursStore.open(at: path)
            #expect(try store.schemaVersion == Schema.latest)
            #expect(try store.room("R-OLD")?.active == true)
            #expect(try store.interpreter("I-OLD")?.active == true)
        }
    }

    @Test func doctorNamesEverySessionAheadBookedWithAResourceOutOfService() throws {
        try withTemporaryStore { store throws in
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            try store.addInterpreter(Self.haddad, actor: Fixtures.secretary)
            try store.addPatient(Fixtures.patient("P-AAAA"), actor: Fixtures.secretary)
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            func session(_ id: AppointmentID, hour: Int, occurrence: Int) -> Appointment {
                Appointment(
                    id: id, patient: "P-AAAA", track: "t", step: "therapy", occurrence: occurrence,
                    start: Fixtures.instant(hour: hour), end: Fixtures.instant(hour: hour + 1),
                    clinicians: ["C-ROUX"], room: "R-1", interpreter: "I-HADDAD")
            }
            // One session before the store's now (2026-11-26), one after.
            try store.addAppointments(
                [session("A-PAST", hour: -130, occurrence: 1), session("A-AHEAD", hour: 9, occurrence: 2)],
                actor: Fixtures.secretary)
            let check = { () -> HealthCheck? in store.healthChecks().first { $0.name == "inactive-resources" } }
            #expect(try #require(check()).isOK)
            try store.setActive(interpreter: "I-HADDAD", false, actor: Fixtures.secretary)
            let found = try #require(check())
            #expect(found.problems == 1 && found.checked == 1)
            #expect(found.examples.first?.hasPrefix("A-AHEAD (") == true)
            #expect(found.examples.first?.contains("interpreter I-HADDAD, out of service") == true)
        }
    }
}
