import Booking
import CareModel
import Foundation
import Hummingbird
import NIOCore
import PathwayEngine
import Store

extension Desk {
    /// *Nouvel adressage*: the empty referral form.
    func referralPage(_ page: Page) -> Response {
        referralForm(page, ReferralForm.blank(today: clinicToday()), problems: [:], status: .ok)
    }

    /// Registers a referral: every field checked (a message next to each wrong one, the form kept
    /// as typed), then eligibility by the same rule as `parcours enrol` (PathwayEngine): a patient
    /// no track takes (a minor) is refused with the reasons and where to refer them, and nothing
    /// is saved. Otherwise the patient is stored in one transaction (identity kept apart) and the
    /// secretary goes on to the enrolment.
    func createReferral(_ page: Page) throws -> Response {
        let form = ReferralForm(form: page.form)
        var generator = SystemRandomNumberGenerator()
        let code = try store.newPatientCode(using: &generator)
        let today = clinicToday()
        let parsed = try form.patient(code: code, today: today) { other throws(StoreError) in
            try store.patient(other) != nil
        }
        let patient: Patient, identity: PatientIdentity?
        switch parsed {
        case let .failure(problems):
            return referralForm(page, form, problems: problems.fields, status: .unprocessableContent)
        case let .success(found): (patient, identity) = found
        }
        guard Enrolling.track(for: patient, catalog: catalog, on: today) != nil else {
            return referralForm(
                page, form, problems: [:], status: .unprocessableContent,
                refusal: refusal(of: patient, on: today, language: page.language))
        }
        try store.addPatient(
            patient, identity: identity, actor: Actor(name: page.session.user.name), reason: "referral registered")
        return Self.redirect("/patients/\(FormData.escape(code.rawValue))/inscription")
    }

    func referralForm(
        _ page: Page, _ form: ReferralForm, problems: [String: String], status: HTTPResponse.Status,
        refusal: [String: Any]? = nil
    ) -> Response {
        var context: [String: Any] = ["v": form.values, "hasErrors": !problems.isEmpty]
        for (field, key) in problems { context["error_\(field)"] = strings.text(key, page.language) }
        func options(_ values: [String], selected: String, key: String) -> [[String: Any]] {
            values.map {
                ["value": $0, "label": strings.text("\(key)_\($0)", page.language), "selected": $0 == selected]
            }
        }
        context["categories"] = options(
            VictimCategory.allCases.map(\.rawValue), selected: form.values["categorie"] ?? "", key: "category")
        context["sources"] = options(
            ReferralSource.allCases.map(\.rawValue), selected: form.values["source"] ?? "", key: "referral_source")
        context["interpreters"] = options(
            ["auto", "oui", "non"], selected: form.values["interprete"] ?? "auto", key: "referral_interpreter")
        context["channels"] = ContactChannel.allCases.map {
            [
                "name": "canal_\($0.rawValue)", "label": strings.text("referral_channel_\($0.rawValue)", page.language),
                "checked": form.checked.contains("canal_\($0.rawValue)"),
            ] as [String: Any]
        }
        context["accessible"] = form.checked.contains("accessible")
        context["protegee"] = form.checked.contains("protegee")
        context["refusal"] = refusal as Any
        var response = render(
            "referral", context, page.language, session: page.session, status: status,
            title: strings.text("referral_title", page.language))
        // This page alone runs a script: its own, from this server (the verdict as one types).
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        return response
    }

    /// The eligibility verdict for the fields typed so far, as an HTML fragment for the referral
    /// form's script; empty until birth date and category make sense. Same rule as on submit.
    func eligibilityVerdict(_ page: Page) -> Response {
        let today = clinicToday()
        var context: [String: Any] = ["t": strings.table(page.language)]
        if let patient = ReferralForm(form: page.query).draft(today: today) {
            if let track = Enrolling.track(for: patient, catalog: catalog, on: today) {
                context["eligible"] = true
                context["track"] = track.title
            } else {
                context["refusal"] = refusal(of: patient, on: today, language: page.language)
            }
        }
        return Self.html(.ok, templates.render("eligibility", context))
    }

    /// The referral form's script, bundled like the stylesheet.
    static func referralScript() -> Response {
        guard let script = DeskResources.text("static/referral.js") else { return Response(status: .notFound) }
        var headers = securityHeaders
        headers[.contentType] = "text/javascript; charset=utf-8"
        headers[.cacheControl] = "max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: script)))
    }

    /// Why no track takes `patient`, in the user's language, with where to refer them instead.
    func refusal(of patient: Patient, on day: LocalDate, language: DeskLanguage) -> [String: Any] {
        let track =
            catalog.tracks.first { $0.eligibility.categories.contains(patient.category) } ?? catalog.tracks.first
        let decision = track.map { Eligibility.check(patient: patient, track: $0, on: day, catalog: catalog) }
        let all = decision?.reasons ?? []
        // A minor is refused for their age; "category not taken" would only repeat it.
        let own = all.filter { if case .categoryNotTaken = $0 { false } else { true } }
        let reasons = (own.isEmpty ? all : own).map { reason -> String in
            switch reason {
            case let .tooYoung(age, minAge):
                strings.text("referral_reason_too_young", language)
                    .replacingOccurrences(of: "{age}", with: "\(age)").replacingOccurrences(
                        of: "{min}", with: "\(minAge)")
            case let .tooOld(age, maxAge):
                strings.text("referral_reason_too_old", language)
                    .replacingOccurrences(of: "{age}", with: "\(age)").replacingOccurrences(
                        of: "{max}", with: "\(maxAge)")
            case .categoryNotTaken: strings.text("referral_reason_category", language)
            case .interpreterNotOffered, .interpreterLanguageMissing: strings.text("referral_reason_language", language)
            }
        }
        // PathwayEngine's English advice (`description`) stays the CLI's; the page says it here.
        let advice = (decision?.suggestions ?? []).map { suggestion -> String in
            switch suggestion {
            case .partner(.childPsychiatry, _): strings.text("referral_child_psychiatry", language)
            case .partner(let partner, _): strings.text("referral_partner_\(partner.rawValue)", language)
            case .track(let id, let title):
                Self.fill(strings.text("referral_suggest_track", language), ["id": id.rawValue, "title": title])
            }
        }
        return [
            "reasons": reasons.isEmpty ? [strings.text("referral_reason_none", language)] : reasons, "advice": advice,
        ]
    }

    /// *Inscription*: the tracks the patient is eligible for, the one their category calls for first.
    func enrolPage(_ page: Page) throws -> Response {
        let patient = try pathPatient(page)
        return try enrolForm(page, patient, chosen: nil, error: nil, status: .ok)
    }

    /// Enrols through the same service as `parcours enrol` (eligibility, one pathway at a time,
    /// the state machine, one transaction), audited under the signed-in user.
    func enrol(_ page: Page) throws -> Response {
        let patient = try pathPatient(page)
        let raw = String((page.form["parcours"] ?? "").prefix(80))
        guard let track = catalog.track(TrackID(raw)) else {
            return try enrolForm(page, patient, chosen: raw, error: "enrol_error_track", status: .unprocessableContent)
        }
        do {
            _ = try Enrolling.enrol(
                patient, on: track, date: clinicToday(), at: now(), catalog: catalog, store: store,
                actor: Actor(name: page.session.user.name))
        } catch {
            return try enrolForm(
                page, patient, chosen: raw, error: "enrol_error_refused", status: .conflict,
                detail: refusal(error, page.language))
        }
        return Self.redirect("/patients/\(FormData.escape(patient.code.rawValue))")
    }

    func enrolForm(
        _ page: Page, _ patient: Patient, chosen: String?, error: String?, status: HTTPResponse.Status,
        detail: String? = nil
    ) throws -> Response {
        let today = clinicToday()
        let current = try store.currentEnrolment(patient: patient.code).flatMap { $0.state.isTerminal ? nil : $0 }
        let suggested = chosen ?? Enrolling.track(for: patient, catalog: catalog, on: today)?.id.rawValue
        let tracks = catalog.tracks(for: patient, on: today).map { track -> [String: Any] in
            ["id": track.id.rawValue, "title": track.title, "checked": track.id.rawValue == suggested]
        }
        var context: [String: Any] = [
            "code": patient.code.rawValue, "tracks": tracks, "none": tracks.isEmpty,
            "interpreter": patient.needsInterpreter ? patient.language.rawValue : "",
            "hasErrors": error != nil, "detail": detail as Any,
        ]
        if let error { context["error_parcours"] = strings.text(error, page.language) }
        if let current {
            context["current"] = [
                "track": catalog.track(current.track)?.title ?? current.track.rawValue,
                "state": strings.text("state_\(current.state.rawValue)", page.language),
            ]
        }
        return render(
            "enrol", context, page.language, session: page.session, status: status,
            title: "\(strings.text("enrol_title", page.language)) \(patient.code.rawValue)")
    }

    /// The patient named by the path (`/patients/{code}/…`), or 404.
    func pathPatient(_ page: Page) throws -> Patient {
        let raw = page.parameters["code"] ?? ""
        guard raw.count <= 32, let patient = try store.patient(PatientCode(raw)) else {
            throw DeskPageError(
                status: .notFound, titleKey: "not_found_title", textKey: "patient_not_found",
                detail: String(raw.prefix(32)))
        }
        return patient
    }

    /// Today in the centre's time zone, by the desk's clock.
    func clinicToday() -> LocalDate { configuration.timeZone.today(at: now()) }
}
