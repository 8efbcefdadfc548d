import ArgumentParser
import Benchmarks
import CareModel
import Foundation
import ScheduleCheck
import Scheduler

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Count every hard-constraint violation of a solution, independently of the solver.",
        discussion: """
            Prints a JSON report: violations by kind, sessions and patients booked, objective terms.
            Exits 3 when the solution breaks a hard constraint.

            Example: parcours check instance.json solution.json
            """
    )
    @Argument(help: "The instance file.") var instance: String
    @Argument(help: "The solution file.") var solution: String
    /// JSON by default, unlike listings: `check` is read by scripts and benchmark runs first.
    @Option(help: "Output format: json (default) or table.") var format: OutputFormat = .json

    func run() async throws {
        let problem = try SchedulingProblem.read(try readFile(instance), source: instance)
        let rows = try ScheduleSolution.decode(try readFile(solution), source: solution)
        let report = IndependentChecker.check(problem: problem, solution: rows)
        if format == .json { say(try renderJSON(report)) } else { say(Self.table(report)) }
        guard report.isValid else { throw SolutionInvalid(violations: report.violations) }
    }
}

extension CheckCommand {
    /// The report for a person: the counts, then each violation kind and its first lines.
    static func table(_ report: CheckReport) -> String {
        var lines = [
            "Sessions booked \(report.sessionsBooked) of \(report.sessionsRequested); patients fully booked "
                + "\(report.patientsFullyBooked), partly \(report.patientsPartiallyBooked), not booked \(report.patientsNotBooked)."
        ]
        guard !report.isValid else {
            return (lines + [Style.good("No hard-constraint violation.")]).joined(separator: "\n")
        }
        var table = TextTable("VIOLATION", "COUNT")
        for (kind, count) in report.byKind.sorted(by: { $0.key < $1.key }) { table.add(kind, String(count)) }
        lines += [
            Style.alert("\(report.violations) hard-constraint violation\(report.violations == 1 ? "" : "s")"),
            table.render(),
        ]
        lines += report.details.prefix(20).map { "  - \($0)" }
        if report.details.count > 20 || report.detailsTruncated {
            lines.append("  … --format json lists up to \(CheckReport.detailCap)")
        }
        return lines.joined(separator: "\n")
    }
}

/// `check` found hard-constraint violations (already printed in the report).
struct SolutionInvalid: CommandFailure {
    let violations: Int
    var message: String { "the solution breaks \(violations) hard constraint\(violations == 1 ? "" : "s")" }
    var exitCode: Int32 { ExitStatus.refused }
}
