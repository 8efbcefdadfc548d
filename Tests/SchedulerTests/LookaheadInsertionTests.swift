import CareModel
import Foundation
import Testing

@testable import Scheduler

/// The lookahead insertion of the improvement phase: every intake of the first days tried, the
/// series completed from each, the cheapest whole series kept.
@Suite struct LookaheadInsertionTests {
    /// Dr Roux (no EMDR) sees intakes all Monday; Claire Martin, the only EMDR therapist, works
    /// Mondays 14:00-15:30 alone. Nothing is closed, so only the intake's hour decides the rhythm.
    static func centre() throws -> (PreparedProblem, SeriesRequest) {
        let clinicians = [
            Clinician(id: "C-ROUX", name: "Dr Roux", role: .psychiatrist, hours: try hours("mon 09:00-17:00")),
            Clinician(
                id: "C-MARTIN", name: "Claire Martin", role: .psychologist, skills: [.emdr],
                hours: try hours("mon 14:00-15:30")),
        ]
        let request = try Centre.emdrSeries("P-7KQ2", therapy: 3, followUp: false)
        let problem = try Centre.problem(
            patients: [PatientNeeds(code: "P-7KQ2")], clinicians: clinicians, closed: [], requests: [request])
        return (PreparedProblem(problem, weights: .standard), request)
    }

    @Test func theGreedyBookingTakesTheFirstHourAndMissesTheWeeklyRhythmOnce() throws {
        let (prepared, request) = try Self.centre()
        let greedy = try prepared.book(request, patient: 0, compress: true).proposal()
        #expect(greedy.sessions.count == 5)
        #expect(local(greedy.sessions[0].start).time == (try clock("09:00")))
        #expect(greedy.objective.regularityMisses == 1)
    }

    @Test func theLookaheadBooksTheIntakeAtTheHourTheTherapistKeepsEveryWeek() throws {
        let (prepared, request) = try Self.centre()
        let greedy = try prepared.book(request, patient: 0, compress: true).proposal()
        let lookahead = try #require(prepared.bookLookahead(request, patient: 0))
        #expect(lookahead.sessions.count == 5)
        let intake = local(lookahead.sessions[0].start)
        #expect(intake.date == (try day("2027-03-01")))
        #expect(intake.time == (try clock("14:00")))
        #expect(lookahead.sessions.dropFirst().allSatisfy { local($0.start).time == intake.time })
        #expect(lookahead.objective.regularityMisses == 0)
        #expect(lookahead.objective.waitingDays == greedy.objective.waitingDays)
        #expect(lookahead.score == greedy.score - prepared.weights.regularityMiss)
        #expect(conflicts(lookahead.sessions, problem: prepared.problem).isEmpty)
    }

    @Test func aContinuingPathwayOrASingleSessionIsLeftToTheGreedyBooking() throws {
        let (prepared, _) = try Self.centre()
        let single = try Centre.single("P-7KQ2", from: "2027-03-01")
        #expect(prepared.bookLookahead(single, patient: 0) == nil)
    }
}
