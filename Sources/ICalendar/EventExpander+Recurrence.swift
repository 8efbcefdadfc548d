import CLibical
import CareModel
import Foundation

/// RRULE, RDATE and EXDATE: the starts a repeating event lists, each read in its own zone.
extension EventExpander {
    /// Runs libical's recurrence iterator in wall-clock time until the horizon ends.
    func ruleStarts(
        event: OpaquePointer, seed: icaltimetype, shape: EventShape, line: Int
    )
        throws(ICalendarError) -> [Candidate]
    {
        var starts: [Candidate] = []
        var wallClockSeed = seed
        if !LibicalTime.isUTC(seed) { wallClockSeed.zone = nil }
        var property = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY)
        while let current = property {
            var rule = icalproperty_get_rrule(current)
            let ruleText = Self.text(of: &rule)
            rule.until = untilInWallClock(rule.until, seed: seed, zone: shape.zone)
            guard let iterator = icalrecur_iterator_new(rule, wallClockSeed) else {
                throw .ruleNeverMatches(line: line, rule: ruleText)
            }
            defer { icalrecur_iterator_free(iterator) }
            var count = 0
            while true {
                let next = icalrecur_iterator_next(iterator)
                if icaltime_is_null_time(next) != 0 { break }
                count += 1
                // A guard against rules that tick every minute for decades before the horizon.
                if count > maxOccurrences * 100 { throw .tooManyOccurrences(line: line, limit: maxOccurrences) }
                let key = try start(of: next, zone: shape.zone, name: "RRULE", line: line)
                if case let .instant(at) = key, at >= horizon.upperBound { break }
                if case let .day(day) = key, let midnight = clinicZone.instant(on: day, at: .midnight),
                    midnight >= horizon.upperBound
                {
                    break
                }
                starts.append(Candidate(start: key))
                if starts.count > maxOccurrences * 10 { throw .tooManyOccurrences(line: line, limit: maxOccurrences) }
            }
            if count == 0 {
                // UNTIL before DTSTART (a rule shortened to nothing): RFC 5545 3.3.10 bounds the rule
                // by UNTIL, so it adds no date; the event keeps its RDATEs, if any. Any other rule
                // that never matches is a mistake that could hide an absence: refused.
                guard icaltime_is_null_time(rule.until) == 0, icaltime_compare(rule.until, wallClockSeed) < 0 else {
                    throw .ruleNeverMatches(line: line, rule: ruleText)
                }
                warnings.add(
                    line, "RRULE", .ruleRepaired,
                    "UNTIL is before DTSTART: the rule gives no date, so the event gives none (RFC 5545 3.3.10)")
            }
            property = icalcomponent_get_next_property(event, ICAL_RRULE_PROPERTY)
        }
        return starts
    }

    /// UNTIL as the wall clock of the event's zone. Thunderbird, Outlook, Google and Nextcloud
    /// write it in UTC (RFC 5545 requires it with a TZID start), but the iterator runs in wall
    /// clock: compared as written, 23:59:59Z would drop an occurrence at 14:00 Paris on that day.
    /// A whole-day series with a UTC UNTIL is compared with the centre's wall clock.
    private func untilInWallClock(_ until: icaltimetype, seed: icaltimetype, zone: EventTimeZone) -> icaltimetype {
        guard icaltime_is_null_time(until) == 0, until.is_date == 0, LibicalTime.isUTC(until), !LibicalTime.isUTC(seed),
            let instant = LibicalTime.instantOfUTC(until)
        else { return until }
        return seed.is_date != 0 ? EventTimeZone.named(clinicZone).wallClock(instant) : zone.wallClock(instant)
    }

    /// RDATE values, each read in its own zone (a UTC RDATE is UTC, whatever DTSTART's TZID);
    /// a PERIOD keeps its own end or duration.
    func rdateStarts(event: OpaquePointer, scan: ICSLineScanner.Component) throws(ICalendarError) -> [Candidate] {
        var starts: [Candidate] = []
        let line = scan.line(of: "RDATE")
        var property = icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY)
        while let current = property {
            defer { property = icalcomponent_get_next_property(event, ICAL_RDATE_PROPERTY) }
            let value = icalproperty_get_rdate(current)
            if icaltime_is_null_time(value.time) == 0 {
                starts.append(Candidate(start: try start(of: value.time, property: current, name: "RDATE", line: line)))
                continue
            }
            let period = value.period
            guard icaltime_is_null_time(period.start) == 0 else { continue }
            let first = try start(of: period.start, property: current, name: "RDATE", line: line)
            guard case let .instant(begin) = first else {
                starts.append(Candidate(start: first))
                continue
            }
            let end: Date
            if icaltime_is_null_time(period.end) == 0 {
                guard case let .instant(stop) = try start(of: period.end, property: current, name: "RDATE", line: line),
                    stop >= begin
                else {
                    throw .invalidTime(line: line, property: "RDATE", reason: "has a PERIOD that ends before it starts")
                }
                end = stop
            } else {
                end = begin.addingTimeInterval(Double(icaldurationtype_as_int(period.duration)))
            }
            guard end >= begin, end.timeIntervalSince(begin) <= Double(EventShape.longestSpanDays) * 86_400 else {
                throw .invalidTime(
                    line: line, property: "RDATE",
                    reason: "has a PERIOD that is negative or longer than \(EventShape.longestSpanDays) days")
            }
            starts.append(Candidate(start: first, timing: .timed(start: begin, end: end)))
        }
        return starts
    }

    func exdates(event: OpaquePointer, scan: ICSLineScanner.Component) throws(ICalendarError) -> Exclusions {
        var exclusions = Exclusions()
        var property = icalcomponent_get_first_property(event, ICAL_EXDATE_PROPERTY)
        while let current = property {
            let key = try start(
                of: icalproperty_get_exdate(current), property: current, name: "EXDATE",
                line: scan.line(of: "EXDATE"))
            exclusions.starts.insert(key)
            property = icalcomponent_get_next_property(event, ICAL_EXDATE_PROPERTY)
        }
        return exclusions
    }

    static func text(of rule: inout icalrecurrencetype) -> String {
        guard let text = icalrecurrencetype_as_string_r(&rule) else { return "RRULE" }
        defer { icalmemory_free_buffer(text) }
        return String(cString: text)
    }
}
