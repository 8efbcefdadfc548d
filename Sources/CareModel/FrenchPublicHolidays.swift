/// France's public holidays (jours fériés), computed rather than typed in, so no year is missing.
///
/// The one home of this rule: the shipped holiday calendar (ICalendar's `FrenchHolidays`) and the
/// benchmark's instance generator (ScheduleCheck) both read it, so they can never disagree.
public enum FrenchPublicHolidays {
    /// One public holiday: its day and its French name, as the centre's calendar shows it.
    public struct Holiday: Hashable, Sendable {
        public var date: LocalDate
        public var name: String

        public init(date: LocalDate, name: String) {
            self.date = date
            self.name = name
        }
    }

    /// The eleven public holidays of metropolitan France in `year`, in date order.
    public static func holidays(in year: Int) -> [Holiday] {
        var days: [Holiday] = []
        func fixed(_ month: Int, _ day: Int, _ name: String) {
            if let date = LocalDate(year: year, month: month, day: day) { days.append(Holiday(date: date, name: name)) }
        }
        fixed(1, 1, "Jour de l'An")
        fixed(5, 1, "Fête du Travail")
        fixed(5, 8, "Victoire 1945")
        fixed(7, 14, "Fête nationale")
        fixed(8, 15, "Assomption")
        fixed(11, 1, "Toussaint")
        fixed(11, 11, "Armistice 1918")
        fixed(12, 25, "Noël")
        if let easter = easterSunday(year) {
            days.append(Holiday(date: easter.adding(days: 1), name: "Lundi de Pâques"))
            days.append(Holiday(date: easter.adding(days: 39), name: "Ascension"))
            days.append(Holiday(date: easter.adding(days: 50), name: "Lundi de Pentecôte"))
        }
        return days.sorted { $0.date < $1.date }
    }

    /// The days of `holidays(in:)`, in order.
    public static func days(in year: Int) -> [LocalDate] { holidays(in: year).map(\.date) }

    /// Every public holiday from `start` to `end`, inclusive, in order.
    public static func days(from start: LocalDate, through end: LocalDate) -> [LocalDate] {
        guard start <= end else { return [] }
        return (start.year...end.year).flatMap(days(in:)).filter { $0 >= start && $0 <= end }
    }

    /// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> LocalDate? {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)
    }
}
