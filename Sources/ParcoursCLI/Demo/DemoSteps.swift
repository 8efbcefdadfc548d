import Foundation

/// The numbered headings `parcours demo` tells its story with, so a newcomer can follow it and
/// a test can count it: every step starts with exactly one line `[n/N] Title: summary`.
///
/// Bold on a terminal; plain text (no escape code at all) in a pipe, a log or with NO_COLOR.
final class DemoSteps: @unchecked Sendable {
    /// The story, in the order it is told (and in the README's paragraph after the commands).
    static let titles = [
        "Sample centre", "Referrals", "Enrolments", "Group cohort", "Waiting list",
        "Attendance", "Calendar feeds", "Completion report", "What next",
    ]

    private var number = 0

    /// Prints the next step's heading; `title` must be the next of ``titles``.
    func begin(_ title: String, _ summary: String) {
        number += 1
        let heading = "[\(number)/\(Self.titles.count)] \(title): \(summary)"
        say("")
        say(Style.heading(heading))
    }

    /// A line under the current heading.
    func detail(_ line: String) { say("  " + line) }
}
