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
    @Option(help: "Book with this clinician.") var clinician: String?
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
        say("\(dryRun ? "Proposed" : "Booked") \(n) session\(n == 1 ? "" : "s") for \(patient), first on \(first)"
            + (late.isEmpty ? "." : "; \(late.count) after the deadline (LATE): no earlier slot exists."))
        if booking.deferred > 0 {
            say("\(booking.deferred) later session\(booking.deferred == 1 ? "" : "s") fall\(booking.deferred == 1 ? "s" : "") after the booking horizon: book \(booking.deferred == 1 ? "it" : "them") when the time comes (parcours book \(patient)).")
        }
        if dryRun { say("Nothing was booked (--dry-run).") }
    }
}

struct MoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move one booked session to a given time, or to the best time found (--auto).",
        discussion: """
            With --rest-of-series, every later booked session of the pathway moves too: by the same
            days and to the same new hour with --to, or replanned by the scheduler with --auto. All
            of them move, or none.

            Examples (session ids as `parcours agenda --patient P-VGPD` shows them):
              parcours move A-7NR6JB --to "03/02/2027 14h" --rest-of-series --reason "clinician on leave"
              parcours move A-7NR6JB --to "2027-02-03 14:00"
              parcours move A-7NR6JB --auto
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Argument(help: "The appointment id, as in the agenda.") var appointment: String
    @Option(help: "New local day and time, e.g. \"2027-02-03 14:00\" or \"03/02/2027 14h\".", transform: Parse.dateTime)
    var to: LocalDateTime?
    @Flag(help: "Let the scheduler choose the new time.") var auto = false
    @Flag(help: "Move every later session of the series too.") var restOfSeries = false
    @Option(help: "Why, for the audit log (e.g. \"clinician on leave\").") var reason: String?

    func validate() throws {
        if (to == nil) == (!auto) { throw ValidationError("give either --to \"DATE TIME\" or --auto") }
    }

    func run() async throws {
        let service = try global.bookingService()
        let target: BookingService.MoveTarget = to.map { .at($0.date, $0.time) } ?? .auto
        if restOfSeries {
            let moved = try service.moveRestOfSeries(AppointmentID(appointment), to: target, today: global.todayInClinic,
                                                     reason: reason)
            if output.format == .json { return try SessionTable.emitJSON(moved, store: service.store) }
            say(SessionTable.render(moved, showPatient: false).render())
            say("Moved \(moved.count) session\(moved.count == 1 ? "" : "s") of the series, from \(moved.first.map { Shown.day($0.start) } ?? "-").")
            return
        }
        let moved = try service.move(AppointmentID(appointment), to: target, today: global.todayInClinic, reason: reason)
        if output.format == .json { return try SessionTable.emitJSON([moved], store: service.store) }
        say("Moved \(appointment) to \(Shown.day(moved.start)) \(Shown.hours(moved.start, moved.end)), "
            + "\(moved.clinicians.map(\.rawValue).joined(separator: "+")), room \(moved.room?.rawValue ?? "-").")
        for note in try service.spacingNotes(around: moved) { say(Self.describe(note)) }
    }

    /// `note: therapy 1 (A-…, Mon 2026-12-07) is now 4 days after intake 1; the track asks 6 to 14: …`
    static func describe(_ note: SpacingNote) -> String {
        let allowed = switch (note.allowed.minDays, note.allowed.maxDays) {
        case let (min?, max?): "\(min) to \(max)"
        case let (min?, nil): "at least \(min)"
        case let (nil, max?): "at most \(max)"
        case (nil, nil): "any number of"
        }
        let session = note.appointment
        return Style.alert("note:") + " \(session.step) \(session.occurrence) (\(session.id), \(Shown.day(session.start))) is now "
            + "\(note.days) day\(note.days == 1 ? "" : "s") after \(note.previous.step) \(note.previous.occurrence); the track asks "
            + "\(allowed) days. Move it too (parcours move \(session.id) --auto), or move the rest of the series with --rest-of-series."
    }
}

struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a session (by the patient or by the centre) and propose a replacement.",
        discussion: "Example (the id from `parcours agenda --patient P-VGPD`): parcours cancel A-7NR6JB --by patient --reason \"ill\""
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
            say(try renderJSON(Cancellation(
                cancelled: SessionTable.Row(result.cancelled, protected: protected), by: by.rawValue,
                replacement: replacement.map { SessionTable.Row($0, protected: protected) }, noReplacement: problem)))
            return
        }
        say("Cancelled \(appointment) (\(Shown.day(result.cancelled.start)), by \(by.rawValue)).")
        switch result.rebook {
        case let .success(booking):
            if let first = booking.appointments.first {
                say("Proposed replacement: \(first.step) \(first.occurrence) on \(Shown.day(first.start)) "
                    + "\(Shown.hours(first.start, first.end)) with \(first.clinicians.map(\.rawValue).joined(separator: "+")).")
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
        guard reviewAfter >= 1 else { throw ValidationError("--review-after: '\(reviewAfter)' is too few; expected 1 or more") }
    }

    func run() async throws {
        var service = try global.bookingService()
        service.noShowReviewThreshold = reviewAfter
        let outcome = try service.noShow(AppointmentID(appointment), reason: reason)
        say("\(appointment): no-show recorded for \(outcome.appointment.patient).")
        if let streak = outcome.dropOutReview {
            say(Style.alert("REVIEW:") + " \(streak) missed sessions in a row; the coordinator should review a drop-out with the clinician.")
        }
    }
}
