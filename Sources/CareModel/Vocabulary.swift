/// The kinds of traumatic experience the centre organises its care around.
///
/// The category chooses the track and the partners a patient is referred to; it is clinical data
/// and never appears in a clinician's feed (a title like "violences conjugales" on a phone screen
/// is itself a disclosure).
public enum VictimCategory: String, CaseIterable, Codable, Sendable {
    case domesticViolence = "domestic-violence"
    case accidentDisaster = "accident-disaster"
    case migrant = "migrant"
    case exposedProfessional = "exposed-professional"
    /// Under 18: recognised so the centre can record and redirect the referral, but no adult
    /// track takes it.
    case childAdolescent = "child-adolescent"

    public var label: String {
        switch self {
        case .domesticViolence: "domestic violence"
        case .accidentDisaster: "accidents and disasters"
        case .migrant: "migrant population"
        case .exposedProfessional: "exposed professionals"
        case .childAdolescent: "children and adolescents"
        }
    }
}

/// Who sent the patient to the centre; coordinators review waits and completion by source.
public enum ReferralSource: String, CaseIterable, Codable, Sendable {
    case policeSocialWorker = "police-social-worker"
    case legalAid = "legal-aid"
    case hospitalEmergency = "hospital-emergency"
    case generalPractitioner = "general-practitioner"
    case selfReferral = "self-referral"
    case other = "other"
}

/// Individual therapy with one clinician, or a closed group cohort.
public enum Modality: String, CaseIterable, Codable, Sendable {
    case individual
    case group
}

/// A clinician's profession; a track step names which professions may run it.
public enum ClinicianRole: String, CaseIterable, Codable, Sendable {
    case psychiatrist
    case psychologist
    case nurse
    case socialWorker = "social-worker"
}

/// A validated therapy technique a clinician is trained in.
public enum Skill: String, CaseIterable, Codable, Sendable {
    case emdr
    case tfCBT = "tf-cbt"
    case prolongedExposure = "prolonged-exposure"
    case narrativeExposure = "narrative-exposure"
    case groupFacilitation = "group-facilitation"
    case psychoeducation
}

/// What a room offers; a step or a patient may require a feature.
public enum RoomFeature: String, CaseIterable, Codable, Sendable {
    case individual
    case group
    case accessible
}

/// A channel through which the centre may contact a patient.
///
/// None is safe by default: an abuser may read the victim's phone, mail or calendar, so every
/// channel is opt-in per patient.
public enum ContactChannel: String, CaseIterable, Codable, Sendable {
    case phone
    case sms
    case email
    case post
    case calendar
}

/// A partner the centre refers patients out to for the somatic, social and judicial sides of care.
public enum Partner: String, CaseIterable, Codable, Sendable {
    case socialWorker = "social-worker"
    case legalAid = "legal-aid"
    case forensicUnit = "forensic-unit"
    case generalPractitioner = "general-practitioner"
    case childPsychiatry = "child-psychiatry"
}

/// An ISO 639 language code (`fr`, `ar`, `ps`, `uk`), lower-cased.
public struct LanguageCode: RawRepresentable, Hashable, Comparable, Codable, Sendable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    public let rawValue: String

    /// Accepts two or three ASCII letters, in any case; anything else is not a language code.
    public init?(rawValue: String) {
        let lowered = rawValue.lowercased()
        guard (2...3).contains(lowered.count), lowered.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return nil
        }
        self.rawValue = lowered
    }

    public init(stringLiteral value: String) {
        self.rawValue = value.lowercased()
    }

    /// The centre's working language.
    public static let french: LanguageCode = "fr"

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = LanguageCode(rawValue: text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected a language code like 'fr', got '\(text)'"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension CaseIterable where Self: RawRepresentable, RawValue == String {
    /// The accepted spellings, for error messages that say what was expected.
    public static var expectedValues: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// Parses a user-typed value, tolerant of case and of `_` for `-`.
    public static func parse(_ text: String) -> Self? {
        let normalised = text.lowercased().replacingOccurrences(of: "_", with: "-")
        return allCases.first { $0.rawValue == normalised }
    }
}
