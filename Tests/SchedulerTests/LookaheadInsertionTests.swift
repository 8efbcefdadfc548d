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

    /// Dr Roux and Claire Martin both do EMDR; Claire has an afternoon booked in the first
    /// therapy's week (so Dr Roux, idle, suits that session best) and Dr Roux is away the week
    /// of the third therapy.
    static func absentTherapist() throws -> (PreparedProblem, SeriesRequest) {
        let clinicians = try Centre.clinicians().filter { ["C-ROUX", "C-MARTIN"].contains($0.id) }
        let busy = BookedSession(
            patient: "P-OTH2", step: "therapy", occurrence: 1, start: try paris("2027-03-08", "13:30"),
            end: try paris("2027-03-08", "17:00"), clinicians: ["C-MARTIN"], room: "R-1")
        let away = Absence(
            kind: .clinician, id: "C-ROUX", start: try paris("2027-03-22", "00:00"),
            end: try paris("2027-03-27", "00:00"))
        let request = try Centre.emdrSeries("P-7KQ2", therapy: 3, followUp: false)
        let problem = try Centre.problem(
            patients: [PatientNeeds(code: "P-7KQ2"), PatientNeeds(code: "P-OTH2")], clinicians: clinicians,
            absences: [away], closed: [], existing: [busy], requests: [request])
        let prepared = PreparedProblem(problem, weights: .standard)
        return (prepared, request)
    }

    @Test func theLookaheadGivesTheSeriesToTheTherapistWhoIsThereEveryWeek() throws {
        let (prepared, request) = try Self.absentTherapist()
        let patient = try #require(prepared.patientIndex["P-7KQ2"])
        let greedy = try prepared.book(request, patient: patient, compress: true).proposal()
        // The greedy booking: Dr Roux, and a fortnight's gap around his absence.
        #expect(greedy.sessions.dropFirst().allSatisfy { $0.clinicians == ["C-ROUX"] })
        #expect(greedy.objective.regularityMisses == 1)
        let lookahead = try #require(prepared.bookLookahead(request, patient: patient))
        #expect(lookahead.sessions.count == greedy.sessions.count)
        #expect(lookahead.sessions.dropFirst().allSatisfy { $0.clinicians == ["C-MARTIN"] })
        #expect(lookahead.objective.regularityMisses == 0)
        #expect(lookahead.objective.treatmentDays == greedy.objective.treatmentDays - 7)
        #expect(lookahead.score < greedy.score)
        #expect(conflicts(lookahead.sessions, existing: prepared.problem.existing, problem: prepared.problem).isEmpty)
    }

    @Test func aContinuingPathwayOrASingleSessionIsLeftToTheGreedyBooking() throws {
        let (prepared, _) = try Self.centre()
        let single = try Centre.single("P-7KQ2", from: "2027-03-01")
        #expect(prepared.bookLookahead(single, patient: 0) == nil)
    }
}
