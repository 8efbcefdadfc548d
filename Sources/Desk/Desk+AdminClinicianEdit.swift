import Booking
import CareModel
import Foundation
import Hummingbird
import Store

/// One clinician's page: name, role, skills, languages and weekly hours as a form to edit (as
/// `parcours clinician edit`), and the sessions booked ahead outside those hours, which the front
/// desk must move (an edit moves nothing; `doctor` flags them too).
extension Desk {
    /// *Clinicien* : the edit form and the sessions ahead outside the hours.
    func clinicianPage(_ page: Page) throws -> Response {
        let clinician = try knownClinician(page)
        return try clinicianPage(page, clinician: clinician, typed: Self.typed(clinician), errors: [:], status: .ok)
    }

    /// Saves name, role, skills, languages and hours (`ParcoursStore.updateClinician`); each bad
    /// field is shown next to itself, as typed, and nothing is saved.
    func editClinician(_ page: Page) throws -> Response {
        let clinician = try knownClinician(page)
        let form = page.boundedForm
        var errors: [String: String] = [:]
        guard let edited = clinicianFields(form, id: clinician.id, errors: &errors, page.language), errors.isEmpty
        else {
            return try clinicianPage(
                page, clinician: clinician, typed: form, errors: errors, status: .unprocessableContent)
        }
        try storeCall { () throws(StoreError) in
            try store.updateClinician(edited, actor: Actor(name: page.session.user.name))
        }
        return Self.redirect("/administration/cliniciens/\(FormData.escape(clinician.id.rawValue))?enregistre=1")
    }

    func clinicianPage(
        _ page: Page, clinician: Clinician, typed: [String: String], errors: [String: String],
        status: HTTPResponse.Status
    ) throws -> Response {
        let language = page.language, zone = configuration.timeZone
        let protected = try store.protectedPatientCodes()
        let outside = try AbsenceClashes.sessions(
            outside: clinician.hours, of: clinician.id, from: now(), zone: zone, in: store)
        let rows = outside.map { sessionRow($0, page, protected: protected) }
        let context: [String: Any] = [
            "id": clinician.id.rawValue, "path": FormData.escape(clinician.id.rawValue), "name": clinician.name,
            "active": clinician.active,
            "roles": ClinicianRole.allCases.map {
                [
                    "value": $0.rawValue, "label": strings.text("clinician_role_\($0.rawValue)", language),
                    "selected": typed["role"] == $0.rawValue,
                ] as [String: Any]
            },
            "skills": Skill.allCases.map {
                [
                    "value": $0.rawValue, "label": strings.text("skill_\($0.rawValue)", language),
                    "checked": typed["competence-\($0.rawValue)"] == "1",
                ] as [String: Any]
            },
            "typed": typed, "errors": errors, "hasErrors": !errors.isEmpty,
            "saved": page.query["enregistre"] != nil,
            "sessions": rows, "none": rows.isEmpty, "count": rows.count,
        ]
        return render(
            "admin-clinician", context, language, session: page.session, status: status,
            title: "\(strings.text("admin_clinician_title", language)) \(clinician.name)")
    }

    static func typed(_ clinician: Clinician) -> [String: String] {
        var typed = [
            "nom": clinician.name, "role": clinician.role.rawValue,
            "langues": clinician.languages.map(\.rawValue).sorted().joined(separator: ", "),
            "horaires": clinician.hours.description,
        ]
        for skill in clinician.skills { typed["competence-\(skill.rawValue)"] = "1" }
        return typed
    }

    /// A clinician's name, role, skills, languages and hours as typed in the add and edit forms,
    /// each bad field named in `errors` (nil when any is bad); `id` is the clinician's.
    func clinicianFields(
        _ form: [String: String], id: ClinicianID, errors: inout [String: String], _ language: DeskLanguage
    ) -> Clinician? {
        let name = nameField(form["nom"], errors: &errors, language)
        let role = ClinicianRole(rawValue: form["role"] ?? "")
        if role == nil { errors["role"] = strings.text("admin_clinicians_bad_role", language) }
        let skills = Set(Skill.allCases.filter { form["competence-\($0.rawValue)"] == "1" })
        let languages = languagesField(form["langues"], errors: &errors, language)
        let hours = hoursField(form["horaires"], errors: &errors, language)
        guard let name, let role, let languages, let hours else { return nil }
        return Clinician(id: id, name: name, role: role, skills: skills, languages: languages, hours: hours)
    }
}
