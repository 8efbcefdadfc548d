import CareModel
import Foundation

/// One kind of hard-constraint violation, as the independent checker counts it.
///
/// The raw values are the keys of ``CheckReport/byKind`` in `parcours check`'s JSON, so they are
/// part of the documented format (docs/scheduling.md) and must not be renamed lightly.
public enum ViolationKind: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    // Resources in two places at once.
    case clinicianDoubleBooked = "clinician-double-booked"
    case roomDoubleBooked = "room-double-booked"
    case interpreterDoubleBooked = "interpreter-double-booked"
    case patientDoubleBooked = "patient-double-booked"
    // Availability.
    case clinicianOutsideHours = "clinician-outside-hours"
    case interpreterOutsideHours = "interpreter-outside-hours"
    case clinicianAbsent = "clinician-absent"
    case roomAbsent = "room-absent"
    case interpreterAbsent = "interpreter-absent"
    case patientAbsent = "patient-absent"
    case closedDay = "closed-day"
    case clinicianInactive = "clinician-inactive"
    case roomInactive = "room-inactive"
    case interpreterInactive = "interpreter-inactive"
    case clinicianDailyCap = "clinician-daily-cap"
    case clinicianWeeklyCap = "clinician-weekly-cap"
    // What the step requires.
    case wrongRole = "wrong-role"
    case missingSkill = "missing-skill"
    case wrongLanguage = "wrong-language"
    case wrongFacilitatorCount = "wrong-facilitator-count"
    case fixedClinicianIgnored = "fixed-clinician-ignored"
    case roomTooSmall = "room-too-small"
    case roomMissingFeature = "room-missing-feature"
    case roomNotAccessible = "room-not-accessible"
    // The series.
    case continuityBroken = "continuity-broken"
    case spacingTooShort = "spacing-too-short"
    case spacingTooLong = "spacing-too-long"
    case outOfOrder = "out-of-order"
    case seriesGap = "series-gap"
    case lateNotFlagged = "late-not-flagged"
    case beforeEarliest = "before-earliest"
    case outsideHorizon = "outside-horizon"
    case wrongDuration = "wrong-duration"
    case twoSessionsOneDay = "two-sessions-one-day"
    // Interpreters and keep-apart.
    case interpreterMissing = "interpreter-missing"
    case interpreterWrongLanguage = "interpreter-wrong-language"
    case keepApart = "keep-apart"
    // Time itself.
    case nonexistentLocalTime = "nonexistent-local-time"
    case offSlotGrid = "off-slot-grid"
    // Rows that cannot be matched to the instance.
    case unknownResource = "unknown-resource"
    case unrequestedSession = "unrequested-session"
    case duplicateSession = "duplicate-session"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// One counted violation, with a line a person can look up in the agenda.
public struct Violation: Hashable, Sendable, Codable {
    public var kind: ViolationKind
    public var detail: String

    public init(kind: ViolationKind, detail: String) {
        self.kind = kind
        self.detail = detail
    }
}

/// The soft-objective terms, recomputed from the rows alone (not read from the proposal).
///
/// Definitions are in docs/scheduling.md ("Objective terms"); they are the checker's own, written
/// from the rules, so a solver that scores itself differently shows up as a difference here.
public struct CheckedObjective: Hashable, Sendable, Codable {
    /// Requests without a `previous` session that got a first session: the population of the waits.
    public var patientsWaiting: Int
    /// Days from the referral to the first session: mean, 95th percentile (nearest rank) and max.
    public var meanWaitingDays: Double
    public var p95WaitingDays: Int
    public var maxWaitingDays: Int
    /// Sessions that could have been a week after the previous one (spacing allowed 7 days) but
    /// are not at previous + 7 days, same local time.
    public var regularityMisses: Int
    /// Sessions outside the patient's preferred weekdays or time windows.
    public var preferenceMisses: Int
    /// Booked minutes over worked minutes in the horizon, per active clinician, in percent.
    public var minClinicianLoadPercent: Double
    public var maxClinicianLoadPercent: Double
    /// Max minus min of the loads above: the spread the objective tries to keep small.
    public var clinicianLoadSpreadPercent: Double
    public var clinicianLoadStdDevPercent: Double
    /// Sessions in a different room from the previous session of the series.
    public var roomChanges: Int
    /// Sessions past their deadline and flagged late (a soft flag, not a violation).
    public var lateSessions: Int
    /// Days from referral to the first session summed over new pathways, a new pathway left
    /// unbooked counting to the day after the horizon (the solver's waiting term).
    public var totalWaitingDays: Int
    /// Requests booked shorter than some schedule could hold inside the horizon (the sessions
    /// whose earliest possible day, by minimum spacings from the request's earliest day, is in it).
    public var unfinishedPathways: Int
    /// Over those requests, the sessions the horizon could hold less the leading ones booked: the
    /// weighted term (an unfinished pathway is reported, not weighted).
    public var missingSessions: Int
    /// Days from the first to the last booked session of new pathways.
    public var treatmentDays: Int
    /// Sessions with an interpreter.
    public var interpretedSessions: Int
    /// The solver's weighted objective from these rows, every term but the load term
    /// (`ObjectiveWeights.standard`): the one figure on which two solvers are compared.
    public var score: Int

    public init(
        patientsWaiting: Int = 0, meanWaitingDays: Double = 0, p95WaitingDays: Int = 0,
        maxWaitingDays: Int = 0, regularityMisses: Int = 0, preferenceMisses: Int = 0,
        minClinicianLoadPercent: Double = 0, maxClinicianLoadPercent: Double = 0,
        clinicianLoadSpreadPercent: Double = 0, clinicianLoadStdDevPercent: Double = 0,
        roomChanges: Int = 0, lateSessions: Int = 0, totalWaitingDays: Int = 0, unfinishedPathways: Int = 0,
        missingSessions: Int = 0, treatmentDays: Int = 0, interpretedSessions: Int = 0, score: Int = 0
    ) {
        self.patientsWaiting = patientsWaiting
        self.meanWaitingDays = meanWaitingDays
        self.p95WaitingDays = p95WaitingDays
        self.maxWaitingDays = maxWaitingDays
        self.regularityMisses = regularityMisses
        self.preferenceMisses = preferenceMisses
        self.minClinicianLoadPercent = minClinicianLoadPercent
        self.maxClinicianLoadPercent = maxClinicianLoadPercent
        self.clinicianLoadSpreadPercent = clinicianLoadSpreadPercent
        self.clinicianLoadStdDevPercent = clinicianLoadStdDevPercent
        self.roomChanges = roomChanges
        self.lateSessions = lateSessions
        self.totalWaitingDays = totalWaitingDays
        self.unfinishedPathways = unfinishedPathways
        self.missingSessions = missingSessions
        self.treatmentDays = treatmentDays
        self.interpretedSessions = interpretedSessions
        self.score = score
    }
}

/// What `parcours check` prints: every hard violation counted by kind, and the objective terms.
///
/// A solution is valid when ``violations`` is zero; late sessions are reported in the objective,
/// because a missed intake deadline that the solver flagged is the documented fallback.
public struct CheckReport: Hashable, Sendable, Codable {
    /// Total hard violations, the sum of ``byKind``.
    public var violations: Int
    /// Counts per ``ViolationKind`` raw value; kinds with no violation are left out.
    public var byKind: [String: Int]
    /// One line per violation, in the order found, capped at ``detailCap``.
    public var details: [String]
    /// True when more violations were found than ``details`` lists.
    public var detailsTruncated: Bool
    public var sessionsRequested: Int
    public var sessionsBooked: Int
    public var patientsRequested: Int
    /// Requests with every session booked.
    public var patientsFullyBooked: Int
    public var patientsPartiallyBooked: Int
    public var patientsNotBooked: Int
    public var objective: CheckedObjective

    /// How many detail lines a report keeps; the counts are always complete.
    public static let detailCap = 200

    public init(
        violations: [Violation], sessionsRequested: Int, sessionsBooked: Int, patientsRequested: Int,
        patientsFullyBooked: Int, patientsPartiallyBooked: Int, patientsNotBooked: Int,
        objective: CheckedObjective
    ) {
        self.violations = violations.count
        var counts: [String: Int] = [:]
        for violation in violations { counts[violation.kind.rawValue, default: 0] += 1 }
        byKind = counts
        details = violations.prefix(Self.detailCap).map { "\($0.kind.rawValue): \($0.detail)" }
        detailsTruncated = violations.count > Self.detailCap
        self.sessionsRequested = sessionsRequested
        self.sessionsBooked = sessionsBooked
        self.patientsRequested = patientsRequested
        self.patientsFullyBooked = patientsFullyBooked
        self.patientsPartiallyBooked = patientsPartiallyBooked
        self.patientsNotBooked = patientsNotBooked
        self.objective = objective
    }

    /// How many violations of one kind were found.
    public func count(_ kind: ViolationKind) -> Int { byKind[kind.rawValue] ?? 0 }

    public var isValid: Bool { violations == 0 }
}
