import Foundation
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
    static let skipReason: Comment = "the parcours executable was not found next to the test bundle or in .build/debug; run `swift build` first"
}

/// The outcome of one `parcours` process.
struct ProcessResult: Sendable {
    var status: Int32
    var output: String
    var errors: String
    /// Killed by a signal rather than exited.
    var signalled: Bool
    var started: Date
    var finished: Date
}

/// A started `parcours` process whose output goes to files (never pipes, which fill and block).
final class RunningParcours: @unchecked Sendable {
    let process = Process()
    private let outURL: URL
    private let errURL: URL
    let started = Date()

    init(_ arguments: [String], in directory: URL) throws {
        guard let binary = ParcoursBinary.url else { throw ProcessTestError.noBinary }
        let name = UUID().uuidString
        outURL = directory.appendingPathComponent("\(name).out")
        errURL = directory.appendingPathComponent("\(name).err")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil)
        else { throw ProcessTestError.cannotCreate(directory.path) }
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Waits for the end without blocking a thread of the cooperative pool.
    func finish() async -> ProcessResult {
        while process.isRunning { try? await Task.sleep(nanoseconds: 5_000_000) }
        let finished = Date()
        let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return ProcessResult(status: process.terminationStatus, output: output, errors: errors,
                             signalled: process.terminationReason == .uncaughtSignal, started: started, finished: finished)
    }

    func kill() { Foundation.kill(process.processIdentifier, SIGKILL) }
}

enum ProcessTestError: Error, CustomStringConvertible {
    case noBinary
    case cannotCreate(String)
    case failed(String, ProcessResult)

    var description: String {
        switch self {
        case .noBinary: "the parcours executable is missing"
        case let .cannotCreate(path): "cannot create output files in \(path)"
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
func parcours(_ arguments: [String], db: String, in directory: ScratchDirectory, today: String = "2026-11-26",
              actor: String = "test") async throws -> ProcessResult {
    let full = arguments + ["--db", db, "--pathways", ParcoursBinary.pathways, "--today", today, "--as", actor]
    return try await RunningParcours(full, in: directory.url).finish()
}

/// Like ``parcours(_:db:in:today:actor:)``, but a non-zero exit is a thrown error.
@discardableResult
func parcoursOK(_ arguments: [String], db: String, in directory: ScratchDirectory,
                today: String = "2026-11-26") async throws -> ProcessResult {
    let result = try await parcours(arguments, db: db, in: directory, today: today)
    guard result.status == 0 else { throw ProcessTestError.failed(arguments.joined(separator: " "), result) }
    return result
}
