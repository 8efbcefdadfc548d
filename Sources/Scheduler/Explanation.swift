import CareModel
import Foundation

/// A hard constraint that can rule out a candidate time; explanations count rejections per case.
public enum Constraint: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    /// Outside the clinician's weekly hours.
    case clinicianHours
    /// The clinician is on leave.
    case clinicianAbsent
    /// The clinician already has a session then.
    case clinicianBusy
    /// Nobody active has the step's role, skills and language.
    case noQualifiedClinician
    /// The clinician the continuity rule requires cannot take it.
    case continuity
    /// Every suitable room is taken.
    case roomBusy
    /// No room has the capacity and features needed.
    case noSuitableRoom
    /// Every interpreter of the language is busy, absent or off duty then.
    case interpreterUnavailable
    /// No interpreter speaks the patient's language.
    case noInterpreterForLanguage
    /// The patient already has a session then.
    case patientBusy
    /// The patient already has a session that day.
    case onePerDay
    /// A patient they must be kept apart from is on site then (or in the group).
    case keepApart
    /// The centre is closed that day.
    case closedDay
    /// Outside the min/max days after the previous session.
    case spacing
    /// The deadline cannot be met.
    case deadline
    /// Nothing before the end of the booking horizon.
    case horizon
    /// The local time does not exist (spring-forward gap).
    case dstGap
    /// A group has too few or too many patients.
    case cohortSize
    /// The patient cannot come then (school run, work): a hard unavailability of the instance.
    case patientUnavailable
    /// The clinician has reached their sessions-a-day or minutes-a-week cap.
    case clinicianCap

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    /// Words a secretary understands.
    public var phrase: String {
        switch self {
        case .clinicianHours: "outside the clinicians' working hours"
        case .clinicianAbsent: "the clinician is absent"
        case .clinicianBusy: "the clinician is already booked"
        case .noQualifiedClinician: "no active clinician has the required role, skills and language"
        case .continuity: "the clinician who must continue the care is not available"
        case .roomBusy: "every suitable room is taken"
        case .noSuitableRoom: "no room has the capacity and features needed"
        case .interpreterUnavailable: "no interpreter of the language is free"
        case .noInterpreterForLanguage: "no interpreter speaks the patient's language"
        case .patientBusy: "the patient already has a session at that time"
        case .onePerDay: "the patient already has a session that day"
        case .keepApart: "a patient to keep apart is on site"
        case .closedDay: "the centre is closed"
        case .spacing: "the days allowed after the previous session have passed"
        case .deadline: "the deadline cannot be met"
        case .horizon: "the booking horizon ends"
        case .dstGap: "the time does not exist on the day clocks go forward"
        case .cohortSize: "the group size is outside its limits"
        case .patientUnavailable: "the patient cannot come then"
        case .clinicianCap: "the clinician has reached their daily or weekly limit"
        }
    }
}

/// How many candidate times one constraint ruled out.
public struct RejectionCount: Hashable, Sendable, Codable {
    public var constraint: Constraint
    public var count: Int

    public init(constraint: Constraint, count: Int) {
        self.constraint = constraint
        self.count = count
    }
}

/// Why a request could not be booked, in terms a secretary can act on.
///
/// Never a bare "no slot": it names the session, the constraint(s) that bound, the resources in
/// the way, and the earliest day that would have worked (if any before the horizon ends).
public struct Explanation: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The patient whose session could not be placed (for a group, the first patient in the way,
    /// or the first of the cohort).
    public var patient: PatientCode
    public var track: TrackID
    /// The group cohort, when the session is a group session.
    public var cohort: String?
    /// The session that could not be placed.
    public var step: StepID
    public var occurrence: Int
    /// The constraints that ruled out the most candidates, most binding first.
    public var binding: [Constraint]
    /// The clinicians, rooms, interpreters or patients involved.
    public var resources: [ResourceRef]
    /// Candidate times rejected, per constraint (first failing check of each candidate).
    public var rejections: [RejectionCount]
    /// The earliest day on which this session alone could be placed, ignoring the constraint that
    /// bound (spacing or deadline), if any before ``horizonEnd``.
    public var earliestWorkable: LocalDate?
    public var horizonEnd: LocalDate
    /// The window that was searched, for the message.
    public var searchedFrom: LocalDate
    public var searchedTo: LocalDate

    public init(
        patient: PatientCode, track: TrackID, step: StepID, occurrence: Int, binding: [Constraint],
        resources: [ResourceRef], rejections: [RejectionCount], earliestWorkable: LocalDate?,
        horizonEnd: LocalDate, searchedFrom: LocalDate, searchedTo: LocalDate, cohort: String? = nil
    ) {
        self.patient = patient
        self.cohort = cohort
        self.track = track
        self.step = step
        self.occurrence = occurrence
        self.binding = binding
        self.resources = resources
        self.rejections = rejections
        self.earliestWorkable = earliestWorkable
        self.horizonEnd = horizonEnd
        self.searchedFrom = searchedFrom
        self.searchedTo = searchedTo
    }

    public func count(_ constraint: Constraint) -> Int {
        rejections.first { $0.constraint == constraint }?.count ?? 0
    }

    /// What to change when no date can ever work, whatever the agenda.
    private var staticAdvice: String? {
        switch binding.first(where: { $0 != .continuity }) {
        case .noQualifiedClinician:
            "Add or activate a clinician with the step's role, skills and language, or book another clinician."
        case .noSuitableRoom: "Add a room with the capacity and features needed, or change the step's room requirement."
        case .noInterpreterForLanguage: "Add an interpreter who speaks the patient's language."
        case .cohortSize: "Add or remove patients to bring the group within its size limits."
        case .keepApart where cohort != nil: "Move one of the two patients to another group."
        default: nil
        }
    }

    public var description: String {
        let session =
            cohort.map { "\(step.rawValue) #\(occurrence) of group \($0) (\(track.rawValue))" }
            ?? "\(step.rawValue) #\(occurrence) of \(track.rawValue) for \(patient.rawValue)"
        if binding == [.horizon], searchedFrom > horizonEnd {
            return "Cannot book \(session): the first day it may take, \(searchedFrom.iso), is after the end of the "
                + "booking horizon (\(horizonEnd.iso)). Book the earlier sessions sooner or extend the horizon."
        }
        let window =
            searchedFrom == searchedTo ? "on \(searchedFrom.iso)" : "between \(searchedFrom.iso) and \(searchedTo.iso)"
        let reasons = binding.isEmpty ? "no candidate time was found" : binding.map(\.phrase).joined(separator: "; ")
        var text = "Cannot book \(session) \(window): \(reasons)"
        if !resources.isEmpty {
            text +=
                " (" + resources.prefix(6).map(\.description).joined(separator: ", ")
                + (resources.count > 6 ? ", …" : "") + ")"
        }
        text += ". "
        if let advice = staticAdvice {
            text += advice
        } else if let day = earliestWorkable {
            text += "The earliest day that would work is \(day.iso) (\(day.weekday.englishName))"
            text +=
                binding.contains(.deadline)
                ? "; book it late or free a slot before the deadline."
                : binding.contains(.spacing)
                    ? "; book it there or rebook the previous session later."
                    : "."
        } else {
            text += "Nothing would work before \(horizonEnd.iso): free a resource, add hours or extend the horizon."
        }
        return text
    }
}
