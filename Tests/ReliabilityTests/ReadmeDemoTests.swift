import Foundation
import Testing

/// What the README's first command does once built: `parcours demo` run by hand in a directory
/// of its own, no --db, no --pathways, output to a file (not a terminal). Scripts/readme-check
/// runs the README's line itself in a clean clone; this pins the same promises on every test run.
@Suite(.disabled(if: ParcoursBinary.missing, ParcoursBinary.skipReason))
struct ReadmeDemoTests {
    /// The story's steps, in the order the README's paragraph tells them.
    static let steps = [
        "Sample centre", "Referrals", "Enrolments", "Group cohort", "Waiting list",
        "Attendance", "Calendar feeds", "Completion report", "What next",
    ]

    /// The desk's demo accounts, as the demo's last lines name them: name and role.
    static let deskAccounts = [
        "secretariat (secretary)", "clinicien (clinician,", "coordination (coordinator)", "admin (admin)",
    ]

    @Test func theDemoInAnEmptyDirectoryTellsItsStepsInPlainLinesAndLeavesAWorkingCentre() async throws {
        let scratch = try ScratchDirectory()
        let fresh = scratch.url.appendingPathComponent("fresh")
        try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
        let demo = try await RunningParcours(
            ["demo", "--today", "2026-11-26"], in: scratch.url, workingDirectory: fresh,
            asNewcomer: true
        ).finish()
        #expect(demo.status == 0, "\(demo.errors)")

        // Written where the newcomer stands.
        #expect(FileManager.default.fileExists(atPath: fresh.appendingPathComponent("parcours.sqlite").path))
        let feeds = try FileManager.default.contentsOfDirectory(atPath: fresh.appendingPathComponent("feeds").path)
        #expect(feeds.filter { $0.hasSuffix(".ics") }.count == 12)
        let report = try String(contentsOf: fresh.appendingPathComponent("completion-report.html"), encoding: .utf8)
        #expect(report.contains("<svg class=\"funnel\""))

        // Plain text: no escape code, no carriage return of a progress bar, one heading per step.
        #expect(!demo.output.contains("\u{1B}") && !demo.errors.contains("\u{1B}"))
        #expect(!demo.output.contains("\r") && !demo.errors.contains("\r"))
        let lines = demo.output.components(separatedBy: "\n")
        let headings = lines.filter { $0.hasPrefix("[") && $0.contains("/\(Self.steps.count)] ") }
        #expect(headings.count == Self.steps.count, "\(headings)")
        for (index, (heading, title)) in zip(headings, Self.steps).enumerated() {
            #expect(heading.hasPrefix("[\(index + 1)/\(Self.steps.count)] \(title): "), "\(heading)")
        }
        // No ./Pathways there: the care tracks and calendars shipped beside the binary (SwiftPM resources).
        #expect(
            lines.contains {
                $0.contains("Care tracks from ") && $0.contains("Parcours_ParcoursCLI.resources/Pathways")
            })
        #expect(!lines.contains { $0.contains("skipped closed days") })
        #expect(lines.contains { $0.contains("Refused: P-") && $0.contains("under the track's minimum age of 18") })
        #expect(lines.contains { $0.contains("no conflict") && $0.hasPrefix("[5/") })
        let attendance = try #require(headings.first { $0.hasPrefix("[6/") })
        #expect(
            attendance.contains("up to 2026-11-26") && attendance.contains(" attended, ")
                && attendance.contains(" drop-outs"))
        let url = try #require(lines.map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("http://") })
        #expect(url.hasPrefix("http://127.0.0.1:8080/feeds/") && url.hasSuffix(".ics"))
        #expect(lines.contains { $0.contains("parcours serve") })
        for guide in ["docs/secretary.md", "docs/clinician.md", "docs/coordinator.md"] {
            #expect(demo.output.contains(guide))
        }

        let doctor = try await RunningParcours(["doctor"], in: scratch.url, workingDirectory: fresh, asNewcomer: true)
            .finish()
        #expect(doctor.status == 0, "\(doctor.output)\(doctor.errors)")

        // It ends with the desk: where to open it, and one account per role with its one-time password.
        let last = lines.reversed().drop { $0.trimmingCharacters(in: .whitespaces).isEmpty }.prefix(6).reversed()
        let accounts = Array(last.suffix(4)).map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(Array(last)[0].contains("The desk: run `parcours serve`, open http://127.0.0.1:8080/"), "\(last)")
        #expect(accounts.map { "\($0.first ?? "") \($0.dropFirst().first ?? "")" } == Self.deskAccounts, "\(last)")
        let busiest = try #require(
            lines.first { $0.contains("Subscription URL for ") }?.split(separator: "(").dropFirst().first?
                .prefix { $0 != "," })
        #expect(accounts[1].contains { $0 == "\(busiest))" }, "the clinician account is the busiest clinician's")
        let passwords = accounts.compactMap(\.last).map(String.init)
        #expect(
            Set(passwords).count == 4 && passwords.allSatisfy { $0.count == 19 && $0.split(separator: "-").count == 4 })
        let users = try await RunningParcours(
            ["user", "list"], in: scratch.url, workingDirectory: fresh, asNewcomer: true
        ).finish()
        #expect(users.status == 0, "\(users.errors)")
        for password in passwords {
            #expect(!users.output.contains(password), "a password is shown once, never listed")
        }
        let rows = users.output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(
            rows.contains { $0.prefix(4) == ["clinicien", "clinician", String(busiest), "active"] }, "\(users.output)")
    }
}
