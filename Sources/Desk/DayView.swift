import CareModel
import Foundation
import PathwayEngine
import Store

/// What the pages show of a patient, once the role's rules are applied: the mask of an
/// address-protected patient, the name for secretaries only.
struct PatientLabel {
    var text: String
    var href: String?
    var name: String?

    static func of(
        _ patient: Patient?, code: PatientCode, role: DeskRole, identity: () throws(StoreError) -> PatientIdentity?,
        masked: String
    ) throws(StoreError) -> PatientLabel {
        if patient?.addressProtected == true, !DeskRoute.seesProtected(role) { return PatientLabel(text: masked) }
        var name: String?
        if DeskRoute.seesIdentity(role), let identity = try identity() {
            name = "\(identity.givenName) \(identity.familyName)"
        }
        return PatientLabel(text: code.rawValue, href: "/patients/\(FormData.escape(code.rawValue))", name: name)
    }
}

/// The day sheet's rows for one signed-in user: read through the Store, arranged per clinician.
struct DayView {
    let store: ParcoursStore
    let catalog: TrackCatalog
    let strings: Catalogue
    let language: DeskLanguage
    let zone: ClinicTimeZone

    /// The day's sessions (a clinician's own only), grouped by clinician, and the interpreters needed.
    func context(day: LocalDate, session: DeskSession) throws -> [String: Any] {
        guard let from = zone.instant(on: day, at: .midnight),
            let to = zone.instant(on: day.adding(days: 1), at: .midnight)
        else {
            throw DeskPageError(status: .badRequest, titleKey: "bad_input_title", textKey: "bad_day", detail: day.iso)
        }
        let role = session.user.role
        var sessions = try store.appointments(from: from, to: to)
        if role == .clinician {
            let me = session.user.clinician
            sessions = sessions.filter { appointment in me.map { appointment.clinicians.contains($0) } ?? false }
        }
        sessions.sort { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
        let resources = try store.resourceNames()
        let (clinicians, rooms, interpreterNames) = (resources.clinicians, resources.rooms, resources.interpreters)
        // Two queries for the whole day (records, then names for those who may see them).
        let codes = Set(sessions.map(\.patient))
        let patients = try store.patients(codes)
        let names = DeskRoute.seesIdentity(role) ? try store.identities(codes) : [:]
        let masked = strings.text("protected_session", language)

        var rowsByClinician: [ClinicianID: [DayRow]] = [:]
        var interpreters: [InterpreterNeed] = []
        for appointment in sessions {
            let patient = patients[appointment.patient]
            let label = try PatientLabel.of(
                patient, code: appointment.patient, role: role,
                identity: { () throws(StoreError) in names[appointment.patient] }, masked: masked)
            let hidden = label.href == nil
            let time = "\(zone.local(appointment.start).time)–\(zone.local(appointment.end).time)"
            var row = DayRow(
                id: appointment.id.rawValue, time: time, label: label, step: hidden ? "" : stepTitle(appointment),
                room: appointment.room.map { rooms[$0] ?? $0.rawValue } ?? "",
                status: strings.text("status_\(appointment.status.rawValue)", language),
                statusClass: appointment.status.rawValue, booked: appointment.status == .booked,
                canCancel: role == .secretary && appointment.status == .booked)
            if patient?.needsInterpreter == true {
                let language = patient?.language.rawValue ?? ""
                let assigned = appointment.interpreter.map { interpreterNames[$0] ?? $0.rawValue }
                row.interpreter = assigned ?? strings.text("interpreter_missing", self.language)
                interpreters.append(
                    InterpreterNeed(
                        time: time, patient: label.text, language: language,
                        assigned: assigned ?? strings.text("interpreter_missing", self.language),
                        missing: assigned == nil))
            }
            for clinician in appointment.clinicians { rowsByClinician[clinician, default: []].append(row) }
        }
        let form = CheckInForm(strings: strings, language: language, csrf: session.csrfToken, day: day.iso)
        let groups = rowsByClinician.keys.sorted { (clinicians[$0] ?? $0.rawValue) < (clinicians[$1] ?? $1.rawValue) }
            .map { (clinician: clinicians[$0] ?? $0.rawValue, rows: rowsByClinician[$0] ?? []) }
        return [
            "day": day.iso, "dayLabel": Self.dayLabel(day, language),
            "previous": day.adding(days: -1).iso, "next": day.adding(days: 1).iso,
            "groupsHTML": form.groups(groups), "empty": groups.isEmpty,
            "interpretersHTML": form.interpreters(interpreters), "hasInterpreters": !interpreters.isEmpty,
        ]
    }

    func stepTitle(_ appointment: Appointment) -> String {
        guard let track = catalog.track(appointment.track) else {
            return "\(appointment.track.rawValue) · \(appointment.step.rawValue)"
        }
        let step = track.steps.first { $0.id == appointment.step }?.title ?? appointment.step.rawValue
        return "\(track.title) · \(step) \(appointment.occurrence)"
    }

    static func dayLabel(_ day: LocalDate, _ language: DeskLanguage) -> String {
        "\(language == .fr ? day.weekday.frenchName : day.weekday.englishName) \(day.iso)"
    }
}
