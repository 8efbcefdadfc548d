import CareModel
import Foundation
import ScheduleCheck
import Testing

@testable import Scheduler

/// Two workers search side by side and pool their accepted steps every few steps
/// (`ImprovementRounds.swift`); and what makes each step cheaper: a clinician's free time kept
/// per day, first workable days shared by the planners of one booking.
@Suite struct PooledWorkersTests {
    /// A session of request `i`'s patient, `hour` o'clock on 8 March 2027, with `clinician` in `room`.
    static func step(
        _ search: ImprovementSearch, _ i: Int, hour: Int, clinician: Int, room: Int
    ) throws -> AcceptedStep {
        let old = try #require(search.current[i])
        var moved = old
        var session = try #require(old.sessions.first)
        session.start = try paris("2027-03-08", String(format: "%02d:00", hour))
        session.end = session.start.addingTimeInterval(3600)
        session.clinicians = [search.prepared.clinicians[clinician].id]
        session.room = search.prepared.rooms[room].id
        session.interpreter = nil
        moved.sessions = [session]
        return AcceptedStep(indices: [i], before: [old], after: [moved])
    }

    static func search() throws -> ImprovementSearch {
        let (prepared, requests, greedy) = try PutBackTests.bookedCentre(patients: 30)
        let proposals = requests.map { request in
            greedy.proposals.first { $0.patient == request.patient && $0.track == request.track }
        }
        return ImprovementSearch(prepared: prepared, requests: requests, proposals: proposals, seed: 1)
    }

    @Test func stepsOfTwoPatientsStandTogetherUnlessTheyShareAClinicianRoomOrTime() throws {
        let search = try Self.search()
        let a = try Self.step(search, 0, hour: 10, clinician: 0, room: 0)
        // Same hour, another clinician and room: both fit.
        #expect(search.compatible(a.indices, a.after, try Self.step(search, 1, hour: 10, clinician: 1, room: 1)))
        // Same hour and room, or same hour and clinician: one of them must go.
        #expect(!search.compatible(a.indices, a.after, try Self.step(search, 1, hour: 10, clinician: 1, room: 0)))
        #expect(!search.compatible(a.indices, a.after, try Self.step(search, 1, hour: 10, clinician: 0, room: 1)))
        // The room an hour later: free again.
        #expect(search.compatible(a.indices, a.after, try Self.step(search, 1, hour: 11, clinician: 0, room: 0)))
        // The same request (so the same patient) moved by both workers: never both.
        #expect(!search.compatible(a.indices, a.after, try Self.step(search, 0, hour: 15, clinician: 1, room: 1)))
    }

    /// Worker 1 has the lower total, so all its steps stay. Of worker 0's: the first clashes with
    /// worker 1's step (same room, same hour) and is dropped; the second took the time the first
    /// one freed, which its dropped step's old series holds again, so it goes too; the third
    /// stands on its own.
    @Test func poolingKeepsTheBetterWorkerAndEveryOtherStepThatStillFits() throws {
        let search = try Self.search()
        let better = try Self.step(search, 0, hour: 10, clinician: 0, room: 0)
        let clash = try Self.step(search, 1, hour: 10, clinician: 1, room: 0)
        // Request 2 moves into request 1's old slot, left free only while request 1 was moved.
        let firstOld = try #require(search.current[1]?.sessions.first)
        var intoFreed = try Self.step(search, 2, hour: 14, clinician: 2, room: 2)
        intoFreed.after[0]?.sessions[0].start = firstOld.start
        intoFreed.after[0]?.sessions[0].end = firstOld.end
        intoFreed.after[0]?.sessions[0].room = firstOld.room
        let alone = try Self.step(search, 3, hour: 16, clinician: 3, room: 2)
        let kept = search.pool([
            RoundChange(worker: 0, total: 200, steps: [clash, intoFreed, alone]),
            RoundChange(worker: 1, total: 100, steps: [better]),
        ])
        #expect(kept == [[false, false, true], [true]])
    }

    /// After a round, every worker holds the same schedule: its own dropped steps undone, the
    /// other's kept steps applied, the occupancy and the books agreeing with it; and that
    /// schedule breaks no hard constraint by the independent checker.
    @Test func afterPoolingBothWorkersHoldTheSameValidSchedule() throws {
        let problem = try InstanceGenerator.generate(
            GeneratorConfig(
                patients: 80, clinicians: 5, rooms: 3, interpreters: 1, weeks: 14, seed: 3,
                today: try day("2027-01-04")))
        var prepared = PreparedProblem(problem)
        let requests = Scheduler.batchOrder(problem.requests)
        let greedy = prepared.batch(problem.requests)
        let proposals = requests.map { request in
            greedy.proposals.first { $0.patient == request.patient && $0.track == request.track }
        }
        let start = ImprovementSearch(prepared: prepared, requests: requests, proposals: proposals, seed: 4)
        var workers = [start, start]
        workers[1].rng = SeededGenerator(seed: 99)
        var pooledSteps = 0
        for _ in 0..<6 {
            for w in workers.indices { for _ in 0..<Scheduler.stepsPerRound { workers[w].step() } }
            let changes = workers.indices.map { workers[$0].roundChange(worker: $0) }
            let kept = workers[0].pool(changes)
            pooledSteps += kept.joined().filter { $0 }.count
            for w in workers.indices { workers[w].sync(changes, kept: kept, worker: w) }
            #expect(workers[0].current == workers[1].current)
            #expect(workers[0].total == workers[1].total)
            #expect(workers[0].prepared.occupancy.buckets == workers[1].prepared.occupancy.buckets)
            #expect(workers[0].prepared.freeRuns == workers[1].prepared.freeRuns)
        }
        #expect(pooledSteps > 0)
        let sessions = workers[0].current.compactMap { $0 }.flatMap(\.sessions)
        let report = IndependentChecker.check(problem: problem, sessions: sessions)
        #expect(report.violations == 0, "\(report.details.prefix(5))")
        #expect(workers[0].total == workers[0].cost.reduce(0, +))
    }

    /// What a clinician's day can still take is kept up to date as series are taken out and put
    /// back: it always equals working it out afresh.
    @Test func keptFreeTimeMatchesWorkingItOutAfresh() throws {
        let (booked, _, greedy) = try PutBackTests.bookedCentre(patients: 40)
        var prepared = booked
        func fresh() -> [Int] {
            var copy = prepared
            copy.computeFreeRuns()
            return copy.freeRuns
        }
        #expect(prepared.freeRuns == fresh())
        #expect(prepared.freeRuns.contains { $0 < 60 })
        let out = greedy.proposals.prefix(10)
        for proposal in out { prepared.release(proposal.sessions) }
        #expect(prepared.freeRuns == fresh())
        for proposal in out.reversed() { prepared.commit(proposal) }
        #expect(prepared.freeRuns == booked.freeRuns)
    }

    /// The planners of one booking (the series, the sessions that fit, later starts, the
    /// compressed series) share the first workable days they find: every request of a full
    /// agenda books the same with the shared memory as with none.
    @Test func sharedWorkableDaysBookWhatSearchingAgainBooks() throws {
        let (prepared, requests, _) = try PutBackTests.bookedCentre(patients: 120)
        var different = 0
        for request in requests {
            let patient = try #require(prepared.patientIndex[request.patient])
            let forgetting = WorkableDays()
            forgetting.enabled = false
            let shared = prepared.book(request, patient: patient, compress: true, carrying: true)
            let searched = prepared.book(
                request, patient: patient, compress: true, carrying: true, workable: forgetting)
            switch (shared, searched) {
            case (.success(let a), .success(let b)) where a == b: break
            case (.failure, .failure): break
            default: different += 1
            }
        }
        #expect(different == 0)
    }
}
