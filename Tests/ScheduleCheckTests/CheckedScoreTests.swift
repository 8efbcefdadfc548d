import CareModel
import Foundation
import SchedulingModel
import Testing

@testable import ScheduleCheck

/// The checker's one-figure score (`objective.score`): the solver's weights on the terms the rows
/// determine, so that our solutions and the exact reference's are compared by one rule.
@Suite("The checker scores a schedule with the solver's weights")
struct CheckedScoreTests {
    static func example() throws -> (SchedulingProblem, [ProposedSession]) {
        let problem = try SchedulingJSON.decoder().decode(
            SchedulingProblem.self, from: try DocumentationTests.block("example-instance"))
        let solution = try ScheduleSolution.decode(
            try DocumentationTests.block("example-solution"), source: "docs example")
        return (problem, solution.sessions)
    }

    @Test func exampleScoresItsWaitTreatmentDaysAndInterpreter() throws {
        let (problem, rows) = try Self.example()
        let objective = IndependentChecker.check(problem: problem, sessions: rows).objective
        // P-7KQ2M: referred 03-22, intake 03-25 (3 days), therapy 2 on 04-08 (14 treatment days);
        // P-9XH4T continues a pathway (no wait, no treatment days), one interpreted session.
        #expect(objective.totalWaitingDays == 3)
        #expect(objective.treatmentDays == 14)
        #expect(objective.interpretedSessions == 1)
        #expect(objective.unfinishedPathways == 0)
        #expect(objective.missingSessions == 0)
        #expect(objective.score == 3 * 1_000 + 14 * 200 + 100)
    }

    @Test func requestLeftUnbookedWaitsPastTheHorizonAndMissesEverySession() throws {
        let (problem, rows) = try Self.example()
        let objective = IndependentChecker.check(
            problem: problem, sessions: rows.filter { $0.patient.rawValue != "P-7KQ2M" }
        ).objective
        // Referred 2027-03-22, horizon ends 2027-04-30: 39 days + 1.
        #expect(objective.totalWaitingDays == 40)
        #expect(objective.unfinishedPathways == 1)
        #expect(objective.missingSessions == 3)
        #expect(objective.treatmentDays == 0)
        #expect(objective.score == 40 * 1_000 + 3 * 100_000 + 100)
    }

    @Test func seriesThatBreaksOffInsideTheHorizonPaysForEachSessionLeftOut() throws {
        let (problem, rows) = try Self.example()
        let objective = IndependentChecker.check(
            problem: problem, sessions: rows.filter { !($0.patient.rawValue == "P-7KQ2M" && $0.step != "intake") }
        ).objective
        #expect(objective.totalWaitingDays == 3)
        #expect(objective.unfinishedPathways == 1)
        #expect(objective.missingSessions == 2)
        #expect(objective.treatmentDays == 0)
        #expect(objective.score == 3 * 1_000 + 2 * 100_000 + 100)
    }

    /// The cliff of the all-or-nothing rule: on a horizon (ending 04-06) that holds intake and two
    /// therapies only from the referral day, an intake three days later leaves therapy 2 out
    /// whatever follows. Booking therapy 1 still scores strictly better than the intake alone.
    @Test func bookingMoreOfAnUnfinishableSeriesScoresBetterThanItsIntakeAlone() throws {
        var (problem, rows) = try Self.example()
        problem.horizonEnd = try #require(LocalDate(parsing: "2027-04-06"))
        rows.removeAll { $0.patient.rawValue == "P-7KQ2M" && $0.occurrence == 2 }
        let more = IndependentChecker.check(problem: problem, sessions: rows)
        let intakeOnly = IndependentChecker.check(
            problem: problem, sessions: rows.filter { !($0.patient.rawValue == "P-7KQ2M" && $0.step != "intake") })
        #expect(more.violations == 0)
        #expect(more.objective.missingSessions == 1)
        #expect(intakeOnly.objective.missingSessions == 2)
        #expect(more.objective.unfinishedPathways == 1)
        #expect(intakeOnly.objective.unfinishedPathways == 1)
        // Therapy 1 on 04-01: 7 treatment days, one missing session instead of two.
        #expect(more.objective.score == 3 * 1_000 + 100_000 + 7 * 200 + 100)
        #expect(intakeOnly.objective.score == 3 * 1_000 + 2 * 100_000 + 100)
        #expect(more.objective.score < intakeOnly.objective.score)
    }

    /// The loophole the exact reference found: an intake pushed to the horizon's last week, so
    /// that no therapy's window opens inside it, still leaves a series the horizon could hold,
    /// and costs more than the same intake booked early.
    @Test func intakePushedTowardsTheHorizonsEndCostsMoreThanAnEarlyOne() throws {
        let (problem, rows) = try Self.example()
        var pushed = rows.filter { !($0.patient.rawValue == "P-7KQ2M" && $0.step != "intake") }
        let i = try #require(pushed.firstIndex { $0.patient.rawValue == "P-7KQ2M" })
        // Tuesday 2027-04-27 at 15:00 local: therapy 1 could open on 05-03 at the earliest.
        pushed[i].start = try #require(ISO8601DateFormatter().date(from: "2027-04-27T13:00:00Z"))
        pushed[i].end = try #require(ISO8601DateFormatter().date(from: "2027-04-27T14:30:00Z"))
        let objective = IndependentChecker.check(problem: problem, sessions: pushed).objective
        #expect(objective.totalWaitingDays == 36)
        #expect(objective.unfinishedPathways == 1)
        #expect(objective.missingSessions == 2)
        #expect(objective.treatmentDays == 0)
        #expect(objective.score == 36 * 1_000 + 2 * 100_000 + 100)
        let early = IndependentChecker.check(
            problem: problem, sessions: rows.filter { !($0.patient.rawValue == "P-7KQ2M" && $0.step != "intake") }
        ).objective
        #expect(objective.score > early.score)
    }

    /// A session that no schedule could place inside the horizon (here therapy 2: referral 03-22,
    /// then 6 and 6 days at the least, 04-03, after a horizon ending 04-01) is not owed.
    @Test func sessionNoScheduleCouldHoldInsideTheHorizonIsNotMissing() throws {
        var (problem, rows) = try Self.example()
        problem.horizonEnd = try #require(LocalDate(parsing: "2027-04-01"))
        rows.removeAll { $0.patient.rawValue == "P-7KQ2M" && $0.occurrence == 2 }
        let objective = IndependentChecker.check(problem: problem, sessions: rows).objective
        #expect(objective.totalWaitingDays == 3)
        #expect(objective.unfinishedPathways == 0)
        #expect(objective.missingSessions == 0)
        #expect(objective.treatmentDays == 7)
        #expect(objective.score == 3 * 1_000 + 7 * 200 + 100)
    }
}
