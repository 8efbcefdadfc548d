import Foundation

/// Where a command writes: the process's stdout/stderr, or a buffer when a test runs the CLI
/// in-process.
///
/// A task-local rather than a global, so parallel tests each capture their own output under
/// strict concurrency.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private var outBuffer = ""
    private var errBuffer = ""
    private let capturing: Bool
    /// Whether stdout is a terminal; decides colour and progress bars.
    public let isTerminal: Bool

    /// The process's own streams.
    public static let standard = Console(capturing: false, isTerminal: isatty(STDOUT_FILENO) == 1)

    /// A console that keeps what is written, for tests.
    public static func capture() -> Console { Console(capturing: true, isTerminal: false) }

    @TaskLocal public static var current: Console = .standard

    private init(capturing: Bool, isTerminal: Bool) {
        self.capturing = capturing
        self.isTerminal = isTerminal
    }

    public var output: String { lock.withLock { outBuffer } }
    public var errors: String { lock.withLock { errBuffer } }

    func print(_ line: String = "") { write(line + "\n", error: false) }
    func printError(_ line: String) { write(line + "\n", error: true) }

    func write(_ text: String, error: Bool) {
        if capturing {
            lock.withLock {
                if error { errBuffer += text } else { outBuffer += text }
            }
        } else {
            let handle = error ? FileHandle.standardError : FileHandle.standardOutput
            handle.write(Data(text.utf8))
        }
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    var usesColour: Bool {
        isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    }
}

/// Shorthands commands use, so they never reach for `print` and escape capture.
func say(_ line: String = "") { Console.current.print(line) }
func warn(_ line: String) { Console.current.printError(line) }
