import Foundation

/// The outcome of one child process.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String
    /// Killed by a signal rather than exited.
    public var signalled: Bool
    public var started: Date
    public var finished: Date
}

/// Why a child could not be started.
public struct SpawnError: Error, CustomStringConvertible {
    public let program: String
    public let code: Int32
    public var description: String { "cannot start \(program): posix_spawn error \(code)" }
}

/// A child process whose output goes to files (never pipes, which fill and block), for the tests
/// that run real programs: `parcours` itself, a headless browser.
///
/// Spawned with `posix_spawn` and reaped with our own `waitpid(pid, WNOHANG)`, not Foundation's
/// `Process`: with many short processes started from several tasks at once, Foundation on Linux
/// sometimes never noticed a child's exit and `isRunning` stayed true, hanging a test run.
public final class SpawnedProcess: @unchecked Sendable {
    public let pid: pid_t
    public let started = Date()
    private let outURL: URL
    private let errURL: URL

    /// `outputDirectory` holds the output files. `posix_spawn_file_actions_addchdir_np` is not
    /// imported into Swift, so with a `workingDirectory` a shell changes directory and then
    /// becomes the program (exec): `pid` is still the program's.
    public init(
        _ program: String, _ arguments: [String], outputDirectory: URL, workingDirectory: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        let name = UUID().uuidString
        outURL = outputDirectory.appendingPathComponent("\(name).out")
        errURL = outputDirectory.appendingPathComponent("\(name).err")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let executable = workingDirectory == nil ? program : "/bin/sh"
        let command =
            workingDirectory.map { ["sh", "-c", "cd -- \"$1\" && shift && exec \"$@\"", "sh", $0.path, program] }
            ?? [program]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard status == 0 else { throw SpawnError(program: executable, code: status) }
        self.pid = pid
    }

    /// Waits for the end without blocking a thread of the cooperative pool; past `timeout`, the
    /// child is killed (SIGKILL) so that a hung program fails its test instead of the whole run.
    public func finish(timeout: Duration? = nil) async -> ProcessResult {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped == -1 && errno != EINTR) { break }
            if let deadline, ContinuousClock.now > deadline { kill() }
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
        return ProcessResult(
            status: signalled ? signal : (status >> 8) & 0xff, output: output, errors: errors,
            signalled: signalled, started: started, finished: finished)
    }

    public func kill() { Foundation.kill(pid, SIGKILL) }
}
