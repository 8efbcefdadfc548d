import Foundation
import ProcessTesting
import Testing

/// The real `parcours` executable, run as a separate process: what several secretaries, or a
/// killed batch, do to one database file.
enum ParcoursBinary {
    /// Next to the test bundle (`swift test` builds the `parcours` executable, a dependency of
    /// this target), else in the package's `.build/debug`.
    static let url: URL? = {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("parcours"))
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("parcours"))
        candidates.append(repository.appendingPathComponent(".build/debug/parcours"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let pathways = repository.appendingPathComponent("Pathways").path

    /// Why the process tests cannot run here, shown by Swift Testing as the skip reason.
    static var missing: Bool { url == nil }
    static let skipReason: Comment =
        "the parcours executable was not found next to the test bundle or in .build/debug; run `swift build` first"
}

/// A started `parcours` process (see ``SpawnedProcess``), run the way these tests need it.
final class RunningParcours: Sendable {
    private let process: SpawnedProcess
    var pid: pid_t { process.pid }

    /// `directory` holds the output files; every path in `arguments` is absolute, so the child
    /// keeps the test's working directory unless `workingDirectory` says where it runs.
    /// `asNewcomer` runs it as the README's reader does: no NO_COLOR and no PARCOURS_* variable
    /// (its output, a file, is not a terminal either way).
    init(_ arguments: [String], in directory: URL, workingDirectory: URL? = nil, asNewcomer: Bool = false) throws {
        guard let binary = ParcoursBinary.url else { throw ProcessTestError.noBinary }
        var environment = ProcessInfo.processInfo.environment
        if asNewcomer {
            for name in ["NO_COLOR", "PARCOURS_DB", "PARCOURS_PATHWAYS"] { environment[name] = nil }
        } else {
            environment["NO_COLOR"] = "1"
        }
        process = try SpawnedProcess(
            binary.path, arguments, outputDirectory: directory, workingDirectory: workingDirectory,
            environment: environment)
    }

    func finish() async -> ProcessResult { await process.finish() }

    func kill() { process.kill() }
}

enum ProcessTestError: Error, CustomStringConvertible {
    case noBinary
    case failed(String, ProcessResult)

    var description: String {
        switch self {
        case .noBinary: "the parcours executable is missing"
        case let .failed(command, result): "`parcours \(command)` exited \(result.status): \(result.errors)"
        }
    }
}

/// A scratch directory per test, removed at the end.
final class ScratchDirectory: @unchecked Sendable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-rely-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Runs `parcours ARGS --db DB --pathways ... --today TODAY --as NAME` to the end.
func parcours(
    _ arguments: [String], db: String, in directory: ScratchDirectory, today: String = "2026-11-26",
    actor: String = "test"
) async throws -> ProcessResult {
    let full = arguments + ["--db", db, "--pathways", ParcoursBinary.pathways, "--today", today, "--as", actor]
    return try await RunningParcours(full, in: directory.url).finish()
}

/// Like ``parcours(_:db:in:today:actor:)``, but a non-zero exit is a thrown error.
@discardableResult
func parcoursOK(
    _ arguments: [String], db: String, in directory: ScratchDirectory,
    today: String = "2026-11-26"
) async throws -> ProcessResult {
    let result = try await parcours(arguments, db: db, in: directory, today: today)
    guard result.status == 0 else { throw ProcessTestError.failed(arguments.joined(separator: " "), result) }
    return result
}
