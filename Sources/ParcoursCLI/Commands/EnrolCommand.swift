import ArgumentParser
import CareModel
import PathwayEngine
import Foundation
import Store

struct EnrolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrol",
        abstract: "Place a referred patient on a care track, after checking eligibility.",
        discussion: """
            A refusal names every reason and where to refer the patient instead (exit code 3).

            Example: parcours enrol P-7KQ2 adult-domestic-violence
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The patient's code.", transform: Parse.patientCode) var patient: PatientCode
    @Argument(help: "The track id, as in `parcours pathway list`.") var track: String
    @Option(help: "Enrolment date (default: today).", transform: Parse.date) var on: LocalDate?

    func run() async throws {
        let catalog = try global.loadCatalog()
        guard let chosen = catalog.track(TrackID(track)) else {
            throw CLIError.unknownTrack(track, known: catalog.tracks.map(\.id.rawValue))
        }
        let store = try global.openStore()
        guard let record = try store.patient(patient) else {
            throw CLIError.notFound(kind: "patient", id: patient.rawValue)
        }
        let date = on ?? global.todayInClinic
        let enrolment = try Enrolling.enrol(record, on: chosen, date: date, at: global.now, catalog: catalog,
                                            store: store, actor: global.actor)
        say("Enrolled \(patient) on \(chosen.id) (\(chosen.title)) on \(enrolment.enrolledOn).")
        if case let .eligible(notes) = Eligibility.check(patient: record, track: chosen, on: date) {
            for note in notes { say("  note: \(note)") }
        }
        if let due = chosen.nextDue(held: [], referralDate: record.referralDate, today: date) {
            say("Next: \(DueText(due).line)")
        }
    }
}

/// Enrolment as one service call, shared by `enrol` and `demo`.
enum Enrolling {
    /// Checks eligibility and that no pathway is under way, runs the state machine, and stores the
    /// enrolment with its first transition in one transaction.
    static func enrol(_ patient: Patient, on track: Track, date: LocalDate, at instant: Date,
                      catalog: TrackCatalog, store: ParcoursStore, actor: Actor) throws -> Enrolment {
        let decision = Eligibility.check(patient: patient, track: track, on: date, catalog: catalog)
        guard decision.isEligible else {
            var lines = ["\(patient.code) cannot be enrolled on \(track.id):"]
            lines += decision.reasons.map { "  - \($0)" }
            lines += decision.suggestions.map { "  suggestion: \($0)" }
            throw CLIError.refused(lines.joined(separator: "\n"))
        }
        if let current = try store.currentEnrolment(patient: patient.code), !current.state.isTerminal {
            throw CLIError.refused(
                "\(patient.code) is already \(current.state.label) on \(current.track) since \(current.enrolledOn); "
                    + "record a drop-out or completion before enrolling on another track")
        }
        var machine = EnrolmentMachine()
        _ = try machine.enrol(on: track, date: date, at: instant)
        guard let enrolment = machine.enrolment(patient: patient.code) else {
            throw CLIError.refused("\(patient.code) could not be enrolled on \(track.id)")
        }
        return try store.addEnrolment(enrolment, actor: actor, reason: "enrolled on \(track.id)")
    }
}
