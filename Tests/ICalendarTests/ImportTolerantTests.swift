import CareModel
import Foundation
import ICalendar
import Testing

/// Issue 15, items 2, 4 and 6: what cannot matter is skipped with a warning; what can is refused
/// naming the real property and line; no file crashes the importer.
@Suite("Import: tolerant of what cannot matter, exact about what can")
struct ImportTolerantTests {
    func read(
        _ body: [String], importer: CalendarImporter = CalendarImporter()
    ) throws(ICalendarError) -> CalendarReading {
        try importer.read(Fixtures.calendar(body), from: Fixtures.horizon.from, to: Fixtures.horizon.to)
    }

    static let times = ["DTSTART;TZID=Europe/Paris:20260512T090000", "DTEND;TZID=Europe/Paris:20260512T100000"]

    /// Google, Thunderbird, Exchange and SabreDAV write these routinely (valid RFC 5545).
    @Test func emptyPropertiesAreSkippedWithTheirLine() throws {
        let reading = try read(
            ["X-WR-CALDESC:", "BEGIN:VEVENT", "UID:a@test", "SUMMARY:Congé"] + Self.times
                + ["DESCRIPTION:", "LOCATION:", "CLASS:", "X-CONFLUENCE-USER-KEY:", "END:VEVENT"])
        #expect(reading.events.count == 1)
        #expect(reading.events.first?.location == nil)
        #expect(
            reading.warnings.map(\.property) == [
                "X-WR-CALDESC", "DESCRIPTION", "LOCATION", "CLASS", "X-CONFLUENCE-USER-KEY",
            ])
        #expect(reading.warnings.map(\.line) == [4, 10, 11, 12, 13])
        #expect(reading.warnings.allSatisfy { $0.kind == .emptyValue })
    }

    @Test func unknownPropertiesAndParametersAreSkippedAndNamed() throws {
        let reading = try read(
            ["BEGIN:VEVENT", "UID:a@test", "SUMMARY:Congé"] + Self.times
                + ["RELATED-TO;VALUE=UID:b@test", "IN-REPLY-TO:x", "SUMMARY;LANGUAGE:fr", "END:VEVENT"])
        #expect(reading.events.count == 1)
        #expect(
            reading.warnings.map { "\($0.line) \($0.property) \($0.kind)" }
                == ["9 RELATED-TO unknownParameter", "10 IN-REPLY-TO unknownProperty", "11 SUMMARY unknownParameter"])
    }

    @Test func aProblemWithWhatPlacesAnEventInTimeRefusesNamingItsLine() {
        #expect(
            throws: ICalendarError.unreadableProperty(
                line: 10, property: "RRULE",
                detail: "Can't parse as RECUR value in RRULE property. Removing entire property: FREQ=WEEKLY;BYDAY=XX")
        ) {
            try read(
                ["BEGIN:VEVENT", "UID:a@test", "DESCRIPTION:", "SUMMARY:Congé"] + Self.times
                    + ["RRULE:FREQ=WEEKLY;BYDAY=XX", "END:VEVENT"])
        }
        #expect(
            throws: ICalendarError.unreadableProperty(
                line: 7, property: "DTEND", detail: "No value for DTEND property. Removing entire property:")
        ) {
            try read(["BEGIN:VEVENT", "UID:a@test", "DTSTART:20260512T090000Z", "DTEND:", "END:VEVENT"])
        }
    }

    /// Found by the fuzzer: a line with parameters but no name gave a warning naming nothing.
    @Test func aLineWithoutANameIsSkippedAndSaidSo() throws {
        let reading = try read(["BEGIN:VEVENT", "UID:a@test"] + Self.times + [";VALUE=DATE:20260101", "END:VEVENT"])
        #expect(reading.events.count == 1)
        #expect(reading.warnings.map { "\($0.line) \($0.property) \($0.kind)" } == ["8 (no name) unknownProperty"])
    }

    @Test func problemsOutsideEventsNeverRefuse() throws {
        let reading = try read(
            ["BEGIN:VTODO", "UID:t@test", "DUE:", "END:VTODO", "BEGIN:VEVENT", "UID:a@test"] + Self.times
                + ["BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "DESCRIPTION:", "END:VALARM", "END:VEVENT"])
        #expect(reading.events.count == 1)
        #expect(reading.warnings.map { "\($0.line) \($0.property)" } == ["6 DUE", "15 DESCRIPTION"])
    }

    @Test func deeplyNestedComponentsAreRefusedBeforeLibicalRecurses() {
        for depth in [11, 50_000, 200_000] {
            let text =
                "BEGIN:VCALENDAR\r\n" + String(repeating: "BEGIN:VEVENT\r\n", count: depth)
                + String(repeating: "END:VEVENT\r\n", count: depth) + "END:VCALENDAR\r\n"
            #expect(throws: ICalendarError.tooDeeplyNested(line: 11, depth: 11, limit: 10)) {
                try CalendarImporter().events(inICS: text, from: Fixtures.horizon.from, to: Fixtures.horizon.to)
            }
        }
    }

    @Test func separateEventsAreNotCalledRepeats() throws {
        func events(_ count: Int) -> [String] {
            (0..<count).flatMap {
                [
                    "BEGIN:VEVENT", "UID:\($0)@test", "DTSTART:20260601T0900\(String(format: "%02d", $0 % 60))Z",
                    "END:VEVENT",
                ]
            }
        }
        let capped = CalendarImporter(maxOccurrences: 50, maxEvents: 100)
        #expect(try read(events(60), importer: capped).events.count == 60)
        #expect(throws: ICalendarError.tooManyEvents(limit: 100)) { try read(events(120), importer: capped) }
        #expect(
            ICalendarError.tooManyEvents(limit: 100).description
                == "the file holds more than 100 events in the period; import a shorter period")
    }

    @Test func twentyThousandSeparateEventsAreImported() throws {
        let body = (0..<20_000).flatMap { index -> [String] in
            let day =
                LocalDate(year: 2026, month: 1, day: 1).map { $0.adding(days: index / 20) } ?? Paris.day("2026-01-01")
            let compact = day.iso.replacingOccurrences(of: "-", with: "")
            return [
                "BEGIN:VEVENT", "UID:\(index)@test", "DTSTART:\(compact)T\(String(format: "%02d", index % 20))0000Z",
                "DURATION:PT30M", "END:VEVENT",
            ]
        }
        #expect(try read(body).events.count == 20_000)
    }

    @Test func anUntitledEventIsCalledSoInMessages() throws {
        let events = try read(["BEGIN:VEVENT", "UID:a@test", "SUMMARY:"] + ImportTolerantTests.times + ["END:VEVENT"])
            .events
        #expect(throws: ICalendarError.timedClosure(line: 4, summary: "")) {
            try UnavailabilityImport.closedDays(from: events)
        }
        #expect(
            ICalendarError.timedClosure(line: 4, summary: "").description.hasPrefix(
                "line 4: an untitled event has start and end times"))
    }

    @Test func calendarNameEscapesCommaSemicolonAndBackslash() throws {
        let text = try CalendarExporter.ics(CalendarFeed(name: "Équipe, Poitiers; test \\ fin"))
        #expect(text.contains("\r\nX-WR-CALNAME:Équipe\\, Poitiers\\; test \\\\ fin\r\n"))
        let long = try CalendarExporter.ics(CalendarFeed(name: String(repeating: "é, ", count: 40)))
        let line = long.components(separatedBy: "\r\n").first { $0.hasPrefix("X-WR-CALNAME:") } ?? ""
        #expect(line.utf8.count <= 75)
    }
}
