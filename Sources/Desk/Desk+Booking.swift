import Booking
import CareModel
import Foundation
import Hummingbird
import PathwayEngine
import Scheduler
import Store

extension Desk {
    /// The booking service for the signed-in user: changes audited under their name, and no
    /// search placing a session in the part of today already gone (as the CLI's `now`).
    func bookingService(_ page: Page) -> BookingService {
        BookingService(
            store: store, catalog: catalog, actor: Actor(name: page.session.user.name),
            snapshots: SnapshotBuilder(timeZone: configuration.timeZone, notBefore: now()))
    }

    /// *Réserver*: the scheduler's proposal for the series (or, `etape=suivante`, the next session:
    /// the replacement after a cancellation), shown with a button that confirms it. Nothing is booked.
    func bookingPage(_ page: Page) throws -> Response {
        let patient = try pathPatient(page)
        let next = page.query["etape"] == "suivante"
        return proposalPage(page, patient, next: next, notice: page.query["annulee"] == "1" ? "booking_cancelled" : nil)
    }

    /// Confirms the proposal shown: books it only if planning again gives the same sessions
    /// (``BookingService/confirm(_:expected:today:)``); a slot taken meanwhile is refused with the
    /// new proposal shown, nothing booked.
    func confirmBooking(_ page: Page) throws -> Response {
        let patient = try pathPatient(page)
        let next = page.form["etape"] == "suivante"
        let expected = String((page.form["plan"] ?? "").prefix(64))
        let request = BookingService.Request(patient: patient.code, scope: next ? .next : .series)
        do {
            switch try bookingService(page).confirm(request, expected: expected, today: clinicToday()) {
            case .booked:
                return Self.redirect("/patients/\(FormData.escape(patient.code.rawValue))")
            case .changed:
                return proposalPage(page, patient, next: next, notice: "booking_changed", status: .conflict)
            }
        } catch {
            // A commit that met a booking made meanwhile: the same answer as a changed plan.
            let raced = if case .store(.conflict) = error { true } else { false }
            return proposalPage(page, patient, next: next, notice: raced ? "booking_changed" : nil, status: .conflict)
        }
    }

    func proposalPage(
        _ page: Page, _ patient: Patient, next: Bool, notice: String?, status: HTTPResponse.Status = .ok
    ) -> Response {
        var context: [String: Any] = [
            "code": patient.code.rawValue, "etape": next ? "suivante" : "serie",
            "notice": notice.map { strings.text($0, page.language) } as Any,
        ]
        var status = status
        do {
            let booking = try bookingService(page).propose(
                .init(patient: patient.code, scope: next ? .next : .series), today: clinicToday())
            context["plan"] = booking.digest
            context["sessions"] = sessionRows(booking.appointments, page)
            context["shifted"] = sessionRows(booking.shifted, page)
            context["hasShifted"] = !booking.shifted.isEmpty
            if booking.deferred > 0 { context["deferred"] = booking.deferred }
        } catch {
            context["failure"] = bookingFailure(error, page.language)
            if status == .ok { status = .unprocessableContent }
        }
        return render(
            "booking", context, page.language, session: page.session, status: status,
            title:
                "\(strings.text(next ? "booking_next_title" : "booking_title", page.language)) \(patient.code.rawValue)"
        )
    }

    /// Sessions as table rows: day, time, step, clinicians, room, interpreter.
    func sessionRows(_ appointments: [Appointment], _ page: Page) -> [[String: Any]] {
        let zone = configuration.timeZone
        let day = DayView(store: store, catalog: catalog, strings: strings, language: page.language, zone: zone)
        let names = Dictionary(
            ((try? store.clinicians()) ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return appointments.sorted { $0.start < $1.start }.map { a in
            let local = zone.local(a.start)
            return [
                "day": DayView.dayLabel(local.date, page.language), "time": "\(local.time)", "step": day.stepTitle(a),
                "clinicians": a.clinicians.map { names[$0] ?? $0.rawValue }.joined(separator: ", "),
                "room": a.room?.rawValue ?? "", "interpreter": a.interpreter?.rawValue ?? "",
            ]
        }
    }

    /// A booking refusal in the user's language, with the service's own words as detail.
    func bookingFailure(_ error: BookingError, _ language: DeskLanguage) -> [String: Any] {
        let key =
            switch error {
            case .notEnrolled: "booking_not_enrolled"
            case .nothingToBook: "booking_nothing"
            case .noSlot: "booking_no_slot"
            case .store(.conflict): "booking_changed"
            default: "booking_refused"
            }
        return ["text": strings.text(key, language), "detail": refusal(error, language)]
    }
}
