import Booking
import CareModel
import Foundation
import Hummingbird
import PathwayEngine
import Store

extension Desk {
    /// *Aujourd'hui*: the day's sessions by clinician, with check-in buttons.
    func today(_ page: Page) throws -> Response {
        let day = try self.day(page.query["jour"])
        var context = try DayView(
            store: store, catalog: catalog, strings: strings, language: page.language,
            zone: configuration.timeZone
        ).context(day: day, session: page.session)
        context["csrf"] = page.session.csrfToken
        return render(
            "today", context, page.language, session: page.session, title: strings.text("today_title", page.language))
    }

    /// Check-in in one click: venu (attended), absent (no-show), annulé (cancelled by the patient,
    /// secretaries only). A clinician records attendance for their own sessions only.
    func checkIn(_ page: Page) throws -> Response {
        let id = AppointmentID(page.parameters["id"] ?? "")
        let day = try self.day(page.form["jour"])
        guard let appointment = try store.appointment(id) else {
            throw DeskPageError(
                status: .notFound, titleKey: "not_found_title", textKey: "session_not_found", detail: id.rawValue)
        }
        let action = page.form["etat"] ?? ""
        guard ["venu", "absent", "annule"].contains(action) else {
            throw DeskPageError(
                status: .badRequest, titleKey: "bad_input_title", textKey: "bad_checkin",
                detail: String(action.prefix(40)))
        }
        if page.role == .clinician {
            guard let me = page.session.user.clinician, appointment.clinicians.contains(me), action != "annule" else {
                throw DeskPageError(status: .forbidden, titleKey: "forbidden_title", textKey: "forbidden_text")
            }
        }
        let booking = BookingService(store: store, catalog: catalog, actor: Actor(name: page.session.user.name))
        do {
            switch action {
            case "venu": _ = try booking.attend(id, at: now())
            case "absent": _ = try booking.noShow(id, at: now(), reason: "absent (accueil)")
            default:
                _ = try booking.cancel(
                    id, by: .patient, reason: "annulé à l'accueil", today: configuration.timeZone.today(at: now()))
            }
        } catch {
            throw DeskPageError(
                status: .conflict, titleKey: "checkin_failed_title", textKey: "checkin_failed_text",
                detail: refusal(error, page.language))
        }
        if page.form["retour"] == "seance" { return Self.redirect("/seances/\(FormData.escape(id.rawValue))") }
        return Self.redirect("/aujourdhui?jour=\(day.iso)")
    }

    /// *Liste d'attente*: who waits, since when, and when the intake is due (overdue in red).
    func waitlist(_ page: Page) throws -> Response {
        let today = configuration.timeZone.today(at: now())
        let booking = BookingService(store: store, catalog: catalog, actor: Actor(name: page.session.user.name))
        let waiting = try booking.waitlist(today: today)
        let masked = strings.text("protected_patient", page.language)
        // Two queries for the whole list, not two per waiting patient.
        let codes = Set(waiting.map(\.patient))
        let patients = try store.patients(codes)
        let names = DeskRoute.seesIdentity(page.role) ? try store.identities(codes) : [:]
        var html = HTMLWriter(capacity: waiting.count * 300)
        let awaitingGroup = strings.text("awaiting_group", page.language)
        let overdue = strings.text("overdue", page.language)
        for entry in waiting {
            let label = try PatientLabel.of(
                patients[entry.patient], code: entry.patient, role: page.role,
                identity: { () throws(StoreError) in names[entry.patient] }, masked: masked)
            html.waitingRow(
                entry, label: label, track: catalog.track(entry.track)?.title ?? entry.track.rawValue,
                overdue: entry.deadline.map { $0 < today } ?? false ? overdue : nil,
                awaitingGroup: awaitingGroup)
        }
        return render(
            "waitlist",
            [
                "rowsHTML": html.fragment, "empty": waiting.isEmpty, "today": today.iso,
                "canBatch": DeskRoute.batchBooking.allows(page.role),
            ], page.language, session: page.session,
            title: strings.text("waitlist_title", page.language))
    }

    /// *Patient*: pathway state and sessions; identity for secretaries only; a clinician sees only
    /// a patient they have a session with; an address-protected patient only by secretaries.
    func patient(_ page: Page) throws -> Response {
        let raw = page.parameters["code"] ?? ""
        guard raw.count <= 32, let patient = try store.patient(PatientCode(raw)) else {
            throw DeskPageError(
                status: .notFound, titleKey: "not_found_title", textKey: "patient_not_found",
                detail: String(raw.prefix(32)))
        }
        let sessions = try store.appointments(patient: patient.code).sorted { $0.start < $1.start }
        if page.role == .clinician {
            guard let me = page.session.user.clinician, sessions.contains(where: { $0.clinicians.contains(me) }) else {
                throw DeskPageError(status: .forbidden, titleKey: "forbidden_title", textKey: "forbidden_text")
            }
        }
        if patient.addressProtected, !DeskRoute.seesProtected(page.role) {
            throw DeskPageError(status: .forbidden, titleKey: "protected_title", textKey: "protected_text")
        }
        let zone = configuration.timeZone
        let day = DayView(store: store, catalog: catalog, strings: strings, language: page.language, zone: zone)
        let current = now()
        let actions = DeskRoute.book.allows(page.role)
        let links =
            actions
            ? (strings.text("booking_action_move", page.language), strings.text("booking_action_cancel", page.language))
            : nil
        var html = HTMLWriter(capacity: sessions.count * 400)
        for appointment in sessions {
            let local = zone.local(appointment.start)
            html.sessionRow(
                day: DayView.dayLabel(local.date, page.language), time: "\(local.time)",
                step: day.stepTitle(appointment),
                status: strings.text("status_\(appointment.status.rawValue)", page.language),
                statusClass: appointment.status.rawValue, ahead: appointment.start > current,
                id: appointment.id.rawValue,
                links: links,
                changeable: DeskRoute.move.allows(page.role) && appointment.status == .booked
                    && appointment.start > current)
        }
        var context: [String: Any] = [
            "code": patient.code.rawValue, "sessionsHTML": html.fragment, "noSessions": sessions.isEmpty,
            "referred": patient.referralDate.iso,
            "category": strings.text("category_\(patient.category.rawValue)", page.language),
            "protected": patient.addressProtected,
        ]
        let enrolled = try store.currentEnrolment(patient: patient.code)
        if let enrolment = enrolled {
            context["enrolment"] = [
                "track": catalog.track(enrolment.track)?.title ?? enrolment.track.rawValue,
                "state": strings.text("state_\(enrolment.state.rawValue)", page.language),
                "since": enrolment.enrolledOn.iso,
            ]
        }
        if actions {
            let active = enrolled.map { !$0.state.isTerminal } ?? false
            context["actions"] = ["enrol": !active, "book": active]
        }
        if DeskRoute.seesIdentity(page.role), let identity = try store.identity(patient.code) {
            context["identity"] = [
                "name": "\(identity.givenName) \(identity.familyName)", "phone": identity.phone ?? "",
                "email": identity.email ?? "", "address": identity.address ?? "",
            ]
        }
        return render(
            "patient", context, page.language, session: page.session,
            title: "\(strings.text("patient_title", page.language)) \(patient.code.rawValue)")
    }

    /// The day asked for (`jour=YYYY-MM-DD`), today when absent; 400 naming the field otherwise.
    func day(_ text: String?) throws -> LocalDate {
        guard let text, !text.isEmpty else { return configuration.timeZone.today(at: now()) }
        guard text.count == 10, let day = LocalDate(parsing: text) else {
            throw DeskPageError(
                status: .badRequest, titleKey: "bad_input_title", textKey: "bad_day", detail: String(text.prefix(40)))
        }
        return day
    }
}
