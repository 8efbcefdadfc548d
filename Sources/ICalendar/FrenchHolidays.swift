import CareModel
import Foundation

/// France's public holidays (jours fériés), computed rather than typed in, so no year is missing.
///
/// The centre is closed on these days; Calendars/jours-feries-2026-2030.ics is generated from here.
/// The rule itself lives in CareModel (`FrenchPublicHolidays`); this type writes it as iCalendar.
public enum FrenchHolidays {
    /// The holidays of `years` as all-day events with stable UIDs, ready for `CalendarExporter`.
    public static func allDayEvents(years: ClosedRange<Int>) -> [AllDayEvent] {
        // A fixed stamp: regenerating the file must not change a byte.
        let stamp = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00:00Z
        return years.flatMap { year in
            FrenchPublicHolidays.holidays(in: year).map { holiday in
                AllDayEvent(
                    uid: "ferie-\(holiday.date.iso)@parcours", firstDay: holiday.date,
                    summary: holiday.name, categories: ["Jour férié"], stamp: stamp)
            }
        }
    }

    /// The text of Calendars/jours-feries-2026-2030.ics.
    public static func ics(years: ClosedRange<Int>) throws(ICalendarError) -> String {
        try CalendarExporter.ics(
            CalendarFeed(
                name: "Jours fériés \(years.lowerBound)-\(years.upperBound)",
                allDayEvents: allDayEvents(years: years), refreshMinutes: 1440))
    }
}
