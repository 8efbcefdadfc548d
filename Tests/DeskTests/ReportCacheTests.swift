import Foundation
import NIOConcurrencyHelpers
import Reports
import Testing

@testable import Desk

/// The reports' figures are computed once per key however many coordinators ask at once, kept
/// while the database's change counter stays put, served behind it only while their replacement
/// is computed and never past their lifetime, refreshed in the background, and a failed
/// computation is not kept.
@Suite struct ReportCacheTests {
    static let empty = CompletionReport.compute(
        ReportInput(patients: [], enrolments: [], sessions: [], measures: [], tracks: []), by: .track)
    static let start = Date(timeIntervalSince1970: 1_795_687_200)

    /// A computation that counts itself.
    final class Counter: Sendable {
        let count = NIOLockedValueBox(0)
        var value: Int { count.withLockedValue { $0 } }
        var make: @Sendable () async throws -> CompletionReport {
            { [count] in
                count.withLockedValue { $0 += 1 }
                return ReportCacheTests.empty
            }
        }
    }

    @Test func twentyRequestsArrivingTogetherShareOneComputation() async throws {
        let cache = ReportCache()
        let computations = NIOLockedValueBox(0)
        let dates = try await withThrowingTaskGroup(of: Date.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await cache.completion("completion|track", now: Self.start, version: 1) {
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

    @Test func figuresAreKeptPerKeyWhileTheCounterStaysAndNeverPastTheirLifetime() async throws {
        let cache = ReportCache()
        let counter = Counter()
        _ = try await cache.completion("a", now: Self.start, version: 7, make: counter.make)
        _ = try await cache.completion("a", now: Self.start + 59, version: 7, make: counter.make)
        #expect(counter.value == 1)
        _ = try await cache.completion("b", now: Self.start + 59, version: 7, make: counter.make)
        #expect(counter.value == 2)
        let (_, computed) = try await cache.completion("a", now: Self.start + 60, version: 7, make: counter.make)
        #expect(counter.value == 3)
        #expect(computed == Self.start + 60)
    }

    @Test func figuresBehindTheCounterAreServedOnlyWhileTheirReplacementIsComputed() async throws {
        let cache = ReportCache()
        let counter = Counter()
        _ = try await cache.completion("a", now: Self.start, version: 1, make: counter.make)
        // The database changed: the old figures are served once, their replacement started.
        let (_, served) = try await cache.completion("a", now: Self.start + 5, version: 2, make: counter.make)
        #expect(served == Self.start)
        await cache.settle()
        #expect(counter.value == 2)
        let (_, fresh) = try await cache.completion("a", now: Self.start + 6, version: 2, make: counter.make)
        #expect(fresh == Self.start + 5)
        #expect(counter.value == 2)
        // Behind the counter and past their lifetime: the request waits for new figures.
        let (_, late) = try await cache.completion("a", now: Self.start + 70, version: 3, make: counter.make)
        #expect(late == Self.start + 70)
        #expect(counter.value == 3)
    }

    @Test func prefetchedFiguresAreReadyBeforeTheFirstRequest() async throws {
        let cache = ReportCache()
        let counter = Counter()
        cache.prefetchCompletion("a", now: Self.start, version: 4, make: counter.make)
        await cache.settle()
        #expect(counter.value == 1)
        let (_, computed) = try await cache.completion("a", now: Self.start + 1, version: 4, make: counter.make)
        #expect(computed == Self.start)
        #expect(counter.value == 1)
        // Prefetching again changes nothing while the figures are current.
        cache.prefetchCompletion("a", now: Self.start + 2, version: 4, make: counter.make)
        await cache.settle()
        #expect(counter.value == 1)
    }

    @Test func refreshRecomputesInTheBackgroundWhenTheCounterMovesOrTheLifetimeNearsItsEnd() async throws {
        let cache = ReportCache()
        let counter = Counter()
        _ = try await cache.completion("a", now: Self.start, version: 1, make: counter.make)
        cache.refresh(now: Self.start + 1, version: 1)
        await cache.settle()
        #expect(counter.value == 1)
        cache.refresh(now: Self.start + 2, version: 2)
        await cache.settle()
        #expect(counter.value == 2)
        let (_, moved) = try await cache.completion("a", now: Self.start + 3, version: 2, make: counter.make)
        #expect(moved == Self.start + 2)
        cache.refresh(now: Self.start + 2 + ReportCache.lifetime - ReportCache.refreshBefore, version: 2)
        await cache.settle()
        #expect(counter.value == 3)
        // A key nobody asked for in ten minutes is no longer refreshed.
        cache.refresh(now: Self.start + 3 + ReportCache.keptWarm, version: 9)
        await cache.settle()
        #expect(counter.value == 3)
    }

    struct Unavailable: Error {}

    @Test func aFailedComputationIsNotKept() async throws {
        let cache = ReportCache()
        await #expect(throws: Unavailable.self) {
            try await cache.completion("a", now: Self.start, version: 1) { throw Unavailable() }
        }
        let (_, computed) = try await cache.completion("a", now: Self.start + 1, version: 1) { Self.empty }
        #expect(computed == Self.start + 1)
    }

    @Test func aFailedRefreshKeepsThePreviousFiguresAndIsTriedAgain() async throws {
        let cache = ReportCache()
        let failing = NIOLockedValueBox(true)
        let counter = Counter()
        let make: @Sendable () async throws -> CompletionReport = {
            if failing.withLockedValue({ $0 }) { throw Unavailable() }
            return try await counter.make()
        }
        failing.withLockedValue { $0 = false }
        _ = try await cache.completion("a", now: Self.start, version: 1, make: make)
        failing.withLockedValue { $0 = true }
        cache.refresh(now: Self.start + 1, version: 2)
        await cache.settle()
        // Behind the counter with no replacement under way: a request starts one and is served
        // the previous figures meanwhile.
        let (_, served) = try await cache.completion("a", now: Self.start + 2, version: 2, make: make)
        #expect(served == Self.start)
        await cache.settle()
        failing.withLockedValue { $0 = false }
        cache.refresh(now: Self.start + 3, version: 2)
        await cache.settle()
        let (_, fresh) = try await cache.completion("a", now: Self.start + 4, version: 2, make: make)
        #expect(fresh == Self.start + 3)
        #expect(counter.value == 2)
    }

    @Test func serveHasTheDefaultPageFiguresBeforeAnyCoordinatorAsks() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let desk = fixture.desk
            // Signed in first: a sign-in is a commit, which would move the change counter.
            let claire = Browser(client)
            try await claire.signIn("claire")
            let warming = Task { await desk.keepReportsWarm() }
            let version = try desk.changes.version()
            let keys = [desk.completionJob(.category).0, desk.capacityJob(weeks: 8).0]
            for _ in 0..<500
            where !keys.allSatisfy({ desk.reportCache.isCurrent($0, now: fixture.clock.now, version: version) }) {
                try await Task.sleep(for: .milliseconds(10))
            }
            warming.cancel()
            #expect(keys.allSatisfy { desk.reportCache.isCurrent($0, now: fixture.clock.now, version: version) })
            // The coordinator's page is served those figures: nothing is computed for it.
            #expect(try await claire.get("/rapports").status == .ok)
            let (_, computed) = try await desk.reportCache.completion(
                keys[0], now: fixture.clock.now, version: try desk.changes.version()
            ) {
                Issue.record("the default figures were computed again")
                return Self.empty
            }
            #expect(computed == fixture.clock.now)
        }
    }
}
