/// When a clinician or interpreter works, as wall-clock ranges per weekday.
///
/// Written and read by people as `mon-fri 09:00-12:30,13:30-17:00; wed 09:00-12:00`: each
/// `;`-separated clause names days (a list or a range) and the ranges worked on those days.
/// A day named twice takes the ranges of both clauses.
public struct WeeklyHours: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Sorted, non-overlapping ranges per day; a day that is absent is not worked.
    public private(set) var ranges: [Weekday: [LocalTimeRange]]

    public init(_ ranges: [Weekday: [LocalTimeRange]] = [:]) {
        self.ranges = [:]
        for (day, list) in ranges { for range in list { add(range, on: day) } }
    }

    public func ranges(on day: Weekday) -> [LocalTimeRange] { ranges[day] ?? [] }

    /// Whether the whole of `range` on `day` falls inside one worked range.
    public func covers(_ range: LocalTimeRange, on day: Weekday) -> Bool {
        ranges(on: day).contains { $0.contains(range) }
    }

    /// Minutes worked in a week, for load balancing and capacity reports.
    public var weeklyMinutes: Int {
        ranges.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.durationMinutes } }
    }

    public var isEmpty: Bool { ranges.values.allSatisfy(\.isEmpty) }

    /// Adds a range, merging it with any range it touches.
    public mutating func add(_ range: LocalTimeRange, on day: Weekday) {
        var list = ranges[day] ?? []
        list.append(range)
        list.sort()
        var merged: [LocalTimeRange] = []
        for r in list {
            if let last = merged.last, r.start <= last.end {
                merged[merged.count - 1] = LocalTimeRange(start: last.start, end: max(last.end, r.end)) ?? last
            } else {
                merged.append(r)
            }
        }
        ranges[day] = merged
    }

    /// The canonical text form, days grouped when they share the same ranges.
    public var description: String {
        var clauses: [String] = []
        var i = 0
        let days = Weekday.allCases
        while i < days.count {
            let list = ranges(on: days[i])
            guard !list.isEmpty else {
                i += 1
                continue
            }
            var j = i
            while j + 1 < days.count, ranges(on: days[j + 1]) == list { j += 1 }
            let dayText = i == j ? days[i].rawValue : "\(days[i].rawValue)-\(days[j].rawValue)"
            clauses.append(dayText + " " + list.map(\.description).joined(separator: ","))
            i = j + 1
        }
        return clauses.joined(separator: "; ")
    }

    /// Parses the text form; the error names the clause that is wrong and what was expected.
    public init(parsing text: String) throws(CareModelError) {
        self.init()
        let clauses = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !clauses.isEmpty else {
            throw .invalidValue(field: "hours", value: text, expected: "days and ranges like 'mon-fri 09:00-17:00'")
        }
        for clause in clauses {
            let parts = clause.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2 else {
                throw .invalidValue(
                    field: "hours", value: clause, expected: "'DAYS RANGES' like 'mon-fri 09:00-12:30,13:30-17:00'")
            }
            let days = try Self.parseDays(String(parts[0]), clause: clause)
            for rangeText in parts[1].split(separator: ",") {
                guard let range = LocalTimeRange(parsing: String(rangeText)) else {
                    throw .invalidValue(
                        field: "hours", value: String(rangeText),
                        expected: "a time range like 09:00-12:30 with the start before the end")
                }
                for day in days { add(range, on: day) }
            }
        }
    }

    private static func parseDays(_ text: String, clause: String) throws(CareModelError) -> [Weekday] {
        var result: [Weekday] = []
        for item in text.split(separator: ",") {
            let ends = item.split(separator: "-")
            if ends.count == 2, let a = Weekday.parse(String(ends[0])), let b = Weekday.parse(String(ends[1])), a <= b {
                result.append(contentsOf: Weekday.allCases[a.index...b.index])
            } else if ends.count == 1, let d = Weekday.parse(String(ends[0])) {
                result.append(d)
            } else {
                throw .invalidValue(
                    field: "hours", value: String(item),
                    expected: "days like mon, tue-fri or mon,wed,fri in clause '\(clause)'")
            }
        }
        return result
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
