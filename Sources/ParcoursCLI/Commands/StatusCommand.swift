import ArgumentParser
import CareModel
import PathwayEngine
import Store

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where a patient stands: state, next step due, sessions used of the track's budget.",
        discussion: "Example: parcours status P-VGPD"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Argument(help: "The patient's code.", transform: Parse.patientCode) var patient: PatientCode

    struct Report: Encodable {
        var patient: String
        var state: String
        var track: String?
        var trackTitle: String?
        var enrolledOn: String?
        var sessionsUsed: Int?
        var budget: Int?
        var next: DueStep?
        var measurements: [MeasurementPoint] = []
        var referralsAvailable: [String]
        /// Sessions booked from now on, in order.
        var booked: [SessionTable.Row] = []
        /// Every session of the pathway, held, missed, cancelled or ahead, in time order.
        var sessions: [SessionTable.Row] = []
    }

    func run() async throws {
        let store = try global.openStoreReadOnly()
        guard let record = try store.patient(patient) else {
            throw CLIError.notFound(kind: "patient", id: patient.rawValue)
        }
        let today = global.todayInClinic
        var report = Report(patient: patient.rawValue, state: EnrolmentState.referred.rawValue, referralsAvailable: [])
        var schedule: [Appointment] = []
        if let enrolment = try store.currentEnrolment(patient: patient) {
            let catalog = try global.loadCatalog()
            report.state = enrolment.state.rawValue
            report.track = enrolment.track.rawValue
            report.enrolledOn = enrolment.enrolledOn.iso
            let upcoming = try store.appointments(patient: patient)
                .filter { $0.status == .booked && $0.end > global.now }
            report.booked = upcoming.map(SessionTable.Row.init)
            schedule = try PatientSchedule.sessions(store, patient: patient, track: enrolment.track)
            report.sessions = schedule.map(SessionTable.Row.init)
            if let track = catalog.track(enrolment.track) {
                let appointments = try store.appointments(patient: patient)
                let held =
                    appointments
                    .filter { $0.track == track.id && $0.status == .attended }
                    .map {
                        HeldSession(
                            step: $0.step, date: ClinicTimeZone.paris.local($0.start).date,
                            clinician: $0.clinicians.first)
                    }
                report.trackTitle = track.title
                report.sessionsUsed = track.sessionsUsed(held: held)
                report.budget = track.budget.sessions
                if !enrolment.state.isTerminal {
                    report.next = track.nextDue(held: held, referralDate: record.referralDate, today: today)
                }
                report.measurements = MeasurementPoint.of(
                    track: track, appointments: appointments, measures: try store.measures(patient: patient),
                    next: report.next, today: today,
                    endedEarly: enrolment.state == .droppedOut || enrolment.state == .referredOut)
                report.referralsAvailable = track.availableReferrals.compactMap { $0.partner?.rawValue }
            }
        }
        if output.format == .json {
            say(try renderJSON(report))
            return
        }

        var lines = [
            "\(patient)  \(record.category.label), referred \(Shown.day(record.referralDate)) (\(record.referralDate.days(to: today)) days ago)"
        ]
        guard let track = report.track else {
            lines.append("  state    referred, not enrolled on a track")
            if record.age(on: today) < 18 {
                lines.append("  note     under 18: refer to child and adolescent psychiatry")
            }
            say(lines.joined(separator: "\n"))
            return
        }
        let state = EnrolmentState(rawValue: report.state)?.label ?? report.state
        lines.append("  track    \(track)\(report.trackTitle.map { " (\($0))" } ?? "")")
        lines.append("  state    \(state) (enrolled \(report.enrolledOn.map(Shown.day(iso:)) ?? "?"))")
        if let used = report.sessionsUsed, let budget = report.budget {
            lines.append("  sessions \(used) used of \(budget)")
        }
        if let next = report.next {
            lines.append("  next     \(DueText(next).line)")
        } else if report.state == EnrolmentState.completed.rawValue
            || report.state == EnrolmentState.inTreatment.rawValue
        {
            lines.append("  next     nothing due: every required step is held")
        }
        if let first = report.booked.first {
            lines.append(
                "  booked   \(report.booked.count) session\(report.booked.count == 1 ? "" : "s") ahead; next \(first.step) \(first.occurrence) on "
                    + "\(Shown.dateTime(first.start)) with \(first.clinicians.joined(separator: "+"))"
                    + (first.room.map { ", \($0)" } ?? "") + " (\(first.id))")
        }
        if !report.measurements.isEmpty {
            lines.append("  measures \(report.measurements.map(\.line).joined(separator: "; "))")
        }
        lines += PatientSchedule.lines(schedule)
        if !report.referralsAvailable.isEmpty {
            lines.append("  partners \(report.referralsAvailable.joined(separator: ", ")) (referral out when needed)")
        }
        say(lines.joined(separator: "\n"))
    }
}

/// One line saying what is due and when, with the weekday so a secretary can book by phone.
struct DueText {
    let due: DueStep
    init(_ due: DueStep) { self.due = due }

    var line: String {
        var text = due.label
        switch (due.earliest, due.latest) {
        case let (from?, to?): text += " between \(Shown.day(from)) and \(Shown.day(to))"
        case let (from?, nil): text += " from \(Shown.day(from))"
        case let (nil, to?): text += " by \(Shown.day(to))"
        case (nil, nil): break
        }
        if !due.basis.isEmpty { text += " (\(due.basis))" }
        if due.isOverdue { text += " — " + Style.alert("OVERDUE") }
        return text
    }
}
