import CareModel
import Foundation
import Testing

@testable import Scheduler

/// When nothing fits, the answer names the constraint, the resource and the earliest workable day.
@Suite struct ExplanationTests {
    @Test func stepNobodyIsTrainedForNamesTheMissingQualification() throws {
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")])
        let request = try Centre.single("P-7KQ2", from: "2027-03-01", skills: [.prolongedExposure])
        let explanation = try Scheduler.bookSeries(request, in: problem).explanation()
        #expect(explanation.binding.first == .noQualifiedClinician)
        #expect(explanation.earliestWorkable == nil)
        #expect(explanation.description.contains("no active clinician has the required role, skills and language"))
        #expect(explanation.description.contains("P-7KQ2"))
    }

    @Test func languageWithoutAnyInterpreterIsNamed() throws {
        let problem = try Centre.problem(patients: [
            PatientNeeds(code: "P-7KQ2", language: "uk", needsInterpreter: true)
        ])
        let explanation = try Scheduler.bookSeries(try Centre.single("P-7KQ2", from: "2027-03-01"), in: problem)
            .explanation()
        #expect(
            explanation.binding == [.noInterpreterForLanguage, .horizon]
                || explanation.binding.first == .noInterpreterForLanguage)
        #expect(explanation.resources == [.patient("P-7KQ2")])
    }

    @Test func interpreterAwayNamesTheInterpreterAndTheDayTheyReturn() throws {
        let away = Absence(
            kind: .interpreter, id: "I-AHMADI", start: try paris("2027-03-01", "00:00"),
            end: try paris("2027-03-15", "00:00"))
        let problem = try Centre.problem(
            patients: [PatientNeeds(code: "P-7KQ2", language: "fa", needsInterpreter: true)],
            absences: [away])
        var request = try Centre.single("P-7KQ2", from: "2027-03-01")
        request.previous = PreviousSession(date: try day("2027-02-26"))
        request.sessions[0].maxDaysAfterPrevious = 10
        let explanation = try Scheduler.bookSeries(request, in: problem).explanation()
        #expect(explanation.binding.contains(.interpreterUnavailable))
        #expect(explanation.resources.contains(.interpreter("I-AHMADI")))
        #expect(explanation.earliestWorkable == (try day("2027-03-16"))) // her first Tuesday back
    }

    @Test func therapistOnLeavePastTheSpacingWindowGivesTheDayTheyAreBack() throws {
        let leave = Absence(
            kind: .clinician, id: "C-MARTIN", start: try paris("2027-03-01", "00:00"),
            end: try paris("2027-04-05", "00:00"))
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")], absences: [leave])
        var request = try Centre.emdrSeries("P-7KQ2")
        request.sessions = Array(request.sessions.dropFirst(4).prefix(1))
        request.previous = PreviousSession(
            date: try day("2027-02-23"), time: try clock("10:00"),
            clinicians: [StepClinician(step: "therapy", clinician: "C-MARTIN")])
        let explanation = try Scheduler.bookSeries(request, in: problem).explanation()
        #expect(explanation.binding.first == .continuity)
        #expect(explanation.binding.contains(.clinicianAbsent))
        #expect(explanation.binding.contains(.spacing))
        #expect(explanation.resources.contains(.clinician("C-MARTIN")))
        #expect(explanation.earliestWorkable == (try day("2027-04-05")))
        #expect(explanation.searchedTo == (try day("2027-03-09")))
        #expect(explanation.description.contains("2027-04-05 (Monday)"))
    }

    @Test func everyRoomTakenUntilTheHorizonSaysNothingBeforeIt() throws {
        let rooms = [Room(id: "R-1", name: "Bureau 1", capacity: 3, features: [.individual])]
        let allDay = Absence(
            kind: .room, id: "R-1", start: try paris("2027-03-01", "00:00"), end: try paris("2027-04-01", "00:00"))
        let problem = try Centre.problem(
            patients: [PatientNeeds(code: "P-7KQ2")], rooms: rooms, absences: [allDay],
            horizon: "2027-03-31")
        let explanation = try Scheduler.bookSeries(try Centre.single("P-7KQ2", from: "2027-03-01"), in: problem)
            .explanation()
        #expect(explanation.binding.first == .roomBusy)
        #expect(explanation.binding.contains(.horizon))
        #expect(explanation.resources.contains(.room("R-1")))
        #expect(explanation.earliestWorkable == nil)
        #expect(explanation.description.contains("Nothing would work before 2027-03-31"))
    }

    @Test(arguments: ["C-MARTIN", "C-ROUX"])
    func seriesMovesToAnotherTherapistWhenTheFirstCannotCarryIt(_ away: String) throws {
        let leave = Absence(
            kind: .clinician, id: away, start: try paris("2027-03-22", "00:00"),
            end: try paris("2027-04-26", "00:00"))
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")], absences: [leave])
        let proposal = try Scheduler.bookSeries(try Centre.emdrSeries("P-7KQ2", followUp: false), in: problem)
            .proposal()
        let therapists = Set(proposal.sessions.filter { $0.step != "intake" }.map(\.clinicians))
        #expect(therapists.count == 1)
        #expect(!(therapists.first ?? []).contains(ClinicianID(away)))
    }

    @Test func explanationsRoundTripThroughJSON() throws {
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")])
        let explanation = try Scheduler.bookSeries(
            try Centre.single("P-7KQ2", from: "2027-03-01", skills: [.prolongedExposure]), in: problem
        ).explanation()
        let data = try SchedulingJSON.encoder().encode(explanation)
        #expect(try SchedulingJSON.decoder().decode(Explanation.self, from: data) == explanation)
    }
}

@Suite struct HorizonTests {
    @Test func aFollowUpAfterTheHorizonIsLeftForLaterAndTheRestIsBooked() throws {
        // Therapy ends around mid-May; the follow-up (77-105 days after closing) falls after June.
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")], horizon: "2027-06-30")
        let request = try Centre.emdrSeries("P-7KQ2", followUp: true)
        let proposal = try Scheduler.bookSeries(request, in: problem).proposal()
        #expect(proposal.sessions.count == request.sessions.count - 1)
        #expect(proposal.sessions.last?.step != request.sessions.last?.step)
        #expect(proposal.sessions.allSatisfy { local($0.start).date <= problem.horizonEnd })
    }

    @Test func aFirstSessionAfterTheHorizonIsStillExplained() throws {
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")], horizon: "2027-03-31")
        let explanation = try Scheduler.bookSeries(try Centre.single("P-7KQ2", from: "2027-04-05"), in: problem)
            .explanation()
        #expect(explanation.binding.contains(.horizon))
    }
}

@Suite struct ConstraintOrdinalTests {
    @Test func everyConstraintCountsInItsOwnSlot() {
        #expect(Constraint.allCases.map(\.ordinal) == Array(Constraint.allCases.indices))
    }
}
