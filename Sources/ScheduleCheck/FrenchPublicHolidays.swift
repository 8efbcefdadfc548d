import CareModel

/// The eleven French public holidays, for a generated instance whose caller gives no closed days.
///
/// Computed (Easter by the Gregorian computus) rather than read from Calendars/*.ics, so the
/// generator stays self-contained; the CLI passes the shipped calendar's days when it has them.
public enum FrenchPublicHolidays {
    /// Every public holiday from `start` to `end`, inclusive, in order.
    public static func days(from start: LocalDate, through end: LocalDate) -> [LocalDate] {
        guard start <= end else { return [] }
        return (start.year...end.year).flatMap(days(in:)).filter { $0 >= start && $0 <= end }.sorted()
    }

    /// New Year, Easter Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July, 15 August,
    /// 1 November, 11 November, Christmas.
    public static func days(in year: Int) -> [LocalDate] {
        let fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
            .compactMap { LocalDate(year: year, month: $0.0, day: $0.1) }
        guard let easter = easterSunday(year) else { return fixed }
        return (fixed + [easter.adding(days: 1), easter.adding(days: 39), easter.adding(days: 50)]).sorted()
    }

    /// Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> LocalDate? {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)
    }
}
