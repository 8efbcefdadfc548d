import CareModel

/// Why a track does not take a patient, each with words a secretary can pass on.
public enum RefusalReason: Hashable, Sendable, CustomStringConvertible {
    case tooYoung(age: Int, minAge: Int)
    case tooOld(age: Int, maxAge: Int)
    case categoryNotTaken(VictimCategory, accepted: [VictimCategory])
    /// The track runs in French only and the patient needs an interpreter.
    case interpreterNotOffered(language: LanguageCode)
    /// The patient does not speak French and no interpreter is recorded for them.
    case interpreterLanguageMissing(language: LanguageCode)

    public var description: String {
        switch self {
        case let .tooYoung(age, minAge):
            "the patient is \(age), under the track's minimum age of \(minAge)"
        case let .tooOld(age, maxAge):
            "the patient is \(age), over the track's maximum age of \(maxAge)"
        case let .categoryNotTaken(category, accepted):
            "the track does not take \(category.rawValue) patients; it takes \(accepted.map(\.rawValue).joined(separator: ", "))"
        case let .interpreterNotOffered(language):
            "the track runs in French without an interpreter and the patient needs one in '\(language)'"
        case let .interpreterLanguageMissing(language):
            "the patient speaks '\(language)', not French, and is not marked as needing an interpreter; record the interpreter language so every session is booked with one"
        }
    }
}

/// Where to send a patient a track refuses.
public enum EligibilitySuggestion: Hashable, Sendable, CustomStringConvertible {
    case partner(Partner, String)
    case track(TrackID, String)

    public var description: String {
        switch self {
        case let .partner(_, advice): advice
        case let .track(id, title): "enrol on track \(id) (\(title)) instead"
        }
    }
}

/// The answer to "can this patient follow this track?".
public enum EligibilityDecision: Hashable, Sendable {
    /// Eligible; `notes` say what the booking must include (an interpreter in Arabic, say).
    case eligible(notes: [String])
    case refused(reasons: [RefusalReason], suggestions: [EligibilitySuggestion])

    public var isEligible: Bool { if case .eligible = self { true } else { false } }

    public var reasons: [RefusalReason] { if case let .refused(reasons, _) = self { reasons } else { [] } }
    public var suggestions: [EligibilitySuggestion] {
        if case let .refused(_, suggestions) = self { suggestions } else { [] }
    }
}

/// Decides whether a patient can be enrolled on a track, with every reason when not.
public enum Eligibility {
    /// The referral the centre gives minors and children: adult tracks never take them.
    public static let childPsychiatry = EligibilitySuggestion.partner(
        .childPsychiatry, "refer to child and adolescent psychiatry (pédopsychiatrie)")

    /// Checks age on `date`, category and language. With a `catalog`, a patient refused for their
    /// category is pointed at the tracks that take them.
    public static func check(
        patient: Patient, track: Track, on date: LocalDate,
        catalog: TrackCatalog? = nil
    ) -> EligibilityDecision {
        let rules = track.eligibility
        let age = patient.age(on: date)
        var reasons: [RefusalReason] = []
        var suggestions: [EligibilitySuggestion] = []
        let isChild = age < 18 || patient.category == .childAdolescent

        if age < rules.minAge { reasons.append(.tooYoung(age: age, minAge: rules.minAge)) }
        if let maxAge = rules.maxAge, age > maxAge { reasons.append(.tooOld(age: age, maxAge: maxAge)) }
        if !rules.categories.contains(patient.category) {
            reasons.append(.categoryNotTaken(patient.category, accepted: rules.categories))
        }
        let speaksFrench = patient.language == .french
        switch rules.interpreter {
        case .notOffered where patient.needsInterpreter:
            reasons.append(.interpreterNotOffered(language: patient.language))
        case .requiredUnlessFrench where !speaksFrench && !patient.needsInterpreter:
            reasons.append(.interpreterLanguageMissing(language: patient.language))
        default:
            break
        }

        guard !reasons.isEmpty else {
            let notes =
                patient.needsInterpreter ? ["book every session with an interpreter in '\(patient.language)'"] : []
            return .eligible(notes: notes)
        }
        if isChild && rules.minAge >= 18 {
            suggestions.append(childPsychiatry)
        } else if let catalog {
            for other in catalog.tracks where other.id != track.id {
                if check(patient: patient, track: other, on: date).isEligible {
                    suggestions.append(.track(other.id, other.title))
                }
            }
        }
        return .refused(reasons: reasons, suggestions: suggestions)
    }
}
