import CareModel
import Foundation
import Store
import Testing

@testable import ParcoursCLI

/// Recording an absence lists the booked sessions it falls on, loudly, and still records it.
@Suite struct AbsenceClashCLITests {
    /// A clinician's booked sessions on one day of the first week (two or more), then that day's
    /// leave imported over them.
    @Test func importingAnAbsenceOverBookedSessionsListsThemAndSuggestsMoveAuto() async throws {
        let ws = try await Workspace.demoCentre()
        let week = try jsonRows(await ws.run("agenda", "--week", "2026-W49", "--format", "json").output)
            .filter { ($0["status"] as? String) == "booked" }
        let byClinicianAndDay = Dictionary(grouping: week.filter { $0["cohort"] as? String == nil }) {
            "\(($0["clinicians"] as? [String])?.first ?? "") \($0["localDate"] as? String ?? "")"
        }
        let (key, sessions) = try #require(byClinicianAndDay.filter { $0.value.count >= 2 }.min { $0.key < $1.key })
        let clinician = String(key.split(separator: " ")[0])
        let day = try #require(sessions.first?["localDate"] as? String)
        let shownDay = try #require(LocalDate(parsing: day).map { "\($0.weekday.shortName) \(day)" })
        let stamp = day.replacingOccurrences(of: "-", with: "")
        let next = try #require(LocalDate(parsing: day)?.adding(days: 1).iso.replacingOccurrences(of: "-", with: ""))
        let path = ws.directory.appendingPathComponent("leave.ics").path
        try Data(
            CalendarImportCommandTests.calendar([
                "BEGIN:VEVENT", "UID:leave@test", "DTSTART;VALUE=DATE:\(stamp)", "DTEND;VALUE=DATE:\(next)",
                "SUMMARY:Congés", "END:VEVENT",
            ]).utf8
        ).write(to: URL(fileURLWithPath: path))

        let imported = await ws.run("clinician", "absence", "import", clinician, path)
        #expect(imported.status == 0, "\(imported.errors)")
        let held = week.filter {
            $0["localDate"] as? String == day && ($0["clinicians"] as? [String] ?? []).contains(clinician)
        }
        #expect(imported.output.contains("WARNING: \(held.count) sessions are still booked during this absence"))
        for session in sessions {
            let id = try #require(session["id"] as? String), patient = try #require(session["patient"] as? String)
            let line = try #require(imported.output.split(separator: "\n").first { $0.contains(id) })
            #expect(
                line.contains(shownDay) && line.contains(session["localStart"] as? String ?? "-")
                    && line.contains(patient))
        }
        #expect(imported.output.contains("parcours move "))
        #expect(imported.output.contains("--auto"))
    }

    /// An address-protected patient's session is listed by id and time, never by code.
    @Test func anAbsenceOverAProtectedPatientsSessionMasksTheCode() async throws {
        let ws = try await Workspace.demoCentre()
        let (code, ids) = try await ws.bookedReferral("--address-protected")
        let first = try #require(ids.first)
        let session = try #require(try ParcoursStore.open(at: ws.db).appointment(AppointmentID(first)))
        let clinician = try #require(session.clinicians.first).rawValue
        let day = ClinicTimeZone.paris.local(session.start).date.iso
        let added = await ws.run("clinician", "absence", "add", clinician, day, day)
        #expect(added.status == 0, "\(added.errors)")
        #expect(added.output.contains("WARNING"))
        #expect(added.output.contains(first))
        #expect(!added.output.contains(code))
    }
}
