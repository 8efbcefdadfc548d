import ArgumentParser
import Booking
import CareModel
import Scheduler

struct MoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move one booked session to a given time, or to the best time found (--auto).",
        discussion: """
            With --rest-of-series, every later booked session of the pathway moves too: by the same
            days and to the same new hour with --to, or replanned by the scheduler with --auto. All
            of them move, or none.

            A time given with --to is checked against every rule (closed days, opening and working
            hours, absences, the interpreter's hours, the past, the series' order and spacing) and
            refused with the list (exit 3); for a clinical reason, --force --reason TEXT books it
            anyway and records an override that `parcours doctor` lists. --auto always finds a
            different time, the nearest to the current one, within --not-before/--not-after.

            Examples (session ids as `parcours agenda --patient P-VGPD` shows them):
              parcours move A-7NR6JB --to "03/02/2027 14h" --rest-of-series --reason "clinician on leave"
              parcours move A-7NR6JB --to "2027-02-03 14:00"
              parcours move A-7NR6JB --auto --not-before 2027-02-01 --not-after 2027-02-12
              parcours move A-7NR6JB --to "2027-02-06 10:00" --force --reason "patient in crisis, Dr Roux agrees"
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
    @Flag(help: "Book a --to time that breaks a rule, as an override (needs --reason).") var force = false
    @Option(help: "With --auto: no day before this one.", transform: Parse.date) var notBefore: LocalDate?
    @Option(help: "With --auto: no day after this one.", transform: Parse.date) var notAfter: LocalDate?

    func validate() throws {
        if (to == nil) == (!auto) { throw ValidationError("give either --to \"DATE TIME\" or --auto") }
        if force, to == nil || restOfSeries { throw ValidationError("--force applies to one session moved with --to") }
        if force, (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--force needs --reason saying why the rule is set aside")
        }
        if (notBefore != nil || notAfter != nil) && !auto {
            throw ValidationError("--not-before and --not-after go with --auto")
        }
        if let notBefore, let notAfter, notAfter < notBefore {
            throw ValidationError("--not-after \(notAfter) is before --not-before \(notBefore)")
        }
    }

    func run() async throws {
        let service = try global.bookingService()
        let target: BookingService.MoveTarget = to.map { .at($0.date, $0.time) } ?? .auto
        if restOfSeries {
            let moved = try service.moveRestOfSeries(
                AppointmentID(appointment), to: target, today: global.todayInClinic,
                reason: reason)
            if output.format == .json { return try SessionTable.emitJSON(moved, store: service.store) }
            say(SessionTable.render(moved, showPatient: false).render())
            say(
                "Moved \(moved.count) session\(moved.count == 1 ? "" : "s") of the series, from \(moved.first.map { Shown.day($0.start) } ?? "-")."
            )
            return
        }
        let moved = try service.move(
            AppointmentID(appointment), to: target, today: global.todayInClinic, reason: reason,
            force: force, window: MoveWindow(notBefore: notBefore, notAfter: notAfter))
        if output.format == .json { return try SessionTable.emitJSON([moved], store: service.store) }
        say(
            "Moved \(appointment) to \(Shown.day(moved.start)) \(Shown.hours(moved.start, moved.end)), "
                + "\(moved.clinicians.map(\.rawValue).joined(separator: "+")), room \(moved.room?.rawValue ?? "-").")
        for note in try service.spacingNotes(around: moved) { say(Self.describe(note)) }
    }

    /// `note: therapy 1 (A-…, Mon 2026-12-07) is now 4 days after intake 1; the track asks 6 to 14: …`
    static func describe(_ note: SpacingNote) -> String {
        let allowed =
            switch (note.allowed.minDays, note.allowed.maxDays) {
            case let (min?, max?): "\(min) to \(max)"
            case let (min?, nil): "at least \(min)"
            case let (nil, max?): "at most \(max)"
            case (nil, nil): "any number of"
            }
        let session = note.appointment
        return Style.alert("note:")
            + " \(session.step) \(session.occurrence) (\(session.id), \(Shown.day(session.start))) is now "
            + "\(note.days) day\(note.days == 1 ? "" : "s") after \(note.previous.step) \(note.previous.occurrence); the track asks "
            + "\(allowed) days. Move it too (parcours move \(session.id) --auto), or move the rest of the series with --rest-of-series."
    }
}
