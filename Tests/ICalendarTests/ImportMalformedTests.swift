import CareModel
import Foundation
import ICalendar
import Testing

@Suite("Import refuses malformed files with the line")
struct ImportMalformedTests {
    let importer = CalendarImporter()

    func read(_ text: String) throws(ICalendarError) -> [ImportedEvent] {
        try importer.events(inICS: text, from: Fixtures.horizon.from, to: Fixtures.horizon.to)
    }

    static let event = [
        "BEGIN:VEVENT", "UID:a@test", "DTSTART:20260512T090000", "DTEND:20260512T100000",
        "SUMMARY:Congé", "END:VEVENT",
    ]

    @Test func emptyFile() {
        #expect(throws: ICalendarError.emptyFile) { try read("") }
        #expect(throws: ICalendarError.emptyFile) { try read("\r\n  \r\n") }
    }

    @Test func htmlPage() {
        #expect(throws: ICalendarError.htmlPage(line: 2)) {
            try read("\n<!DOCTYPE html>\n<html><body>Connexion requise</body></html>\n")
        }
    }

    @Test func notACalendar() {
        #expect(throws: ICalendarError.notACalendar(line: 1, found: "Nom;Date;Motif")) { try read("Nom;Date;Motif\n") }
    }

    @Test func lineWithoutColon() {
        var lines = Self.event
        lines.insert("Réunion d'équipe", at: 4)
        // Header takes lines 1-3, BEGIN:VEVENT is line 4, so the stray line is line 8.
        #expect(throws: ICalendarError.missingColon(line: 8, text: "Réunion d'équipe")) {
            try read(Fixtures.calendar(lines))
        }
    }

    @Test func endBeforeBegin() {
        let text = "BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        #expect(throws: ICalendarError.mismatchedEnd(line: 2, expected: "VCALENDAR", found: "VEVENT")) {
            try read(text)
        }
        #expect(throws: ICalendarError.contentAfterCalendar(line: 3)) {
            try read("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VEVENT\r\n")
        }
    }

    @Test func beginEndMismatch() {
        var lines = Self.event
        lines[5] = "END:VTODO"
        #expect(throws: ICalendarError.mismatchedEnd(line: 9, expected: "VEVENT", found: "VTODO")) {
            try read(Fixtures.calendar(lines))
        }
    }

    @Test func truncatedFile() {
        let text = Fixtures.calendar(Self.event).replacingOccurrences(of: "END:VEVENT\r\nEND:VCALENDAR\r\n", with: "")
        #expect(throws: ICalendarError.unterminated(line: 4, name: "VEVENT")) { try read(text) }
    }

    @Test func valueLibicalCannotRead() {
        var lines = Self.event
        lines[2] = "DTSTART:demain matin"
        #expect(throws: ICalendarError.self) { try read(Fixtures.calendar(lines)) }
        do {
            _ = try read(Fixtures.calendar(lines))
        } catch {
            guard case let .unreadableProperty(line, property, _) = error else {
                Issue.record("expected unreadableProperty, got \(error)")
                return
            }
            #expect(line == 6)
            #expect(property == "DTSTART")
        }
    }

    @Test func eventWithoutStart() {
        let lines = Self.event.filter { !$0.hasPrefix("DTSTART") }
        #expect(throws: ICalendarError.missingProperty(line: 4, property: "DTSTART")) {
            try read(Fixtures.calendar(lines))
        }
    }

    /// Found by the fuzzer: libical reads `+0290501` as the year 29, and the centre would have
    /// been closed from then until the event's end.
    @Test func dateInAnImplausibleYear() {
        var lines = Self.event
        lines[2] = "DTSTART;VALUE=DATE:+0290501"
        lines[3] = "DTEND;VALUE=DATE:20290502"
        #expect(
            throws: ICalendarError.invalidTime(
                line: 6, property: "DTSTART",
                reason: "is in the year 29, expected a year from 1900 to 2200")
        ) {
            try read(Fixtures.calendar(lines))
        }
    }

    @Test func eventLongerThanTenYears() {
        var lines = Self.event
        lines[2] = "DTSTART;VALUE=DATE:20260512"
        lines[3] = "DTEND;VALUE=DATE:21000101"
        #expect(
            throws: ICalendarError.invalidTime(
                line: 7, property: "DTEND",
                reason: "makes the event last 26897 days; expected at most 3660")
        ) {
            try read(Fixtures.calendar(lines))
        }
        lines[3] = "DURATION:P5000D"
        #expect(
            throws: ICalendarError.invalidTime(
                line: 7, property: "DURATION",
                reason: "makes the event last 5000 days; expected at most 3660")
        ) {
            try read(Fixtures.calendar(lines))
        }
    }

    @Test func allOrNothing() {
        let good = Self.event
        var bad = Self.event
        bad[2] = "DTSTART;TZID=Mars/Olympus:20260512T090000"
        #expect(throws: ICalendarError.unknownTimeZone(line: 12, tzid: "Mars/Olympus")) {
            try read(Fixtures.calendar(good + bad))
        }
    }

    @Test func fileTooLarge() {
        let small = CalendarImporter(maxBytes: 100)
        let text = Fixtures.calendar(Self.event)
        #expect(throws: ICalendarError.fileTooLarge(bytes: text.utf8.count, limit: 100)) {
            try small.events(inICS: Array(text.utf8), from: Fixtures.horizon.from, to: Fixtures.horizon.to)
        }
    }

    @Test func notUTF8() {
        let bytes: [UInt8] = Array("BEGIN:VCALENDAR\r\nX:".utf8) + [0xE9, 0x0D, 0x0A]
        #expect(throws: ICalendarError.notUTF8) {
            try importer.events(inICS: bytes, from: Fixtures.horizon.from, to: Fixtures.horizon.to)
        }
    }

    @Test func messagesNameTheLineAndWhatWasExpected() {
        let message = ICalendarError.mismatchedEnd(line: 9, expected: "VEVENT", found: "VTODO").description
        #expect(message == "line 9: expected END:VEVENT, found END:VTODO")
    }
}
