import Foundation
import Testing

@testable import CareModel

struct Malformed: Error { let text: String }

/// Parses a fixture date; a typo in a test fails the test instead of crashing it.
func day(_ text: String) throws -> LocalDate {
    guard let d = LocalDate(parsing: text) else { throw Malformed(text: text) }
    return d
}

func clock(_ text: String) throws -> LocalTime {
    guard let t = LocalTime(parsing: text) else { throw Malformed(text: text) }
    return t
}

@Suite struct LocalDateTests {
    @Test func weekdayOfKnownDays() {
        #expect(LocalDate(year: 2026, month: 11, day: 26)?.weekday == .thursday)
        #expect(LocalDate(year: 2027, month: 3, day: 28)?.weekday == .sunday)
        #expect(LocalDate(year: 1970, month: 1, day: 1)?.weekday == .thursday)
        #expect(LocalDate(year: 2000, month: 2, day: 29)?.weekday == .tuesday)
    }

    @Test func daysSinceEpochRoundTripsOverFourCenturies() {
        for days in stride(from: -200_000, through: 200_000, by: 97) {
            #expect(LocalDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
    }

    @Test func parsesIsoAndFrenchForms() {
        #expect(LocalDate(parsing: "2026-11-26") == LocalDate(year: 2026, month: 11, day: 26))
        #expect(LocalDate(parsing: "26/11/2026") == LocalDate(year: 2026, month: 11, day: 26))
        #expect(LocalDate(parsing: "3/2/2027") == LocalDate(year: 2027, month: 2, day: 3))
    }

    @Test(arguments: [
        "2026-02-30", "2027-02-29", "31/04/2026", "2026-13-01", "26-11-2026", "", "tomorrow", "2026/11/26",
        "２０２６-11-26",
    ])
    func refusesDaysThatDoNotExistOrAreMalformed(_ text: String) {
        #expect(LocalDate(parsing: text) == nil)
    }

    @Test func ageCountsWholeYearsByBirthday() throws {
        let birth = try day("2008-11-27")
        #expect(birth.age(on: try day("2026-11-26")) == 17)
        #expect(birth.age(on: try day("2026-11-27")) == 18)
    }

    @Test func addingMonthsClampsToTheEndOfShortMonths() throws {
        let jan31 = try day("2027-01-31")
        #expect(jan31.adding(months: 1).iso == "2027-02-28")
        #expect(jan31.adding(months: 3).iso == "2027-04-30")
        #expect(jan31.adding(months: -2).iso == "2026-11-30")
    }
}

@Suite struct LocalTimeTests {
    @Test func parsesColonAndFrenchHourForms() {
        #expect(LocalTime(parsing: "14:00")?.minutes == 840)
        #expect(LocalTime(parsing: "14h")?.minutes == 840)
        #expect(LocalTime(parsing: "9h30")?.minutes == 570)
        #expect(LocalTime(parsing: "09:05")?.description == "09:05")
    }

    @Test(arguments: ["25:00", "14:60", "14", "h30", "14:5", "-1:00", "14h3"])
    func refusesMalformedTimes(_ text: String) {
        #expect(LocalTime(parsing: text) == nil)
    }
}

@Suite struct WeeklyHoursTests {
    @Test func parsesRangesOfDaysAndSplitDays() throws {
        let hours = try WeeklyHours(parsing: "mon-fri 09:00-12:30,13:30-17:00; wed 17:00-18:00")
        #expect(hours.ranges(on: .monday).count == 2)
        #expect(hours.ranges(on: .wednesday).map(\.description) == ["09:00-12:30", "13:30-18:00"])
        #expect(hours.ranges(on: .saturday).isEmpty)
        #expect(hours.weeklyMinutes == 5 * 420 + 60)
    }

    @Test func textFormRoundTrips() throws {
        let text = "mon-tue 09:00-17:00; thu 09:00-12:00; fri 09:00-17:00"
        #expect(try WeeklyHours(parsing: text).description == text)
    }

    @Test func errorNamesTheWrongClause() {
        #expect(throws: CareModelError.self) { try WeeklyHours(parsing: "mon-fri 17:00-09:00") }
        do {
            _ = try WeeklyHours(parsing: "mon-fri 09:00-17:00; funday 10:00-11:00")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("funday"))
        }
    }
}

@Suite struct ClinicTimeZoneTests {
    let paris = ClinicTimeZone.paris

    @Test func twoPmStaysTwoPmLocalAcrossSpringForward() throws {
        let two = try clock("14:00")
        let before = try #require(paris.instant(on: try day("2027-03-23"), at: two))
        let after = try #require(paris.instant(on: try day("2027-03-30"), at: two))
        // 14:00 CET is 13:00 UTC, 14:00 CEST is 12:00 UTC.
        #expect(before.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 13 * 3600)
        #expect(after.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 12 * 3600)
        #expect(paris.local(after).time.description == "14:00")
    }

    @Test func timesInsideTheSpringGapDoNotExist() throws {
        let sunday = try day("2027-03-28")
        #expect(paris.instant(on: sunday, at: try clock("02:30")) == nil)
        #expect(paris.instant(on: sunday, at: try clock("03:00")) != nil)
    }

    @Test func repeatedAutumnHourTakesTheFirstOccurrence() throws {
        let sunday = try day("2027-10-31")
        let halfPastTwo = try clock("02:30")
        let instant = try #require(paris.instant(on: sunday, at: halfPastTwo))
        // 02:30 CEST = 00:30 UTC.
        #expect(instant.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 30 * 60)
    }
}
