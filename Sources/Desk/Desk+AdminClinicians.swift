import Booking
import CareModel
import Foundation
import Hummingbird
import Store

extension Desk {
    /// *Cliniciens*: every clinician with their hours and caps; the forms of `parcours clinician
    /// add` and `clinician edit` (caps), and the way to `clinician deactivate`.
    func clinicians(_ page: Page) throws -> Response {
        try cliniciansPage(page, typed: [:], errors: [:], capsFor: nil, status: .ok)
    }

    /// Adds a clinician with their caps in one transaction (`ParcoursStore.addClinician`), every
    /// field checked by the CLI's rules and shown next to itself when wrong.
    func addClinician(_ page: Page) throws -> Response {
        let form = page.boundedForm
        var errors: [String: String] = [:]
        let id = (form["id"] ?? "").trimmingCharacters(in: .whitespaces)
        if !IdentifierRule.isValid(id) {
            errors["id"] = strings.text("admin_bad_id", page.language)
        } else if try store.clinician(ClinicianID(id)) != nil {
            errors["id"] = strings.text("admin_id_taken", page.language)
        }
        let clinician = clinicianFields(form, id: ClinicianID(id), errors: &errors, page.language)
        let caps = capsFields(form, errors: &errors, page.language)
        guard errors.isEmpty, let clinician, let caps else {
            return try cliniciansPage(page, typed: form, errors: errors, capsFor: nil, status: .unprocessableContent)
        }
        let actor = Actor(name: page.session.user.name)
        try storeCall { () throws(StoreError) in try store.addClinician(clinician, caps: caps, actor: actor) }
        return Self.redirect("/administration/cliniciens?ajoute=\(FormData.escape(id))")
    }

    /// Sets one clinician's caps as typed (both empty: no cap), as `clinician edit` does.
    func setClinicianCaps(_ page: Page) throws -> Response {
        let clinician = try knownClinician(page)
        var errors: [String: String] = [:]
        let form = page.form.mapValues { String($0.prefix(20)) }
        guard let caps = capsFields(form, errors: &errors, page.language) else {
            return try cliniciansPage(
                page, typed: form, errors: errors, capsFor: clinician.id, status: .unprocessableContent)
        }
        try storeCall { () throws(StoreError) in
            try store.setCaps(caps, of: clinician.id, actor: Actor(name: page.session.user.name))
        }
        return Self.redirect("/administration/cliniciens?plafonds=\(FormData.escape(clinician.id.rawValue))")
    }

    /// The clinician named in the path, or 404.
    func knownClinician(_ page: Page) throws -> Clinician {
        let id = page.parameters["id"] ?? ""
        guard IdentifierRule.isValid(id), let clinician = try store.clinician(ClinicianID(id)) else {
            throw DeskPageError(
                status: .notFound, titleKey: "not_found_title", textKey: "admin_clinicians_not_found",
                detail: String(id.prefix(40)))
        }
        return clinician
    }

    func cliniciansPage(
        _ page: Page, typed: [String: String], errors: [String: String], capsFor: ClinicianID?,
        status: HTTPResponse.Status
    ) throws -> Response {
        let language = page.language
        let caps = try store.clinicianCaps()
        let rows: [[String: Any]] = try store.clinicians().map { c in
            let own = caps[c.id] ?? WorkloadCaps()
            let failing = c.id == capsFor
            return [
                "id": c.id.rawValue, "path": FormData.escape(c.id.rawValue), "name": c.name,
                "role": strings.text("clinician_role_\(c.role.rawValue)", language),
                "skills": c.skills.map { strings.text("skill_\($0.rawValue)", language) }.sorted().joined(
                    separator: ", "),
                "languages": c.languages.map(\.rawValue).sorted().joined(separator: ", "),
                "hours": c.hours.description, "active": c.active,
                "day": failing ? typed["max_jour"] ?? "" : own.sessionsPerDay.map(String.init) ?? "",
                "week": failing ? typed["max_semaine"] ?? "" : own.hoursPerWeek.map(String.init) ?? "",
                "dayError": (failing ? errors["max_jour"] : nil) as Any,
                "weekError": (failing ? errors["max_semaine"] : nil) as Any,
            ]
        }
        let addErrors = capsFor == nil ? errors : [:]
        let context: [String: Any] = [
            "clinicians": rows,
            "roles": ClinicianRole.allCases.map {
                [
                    "value": $0.rawValue, "label": strings.text("clinician_role_\($0.rawValue)", language),
                    "selected": typed["role"] == $0.rawValue && capsFor == nil,
                ] as [String: Any]
            },
            "skills": Skill.allCases.map {
                [
                    "value": $0.rawValue, "label": strings.text("skill_\($0.rawValue)", language),
                    "checked": typed["competence-\($0.rawValue)"] == "1" && capsFor == nil,
                ] as [String: Any]
            },
            "typed": capsFor == nil ? typed.merging(["langues": "fr"]) { typed, _ in typed } : ["langues": "fr"],
            "errors": addErrors, "hasErrors": !errors.isEmpty,
            "added": page.query["ajoute"].map { String($0.prefix(40)) } as Any,
            "capsSet": page.query["plafonds"].map { String($0.prefix(40)) } as Any,
            "deactivated": page.query["desactive"].map { String($0.prefix(40)) } as Any,
            "movedCount": page.query["deplacees"].flatMap(Int.init) as Any,
            "maxDay": WorkloadCaps.maxSessionsPerDay, "maxWeek": WorkloadCaps.maxHoursPerWeek,
        ]
        return render(
            "admin-clinicians", context, language, session: page.session, status: status,
            title: strings.text("admin_clinicians_title", language))
    }

    // MARK: - Fields shared by the resource forms

    /// A name by CareModel's ``NameRule``; nil with the problem recorded under `nom`.
    func nameField(_ text: String?, errors: inout [String: String], _ language: DeskLanguage) -> String? {
        switch NameRule.check(text ?? "") {
        case .success(let name): return name
        case .failure(.empty): errors["nom"] = strings.text("admin_name_empty", language)
        case .failure(.controlCharacter): errors["nom"] = strings.text("referral_error_control", language)
        case .failure(.tooLong): errors["nom"] = strings.text("referral_error_too_long", language)
        }
        return nil
    }

    /// `fr, ar`: at least one ISO 639 code; nil with the problem recorded under `langues`.
    func languagesField(
        _ text: String?, errors: inout [String: String], _ language: DeskLanguage
    )
        -> Set<LanguageCode>?
    {
        let words = (text ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        let codes = words.compactMap { LanguageCode(rawValue: $0.lowercased()) }
        guard !words.isEmpty, codes.count == words.count else {
            errors["langues"] = strings.text("admin_bad_languages", language)
            return nil
        }
        return Set(codes)
    }

    /// Weekly hours as the CLI reads them; nil with what is wrong, in the page's language,
    /// recorded under `horaires`.
    func hoursField(_ text: String?, errors: inout [String: String], _ language: DeskLanguage) -> WeeklyHours? {
        do { return try WeeklyHours(parsing: (text ?? "").trimmingCharacters(in: .whitespaces)) } catch {
            errors["horaires"] = hoursProblem(error, language)
            return nil
        }
    }

    /// `WeeklyHours`' parse error said from its parts: the part that is wrong (the user's own
    /// text) in a catalogue sentence chosen by what the parser expected there. CareModel's
    /// `description` stays the CLI's words.
    func hoursProblem(_ error: CareModelError, _ language: DeskLanguage) -> String {
        let (value, expected): (String, String)
        switch error {
        case .invalidValue(_, let typed, let wanted): (value, expected) = (typed, wanted)
        }
        let key =
            if expected.hasPrefix("days and ranges") {
                "admin_hours_empty"
            } else if expected.hasPrefix("'DAYS RANGES'") {
                "admin_hours_clause"
            } else if expected.hasPrefix("a time range") {
                "admin_hours_range"
            } else if expected.hasPrefix("days like") {
                "admin_hours_days"
            } else {
                "admin_hours_other"
            }
        return Self.fill(strings.text(key, language), ["value": String(value.prefix(80))])
    }

    /// `max_jour` and `max_semaine`: empty for no cap, else in `WorkloadCaps`' ranges.
    func capsFields(
        _ form: [String: String], errors: inout [String: String], _ language: DeskLanguage
    )
        -> WorkloadCaps?
    {
        func field(_ name: String, _ limit: Int, _ key: String) -> Int?? {
            let text = (form[name] ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return .some(nil) }
            guard text.count <= 3, let value = Int(text), (1...limit).contains(value) else {
                errors[name] = strings.text(key, language)
                return nil
            }
            return .some(value)
        }
        let day = field("max_jour", WorkloadCaps.maxSessionsPerDay, "admin_bad_day_cap")
        let week = field("max_semaine", WorkloadCaps.maxHoursPerWeek, "admin_bad_week_cap")
        guard let day, let week else { return nil }
        return WorkloadCaps(sessionsPerDay: day, hoursPerWeek: week)
    }
}
