import Foundation
import NIOConcurrencyHelpers
import Reports
import Testing

@testable import Desk

/// The reports' figures are computed once per key and minute, however many coordinators ask at
/// once, and a failed computation is not kept.
@Suite struct ReportCacheTests {
    static let empty = CompletionReport.compute(
        ReportInput(patients: [], enrolments: [], sessions: [], measures: [], tracks: []), by: .track)
    static let start = Date(timeIntervalSince1970: 1_795_687_200)

    @Test func twentyRequestsArrivingTogetherShareOneComputation() async throws {
        let cache = ReportCache()
        let computations = NIOLockedValueBox(0)
        let dates = try await withThrowingTaskGroup(of: Date.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await cache.completion("completion|track", now: Self.start) {
                        computations.withLockedValue { $0 += 1 }
                        try await Task.sleep(for: .milliseconds(100))
                        return Self.empty
                    }.1
                }
            }
            return try await group.reduce(into: [Date]()) { $0.append($1) }
        }
        #expect(computations.withLockedValue { $0 } == 1)
        #expect(dates == Array(repeating: Self.start, count: 20))
    }

    @Test func figuresAreComputedAgainAfterAMinuteAndPerKey() async throws {
        let cache = ReportCache()
        let computations = NIOLockedValueBox(0)
        let make: @Sendable () async throws -> CompletionReport = {
            computations.withLockedValue { $0 += 1 }
            return Self.empty
        }
        _ = try await cache.completion("a", now: Self.start, make: make)
        _ = try await cache.completion("a", now: Self.start + 59, make: make)
        #expect(computations.withLockedValue { $0 } == 1)
        _ = try await cache.completion("b", now: Self.start + 59, make: make)
        #expect(computations.withLockedValue { $0 } == 2)
        let (_, computed) = try await cache.completion("a", now: Self.start + 60, make: make)
        #expect(computations.withLockedValue { $0 } == 3)
        #expect(computed == Self.start + 60)
    }

    struct Unavailable: Error {}

    @Test func aFailedComputationIsNotKept() async throws {
        let cache = ReportCache()
        await #expect(throws: Unavailable.self) {
            try await cache.completion("a", now: Self.start) { throw Unavailable() }
        }
        let (_, computed) = try await cache.completion("a", now: Self.start + 1) { Self.empty }
        #expect(computed == Self.start + 1)
    }
}
