import Foundation
import Testing

@testable import ParcoursCLI

/// The outcome of one in-process `parcours` run.
struct CLIResult {
    let status: Int32
    let output: String
    let errors: String
}

/// A scratch directory with its own database, removed when the test ends.
final class Workspace {
    let directory: URL
    var db: String { directory.appendingPathComponent("parcours.sqlite").path }

    /// The repository's shipped care tracks, found from this file's path.
    static let pathways: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Pathways").path

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("parcours-cli-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Runs `parcours ARGS` with this workspace's database, the shipped tracks, `--today 2026-11-26`
    /// and `--as test`, unless the arguments name their own `--db` or `--pathways`.
    func run(_ arguments: String..., today: String = "2026-11-26") async -> CLIResult {
        await run(arguments: arguments, today: today)
    }

    /// Runs a command that works on files, not on the centre's database (`solve`, `bench ...`).
    func runPlain(_ arguments: String...) async -> CLIResult {
        await run(arguments: arguments, plain: true)
    }

    /// `console` stands for the process's streams: a test of colour gives one that claims a terminal.
    func run(
        arguments: [String], today: String = "2026-11-26", plain: Bool = false,
        console: Console = .capture()
    ) async -> CLIResult {
        var extra: [String] = []
        if !(plain || arguments.contains("--help") || arguments.first == "--version") {
            if !arguments.contains("--db") { extra += ["--db", db] }
            if !arguments.contains("--pathways") { extra += ["--pathways", Workspace.pathways] }
            extra += ["--today", today, "--as", "test"]
        }
        let status = await Console.$current.withValue(console) {
            await ParcoursCommand.run(arguments + extra)
        }
        return CLIResult(status: status, output: console.output, errors: console.errors)
    }
}
