import CLibical
import CareModel
import Foundation

/// What every occurrence of one VEVENT shares: its zone and its length.
struct EventShape {
    enum Length {
        case days(Int)
        case seconds(TimeInterval)
    }

    let zone: EventTimeZone
    let length: Length

    init(
        event: OpaquePointer, dtstart: icaltimetype, dtstartProperty: OpaquePointer,
        scan: ICSLineScanner.Component, resolver: TimeZoneResolver, warnings: WarningLog
    ) throws(ICalendarError) {
        let startLine = scan.line(of: "DTSTART")
        let endProperty = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY)
        let durationProperty = icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY)
        let duration = durationProperty.map { Int(icaldurationtype_as_int(icalproperty_get_duration($0))) }
        try EventExpander.checkYear(of: dtstart, property: "DTSTART", line: startLine)

        if dtstart.is_date != 0 {
            zone = .utc
            guard let first = LibicalTime.localDate(dtstart) else {
                throw .invalidTime(line: startLine, property: "DTSTART", reason: "is not a real date")
            }
            if let endProperty {
                let end = icalproperty_get_dtend(endProperty)
                let endLine = scan.line(of: "DTEND")
                guard end.is_date != 0 else {
                    throw .invalidTime(
                        line: endLine, property: "DTEND",
                        reason: "has a time but DTSTART is a whole day; expected DTEND;VALUE=DATE")
                }
                guard let last = LibicalTime.localDate(end), last >= first else {
                    throw .invalidTime(
                        line: endLine, property: "DTEND",
                        reason: "is not after DTSTART; expected the day after the last day")
                }
                if last == first {
                    // Holiday publishers (Calendar Labs) write DTEND = DTSTART for a one-day holiday.
                    warnings.add(endLine, "DTEND", .sameDayEnd, "read as one day, as if there were no DTEND")
                }
                length = .days(max(1, first.days(to: last)))
            } else if let duration {
                guard duration >= 86_400 else {
                    throw .invalidTime(
                        line: scan.line(of: "DURATION"), property: "DURATION",
                        reason: "is shorter than a day for a whole-day event")
                }
                length = .days(duration / 86_400)
            } else {
                length = .days(1)
            }
            if case let .days(days) = length, days > Self.longestSpanDays {
                throw .invalidTime(
                    line: endProperty == nil ? scan.line(of: "DURATION") : scan.line(of: "DTEND"),
                    property: endProperty == nil ? "DURATION" : "DTEND",
                    reason: "makes the event last \(days) days; expected at most \(Self.longestSpanDays)")
            }
            return
        }

        zone = try resolver.zone(of: dtstartProperty, time: dtstart, line: startLine)
        if let endProperty {
            let end = icalproperty_get_dtend(endProperty)
            let endLine = scan.line(of: "DTEND")
            guard end.is_date == 0 else {
                throw .invalidTime(
                    line: endLine, property: "DTEND",
                    reason: "is a whole day but DTSTART has a time; expected a date and time")
            }
            let endZone = try resolver.zone(of: endProperty, time: end, line: endLine)
            // The same rule as every other start (``EventTimeZone/resolve(_:)``): a time in the
            // spring-forward gap is read as the time after it, with a warning.
            guard let start = zone.resolve(dtstart) else {
                throw .invalidTime(
                    line: startLine, property: "DTSTART", reason: "is not a time that exists on that day")
            }
            guard let stop = endZone.resolve(end) else {
                throw .invalidTime(line: endLine, property: "DTEND", reason: "is not a time that exists on that day")
            }
            if start.shifted { EventExpander.warnGap(dtstart, name: "DTSTART", line: startLine, warnings: warnings) }
            if stop.shifted { EventExpander.warnGap(end, name: "DTEND", line: endLine, warnings: warnings) }
            let startInstant = start.instant, endInstant = stop.instant
            guard endInstant >= startInstant else {
                throw .invalidTime(line: endLine, property: "DTEND", reason: "is before DTSTART")
            }
            length = .seconds(endInstant.timeIntervalSince(startInstant))
        } else if let duration {
            guard duration >= 0 else {
                throw .invalidTime(line: scan.line(of: "DURATION"), property: "DURATION", reason: "is negative")
            }
            length = .seconds(TimeInterval(duration))
        } else {
            length = .seconds(0)
        }
        if case let .seconds(seconds) = length, seconds > Double(Self.longestSpanDays) * 86_400 {
            throw .invalidTime(
                line: endProperty == nil ? scan.line(of: "DURATION") : scan.line(of: "DTEND"),
                property: endProperty == nil ? "DURATION" : "DTEND",
                reason: "makes the event last more than \(Self.longestSpanDays) days")
        }
    }

    /// Ten years: longer than any absence or closure a centre plans, short enough that turning an
    /// event into days (a closed day each) stays cheap. Found by the fuzzer, with a start in year 29.
    static let longestSpanDays = 3_660

    /// The occurrence that starts at `start`.
    func timing(
        startingAt start: EventExpander.Start, line: Int
    )
        throws(ICalendarError) -> ImportedEvent.Timing
    {
        switch (start, length) {
        case let (.day(first), .days(days)):
            return .allDay(firstDay: first, endExclusive: first.adding(days: days))
        case let (.instant(at), .seconds(seconds)):
            return .timed(start: at, end: at.addingTimeInterval(seconds))
        default:
            throw .invalidTime(
                line: line, property: "RDATE",
                reason: "mixes a whole day and a date with a time; expected the same kind as DTSTART")
        }
    }
}
