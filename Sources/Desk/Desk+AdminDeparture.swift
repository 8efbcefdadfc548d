import Booking
import CareModel
import Foundation
import Hummingbird
import Store

extension Desk {
    /// A clinician's departure, as `parcours clinician deactivate`: the sessions still booked
    /// with them from now on, listed first, and the choice to move them to qualified colleagues
    /// (all or nothing) before they are marked inactive and their feeds revoked.
    func departurePage(_ page: Page) throws -> Response {
        try departure(page, clinician: try knownClinician(page), typed: [:], error: nil, failure: nil, status: .ok)
    }

    /// Deactivates the clinician (`ParcoursStore.deactivateClinician`), after
    /// `BookingService.replanDeparture` when asked; a replan that cannot place every session
    /// changes nothing and says why.
    func deactivateClinician(_ page: Page) throws -> Response {
        let clinician = try knownClinician(page)
        let reason = String((page.form["motif"] ?? "").prefix(FormData.maxFieldLength))
            .trimmingCharacters(in: .whitespaces)
        let typed = ["motif": reason, "replanifier": page.form["replanifier"] == "1" ? "1" : ""]
        guard clinician.active else {
            return try departure(
                page, clinician: clinician, typed: typed, error: nil,
                failure: strings.text("admin_departure_already", page.language), status: .conflict)
        }
        if !reason.isEmpty, case .failure = NameRule.check(reason) {
            return try departure(
                page, clinician: clinician, typed: typed,
                error: strings.text("absences_bad_reason", page.language), failure: nil, status: .unprocessableContent)
        }
        let why = reason.isEmpty ? "clinician deactivated at the desk" : reason
        let actor = Actor(name: page.session.user.name)
        var moved = 0
        if typed["replanifier"] == "1" {
            let booking = BookingService(store: store, catalog: catalog, actor: actor)
            do {
                moved =
                    try booking.replanDeparture(
                        of: clinician.id, from: now(), today: configuration.timeZone.today(at: now()), reason: why
                    ).moved.count
            } catch {
                return try departure(
                    page, clinician: clinician, typed: typed, error: nil, failure: refusal(error, page.language),
                    status: .conflict)
            }
        }
        try storeCall { () throws(StoreError) in
            try store.deactivateClinician(clinician.id, actor: actor, reason: why)
        }
        return Self.redirect(
            "/administration/cliniciens?desactive=\(FormData.escape(clinician.id.rawValue))&deplacees=\(moved)")
    }

    func departure(
        _ page: Page, clinician: Clinician, typed: [String: String], error: String?, failure: String?,
        status: HTTPResponse.Status
    ) throws -> Response {
        let protected = try store.protectedPatientCodes()
        let ahead = try store.appointments(from: now(), to: .distantFuture, heldBy: clinician.id)
            .filter { $0.status == .booked }
        let rows = ahead.map { sessionRow($0, page, protected: protected) }
        let context: [String: Any] = [
            "id": clinician.id.rawValue, "path": FormData.escape(clinician.id.rawValue), "name": clinician.name,
            "active": clinician.active, "sessions": rows, "none": rows.isEmpty, "count": rows.count,
            "typed": typed, "replan": typed["replanifier"] == "1", "reasonError": error as Any,
            "failure": failure as Any,
        ]
        return render(
            "admin-departure", context, page.language, session: page.session, status: status,
            title: "\(strings.text("admin_departure_title", page.language)) \(clinician.name)")
    }
}
