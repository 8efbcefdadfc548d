import CareModel
import Scheduler
import Store

/// Why a booking operation did not happen, in words a secretary can act on.
///
/// The description says what went wrong and nothing of the front end: the CLI adds the command to
/// run next, the desk its own link.
public enum BookingError: Error, Sendable, CustomStringConvertible {
    case patientNotFound(PatientCode)
    case appointmentNotFound(AppointmentID)
    /// The patient has no enrolment in progress to book for.
    case notEnrolled(PatientCode)
    /// The enrolment names a track the catalog no longer has.
    case unknownTrack(TrackID)
    /// Every session of the track is already booked or held.
    case nothingToBook(PatientCode, TrackID)
    /// The scheduler found no place; the explanation names the binding constraints.
    case noSlot(PatientCode, Explanation)
    /// The operation does not apply to the session in its current state; the refusal carries a
    /// stable code for front ends that translate it.
    case notApplicable(Refusal)
    /// A move to a chosen time breaks these rules; `--force --reason` records it as an override.
    case ruleBroken(AppointmentID, [String])
    /// The rest of a series moved by the same step (`--rest-of-series --to`) would break these
    /// rules; no override applies to a whole series.
    case seriesRuleBroken(AppointmentID, [String])
    case store(StoreError)

    public var description: String {
        switch self {
        case let .patientNotFound(code): "no patient '\(code)'"
        case let .appointmentNotFound(id): "no appointment '\(id)'"
        case let .notEnrolled(code): "\(code) is not enrolled on a track"
        case let .unknownTrack(id): "the enrolment's track '\(id)' is not among the care tracks loaded"
        case let .nothingToBook(code, track):
            "nothing left to book for \(code) on \(track): every session is booked or held"
        case let .noSlot(_, explanation): explanation.description
        case let .notApplicable(refusal): refusal.text
        case let .ruleBroken(id, rules):
            "\(id) cannot go there: " + rules.joined(separator: "; ")
                + ". Choose another time, or, for a clinical reason, place it there as a recorded override"
        case let .seriesRuleBroken(id, rules):
            "the rest of the series from \(id) cannot move there: " + rules.joined(separator: "; ")
                + ". Choose another time, or let the scheduler replan the rest"
        case let .store(error): error.description
        }
    }

    /// A stable key for what went wrong (`not-enrolled`, `no-slot`, a ``Refusal/Code``…), so a
    /// front end can say it in its user's language; ``description`` stays the English text.
    public var code: String {
        switch self {
        case .patientNotFound: "patient-not-found"
        case .appointmentNotFound: "appointment-not-found"
        case .notEnrolled: "not-enrolled"
        case .unknownTrack: "unknown-track"
        case .nothingToBook: "nothing-to-book"
        case .noSlot: "no-slot"
        case let .notApplicable(refusal): refusal.code.rawValue
        case .ruleBroken: "rule-broken"
        case .seriesRuleBroken: "series-rule-broken"
        case .store(.conflict): "changed-meanwhile"
        case .store: "store"
        }
    }

    /// The values the refusal names, by name, for a translation of ``code``: for `no-slot` the
    /// explanation's parts too (``Explanation/values``), for the rule refusals each line's kind
    /// (`kinds`, ``RuleLine``), so the sentence needs no English.
    public var values: [String: String] {
        switch self {
        case let .patientNotFound(code), let .notEnrolled(code): ["patient": code.rawValue]
        case let .appointmentNotFound(id): ["id": id.rawValue]
        case let .unknownTrack(track): ["track": track.rawValue]
        case let .nothingToBook(code, track): ["patient": code.rawValue, "track": track.rawValue]
        case let .noSlot(code, explanation):
            explanation.values.merging(["patient": code.rawValue, "why": explanation.description]) { _, new in new }
        case let .notApplicable(refusal): refusal.values
        case let .ruleBroken(id, rules), let .seriesRuleBroken(id, rules):
            ["id": id.rawValue, "rules": rules.joined(separator: "; "), "kinds": RuleLine.kinds(rules)]
        case let .store(error): ["detail": error.description]
        }
    }
}
