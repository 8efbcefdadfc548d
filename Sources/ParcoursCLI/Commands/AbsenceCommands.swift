import ArgumentParser
import Booking
import CareModel
import Foundation
import ICalendar
import Store

/// `parcours clinician absence`: when a clinician cannot be booked.
struct AbsenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "absence",
        abstract: "Record, import and list a clinician's absences (leave, training, half-days off).",
        discussion: """
            Examples:
              parcours clinician absence list C-ROUX
              parcours clinician absence add C-MOREAU 24/12/2026 31/12/2026 --reason Congés
              parcours clinician absence add C-ROUX "03/02/2027 14:00" "03/02/2027 17:00" --reason Formation
            """,
        subcommands: [Add.self, Import.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record one absence.",
            discussion: """
                Example: parcours clinician absence add C-ROUX 2026-12-21 2026-12-31 --reason Congés

                FROM and TO are days (the whole days, TO included) or local times like
                "2026-12-02 13:30" (TO is when the clinician is back).
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The clinician's id.", transform: Parse.identifier) var id: String
        @Argument(help: "First day, or start time \"2026-12-02 13:30\".", transform: Parse.moment) var from: Moment
        @Argument(help: "Last day, or end time \"2026-12-02 17:00\".", transform: Parse.moment) var to: Moment
        @Option(help: "Why, for staff (e.g. \"Formation EMDR\").") var reason: String?
        @Flag(help: "Move the sessions the absence falls on, in the same transaction.") var replan = false

        func run() async throws {
            let service = try global.bookingService()
            guard try service.store.clinician(ClinicianID(id)) != nil else {
                throw CLIError.notFound(kind: "clinician", id: id)
            }
            let start = from.start, end = to.end
            guard end > start else {
                throw CLIError.invalidArgument(name: "TO", value: to.text, expected: "a time after FROM \(from.text)")
            }
            let absence = ClinicianAbsence(clinician: ClinicianID(id), start: start, end: end, reason: reason)
            let outcome = try service.recordAbsences(
                [absence], replan: replan, today: global.todayInClinic, reason: reason)
            say(
                outcome.added.isEmpty
                    ? "This absence of \(id) was already recorded; nothing changed."
                    : "Recorded \(id) absent from \(Shown.dateTime(start)) to \(Shown.dateTime(end)).")
            if let report = try AbsenceCommand.clashReport(outcome, store: service.store) { say(report) }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a clinician's absences from an .ics file exported from their calendar.",
            discussion: """
                Example: parcours clinician absence import C-ROUX conges-roux.ics

                All-day and timed events become absences; repeating ones (RRULE, RDATE, EXDATE) are
                expanded between --from and --to (default: today to a year from today). Absences
                already recorded are left as they are. What cannot matter to an absence (an empty or
                unknown property or parameter) is skipped and listed with its line; a problem with a
                date, a time, a zone or a repeat rule refuses the file and imports nothing.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The clinician's id.", transform: Parse.identifier) var id: String
        @Argument(help: "The .ics file.") var file: String
        @Option(help: "First day of the period to import.", transform: Parse.date) var from: LocalDate?
        @Option(help: "Last day of the period to import.", transform: Parse.date) var to: LocalDate?
        @Flag(help: "Move the sessions the absences fall on, in the same transaction.") var replan = false

        func run() async throws {
            let service = try global.bookingService()
            guard try service.store.clinician(ClinicianID(id)) != nil else {
                throw CLIError.notFound(kind: "clinician", id: id)
            }
            let first = from ?? global.todayInClinic
            let last = to ?? first.adding(days: 365)
            guard last >= first else {
                throw CLIError.invalidArgument(
                    name: "--to", value: last.iso, expected: "a day on or after --from \(first.iso)")
            }
            let summary = try AbsenceCommand.importAbsences(
                of: ClinicianID(id), file: file, from: first, to: last, service: service, replan: replan,
                today: global.todayInClinic)
            say(summary)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a clinician's absences.", discussion: "Example: parcours clinician absence list C-ROUX")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The clinician's id.", transform: Parse.identifier) var id: String

        func run() async throws {
            let store = try global.openStoreReadOnly()
            guard try store.clinician(ClinicianID(id)) != nil else {
                throw CLIError.notFound(kind: "clinician", id: id)
            }
            let absences = try store.absences(clinician: ClinicianID(id))
            try emit(absences, format: output.format) {
                var table = TextTable("FROM", "TO", "REASON")
                for a in absences { table.add(Shown.dateTime(a.start), Shown.dateTime(a.end), a.reason ?? "") }
                return table
            }
        }
    }

    /// Imports `file` for `clinician` within `[from, to]` and returns the summary line; the
    /// recording (and, with `replan`, the moves) happen in Booking.
    static func importAbsences(
        of clinician: ClinicianID, file: String, from: LocalDate, to: LocalDate,
        service: BookingService, replan: Bool = false, today: LocalDate,
        select: ([ImportedEvent]) -> [ImportedEvent] = { $0 }
    ) throws -> String {
        let reading = try CalendarFiles.reading(
            file, from: CalendarFiles.midnight(from), to: CalendarFiles.midnight(to.adding(days: 1)))
        let planned = UnavailabilityImport.distinctAbsences(of: clinician, from: select(reading.events))
        let absences = planned.absences
        let outcome = try service.recordAbsences(
            absences, replan: replan, today: today, reason: "imported from \(file)")
        let details = ImportSummary(
            file: file, noun: "absence", imported: outcome.added.count, alreadyPresent: outcome.alreadyPresent,
            duplicatesInFile: planned.repeated, cancelled: planned.cancelled,
            warnings: reading.warnings
        ).lines
        guard let first = absences.map(\.start).min(), let last = absences.map(\.end).max() else {
            return
                ([
                    "No absence of \(clinician) in \(file) between \(Shown.day(from)) and \(Shown.day(to)); nothing changed."
                ]
                + details).joined(separator: "\n")
        }
        let summary =
            "Imported \(outcome.added.count) absence\(outcome.added.count == 1 ? "" : "s") of \(clinician) from "
            + "\(Shown.dateTime(first)) to \(Shown.dateTime(last)) (\(file)); \(outcome.alreadyPresent) already recorded."
        return ([summary] + details + [try clashReport(outcome, store: service.store)].compactMap { $0 }).joined(
            separator: "\n")
    }

    /// The sessions the recorded absences fall on: with the command that rebooks each, or, after
    /// `--replan`, where each went. Address-protected patients are masked as in every listing.
    ///
    /// Without `--replan` the absence is recorded either way (exit 0) and the sessions are listed
    /// loudly for a secretary's decision rather than moved behind her back.
    static func clashReport(
        _ outcome: BookingService.AbsenceOutcome, store: ParcoursStore, replanHint: String = "record it with --replan"
    ) throws -> String? {
        let clashing = outcome.hit
        guard !clashing.isEmpty else { return nil }
        let protected = try store.protectedPatientCodes()
        let moved = Dictionary(outcome.moved.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var table =
            moved.isEmpty
            ? TextTable("ID", "DAY", "TIME", "PATIENT", "STEP")
            : TextTable("ID", "DAY", "TIME", "PATIENT", "STEP", "NOW", "WITH")
        for a in clashing {
            var cells = [
                a.id.rawValue, Shown.day(a.start), Shown.hours(a.start, a.end),
                protected.contains(a.patient) ? SessionTable.protectedLabel : a.patient.rawValue,
                protected.contains(a.patient) ? SessionTable.protectedLabel : "\(a.step) \(a.occurrence)",
            ]
            if let now = moved[a.id] {
                cells += [
                    "\(Shown.day(now.start)) \(Shown.hours(now.start, now.end))",
                    now.clinicians.map(\.rawValue).joined(separator: "+")
                        + (outcome.toColleague.contains(a.id) ? " (colleague)" : ""),
                ]
            }
            table.add(row: cells)
        }
        if !moved.isEmpty {
            return [
                "Moved \(moved.count) session\(moved.count == 1 ? "" : "s") out of the absence "
                    + "(\(outcome.toColleague.count) to a colleague):", table.render(),
            ].joined(separator: "\n")
        }
        let count = clashing.count == 1 ? "1 session is" : "\(clashing.count) sessions are"
        return [
            Style.alert("WARNING: \(count) still booked during this absence and must be moved:"),
            table.render(),
            "Move each one, e.g.: parcours move \(clashing[0].id.rawValue) --auto, or \(replanHint)",
        ].joined(separator: "\n")
    }
}
