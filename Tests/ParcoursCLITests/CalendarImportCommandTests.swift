import CareModel
import Foundation
import Store
import Testing

@testable import ParcoursCLI

/// `parcours calendar import-closed`, `closed`, and `clinician absence`: all or nothing, with a summary.
@Suite struct CalendarImportCommandTests {
    static let holidays = URL(fileURLWithPath: Workspace.pathways).deletingLastPathComponent()
        .appendingPathComponent("Calendars/jours-feries-2026-2030.ics").path

    func centre() async throws -> Workspace {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        #expect(
            await ws.run(
                "clinician", "add", "C-ROUX", "--name", "Dr Anne Roux", "--role", "psychiatrist",
                "--hours", "mon-fri 09:00-17:00"
            ).status == 0)
        return ws
    }

    /// Counts and the audit log, to show a refused import changed nothing.
    func snapshot(_ ws: Workspace) throws -> (StoreCounts, Int) {
        let store = try ParcoursStore.open(at: ws.db)
        return (try store.counts(), try store.auditEntries().count)
    }

    func write(_ ws: Workspace, _ name: String, _ text: String) throws -> String {
        let path = ws.directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func calendar(_ body: [String]) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN"] + body + ["END:VCALENDAR"]).joined(
            separator: "\r\n") + "\r\n"
    }

    static let leave = [
        "BEGIN:VEVENT", "UID:a@test", "DTSTART;VALUE=DATE:20261221", "DTEND;VALUE=DATE:20261224",
        "SUMMARY:Congés", "END:VEVENT",
    ]

    @Test func theHolidaysFileClosesFiftyFiveDaysOnceAndSaysSo() async throws {
        let ws = try await centre()
        let result = await ws.run("calendar", "import-closed", Self.holidays)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Imported 55 closed days from Thu 2026-01-01 to Wed 2030-12-25"))
        let list = await ws.run("closed", "list", "--format", "json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]])
        #expect(rows.count == 55)
        #expect(rows.contains { $0["date"] as? String == "2027-05-06" && $0["label"] as? String == "Ascension" })
        let again = await ws.run("calendar", "import-closed", Self.holidays)
        #expect(again.output.contains("Imported 0 closed days") && again.output.contains("55 already closed"))
    }

    static let malformed: [(String, String)] = [
        ("no-colon", calendar(Array(leave[0...3]) + ["Réunion d'équipe"] + Array(leave[4...]))),
        ("end-before-begin", "BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
        ("html", "<!DOCTYPE html>\n<html><body>Connexion requise</body></html>\n"),
        (
            "unknown-zone",
            calendar(
                leave + [
                    "BEGIN:VEVENT", "UID:b@test", "DTSTART;TZID=Heure de Poitiers:20261201T090000",
                    "DTEND;TZID=Heure de Poitiers:20261201T100000", "SUMMARY:x", "END:VEVENT",
                ])
        ),
        (
            "never-matches",
            calendar([
                "BEGIN:VEVENT", "UID:c@test", "DTSTART:20261201T090000Z", "DTEND:20261201T100000Z",
                "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "SUMMARY:x", "END:VEVENT",
            ])
        ),
    ]

    @Test(arguments: malformed.map(\.0))
    func aMalformedFileIsRefusedWithPathAndLineAndChangesNothing(name: String) async throws {
        let ws = try await centre()
        let text = try #require(Self.malformed.first { $0.0 == name }?.1)
        let path = try write(ws, "\(name).ics", text)
        let before = try snapshot(ws)
        for command in [["calendar", "import-closed", path], ["clinician", "absence", "import", "C-ROUX", path]] {
            let result = await ws.run(arguments: command)
            #expect(result.status == 1, "\(command): \(result.errors)")
            #expect(result.errors.contains("\(path): line "), "\(result.errors)")
            #expect(result.errors.contains("nothing was imported"))
            let after = try snapshot(ws)
            #expect(after.0 == before.0 && after.1 == before.1, "\(command) changed the database")
        }
    }

    @Test func aTimedEventIsNotAClosedDayAndNothingIsImported() async throws {
        let ws = try await centre()
        let path = try write(
            ws, "mixed.ics",
            Self.calendar(
                Self.leave + [
                    "BEGIN:VEVENT", "UID:t@test", "DTSTART;TZID=Europe/Paris:20261224T140000",
                    "DTEND;TZID=Europe/Paris:20261224T180000", "SUMMARY:Fermeture à 14h", "END:VEVENT",
                ]))
        let result = await ws.run("calendar", "import-closed", path)
        #expect(result.status == 1)
        #expect(result.errors.contains("line 10") && result.errors.contains("all-day"))
        #expect(try snapshot(ws).0.closedDays == 0)
    }

    @Test func absencesWithRRuleAndExdateAreExpandedWithinThePeriod() async throws {
        let ws = try await centre()
        let path = try write(
            ws, "roux.ics",
            Self.calendar(
                Self.leave + [
                    "BEGIN:VEVENT", "UID:w@test", "DTSTART;TZID=Europe/Paris:20261202T133000",
                    "DTEND;TZID=Europe/Paris:20261202T170000", "RRULE:FREQ=WEEKLY;BYDAY=WE",
                    "EXDATE;TZID=Europe/Paris:20261223T133000,20261230T133000", "SUMMARY:Supervision", "END:VEVENT",
                ]))
        let result = await ws.run(
            "clinician", "absence", "import", "C-ROUX", path, "--from", "2026-12-01", "--to", "2027-01-31")
        #expect(result.status == 0, "\(result.errors)")
        // Wednesdays 2 Dec 2026 - 27 Jan 2027 are 9; two are excluded; plus the leave.
        #expect(result.output.contains("Imported 8 absences of C-ROUX"))
        let list = await ws.run("clinician", "absence", "list", "C-ROUX")
        #expect(list.output.contains("Mon 2026-12-21 00:00  Thu 2026-12-24 00:00  Congés"))
        #expect(list.output.contains("Wed 2027-01-06 13:30  Wed 2027-01-06 17:00  Supervision"))
        #expect(!list.output.contains("2026-12-23 13:30"))
        #expect(
            await ws.run("clinician", "absence", "import", "C-ROUX", path, "--from", "2026-12-01", "--to", "2027-01-31")
                .output.contains("8 already recorded"))
        #expect(await ws.run("clinician", "absence", "import", "C-NOBODY", path).status == 4)
    }

    @Test func closedDaysAndAbsencesCanBeTypedByHand() async throws {
        let ws = try await centre()
        let closed = await ws.run("closed", "add", "24/12/2026", "--label", "Veille de Noël")
        #expect(closed.status == 0, "\(closed.errors)")
        #expect(await ws.run("closed", "list").output.contains("Thu 2026-12-24  Veille de Noël"))
        #expect(await ws.run("closed", "add", "2026-12-24").output.contains("already closed"))

        let days = await ws.run(
            "clinician", "absence", "add", "C-ROUX", "2026-12-21", "2026-12-23", "--reason", "Congés")
        #expect(days.status == 0, "\(days.errors)")
        #expect(days.output.contains("from Mon 2026-12-21 00:00 to Thu 2026-12-24 00:00"))
        let hours = await ws.run("clinician", "absence", "add", "C-ROUX", "2027-03-28 13:30", "2027-03-28T17:00")
        #expect(hours.status == 0, "\(hours.errors)")
        #expect(await ws.run("clinician", "absence", "add", "C-ROUX", "2026-12-23", "2026-12-21").status == 2)
        #expect(
            await ws.run("clinician", "absence", "add", "C-ROUX", "2027-03-28 02:30", "2027-03-28 04:00").status == 2)
        let json = await ws.run("clinician", "absence", "list", "C-ROUX", "--format", "json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        // 13:30 on the day summer time starts is 11:30 UTC.
        #expect(rows.map { $0["start"] as? String } == ["2026-12-20T23:00:00Z", "2027-03-28T11:30:00Z"])
    }
}
