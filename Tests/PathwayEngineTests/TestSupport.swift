import CareModel
import Foundation

@testable import PathwayEngine

/// Where the test fixtures and the repository's shipped tracks live.
enum Paths {
    static var fixtures: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
                throw FixtureMissing(name: "Fixtures")
            }
            return url
        }
    }

    static func fixture(_ name: String) throws -> URL {
        try fixtures.appendingPathComponent(name)
    }

    /// The repository's Pathways/ folder, found from this source file's location.
    static let pathways = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Pathways")
}

struct FixtureMissing: Error { var name: String }

extension LocalDate {
    /// A date written in a test; a typo fails the test instead of crashing it.
    static func on(_ text: String) throws -> LocalDate {
        guard let date = LocalDate(parsing: text) else { throw FixtureMissing(name: text) }
        return date
    }
}

/// Instants for transitions; the engine never reads a clock, so tests pick any.
let instant = Date(timeIntervalSince1970: 1_800_000_000)
