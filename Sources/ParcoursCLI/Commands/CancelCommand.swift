import ArgumentParser
import Booking
import CareModel
import Scheduler

struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a session (by the patient or by the centre) and propose a replacement.",
        discussion:
            "Example (the id from `parcours agenda --patient P-VGPD`): parcours cancel A-7NR6JB --by patient --reason \"ill\""
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Argument(help: "The appointment id.") var appointment: String
    @Option(help: "Who cancelled: patient or centre.", transform: { try Parse.value($0) })
    var by: BookingService.CancelledBy
    @Option(help: "Why, for the audit log and the reports.") var reason: String

    func run() async throws {
        let service = try global.bookingService()
        let result = try service.cancel(AppointmentID(appointment), by: by, reason: reason, today: global.todayInClinic)
        if output.format == .json {
            let protected = try service.store.protectedPatientCodes()
            let replacement = try? result.rebook.get().appointments.first
            var problem: String?
            if case let .failure(error) = result.rebook { problem = error.description }
            say(
                try renderJSON(
                    Cancellation(
                        cancelled: SessionTable.Row(result.cancelled, protected: protected), by: by.rawValue,
                        replacement: replacement.map { SessionTable.Row($0, protected: protected) },
                        noReplacement: problem)))
            return
        }
        say("Cancelled \(appointment) (\(Shown.day(result.cancelled.start)), by \(by.rawValue)).")
        switch result.rebook {
        case let .success(booking):
            if let first = booking.appointments.first {
                say(
                    "Proposed replacement: \(first.step) \(first.occurrence) on \(Shown.day(first.start)) "
                        + "\(Shown.hours(first.start, first.end)) with \(first.clinicians.map(\.rawValue).joined(separator: "+"))."
                )
                if let moved = booking.shifted.first {
                    say(
                        "No room before \(moved.step) \(moved.occurrence): booking it moves the \(booking.shifted.count) later "
                            + "session\(booking.shifted.count == 1 ? "" : "s") of the series after it, in order.")
                }
                say("Book it with: parcours book \(result.cancelled.patient) --next")
            }
        case let .failure(error):
            say("No replacement proposed: \(error)")
        }
    }
}

/// `cancel --format json`: the session cancelled and the replacement proposed (nothing booked).
struct Cancellation: Encodable {
    let cancelled: SessionTable.Row
    let by: String
    let replacement: SessionTable.Row?
    /// Why no replacement could be proposed, when none was.
    let noReplacement: String?
}
