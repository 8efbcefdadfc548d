import CareModel
import Foundation
import ICalendar
import Testing

/// Issue 15, items 1, 3, 5 and 7: what real exports write, read as RFC 5545 means it.
@Suite("Import: real exports' recurrences, moves and times")
struct ImportRealExportsTests {
    func read(_ body: [String]) throws(ICalendarError) -> CalendarReading {
        try CalendarImporter().read(Fixtures.calendar(body), from: Fixtures.horizon.from, to: Fixtures.horizon.to)
    }

    func event(_ lines: [String], uid: String = "e@test") -> [String] {
        ["BEGIN:VEVENT", "UID:\(uid)", "SUMMARY:Absence"] + lines + ["END:VEVENT"]
    }

    func days(_ events: [ImportedEvent]) -> [String] {
        events.compactMap { if case let .allDay(first, _) = $0.timing { first.iso } else { nil } }
    }

    /// Thunderbird, Outlook, Google and Nextcloud write UNTIL in UTC: 12:00Z is 14:00 in Paris.
    @Test func utcUntilKeepsTheLastOccurrenceOfAParisSeries() throws {
        let events = try read(
            event([
                "DTSTART;TZID=Europe/Paris:20260602T140000", "DTEND;TZID=Europe/Paris:20260602T150000",
                "RRULE:FREQ=WEEKLY;UNTIL=20260630T120000Z",
            ])
        ).events
        #expect(
            events.compactMap(\.start)
                == ["20260602", "20260609", "20260616", "20260623", "20260630"]
                .map { utc("\($0)T120000Z") })
    }

    @Test func utcUntilInAWinterSeriesCountsInTheEventsZone() throws {
        let events = try read(
            event([
                "DTSTART;TZID=Europe/Paris:20261201T233000", "DURATION:PT30M",
                "RRULE:FREQ=DAILY;UNTIL=20261203T223000Z",
            ])
        ).events
        #expect(
            events.compactMap(\.start) == [utc("20261201T223000Z"), utc("20261202T223000Z"), utc("20261203T223000Z")])
    }

    @Test func rdateInUTCOrAnotherZoneIsReadInItsOwnZone() throws {
        let events = try read(
            event([
                "DTSTART;TZID=Europe/Paris:20260601T090000", "DTEND;TZID=Europe/Paris:20260601T100000",
                "RDATE:20260610T070000Z", "RDATE;TZID=America/New_York:20260615T030000",
            ])
        ).events
        #expect(
            events.compactMap(\.start) == [utc("20260601T070000Z"), utc("20260610T070000Z"), utc("20260615T070000Z")])
        #expect(events.map(\.timing).last == .timed(start: utc("20260615T070000Z"), end: utc("20260615T080000Z")))
    }

    @Test func rdatePeriodKeepsItsOwnEndOrDuration() throws {
        let events = try read(
            event([
                "DTSTART;TZID=Europe/Paris:20260601T090000", "DTEND;TZID=Europe/Paris:20260601T100000",
                "RDATE;VALUE=PERIOD:20260620T060000Z/20260620T190000Z", "RDATE;VALUE=PERIOD:20260622T060000Z/PT2H",
            ])
        ).events
        #expect(
            events.map(\.timing) == [
                .timed(start: utc("20260601T070000Z"), end: utc("20260601T080000Z")),
                .timed(start: utc("20260620T060000Z"), end: utc("20260620T190000Z")),
                .timed(start: utc("20260622T060000Z"), end: utc("20260622T080000Z")),
            ])
    }

    /// Exchange names an occurrence of an all-day series by its local midnight.
    @Test func dateTimeRecurrenceIDRemovesTheDayOfAnAllDaySeries() throws {
        let events = try read(
            event(["DTSTART;VALUE=DATE:20260601", "DTEND;VALUE=DATE:20260602", "RRULE:FREQ=WEEKLY;COUNT=3"])
                + event([
                    "RECURRENCE-ID;TZID=Romance Standard Time:20260608T000000", "DTSTART;VALUE=DATE:20260609",
                    "DTEND;VALUE=DATE:20260610",
                ])
        ).events
        #expect(days(events) == ["2026-06-01", "2026-06-09", "2026-06-15"])
    }

    @Test func aMovedOccurrenceWithItsOwnRuleIsImportedOnceWithAWarning() throws {
        let reading = try read(
            event(["DTSTART;TZID=Europe/Paris:20260601T090000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=2"])
                + event([
                    "RECURRENCE-ID;TZID=Europe/Paris:20260608T090000", "DTSTART;TZID=Europe/Paris:20260609T090000",
                    "DURATION:PT1H", "RRULE:FREQ=DAILY",
                ]))
        #expect(reading.events.compactMap(\.start) == [utc("20260601T070000Z"), utc("20260609T070000Z")])
        #expect(reading.warnings.map(\.kind) == [.ruleInMovedOccurrence])
        #expect(reading.warnings.first?.line == 17)
    }

    @Test func thisAndFutureMovesEveryLaterOccurrence() throws {
        let events = try read(
            event([
                "DTSTART;TZID=Europe/Paris:20260601T090000", "DTEND;TZID=Europe/Paris:20260601T100000",
                "RRULE:FREQ=WEEKLY;COUNT=4",
            ])
                + [
                    "BEGIN:VEVENT", "UID:e@test", "SUMMARY:Formation",
                    "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Paris:20260615T090000",
                    "DTSTART;TZID=Europe/Paris:20260615T140000", "DTEND;TZID=Europe/Paris:20260615T160000",
                    "END:VEVENT",
                ]
        ).events
        #expect(
            events.map(\.timing) == [
                .timed(start: utc("20260601T070000Z"), end: utc("20260601T080000Z")),
                .timed(start: utc("20260608T070000Z"), end: utc("20260608T080000Z")),
                .timed(start: utc("20260615T120000Z"), end: utc("20260615T140000Z")),
                .timed(start: utc("20260622T120000Z"), end: utc("20260622T140000Z")),
            ])
        #expect(events.map(\.summary) == ["Absence", "Absence", "Formation", "Formation"])
    }

    /// One UID is one event: two copies are two revisions, and the newer (SEQUENCE, then the later
    /// in the file) is read; the other is said, not merged in silence.
    @Test func twoCopiesOfOneUIDKeepTheNewerAndSaySo() throws {
        let tie = try read(event(["DTSTART;VALUE=DATE:20260601"]) + event(["DTSTART;VALUE=DATE:20260701"]))
        #expect(days(tie.events) == ["2026-07-01"])
        #expect(
            tie.warnings == [
                ImportWarning(
                    line: 4, property: "UID", kind: .outdatedCopy,
                    detail: "the event on line 9 gives the same UID and SEQUENCE again; this copy is ignored")
            ])
        let revised = try read(
            event(["DTSTART;VALUE=DATE:20260601", "SEQUENCE:2"]) + event(["DTSTART;VALUE=DATE:20260701", "SEQUENCE:1"]))
        #expect(days(revised.events) == ["2026-06-01"])
        #expect(revised.warnings.map(\.line) == [10])
    }

    /// Nextcloud keeps a moved occurrence after the series was cut short or the day excluded.
    @Test func aMovedOccurrenceThatNamesNoOccurrenceIsIgnored() throws {
        let reading = try read(
            event(["DTSTART;VALUE=DATE:20260601", "RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE;VALUE=DATE:20260608"])
                + event(["RECURRENCE-ID;VALUE=DATE:20260608", "DTSTART;VALUE=DATE:20260609"]))
        #expect(days(reading.events) == ["2026-06-01", "2026-06-15"])
        #expect(reading.warnings.map(\.kind) == [.outdatedCopy])
    }

    /// 02:30 on 28 March 2027 does not exist in Paris: one rule (RFC 5545 3.3.5) whether the event
    /// ends with DTEND, DURATION or repeats, and a warning each time.
    @Test(arguments: [
        ["DTSTART;TZID=Europe/Paris:20270328T023000", "DTEND;TZID=Europe/Paris:20270328T043000"],
        ["DTSTART;TZID=Europe/Paris:20270328T023000", "DURATION:PT1H"],
    ])
    func springForwardGapReadsTheTimeAfterTheGap(lines: [String]) throws {
        let reading = try read(event(lines))
        #expect(reading.events.map(\.timing) == [.timed(start: utc("20270328T013000Z"), end: utc("20270328T023000Z"))])
        #expect(reading.warnings.map(\.kind) == [.springForwardGap])
        #expect(reading.warnings.first?.line == 7)
        #expect(reading.warnings.first?.detail.contains("read as 03:30") == true)
    }

    @Test func springForwardGapInsideARuleIsSaid() throws {
        let reading = try read(
            event(["DTSTART;TZID=Europe/Paris:20270327T023000", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=3"]))
        #expect(
            reading.events.compactMap(\.start) == [
                utc("20270327T013000Z"), utc("20270328T013000Z"), utc("20270329T003000Z"),
            ])
        #expect(reading.warnings.map(\.kind) == [.springForwardGap])
        #expect(reading.warnings.first?.property == "RRULE")
    }
}
