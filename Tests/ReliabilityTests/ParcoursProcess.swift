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
///
/// Spawned with `posix_spawn` and reaped with our own `waitpid(pid, WNOHANG)`, not Foundation's
/// `Process`: with many short processes started from several tasks at once, Foundation on Linux
/// sometimes never noticed a child's exit and `isRunning` stayed true, hanging a test run.
final class RunningParcours: @unchecked Sendable {
    let pid: pid_t
    private let outURL: URL
    private let errURL: URL
    let started = Date()

    /// `directory` holds the output files; every path in `arguments` is absolute, so the child
    /// keeps the test's working directory unless `workingDirectory` says where it runs.
    /// `asNewcomer` runs it as the README's reader does: no NO_COLOR and no PARCOURS_* variable
    /// (its output, a file, is not a terminal either way).
    init(_ arguments: [String], in directory: URL, workingDirectory: URL? = nil, asNewcomer: Bool = false) throws {
        guard let binary = ParcoursBinary.url else { throw ProcessTestError.noBinary }
        let name = UUID().uuidString
        outURL = directory.appendingPathComponent("\(name).out")
        errURL = directory.appendingPathComponent("\(name).err")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var environment = ProcessInfo.processInfo.environment
        if asNewcomer {
            for name in ["NO_COLOR", "PARCOURS_DB", "PARCOURS_PATHWAYS"] { environment[name] = nil }
        } else {
            environment["NO_COLOR"] = "1"
        }
        // posix_spawn_file_actions_addchdir_np is not imported into Swift: a shell changes
        // directory, then becomes parcours (exec), so `pid` is still parcours's.
        let program = workingDirectory == nil ? binary.path : "/bin/sh"
        let command = workingDirectory.map { ["sh", "-c", "cd -- \"$1\" && shift && exec \"$@\"", "sh", $0.path, binary.path] }
            ?? [binary.path]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard status == 0 else { throw ProcessTestError.spawn(program, status) }
        self.pid = pid
    }

    /// Waits for the end without blocking a thread of the cooperative pool.
    func finish() async -> ProcessResult {
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped == -1 && errno != EINTR) { break }
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
        let finished = Date()
        let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        // WIFSIGNALED / WEXITSTATUS, which Swift does not import as macros.
        let signal = status & 0x7f
        let signalled = signal != 0 && signal != 0x7f
        return ProcessResult(status: signalled ? signal : (status >> 8) & 0xff, output: output, errors: errors,
                             signalled: signalled, started: started, finished: finished)
    }

    func kill() { Foundation.kill(pid, SIGKILL) }
}

enum ProcessTestError: Error, CustomStringConvertible {
    case noBinary
    case spawn(String, Int32)
    case failed(String, ProcessResult)

    var description: String {
        switch self {
        case .noBinary: "the parcours executable is missing"
        case let .spawn(path, code): "cannot start \(path): posix_spawn error \(code)"
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
