import ArgumentParser
import CareModel
import Foundation
import Store

struct AgendaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "Print the sessions of a day or a week, for the centre, a clinician, a room or a patient.",
        discussion: """
            Times are local (Europe/Paris) with the weekday. A week is given by any of its days or as
            2027-W05. In --format json, an address-protected patient's sessions keep their time and
            resources but show "protected" for the patient, track and step.

            With --patient and no --day or --week, every session of that patient from now on.

            Example: parcours agenda --week 2027-W05 --clinician C-ROUX
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Option(help: "One day (default: today).", transform: Parse.date) var day: LocalDate?
    @Option(help: "A week: 2027-W05, or any day in it.", transform: Parse.week) var week: LocalDate?
    @Option(help: "Only this clinician's sessions.", transform: Parse.identifier) var clinician: String?
    @Option(help: "Only this room's sessions.", transform: Parse.identifier) var room: String?
    @Option(help: "Only this patient's sessions.", transform: Parse.patientCode) var patient: PatientCode?
    @Flag(help: "Include cancelled sessions.") var all = false

    func validate() throws {
        if day != nil && week != nil { throw ValidationError("--day and --week: choose one") }
    }

    func run() async throws {
        let store = try global.openStoreReadOnly()
        // An unknown id is a typo, not an empty agenda: exit 4 as `export` does.
        if let clinician, try store.clinician(ClinicianID(clinician)) == nil {
            throw CLIError.notFound(kind: "clinician", id: clinician)
        }
        if let room, try store.room(RoomID(room)) == nil { throw CLIError.notFound(kind: "room", id: room) }
        let zone = ClinicTimeZone.paris
        let first = week ?? day ?? global.todayInClinic
        let days = week == nil ? 1 : 7
        let everythingAhead = patient != nil && day == nil && week == nil
        guard var from = zone.instant(on: first, at: .midnight),
            var to = zone.instant(on: first.adding(days: days), at: .midnight)
        else { throw CLIError.invalidArgument(name: "--day", value: first.iso, expected: "a day with a midnight") }
        if everythingAhead {
            from = global.now
            to = .distantFuture
        }
        var sessions = try store.appointments(from: from, to: to)
        if let clinician { sessions = sessions.filter { $0.clinicians.contains(ClinicianID(clinician)) } }
        if let room { sessions = sessions.filter { $0.room == RoomID(room) } }
        if let patient { sessions = sessions.filter { $0.patient == patient } }
        if !all { sessions = sessions.filter { !$0.status.isCancelled } }
        if output.format == .json { return try SessionTable.emitJSON(sessions, store: store) }
        let span = everythingAhead ? "from now on" : days == 1 ? Shown.day(first) : "week of \(Shown.day(first))"
        say("Agenda, \(span): \(sessions.count) session\(sessions.count == 1 ? "" : "s")")
        if !sessions.isEmpty { say(SessionTable.render(sessions).render()) }
    }
}
