import Foundation
import Testing

@testable import Benchmarks

/// `bench quality --exact-reference` reads what CP-SAT proved beside its solution, so that a seed
/// it could not close is still judged against a proven lower bound on the optimum.
@Suite struct QualityReferenceProofTests {
    static func directory(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quality-proof-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
        return url
    }

    @Test func aProvenOptimumAndAnUnprovenBoundAreReadFromTheStatsFiles() throws {
        let dir = try Self.directory([
            "S-1.stats.json": #"{"status": "OPTIMAL", "objective": 649300, "bound": 649300, "seconds": 11.5}"#,
            "S-3.stats.json": #"{"status": "FEASIBLE", "objective": 678650, "bound": 667350, "seconds": 270.8}"#,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let reference = QualityBenchmark.Reference(directory: dir)
        let one = try #require(reference.proof(.s, 1))
        #expect(one.bound == 649_300 && one.optimal)
        let three = try #require(reference.proof(.s, 3))
        #expect(three.bound == 667_350 && !three.optimal)
    }

    @Test func aMissingOrUnreadableStatsFileGivesNoBoundRatherThanAGuess() throws {
        let dir = try Self.directory(["S-2.stats.json": #"{"status": "UNKNOWN"}"#])
        defer { try? FileManager.default.removeItem(at: dir) }
        let reference = QualityBenchmark.Reference(directory: dir)
        #expect(reference.proof(.s, 2) == nil)
        #expect(reference.proof(.s, 4) == nil)
    }
}
