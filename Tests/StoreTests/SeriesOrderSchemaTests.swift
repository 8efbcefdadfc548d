import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// The schema keeps one step's sessions in order, and a move against the rules is recorded as an
/// override with the move, in one transaction.
@Suite struct SeriesOrderSchemaTests {
    func centre(_ body: (ParcoursStore) throws -> Void) throws {
        try withTemporaryStore { store in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            try store.addPatient(Fixtures.patient("P-2222"), actor: Fixtures.secretary)
            try body(store)
        }
    }

    /// Therapy `occurrence` on day `day` of December 2026 at 10:00 UTC.
    func therapy(_ id: String, _ occurrence: Int, day: Int) -> Appointment {
        let start = Date(timeIntervalSince1970: 1_796_119_200 + Double(day - 1) * 86_400) // 2026-12-01T10:00:00Z
        return Appointment(
            id: AppointmentID(id), patient: "P-2222", track: "adult-domestic-violence", step: "therapy",
            occurrence: occurrence, start: start, end: start.addingTimeInterval(3600), clinicians: ["C-ROUX"],
            room: "R-1")
    }

    @Test func theSchemaRefusesATherapyBookedBeforeOneWithALowerNumber() throws {
        try centre { store in
            try store.book([therapy("A-1", 1, day: 1), therapy("A-2", 2, day: 8)], actor: Fixtures.secretary)
            let error = #expect(throws: StoreError.self) {
                try store.book([therapy("A-3", 3, day: 4)], actor: Fixtures.secretary)
            }
            #expect(error?.description.contains("series order") == true, "\(String(describing: error))")
            #expect(try store.appointment("A-3") == nil)
            // Moving therapy 2 before therapy 1 is refused the same way, and nothing moves.
            var early = therapy("A-2", 2, day: 1)
            early.start = early.start.addingTimeInterval(-86_400)
            early.end = early.start.addingTimeInterval(3600)
            #expect(throws: StoreError.self) { try store.move("A-2", to: early, actor: Fixtures.secretary) }
            #expect(try store.appointment("A-2")?.start == therapy("A-2", 2, day: 8).start)
            // Once therapy 2 is cancelled, its number no longer holds a place.
            try store.setAppointmentStatus("A-2", .cancelledByPatient, actor: Fixtures.secretary, reason: "ill")
            try store.book([therapy("A-3", 2, day: 9)], actor: Fixtures.secretary)
        }
    }

    @Test func aMoveAgainstTheRulesIsStoredAsAnOverrideAndAPlainMoveClearsIt() throws {
        try centre { store in
            try store.book([therapy("A-1", 1, day: 1)], actor: Fixtures.secretary)
            let night = therapy("A-1", 1, day: 2)
            #expect(throws: StoreError.self) {
                try store.move(
                    "A-1", to: night, overriding: ["clinician-outside-hours"], actor: Fixtures.secretary, reason: " ")
            }
            #expect(try store.overrides().isEmpty)
            try store.move(
                "A-1", to: night, overriding: ["clinician-outside-hours: 03:00"], actor: Fixtures.secretary,
                reason: "crisis")
            let saved = try store.overrides()
            #expect(saved.map(\.appointment) == ["A-1"])
            #expect(saved.first?.rules == ["clinician-outside-hours: 03:00"])
            #expect(saved.first?.actor == Fixtures.secretary.name)
            try store.move("A-1", to: therapy("A-1", 1, day: 3), actor: Fixtures.secretary)
            #expect(try store.overrides().isEmpty)
        }
    }
}
