import CareModel
import Foundation
import ICalendar

/// Builds instants from Paris wall-clock times, the way the centre thinks of them.
enum Paris {
    static let zone = ClinicTimeZone.paris

    static func at(_ iso: String, _ hour: Int, _ minute: Int = 0) -> Date {
        guard let day = LocalDate(parsing: iso), let time = LocalTime(hour: hour, minute: minute),
            let instant = zone.instant(on: day, at: time)
        else { return Date(timeIntervalSince1970: 0) }
        return instant
    }

    static func day(_ iso: String) -> LocalDate {
        LocalDate(parsing: iso) ?? LocalDate(daysSinceEpoch: 0)
    }
}

/// Parses `20260329T120000Z` into an instant (test expectations written in UTC).
func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
    return formatter.date(from: text) ?? Date(timeIntervalSince1970: 0)
}

enum Fixtures {
    static let stamp = utc("20260105T090000Z")

    static func session(
        _ uid: String, _ start: Date, minutes: Int = 45, summary: String = "Thérapie TCC — séance",
        status: FeedEvent.Status = .confirmed, location: String? = "Salle 2"
    ) -> FeedEvent {
        FeedEvent(
            uid: uid, start: start, end: start.addingTimeInterval(Double(minutes * 60)), summary: summary,
            location: location, categories: ["Parcours TCC", "Séance"], status: status,
            sequence: status == .cancelled ? 1 : 0, created: stamp, lastModified: stamp)
    }

    /// Weekly 14:00 sessions across the four DST changes of 2026 and 2027.
    static var dstFeed: CalendarFeed {
        let days = [
            "2026-03-22", "2026-03-29", "2026-04-05", "2026-10-18", "2026-10-25", "2026-11-01",
            "2027-03-21", "2027-03-28", "2027-04-04", "2027-10-24", "2027-10-31", "2027-11-07",
        ]
        var events = days.map { session("dst-\($0)@parcours", Paris.at($0, 14)) }
        events.append(session("cancelled@parcours", Paris.at("2026-04-07", 10), status: .cancelled))
        return CalendarFeed(name: "Dr Martin — séances", events: events)
    }

    static let horizon = (from: utc("20250101T000000Z"), to: utc("20310101T000000Z"))

    static func golden(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    }

    static var holidaysFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Calendars/jours-feries-2026-2030.ics")
    }

    /// Wraps VEVENT lines in a calendar, CRLF-terminated.
    static func calendar(_ body: [String]) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN"] + body + ["END:VCALENDAR"])
            .joined(separator: "\r\n") + "\r\n"
    }
}

extension ImportedEvent {
    var start: Date? {
        if case let .timed(start, _) = timing { return start }
        return nil
    }
}
