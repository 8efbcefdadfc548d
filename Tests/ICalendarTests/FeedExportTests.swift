import CareModel
import Foundation
import ICalendar
import Testing

@Suite("Feed export")
struct FeedExportTests {
    @Test func headerAndTimeZoneAreThoseOutlookExpects() throws {
        let text = try CalendarExporter.ics(Fixtures.dstFeed)
        let lines = text.components(separatedBy: "\r\n")
        for expected in [
            "PRODID:-//Parcours//Parcours 1.0//FR", "VERSION:2.0", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-TIMEZONE:Europe/Paris", "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
            "X-PUBLISHED-TTL:PT1H", "TZID:Europe/Paris", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
        ] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        #expect(lines.filter { $0 == "BEGIN:VTIMEZONE" }.count == 1)
        #expect(!text.contains("freeassociation"))
        #expect(lines.filter { $0 == "CLASS:CONFIDENTIAL" }.count == Fixtures.dstFeed.events.count)
    }

    @Test func matchesTheGoldenFileByteForByte() throws {
        let text = try CalendarExporter.ics(Fixtures.dstFeed)
        let url = Fixtures.golden("dst-weeks.ics")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
        }
        let golden = try Data(contentsOf: url)
        #expect(Array(golden) == Array(text.utf8))
    }

    @Test func sameInputGivesSameBytesWhateverTheOrder() throws {
        var shuffled = Fixtures.dstFeed
        shuffled.events.reverse()
        #expect(try CalendarExporter.ics(shuffled) == CalendarExporter.ics(Fixtures.dstFeed))
    }

    @Test func weeklySessionsStayAt14hLocalAcrossDSTWeeks() throws {
        let text = try CalendarExporter.ics(Fixtures.dstFeed)
        for day in ["20260329", "20261025", "20270328", "20271031", "20260322", "20261101"] {
            #expect(text.contains("DTSTART;TZID=Europe/Paris:\(day)T140000\r\n"), "\(day)")
            #expect(text.contains("DTEND;TZID=Europe/Paris:\(day)T144500\r\n"), "\(day)")
        }
        let back = try CalendarImporter().events(inICS: text, from: Fixtures.horizon.from, to: Fixtures.horizon.to)
        let starts = Set(back.compactMap(\.start))
        // Summer time is UTC+2, winter UTC+1: the instants move, the wall clock does not.
        for instant in [
            "20260322T130000Z", "20260329T120000Z", "20261025T130000Z", "20261018T120000Z",
            "20270328T120000Z", "20271031T130000Z",
        ] {
            #expect(starts.contains(utc(instant)), "\(instant)")
        }
    }

    @Test func handBuiltVTimeZoneAgreesWithTheZoneDatabase() throws {
        // Renamed, the TZID is no IANA name, so the importer must use the VTIMEZONE in the file via libical.
        let text = try CalendarExporter.ics(Fixtures.dstFeed)
            .replacingOccurrences(of: "TZID:Europe/Paris", with: "TZID:Centre")
            .replacingOccurrences(of: "TZID=Europe/Paris", with: "TZID=Centre")
        let back = try CalendarImporter().events(inICS: text, from: Fixtures.horizon.from, to: Fixtures.horizon.to)
        #expect(back.compactMap(\.start) == Fixtures.dstFeed.events.map(\.start).sorted())
    }

    @Test func everyFeedParsesBackWithTheSameEvents() throws {
        let feed = Fixtures.dstFeed
        let back = try CalendarImporter().events(
            inICS: CalendarExporter.ics(feed), from: Fixtures.horizon.from, to: Fixtures.horizon.to)
        let expected = feed.events.sorted { $0.start < $1.start }
        #expect(back.map(\.uid) == expected.map(\.uid))
        #expect(back.map(\.timing) == expected.map { .timed(start: $0.start, end: $0.end) })
        #expect(back.map(\.summary) == expected.map(\.summary))
        #expect(back.map(\.location) == expected.map(\.location))
        #expect(back.map(\.isCancelled) == expected.map { $0.status == .cancelled })
    }

    @Test func cancelledSessionSaysSoAndBumpsSequence() throws {
        let text = try CalendarExporter.ics(Fixtures.dstFeed)
        let block = try #require(
            text.components(separatedBy: "BEGIN:VEVENT").first { $0.contains("UID:cancelled@parcours") })
        #expect(block.contains("STATUS:CANCELLED\r\n"))
        #expect(block.contains("SEQUENCE:1\r\n"))
        #expect(text.components(separatedBy: "STATUS:CONFIRMED\r\n").count - 1 == 12)
    }

    @Test func timestampsAreUTC() throws {
        let text = try CalendarExporter.ics(Fixtures.dstFeed)
        #expect(text.contains("DTSTAMP:20260105T090000Z\r\n"))
        #expect(text.contains("LAST-MODIFIED:20260105T090000Z\r\n"))
        #expect(text.contains("CREATED:20260105T090000Z\r\n"))
    }

    @Test func refusesAZoneItCannotDescribe() throws {
        var feed = Fixtures.dstFeed
        feed.timeZone = try #require(ClinicTimeZone(identifier: "America/Cayenne"))
        #expect(throws: ICalendarError.unsupportedExportTimeZone(identifier: "America/Cayenne")) {
            try CalendarExporter.ics(feed)
        }
    }

    @Test func refusesACategoryCalendarAppsWouldSplit() {
        var feed = Fixtures.dstFeed
        feed.events[0].categories = ["Suivi, bilan"]
        #expect(throws: ICalendarError.invalidCategory(uid: feed.events[0].uid, category: "Suivi, bilan")) {
            try CalendarExporter.ics(feed)
        }
    }

    @Test func refusesAnEventThatEndsBeforeItStarts() {
        var feed = Fixtures.dstFeed
        feed.events[0].end = feed.events[0].start
        #expect(throws: ICalendarError.endNotAfterStart(uid: feed.events[0].uid)) { try CalendarExporter.ics(feed) }
    }
}
