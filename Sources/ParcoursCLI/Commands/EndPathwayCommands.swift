import ArgumentParser
import Booking
import CareModel
import Foundation

/// What the two ways of ending a pathway print: the new state and the sessions given back.
private func report(_ outcome: BookingService.EndingOutcome, patient: PatientCode) {
    say("\(patient) is \(outcome.enrolment.state.label) (\(outcome.enrolment.track)).")
    if outcome.cancelled.isEmpty {
        say("No session was booked ahead.")
        return
    }
    say(
        "Cancelled \(outcome.cancelled.count) session\(outcome.cancelled.count == 1 ? "" : "s") booked ahead; "
            + "their slots are free for the waiting list (parcours schedule --waitlist):")
    for session in outcome.cancelled {
        say(
            "  \(session.id)  \(Shown.day(session.start)) \(Shown.hours(session.start, session.end))  "
                + "\(session.step) \(session.occurrence)")
    }
}

struct DropOutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop-out",
        abstract: "End a patient's pathway as a drop-out and cancel the sessions booked ahead.",
        discussion: """
            The enrolment becomes dropped-out (final: taking the patient back is a new enrolment),
            and every session still booked from now on is cancelled by the patient in the same
            transaction, so the slots go back to the waiting list.
            Example: parcours drop-out P-VGPD --reason "stopped coming after 3 no-shows; review with Dr Moreau"
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The patient's code.", transform: Parse.patientCode) var patient: PatientCode
    @Option(help: "Why, for the audit log and the coordinators.") var reason: String

    func run() async throws {
        let outcome = try global.bookingService().end(patient, .dropOut, reason: reason, at: global.now)
        report(outcome, patient: patient)
    }
}

struct ReferOutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refer-out",
        abstract: "End a patient's pathway with a referral to a partner and cancel the sessions booked ahead.",
        discussion: """
            For care that continues elsewhere instead of at the centre (a referral made alongside
            the therapy is noted with the pathway's referral steps, not here). The sessions still
            booked are cancelled by the centre in the same transaction.
            Example: parcours refer-out P-VGPD forensic-unit --reason "needs forensic examination first"
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The patient's code.", transform: Parse.patientCode) var patient: PatientCode
    @Argument(
        help: ArgumentHelp("The partner: \(Partner.expectedValues).", valueName: "partner"),
        transform: { try Parse.value($0) })
    var partner: Partner
    @Option(help: "Why, for the audit log and the coordinators.") var reason: String

    func run() async throws {
        let outcome = try global.bookingService().end(patient, .referOut(partner), reason: reason, at: global.now)
        report(outcome, patient: patient)
    }
}
