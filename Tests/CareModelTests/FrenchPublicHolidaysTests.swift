import CareModel
import Testing

@Suite("French public holidays, the one rule")
struct FrenchPublicHolidaysTests {
    /// Every holiday of three years checked against the official calendars (service-public.fr):
    /// an early Easter (2024-03-31), the 2027 one (Lundi de Pâques on 29 March) and a late one
    /// (2038-04-25, Whit Monday in June).
    @Test func elevenHolidaysOfKnownYearsOnTheirOfficialDays() throws {
        let expected: [Int: [String]] = [
            2024: [
                "2024-01-01", "2024-04-01", "2024-05-01", "2024-05-08", "2024-05-09", "2024-05-20",
                "2024-07-14", "2024-08-15", "2024-11-01", "2024-11-11", "2024-12-25",
            ],
            2027: [
                "2027-01-01", "2027-03-29", "2027-05-01", "2027-05-06", "2027-05-08", "2027-05-17",
                "2027-07-14", "2027-08-15", "2027-11-01", "2027-11-11", "2027-12-25",
            ],
            2038: [
                "2038-01-01", "2038-04-26", "2038-05-01", "2038-05-08", "2038-06-03", "2038-06-14",
                "2038-07-14", "2038-08-15", "2038-11-01", "2038-11-11", "2038-12-25",
            ],
        ]
        for (year, days) in expected {
            #expect(FrenchPublicHolidays.days(in: year).map(\.iso) == days)
        }
        #expect(
            FrenchPublicHolidays.holidays(in: 2027).map(\.name) == [
                "Jour de l'An", "Lundi de Pâques", "Fête du Travail", "Ascension", "Victoire 1945",
                "Lundi de Pentecôte", "Fête nationale", "Assomption", "Toussaint", "Armistice 1918", "Noël",
            ])
    }

    @Test func easterSundayOfKnownYears() {
        let known = [
            2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28",
            2028: "2028-04-16", 2038: "2038-04-25", 2285: "2285-03-22",
        ]
        for (year, day) in known {
            #expect(FrenchPublicHolidays.easterSunday(year)?.iso == day)
        }
    }

    @Test func daysBetweenTwoDatesAreInclusiveAndOrdered() throws {
        let start = try day("2026-12-25"), end = try day("2027-05-01")
        #expect(
            FrenchPublicHolidays.days(from: start, through: end).map(\.iso)
                == ["2026-12-25", "2027-01-01", "2027-03-29", "2027-05-01"])
        #expect(FrenchPublicHolidays.days(from: end, through: start).isEmpty)
    }
}
