import ArgumentParser
import Booking
import CareModel
import Scheduler

struct AttendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attend",
        abstract: "Record that the patient came; the pathway advances.",
        discussion: "Example (the id from `parcours agenda --patient P-VGPD`): parcours attend A-7NR6JB"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The appointment id.") var appointment: String

    func run() async throws {
        let outcome = try global.bookingService().attend(AppointmentID(appointment), at: global.now)
        say("\(appointment): attended. \(outcome.appointment.patient) is \(outcome.state.label).")
    }
}

struct NoShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "no-show",
        abstract: "Record that the patient did not come; repeated no-shows raise a drop-out review.",
        discussion: "Example (the id from `parcours agenda --patient P-VGPD`): parcours no-show A-7NR6JB"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The appointment id.") var appointment: String
    @Option(help: "Missed sessions in a row that raise a drop-out review.") var reviewAfter = 2
    @Option(help: "What is known of why, for the audit log (e.g. \"called: no transport\").") var reason: String?

    func validate() throws {
        guard reviewAfter >= 1 else {
            throw ValidationError("--review-after: '\(reviewAfter)' is too few; expected 1 or more")
        }
    }

    func run() async throws {
        var service = try global.bookingService()
        service.noShowReviewThreshold = reviewAfter
        let outcome = try service.noShow(AppointmentID(appointment), at: global.now, reason: reason)
        say("\(appointment): no-show recorded for \(outcome.appointment.patient).")
        if let streak = outcome.dropOutReview {
            say(
                Style.alert("REVIEW:")
                    + " \(streak) missed sessions in a row; the coordinator should review a drop-out with the clinician."
            )
        }
    }
}
