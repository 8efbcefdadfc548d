import CareModel
import Foundation
import Testing

@testable import Scheduler

/// The improvement phase scores the load term in batch order, as the greedy pass books.
@Suite struct BatchOrderLoadTests {
    /// The greedy pass's proposals, one per request in batch order (nil when unbooked), and the
    /// occupancy that holds them.
    static func greedy(_ problem: SchedulingProblem) -> (PreparedProblem, [SeriesRequest], [Proposal?]) {
        var prepared = PreparedProblem(problem, weights: .standard)
        let ordered = Scheduler.batchOrder(problem.requests)
        var remaining = prepared.batch(problem.requests).proposals[...]
        let proposals: [Proposal?] = ordered.map { request in
            guard let next = remaining.first, next.patient == request.patient, next.track == request.track else {
                return nil
            }
            remaining = remaining.dropFirst()
            return next
        }
        return (prepared, ordered, proposals)
    }

    @Test(arguments: [UInt64(3), 11])
    func rescoringTheGreedyPassInBatchOrderChangesNoProposal(_ seed: UInt64) throws {
        let (prepared, ordered, proposals) = Self.greedy(try ImprovementTests.centre(seed: seed))
        #expect(proposals.contains { $0 != nil })
        let search = ImprovementSearch(prepared: prepared, requests: ordered, proposals: proposals, seed: 1)
        #expect(search.current == proposals)
        let expected = zip(ordered, proposals).map { prepared.cost(of: $1, for: $0) }.reduce(0, +)
        #expect(search.total == expected)
    }

    @Test func aSeriesPutBackWhereItWasCostsWhatItCostInTheGreedyPass() throws {
        let (prepared, ordered, proposals) = Self.greedy(try ImprovementTests.centre(seed: 3))
        var search = ImprovementSearch(prepared: prepared, requests: ordered, proposals: proposals, seed: 1)
        let total = search.total
        let first = try #require(proposals.firstIndex { ($0?.objective.loadImbalance ?? 0) > 0 })
        // The first booked series, scored against everything booked after it (as a put-back
        // would see it): its load term is higher, the schedule is the same.
        var loaded = try #require(proposals[first])
        loaded.objective.loadImbalance += 500
        loaded.score += 500 * prepared.weights.loadPercent
        search.current[first] = loaded
        search.cost[first] = loaded.score
        #expect(search.rescoreLoads() == total)
        #expect(search.current[first] == proposals[first])
    }
}
