/// A wall-clock time of day in the centre's time zone, to the minute.
///
/// Opening hours and "every Tuesday at 14:00" are wall-clock rules: they stay at 14:00 local
/// when France changes to or from summer time, so they are kept apart from UTC instants.
public struct LocalTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Minutes since local midnight, 0..<1440.
    public let minutes: Int

    public init?(hour: Int, minute: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        minutes = hour * 60 + minute
    }

    /// Minutes since midnight; 1440 is allowed as the end of a range that runs to midnight.
    public init?(minutes: Int) {
        guard (0...1440).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    /// For values already known to be in range (computed by the model itself, not typed by a person).
    init(validMinutes: Int) { minutes = validMinutes }

    public static let midnight = LocalTime(validMinutes: 0)

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }

    /// `14:00`.
    public var description: String {
        let h = String(hour), m = String(minute)
        return (h.count < 2 ? "0" + h : h) + ":" + (m.count < 2 ? "0" + m : m)
    }

    /// Accepts `14:00`, `9:30`, `14h`, `14h30` and `14H30`.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let parts: [Substring]
        if t.contains(":") {
            parts = t.split(separator: ":", omittingEmptySubsequences: false)
        } else if t.contains("h") {
            parts = t.split(separator: "h", omittingEmptySubsequences: false)
        } else {
            return nil
        }
        guard parts.count == 2, (1...2).contains(parts[0].count),
            parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
            parts[1].isEmpty || (parts[1].count == 2 && parts[1].allSatisfy({ $0.isASCII && $0.isNumber })),
            let h = Int(parts[0])
        else { return nil }
        let m = parts[1].isEmpty ? 0 : (Int(parts[1]) ?? -1)
        if h == 24 && m == 0 {
            self.init(validMinutes: 1440)
            return
        }
        self.init(hour: h, minute: m)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.minutes < rhs.minutes }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = LocalTime(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected a time like 14:00, got '\(text)'"))
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A stretch of wall-clock time within one day, start included, end excluded.
public struct LocalTimeRange: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let start: LocalTime
    public let end: LocalTime

    /// Nil unless `start` is before `end`.
    public init?(start: LocalTime, end: LocalTime) {
        guard start < end else { return nil }
        self.start = start
        self.end = end
    }

    public var durationMinutes: Int { end.minutes - start.minutes }
    public var description: String { "\(start)-\(end)" }

    public func contains(_ other: LocalTimeRange) -> Bool { start <= other.start && other.end <= end }
    public func overlaps(_ other: LocalTimeRange) -> Bool { start < other.end && other.start < end }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.start, lhs.end) < (rhs.start, rhs.end) }

    /// Parses `09:00-12:30` (or `9h-12h30`).
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let s = LocalTime(parsing: String(parts[0])),
            let e = LocalTime(parsing: String(parts[1]))
        else { return nil }
        self.init(start: s, end: e)
    }
}
