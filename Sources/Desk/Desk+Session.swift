import CareModel
import Foundation
import Hummingbird
import Store

extension Desk {
    /// *Séance*: one session, from the agenda or the day sheet, with attendance and (for the
    /// clinician who holds it) the PCL-5 score. A clinician opens only their own sessions.
    func sessionPage(_ page: Page) throws -> Response {
        let appointment = try ownSession(page)
        return try renderSession(page, appointment, typed: [:], errors: [:], status: .ok)
    }

    /// Records a PCL-5 score for the patient of the clinician's own session: the same rules as
    /// `parcours measure record` (a whole number from 0 to 80; a day from 2013 to today), each
    /// refusal shown next to its field with the form as typed; nothing is saved then.
    func recordScore(_ page: Page) throws -> Response {
        let appointment = try ownSession(page)
        let today = configuration.timeZone.today(at: now())
        let typedScore = String((page.form["score"] ?? "").prefix(40)).trimmingCharacters(in: .whitespaces)
        let typedDay = String((page.form["jour"] ?? "").prefix(40)).trimmingCharacters(in: .whitespaces)
        var errors: [String: String] = [:]
        var day: LocalDate?
        if let parsed = LocalDate(parsing: typedDay), typedDay.count == 10 {
            if PlausibleDates.measure(parsed, today: today) == nil {
                day = parsed
            } else {
                errors["jour"] = strings.text("session_score_day_range", page.language)
            }
        } else {
            errors["jour"] = strings.text("session_score_day_format", page.language)
        }
        var measure: OutcomeMeasure?
        if let score = Int(typedScore), typedScore.allSatisfy(\.isASCII) {
            measure = try? OutcomeMeasure(
                patient: appointment.patient, instrument: .pcl5, score: score, on: day ?? today)
        }
        if measure == nil { errors["score"] = strings.text("session_score_range", page.language) }
        guard errors.isEmpty, let measure else {
            return try renderSession(
                page, appointment, typed: ["score": typedScore, "jour": typedDay], errors: errors,
                status: .unprocessableContent)
        }
        try store.addMeasure(
            measure, actor: Actor(name: page.session.user.name),
            reason: "recorded at the desk for session \(appointment.id.rawValue)")
        return Self.redirect("/seances/\(FormData.escape(appointment.id.rawValue))?enregistre=1")
    }

    /// The session named in the path, refused with 404 when unknown and 403 when a clinician
    /// asks for one they do not hold.
    func ownSession(_ page: Page) throws -> Appointment {
        let raw = page.parameters["id"] ?? ""
        guard raw.count <= 40, let appointment = try store.appointment(AppointmentID(raw)) else {
            throw DeskPageError(
                status: .notFound, titleKey: "not_found_title", textKey: "session_not_found",
                detail: String(raw.prefix(40)))
        }
        if page.role == .clinician {
            guard let me = page.session.user.clinician, appointment.clinicians.contains(me) else {
                throw DeskPageError(status: .forbidden, titleKey: "forbidden_title", textKey: "forbidden_text")
            }
        }
        return appointment
    }

    private func renderSession(
        _ page: Page, _ appointment: Appointment, typed: [String: String], errors: [String: String],
        status: HTTPResponse.Status
    ) throws -> Response {
        let zone = configuration.timeZone
        let today = zone.today(at: now())
        let local = zone.local(appointment.start)
        let patient = try store.patient(appointment.patient)
        let label = try PatientLabel.of(
            patient, code: appointment.patient, role: page.role,
            identity: { () throws(StoreError) in try store.identity(appointment.patient) },
            masked: strings.text("protected_session", page.language))
        let hidden = label.href == nil
        let clinicians = Dictionary(try store.clinicians().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let day = DayView(store: store, catalog: catalog, strings: strings, language: page.language, zone: zone)
        let scoresAllowed = page.role == .clinician
        let scores: [[String: Any]] =
            scoresAllowed
            ? try store.measures(patient: appointment.patient).filter { $0.instrument == .pcl5 }.map {
                ["day": $0.on.iso, "score": $0.score]
            } : []
        let context: [String: Any] = [
            "id": appointment.id.rawValue, "idPath": FormData.escape(appointment.id.rawValue),
            "day": DayView.dayLabel(local.date, page.language), "dayISO": local.date.iso,
            "time": "\(local.time)–\(zone.local(appointment.end).time)",
            "patient": label.text, "href": label.href as Any, "name": label.name as Any,
            "step": hidden ? "" : day.stepTitle(appointment),
            "clinicians": appointment.clinicians.map { clinicians[$0] ?? $0.rawValue }.joined(separator: ", "),
            "room": try appointment.room.map { try store.room($0)?.name ?? $0.rawValue } ?? "",
            "interpreter": try appointment.interpreter.map { try store.interpreter($0)?.name ?? $0.rawValue } as Any,
            "status": strings.text("status_\(appointment.status.rawValue)", page.language),
            "statusClass": appointment.status.rawValue,
            "booked": appointment.status == .booked, "begun": appointment.start <= now(),
            "canScore": scoresAllowed, "scores": scores, "noScores": scores.isEmpty,
            "saved": page.query["enregistre"] == "1",
            "typedScore": typed["score"] ?? "",
            "typedDay": typed["jour"] ?? min(local.date, today).iso,
            "scoreError": errors["score"] as Any, "dayError": errors["jour"] as Any,
            "hasErrors": !errors.isEmpty,
        ]
        return render(
            "session", context, page.language, session: page.session, status: status,
            title: "\(strings.text("session_title", page.language)) \(appointment.id.rawValue)")
    }
}
