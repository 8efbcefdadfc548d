import ArgumentParser
import Booking
import CareModel
import Scheduler

struct BookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "Book a patient's whole series (default) or next session, without a conflict.",
        discussion: """
            The scheduler proposes the earliest sessions that respect every rule of the track (hours,
            absences, closed days, skills, continuity, spacing, interpreter, keep-apart), and the
            proposal is committed in one transaction that re-checks every resource. When nothing fits,
            the message names the binding constraint and the earliest day that would work.

            Example: parcours book P-VGPD --series --prefer "tue,thu 14:00-18:00" --dry-run
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Argument(help: "The patient's code.", transform: Parse.patientCode) var patient: PatientCode
    @Flag(help: "Book every remaining session (default).") var series = false
    @Flag(help: "Book only the next session.") var next = false
    @Option(help: "No session before this day (default: tomorrow).", transform: Parse.date) var from: LocalDate?
    @Option(help: "Preferred days and hours, e.g. \"tue,thu 14:00-18:00\".", transform: Parse.preferences)
    var prefer: Preferences?
    @Option(help: "Book with this clinician.", transform: Parse.identifier) var clinician: String?
    @Flag(help: "Show the proposal without booking it.") var dryRun = false

    func validate() throws {
        if series && next { throw ValidationError("--series and --next: choose one") }
    }

    func run() async throws {
        let service = try global.bookingService()
        let request = BookingService.Request(
            patient: patient, scope: next ? .next : .series, from: from, preferences: prefer ?? .none,
            clinician: clinician.map { ClinicianID($0) })
        let today = global.todayInClinic
        let booking = dryRun ? try service.propose(request, today: today) : try service.book(request, today: today)
        let late = Set(zip(booking.proposal.sessions, booking.appointments).filter { $0.0.late }.map { $0.1.id })
        if output.format == .json { return try SessionTable.emitJSON(booking.appointments, store: service.store) }
        say(SessionTable.render(booking.appointments, late: late, showPatient: false).render())
        let n = booking.appointments.count
        let first = booking.appointments.first.map { Shown.day($0.start) } ?? "-"
        say(
            "\(dryRun ? "Proposed" : "Booked") \(n) session\(n == 1 ? "" : "s") for \(patient), first on \(first)"
                + (late.isEmpty ? "." : "; \(late.count) after the deadline (LATE): no earlier slot exists."))
        if booking.deferred > 0 {
            say(
                "\(booking.deferred) later session\(booking.deferred == 1 ? "" : "s") fall\(booking.deferred == 1 ? "s" : "") after the booking horizon: book \(booking.deferred == 1 ? "it" : "them") when the time comes (parcours book \(patient))."
            )
        }
        if !booking.shifted.isEmpty {
            say(
                "To make room inside the series, \(booking.shifted.count) later session\(booking.shifted.count == 1 ? "" : "s") "
                    + "\(dryRun ? "would move" : "moved"), in order:")
            say(SessionTable.render(booking.shifted, showPatient: false).render())
        }
        if dryRun { say("Nothing was booked (--dry-run).") }
    }
}
