import CareModel

/// One ISO week, Monday to Sunday: the unit in which coordinators plan clinicians' time.
///
/// ISO numbering (the week holding the year's first Thursday is week 1) is what French planning
/// calendars print, so "2026-W20" in a report matches the wall calendar.
public struct ReportWeek: Hashable, Comparable, Sendable {
    public let monday: LocalDate

    /// The week that contains `day`.
    public init(containing day: LocalDate) { monday = day.adding(days: -day.weekday.index) }

    /// `count` consecutive weeks, the first one containing `day`.
    public static func weeks(from day: LocalDate, count: Int) -> [ReportWeek] {
        let first = ReportWeek(containing: day)
        return (0..<max(count, 0)).map { ReportWeek(containing: first.monday.adding(days: 7 * $0)) }
    }

    /// The seven days, Monday first.
    public var days: [LocalDate] { (0..<7).map { monday.adding(days: $0) } }

    /// The ISO year and week number: those of the week's Thursday.
    public var isoYearAndNumber: (year: Int, week: Int) {
        let thursday = monday.adding(days: 3)
        let dayOfYear = (LocalDate(year: thursday.year, month: 1, day: 1)?.days(to: thursday) ?? 0) + 1
        return (thursday.year, (dayOfYear - 1) / 7 + 1)
    }

    /// `2026-W20`, the ISO 8601 week notation.
    public var label: String {
        let (year, week) = isoYearAndNumber
        return "\(year)-W\(week < 10 ? "0" : "")\(week)"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.monday < rhs.monday }
}
