import CareModel
import Foundation
import ScheduleCheck
import Testing

@testable import Scheduler

/// The graded unfinished-pathway term (docs/scheduling.md, "Unfinished pathway: the rule"): each
/// session the horizon could hold and the series leaves out costs `missingSession`, so a series
/// that cannot be carried through is still worth booking as far as it goes, and an intake pushed
/// late still costs more than one booked early.
@Suite struct MissingSessionsTests {
    /// Referred on Saturday 6 March: by minimum spacing (6 days) from that day, intake, ten
    /// therapies and the closing all fit by Tuesday 11 May, so twelve sessions are owed. The
    /// intake cannot come before Monday 8 March, and from there the chain ends on 13 May: at least
    /// the closing is missing whatever the schedule.
    static func shortHorizon() throws -> SchedulingProblem {
        var problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")], horizon: "2027-05-11")
        problem.requests = [try Centre.emdrSeries("P-7KQ2", referral: "2027-03-06", followUp: false)]
        return problem
    }

    /// The checker's score of the rows, and the proposal's own score without the load term (which
    /// the rows do not show).
    static func scores(_ problem: SchedulingProblem, _ sessions: [ProposedSession]) -> CheckedObjective {
        IndependentChecker.check(problem: problem, sessions: sessions).objective
    }

    @Test func bookingMoreOfAnUnfinishableSeriesScoresStrictlyBetterThanItsIntakeAlone() throws {
        let problem = try Self.shortHorizon()
        let proposal = try #require(Scheduler.batch(problem).proposals.first)
        let owed = 12
        #expect(proposal.sessions.count > 1)
        #expect(proposal.sessions.count < owed)
        #expect(proposal.objective.missingSessions == owed - proposal.sessions.count)
        #expect(proposal.objective.unfinishedPathways == 1)
        // Each leading part of the booked series, from the intake alone to all of it, judged by
        // the checker: one more session booked is always strictly better (no cliff).
        var previous: Int?
        for k in 1...proposal.sessions.count {
            let objective = Self.scores(problem, Array(proposal.sessions.prefix(k)))
            #expect(objective.missingSessions == owed - k)
            #expect(objective.unfinishedPathways == 1)
            if let previous { #expect(objective.score < previous, "booking session \(k)") }
            previous = objective.score
        }
        // The intake alone pays for every session it leaves out, at 100,000 each.
        let intakeOnly = Self.scores(problem, [proposal.sessions[0]])
        #expect(intakeOnly.score == intakeOnly.totalWaitingDays * 1_000 + (owed - 1) * 100_000)
        // And the solver scores the whole booking as the checker does.
        var terms = proposal.objective
        terms.loadImbalance = 0
        #expect(Self.scores(problem, proposal.sessions).score == terms.score())
    }

    @Test func pushingTheIntakeLateCostsMoreThanBookingItEarly() throws {
        let problem = try Self.shortHorizon()
        let request = try #require(problem.requests.first)
        let early = try #require(Scheduler.batch(problem).proposals.first)
        // The same series a week later, judged against the request as referred.
        var later = request
        later.earliest = request.earliest.adding(days: 7)
        let pushed = try Scheduler.bookSeries(later, in: problem).proposal()
        let onTime = Self.scores(problem, early.sessions)
        let late = Self.scores(problem, pushed.sessions)
        #expect(IndependentChecker.check(problem: problem, sessions: pushed.sessions).violations == 0)
        #expect(late.totalWaitingDays > onTime.totalWaitingDays)
        #expect(late.missingSessions > onTime.missingSessions)
        #expect(late.score > onTime.score)
        // Even its intake alone, pushed a week, costs more than the early intake alone.
        let pushedIntake = Self.scores(problem, [pushed.sessions[0]])
        let earlyIntake = Self.scores(problem, [early.sessions[0]])
        #expect(pushedIntake.score > earlyIntake.score)
    }

    @Test func theBoundCountsTheSessionsNoScheduleCanBook() throws {
        let problem = try Self.shortHorizon()
        let outcome = Scheduler.solve(problem, options: ImprovementOptions(timeLimit: 60, steps: 10, workers: 1))
        #expect(outcome.bound.missingSessions >= 1)
        #expect(outcome.bound.unfinishedPathways == 1)
        #expect(outcome.terms.missingSessions >= outcome.bound.missingSessions)
        #expect(outcome.bound.value <= outcome.objective)
        #expect(outcome.bound.value >= outcome.bound.missingSessions * 100_000)
    }

    /// The overloaded 6-patient centre: its two clinicians work staggered part-time weeks, so a
    /// 6-day spacing often waits for their next working day and no schedule books every session
    /// the horizon could hold. The bound walks each session to such a day and sees it.
    @Test func theBoundSeesSessionsTheCliniciansWorkingDaysLeaveOut() throws {
        let problem = try InstanceGenerator.generate(
            GeneratorConfig(
                patients: 6, clinicians: 2, rooms: 2, interpreters: 1, weeks: 8, seed: 1,
                today: try day("2027-01-04")))
        let outcome = Scheduler.solve(problem, options: ImprovementOptions(timeLimit: 60, steps: 40, workers: 1))
        #expect(outcome.bound.missingSessions > 0)
        #expect(outcome.bound.missingSessions <= outcome.terms.missingSessions)
        #expect(outcome.bound.value <= outcome.objective)
        #expect(outcome.bound.value >= outcome.bound.missingSessions * 100_000)
    }
}
