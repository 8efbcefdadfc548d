import CLibical
import CareModel
import Foundation

/// Writes the VEVENT of a timed session straight into the feed's bytes, in the order and form
/// libical uses, so that 100,000 sessions take well under a second.
///
/// Every value that can need escaping or folding (UID, LOCATION, CATEGORIES, SUMMARY) is still
/// written by libical, through four properties built once and reset per event. The rest are
/// fixed-form ASCII that never needs either (`DTSTAMP:20260105T090000Z`, `SEQUENCE:2`,
/// `STATUS:CANCELLED`): written here, without building a libical component and a string per
/// property for each event. The golden file (written when libical wrote everything) pins the bytes.
final class TimedEventWriter {
    private let uid: OpaquePointer
    private let location: OpaquePointer
    private let categories: OpaquePointer
    private let summary: OpaquePointer
    private let zone: ClinicTimeZone
    private let tzid: [UInt8]
    /// UTC offset of the zone by hour since the epoch: Europe/Paris (the only zone exported)
    /// changes offset on the hour, and asking the zone database for each of 200,000 instants
    /// costs more than the rest of the line.
    private var offsets: [Int: Int] = [:]

    init(zone: ClinicTimeZone, tzid: String) throws(ICalendarError) {
        LibicalSetup.nonFatalErrors
        guard let uid = icalproperty_new_uid(""), let location = icalproperty_new_location(""),
            let categories = icalproperty_new_categories(""), let summary = icalproperty_new_summary("")
        else { throw .libicalFailure("could not create the event properties") }
        self.uid = uid
        self.location = location
        self.categories = categories
        self.summary = summary
        self.zone = zone
        self.tzid = Array(tzid.utf8)
    }

    deinit {
        for property in [uid, location, categories, summary] { icalproperty_free(property) }
    }

    func write(_ event: FeedEvent, into bytes: inout [UInt8]) throws(ICalendarError) {
        bytes.append(contentsOf: Self.begin)
        icalproperty_set_uid(uid, event.uid)
        try append(uid, to: &bytes)
        line("DTSTAMP:", utc: event.lastModified, into: &bytes)
        line("CREATED:", utc: event.created, into: &bytes)
        line("LAST-MODIFIED:", utc: event.lastModified, into: &bytes)
        zoned("DTSTART;TZID=", event.start, into: &bytes)
        zoned("DTEND;TZID=", event.end, into: &bytes)
        bytes.append(contentsOf: "SEQUENCE:".utf8)
        bytes.append(contentsOf: String(Int32(clamping: event.sequence)).utf8)
        bytes.append(contentsOf: Self.crlf)
        bytes.append(contentsOf: event.status == .cancelled ? Self.cancelled : Self.confirmed)
        bytes.append(contentsOf: Self.confidential)
        if let text = event.location, !text.isEmpty {
            icalproperty_set_location(location, text)
            try append(location, to: &bytes)
        }
        if !event.categories.isEmpty {
            icalproperty_set_categories(categories, event.categories.joined(separator: ","))
            try append(categories, to: &bytes)
        }
        icalproperty_set_summary(summary, event.summary)
        try append(summary, to: &bytes)
        bytes.append(contentsOf: Self.end)
    }

    private static let begin = Array("BEGIN:VEVENT\r\n".utf8)
    private static let end = Array("END:VEVENT\r\n".utf8)
    private static let crlf = Array("\r\n".utf8)
    private static let confirmed = Array("STATUS:CONFIRMED\r\n".utf8)
    private static let cancelled = Array("STATUS:CANCELLED\r\n".utf8)
    private static let confidential = Array("CLASS:CONFIDENTIAL\r\n".utf8)

    /// libical's text of one property (escaped, folded, CRLF-terminated).
    private func append(_ property: OpaquePointer, to bytes: inout [UInt8]) throws(ICalendarError) {
        guard let text = icalproperty_as_ical_string_r(property) else {
            throw .libicalFailure("could not write a property as text")
        }
        defer { icalmemory_free_buffer(text) }
        let length = strlen(text)
        text.withMemoryRebound(to: UInt8.self, capacity: length) { pointer in
            bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: length))
        }
    }

    /// `NAME:20260105T090000Z`
    private func line(_ name: StaticString, utc instant: Date, into bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let days = LibicalTime.floorDivide(seconds, 86_400)
        Self.stamp(LocalDate(daysSinceEpoch: days), secondsOfDay: seconds - days * 86_400, into: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        bytes.append(contentsOf: Self.crlf)
    }

    /// `NAME;TZID=Europe/Paris:20260322T140000`, the wall-clock time in the feed's zone.
    private func zoned(_ name: StaticString, _ instant: Date, into bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: tzid)
        bytes.append(UInt8(ascii: ":"))
        let utc = Int(instant.timeIntervalSince1970.rounded(.down))
        let hour = LibicalTime.floorDivide(utc, 3600)
        let offset =
            offsets[hour]
            ?? {
                let seconds = zone.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(hour * 3600)))
                offsets[hour] = seconds
                return seconds
            }()
        let local = utc + offset
        let days = LibicalTime.floorDivide(local, 86_400)
        Self.stamp(LocalDate(daysSinceEpoch: days), secondsOfDay: local - days * 86_400, into: &bytes)
        bytes.append(contentsOf: Self.crlf)
    }

    /// `20260322T140000`, as libical prints a DATE-TIME.
    private static func stamp(_ date: LocalDate, secondsOfDay: Int, into bytes: inout [UInt8]) {
        digits(date.year, 4, &bytes)
        digits(date.month, 2, &bytes)
        digits(date.day, 2, &bytes)
        bytes.append(UInt8(ascii: "T"))
        digits(secondsOfDay / 3600, 2, &bytes)
        digits(secondsOfDay / 60 % 60, 2, &bytes)
        digits(secondsOfDay % 60, 2, &bytes)
    }

    private static func digits(_ value: Int, _ width: Int, _ bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = max(0, value)
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
