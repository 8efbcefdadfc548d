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
    }
}
