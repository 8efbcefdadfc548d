import ArgumentParser
import Foundation
import Testing

@testable import ParcoursCLI

/// `--format json` on every command that lists or reports, valid JSON on a demo centre, and
/// address-protected patients no more visible in JSON than on the secretary's screen.
@Suite struct OutputFormatCLITests {
    /// Commands that list or report without being called `list` or `show`.
    static let reporting: Set<String> = [
        "waitlist", "agenda", "audit", "audit verify", "status", "doctor", "book", "move", "cancel", "schedule",
        "group book",
        "report completion", "report capacity", "check", "bench serve", "bench desk", "calendar subscriptions",
    ]

    /// Commands without `--format`, each with the reason.
    static let excluded: [String: String] = [
        "init": "creates an empty database; one line",
        "pathway validate": "problems go to stderr as file:line, the form editors jump to",
        "clinician add": "one-line confirmation of what was typed",
        "clinician deactivate": "one-line confirmation",
        "clinician absence add": "one-line confirmation; `clinician absence list --format json` lists",
        "clinician absence import": "one-line import summary",
        "room add": "one-line confirmation",
        "interpreter add": "one-line confirmation",
        "room edit": "one-line confirmation; `room list --format json` lists the record",
        "room deactivate": "confirmation and the sessions that need another room; `agenda --format json` lists",
        "room reactivate": "one-line confirmation",
        "interpreter edit": "one-line confirmation; `interpreter list --format json` lists the record",
        "interpreter deactivate":
            "confirmation and the sessions that need another interpreter; `agenda --format json` lists",
        "interpreter reactivate": "one-line confirmation",
        "room unavailable add": "confirmation and the sessions hit; `room unavailable list --format json` lists",
        "room unavailable remove": "one-line confirmation",
        "interpreter unavailable add":
            "confirmation and the sessions hit; `interpreter unavailable list --format json` lists",
        "interpreter unavailable remove": "one-line confirmation",
        "patient add": "prints the new code and safety notes; `patient show CODE --format json` reports",
        "patient protect": "one-line confirmation",
        "patient forget": "one-line confirmation",
        "patient identity": "one-line confirmation",
        "enrol": "confirmation; `status CODE --format json` reports the enrolment",
        "measure record": "one-line confirmation",
        "attend": "one-line confirmation",
        "no-show": "one-line confirmation",
        "drop-out": "confirmation; `agenda --patient CODE --all --format json` lists what was cancelled",
        "refer-out": "confirmation; `agenda --patient CODE --all --format json` lists what was cancelled",
        "group create": "one-line confirmation",
        "group add": "one-line confirmation",
        "solve": "its output is a solution file (JSON, docs/scheduling.md), never a table",
        "demo": "a guided story for people; every listing it shows has its own --format json",
        "export": "writes iCalendar, the feed format calendars read",
        "feed create": "prints a secret URL once; no copy belongs in a JSON log",
        "feed revoke": "one-line confirmation",
        "feed rotate": "prints a secret URL once",
        "serve": "a server, not a report",
        "calendar import-closed": "one-line import summary",
        "calendar subscribe": "one-line confirmation",
        "calendar unsubscribe": "one-line confirmation",
        "calendar set-replan": "one-line confirmation",
        "clinician edit": "one-line confirmation; `clinician show ID` prints the caps",
        "calendar refresh": "one line per subscription, then the clash table `clinician absence import` prints",
        "closed add": "one-line confirmation",
        "closed remove": "one-line confirmation",
        "bench generate": "its output is an instance file (JSON) by definition",
        "bench schedule": "prints JSON figures only",
        "bench quality":
            "a benchmark run of minutes: the Markdown table docs/performance.md quotes (JSON with --format json)",
        "bench book-one": "prints JSON figures only",
        "bench ics": "prints JSON figures only",
        "bench report": "prints JSON figures only",
        "bench centre": "prints JSON figures only",
        "backup": "one-line confirmation",
        "restore": "two-line confirmation",
        "user add": "prints a one-time password once; no copy belongs in a JSON log",
        "user disable": "one-line confirmation",
        "user reset-password": "prints a one-time password once",
        "bench simulate": "prints JSON figures only",
        "bench everyday": "prints JSON figures only",
    ]

    /// Every command as its words, groups included (`audit` lists the log and also has `verify`).
    static func nodes(
        _ type: any ParsableCommand.Type = ParcoursCommand.self, path: [String] = []
    ) -> [(String, any ParsableCommand.Type)] {
        [(path.joined(separator: " "), type)]
            + type.configuration.subcommands.flatMap { nodes($0, path: path + [$0._commandName]) }
    }

    /// Every leaf command as its words, e.g. `clinician absence list`, with its type.
    static func leaves(
        _ type: any ParsableCommand.Type = ParcoursCommand.self, path: [String] = []
    ) -> [(String, any ParsableCommand.Type)] {
        let children = type.configuration.subcommands
        guard !children.isEmpty else { return [(path.joined(separator: " "), type)] }
        return children.flatMap { leaves($0, path: path + [$0._commandName]) }
    }

    static func wantsFormat(_ path: String) -> Bool {
        let name = path.split(separator: " ").last.map(String.init) ?? path
        return name == "list" || name == "show" || reporting.contains(path)
    }

    @Test func everyListingOrReportingCommandAcceptsFormatJSON() throws {
        let all = Self.leaves()
        #expect(all.count > 40)
        for (path, type) in all {
            if Self.wantsFormat(path) {
                let help = ParcoursCommand.helpMessage(for: type)
                #expect(help.contains("--format"), "\(path) lists or reports but has no --format")
                // Parsing `--format json` may fail for a missing argument, never for the option itself.
                do {
                    _ = try ParcoursCommand.parseAsRoot(
                        path.split(separator: " ").map(String.init) + ["--format", "json"])
                } catch {
                    let message = ParcoursCommand.message(for: error)
                    #expect(
                        !message.contains("--format") && !message.lowercased().contains("unknown option"),
                        "\(path): \(message)")
                }
            } else {
                #expect(Self.excluded[path] != nil, "\(path) is neither a listing nor excluded with a reason: decide")
            }
        }
        let known = Dictionary(Self.nodes().map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        for path in Self.reporting.union(Self.excluded.keys) {
            #expect(known[path] != nil, "\(path) is in the test's sets but is no command")
        }
        // A group that also runs (`audit` lists the log) reports too.
        for path in Self.reporting where !all.contains(where: { $0.0 == path }) {
            if let type = known[path] {
                #expect(ParcoursCommand.helpMessage(for: type).contains("--format"), "\(path) has no --format")
            }
        }
    }

    @Test func everyListingPrintsValidJSONOnADemoCentre() async throws {
        let ws = try await Workspace.demoCentre()
        let patients = try jsonRows(await ws.run("patient", "list", "--format", "json").output)
        let enrolled = try #require(
            patients.first { $0["state"] as? String == "in-treatment" || $0["state"] as? String == "enrolled" })
        let code = try #require(enrolled["code"] as? String)
        let clinician = try #require(
            try jsonRows(await ws.run("clinician", "list", "--format", "json").output).first?["id"] as? String)
        let track = try #require(
            try jsonRows(await ws.run("pathway", "list", "--format", "json").output).first?["id"] as? String)
        #expect(await ws.run("clinician", "absence", "add", clinician, "2027-02-01", "2027-02-02").status == 0)
        #expect(await ws.run("closed", "add", "2027-05-07").status == 0)
        for resource in [["room", "R-102"], ["interpreter", "I-KOVAL"]] {
            let added = await ws.run(
                arguments: resource.prefix(1) + ["unavailable", "add"] + resource.suffix(1)
                    + ["--from", "2027-02-01", "--to", "2027-02-02", "--reason", "travaux"])
            #expect(added.status == 0, "\(added.errors)")
        }
        #expect(await ws.run("measure", "record", code, "PCL-5", "44", "--at", "2026-11-20").status == 0)
        #expect(await ws.run("feed", "create", "--clinician", clinician).status == 0)
        let (_, sessions) = try await ws.bookedReferral()
        #expect(sessions.count >= 3)
        let added = await ws.run(
            "patient", "add", "--birth", "1979-02-03", "--category", "domestic-violence",
            "--source", "legal-aid", "--referred", "2026-11-24")
        let unbooked = try #require(added.output.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        #expect(await ws.run("enrol", unbooked, "adult-domestic-violence").status == 0)

        // Each command, the arguments it needs, and whether the demo gives it something to show.
        let runs: [(path: String, args: [String], hasData: Bool)] = [
            ("patient list", [], true), ("patient show", [code], true), ("clinician list", [], true),
            ("clinician show", [clinician], true), ("clinician absence list", [clinician], true),
            ("room list", [], true), ("interpreter list", [], true), ("pathway list", [], true),
            ("room unavailable list", [], true), ("interpreter unavailable list", ["I-KOVAL"], true),
            ("pathway show", [track], true), ("waitlist", [], true), ("agenda", ["--week", "2026-W49"], true),
            ("audit", ["--limit", "20"], true), ("audit verify", [], true), ("status", [code], true),
            ("doctor", [], true),
            ("measure list", [code], true), ("report completion", [], true), ("report capacity", [], true),
            ("closed list", [], true), ("group list", [], false), ("feed list", [], true),
            ("calendar subscriptions", [], false),
            ("user list", [], false),
            ("book", [unbooked, "--dry-run"], true), ("schedule", ["--waitlist", "--dry-run"], true),
            ("move", [sessions[2], "--auto"], true),
            ("cancel", [sessions[1], "--by", "patient", "--reason", "ill"], true),
            ("bench desk", ["--users", "1", "--seconds", "0.2"], true),
        ]
        for run in runs {
            let words = run.path.split(separator: " ").map(String.init)
            let result = await ws.run(arguments: words + run.args + ["--format", "json"])
            #expect(result.status == 0, "\(run.path): \(result.errors)")
            let value = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
            if run.hasData {
                let empty = (value as? [Any])?.isEmpty ?? (value as? [String: Any])?.isEmpty ?? true
                #expect(!empty, "\(run.path) printed empty JSON on a centre with data")
            }
        }
        // Every command the first test requires `--format` of ran here, except those tested elsewhere:
        // `check` below, `group book` (needs a full group; BookingCLITests), `bench serve` (a load run).
        let elsewhere: Set<String> = ["check", "group book", "bench serve"]
        let wanted = Set(Self.leaves().map(\.0).filter(Self.wantsFormat)).subtracting(elsewhere)
        let ran = Set(runs.map(\.path))
        #expect(wanted.subtracting(ran).isEmpty, "not run: \(wanted.subtracting(ran).sorted())")
    }

    @Test func checkPrintsJSONByDefaultAndATableOnRequest() async throws {
        let ws = try Workspace()
        let instance = try await ws.generatedInstance(
            "--patients", "8", "--clinicians", "4", "--rooms", "3",
            "--interpreters", "1", "--weeks", "12")
        let solution = ws.directory.appendingPathComponent("solution.json").path
        try (await ws.runPlain("solve", instance)).output.write(toFile: solution, atomically: true, encoding: .utf8)
        for args in [[instance, solution], [instance, solution, "--format", "json"]] {
            let checked = await ws.run(arguments: ["check"] + args, plain: true)
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(checked.output.utf8)) as? [String: Any])
            #expect(report["violations"] as? Int == 0)
        }
        let table = await ws.runPlain("check", instance, solution, "--format", "table")
        #expect(table.status == 0)
        #expect(table.output.contains("No hard-constraint violation"), "\(table.output)")
    }

    @Test func aProtectedPatientIsNoMoreVisibleInJSONThanInTables() async throws {
        let ws = try await Workspace.demoCentre()
        let (code, ids) = try await ws.bookedReferral("--address-protected")
        #expect(ids.count >= 3)
        // Sessions keep their slot in JSON exports but name nobody, as in the agenda export.
        let moved = await ws.run("move", ids[2], "--auto", "--format", "json")
        #expect(moved.status == 0, "\(moved.errors)")
        #expect(!moved.output.contains(code) && moved.output.contains("\"patient\" : \"protected\""), "\(moved.output)")
        let cancelled = await ws.run("cancel", ids[1], "--by", "centre", "--reason", "room flooded", "--format", "json")
        #expect(cancelled.status == 0, "\(cancelled.errors)")
        #expect(!cancelled.output.contains(code), "\(cancelled.output)")
        let scheduled = await ws.run("schedule", "--waitlist", "--dry-run", "--format", "json")
        #expect(scheduled.status == 0, "\(scheduled.errors)")
        #expect(!scheduled.output.contains(code), "\(scheduled.output)")
        let listed = try jsonRows(await ws.run("patient", "list", "--identity", "--format", "json").output)
        let row = try #require(listed.first { $0["code"] as? String == code })
        #expect(row["name"] as? String == "protected" && row["addressProtected"] as? Bool == true)
        let table = await ws.run("patient", "list", "--identity")
        let line = try #require(table.output.split(separator: "\n").first { $0.hasPrefix(code) })
        #expect(line.contains("protected"))
        let shown = try #require(
            try JSONSerialization.jsonObject(
                with: Data(await ws.run("patient", "show", code, "--identity", "--format", "json").output.utf8))
                as? [String: Any])
        #expect(shown["identity"] == nil)
    }
}
