import Foundation
import Store
import StoreTesting
import Testing

@testable import ParcoursCLI

/// `parcours doctor`: a clean centre passes, and each kind of damage is named by the right check.
@Suite struct DoctorCommandTests {
    /// A small demo centre, its whole waiting list booked.
    func demo() async throws -> Workspace {
        let ws = try Workspace()
        let demo = await ws.run("demo", "--patients", "20")
        try #require(demo.status == 0, "\(demo.errors)")
        return ws
    }

    /// The checks the JSON report marks as failing.
    func failing(_ ws: Workspace) async throws -> (status: Int32, names: Set<String>, report: String) {
        let result = await ws.run("doctor", "--format", "json")
        struct Report: Decodable {
            struct Check: Decodable {
                var name: String
                var problems: Int
            }
            var ok: Bool
            var checks: [Check]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(result.output.utf8))
        #expect(report.ok == report.checks.allSatisfy { $0.problems == 0 })
        return (result.status, Set(report.checks.filter { $0.problems > 0 }.map(\.name)), result.output)
    }

    @Test func aCleanDemoCentrePassesEveryCheck() async throws {
        let ws = try await demo()
        let result = await ws.run("doctor")
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        for check in [
            "integrity", "foreign-keys", "schema", "schema-objects", "double-bookings", "duplicate-sessions",
            "sessions-without-clinician", "ended-pathway-bookings", "calendar", "overrides", "series",
        ] {
            let line = result.output.split(separator: "\n").first { $0.hasPrefix(check + " ") }
            #expect(line?.contains(" OK ") == true, "\(check): \(line ?? "missing")")
        }
    }

    @Test func droppedGuardsAndAnOverlappingSessionAreReported() async throws {
        let ws = try await demo()
        let store = try ParcoursStore.open(at: ws.db)
        let victim = try #require(
            try store.stringsForTesting(
                "SELECT id FROM appointment WHERE status = 'booked' AND cohort IS NULL ORDER BY id LIMIT 1"
            ).first)
        try store.executeForTesting(
            """
            DROP TRIGGER appointment_no_double_booking_on_insert;
            DROP TRIGGER appointment_clinician_no_double_booking;
            INSERT INTO appointment (id, patient, track, step, occurrence, start_utc, end_utc, room, interpreter, status,
                sequence, created_at, updated_at)
            SELECT 'A-PLANTED', patient, track, step, occurrence, start_utc, end_utc, room, interpreter, 'booked', 0,
                created_at, updated_at FROM appointment WHERE id = '\(victim)';
            INSERT INTO appointment_clinician (appointment, clinician, position)
            SELECT 'A-PLANTED', clinician, position FROM appointment_clinician WHERE appointment = '\(victim)';
            """)
        let found = try await failing(ws)
        #expect(found.status == 1)
        // The copy overlaps its original, so the series check finds them out of order too.
        #expect(
            found.names == ["schema-objects", "double-bookings", "duplicate-sessions", "calendar", "series"],
            "\(found.report)")
        #expect(found.report.contains("A-PLANTED"))
        #expect(found.report.contains("trigger appointment_no_double_booking_on_insert is missing"))
    }

    @Test func aDanglingReferenceWrittenWithForeignKeysOffIsReported() async throws {
        let ws = try await demo()
        let store = try ParcoursStore.open(at: ws.db)
        try store.executeWithoutForeignKeysForTesting(
            "UPDATE appointment_clinician SET clinician = 'C-GONE' WHERE rowid = (SELECT min(rowid) FROM appointment_clinician)"
        )
        let found = try await failing(ws)
        #expect(found.status == 1)
        #expect(found.names.contains("foreign-keys"), "\(found.report)")
        #expect(found.report.contains("appointment_clinician row"))
        // The independent checker sees the same damage from the calendar's side.
        #expect(found.names.contains("calendar"))
    }

    @Test func aBookingLeftAfterADropOutIsReported() async throws {
        let ws = try await demo()
        let store = try ParcoursStore.open(at: ws.db)
        try store.executeForTesting(
            """
            UPDATE enrolment SET state = 'dropped-out' WHERE patient = (
                SELECT patient FROM appointment WHERE status = 'booked' AND cohort IS NULL ORDER BY id LIMIT 1)
            """)
        let found = try await failing(ws)
        #expect(found.names == ["ended-pathway-bookings"], "\(found.report)")
        let table = await ws.run("doctor")
        #expect(table.status == 1)
        #expect(table.output.contains("is dropped-out; cancel it"))
        #expect(table.errors.contains("1 check found a problem (ended-pathway-bookings)"))
    }
}
