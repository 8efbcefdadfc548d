import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// A room's or an interpreter's unavailability as the Store keeps it: recorded once, read by
/// resource and period, removed with an audit row, refused when it names nothing real, and
/// found by `doctor` when a session sits in it.
@Suite struct ResourceUnavailabilityStoreTests {
    static let haddad = Interpreter(
        id: "I-HADDAD", name: "Samir Haddad", languages: ["ar", "fr"], hours: Fixtures.hours("mon-fri 09:00-17:00"))

    func seed(_ store: ParcoursStore) throws {
        try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
        try store.addInterpreter(Self.haddad, actor: Fixtures.secretary)
    }

    @Test func anUnavailabilityIsStoredWithItsAuthorAndReadBackByResourceAndPeriod() throws {
        try withTemporaryStore { store throws in
            try seed(store)
            let leak = ResourceUnavailability(
                resource: .room("R-1"), start: Fixtures.instant(hour: 8), end: Fixtures.instant(hour: 12),
                reason: " dégât des eaux ")
            let leave = ResourceUnavailability(
                resource: .interpreter("I-HADDAD"), start: Fixtures.instant(hour: 30), end: Fixtures.instant(hour: 40),
                reason: "congés")
            let saved = try store.addUnavailability(leak, actor: Fixtures.secretary)
            #expect(saved.added)
            #expect(saved.saved.id == 1 && saved.saved.reason == "dégât des eaux")
            #expect(saved.saved.createdBy == "marie.secretariat" && saved.saved.createdAt == Fixtures.now)
            try store.addUnavailability(leave, actor: Fixtures.secretary)
            #expect(try store.unavailabilities().map(\.resource) == [.room("R-1"), .interpreter("I-HADDAD")])
            #expect(try store.unavailabilities(of: .room("R-1")) == [saved.saved])
            #expect(try store.unavailabilities(kind: "interpreter").map(\.reason) == ["congés"])
            #expect(
                try store.unavailabilities(from: Fixtures.instant(hour: 12), to: Fixtures.instant(hour: 31))
                    .map(\.resource) == [.interpreter("I-HADDAD")])
            // The same window, or one inside it, is already recorded: no second row.
            var inside = leak
            inside.start = Fixtures.instant(hour: 9)
            let again = try store.addUnavailability(inside, actor: Fixtures.secretary)
            #expect(!again.added && again.saved.id == 1)
            #expect(try store.stringsForTesting("SELECT count(*) FROM resource_unavailability") == ["2"])
            #expect(try store.auditEntries(entityID: "1").map(\.action).contains("add-unavailability"))
        }
    }

    @Test func anUnknownResourceABackwardWindowOrABlankReasonChangesNothing() throws {
        try withTemporaryStore { store throws in
            try seed(store)
            let audit = try store.stringsForTesting("SELECT count(*) FROM audit")
            let unknown = ResourceUnavailability(
                resource: .room("R-404"), start: Fixtures.instant(hour: 8), end: Fixtures.instant(hour: 12),
                reason: "travaux")
            #expect(throws: StoreError.notFound(kind: "room", id: "R-404")) {
                try store.addUnavailability(unknown, actor: Fixtures.secretary)
            }
            let backwards = ResourceUnavailability(
                resource: .interpreter("I-HADDAD"), start: Fixtures.instant(hour: 12), end: Fixtures.instant(hour: 8),
                reason: "congés")
            #expect(throws: StoreError.self) { try store.addUnavailability(backwards, actor: Fixtures.secretary) }
            let blank = ResourceUnavailability(
                resource: .room("R-1"), start: Fixtures.instant(hour: 8), end: Fixtures.instant(hour: 12), reason: "  ")
            #expect(throws: StoreError.self) { try store.addUnavailability(blank, actor: Fixtures.secretary) }
            #expect(try store.unavailabilities().isEmpty)
            #expect(try store.stringsForTesting("SELECT count(*) FROM audit") == audit)
        }
    }

    @Test func theSchemaRefusesARowWithBothResourcesOrAnEndBeforeItsStart() throws {
        try withTemporaryStore { store throws in
            try seed(store)
            let columns = "(room, interpreter, from_utc, to_utc, reason, created_by, created_at)"
            let both =
                "INSERT INTO resource_unavailability \(columns) VALUES ('R-1', 'I-HADDAD', "
                + "'2026-12-01T08:00:00Z', '2026-12-01T12:00:00Z', 'x', 'me', '2026-11-26T10:00:00Z')"
            #expect(throws: StoreError.self) { try store.executeForTesting(both) }
            let backwards =
                "INSERT INTO resource_unavailability \(columns) VALUES ('R-1', NULL, "
                + "'2026-12-01T12:00:00Z', '2026-12-01T08:00:00Z', 'x', 'me', '2026-11-26T10:00:00Z')"
            #expect(throws: StoreError.self) { try store.executeForTesting(backwards) }
            let badInstant =
                "INSERT INTO resource_unavailability \(columns) VALUES ('R-1', NULL, "
                + "'1 December', '2026-12-01T08:00:00Z', 'x', 'me', '2026-11-26T10:00:00Z')"
            #expect(throws: StoreError.self) { try store.executeForTesting(badInstant) }
            #expect(try store.unavailabilities().isEmpty)
        }
    }

    @Test func removingAnUnavailabilityIsAuditedWithWhatItWasAndAnUnknownIdIsNotFound() throws {
        try withTemporaryStore { store throws in
            try seed(store)
            let saved = try store.addUnavailability(
                ResourceUnavailability(
                    resource: .room("R-1"), start: Fixtures.instant(hour: 8), end: Fixtures.instant(hour: 12),
                    reason: "serrure"), actor: Fixtures.secretary
            ).saved
            #expect(throws: StoreError.notFound(kind: "unavailability", id: "9")) {
                try store.removeUnavailability(9, actor: Fixtures.secretary)
            }
            let removed = try store.removeUnavailability(1, actor: Fixtures.secretary, reason: "réparée")
            #expect(removed == saved)
            #expect(try store.unavailabilities().isEmpty)
            let entry = try #require(
                try store.auditEntries(entityID: "1").first { $0.action == "remove-unavailability" })
            #expect(entry.reason == "réparée" && entry.before?.contains("serrure") == true)
        }
    }

    @Test func doctorFindsASessionInARoomWhileItIsUnavailable() throws {
        try withTemporaryStore { store throws in
            try seed(store)
            try store.addPatient(Fixtures.patient("P-AAAA"), actor: Fixtures.secretary)
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            try store.addAppointments(
                [
                    Appointment(
                        id: "A-1", patient: "P-AAAA", track: "t", step: "therapy", occurrence: 1,
                        start: Fixtures.instant(hour: 9), end: Fixtures.instant(hour: 10), clinicians: ["C-ROUX"],
                        room: "R-1")
                ], actor: Fixtures.secretary)
            let check = { () -> HealthCheck? in store.healthChecks().first { $0.name == "resource-unavailability" } }
            #expect(try #require(check()).isOK)
            try store.addUnavailability(
                ResourceUnavailability(
                    resource: .room("R-1"), start: Fixtures.instant(hour: 8), end: Fixtures.instant(hour: 12),
                    reason: "dégât des eaux"), actor: Fixtures.secretary)
            let found = try #require(check())
            #expect(found.problems == 1)
            #expect(found.examples.first?.hasPrefix("A-1 (") == true)
            #expect(found.examples.first?.contains("uses room R-1 while it is unavailable") == true)
        }
    }
}
