import CareModel
import Foundation

/// The *Nouvel adressage* form as typed, and what is wrong with it, field by field.
///
/// Every field is kept as the secretary typed it so a refused form comes back intact; the
/// problems are catalogue keys, shown next to their field in the user's language. The rules are
/// the CLI's `patient add` rules (CareModel's `PlausibleDates`, `LanguageCode`, patient codes).
struct ReferralForm {
    /// Field names as they appear in the HTML form.
    static let textFields = [
        "naissance", "categorie", "source", "adresse_le", "langue_patient", "interprete", "prenom", "nom",
        "telephone", "courriel", "adresse", "ecarter",
    ]
    static let flags = ["accessible", "protegee"] + ContactChannel.allCases.map { "canal_\($0.rawValue)" }
    /// The longest each free-text field may be; names are CareModel's `NameRule`.
    static let limits = [
        "telephone": 40, "courriel": 200, "adresse": 500, "ecarter": 200,
        "naissance": 10, "adresse_le": 10, "langue_patient": 3, "categorie": 40, "source": 40, "interprete": 4,
    ]

    var values: [String: String]
    var checked: Set<String>

    init(form: [String: String]) {
        values = Dictionary(uniqueKeysWithValues: Self.textFields.map { ($0, form[$0] ?? "") })
        checked = Set(Self.flags.filter { form[$0] != nil })
    }

    /// The empty form: referred today, French, interpreter decided by the language.
    static func blank(today: LocalDate) -> ReferralForm {
        ReferralForm(form: ["adresse_le": today.iso, "langue_patient": "fr", "interprete": "auto"])
    }

    /// The patient the form describes, or the problems (field → catalogue key); nothing is read
    /// from the store but whether the keep-apart codes exist (`exists`).
    func patient(
        code: PatientCode, today: LocalDate, exists: (PatientCode) throws -> Bool
    ) rethrows -> Result<(Patient, PatientIdentity?), Problems> {
        var problems: [String: String] = [:]
        for (field, limit) in Self.limits where (values[field] ?? "").count > limit {
            problems[field] = "referral_error_too_long"
        }
        // Names follow CareModel's one rule (the CLI's `--given-name`); they may be left empty.
        for field in ["prenom", "nom"] where !text(field).isEmpty {
            switch NameRule.check(values[field] ?? "") {
            case .success: break
            case .failure(.tooLong): problems[field] = "referral_error_too_long"
            case .failure: problems[field] = "referral_error_control"
            }
        }
        for field in ["telephone", "courriel", "adresse"]
        where PrintableText.hasControlCharacters(text(field)) && problems[field] == nil {
            problems[field] = "referral_error_control"
        }
        let birth = LocalDate(parsing: text("naissance"))
        if problems["naissance"] == nil {
            if let birth {
                if PlausibleDates.birth(birth, today: today) != nil { problems["naissance"] = "referral_error_birth" }
            } else {
                problems["naissance"] = "referral_error_date"
            }
        }
        let referred = text("adresse_le").isEmpty ? today : LocalDate(parsing: text("adresse_le"))
        if problems["adresse_le"] == nil {
            if let referred, let birth {
                if PlausibleDates.referral(referred, birth: birth, today: today) != nil {
                    problems["adresse_le"] = "referral_error_referred"
                }
            } else if referred == nil {
                problems["adresse_le"] = "referral_error_date"
            }
        }
        let category = VictimCategory(rawValue: text("categorie"))
        if category == nil, problems["categorie"] == nil { problems["categorie"] = "referral_error_category" }
        let source = ReferralSource(rawValue: text("source"))
        if source == nil, problems["source"] == nil { problems["source"] = "referral_error_source" }
        let language = LanguageCode(rawValue: text("langue_patient").isEmpty ? "fr" : text("langue_patient"))
        if language == nil, problems["langue_patient"] == nil { problems["langue_patient"] = "referral_error_language" }
        let interpreter: Bool?
        switch text("interprete") {
        case "", "auto": interpreter = nil
        case "oui": interpreter = true
        case "non": interpreter = false
        default:
            interpreter = nil
            if problems["interprete"] == nil { problems["interprete"] = "referral_error_interpreter" }
        }
        var keepApart: Set<PatientCode> = []
        if problems["ecarter"] == nil {
            for word in text("ecarter").split(whereSeparator: { $0 == "," || $0 == " " }) {
                let candidate = word.uppercased()
                guard PatientCode.isWellFormed(candidate), try exists(PatientCode(candidate)) else {
                    problems["ecarter"] = "referral_error_keep_apart"
                    break
                }
                keepApart.insert(PatientCode(candidate))
            }
        }
        guard problems.isEmpty, let birth, let referred, let category, let source, let language else {
            return .failure(Problems(fields: problems))
        }
        let channels = Set(ContactChannel.allCases.filter { checked.contains("canal_\($0.rawValue)") })
        let patient = Patient(
            code: code, birthDate: birth, category: category, language: language, needsInterpreter: interpreter,
            referralSource: source, referralDate: referred, safeChannels: channels, keepApart: keepApart,
            needsAccessibleRoom: checked.contains("accessible"), addressProtected: checked.contains("protegee"))
        let named = ["prenom", "nom", "telephone", "courriel", "adresse"].contains { !text($0).isEmpty }
        let identity =
            named
            ? PatientIdentity(
                code: code, givenName: text("prenom"), familyName: text("nom"), phone: optional("telephone"),
                email: optional("courriel"), address: optional("adresse"))
            : nil
        return .success((patient, identity))
    }

    /// The patient as far as eligibility needs (birth, category, language, interpreter), for the
    /// verdict shown while the secretary types; nil until those fields make sense.
    func draft(today: LocalDate) -> Patient? {
        guard let birth = LocalDate(parsing: text("naissance")), PlausibleDates.birth(birth, today: today) == nil,
            let category = VictimCategory(rawValue: text("categorie")),
            let language = LanguageCode(rawValue: text("langue_patient").isEmpty ? "fr" : text("langue_patient"))
        else { return nil }
        let interpreter: Bool? = ["oui": true, "non": false][text("interprete")]
        return Patient(
            code: "P-DRFT", birthDate: birth, category: category, language: language, needsInterpreter: interpreter,
            referralSource: .other, referralDate: today)
    }

    /// What is wrong, field by field (field name → catalogue key).
    struct Problems: Error {
        var fields: [String: String]
    }

    private func text(_ field: String) -> String {
        (values[field] ?? "").trimmingCharacters(in: .whitespaces)
    }

    private func optional(_ field: String) -> String? { text(field).isEmpty ? nil : text(field) }
}
