import CareModel
import Foundation
import ScheduleCheck
import Testing

@testable import Scheduler

/// Unfinished pathways (docs/scheduling.md, "Unfinished pathway: the rule"): judged on the
/// request, and avoided by compressing the series to its minimum spacing when the weekly rhythm
/// would leave the follow-up outside a horizon that could hold it.
@Suite struct UnfinishedPathwayTests {
    @Test func batchCompressesASeriesTheWeeklyRhythmCannotCarryToFitTheHorizon() throws {
        // Referred on a Friday: at 6-day spacing the sessions can walk back a weekday at a time
        // (Friday, Thursday, ... Monday), up to 4 days gained over the weekly rhythm.
        let request = try Centre.emdrSeries("P-7KQ2", referral: "2027-03-05")
        let patients = [PatientNeeds(code: "P-7KQ2")]
        // On a long horizon the series keeps its weekly rhythm: 13 sessions, the follow-up last.
        let weekly = try Scheduler.bookSeries(request, in: try Centre.problem(patients: patients)).proposal()
        let followUp = try #require(weekly.sessions.last)
        #expect(weekly.sessions.count == 13)
        #expect(weekly.objective.unfinishedPathways == 0)
        // Two days shorter: the weekly rhythm no longer reaches the follow-up, but the minimum
        // spacing (6 days) still does, so the follow-up is due and the series is compressed.
        let end = ClinicTimeZone.paris.local(followUp.start).date.adding(days: -2)
        var problem = try Centre.problem(patients: patients, horizon: end.iso)
        problem.requests = [request]
        // Booking this one series alone (the desk) keeps the weekly rhythm and its cost.
        let alone = try Scheduler.bookSeries(request, in: problem).proposal()
        #expect(alone.objective.unfinishedPathways == 1)
        #expect(alone.objective.missingSessions == 13 - alone.sessions.count)
        // A batch compresses it.
        let compressed = try #require(Scheduler.batch(problem).proposals.first)
        #expect(compressed.sessions.count == 13)
        #expect(compressed.objective.unfinishedPathways == 0)
        #expect(compressed.objective.missingSessions == 0)
        #expect(compressed.objective.regularityMisses > 0)
        let report = IndependentChecker.check(problem: problem, sessions: compressed.sessions)
        #expect(report.violations == 0, "\(report.details.prefix(3))")
        #expect(report.objective.unfinishedPathways == 0)
    }
}

/// The intake-only repair of the improvement phase (`ImprovementSearch.advanceIntake`).
@Suite struct IntakeRepairTests {
    @Test func intakeMovesEarlierWhileTheSeriesStaysWhereItIs() throws {
        let request = try Centre.emdrSeries("P-7KQ2", referral: "2027-03-02", followUp: false)
        var problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")])
        problem.requests = [request]
        // The series as a later start would book it: everything 7 days after the referral.
        var later = request
        later.earliest = request.earliest.adding(days: 7)
        let prepared = PreparedProblem(problem, weights: .standard)
        let booked = try prepared.bookSeries(later).proposal()
        var committed = prepared
        committed.commit(booked)
        var search = ImprovementSearch(prepared: committed, requests: [request], proposals: [booked], seed: 1)
        let before = search.total

        let advanced = search.advanceIntake(0)
        let saved = try #require(advanced)
        let moved = try #require(search.current[0])
        #expect(saved > 0)
        #expect(search.cost[0] == before - saved)
        #expect(moved.sessions.dropFirst() == booked.sessions.dropFirst())
        #expect(moved.sessions[0].start < booked.sessions[0].start)
        #expect(moved.objective.waitingDays < booked.objective.waitingDays)
        #expect(moved.score == moved.objective.score())
        let report = IndependentChecker.check(problem: problem, sessions: moved.sessions)
        #expect(report.violations == 0, "\(report.details.prefix(3))")
        #expect(report.objective.totalWaitingDays == moved.objective.waitingDays)
        #expect(report.objective.treatmentDays == moved.objective.treatmentDays)
        #expect(report.objective.regularityMisses == moved.objective.regularityMisses)
    }
}
