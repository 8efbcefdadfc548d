import CareModel
import Foundation
import ICalendar
import Testing

/// Files that break RFC 5545 in ways real programs do, read as every other reader reads them
/// (recurring-ical-events, the corpus's oracle), each with a warning naming the line: the corpus
/// files that were refused before (docs/feeds.md, "The corpus and its oracle").
@Suite("Import: broken files read as other readers read them, with a warning")
struct ImportRepairsTests {
    func read(_ body: [String]) throws(ICalendarError) -> CalendarReading {
        try CalendarImporter().read(Fixtures.calendar(body), from: Fixtures.horizon.from, to: Fixtures.horizon.to)
    }

    func event(_ lines: [String]) -> [String] {
        ["BEGIN:VEVENT", "UID:a@test", "SUMMARY:Congé"] + lines + ["END:VEVENT"]
    }

    /// SabreDAV and a Zimbra invitation wrote DTEND before DTSTART (end_before_start_event.ics).
    @Test func anEndBeforeTheStartIsReadTheOtherWayRound() throws {
        let reading = try read(
            event(["DTSTART;TZID=Europe/Paris:20260304T083000", "DTEND;TZID=Europe/Paris:20260304T080000"]))
        #expect(reading.events.map(\.timing) == [.timed(start: utc("20260304T070000Z"), end: utc("20260304T073000Z"))])
        #expect(reading.warnings.map { "\($0.line) \($0.property) \($0.kind)" } == ["8 DTEND endBeforeStart"])
        let days = try read(event(["DTSTART;VALUE=DATE:20260310", "DTEND;VALUE=DATE:20260308"]))
        #expect(
            days.events.map(\.timing) == [
                .allDay(firstDay: Paris.day("2026-03-08"), endExclusive: Paris.day("2026-03-10"))
            ])
    }

    /// issue_201_mixed_datetime_and_date.ics: a leave from a whole day to a UTC date-time.
    @Test func aWholeDayStartWithATimedEndStartsAtMidnightInTheEndsZone() throws {
        let reading = try read(event(["DTSTART;VALUE=DATE:20260724", "DTEND:20260817T000000Z"]))
        #expect(reading.events.map(\.timing) == [.timed(start: utc("20260724T000000Z"), end: utc("20260817T000000Z"))])
        #expect(reading.warnings.map { "\($0.line) \($0.property) \($0.kind)" } == ["7 DTSTART mixedDateKinds"])
        let paris = try read(event(["DTSTART;VALUE=DATE:20260724", "DTEND;TZID=Europe/Paris:20260725T040000"]))
        #expect(
            paris.events.map(\.timing) == [.timed(start: Paris.at("2026-07-24", 0), end: Paris.at("2026-07-25", 4))])
        let timedStart = try read(event(["DTSTART:20260724T100000", "DTEND;VALUE=DATE:20260725"]))
        #expect(
            timedStart.events.map(\.timing) == [
                .timed(start: Paris.at("2026-07-24", 10), end: Paris.at("2026-07-25", 0))
            ])
        let hours = try read(event(["DTSTART;VALUE=DATE:20260724", "DURATION:PT10H"]))
        #expect(
            hours.events.map(\.timing) == [.timed(start: Paris.at("2026-07-24", 0), end: Paris.at("2026-07-24", 10))])
    }

    /// issue_107_omitting_last_event.ics: Exchange defined `Pacific Standard Time:` and used it without the colon.
    @Test func aZoneDefinedUnderItsNameWithAColonIsFound() throws {
        let reading = try read(
            [
                "BEGIN:VTIMEZONE", "TZID:Pacific Standard Time:", "BEGIN:STANDARD", "DTSTART:16010101T020000",
                "TZOFFSETFROM:-0700", "TZOFFSETTO:-0800", "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11",
                "END:STANDARD", "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:-0800",
                "TZOFFSETTO:-0700", "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3", "END:DAYLIGHT",
                "END:VTIMEZONE",
            ]
                + event([
                    "DTSTART;TZID=Pacific Standard Time:20260105T100000",
                    "DTEND;TZID=Pacific Standard Time:20260105T110000",
                ]))
        #expect(reading.events.map(\.timing) == [.timed(start: utc("20260105T180000Z"), end: utc("20260105T190000Z"))])
        #expect(
            reading.warnings.map { "\($0.line) \($0.property) \($0.kind)" } == [
                "22 TZID zoneNameMismatch", "23 TZID zoneNameMismatch",
            ])
    }

    /// issue_117_until_before_dtstart.ics: the rule gives no date; the rest of the file is imported.
    @Test func aRuleEndingBeforeItStartsGivesNoDateAndTheRestIsImported() throws {
        let reading = try read(
            event(["DTSTART;VALUE=DATE:20261005", "RRULE:FREQ=WEEKLY;UNTIL=20261004;BYDAY=MO"])
                + ["BEGIN:VEVENT", "UID:b@test", "DTSTART;VALUE=DATE:20261012", "END:VEVENT"])
        #expect(reading.events.map(\.uid) == ["b@test"])
        #expect(reading.warnings.map { "\($0.line) \($0.property) \($0.kind)" } == ["8 RRULE ruleRepaired"])
    }

    /// issue_128_only_first_event.ics: `COUNT=-1` beside an UNTIL, as a Confluence calendar wrote it.
    @Test func anInvalidCountBesideAnUntilIsDroppedAndTheRuleEndsAtItsUntil() throws {
        let reading = try read(
            event([
                "DTSTART;VALUE=DATE:20261005", "DTEND;VALUE=DATE:20261006",
                "RRULE:FREQ=WEEKLY;UNTIL=20261102;COUNT=-1;INTERVAL=2;BYDAY=MO",
            ]))
        let firstDays = reading.events.map { event -> String in
            guard case let .allDay(first, _) = event.timing else { return "timed" }
            return first.iso
        }
        #expect(firstDays == ["2026-10-05", "2026-10-19", "2026-11-02"])
        #expect(reading.warnings.map { "\($0.line) \($0.property) \($0.kind)" } == ["9 RRULE ruleRepaired"])
        #expect(throws: ICalendarError.self) {
            try read(event(["DTSTART;VALUE=DATE:20261005", "RRULE:FREQ=WEEKLY;COUNT=-1;BYDAY=MO"]))
        }
    }

    /// issue_201_test_matrix.ics: `END:VTOOD` after `BEGIN:VTODO`; a misspelt END of an event still refuses.
    @Test func aMisspeltEndOfAComponentNotReadClosesIt() throws {
        let reading = try read(
            ["BEGIN:VTODO", "UID:t@test", "END:VTOOD"] + event(["DTSTART;VALUE=DATE:20261005"]))
        #expect(reading.events.count == 1)
        #expect(reading.warnings.map { "\($0.line) \($0.property) \($0.kind)" } == ["6 END mismatchedEnd"])
        #expect(throws: ICalendarError.mismatchedEnd(line: 7, expected: "VEVENT", found: "VEVNT")) {
            try read(["BEGIN:VEVENT", "UID:a@test", "DTSTART;VALUE=DATE:20261005", "END:VEVNT"])
        }
    }
}
