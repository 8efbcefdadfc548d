import Booking
import CareModel
import Foundation
import Hummingbird
import ICalendar
import Store

extension Desk {
    /// Largest leave calendar pasted on *Absences*; the form body limit (64 KiB) bounds it anyway.
    static let maxPastedCalendar = 60 * 1024

    /// Imports a clinician's leave pasted as iCalendar text, or uploaded as the `.ics` file a
    /// calendar app exports (`multipart/form-data`, field `ics-fichier`, same size limit),
    /// read as `parcours clinician absence import` reads a file: events from today to a year
    /// ahead, repeats expanded, cancelled ones skipped, each becoming one absence; recorded
    /// through `BookingService.recordAbsences` (with "replan", the sessions hit move in the same
    /// transaction). A calendar that does not read is refused next to the field, naming the line.
    func importAbsences(_ page: Page) throws -> Response {
        let id = page.form["clinicien"] ?? ""
        // An upload names its field `ics-fichier`; its problems show under the file field.
        let field = page.form["ics-fichier"] != nil ? "ics-fichier" : "ics"
        let text = page.form[field] ?? ""
        let replan = page.form["ics-replanifier"] == "1"
        let typed = [
            "clinicien": String(id.prefix(60)),
            "ics": field == "ics" ? String(text.prefix(Self.maxPastedCalendar)) : "",
            "ics-replanifier": replan ? "1" : "",
        ]
        var errors: [String: String] = [:]
        if try store.clinician(ClinicianID(id)) == nil || id.count > 40 {
            errors["clinicien"] = strings.text("absences_bad_clinician", page.language)
        }
        let zone = configuration.timeZone
        let today = zone.today(at: now())
        var absences: [ClinicianAbsence] = []
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors[field] = strings.text(field == "ics" ? "absences_ics_empty" : "absences_file_empty", page.language)
        } else if text.utf8.count > Self.maxPastedCalendar {
            errors[field] = strings.text("absences_ics_too_large", page.language)
        } else if let from = zone.instant(on: today, at: .midnight),
            let to = zone.instant(on: today.adding(days: 366), at: .midnight)
        {
            do {
                let reading = try CalendarImporter().read(text, from: from, to: to)
                absences = UnavailabilityImport.distinctAbsences(of: ClinicianID(id), from: reading.events).absences
                if absences.isEmpty, errors["clinicien"] == nil {
                    errors[field] = strings.text("absences_ics_none", page.language)
                }
            } catch {
                errors[field] = calendarProblem(error, page.language)
            }
        }
        guard errors.isEmpty else {
            return try absencesPage(page, typed: typed, errors: errors, failure: nil, status: .unprocessableContent)
        }
        let booking = BookingService(store: store, catalog: catalog, actor: Actor(name: page.session.user.name))
        do {
            let outcome = try booking.recordAbsences(
                absences, replan: replan, today: today, reason: "imported at the desk")
            return Self.redirect(
                "/absences?clinicien=\(FormData.escape(id))&ajoutees=\(outcome.added.count)&deplacees=\(outcome.moved.count)"
            )
        } catch {
            return try absencesPage(
                page, typed: typed, errors: [:], failure: refusal(error, page.language), status: .conflict)
        }
    }
}
