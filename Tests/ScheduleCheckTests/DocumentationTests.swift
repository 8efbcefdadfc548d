import CareModel
import Foundation
import SchedulingModel
import Testing

@testable import ScheduleCheck

/// Keeps docs/scheduling.md and the code in step: its examples decode and check clean, and every
/// field name and violation kind the code writes is documented.
@Suite("docs/scheduling.md matches the code")
struct DocumentationTests {
    static func document() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("docs/scheduling.md"), encoding: .utf8)
    }

    /// The ```json block following `<!-- marker -->`.
    static func block(_ marker: String) throws -> Data {
        let text = try document()
        let after = try #require(text.range(of: "<!-- \(marker) -->")).upperBound
        let open = try #require(text.range(of: "```json\n", range: after..<text.endIndex)).upperBound
        let close = try #require(text.range(of: "\n```", range: open..<text.endIndex)).lowerBound
        return Data(text[open..<close].utf8)
    }

    static func keys(of json: Any) -> Set<String> {
        if let object = json as? [String: Any] {
            return Set(object.keys).union(object.values.flatMap { keys(of: $0) })
        }
        if let array = json as? [Any] { return Set(array.flatMap { keys(of: $0) }) }
        return []
    }

    @Test func exampleSolutionIsValidForExampleInstance() throws {
        let problem = try SchedulingJSON.decoder().decode(
            SchedulingProblem.self, from: try Self.block("example-instance"))
        let solution = try ScheduleSolution.decode(try Self.block("example-solution"), source: "docs example")
        let report = IndependentChecker.check(problem: problem, solution: solution)
        #expect(report.violations == 0, "\(report.details)")
        #expect(report.patientsFullyBooked == 2)
        #expect(report.objective.regularityMisses == 0)
        #expect(report.objective.preferenceMisses == 0)
        #expect(report.objective.meanWaitingDays == 3)
    }

    @Test func everyFieldTheCodeWritesIsDocumented() throws {
        let doc = try Self.document()
        let encoder = SchedulingJSON.encoder()
        let example = try SchedulingJSON.decoder().decode(
            SchedulingProblem.self, from: try Self.block("example-instance"))
        let generated = try InstanceGenerator.generate(
            GeneratorConfig(
                patients: 30, clinicians: 4, rooms: 4, interpreters: 2,
                weeks: 26, seed: 5, today: try Fixture.day("2027-01-04")))
        let rows = try ScheduleSolution(sessions: try Fixture.clean()).encoded()
        let report = try encoder.encode(
            IndependentChecker.check(problem: try Fixture.problem(), sessions: try Fixture.clean()))
        var keys: Set<String> = []
        for data in [try encoder.encode(example), try encoder.encode(generated), rows, report] {
            keys.formUnion(Self.keys(of: try JSONSerialization.jsonObject(with: data)))
        }
        let missing = keys.filter { !doc.contains("`\($0)`") && !doc.contains("\"\($0)\"") }.sorted()
        #expect(missing.isEmpty, "undocumented fields: \(missing)")
    }

    @Test func everyViolationKindIsDocumented() throws {
        let doc = try Self.document()
        let missing = ViolationKind.allCases.filter { !doc.contains("`\($0.rawValue)`") }
        #expect(missing.isEmpty, "undocumented kinds: \(missing.map(\.rawValue))")
    }
}
