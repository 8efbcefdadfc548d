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
    /// DTSTART as the occurrences count from. Usually DTSTART itself; a whole-day DTSTART with a
    /// date-time DTEND is midnight in DTEND's zone, and a DTEND before DTSTART is the start.
    private(set) var seed: icaltimetype

    init(
        event: OpaquePointer, dtstart written: icaltimetype, dtstartProperty: OpaquePointer,
        scan: ICSLineScanner.Component, resolver: TimeZoneResolver, warnings: WarningLog
    ) throws(ICalendarError) {
        let startLine = scan.line(of: "DTSTART")
        let endLine = scan.line(of: "DTEND")
        let endProperty = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY)
        let durationProperty = icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY)
        let duration = durationProperty.map { Int(icaldurationtype_as_int(icalproperty_get_duration($0))) }
        try EventExpander.checkYear(of: written, property: "DTSTART", line: startLine)
        var dtstart = written
        var startZone: EventTimeZone?
        if dtstart.is_date != 0, let endProperty, icalproperty_get_dtend(endProperty).is_date == 0 {
            // RFC 5545 3.8.2.2 wants both of one kind; Google and Thunderbird have written a whole-day
            // start with a timed end. Read as every reader does: the day's midnight in DTEND's zone.
            let end = icalproperty_get_dtend(endProperty)
            dtstart = Self.midnight(of: dtstart, zone: end.zone)
            startZone = try resolver.zone(of: endProperty, time: end, line: endLine)
            warnings.add(
                startLine, "DTSTART", .mixedDateKinds,
                "a whole day while DTEND has a time: read as midnight that day, in DTEND's time zone")
        } else if dtstart.is_date != 0, endProperty == nil, let duration, duration > 0, duration % 86_400 != 0 {
            // A whole day lasting hours (PT10H): from that day's midnight, in the centre's zone.
            dtstart = Self.midnight(of: dtstart, zone: nil)
            warnings.add(
                scan.line(of: "DURATION"), "DURATION", .mixedDateKinds,
                "is not whole days for a whole-day DTSTART: read as from midnight that day, in the centre's time zone")
        }

        if dtstart.is_date != 0 {
            zone = .utc
            guard let first = LibicalTime.localDate(dtstart) else {
                throw .invalidTime(line: startLine, property: "DTSTART", reason: "is not a real date")
            }
            seed = dtstart
            if let endProperty {
                let end = icalproperty_get_dtend(endProperty)
                guard let last = LibicalTime.localDate(end) else {
                    throw .invalidTime(line: endLine, property: "DTEND", reason: "is not a real date")
                }
                if last == first {
                    // Holiday publishers (Calendar Labs) write DTEND = DTSTART for a one-day holiday.
                    warnings.add(endLine, "DTEND", .sameDayEnd, "read as one day, as if there were no DTEND")
                } else if last < first {
                    Self.warnSwapped(line: endLine, warnings: warnings)
                    var swapped = end
                    swapped.zone = nil
                    seed = swapped
                }
                length = .days(max(1, abs(first.days(to: last))))
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

        let zone: EventTimeZone
        if let startZone {
            zone = startZone
        } else {
            zone = try resolver.zone(of: dtstartProperty, time: dtstart, line: startLine)
        }
        seed = dtstart
        if let endProperty {
            var end = icalproperty_get_dtend(endProperty)
            let endZone: EventTimeZone
            if end.is_date != 0 {
                // The other mixed kind: a whole-day DTEND after a timed start ends at that day's
                // midnight, in DTSTART's zone.
                end = Self.midnight(of: end, zone: dtstart.zone)
                endZone = zone
                warnings.add(
                    endLine, "DTEND", .mixedDateKinds,
                    "a whole day while DTSTART has a time: read as midnight that day, in DTSTART's time zone")
            } else {
                endZone = try resolver.zone(of: endProperty, time: end, line: endLine)
            }
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
            if endInstant < startInstant {
                Self.warnSwapped(line: endLine, warnings: warnings)
                seed = end
                self.zone = endZone
            } else {
                self.zone = zone
            }
            length = .seconds(abs(endInstant.timeIntervalSince(startInstant)))
        } else if let duration {
            guard duration >= 0 else {
                throw .invalidTime(line: scan.line(of: "DURATION"), property: "DURATION", reason: "is negative")
            }
            self.zone = zone
            length = .seconds(TimeInterval(duration))
        } else {
            self.zone = zone
            length = .seconds(0)
        }
        if case let .seconds(seconds) = length, seconds > Double(Self.longestSpanDays) * 86_400 {
            throw .invalidTime(
                line: endProperty == nil ? scan.line(of: "DURATION") : scan.line(of: "DTEND"),
                property: endProperty == nil ? "DURATION" : "DTEND",
                reason: "makes the event last more than \(Self.longestSpanDays) days")
        }
    }

    /// Midnight starting the day of `time`, as a date-time in `zone` (nil: floating).
    private static func midnight(of time: icaltimetype, zone: OpaquePointer?) -> icaltimetype {
        var result = time
        result.is_date = 0
        result.hour = 0
        result.minute = 0
        result.second = 0
        result.zone = zone
        return result
    }

    /// DTEND before DTSTART breaks RFC 5545 3.8.2.2; the two were written the wrong way round
    /// (every reader tried swaps them), so the event runs from DTEND to DTSTART.
    private static func warnSwapped(line: Int, warnings: WarningLog) {
        warnings.add(
            line, "DTEND", .endBeforeStart, "is before DTSTART: read the other way round, from DTEND to DTSTART")
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
