import Booking
import CareModel
import Foundation
import Hummingbird
import Store

extension Desk {
    /// Longest reason kept with a cancellation or a move (it goes to the audit log).
    static let maximumReasonLength = 200

    /// *Annuler une séance*: who cancels and why; the replacement is proposed next.
    func cancelPage(_ page: Page) throws -> Response {
        let appointment = try pathAppointment(page)
        return sessionForm("cancel", page, appointment, values: ["par": "patient"], errors: [:], status: .ok)
    }

    /// Cancels through the CLI's service (`cancel`: by patient or by centre, with the reason),
    /// then shows the replacement the service proposes, to confirm (nothing booked yet).
    func cancelSession(_ page: Page) throws -> Response {
        let appointment = try pathAppointment(page)
        let by = page.form["par"] ?? "", reason = (page.form["motif"] ?? "").trimmingCharacters(in: .whitespaces)
        var errors: [String: String] = [:]
        let who = BookingService.CancelledBy(rawValue: by)
        if who == nil { errors["par"] = strings.text("cancel_error_by", page.language) }
        if let problem = reasonProblem(reason) { errors["motif"] = strings.text(problem, page.language) }
        guard errors.isEmpty, let who else {
            return sessionForm(
                "cancel", page, appointment, values: ["par": by, "motif": page.form["motif"] ?? ""], errors: errors,
                status: .unprocessableContent)
        }
        do {
            _ = try bookingService(page).cancel(appointment.id, by: who, reason: reason, today: clinicToday())
        } catch {
            errors["form"] = strings.text("session_error_changed", page.language)
            return sessionForm(
                "cancel", page, appointment, values: ["par": by, "motif": reason], errors: errors, status: .conflict,
                detail: refusal(error, page.language))
        }
        let code = FormData.escape(appointment.patient.rawValue)
        return Self.redirect("/patients/\(code)/reservation?etape=suivante&annulee=1")
    }

    /// *Déplacer une séance*: the other times it could go to (the nearest later and earlier ones
    /// that keep the series in order), to pick one.
    func movePage(_ page: Page) throws -> Response {
        let appointment = try pathAppointment(page)
        return sessionForm("move", page, appointment, values: [:], errors: [:], status: .ok)
    }

    /// Moves to the picked proposal if planning again still offers it; otherwise refuses with the
    /// current proposals and changes nothing.
    func moveSession(_ page: Page) throws -> Response {
        let appointment = try pathAppointment(page)
        let picked = page.form["vers"] ?? "", reason = (page.form["motif"] ?? "").trimmingCharacters(in: .whitespaces)
        var errors: [String: String] = [:]
        let start = Int(picked.prefix(12)).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        if start == nil { errors["vers"] = strings.text("move_error_pick", page.language) }
        if let problem = reasonProblem(reason) { errors["motif"] = strings.text(problem, page.language) }
        guard errors.isEmpty, let start else {
            return sessionForm(
                "move", page, appointment, values: ["vers": picked, "motif": page.form["motif"] ?? ""], errors: errors,
                status: .unprocessableContent)
        }
        do {
            _ = try bookingService(page).move(appointment.id, toProposalAt: start, today: clinicToday(), reason: reason)
        } catch {
            errors["form"] = strings.text("session_error_changed", page.language)
            return sessionForm(
                "move", page, appointment, values: ["motif": reason], errors: errors, status: .conflict,
                detail: refusal(error, page.language))
        }
        return Self.redirect("/patients/\(FormData.escape(appointment.patient.rawValue))")
    }

    /// A required reason, on one line, at most ``maximumReasonLength`` characters; the catalogue key of what is wrong.
    func reasonProblem(_ reason: String) -> String? {
        if reason.isEmpty { return "session_error_reason" }
        if reason.count > Self.maximumReasonLength { return "session_error_too_long" }
        if PrintableText.hasControlCharacters(reason) { return "session_error_control" }
        return nil
    }

    func sessionForm(
        _ template: String, _ page: Page, _ appointment: Appointment, values: [String: String],
        errors: [String: String], status: HTTPResponse.Status, detail: String? = nil
    ) -> Response {
        var context: [String: Any] = [
            "id": appointment.id.rawValue, "code": appointment.patient.rawValue,
            "session": sessionRows([appointment], page).first as Any, "v": values,
            "hasErrors": !errors.isEmpty, "detail": detail as Any,
            "byPatient": values["par"] != "centre", "byCentre": values["par"] == "centre",
        ]
        for (field, text) in errors { context["error_\(field)"] = text }
        if template == "move" {
            do {
                let proposals = try bookingService(page).moveProposals(for: appointment.id, today: clinicToday())
                let zone = configuration.timeZone
                context["proposals"] = proposals.enumerated().map { index, proposal -> [String: Any] in
                    let local = zone.local(proposal.start)
                    let value = String(Int(proposal.start.timeIntervalSince1970))
                    return [
                        "value": value, "day": DayView.dayLabel(local.date, page.language), "time": "\(local.time)",
                        "room": proposal.room.rawValue,
                        "checked": values["vers"] == value || (values["vers"] == nil && index == 0),
                    ]
                }
                context["noProposal"] = proposals.isEmpty
            } catch {
                context["noProposal"] = true
                context["detail"] = detail ?? refusal(error, page.language)
            }
        }
        return render(
            template, context, page.language, session: page.session, status: status,
            title: "\(strings.text("\(template)_title", page.language)) \(appointment.id.rawValue)")
    }

    /// The booked session named by the path (`/seances/{id}/…`), or 404; one no longer booked, 409.
    func pathAppointment(_ page: Page) throws -> Appointment {
        let raw = page.parameters["id"] ?? ""
        guard raw.count <= 40, let appointment = try store.appointment(AppointmentID(raw)) else {
            throw DeskPageError(
                status: .notFound, titleKey: "not_found_title", textKey: "session_not_found",
                detail: String(raw.prefix(40)))
        }
        guard appointment.status == .booked else {
            throw DeskPageError(
                status: .conflict, titleKey: "checkin_failed_title", textKey: "session_not_booked",
                detail: appointment.id.rawValue)
        }
        return appointment
    }
}
