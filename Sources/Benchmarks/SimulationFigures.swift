import Booking
import CareModel
import Foundation
import Store

/// What happened during a simulation, counted as it ran.
struct SimulationState {
    var random: SeededGenerator
    /// The Booking service's ids, from the run's seed too: the day's sessions are played in
    /// (start, id) order, so random ids would hand the draws to other sessions run to run.
    var ids: IdentifierSource
    var referrals = 0
    var waiting: [PatientCode] = []
    var attended = 0, noShows = 0, cancelledByPatient = 0, cancelledByCentre = 0, dropOuts = 0, measures = 0
    var replaced = 0, notReplaced = 0, shiftedForReplacement = 0
    var leaveAnnounced = 0, leaveRefused = 0, movedForLeave = 0, sickDays = 0, movedForSickness = 0, toColleague = 0
    var interpreterMinutes = 0.0
    var clinicianMinutes: [String: Double] = [:]
    var daysToIntake: [Double] = []
    var checkedDays = 0, wholeChecks = 0, violations = 0
    var checkSeconds = 0.0
    var examples: [String] = []
}

/// The centre's figures at the end of a simulation, printed as JSON by `parcours bench simulate`.
public struct SimulationFigures: Encodable, Sendable {
    public var weeks: Int
    public var seed: UInt64
    public var seconds: Double
    /// Of which the daily checks (independent checker and series invariants).
    public var checkSeconds: Double
    public var referrals: Int
    public var stillWaitingForABooking: Int
    public var daysToIntakeMedian: Double
    public var daysToIntakeP90: Double
    public var completed: Int
    public var droppedOut: Int
    /// Completed among the pathways that ended (completed, dropped out or referred out).
    public var completionRate: Double
    public var sessionsAttended: Int
    public var noShows: Int
    public var cancelledByPatient: Int
    public var cancelledByCentre: Int
    /// Lost sessions (cancelled or missed) booked again inside their series, and those not.
    public var sessionsReplaced: Int
    public var sessionsNotReplaced: Int
    public var sessionsShiftedToMakeRoom: Int
    public var leaveAnnounced: Int
    public var leaveRefusedForWantOfReplan: Int
    public var sessionsMovedForLeave: Int
    public var sickDays: Int
    public var sessionsMovedForSickness: Int
    public var sessionsGivenToAColleague: Int
    public var interpreterHours: Double
    /// Hours of sessions held per clinician over the whole run.
    public var clinicianHours: [String: Double]
    public var pcl5Recorded: Int
    public var daysChecked: Int
    /// Of which checked over the whole stored calendar (Sundays and the last day); the others
    /// over the window the day could change (``StoredCalendarCheck``).
    public var wholeCalendarChecks: Int
    /// Independent-checker and series-invariant violations found over all the daily checks.
    public var violations: Int
    public var violationExamples: [String]
}

extension ClinicSimulation {
    func figures(_ s: SimulationState, seconds: Double) throws -> SimulationFigures {
        let enrolments = try store.enrolments()
        let completed = enrolments.filter { $0.state == .completed }.count
        let dropped = enrolments.filter { $0.state == .droppedOut }.count
        let ended = enrolments.filter { $0.state.isTerminal }.count
        let round = { (value: Double) in (value * 10).rounded() / 10 }
        return SimulationFigures(
            weeks: weeks, seed: seed, seconds: (seconds * 100).rounded() / 100,
            checkSeconds: (s.checkSeconds * 100).rounded() / 100, referrals: s.referrals,
            stillWaitingForABooking: s.waiting.count,
            daysToIntakeMedian: s.daysToIntake.isEmpty ? 0 : Measure.percentile(s.daysToIntake, 50),
            daysToIntakeP90: s.daysToIntake.isEmpty ? 0 : Measure.percentile(s.daysToIntake, 90),
            completed: completed, droppedOut: dropped,
            completionRate: ended == 0 ? 0 : round(Double(completed) * 100 / Double(ended)) / 100,
            sessionsAttended: s.attended, noShows: s.noShows, cancelledByPatient: s.cancelledByPatient,
            cancelledByCentre: s.cancelledByCentre, sessionsReplaced: s.replaced, sessionsNotReplaced: s.notReplaced,
            sessionsShiftedToMakeRoom: s.shiftedForReplacement, leaveAnnounced: s.leaveAnnounced,
            leaveRefusedForWantOfReplan: s.leaveRefused,
            sessionsMovedForLeave: s.movedForLeave, sickDays: s.sickDays, sessionsMovedForSickness: s.movedForSickness,
            sessionsGivenToAColleague: s.toColleague, interpreterHours: round(s.interpreterMinutes / 60),
            clinicianHours: s.clinicianMinutes.mapValues { round($0 / 60) }, pcl5Recorded: s.measures,
            daysChecked: s.checkedDays, wholeCalendarChecks: s.wholeChecks, violations: s.violations,
            violationExamples: s.examples)
    }
}
