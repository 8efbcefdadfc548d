import Booking
import CareModel
import Foundation
import Hummingbird
import Store

extension Desk {
    /// *Programmer la liste d'attente*: the batch the scheduler would book (`schedule --waitlist
    /// --dry-run`), patient by patient, with a button that commits it. Nothing is booked.
    func batchPage(_ page: Page) throws -> Response {
        let notice = page.query["reserve"].flatMap { Int($0.prefix(6)) }.map {
            strings.text("batch_done", page.language).replacingOccurrences(of: "{n}", with: "\($0)")
        }
        return try batchPreview(page, notice: notice, status: .ok)
    }

    /// Commits the batch shown if planning it again gives the same sessions; otherwise shows the
    /// new plan (409) and books nothing. Each patient's series is its own transaction, as the CLI's.
    func confirmBatch(_ page: Page) throws -> Response {
        let expected = String((page.form["plan"] ?? "").prefix(64))
        let outcome: BookingService.WaitlistOutcome
        do {
            outcome = try bookingService(page).scheduleWaitlist(today: clinicToday(), expected: expected)
        } catch {
            return try batchPreview(page, notice: refusal(error, page.language), status: .conflict)
        }
        if outcome.planChanged {
            return try batchPreview(page, notice: strings.text("booking_changed", page.language), status: .conflict)
        }
        return Self.redirect("/liste-attente/programmation?reserve=\(outcome.booked.count)")
    }

    func batchPreview(_ page: Page, notice: String?, status: HTTPResponse.Status) throws -> Response {
        var context: [String: Any] = ["notice": notice as Any]
        var status = status
        do {
            let outcome = try bookingService(page).scheduleWaitlist(today: clinicToday(), dryRun: true)
            let masked = strings.text("protected_patient", page.language)
            let zone = configuration.timeZone
            context["rows"] = try outcome.booked.map { booking -> [String: Any] in
                let code = booking.proposal.patient
                let label = try PatientLabel.of(
                    try store.patient(code), code: code, role: page.role,
                    identity: { () throws(StoreError) in try store.identity(code) }, masked: masked)
                let first = booking.appointments.map(\.start).min()
                return [
                    "patient": label.text, "href": label.href as Any,
                    "track": catalog.track(booking.proposal.track)?.title ?? booking.proposal.track.rawValue,
                    "sessions": booking.appointments.count,
                    "first": first.map {
                        "\(DayView.dayLabel(zone.local($0).date, page.language)) \(zone.local($0).time)"
                    }
                        ?? "",
                ]
            }
            context["empty"] = outcome.booked.isEmpty
            context["plan"] = outcome.digest
            if !outcome.explanations.isEmpty { context["unplaced"] = outcome.explanations.count }
        } catch {
            context["failure"] = refusal(error, page.language)
            if status == .ok { status = .unprocessableContent }
        }
        return render(
            "batch", context, page.language, session: page.session, status: status,
            title: strings.text("batch_title", page.language))
    }
}
