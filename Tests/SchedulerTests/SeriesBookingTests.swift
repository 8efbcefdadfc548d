import CareModel
import Foundation
import Testing

@testable import Scheduler

@Suite struct SeriesBookingTests {
    @Test func wholeEmdrSeriesIsBookedInOrderWithinSpacingAndHours() throws {
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")])
        let request = try Centre.emdrSeries("P-7KQ2")
        let proposal = try Scheduler.bookSeries(request, in: problem).proposal()

        #expect(proposal.sessions.count == 13)
        #expect(
            proposal.sessions.map(\.step.rawValue) == ["intake"] + Array(repeating: "therapy", count: 10) + [
                "closing", "follow-up",
            ])
        #expect(conflicts(proposal.sessions, problem: problem).isEmpty)
        let days = proposal.sessions.map { local($0.start).date }
        for (k, spec) in request.sessions.enumerated().dropFirst() {
            let gap = days[k - 1].days(to: days[k])
            #expect(gap >= (spec.minDaysAfterPrevious ?? 1), "session \(k) only \(gap) days after the previous one")
            #expect(gap <= (spec.maxDaysAfterPrevious ?? Int.max), "session \(k) \(gap) days after the previous one")
        }
        for session in proposal.sessions {
            #expect(
                session.end.timeIntervalSince(session.start) == Double(request.sessions[0].durationMinutes) * 60
                    || session.step != "intake")
        }
    }

    @Test func intakeMeetsItsDeadlineAndComesAsEarlyAsPossible() throws {
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")])
        let proposal = try Scheduler.bookSeries(try Centre.emdrSeries("P-7KQ2"), in: problem).proposal()
        let intake = try #require(proposal.sessions.first)
        #expect(local(intake.start).date == (try day("2027-03-01")))
        #expect(local(intake.start).time == (try clock("09:00")))
        #expect(!intake.late)
        #expect(proposal.objective.waitingDays == 0)
    }

    @Test func therapyAndClosingKeepTheSameClinician() throws {
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")])
        let proposal = try Scheduler.bookSeries(try Centre.emdrSeries("P-7KQ2"), in: problem).proposal()
        let carried = proposal.sessions.filter { $0.step == "therapy" || $0.step == "closing" }.map(\.clinicians)
        #expect(carried.count == 11)
        #expect(Set(carried).count == 1)
        let therapist = try #require(carried.first?.first)
        #expect(["C-ROUX", "C-MARTIN"].contains(therapist), "only the EMDR-trained may run EMDR")
    }

    @Test func weeklySessionsKeepTheSameWeekdayAndLocalHour() throws {
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")])
        let proposal = try Scheduler.bookSeries(try Centre.emdrSeries("P-7KQ2", followUp: false), in: problem)
            .proposal()
        let therapy = proposal.sessions.filter { $0.step == "therapy" }
        let times = Set(therapy.map { local($0.start).time })
        #expect(times.count == 1)
        for (a, b) in zip(therapy, therapy.dropFirst()) where local(a.start).date.adding(days: 7) != local(b.start).date
        {
            // Only a closed day may break the weekly rhythm.
            #expect(problem.closedDays.contains(local(a.start).date.adding(days: 7)))
        }
    }

    @Test func sameInputTwiceGivesTheIdenticalProposal() throws {
        let problem = try Centre.problem(
            patients: ["P-AAAA", "P-BBBB", "P-CCCC"].map { PatientNeeds(code: PatientCode($0)) },
            requests: [
                try Centre.emdrSeries("P-AAAA"), try Centre.emdrSeries("P-BBBB"), try Centre.emdrSeries("P-CCCC"),
            ])
        let first = Scheduler.batch(problem)
        let second = Scheduler.batch(problem)
        #expect(first == second)
        let encoder = SchedulingJSON.encoder()
        #expect(try encoder.encode(first) == encoder.encode(second))
    }

    @Test func intakeThatCannotMeetItsDeadlineIsBookedAtTheEarliestAndFlaggedLate() throws {
        // Both assessors are on leave for the first four weeks after the referral.
        let leave = try [ClinicianID("C-ROUX"), "C-MARTIN", "C-DIALLO"].map {
            Absence(
                kind: .clinician, id: $0.rawValue, start: try paris("2027-03-01", "00:00"),
                end: try paris("2027-03-29", "00:00"))
        }
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")], absences: leave)
        let proposal = try Scheduler.bookSeries(
            try Centre.single("P-7KQ2", from: "2027-03-01").withDeadline("2027-03-22"),
            in: problem
        ).proposal()
        let intake = try #require(proposal.sessions.first)
        #expect(intake.late)
        // 29 March is Easter Monday: the earliest working day after the leave is the 30th.
        #expect(local(intake.start).date == (try day("2027-03-30")))
        #expect(proposal.objective.lateSessions == 1)
    }

    @Test func nextSessionHonoursPreviousSpacingContinuityAndHour() throws {
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")])
        var request = try Centre.emdrSeries("P-7KQ2")
        request.sessions = Array(request.sessions.dropFirst(3).prefix(1)) // therapy 3 only, as `book --next`
        request.previous = PreviousSession(
            date: try day("2027-03-02"), time: try clock("15:00"), room: "R-1",
            clinicians: [StepClinician(step: "therapy", clinician: "C-MARTIN")])
        let proposal = try Scheduler.bookSeries(request, in: problem).proposal()
        let next = try #require(proposal.sessions.first)
        #expect(proposal.sessions.count == 1)
        #expect(next.clinicians == ["C-MARTIN"])
        #expect(local(next.start).date == (try day("2027-03-09")))
        #expect(local(next.start).time == (try clock("15:00")))
        #expect(next.room == "R-1")
        #expect(proposal.objective.regularityMisses == 0)
    }

    @Test func fixedClinicianTakesEverySessionTheyMayRun() throws {
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")])
        var request = try Centre.emdrSeries("P-7KQ2", followUp: false)
        request.fixedClinician = "C-ROUX"
        let proposal = try Scheduler.bookSeries(request, in: problem).proposal()
        #expect(proposal.sessions.allSatisfy { $0.clinicians == ["C-ROUX"] })
    }

    @Test func preferredDaysAndTimesAreHonouredWhenFree() throws {
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")])
        var request = try Centre.emdrSeries("P-7KQ2", therapy: 4, followUp: false)
        request.preferences = try Preferences(parsing: "tue,thu 14:00-18:00")
        let proposal = try Scheduler.bookSeries(request, in: problem).proposal()
        // The intake goes to the earliest day (waiting time weighs most); the rest follow the wish.
        for session in proposal.sessions.dropFirst() {
            let when = local(session.start)
            #expect([.tuesday, .thursday].contains(when.date.weekday))
            #expect(when.time >= (try clock("14:00")))
        }
        #expect(proposal.objective.preferenceMisses == 1)
    }

    @Test func workGoesToTheLessLoadedClinician() throws {
        let week = try (0..<5).map { i in
            BookedSession(
                patient: "P-OTHR", step: "therapy", occurrence: i + 1,
                start: try paris("2027-03-0\(i + 2)", "09:00"), end: try paris("2027-03-0\(i + 2)", "12:00"),
                clinicians: ["C-ROUX"], room: "R-1")
        }
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")], existing: week)
        let request = try Centre.single(
            "P-7KQ2", from: "2027-03-02", roles: [.psychiatrist, .psychologist], skills: [.emdr])
        let proposal = try Scheduler.bookSeries(request, in: problem).proposal()
        #expect(proposal.sessions.first?.clinicians == ["C-MARTIN"])
    }

    @Test func preferencesParseTheSecretaryForm() throws {
        let prefs = try Preferences(parsing: "tue,thu 14:00-18:00")
        #expect(prefs.weekdays == [.tuesday, .thursday])
        #expect(prefs.windows.map(\.description) == ["14:00-18:00"])
        #expect(prefs.description == "tue,thu 14:00-18:00")
        #expect(try Preferences(parsing: "mon-wed").weekdays == [.monday, .tuesday, .wednesday])
        #expect(throws: CareModelError.self) { try Preferences(parsing: "someday 25:00-26:00") }
    }
}

extension SeriesRequest {
    func withDeadline(_ date: String) throws -> SeriesRequest {
        var copy = self
        copy.sessions[0].deadline = try day(date)
        return copy
    }
}
