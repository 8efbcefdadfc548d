import ArgumentParser
import Booking
import Foundation
import ScheduleCheck
import Store

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the database: integrity, references, schema, and every hard constraint of the calendar.",
        discussion: """
            Runs SQLite's integrity and foreign-key checks, verifies the schema version and its guard
            triggers, looks for double bookings, duplicated or orphaned sessions, and re-verifies every
            stored session with the independent checker (hours, absences, closed days, rooms,
            interpreters, keep-apart), checks that every series keeps the track's order and spacing,
            and lists the sessions moved against a rule on purpose (move --force). Read-only: it repairs nothing, it tells you what to repair.
            Exits 0 when every check is OK, 1 when one finds a problem.

            Example: parcours doctor --format json
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Flag(help: "Only the integrity, reference and schema checks (seconds on any size of centre).") var fast = false

    /// Kinds that describe a solution against its requests, not a stored calendar: the doctor
    /// builds an instance without requests and spanning exactly the stored sessions, and a
    /// clinician who stopped taking new bookings keeps the sessions already made.
    static let notApplicable: Set<ViolationKind> = [
        .unrequestedSession, .outsideHorizon, .clinicianInactive, .roomInactive, .interpreterInactive,
    ]

    struct Report: Encodable {
        var database: String
        var schema: String
        var ok: Bool
        var checks: [HealthCheck]
        /// What is not a broken record but should be fixed: a database others may read.
        var warnings: [String]
    }

    func run() async throws {
        let store = try global.openStoreReadOnly()
        var checks = fast ? store.quickHealthChecks() : store.healthChecks()
        if !fast {
            let overrides = (try? store.overrides()) ?? []
            checks.append(calendarCheck(store, overrides: overrides))
            checks.append(Self.overrideCheck(overrides))
            if let catalog = try? global.loadCatalog() {
                checks.append(
                    SeriesInvariants.healthCheck(
                        store: store, catalog: catalog,
                        settingAside: Set(overrides.map(\.appointment))))
            } else {
                checks.append(
                    HealthCheck(
                        name: "series", title: "skipped: the care tracks could not be loaded (--pathways)",
                        problems: 0, examples: []))
            }
        }
        let report = Report(
            database: store.path, schema: (try? store.schemaVersion) ?? "unreadable",
            ok: checks.allSatisfy(\.isOK), checks: checks, warnings: store.fileWarnings())
        for warning in report.warnings { warn("warning: \(warning)") }
        if output.format == .json {
            say(try renderJSON(report))
        } else {
            say("Database \(report.database), schema \(report.schema)")
            var table = TextTable("CHECK", "RESULT", "WHAT")
            for check in checks {
                let result = check.isOK ? Style.good("OK") : Style.alert("PROBLEM (\(check.problems))")
                table.add(check.name, result, check.title + (check.checked.map { ", \($0) checked" } ?? ""))
            }
            say(table.render())
            for check in checks where check.name == "overrides" && !check.examples.isEmpty {
                say("")
                say(
                    "overrides: \(check.examples.count) session\(check.examples.count == 1 ? "" : "s") placed against a rule on purpose"
                )
                for example in check.examples { say("  - \(example)") }
            }
            for check in checks where !check.isOK {
                say("")
                say("\(check.name): \(check.problems) problem\(check.problems == 1 ? "" : "s")")
                for example in check.examples { say("  - \(example)") }
                if check.problems > check.examples.count {
                    say("  … and \(check.problems - check.examples.count) more")
                }
            }
        }
        let failed = checks.filter { !$0.isOK }
        if !failed.isEmpty { throw DoctorFound(checks: failed.map(\.name)) }
    }

    /// Every active session re-verified by the independent checker, separate code from the solver.
    func calendarCheck(_ store: ParcoursStore, overrides: [SessionOverride]) -> HealthCheck {
        let name = "calendar", title = "independent checker: every hard constraint of every active session"
        do {
            let calendar = try SnapshotBuilder().storedCalendar(
                store: store, settingAside: Set(overrides.map(\.appointment)))
            let found = IndependentChecker.violations(problem: calendar.problem, sessions: calendar.sessions)
                .filter { !Self.notApplicable.contains($0.kind) }
            var counts: [ViolationKind: Int] = [:]
            var firstOfKind: [ViolationKind: String] = [:]
            for violation in found {
                counts[violation.kind, default: 0] += 1
                if firstOfKind[violation.kind] == nil {
                    firstOfKind[violation.kind] = "\(violation.kind.rawValue): \(violation.detail)"
                }
            }
            let kinds = counts.keys.sorted()
            let byKind = kinds.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
            // The first session of each kind, so every kind found has a record to look up.
            return HealthCheck(
                name: name, title: title, checked: calendar.sessions.count, problems: found.count,
                examples: (found.isEmpty ? [] : ["by kind: \(byKind)"]) + kinds.compactMap { firstOfKind[$0] })
        } catch {
            return HealthCheck(name: name, title: title, problems: 1, examples: ["could not run: \(error)"])
        }
    }
}

extension DoctorCommand {
    /// Sessions moved against a rule with `--force --reason`: listed, never counted as problems
    /// (the calendar check still finds any clash with them).
    static func overrideCheck(_ overrides: [SessionOverride]) -> HealthCheck {
        HealthCheck(
            name: "overrides",
            title: "sessions placed against a rule on purpose (move --force), not counted as problems",
            checked: overrides.count, problems: 0,
            examples: overrides.map {
                "\($0.appointment): \($0.rules.joined(separator: "; ")) (why: \($0.reason), by \($0.actor))"
            })
    }
}

/// The doctor found problems (already listed in its report).
struct DoctorFound: CommandFailure {
    let checks: [String]
    var message: String {
        "\(checks.count) check\(checks.count == 1 ? "" : "s") found a problem (\(checks.joined(separator: ", "))); "
            + "see the report above, and keep a copy of the file (parcours backup) before repairing"
    }
    var exitCode: Int32 { ExitStatus.error }
}
