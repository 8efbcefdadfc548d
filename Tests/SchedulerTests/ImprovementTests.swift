import CareModel
import Foundation
import ScheduleCheck
import Testing

@testable import Scheduler

/// The improvement phase after a batch's greedy pass, judged by the independent checker.
@Suite struct ImprovementTests {
    /// A small centre of the benchmark's S shape, cut down so a debug build searches it quickly.
    static func centre(seed: UInt64 = 3) throws -> SchedulingProblem {
        try InstanceGenerator.generate(
            GeneratorConfig(
                patients: 24, clinicians: 4, rooms: 3, interpreters: 2, weeks: 10,
                seed: seed, today: try day("2027-01-04")))
    }

    /// A fixed step budget and a clock bound far away: the budget, not the clock, ends the search.
    static let reproducible = ImprovementOptions(timeLimit: 120, steps: 25, workers: 2)

    @Test func theSameSeedGivesTheSameSolution() throws {
        let problem = try Self.centre()
        let first = Scheduler.solve(problem, options: Self.reproducible)
        let second = Scheduler.solve(problem, options: Self.reproducible)
        #expect(first.result.sessions == second.result.sessions)
        #expect(first.objective == second.objective)
        #expect(first.steps == 50)
    }

    @Test func timeLimitZeroGivesTheGreedyPassExactly() throws {
        let problem = try Self.centre()
        let outcome = Scheduler.solve(problem, options: .constructiveOnly)
        #expect(outcome.result == Scheduler.batch(problem))
        #expect(outcome.steps == 0)
        #expect(outcome.objective == outcome.constructiveObjective)
    }

    @Test(arguments: [UInt64(3), 11])
    func optimisedSolutionsBreakNoHardConstraintAndNeverLoseToTheGreedyPass(_ seed: UInt64) throws {
        let problem = try Self.centre(seed: seed)
        let outcome = Scheduler.solve(problem, options: Self.reproducible)
        let report = IndependentChecker.check(problem: problem, sessions: outcome.result.sessions)
        #expect(report.violations == 0, "\(report.details.prefix(5))")
        #expect(outcome.objective <= outcome.constructiveObjective)
        #expect(outcome.bound.value <= outcome.objective)
        // The answer's terms are the proposals' own plus the unbooked requests: the total agrees.
        #expect(outcome.terms.score() == outcome.objective)
    }

    @Test func theBoundIsReachedByAPatientAloneAndTheSearchStopsThere() throws {
        var problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")])
        problem.requests = [try Centre.single("P-7KQ2", from: "2027-03-01")]
        let outcome = Scheduler.solve(problem, options: ImprovementOptions(timeLimit: 5, steps: 1_000))
        #expect(outcome.objective == outcome.bound.value)
        #expect(outcome.gap == 0)
        #expect(outcome.steps == 0)
    }

    @Test func theIntakeIsBookedEvenWhenTheSeriesCannotFollow() throws {
        // Only C-MARTIN and Dr Roux do EMDR; both leave five days after the referral until the end of
        // the horizon, so no start, early or late, carries the therapy. The intake still happens.
        let leave = ["C-MARTIN", "C-ROUX"].map { id in
            Absence(
                kind: .clinician, id: id, start: (try? paris("2027-03-06", "00:00")) ?? .distantPast,
                end: (try? paris("2027-12-01", "00:00")) ?? .distantPast)
        }
        var problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")], absences: leave)
        problem.requests = [try Centre.emdrSeries("P-7KQ2")]
        let result = Scheduler.batch(problem)
        let proposal = try #require(result.proposals.first)
        #expect(result.explanations.isEmpty)
        #expect(proposal.sessions.map(\.step) == ["intake"])
        #expect(local(try #require(proposal.sessions.first).start).date == (try day("2027-03-01")))
        #expect(proposal.objective.unfinishedPathways == 1)
        #expect(proposal.objective.missingSessions == 12)
        #expect(proposal.objective.waitingDays == 0)
    }
}

/// A clinician who speaks the patient's language needs no interpreter (issue 14, item 4).
@Suite struct InterpreterOnlyWhenNeededTests {
    @Test func aBilingualClinicianSeesThePatientWithoutAnInterpreter() throws {
        // Awa Diallo speaks English; the patient speaks English and is marked as needing an interpreter.
        var problem = try Centre.problem(patients: [
            PatientNeeds(code: "P-7KQ2", language: "en", needsInterpreter: true)
        ])
        problem.requests = [try Centre.single("P-7KQ2", from: "2027-03-01", roles: [.psychologist])]
        let proposal = try #require(Scheduler.batch(problem).proposals.first)
        let session = try #require(proposal.sessions.first)
        #expect(session.clinicians == ["C-DIALLO"])
        #expect(session.interpreter == nil)
        #expect(proposal.objective.interpretedSessions == 0)
        #expect(IndependentChecker.check(problem: problem, sessions: proposal.sessions).violations == 0)
    }

    @Test func withoutABilingualClinicianTheInterpreterIsStillBookedAndCounted() throws {
        var problem = try Centre.problem(patients: [
            PatientNeeds(code: "P-7KQ2", language: "ar", needsInterpreter: true)
        ])
        problem.requests = [try Centre.single("P-7KQ2", from: "2027-03-01")]
        let proposal = try #require(Scheduler.batch(problem).proposals.first)
        #expect(proposal.sessions.first?.interpreter == "I-HADDAD")
        #expect(proposal.objective.interpretedSessions == 1)
        var bare = proposal.sessions
        bare[0].interpreter = nil
        #expect(IndependentChecker.check(problem: problem, sessions: bare).count(.interpreterMissing) == 1)
    }
}

/// A patient's unavailability (kind `patient` in the instance) is hard, like a clinician's leave.
@Suite struct PatientUnavailabilityTests {
    @Test func noSessionIsBookedWhileThePatientCannotCome() throws {
        // She cannot come on Monday 1 and Tuesday 2 March (work): the intake goes to Wednesday 3.
        let away = Absence(
            kind: .patient, id: "P-7KQ2", start: try paris("2027-03-01", "00:00"),
            end: try paris("2027-03-03", "00:00"))
        var problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")], absences: [away])
        problem.requests = [try Centre.emdrSeries("P-7KQ2", followUp: false)]
        let proposal = try #require(Scheduler.batch(problem).proposals.first)
        #expect(local(try #require(proposal.sessions.first).start).date == (try day("2027-03-03")))
        #expect(IndependentChecker.check(problem: problem, sessions: proposal.sessions).violations == 0)
    }

    @Test func aPatientWhoCannotComeAllHorizonLongIsExplainedByName() throws {
        let away = Absence(
            kind: .patient, id: "P-7KQ2", start: try paris("2027-02-01", "00:00"),
            end: try paris("2028-01-01", "00:00"))
        var problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2")], absences: [away])
        problem.requests = [try Centre.single("P-7KQ2", from: "2027-03-01")]
        let explanation = try #require(Scheduler.batch(problem).explanations.first)
        #expect(explanation.binding.contains(.patientUnavailable))
        #expect(explanation.resources.contains(.patient("P-7KQ2")))
        #expect(explanation.description.contains("the patient cannot come then"))
    }
}

/// Per-clinician caps (issue 14, item 4): the solver keeps under them, the checker counts them.
@Suite struct ClinicianCapTests {
    /// Three intakes on the same morning, with Awa Diallo the only clinician.
    static func problem(cap: ClinicianCap?) throws -> SchedulingProblem {
        let diallo = try #require(try Centre.clinicians().first { $0.id == "C-DIALLO" })
        let codes: [PatientCode] = ["P-AAA1", "P-AAA2", "P-AAA3"]
        var problem = try Centre.problem(patients: codes.map { PatientNeeds(code: $0) }, clinicians: [diallo])
        problem.requests = try codes.map { try Centre.single($0, from: "2027-03-01", roles: [.psychologist]) }
        problem.caps = cap.map { [$0] } ?? []
        return problem
    }

    @Test func aDailyCapSpreadsSessionsOverDays() throws {
        let free = Scheduler.batch(try Self.problem(cap: nil)).sessions
        #expect(Set(free.map { local($0.start).date }).count == 1) // all on 1 March without a cap
        let problem = try Self.problem(cap: ClinicianCap(clinician: "C-DIALLO", sessionsPerDay: 2))
        let capped = Scheduler.batch(problem).sessions
        #expect(capped.count == 3)
        #expect(Dictionary(grouping: capped) { local($0.start).date }.values.map(\.count).max() == 2)
        #expect(IndependentChecker.check(problem: problem, sessions: capped).violations == 0)
        // The uncapped schedule breaks the cap, and the checker says so.
        let report = IndependentChecker.check(problem: problem, sessions: free)
        #expect(report.count(.clinicianDailyCap) == 1)
    }

    @Test func aWeeklyCapIsKeptAndCheckedToo() throws {
        let problem = try Self.problem(cap: ClinicianCap(clinician: "C-DIALLO", minutesPerWeek: 120))
        let sessions = Scheduler.batch(problem).sessions
        #expect(IndependentChecker.check(problem: problem, sessions: sessions).violations == 0)
        let weeks = Dictionary(grouping: sessions) {
            local($0.start).date.adding(days: -local($0.start).date.weekday.index)
        }
        #expect(weeks.values.allSatisfy { $0.count <= 2 }) // 60-minute intakes, 120 minutes a week
    }

    @Test func aCapNoSessionCanMeetIsRefusedNamingTheField() throws {
        var problem = try Self.problem(cap: ClinicianCap(clinician: "C-DIALLO", minutesPerWeek: 30))
        #expect(
            throws: ScheduleCheckError.invalidInstance(
                source: "i.json", field: "caps[0].minutesPerWeek", value: "30",
                expected: "at least 60, the shortest session requested")
        ) {
            try problem.validateCaps(source: "i.json")
        }
        problem.caps = [ClinicianCap(clinician: "C-NOBODY", sessionsPerDay: 6)]
        #expect(throws: ScheduleCheckError.self) { try problem.validateCaps() }
    }
}
