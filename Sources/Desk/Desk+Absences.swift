import Booking
import CareModel
import Foundation
import Hummingbird
import Store

extension Desk {
    /// *Absences*: a clinician's absences, the sessions still booked during each, and the form to
    /// add one (`BookingService.recordAbsences`, as `parcours clinician absence add`), with the
    /// option to replan what it hits in the same transaction.
    func absences(_ page: Page) throws -> Response {
        try absencesPage(page, typed: [:], errors: [:], failure: nil, status: .ok)
    }

    /// Records one absence from the form; each bad field is shown next to itself with the form as
    /// typed, and a replan that cannot place every session records nothing and says which.
    func addAbsence(_ page: Page) throws -> Response {
        let form = page.boundedForm
        var errors: [String: String] = [:]
        let clinicians = try store.clinicians()
        let id = form["clinicien"] ?? ""
        if !clinicians.contains(where: { $0.id.rawValue == id }) {
            errors["clinicien"] = strings.text("absences_bad_clinician", page.language)
        }
        let zone = configuration.timeZone
        let start = Self.moment(form["du"] ?? "", end: false, zone: zone)
        let end = Self.moment(form["au"] ?? "", end: true, zone: zone)
        if start == nil { errors["du"] = strings.text("absences_bad_moment", page.language) }
        if end == nil { errors["au"] = strings.text("absences_bad_moment", page.language) }
        if let start, let end, end <= start { errors["au"] = strings.text("absences_end_before_start", page.language) }
        let reason = (form["motif"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.count > 200 || reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            errors["motif"] = strings.text("absences_bad_reason", page.language)
        }
        guard errors.isEmpty, let start, let end else {
            return try absencesPage(page, typed: form, errors: errors, failure: nil, status: .unprocessableContent)
        }
        let replan = form["replanifier"] == "1"
        let absence = ClinicianAbsence(
            clinician: ClinicianID(id), start: start, end: end, reason: reason.isEmpty ? nil : reason)
        let booking = BookingService(store: store, catalog: catalog, actor: Actor(name: page.session.user.name))
        do {
            let outcome = try booking.recordAbsences(
                [absence], replan: replan, today: zone.today(at: now()), reason: absence.reason)
            return Self.redirect(
                "/absences?clinicien=\(FormData.escape(id))&ajoutees=\(outcome.added.count)&deplacees=\(outcome.moved.count)"
            )
        } catch {
            return try absencesPage(
                page, typed: form, errors: [:], failure: refusal(error, page.language), status: .conflict)
        }
    }

    func absencesPage(
        _ page: Page, typed: [String: String], errors: [String: String], failure: String?,
        status: HTTPResponse.Status
    ) throws -> Response {
        let zone = configuration.timeZone
        let clinicians = try store.clinicians().sorted { ($0.name, $0.id.rawValue) < ($1.name, $1.id.rawValue) }
        let chosen = typed["clinicien"] ?? page.query["clinicien"] ?? clinicians.first?.id.rawValue ?? ""
        let known = clinicians.first { $0.id.rawValue == chosen }
        func shown(_ instant: Date) -> String { shownWhen(instant, page.language) }
        var rows: [[String: Any]] = []
        if let known {
            let protected = try store.protectedPatientCodes()
            let today = zone.instant(on: zone.today(at: now()), at: .midnight) ?? now()
            for absence in try store.absences(clinician: known.id, from: today) {
                let hit = try AbsenceClashes.sessions(during: [absence], in: store).map { a -> [String: Any] in
                    [
                        "id": a.id.rawValue, "href": "/seances/\(FormData.escape(a.id.rawValue))",
                        "when": shown(a.start), "patient": shownPatient(a.patient, page, protected: protected),
                    ]
                }
                rows.append([
                    "from": shown(absence.start), "to": shown(absence.end), "reason": absence.reason ?? "",
                    "fromValue": Self.formValue(absence.start, zone: zone),
                    "toValue": Self.formValue(absence.end, zone: zone),
                    "hit": hit, "hasHit": !hit.isEmpty,
                ])
            }
        }
        let context: [String: Any] = [
            "clinicians": clinicians.map {
                ["value": $0.id.rawValue, "label": $0.name, "selected": $0.id.rawValue == chosen] as [String: Any]
            },
            "whose": known?.name as Any, "chosen": known?.id.rawValue ?? "", "absences": rows, "none": rows.isEmpty,
            "typedFrom": typed["du"] ?? "", "typedTo": typed["au"] ?? "", "typedReason": typed["motif"] ?? "",
            "typedReplan": typed["replanifier"] == "1",
            "clinicianError": errors["clinicien"] as Any, "fromError": errors["du"] as Any,
            "toError": errors["au"] as Any, "reasonError": errors["motif"] as Any,
            "typedICS": typed["ics"] ?? "", "icsError": errors["ics"] as Any,
            "fileError": errors["ics-fichier"] as Any,
            "icsReplan": typed["ics-replanifier"] == "1",
            "hasErrors": !errors.isEmpty, "failure": failure as Any,
            "done": page.query["ajoutees"].flatMap(Int.init) != nil,
            "added": page.query["ajoutees"].flatMap(Int.init) as Any,
            "moved": page.query["deplacees"].flatMap(Int.init) as Any,
        ]
        return render(
            "absences", context, page.language, session: page.session, status: status,
            title: strings.text("absences_title", page.language))
    }

    /// `2026-12-02` (a whole day: from its midnight, or as the end, to the next) or
    /// `2026-12-02 13:30` (a local time); nil for anything else.
    static func moment(_ text: String, end: Bool, zone: ClinicTimeZone) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count), parts[0].count == 10, let day = LocalDate(parsing: String(parts[0])) else {
            return nil
        }
        guard parts.count == 2 else { return zone.instant(on: end ? day.adding(days: 1) : day, at: .midnight) }
        guard parts[1].count <= 5, let time = LocalTime(parsing: String(parts[1])), time.minutes < 1440 else {
            return nil
        }
        return zone.instant(on: day, at: time)
    }

    /// An instant as the form's field takes it back (`2026-12-02 13:30`).
    static func formValue(_ instant: Date, zone: ClinicTimeZone) -> String {
        let local = zone.local(instant)
        return "\(local.date.iso) \(local.time)"
    }
}
