import ArgumentParser
import Booking
import CareModel
import Foundation
import Store

/// `parcours room unavailable` and `parcours interpreter unavailable`: when a room or an
/// interpreter cannot be booked. The two families differ only in the resource they name; the
/// work is in Booking (`recordUnavailability`) and the Store.
enum UnavailabilityCLI {
    /// The options `add` takes, for both families.
    struct AddOptions: ParsableArguments {
        @Option(help: "First day, or start time \"2026-12-02 13:30\".", transform: Parse.moment) var from: Moment
        @Option(help: "Last day (included), or end time \"2026-12-02 17:00\".", transform: Parse.moment) var to: Moment
        @Option(help: "Why, for staff (e.g. fuite, travaux).", transform: Parse.name) var reason: String
        @Flag(
            help:
                "Move the sessions it hits, all or none, in the same transaction: another one at the same time first, else another time."
        )
        var replan = false
    }

    static func add(
        _ resource: UnavailableResource, options: AddOptions, global: GlobalOptions, command: String
    ) throws {
        let service = try global.bookingService()
        try requireExists(resource, store: service.store)
        let start = options.from.start, end = options.to.end
        guard end > start else {
            throw CLIError.invalidArgument(
                name: "--to", value: options.to.text, expected: "a time after --from \(options.from.text)")
        }
        let today = global.todayInClinic
        for (name, moment) in [("--from", options.from), ("--to", options.to)] {
            if let expected = PlausibleDates.unavailability(moment.day, today: today) {
                throw CLIError.invalidArgument(name: name, value: moment.text, expected: expected)
            }
        }
        guard end > global.now else {
            throw CLIError.invalidArgument(
                name: "--to", value: options.to.text, expected: "a time after now (\(Shown.dateTime(global.now)))")
        }
        let outcome = try service.recordUnavailability(
            resource, from: start, to: end, reason: options.reason, replan: options.replan, today: today)
        let saved = outcome.saved
        say(
            outcome.added
                ? "Recorded \(resource) unavailable from \(Shown.dateTime(saved.start)) to \(Shown.dateTime(saved.end)) "
                    + "(unavailability \(saved.id.map(String.init) ?? "?"))."
                : "This unavailability of \(resource) is already recorded (unavailability "
                    + "\(saved.id.map(String.init) ?? "?"), to \(Shown.dateTime(saved.end))); nothing new recorded.")
        if let report = try clashReport(outcome, resource: resource, store: service.store, command: command) {
            say(report)
        }
    }

    static func list(
        _ resource: UnavailableResource?, kind: String, format: OutputFormat, global: GlobalOptions
    )
        throws
    {
        let store = try global.openStoreReadOnly()
        if let resource { try requireExists(resource, store: store) }
        let records = try store.unavailabilities(of: resource, kind: kind)
        try emit(records, format: format) {
            var table = TextTable("ID", kind.uppercased(), "FROM", "TO", "REASON", "BY")
            for u in records {
                table.add(
                    u.id.map(String.init) ?? "?", u.resource.id, Shown.dateTime(u.start), Shown.dateTime(u.end),
                    u.reason, u.createdBy ?? "")
            }
            return table
        }
    }

    static func remove(_ id: Int64, kind: String, reason: String?, global: GlobalOptions) throws {
        let store = try global.openStore()
        guard let record = try store.unavailabilities(kind: kind).first(where: { $0.id == id }) else {
            throw CLIError.notFound(kind: "\(kind) unavailability", id: String(id))
        }
        try store.removeUnavailability(id, actor: global.actor, reason: reason)
        say(
            "Removed unavailability \(id) of \(record.resource) (\(Shown.dateTime(record.start)) to "
                + "\(Shown.dateTime(record.end))); \(record.resource.id) can be booked then again.")
    }

    static func requireExists(_ resource: UnavailableResource, store: ParcoursStore) throws {
        let known =
            switch resource {
            case let .room(id): try store.room(id) != nil
            case let .interpreter(id): try store.interpreter(id) != nil
            }
        guard known else { throw CLIError.notFound(kind: resource.kind, id: resource.id) }
    }

    /// The sessions the unavailability hits: listed with how to replan them, or, after
    /// `--replan`, where each went. Patients by code only; address-protected ones masked.
    static func clashReport(
        _ outcome: BookingService.ResourceOutcome, resource: UnavailableResource, store: ParcoursStore,
        command: String
    ) throws -> String? {
        guard !outcome.hit.isEmpty else { return nil }
        let protected = try store.protectedPatientCodes()
        let now = Dictionary(
            (outcome.sameTime + outcome.moved).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var table =
            now.isEmpty
            ? TextTable("ID", "DAY", "TIME", "CLINICIAN", "PATIENT")
            : TextTable("ID", "DAY", "TIME", "CLINICIAN", "PATIENT", "NOW", "WITH")
        for a in outcome.hit {
            var cells = [
                a.id.rawValue, Shown.day(a.start), Shown.hours(a.start, a.end),
                a.clinicians.map(\.rawValue).joined(separator: "+"),
                protected.contains(a.patient) ? SessionTable.protectedLabel : a.patient.rawValue,
            ]
            if let moved = now[a.id] {
                let with =
                    switch resource {
                    case .room: moved.room?.rawValue ?? "-"
                    case .interpreter: moved.interpreter?.rawValue ?? "-"
                    }
                cells += [
                    "\(Shown.day(moved.start)) \(Shown.hours(moved.start, moved.end))",
                    "\(with), \(moved.clinicians.map(\.rawValue).joined(separator: "+"))"
                        + (outcome.toColleague.contains(a.id) ? " (colleague)" : ""),
                ]
            }
            table.add(row: cells)
        }
        if !now.isEmpty {
            return [
                "Replanned \(now.count) session\(now.count == 1 ? "" : "s"): \(outcome.sameTime.count) kept at "
                    + "\(outcome.sameTime.count == 1 ? "its" : "their") time with another \(resource.kind), "
                    + "\(outcome.moved.count) moved (\(outcome.toColleague.count) to a colleague):",
                table.render(),
            ].joined(separator: "\n")
        }
        let count = outcome.hit.count == 1 ? "1 session is" : "\(outcome.hit.count) sessions are"
        return [
            Style.alert("WARNING: \(count) still booked with \(resource) during this unavailability:"),
            table.render(),
            "Replan them all (another \(resource.kind) at the same time first): run the same command again "
                + "with --replan, e.g. \(command) --replan; or move each one: parcours move \(outcome.hit[0].id.rawValue) --auto",
        ].joined(separator: "\n")
    }

    /// The `add` command line as typed, for the hint that says how to replan.
    static func commandLine(_ family: String, _ id: String, _ options: AddOptions) -> String {
        func quoted(_ text: String) -> String { text.contains(" ") ? "\"\(text)\"" : text }
        return "parcours \(family) unavailable add \(id) --from \(quoted(options.from.text)) "
            + "--to \(quoted(options.to.text)) --reason \(quoted(options.reason))"
    }
}
