import Booking
import CareModel
import Foundation
import Hummingbird
import Store

/// *Salles et interprètes indisponibles*, beside the clinicians' absences: a room out of use (a
/// leak, works) or an interpreter away, the sessions each hits, the form of `room|interpreter
/// unavailable add` (with the option to replan what it hits) and *Retirer* (`unavailable remove`).
/// The front desk's, as absences are: it is the front desk that moves the sessions hit.
extension Desk {
    func resourceAbsences(_ page: Page) throws -> Response {
        try resourceAbsencesPage(page, typed: [:], errors: [:], failure: nil, status: .ok)
    }

    /// Records one unavailability (`BookingService.recordUnavailability`); each bad field is shown
    /// next to itself as typed, and a replan that cannot place every session records nothing.
    func addResourceAbsence(_ page: Page) throws -> Response {
        let form = page.boundedForm
        var errors: [String: String] = [:]
        let resource = try knownResource(form["ressource"] ?? "")
        if resource == nil { errors["ressource"] = strings.text("unavailable_bad_resource", page.language) }
        let zone = configuration.timeZone
        let today = zone.today(at: now())
        let start = Self.moment(form["du"] ?? "", end: false, zone: zone)
        let end = Self.moment(form["au"] ?? "", end: true, zone: zone)
        for (field, moment) in [("du", start), ("au", end)] {
            guard let moment else {
                errors[field] = strings.text("absences_bad_moment", page.language)
                continue
            }
            if PlausibleDates.unavailability(zone.local(moment).date, today: today) != nil {
                errors[field] = strings.text("unavailable_out_of_range", page.language)
            }
        }
        if errors["au"] == nil, let end, end <= max(start ?? end, now()) {
            errors["au"] = strings.text("unavailable_end_passed", page.language)
        }
        let reason = (form["motif"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty {
            errors["motif"] = strings.text("unavailable_reason_needed", page.language)
        } else if case .failure = NameRule.check(reason) {
            errors["motif"] = strings.text("absences_bad_reason", page.language)
        }
        guard errors.isEmpty, let resource, let start, let end else {
            return try resourceAbsencesPage(
                page, typed: form, errors: errors, failure: nil, status: .unprocessableContent)
        }
        do {
            let outcome = try bookingService(page).recordUnavailability(
                resource, from: start, to: end, reason: reason, replan: form["replanifier"] == "1", today: today)
            let moved = outcome.sameTime.count + outcome.moved.count
            return Self.redirect("/absences/ressources?enregistree=1&deplacees=\(moved)")
        } catch {
            return try resourceAbsencesPage(
                page, typed: form, errors: [:], failure: refusal(error, page.language), status: .conflict)
        }
    }

    /// Removes one unavailability by its number (`ParcoursStore.removeUnavailability`).
    func removeResourceAbsence(_ page: Page) throws -> Response {
        let raw = page.parameters["id"] ?? ""
        guard raw.count <= 12, let id = Int64(raw), try store.unavailabilities().contains(where: { $0.id == id }) else {
            throw DeskPageError(
                status: .notFound, titleKey: "not_found_title", textKey: "unavailable_not_found",
                detail: String(raw.prefix(12)))
        }
        _ = try storeCall { () throws(StoreError) in
            try store.removeUnavailability(
                id, actor: Actor(name: page.session.user.name), reason: "removed at the desk")
        }
        return Self.redirect("/absences/ressources?retiree=1")
    }

    /// `s:R-101` or `i:I-HADDAD`, a room or interpreter that exists; nil otherwise.
    private func knownResource(_ value: String) throws -> UnavailableResource? {
        let id = String(value.dropFirst(2))
        guard IdentifierRule.isValid(id) else { return nil }
        if value.hasPrefix("s:"), try store.room(RoomID(id)) != nil { return .room(RoomID(id)) }
        if value.hasPrefix("i:"), try store.interpreter(InterpreterID(id)) != nil {
            return .interpreter(InterpreterID(id))
        }
        return nil
    }

    func resourceAbsencesPage(
        _ page: Page, typed: [String: String], errors: [String: String], failure: String?,
        status: HTTPResponse.Status
    ) throws -> Response {
        let language = page.language
        func shown(_ instant: Date) -> String { shownWhen(instant, language) }
        let names = try store.resourceNames()
        let protected = try store.protectedPatientCodes()
        let rows: [[String: Any]] = try store.unavailabilities(from: now()).map { record in
            let hit = try AbsenceClashes.sessions(during: record, in: store).map { a -> [String: Any] in
                [
                    "id": a.id.rawValue, "href": "/seances/\(FormData.escape(a.id.rawValue))", "when": shown(a.start),
                    "patient": shownPatient(a.patient, page, protected: protected),
                ]
            }
            let name: String
            switch record.resource {
            case let .room(id): name = "\(strings.text("unavailable_room", language)) \(names.rooms[id] ?? id.rawValue)"
            case let .interpreter(id):
                name = "\(strings.text("unavailable_interpreter", language)) \(names.interpreters[id] ?? id.rawValue)"
            }
            return [
                "number": record.id.map(String.init) ?? "", "resource": name, "from": shown(record.start),
                "to": shown(record.end), "reason": record.reason, "hit": hit, "hasHit": !hit.isEmpty,
            ]
        }
        let chosen = typed["ressource"] ?? ""
        let choices =
            try store.rooms().filter(\.active).map {
                ("s:\($0.id.rawValue)", "\(strings.text("unavailable_room", language)) \($0.name) (\($0.id))")
            }
            + store.interpreters().filter(\.active).map {
                ("i:\($0.id.rawValue)", "\(strings.text("unavailable_interpreter", language)) \($0.name) (\($0.id))")
            }
        let context: [String: Any] = [
            "records": rows, "none": rows.isEmpty,
            "resources": choices.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == chosen] as [String: Any] },
            "typed": typed, "errors": errors, "hasErrors": !errors.isEmpty, "failure": failure as Any,
            "replan": typed["replanifier"] == "1", "saved": page.query["enregistree"] != nil,
            "moved": page.query["deplacees"].flatMap(Int.init) ?? 0, "removed": page.query["retiree"] != nil,
        ]
        return render(
            "resource-absences", context, language, session: page.session, status: status,
            title: strings.text("unavailable_title", language))
    }
}
