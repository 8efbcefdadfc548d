import Foundation
import Testing

@testable import ParcoursCLI

/// Colour only on a terminal, never with NO_COLOR, and every escape written by one helper.
@Suite struct ColourCLITests {
    static let escape = "\u{1B}"

    /// Commands whose output has coloured words on a terminal (OK, PROBLEM, OVERDUE, LATE).
    static func commands(_ code: String) -> [[String]] {
        [
            ["doctor"], ["waitlist"], ["status", code], ["agenda", "--week", "2026-W49"], ["patient", "list"],
            ["audit", "--limit", "5"], ["book", code, "--next", "--dry-run"], ["clinician", "list"],
        ]
    }

    @Test func noEscapeWithNoColourSetOrWithoutATerminal() async throws {
        let ws = try await Workspace.demoCentre()
        let (code, _) = try await ws.bookedReferral()
        let plainConsoles: [(String, () -> Console)] = [
            ("terminal with NO_COLOR=1", { .capture(terminal: true, environment: ["NO_COLOR": "1"]) }),
            ("pipe", { .capture(terminal: false, environment: [:]) }),
        ]
        for (name, console) in plainConsoles {
            for command in Self.commands(code) {
                let result = await ws.run(arguments: command, console: console())
                #expect(
                    !result.output.contains(Self.escape) && !result.errors.contains(Self.escape), "\(name): \(command)")
            }
        }
        // The same commands do colour on a terminal, NO_COLOR empty counting as unset (no-color.org).
        for environment in [[:], ["NO_COLOR": ""]] {
            let doctor = await ws.run(
                arguments: ["doctor"], console: .capture(terminal: true, environment: environment))
            #expect(doctor.output.contains("\(Self.escape)[32mOK\(Self.escape)[0m"), "\(environment): \(doctor.output)")
        }
    }

    @Test func aColouredCellKeepsTheTableAligned() {
        let lines = Console.$current.withValue(.capture(terminal: true, environment: [:])) {
            var table = TextTable("CHECK", "RESULT", "WHAT")
            table.add("schema", Style.good("OK"), "version")
            table.add("calendar", Style.alert("PROBLEM (2)"), "sessions")
            return table.render().split(separator: "\n").map(String.init)
        }
        #expect(lines.count == 4)
        #expect(lines[3].contains(Self.escape))
        // The last column starts at the same screen column on every line, escapes taking no room.
        let visible = lines.map {
            $0.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        }
        let starts = zip([visible[0], visible[2], visible[3]], ["WHAT", "version", "sessions"]).map { line, word in
            line.range(of: word).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
        }
        #expect(Set(starts).count == 1 && starts[0] != nil, "\(visible)")
    }

    @Test func onlyTheStyleHelperWritesEscapes() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50)
        for file in files where !file.hasSuffix("ParcoursCLI/Support/Console.swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for marker in ["\\u{1B}", "\\u{001B}", "\\u{1b}", "\\e[", "\\033["] {
                #expect(!text.contains(marker), "\(file) writes an escape (\(marker)) outside Style")
            }
        }
    }
}
