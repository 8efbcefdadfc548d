import CareModel
import Foundation
import ScheduleCheck
import Testing

@testable import Scheduler

/// The checker's score (`objective.score`) and the solver's own terms count the same things, so
/// the exact reference, scored by the checker, is compared with the solver on its own objective.
@Suite struct CheckedScoreAgreementTests {
    @Test func solverAndCheckerAgreeOnEveryTermButRegularityAndLoad() throws {
        let problem = try ImprovementTests.centre()
        let outcome = Scheduler.solve(problem, options: .constructiveOnly)
        let report = IndependentChecker.check(problem: problem, sessions: outcome.result.sessions)
        let objective = report.objective
        let terms = outcome.terms
        #expect(report.violations == 0)
        #expect(objective.totalWaitingDays == terms.waitingDays)
        #expect(objective.treatmentDays == terms.treatmentDays)
        #expect(objective.unfinishedPathways == terms.unfinishedPathways)
        #expect(objective.interpretedSessions == terms.interpretedSessions)
        #expect(objective.preferenceMisses == terms.preferenceMisses)
        #expect(objective.roomChanges == terms.roomChanges)
        #expect(objective.lateSessions == terms.lateSessions)
    }
}
