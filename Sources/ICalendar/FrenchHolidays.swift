import CareModel
import Foundation

/// France's public holidays (jours fériés), computed rather than typed in, so no year is missing.
///
/// The centre is closed on these days; Calendars/jours-feries-2026-2030.ics is generated from here.
public enum FrenchHolidays {
    /// The eleven public holidays of metropolitan France in `year`, in date order.
    public static func dates(year: Int) -> [(date: LocalDate, name: String)] {
        var days: [(LocalDate, String)] = []
        func fixed(_ month: Int, _ day: Int, _ name: String) {
            if let date = LocalDate(year: year, month: month, day: day) { days.append((date, name)) }
        }
        fixed(1, 1, "Jour de l'An")
        fixed(5, 1, "Fête du Travail")
        fixed(5, 8, "Victoire 1945")
        fixed(7, 14, "Fête nationale")
        fixed(8, 15, "Assomption")
        fixed(11, 1, "Toussaint")
        fixed(11, 11, "Armistice 1918")
        fixed(12, 25, "Noël")
        if let easter = easterSunday(year: year) {
            days.append((easter.adding(days: 1), "Lundi de Pâques"))
            days.append((easter.adding(days: 39), "Ascension"))
            days.append((easter.adding(days: 50), "Lundi de Pentecôte"))
        }
        return days.sorted { $0.0 < $1.0 }
    }

    /// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    public static func easterSunday(year: Int) -> LocalDate? {
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

    /// The holidays of `years` as all-day events with stable UIDs, ready for `CalendarExporter`.
    public static func allDayEvents(years: ClosedRange<Int>) -> [AllDayEvent] {
        // A fixed stamp: regenerating the file must not change a byte.
        let stamp = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        return years.flatMap { year in
            dates(year: year).map { holiday in
                AllDayEvent(uid: "ferie-\(holiday.date.iso)@parcours", firstDay: holiday.date,
                            summary: holiday.name, categories: ["Jour férié"], stamp: stamp)
            }
        }
    }

    /// The text of Calendars/jours-feries-2026-2030.ics.
    public static func ics(years: ClosedRange<Int>) throws(ICalendarError) -> String {
        try CalendarExporter.ics(CalendarFeed(
            name: "Jours fériés \(years.lowerBound)-\(years.upperBound)",
            allDayEvents: allDayEvents(years: years), refreshMinutes: 1440))
    }
}
