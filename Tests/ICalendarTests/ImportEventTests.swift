import CareModel
import Foundation
import ICalendar
import Testing

@Suite("Import: times, zones, recurrences")
struct ImportEventTests {
    let importer = CalendarImporter()

    func read(
        _ body: [String], from: Date = Fixtures.horizon.from, to: Date = Fixtures.horizon.to
    )
        throws(ICalendarError) -> [ImportedEvent]
    {
        try importer.events(inICS: Fixtures.calendar(body), from: from, to: to)
    }

    func event(_ lines: [String]) -> [String] {
        ["BEGIN:VEVENT", "UID:e@test", "SUMMARY:Absence"] + lines + ["END:VEVENT"]
    }

    @Test func allDayUsesAnExclusiveEnd() throws {
        let events = try read(event(["DTSTART;VALUE=DATE:20260803", "DTEND;VALUE=DATE:20260815"]))
        #expect(
            events.map(\.timing) == [.allDay(firstDay: Paris.day("2026-08-03"), endExclusive: Paris.day("2026-08-15"))])
        #expect(events.first?.days(in: Paris.zone).count == 12)
    }

    @Test func allDayWithoutEndLastsOneDay() throws {
        let events = try read(event(["DTSTART;VALUE=DATE:20260714"]))
        #expect(
            events.map(\.timing) == [.allDay(firstDay: Paris.day("2026-07-14"), endExclusive: Paris.day("2026-07-15"))])
    }

    @Test func tzidUtcAndFloatingTimes() throws {
        let tzid = try read(
            event(["DTSTART;TZID=Europe/Paris:20260329T140000", "DTEND;TZID=Europe/Paris:20260329T150000"]))
        #expect(tzid.map(\.timing) == [.timed(start: utc("20260329T120000Z"), end: utc("20260329T130000Z"))])
        let zulu = try read(event(["DTSTART:20260329T140000Z", "DURATION:PT30M"]))
        #expect(zulu.map(\.timing) == [.timed(start: utc("20260329T140000Z"), end: utc("20260329T143000Z"))])
        // Floating: read in the centre's zone (winter time on 1 March).
        let floating = try read(event(["DTSTART:20260301T090000", "DTEND:20260301T100000"]))
        #expect(floating.map(\.timing) == [.timed(start: utc("20260301T080000Z"), end: utc("20260301T090000Z"))])
        let other = try read(event(["DTSTART;TZID=America/New_York:20260301T090000"]))
        #expect(other.first?.start == utc("20260301T140000Z"))
        let prefixed = try read(event(["DTSTART;TZID=/freeassociation.sourceforge.net/Europe/Paris:20260301T090000"]))
        #expect(prefixed.first?.start == utc("20260301T080000Z"))
    }

    @Test(arguments: ["W. Europe Standard Time", "Romance Standard Time"])
    func windowsNamesForParisAreMapped(name: String) throws {
        let events = try read(event(["DTSTART;TZID=\(name):20260701T090000", "DTEND;TZID=\(name):20260701T100000"]))
        #expect(events.first?.start == utc("20260701T070000Z"))
    }

    @Test func otherWindowsNamesAreRefused() {
        #expect(throws: ICalendarError.unsupportedWindowsZone(line: 7, name: "Pacific Standard Time")) {
            try read(event(["DTSTART;TZID=Pacific Standard Time:20260701T090000"]))
        }
    }

    @Test func unknownZoneNamesTheLine() {
        #expect(throws: ICalendarError.unknownTimeZone(line: 7, tzid: "Heure de Poitiers")) {
            try read(event(["DTSTART;TZID=Heure de Poitiers:20260701T090000"]))
        }
    }

    static let customZone = [
        "BEGIN:VTIMEZONE", "TZID:Centre", "BEGIN:STANDARD", "DTSTART:19701025T030000", "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "BEGIN:DAYLIGHT",
        "DTSTART:19700329T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT", "END:VTIMEZONE",
    ]

    @Test func simpleVTimeZoneInTheFileIsHonoured() throws {
        let events = try read(Self.customZone + event(["DTSTART;TZID=Centre:20260701T090000"]))
        #expect(events.first?.start == utc("20260701T070000Z"))
        let winter = try read(Self.customZone + event(["DTSTART;TZID=Centre:20261201T090000"]))
        #expect(winter.first?.start == utc("20261201T080000Z"))
    }

    @Test func complexVTimeZoneIsRefused() {
        var zone = Self.customZone
        zone.insert(
            contentsOf: [
                "BEGIN:STANDARD", "DTSTART:19500101T000000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100",
                "END:STANDARD",
            ], at: 2)
        #expect(throws: ICalendarError.self) { try read(zone + event(["DTSTART;TZID=Centre:20260701T090000"])) }
    }

    @Test func weeklyRuleWithExdateSkipsThatWeek() throws {
        let events = try read(
            event([
                "DTSTART;TZID=Europe/Paris:20260317T140000", "DTEND;TZID=Europe/Paris:20260317T150000",
                "RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE;TZID=Europe/Paris:20260324T140000",
            ]))
        // Across the 29 March change: 14:00 local is 13:00Z, then 12:00Z.
        #expect(
            events.compactMap(\.start) == [utc("20260317T130000Z"), utc("20260331T120000Z"), utc("20260407T120000Z")])
    }

    @Test func ruleAndRdateAndOverride() throws {
        let body =
            event([
                "DTSTART;VALUE=DATE:20260601", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1;UNTIL=20260901",
                "RDATE;VALUE=DATE:20260615",
                "EXDATE;VALUE=DATE:20260701",
            ]) + [
                "BEGIN:VEVENT", "UID:e@test", "RECURRENCE-ID;VALUE=DATE:20260801", "DTSTART;VALUE=DATE:20260803",
                "SUMMARY:Absence déplacée", "END:VEVENT",
            ]
        let days = try read(body).compactMap { event -> LocalDate? in
            if case let .allDay(first, _) = event.timing { return first }
            return nil
        }
        #expect(days == ["2026-06-01", "2026-06-15", "2026-08-03", "2026-09-01"].map(Paris.day))
    }

    @Test func horizonKeepsOnlyOverlappingOccurrences() throws {
        let events = try read(
            event(["DTSTART:20260105T090000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY"]),
            from: utc("20260110T000000Z"), to: utc("20260113T000000Z"))
        #expect(
            events.compactMap(\.start) == [utc("20260110T090000Z"), utc("20260111T090000Z"), utc("20260112T090000Z")])
    }

    /// A rule that can never match is a mistake that could hide an absence. (A rule whose UNTIL
    /// is before DTSTART gives no date, with a warning: ImportRepairsTests.)
    @Test func ruleThatNeverMatchesIsRefused() {
        #expect(
            throws: ICalendarError.ruleNeverMatches(line: 8, rule: "FREQ=YEARLY;BYMONTHDAY=30;BYMONTH=2")
        ) {
            try read(event(["DTSTART:20260101T090000", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"]))
        }
    }

    @Test func occurrenceCapIsEnforced() {
        let small = CalendarImporter(maxOccurrences: 50)
        #expect(throws: ICalendarError.tooManyOccurrences(line: 8, limit: 50)) {
            try small.events(
                inICS: Fixtures.calendar(event(["DTSTART:20260101T090000Z", "RRULE:FREQ=DAILY"])),
                from: Fixtures.horizon.from, to: Fixtures.horizon.to)
        }
    }
}
