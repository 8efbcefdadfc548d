import CareModel
import Foundation
import ScheduleCheck
import Testing

@testable import Scheduler

/// What makes the improvement phase's put-backs cheaper and better on large batches: the series
/// shape kept per request, the jump over busy stretches, and the therapist's weeks ahead.
@Suite struct PutBackTests {
    /// A centre of the benchmark's L proportions, small enough for a debug build, booked by the
    /// greedy pass so its agenda is as full as the search sees it.
    static func bookedCentre(
        patients: Int = 60, seed: UInt64 = 5
    ) throws -> (PreparedProblem, [SeriesRequest], BatchResult) {
        let problem = try InstanceGenerator.generate(
            GeneratorConfig(
                patients: patients, clinicians: 4, rooms: 3, interpreters: 1, weeks: 12, seed: seed,
                today: try day("2027-01-04")))
        var prepared = PreparedProblem(problem)
        let result = prepared.batch(problem.requests)
        return (prepared, Scheduler.batchOrder(problem.requests), result)
    }

    /// The jump is taken only when no one is explaining (an explanation counts every rejected
    /// time), so the same query asked both ways must pick the same slot, on every session of
    /// every request of a full agenda.
    @Test func jumpingOverBusyStretchesPicksTheSlotThatCheckingEveryTimePicks() throws {
        let (prepared, requests, _) = try Self.bookedCentre()
        var compared = 0
        for request in requests {
            let patient = try #require(prepared.patientIndex[request.patient])
            let planner = SeriesPlanner(prepared, request, patient: patient)
            var placed: [Candidate] = []
            for k in request.sessions.indices {
                let query = planner.query(k, placed: placed, excluded: [])
                var fast = Diagnostics()
                var full = Diagnostics(recordResources: true)
                let quick = prepared.findBest(query, diagnostics: &fast)
                let slow = prepared.findBest(query, diagnostics: &full)
                #expect(quick?.start == slow?.start)
                #expect(quick?.clinician == slow?.clinician)
                #expect(quick?.room == slow?.room)
                #expect(quick?.interpreter == slow?.interpreter)
                #expect(quick?.score == slow?.score)
                compared += 1
                guard let next = slow else { break }
                placed.append(next)
            }
        }
        #expect(compared > 200)
    }

    /// Backtracking asks a session's first workable day again from later days; the planner
    /// remembers the answers. Planning every request of a full agenda with and without that memory
    /// must give the same series.
    @Test func rememberedWorkableDaysPlanTheSeriesThatSearchingAgainPlans() throws {
        // Twice the patients: series break off mid-chain and backtrack.
        let (prepared, requests, _) = try Self.bookedCentre(patients: 120)
        var different = 0
        var answered = 0
        for request in requests {
            let patient = try #require(prepared.patientIndex[request.patient])
            let remembering = SeriesPlanner(prepared, request, patient: patient)
            defer { answered += remembering.workable.answered }
            let forgetting = SeriesPlanner(prepared, request, patient: patient)
            forgetting.workable.enabled = false
            switch (remembering.plan(), forgetting.plan()) {
            case (.placed(let a), .placed(let b)):
                if a.map(\.start) != b.map(\.start) || a.map(\.clinician) != b.map(\.clinician) { different += 1 }
            case (.failed(let a), .failed(let b)):
                if a.index != b.index { different += 1 }
            default:
                different += 1
            }
        }
        #expect(different == 0)
        #expect(answered > 0)
    }

    @Test func aRememberedDayAnswersOnlyFromItsOwnDayUpToTheDayFound() {
        let memo = WorkableDays()
        let key = WorkableDays.Key(session: 2, step: "therapy", pool: [3])
        memo.record(key, from: 100, day: 110)
        #expect(memo.lookup(key, from: 99).isUnknown)
        #expect(memo.lookup(key, from: 100).day == 110)
        #expect(memo.lookup(key, from: 110).day == 110)
        #expect(memo.lookup(key, from: 111).isUnknown)
        let other = WorkableDays.Key(session: 2, step: "therapy", pool: [4])
        #expect(memo.lookup(other, from: 105).isUnknown)
        memo.record(other, from: 50, day: nil)
        #expect(!memo.lookup(other, from: 80).isUnknown)
        #expect(memo.lookup(other, from: 80).day == nil)
    }

    /// The improvement phase builds each request's shape once and books with it hundreds of times.
    @Test func aKeptShapeBooksExactlyWhatAFreshOneBooks() throws {
        let (booked, requests, greedy) = try Self.bookedCentre(patients: 30)
        var prepared = booked
        for request in requests {
            let patient = try #require(prepared.patientIndex[request.patient])
            // Taken out first, as a ruin does, so the request books against the others only.
            let own = greedy.proposals.first { $0.patient == request.patient }?.sessions ?? []
            prepared.release(own)
            let shape = SeriesShape(prepared, request, patient: patient)
            let kept = prepared.book(request, patient: patient, compress: true, shape: shape)
            let fresh = prepared.book(request, patient: patient, compress: true)
            #expect(kept.proposalValue == fresh.proposalValue)
            prepared.commit(own)
        }
    }

    /// Dr Roux, alone, sees Mondays 09:00-17:00 in one room. Another patient has her on
    /// 15 March at 10:00; the room is taken by someone else on 29 March at 10:00 (Easter Monday,
    /// 29 March, is not closed here). From an 1 March 10:00 start, two of the next four Mondays
    /// are lost at 10:00; none at 14:00.
    @Test func blockedWeeksCountsTheMondaysTheTherapistOrEveryRoomIsTaken() throws {
        let roux = Clinician(
            id: "C-ROUX", name: "Dr Roux", role: .psychiatrist, skills: [.emdr], hours: try hours("mon 09:00-17:00"))
        let other = Clinician(
            id: "C-MARTIN", name: "Claire Martin", role: .psychologist, hours: try hours("mon 09:00-17:00"))
        let room = Room(id: "R-1", name: "Bureau 1", capacity: 3, features: [.individual])
        let existing = [
            BookedSession(
                patient: "P-OTH1", step: "therapy", occurrence: 1, start: try paris("2027-03-15", "10:00"),
                end: try paris("2027-03-15", "11:00"), clinicians: ["C-ROUX"], room: "R-1"),
            BookedSession(
                patient: "P-OTH2", step: "therapy", occurrence: 1, start: try paris("2027-03-29", "09:30"),
                end: try paris("2027-03-29", "10:30"), clinicians: ["C-MARTIN"], room: "R-1"),
        ]
        let request = try Centre.emdrSeries("P-7KQ2", therapy: 4, followUp: false)
        let problem = try Centre.problem(
            patients: [PatientNeeds(code: "P-7KQ2")], clinicians: [roux, other], rooms: [room], closed: [],
            existing: existing, requests: [request])
        let prepared = PreparedProblem(problem)
        let planner = SeriesPlanner(prepared, request, patient: try #require(prepared.patientIndex["P-7KQ2"]))
        var query = planner.query(1, placed: [], excluded: [])
        query.carryWeeks = 4
        let monday = try day("2027-03-01").daysSinceEpoch
        let roux0 = try #require(prepared.clinicianIndex["C-ROUX"])
        #expect(prepared.blockedWeeks(query, clinician: roux0, day: monday, t: 600, duration: 60) == 2)
        #expect(prepared.blockedWeeks(query, clinician: roux0, day: monday, t: 840, duration: 60) == 0)
        #expect(planner.chainLength(after: 1) == 4)
    }

    /// Above 200 requests the put-backs weigh the therapist's weeks ahead, acceptance keeps a
    /// shorter memory, ruins are smaller and fewer start from the costliest requests; below, the
    /// search is the one the S and M centres were measured with.
    @Test func onlyBatchesAboveTheLookaheadSizeCarryAndClimb() throws {
        let (small, smallRequests, _) = try Self.bookedCentre(patients: 30)
        let few = ImprovementSearch(
            prepared: small, requests: smallRequests, proposals: smallRequests.map { _ in nil }, seed: 1)
        #expect(!few.carrying)
        #expect(few.historyLength == 40)
        #expect(few.ruinSize == 10)
        #expect(few.costlySeedPercent == 50)
        let many = Array(repeating: smallRequests[0], count: ImprovementSearch.lookaheadBatch + 1)
        let large = ImprovementSearch(prepared: small, requests: many, proposals: many.map { _ in nil }, seed: 1)
        #expect(large.carrying)
        #expect(large.historyLength == 5)
        #expect(large.ruinSize == 4)
        #expect(large.costlySeedPercent == 20)
    }

    /// A batch above the lookahead size, searched a few steps with the carrying put-backs: every
    /// hard constraint holds by the independent checker, the answer never loses to the greedy
    /// pass, and the same seed gives the same solution.
    @Test func aLargeBatchSearchedWithCarryingPutBacksStaysValidAndReproducible() throws {
        let problem = try InstanceGenerator.generate(
            GeneratorConfig(
                patients: 210, clinicians: 10, rooms: 5, interpreters: 2, weeks: 14, seed: 2,
                today: try day("2027-01-04")))
        let options = ImprovementOptions(timeLimit: 600, steps: 6, workers: 2)
        let first = Scheduler.solve(problem, options: options)
        let second = Scheduler.solve(problem, options: options)
        let report = IndependentChecker.check(problem: problem, sessions: first.result.sessions)
        #expect(report.violations == 0, "\(report.details.prefix(5))")
        #expect(first.objective <= first.constructiveObjective)
        #expect(first.result.sessions == second.result.sessions)
        #expect(first.steps == 12)
    }
}

extension Result where Success == Proposal, Failure == Explanation {
    fileprivate var proposalValue: Proposal? {
        if case .success(let p) = self { return p }
        return nil
    }
}

extension WorkableDays.Lookup {
    fileprivate var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }

    fileprivate var day: Int? {
        if case .known(let day) = self { return day }
        return nil
    }
}
