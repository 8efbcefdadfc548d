import CareModel
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
    /// The environment colour is decided by; nil reads the process's own.
    private let environment: [String: String]?

    /// The process's own streams.
    public static let standard = Console(capturing: false, isTerminal: isatty(STDOUT_FILENO) == 1, environment: nil)

    /// A console that keeps what is written, for tests; `terminal` and `environment` let a test
    /// stand where colour would be decided on a real terminal.
    public static func capture(terminal: Bool = false, environment: [String: String]? = nil) -> Console {
        Console(capturing: true, isTerminal: terminal, environment: environment)
    }

    @TaskLocal public static var current: Console = .standard

    private init(capturing: Bool, isTerminal: Bool, environment: [String: String]?) {
        self.capturing = capturing
        self.isTerminal = isTerminal
        self.environment = environment
    }

    public var output: String { lock.withLock { outBuffer } }
    public var errors: String { lock.withLock { errBuffer } }

    func print(_ line: String = "") { write(Self.printable(line) + "\n", error: false) }
    /// A whole document of ours (a CSV report): its records end in CRLF (RFC 4180), which pass.
    func printDocument(_ text: String) { write(Self.printable(text, recordsEndInCRLF: true) + "\n", error: false) }
    func printError(_ line: String) { write(Self.printable(line) + "\n", error: true) }

    /// `text` with every control character escaped but line breaks (and, in a document of ours
    /// whose records end in CRLF, those), tabs and the
    /// colour codes `Style` writes: a name typed with an escape sequence or a carriage return
    /// cannot repaint the terminal or forge a line of output.
    static func printable(_ text: String, recordsEndInCRLF: Bool = false) -> String {
        guard
            text.unicodeScalars.contains(where: {
                $0.value < 0x20 && $0 != "\n" && $0 != "\t" || (0x7F...0x9F).contains($0.value)
            })
        else { return text }
        var result = ""
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.first {
            if scalar == "\u{1B}", let colour = colourCode(scalars) {
                result += colour
                scalars = scalars.dropFirst(colour.unicodeScalars.count)
                continue
            }
            scalars = scalars.dropFirst()
            if scalar == "\n" || scalar == "\t" {
                result.unicodeScalars.append(scalar)
            } else if recordsEndInCRLF, scalar == "\r", scalars.first == "\n" {
                // CRLF ends a CSV record (RFC 4180): a line break, not a carriage return alone.
                result.unicodeScalars.append(scalar)
            } else {
                result += PrintableText.escaped(String(scalar))
            }
        }
        return result
    }

    /// The colour code (`ESC [ 1;31 m`) at the start of `scalars`, if that is what it holds.
    private static func colourCode(_ scalars: Substring.UnicodeScalarView) -> String? {
        var code = "\u{1B}["
        var rest = scalars.dropFirst()
        guard rest.first == "[" else { return nil }
        rest = rest.dropFirst()
        while let next = rest.first, code.count < 12 {
            rest = rest.dropFirst()
            code.unicodeScalars.append(next)
            if next == "m" { return code }
            guard ("0"..."9").contains(next) || next == ";" else { return nil }
        }
        return nil
    }

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
        isTerminal && (environment ?? ProcessInfo.processInfo.environment)["NO_COLOR"].map(\.isEmpty) ?? true
    }
}

/// The only place ANSI escapes are written: every colour goes through `Console.usesColour`, so
/// a pipe, a log file or `NO_COLOR=1` gets plain text.
enum Style {
    /// What needs acting on (OVERDUE, LATE, a failed check): bold red.
    static func alert(_ text: String) -> String { paint(text, code: "1;31") }
    /// A check that passed: green.
    static func good(_ text: String) -> String { paint(text, code: "32") }
    /// A heading the eye should find when scrolling back (the demo's steps): bold.
    static func heading(_ text: String) -> String { paint(text, code: "1") }

    private static func paint(_ text: String, code: String) -> String {
        Console.current.usesColour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// `text` without its escapes: how wide it shows on a terminal.
    static func visibleWidth(_ text: String) -> Int {
        var width = 0, inEscape = false
        for character in text {
            if inEscape {
                if character == "m" { inEscape = false }
                continue
            }
            if character == "\u{1B}" {
                inEscape = true
                continue
            }
            width += 1
        }
        return width
    }
}

/// Shorthands commands use, so they never reach for `print` and escape capture.
func say(_ line: String = "") { Console.current.print(line) }
/// Prints a document Parcours rendered (CSV, JSON, HTML) whose lines may end in CRLF.
func sayDocument(_ text: String) { Console.current.printDocument(text) }
func warn(_ line: String) { Console.current.printError(line) }
