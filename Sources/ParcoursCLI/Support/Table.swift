import Foundation

/// Output format shared by every command that lists or reports.
enum OutputFormat: String, CaseIterable, Sendable {
    case table
    case json
}

/// A plain text table with aligned columns, the default output of listings.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) { self.headers = headers }

    mutating func add(_ cells: String...) { rows.append(cells.map(Self.oneLine)) }
    mutating func add(row cells: [String]) { rows.append(cells.map(Self.oneLine)) }

    /// A cell keeps to its row: line breaks and tabs typed into a name are shown escaped (the
    /// console escapes every other control character).
    static func oneLine(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" }) else { return cell }
        return cell.replacingOccurrences(of: "\r", with: "\\u{D}").replacingOccurrences(of: "\n", with: "\\u{A}")
            .replacingOccurrences(of: "\t", with: "\\u{9}")
    }

    func render() -> String {
        // Widths as shown: a coloured cell's escapes take no room on the screen.
        var widths = headers.map(Style.visibleWidth)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], Style.visibleWidth(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 || i >= widths.count
                    ? cell : cell + String(repeating: " ", count: max(0, widths[i] - Style.visibleWidth(cell)))
            }.joined(separator: "  ")
        }
        var out = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}

/// Encodes values as stable, pretty JSON (sorted keys) for `--format json`.
func renderJSON(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    let data = try encoder.encode(value)
    return String(decoding: data, as: UTF8.self)
}

/// Prints `rows` as a table or as JSON, as the user asked.
func emit<T: Encodable>(_ value: T, format: OutputFormat, table: () -> TextTable) throws {
    switch format {
    case .json: say(try renderJSON(value))
    case .table:
        let t = table()
        say(t.rows.isEmpty ? "(none)" : t.render())
    }
}

extension Set where Element: RawRepresentable, Element.RawValue == String {
    /// Sorted raw values joined by commas, the way lists are typed and shown.
    var listed: String { map(\.rawValue).sorted().joined(separator: ",") }
}

extension Array where Element: RawRepresentable, Element.RawValue == String {
    /// Raw values joined by commas, in the order given.
    var listed: String { map(\.rawValue).joined(separator: ",") }
}
