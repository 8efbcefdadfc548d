import Foundation

/// A line-level reading of ICS text, done before libical sees it.
///
/// libical is lenient: it accepts a web page, a truncated file or a stray END and returns a
/// half-empty calendar. This scan refuses those with the line number, and keeps, for every
/// component in document order, where it starts and where each property sits, so that
/// errors found later in libical's tree can still name a line.
struct ICSLineScanner {
    struct Property: Equatable {
        let name: String
        let line: Int
    }

    /// One BEGIN...END block; `properties` are its own lines, not its children's.
    struct Component: Equatable {
        let name: String
        let beginLine: Int
        var properties: [Property] = []

        func line(of property: String) -> Int {
            properties.first { $0.name == property }?.line ?? beginLine
        }
    }

    /// Components in the order their BEGIN lines appear (a pre-order walk of the tree).
    private(set) var components: [Component] = []
    /// Logical lines rewritten before libical reads the text (``repaired(_:)``): the physical
    /// line each starts on, and its new text. Each comes with a warning in `notes`.
    private(set) var repairs: [(line: Int, text: String)] = []
    /// What the scan read by a documented rule rather than refused.
    private(set) var notes: [ImportWarning] = []
    /// Components Parcours reads: a misspelt END of one of them still refuses the file.
    static let read: Set<String> = ["VCALENDAR", "VEVENT", "VTIMEZONE", "STANDARD", "DAYLIGHT"]

    /// Deepest nesting accepted. Programs write VCALENDAR > VEVENT > VALARM (3); libical's parser
    /// recurses per level and overflowed the stack on 50,000 nested components (a SIGSEGV), so
    /// depth is refused here, before libical sees the text.
    static let maxDepth = 10
    /// Most components in one file: 100,000 is far more than any export of a period holds.
    static let maxComponents = 100_000

    init(_ text: String) throws(ICalendarError) {
        let logical = Self.unfold(text)
        guard let first = logical.first else { throw .emptyFile }
        let firstText = first.text.trimmingCharacters(in: .whitespaces)
        if firstText.hasPrefix("<") { throw .htmlPage(line: first.line) }
        guard firstText.uppercased() == "BEGIN:VCALENDAR" else {
            throw .notACalendar(line: first.line, found: String(firstText.prefix(60)))
        }
        var stack: [(name: String, index: Int, line: Int)] = []
        var closed = false
        for entry in logical {
            if closed { throw .contentAfterCalendar(line: entry.line) }
            guard let colon = entry.text.firstIndex(of: ":") else {
                throw .missingColon(line: entry.line, text: String(entry.text.prefix(60)))
            }
            let head = entry.text[..<colon]
            let name = String(head.prefix { $0 != ";" }).uppercased()
            let value = entry.text[entry.text.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces).uppercased()
            switch name {
            case "BEGIN":
                guard stack.count < Self.maxDepth else {
                    throw .tooDeeplyNested(line: entry.line, depth: stack.count + 1, limit: Self.maxDepth)
                }
                guard components.count < Self.maxComponents else {
                    throw .tooManyComponents(line: entry.line, limit: Self.maxComponents)
                }
                components.append(Component(name: value, beginLine: entry.line))
                stack.append((value, components.count - 1, entry.line))
            case "END":
                guard let top = stack.last else { throw .endWithoutBegin(line: entry.line, name: value) }
                if top.name != value {
                    // `END:VTOOD` after `BEGIN:VTODO` (python icalendar's test matrix): an END that
                    // names no open component closes the innermost one, if Parcours does not read it.
                    guard !Self.read.contains(top.name), !stack.contains(where: { $0.name == value }) else {
                        throw .mismatchedEnd(line: entry.line, expected: top.name, found: value)
                    }
                    repairs.append((entry.line, "END:\(top.name)"))
                    notes.append(
                        ImportWarning(
                            line: entry.line, property: "END", kind: .mismatchedEnd,
                            detail: "END:\(value) read as END:\(top.name), closing the \(top.name) of line \(top.line)")
                    )
                }
                stack.removeLast()
                closed = stack.isEmpty
            default:
                if let top = stack.last {
                    components[top.index].properties.append(Property(name: name, line: entry.line))
                    if name == "RRULE", top.name == "VEVENT", let repaired = Self.withoutBadCount(entry.text) {
                        repairs.append((entry.line, repaired))
                        notes.append(
                            ImportWarning(
                                line: entry.line, property: "RRULE", kind: .ruleRepaired,
                                detail: "COUNT is not a positive number; the rule ends at its UNTIL (RFC 5545 3.3.10)"))
                    }
                }
            }
        }
        if let open = stack.last { throw .unterminated(line: open.line, name: open.name) }
    }

    /// An RRULE line without its COUNT when that COUNT is not a positive number and an UNTIL
    /// bounds the rule anyway (`COUNT=-1;UNTIL=...`, written by a Confluence calendar); nil otherwise.
    static func withoutBadCount(_ line: String) -> String? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let parts = line[line.index(after: colon)...].split(separator: ";", omittingEmptySubsequences: false)
        func value(_ part: Substring, _ key: String) -> Substring? {
            part.uppercased().hasPrefix(key + "=") ? part.dropFirst(key.count + 1) : nil
        }
        guard parts.contains(where: { value($0, "UNTIL") != nil }),
            let count = parts.lazy.compactMap({ value($0, "COUNT") }).first
        else { return nil }
        if let number = Int(count), number > 0 { return nil }
        return String(line[...colon]) + parts.filter { value($0, "COUNT") == nil }.joined(separator: ";")
    }

    /// `text` with the ``repairs`` applied; a repaired line's folded continuations become empty
    /// continuations, so every line keeps its number.
    func repaired(_ text: String) -> String {
        guard !repairs.isEmpty else { return text }
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(Substring($0)) }
        for repair in repairs where repair.line - 1 < lines.count {
            func ending(_ line: String) -> String { line.unicodeScalars.last == "\r" ? "\r" : "" }
            let index = repair.line - 1
            lines[index] = repair.text + ending(lines[index])
            var next = index + 1
            while next < lines.count, lines[next].first == " " || lines[next].first == "\t" {
                lines[next] = " " + ending(lines[next])
                next += 1
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Joins folded lines (those starting with a space or a tab) and drops blank ones,
    /// remembering the physical line each logical line started on.
    static func unfold(_ text: String) -> [(line: Int, text: String)] {
        var result: [(line: Int, text: String)] = []
        var lineNumber = 0
        // Split on scalars: in a Swift String "\r\n" is one Character and would not split on "\n".
        for raw in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(raw)
            if line.unicodeScalars.last == "\r" { line = Substring(line.unicodeScalars.dropLast()) }
            if line.first == " " || line.first == "\t", !result.isEmpty {
                result[result.count - 1].text += line.dropFirst()
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                result.append((lineNumber, String(line)))
            }
        }
        return result
    }
}
