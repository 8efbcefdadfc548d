import CareModel
import Foundation
import Store
import Testing

@testable import ParcoursCLI

/// Issue 15: the import commands end with a summary (imported, skipped and why, with file:line),
/// and a file's own repeats are not called "already recorded".
@Suite struct CalendarImportSummaryCLITests {
    let helper = CalendarImportCommandTests()

    /// A Google-style export: empty DESCRIPTION and LOCATION, an X-WR-CALDESC with no value, the
    /// same leave listed twice (a copy under another UID), and a cancelled occurrence.
    static let export = CalendarImportCommandTests.calendar([
        "X-WR-CALDESC:",
        "BEGIN:VEVENT", "UID:a@google.com", "DTSTART;VALUE=DATE:20261221", "DTEND;VALUE=DATE:20261224",
        "DESCRIPTION:", "LOCATION:", "SUMMARY:Congés", "END:VEVENT",
        "BEGIN:VEVENT", "UID:b@google.com", "DTSTART;VALUE=DATE:20261221", "DTEND;VALUE=DATE:20261224",
        "SUMMARY:Congés (copie)", "END:VEVENT",
        "BEGIN:VEVENT", "UID:c@google.com", "DTSTART;TZID=Europe/Paris:20261229T140000",
        "DTEND;TZID=Europe/Paris:20261229T160000", "STATUS:CANCELLED", "SUMMARY:Formation", "END:VEVENT",
    ])

    @Test func absenceImportSaysWhatItSkippedWithFileAndLine() async throws {
        let ws = try await helper.centre()
        let path = try helper.write(ws, "google.ics", Self.export)
        let result = await ws.run(
            "clinician", "absence", "import", "C-ROUX", path, "--from", "2026-12-01", "--to", "2027-01-31")
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Imported 1 absence of C-ROUX") == true)
        #expect(lines.first?.hasSuffix("0 already recorded.") == true)
        #expect(
            lines.dropFirst().first
                == "Skipped: 1 cancelled occurrence, 1 absence repeated in the file, 3 parts that cannot matter:")
        #expect(lines.contains { $0.hasPrefix("  \(path):4: X-WR-CALDESC: empty value; skipped") })
        #expect(lines.contains { $0.hasPrefix("  \(path):9: DESCRIPTION: empty value; skipped") })
        #expect(lines.contains { $0.hasPrefix("  \(path):10: LOCATION: empty value; skipped") })
        let again = await ws.run(
            "clinician", "absence", "import", "C-ROUX", path, "--from", "2026-12-01", "--to", "2027-01-31")
        #expect(again.output.contains("Imported 0 absences") && again.output.contains("1 already recorded."))
    }

    /// A file that breaks RFC 5545 as real programs do is read by a documented rule, each reading
    /// listed with its line, none of them called a part that cannot matter.
    @Test func absenceImportListsWhatItReadByARuleWithFileAndLine() async throws {
        let ws = try await helper.centre()
        let broken = CalendarImportCommandTests.calendar([
            "BEGIN:VEVENT", "UID:a@test", "DTSTART;TZID=Europe/Paris:20261204T110000",
            "DTEND;TZID=Europe/Paris:20261204T090000", "SUMMARY:Formation", "END:VEVENT",
            "BEGIN:VEVENT", "UID:b@test", "DTSTART;VALUE=DATE:20261214", "DTEND:20261219T000000Z",
            "SUMMARY:Congés", "END:VEVENT",
        ])
        let path = try helper.write(ws, "broken.ics", broken)
        let result = await ws.run(
            "clinician", "absence", "import", "C-ROUX", path, "--from", "2026-12-01", "--to", "2027-01-31")
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Imported 2 absences of C-ROUX from Fri 2026-12-04 09:00") == true, "\(lines)")
        #expect(lines.dropFirst().first == "Read with care:")
        #expect(lines.contains { $0.hasPrefix("  \(path):7: DTEND: end before start; is before DTSTART") })
        #expect(lines.contains { $0.hasPrefix("  \(path):12: DTSTART: whole day and date-time mixed;") })
        #expect(!result.output.contains("cannot matter"))
    }

    @Test func closedDayImportSaysTheSameWay() async throws {
        let ws = try await helper.centre()
        let closures = CalendarImportCommandTests.calendar([
            "BEGIN:VEVENT", "UID:a@test", "DTSTART;VALUE=DATE:20261224", "CLASS:", "SUMMARY:Veille de Noël",
            "END:VEVENT",
            "BEGIN:VEVENT", "UID:b@test", "DTSTART;VALUE=DATE:20261224", "SUMMARY:Fermeture", "END:VEVENT",
        ])
        let path = try helper.write(ws, "closures.ics", closures)
        let result = await ws.run("calendar", "import-closed", path, "--from", "2026-12-01", "--to", "2026-12-31")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Imported 1 closed day from Thu 2026-12-24 to Thu 2026-12-24"))
        #expect(result.output.contains("Skipped: 1 closed day repeated in the file, 1 part that cannot matter:"))
        #expect(result.output.contains("\(path):7: CLASS: empty value; skipped"))
        #expect(await ws.run("closed", "list").output.contains("Veille de Noël"))
    }

    @Test func aRefusalNamesTheRealPropertyAndLineAndImportsNothing() async throws {
        let ws = try await helper.centre()
        let path = try helper.write(
            ws, "bad-rule.ics",
            CalendarImportCommandTests.calendar([
                "BEGIN:VEVENT", "UID:a@test", "DESCRIPTION:", "DTSTART;VALUE=DATE:20261221",
                "RRULE:FREQ=WEEKLY;BYDAY=XX",
                "SUMMARY:Congés", "END:VEVENT",
            ]))
        let result = await ws.run("clinician", "absence", "import", "C-ROUX", path)
        #expect(result.status == 1)
        #expect(result.errors.contains("\(path): line 8: RRULE cannot be read"), "\(result.errors)")
        #expect(result.errors.contains("nothing was imported"))
        #expect(try ParcoursStore.open(at: ws.db).counts().absences == 0)
    }
}
