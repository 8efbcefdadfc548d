import ArgumentParser
import CareModel
import Foundation
import Store

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Who changed what, when and why: the append-only audit log.",
        discussion: """
            Oldest first (--newest-first to reverse), in local time (Europe/Paris) with the weekday.
            --patient finds every change about a patient: their record, enrolments, appointments,
            measures and group places. The table shows before/after with --details; JSON always has them.
            The log never holds a name, phone or address: only codes and what changed.

            Examples:
              parcours audit --patient P-VGPD
              parcours audit --since 2026-11-01 --actor marie --limit 50 --newest-first --details
              parcours audit verify
            """,
        subcommands: [AuditVerifyCommand.self]
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Option(help: "Only changes about this patient.", transform: Parse.patientCode) var patient: PatientCode?
    @Option(help: "Only changes from this local day on (2026-11-26 or 26/11/2026).", transform: Parse.date)
    var since: LocalDate?
    @Option(help: "Only changes made by this person (as given to --as).") var actor: String?
    @Option(parsing: .unconditional, help: "At most this many rows.") var limit: Int?
    @Flag(help: "Newest change first.") var newestFirst = false
    @Flag(help: "Show each change's record before and after, under its row.") var details = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit: '\(limit)' is too few; expected 1 or more") }
    }

    /// One row of `--format json`: times both local and UTC, before/after as JSON values.
    struct Row: Encodable {
        let id: Int64, at: Date, local: String, actor: String, action: String, entity: String, record: String
        let patient: String?, reason: String?, before: JSONText?, after: JSONText?
    }

    func run() async throws {
        let store = try global.openStoreReadOnly()
        let from = since.map { CalendarFiles.midnight($0) }
        let entries = try store.auditEntries(
            AuditQuery(
                patient: patient, since: from, actor: actor, limit: limit,
                newestFirst: newestFirst))
        if output.format == .json {
            say(
                try renderJSON(
                    entries.map {
                        Row(
                            id: $0.id, at: $0.at, local: Shown.dateTimeSeconds($0.at), actor: $0.actor,
                            action: $0.action, entity: $0.entity,
                            record: $0.entityID, patient: $0.patient?.rawValue, reason: $0.reason,
                            before: $0.before.map(JSONText.init), after: $0.after.map(JSONText.init))
                    }))
            return
        }
        guard !entries.isEmpty else {
            say("(none)")
            return
        }
        var table = TextTable("WHEN", "ACTOR", "ACTION", "RECORD", "PATIENT", "REASON")
        for e in entries {
            table.add(
                Shown.dateTimeSeconds(e.at), e.actor, e.action, "\(e.entity) \(e.entityID)", e.patient?.rawValue ?? "-",
                e.reason ?? "-")
        }
        guard details else {
            say(table.render())
            say(
                "\(entries.count) change\(entries.count == 1 ? "" : "s"); --details shows each record before and after."
            )
            return
        }
        let lines = table.render().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out = Array(lines.prefix(2))
        for (line, e) in zip(lines.dropFirst(2), entries) {
            out.append(line)
            if let before = e.before { out.append("    before \(before)") }
            if let after = e.after { out.append("    after  \(after)") }
        }
        say(out.joined(separator: "\n"))
    }
}

/// Text that already is JSON, written into JSON output as the value it holds, not as a string.
struct JSONText: Encodable {
    let text: String

    init(_ text: String) { self.text = text }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) {
            try container.encode(value)
        } else {
            try container.encode(text)
        }
    }
}

/// Any JSON value, to carry stored JSON through `Encodable` output unchanged.
enum JSONValue: Codable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case let .bool(b): try c.encode(b)
        case let .number(n):
            if n == n.rounded(), abs(n) < 1e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case let .string(s): try c.encode(s)
        case let .array(a): try c.encode(a)
        case let .object(o): try c.encode(o)
        }
    }
}

struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the audit log's hash chain: was any row edited, inserted or deleted outside Parcours?",
        discussion: """
            Each audit row carries a hash of its content and of the row before it. This recomputes
            the chain and names the first row that does not match. It prints the last hash (the
            head): keep it with your backups, and a later run shows whether even the whole log
            was rewritten since. Exits 0 when the chain holds, 1 when it is broken.

            Example: parcours audit verify
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let report = try global.openStoreReadOnly().verifyAuditChain()
        if output.format == .json {
            say(try renderJSON(report))
        } else if report.isIntact {
            say("Audit chain intact: \(report.rows) rows, head \(report.head).")
        } else {
            say("Audit chain broken: \(report.detail ?? "")")
        }
        if let row = report.firstBrokenRow { throw AuditChainBroken(row: row) }
    }
}

/// The audit log was changed outside Parcours (already described above).
struct AuditChainBroken: CommandFailure {
    let row: Int64
    var message: String {
        "the audit log was changed outside Parcours from row \(row) on; keep a copy of the file (parcours backup) and compare it with your backups"
    }
    var exitCode: Int32 { ExitStatus.error }
}
