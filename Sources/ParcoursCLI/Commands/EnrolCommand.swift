import ArgumentParser
import Booking
import CareModel
import Foundation
import PathwayEngine
import Store

struct EnrolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrol",
        abstract: "Place a referred patient on a care track, after checking eligibility.",
        discussion: """
            A refusal names every reason and where to refer the patient instead (exit code 3).

            Example, with the code `parcours patient add` printed:
              parcours enrol P-VGPD adult-domestic-violence
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The patient's code.", transform: Parse.patientCode) var patient: PatientCode
    @Argument(help: "The track id, as in `parcours pathway list`.", transform: Parse.identifier) var track: String
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
        let enrolment = try Enrolling.enrol(
            record, on: chosen, date: date, at: global.now, catalog: catalog,
            store: store, actor: global.actor)
        say("Enrolled \(patient) on \(chosen.id) (\(chosen.title)) on \(Shown.day(enrolment.enrolledOn)).")
        if case let .eligible(notes) = Eligibility.check(patient: record, track: chosen, on: date) {
            for note in notes { say("  note: \(note)") }
        }
        if let due = chosen.nextDue(held: [], referralDate: record.referralDate, today: date) {
            say("Next: \(DueText(due).line)")
        }
    }
}
