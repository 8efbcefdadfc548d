import CareModel
import Foundation
import ICalendar
import Testing

@Suite("French public holidays")
struct FrenchHolidaysTests {
    @Test func knownMoveableFeasts() {
        let all = (2026...2030).flatMap { FrenchPublicHolidays.holidays(in: $0) }
        func date(_ name: String, _ year: Int) -> LocalDate? {
            all.first { $0.name == name && $0.date.year == year }?.date
        }
        #expect(date("Lundi de Pâques", 2027) == Paris.day("2027-03-29"))
        #expect(date("Ascension", 2026) == Paris.day("2026-05-14"))
        #expect(date("Lundi de Pentecôte", 2028) == Paris.day("2028-06-05"))
        #expect(FrenchPublicHolidays.easterSunday(2026) == Paris.day("2026-04-05"))
        #expect(FrenchPublicHolidays.easterSunday(2030) == Paris.day("2030-04-21"))
    }

    @Test func elevenHolidaysEveryYear() {
        for year in 2026...2030 {
            let days = FrenchPublicHolidays.holidays(in: year)
            #expect(days.count == 11)
            #expect(Set(days.map(\.date)).count == 11)
            #expect(days.contains { $0.date == LocalDate(year: year, month: 7, day: 14) })
        }
    }

    @Test func committedFileIsWhatTheCodeComputes() throws {
        let computed = try FrenchHolidays.ics(years: 2026...2030)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(computed.utf8).write(to: Fixtures.holidaysFile)
        }
        let committed = try String(contentsOf: Fixtures.holidaysFile, encoding: .utf8)
        #expect(committed == computed)

        let imported = try CalendarImporter().events(
            inICS: committed, from: Fixtures.horizon.from, to: Fixtures.horizon.to)
        let expected = (2026...2030).flatMap { FrenchPublicHolidays.holidays(in: $0) }
        #expect(imported.map(\.summary) == expected.map(\.name))
        #expect(
            imported.map(\.timing) == expected.map { .allDay(firstDay: $0.date, endExclusive: $0.date.adding(days: 1)) }
        )
    }
}
