import CareModel
import Foundation
import GRDB

/// The text forms values take in the database (see ``Schema`` for the conventions).
///
/// Written by hand rather than with a date formatter: the forms are fixed, the code is short,
/// and a stored value that does not parse becomes a ``StoreError/unreadable`` naming the column.
package enum StoredText {
    /// `2026-11-26T13:00:00Z`, rounded down to the second.
    package static func instant(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let rest = seconds - days * 86_400
        return LocalDate(daysSinceEpoch: days).iso + "T" + pad(rest / 3600) + ":" + pad(rest / 60 % 60) + ":"
            + pad(rest % 60) + "Z"
    }

    package static func instant(parsing text: String) -> Date? {
        if let fast = instant(fixedForm: text) { return fast }
        let parts = text.split(separator: "T")
        guard parts.count == 2, parts[1].hasSuffix("Z"), let day = LocalDate(parsing: String(parts[0])) else {
            return nil
        }
        let clock = parts[1].dropLast().split(separator: ":")
        guard clock.count == 3, let h = Int(clock[0]), let m = Int(clock[1]), let s = Int(clock[2]),
            (0...23).contains(h), (0...59).contains(m), (0...60).contains(s)
        else { return nil }
        return Date(timeIntervalSince1970: Double(day.daysSinceEpoch * 86_400 + h * 3600 + m * 60 + s))
    }

    /// The stored form read byte by byte, `2026-11-26T13:00:00Z` exactly: reports read hundreds of
    /// thousands of instants, and splitting strings took half the time of a whole-centre report.
    /// Anything else returns nil and goes through the general parser above.
    private static func instant(fixedForm text: String) -> Date? {
        text.utf8.withContiguousStorageIfAvailable { b -> Date? in
            guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A
            else {
                return nil
            }
            func number(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for i in from..<(from + count) {
                    let digit = Int(b[i]) - 0x30
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let y = number(0, 4), let mo = number(5, 2), let d = number(8, 2), let h = number(11, 2),
                let mi = number(14, 2), let s = number(17, 2), let day = LocalDate(year: y, month: mo, day: d),
                (0...23).contains(h), (0...59).contains(mi), (0...60).contains(s)
            else { return nil }
            return Date(timeIntervalSince1970: Double(day.daysSinceEpoch * 86_400 + h * 3600 + mi * 60 + s))
        } ?? nil
    }

    /// A stored day, `2026-11-26` exactly, read byte by byte; else the general date parser.
    package static func day(parsing text: String) -> LocalDate? {
        let fast: LocalDate?? = text.utf8.withContiguousStorageIfAvailable { b -> LocalDate? in
            guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
            var parts = [0, 0, 0]
            for (index, range) in [0..<4, 5..<7, 8..<10].enumerated() {
                for i in range {
                    let digit = Int(b[i]) - 0x30
                    guard (0...9).contains(digit) else { return nil }
                    parts[index] = parts[index] * 10 + digit
                }
            }
            return LocalDate(year: parts[0], month: parts[1], day: parts[2])
        }
        if let fast, let day = fast { return day }
        return LocalDate(parsing: text)
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Sorted raw values joined by commas, so equal sets are stored identically.
    package static func set<T: RawRepresentable>(_ values: Set<T>) -> String where T.RawValue == String {
        values.map(\.rawValue).sorted().joined(separator: ",")
    }

    package static func hours(_ hours: WeeklyHours) -> String { hours.description }
}

/// Where each column of a statement is, by name, found once for all its rows: `Row`'s lookup by
/// name compares lowercased names on every call, which was the largest part of decoding the
/// thousands of sessions a snapshot reads (perf, issue 18).
struct ColumnPositions {
    private let positions: [String: Int]

    init(_ names: [String]) {
        positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    subscript(name: String) -> Int? { positions[name] }
}

/// Reads typed values out of a row, turning a value that does not parse into a precise error.
///
/// GRDB's `row["column"]` subscripts trap on a type mismatch; everything here goes through
/// `DatabaseValue`, which any stored value converts to, so a hand-edited file gives an error,
/// never a crash.
struct RowReader {
    let row: Row
    let table: String
    let id: String
    let columns: ColumnPositions?

    /// `columns`, when given, are the positions of the statement's columns, looked up once for
    /// all its rows.
    init(_ row: Row, table: String, idColumn: String, columns: ColumnPositions? = nil) {
        self.row = row
        self.table = table
        self.columns = columns
        let key = Self.stored(row, idColumn, columns)
        switch key.storage {
        case .string(let text): id = text
        case .int64(let number): id = String(number)
        default: id = "?"
        }
    }

    private func unreadable(_ column: String, _ value: String, _ expected: String) -> StoreError {
        .unreadable(table: table, id: id, column: column, value: value, expected: expected)
    }

    private func stored(_ column: String) -> DatabaseValue { Self.stored(row, column, columns) }

    private static func stored(_ row: Row, _ column: String, _ columns: ColumnPositions?) -> DatabaseValue {
        if let index = columns?[column] { return (try? row.decode(DatabaseValue.self, atIndex: index)) ?? .null }
        return (try? row.decode(DatabaseValue.self, forColumn: column)) ?? .null
    }

    func text(_ column: String) throws(StoreError) -> String {
        let value = stored(column)
        guard case .string(let text) = value.storage else { throw unreadable(column, value.description, "some text") }
        return text
    }

    func optionalText(_ column: String) throws(StoreError) -> String? {
        stored(column).isNull ? nil : try text(column)
    }

    func int64(_ column: String) throws(StoreError) -> Int64 {
        let value = stored(column)
        guard case .int64(let number) = value.storage else {
            throw unreadable(column, value.description, "a whole number")
        }
        return number
    }

    func int(_ column: String) throws(StoreError) -> Int {
        let number = try int64(column)
        guard let value = Int(exactly: number) else { throw unreadable(column, String(number), "a smaller number") }
        return value
    }

    func bool(_ column: String) throws(StoreError) -> Bool { try int(column) != 0 }

    func day(_ column: String) throws(StoreError) -> LocalDate {
        let value = try text(column)
        guard let day = StoredText.day(parsing: value) else { throw unreadable(column, value, "a day like 2026-11-26") }
        return day
    }

    func instant(_ column: String) throws(StoreError) -> Date {
        let value = try text(column)
        guard let date = StoredText.instant(parsing: value) else {
            throw unreadable(column, value, "a UTC instant like 2026-11-26T13:00:00Z")
        }
        return date
    }

    func value<T: CaseIterable & RawRepresentable>(_ column: String) throws(StoreError) -> T
    where T.RawValue == String {
        let raw = try text(column)
        guard let value = T(rawValue: raw) else { throw unreadable(column, raw, "one of \(T.expectedValues)") }
        return value
    }

    func set<T: CaseIterable & RawRepresentable & Hashable>(_ column: String) throws(StoreError) -> Set<T>
    where T.RawValue == String {
        var result: Set<T> = []
        for raw in try text(column).split(separator: ",") {
            guard let value = T(rawValue: String(raw)) else {
                throw unreadable(column, String(raw), "one of \(T.expectedValues)")
            }
            result.insert(value)
        }
        return result
    }

    func languages(_ column: String) throws(StoreError) -> Set<LanguageCode> {
        var result: Set<LanguageCode> = []
        for raw in try text(column).split(separator: ",") {
            guard let code = LanguageCode(rawValue: String(raw)) else {
                throw unreadable(column, String(raw), "a language code like fr or ar")
            }
            result.insert(code)
        }
        return result
    }

    func language(_ column: String) throws(StoreError) -> LanguageCode {
        let raw = try text(column)
        guard let code = LanguageCode(rawValue: raw) else {
            throw unreadable(column, raw, "a language code like fr or ar")
        }
        return code
    }

    func hours(_ column: String) throws(StoreError) -> WeeklyHours {
        let raw = try text(column)
        if raw.trimmingCharacters(in: .whitespaces).isEmpty { return WeeklyHours() }
        do {
            return try WeeklyHours(parsing: raw)
        } catch {
            throw unreadable(column, raw, "weekly hours like 'mon-fri 09:00-17:00'")
        }
    }
}
