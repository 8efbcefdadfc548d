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

        func run() async throws {
            let store = try global.openStore()
            guard try store.clinician(ClinicianID(id)) != nil else { throw CLIError.notFound(kind: "clinician", id: id) }
            let start = from.start, end = to.end
            guard end > start else {
                throw CLIError.invalidArgument(name: "TO", value: to.text, expected: "a time after FROM \(from.text)")
            }
            let absence = ClinicianAbsence(clinician: ClinicianID(id), start: start, end: end, reason: reason)
            let result = try store.addAbsences([absence], actor: global.actor)
            say(result.added.isEmpty
                ? "This absence of \(id) was already recorded; nothing changed."
                : "Recorded \(id) absent from \(Shown.dateTime(start)) to \(Shown.dateTime(end)).")
            try AbsenceCommand.reportClashes(with: [absence], store: store)
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

        func run() async throws {
            let store = try global.openStore()
            guard try store.clinician(ClinicianID(id)) != nil else { throw CLIError.notFound(kind: "clinician", id: id) }
            let first = from ?? global.todayInClinic
            let last = to ?? first.adding(days: 365)
            guard last >= first else {
                throw CLIError.invalidArgument(name: "--to", value: last.iso, expected: "a day on or after --from \(first.iso)")
            }
            let summary = try AbsenceCommand.importAbsences(
                of: ClinicianID(id), file: file, from: first, to: last, store: store, actor: global.actor)
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
            guard try store.clinician(ClinicianID(id)) != nil else { throw CLIError.notFound(kind: "clinician", id: id) }
            let absences = try store.absences(clinician: ClinicianID(id))
            try emit(absences, format: output.format) {
                var table = TextTable("FROM", "TO", "REASON")
                for a in absences { table.add(Shown.dateTime(a.start), Shown.dateTime(a.end), a.reason ?? "") }
                return table
            }
        }
    }

    /// Imports `file` for `clinician` within `[from, to]` and returns the summary line.
    static func importAbsences(of clinician: ClinicianID, file: String, from: LocalDate, to: LocalDate,
                               store: ParcoursStore, actor: Actor,
                               select: ([ImportedEvent]) -> [ImportedEvent] = { $0 }) throws -> String {
        let reading = try CalendarFiles.reading(file, from: CalendarFiles.midnight(from), to: CalendarFiles.midnight(to.adding(days: 1)))
        let planned = UnavailabilityImport.distinctAbsences(of: clinician, from: select(reading.events))
        let absences = planned.absences
        let result = try store.addAbsences(absences, actor: actor, reason: "imported from \(file)")
        let details = ImportSummary(file: file, noun: "absence", imported: result.added.count, alreadyPresent: result.alreadyPresent,
                                    duplicatesInFile: planned.repeated, cancelled: planned.cancelled,
                                    warnings: reading.warnings).lines
        guard let first = absences.map(\.start).min(), let last = absences.map(\.end).max() else {
            return (["No absence of \(clinician) in \(file) between \(Shown.day(from)) and \(Shown.day(to)); nothing changed."]
                + details).joined(separator: "\n")
        }
        let summary = "Imported \(result.added.count) absence\(result.added.count == 1 ? "" : "s") of \(clinician) from "
            + "\(Shown.dateTime(first)) to \(Shown.dateTime(last)) (\(file)); \(result.alreadyPresent) already recorded."
        return ([summary] + details + [try clashReport(with: absences, store: store)].compactMap { $0 }).joined(separator: "\n")
    }

    /// Prints the sessions `absences` fall on, if any (see ``clashReport(with:store:)``).
    static func reportClashes(with absences: [ClinicianAbsence], store: ParcoursStore) throws {
        if let report = try clashReport(with: absences, store: store) { say(report) }
    }

    /// The booked sessions the recorded absences fall on, with the command that rebooks each.
    ///
    /// The absence is recorded either way (exit 0): the sessions need a secretary's decision, so
    /// they are listed loudly rather than refused or moved behind her back. Address-protected
    /// patients are masked as in every other listing.
    static func clashReport(with absences: [ClinicianAbsence], store: ParcoursStore) throws -> String? {
        try clashReport(sessions: AbsenceClashes.sessions(during: absences, in: store), store: store)
    }

    /// The table of `clashing` sessions with the command that rebooks each, or nil if none.
    static func clashReport(sessions clashing: [Appointment], store: ParcoursStore) throws -> String? {
        guard !clashing.isEmpty else { return nil }
        let protected = try store.protectedPatientCodes()
        var table = TextTable("ID", "DAY", "TIME", "PATIENT", "STEP")
        for a in clashing {
            table.add(a.id.rawValue, Shown.day(a.start), Shown.hours(a.start, a.end),
                      protected.contains(a.patient) ? SessionTable.protectedLabel : a.patient.rawValue,
                      protected.contains(a.patient) ? SessionTable.protectedLabel : "\(a.step) \(a.occurrence)")
        }
        let count = clashing.count == 1 ? "1 session is" : "\(clashing.count) sessions are"
        return [Style.alert("WARNING: \(count) still booked during this absence and must be moved:"),
                table.render(),
                "Move each one, e.g.: parcours move \(clashing[0].id.rawValue) --auto"].joined(separator: "\n")
    }
}
