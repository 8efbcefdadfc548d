import CareModel
import Foundation

/// What one import did, for the summary every import command ends with: imported, skipped and
/// why, each skip with `file:line`. (A refusal is an error instead: it names the file and line,
/// and nothing is imported.)
public struct ImportSummary: Sendable, Hashable {
    public var file: String
    /// What the records are called, e.g. "absence" or "closed day".
    public var noun: String
    /// New records saved.
    public var imported: Int
    /// Records the database already held (importing a file twice changes nothing).
    public var alreadyPresent: Int
    /// Occurrences that give a record already given earlier in the same file.
    public var duplicatesInFile: Int
    /// Occurrences the sender marked STATUS:CANCELLED.
    public var cancelled: Int
    public var warnings: [ImportWarning]

    public init(
        file: String, noun: String, imported: Int, alreadyPresent: Int, duplicatesInFile: Int,
        cancelled: Int, warnings: [ImportWarning]
    ) {
        self.file = file
        self.noun = noun
        self.imported = imported
        self.alreadyPresent = alreadyPresent
        self.duplicatesInFile = duplicatesInFile
        self.cancelled = cancelled
        self.warnings = warnings
    }

    /// The lines printed after the command's own first line, e.g.
    /// `Skipped: 2 cancelled occurrences, 1 repeated in the file, 3 properties that cannot matter:`
    /// then one `file:line: PROPERTY: why` per warning.
    public var lines: [String] {
        var skipped: [String] = []
        if cancelled > 0 { skipped.append(Self.count(cancelled, "cancelled occurrence")) }
        if duplicatesInFile > 0 { skipped.append("\(Self.count(duplicatesInFile, noun)) repeated in the file") }
        let outdated = warnings.filter { $0.kind == .outdatedCopy }.count
        if outdated > 0 { skipped.append(outdated == 1 ? "1 outdated copy" : "\(outdated) outdated copies") }
        let ignored = warnings.filter { $0.kind != .outdatedCopy && !$0.kind.isReading }.count
        if ignored > 0 { skipped.append(Self.count(ignored, "part") + " that cannot matter") }
        var result: [String] = []
        if !skipped.isEmpty {
            result.append("Skipped: " + skipped.joined(separator: ", ") + (warnings.isEmpty ? "." : ":"))
        } else if !warnings.isEmpty {
            result.append("Read with care:")
        }
        for warning in warnings {
            result.append("  \(file):\(warning.line): \(warning.property): \(warning.kind.rawValue); \(warning.detail)")
        }
        return result
    }

    static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }
}
