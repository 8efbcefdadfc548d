import CLibical
import CareModel
import Foundation

/// Reads one VEVENT and lists its occurrences inside the horizon, RRULE/RDATE/EXDATE applied.
///
/// Works on libical pointers owned by the parsed calendar; only Swift values come out.
struct EventExpander {
    let resolver: TimeZoneResolver
    let clinicZone: ClinicTimeZone
    let horizon: Range<Date>
    let maxOccurrences: Int
    /// Occurrences produced so far across the whole file, checked against `maxOccurrences`.
    private(set) var produced = 0

    init(resolver: TimeZoneResolver, clinicZone: ClinicTimeZone, horizon: Range<Date>, maxOccurrences: Int) {
        self.resolver = resolver
        self.clinicZone = clinicZone
        self.horizon = horizon
        self.maxOccurrences = maxOccurrences
    }

    /// Where an occurrence starts: a day for all-day events, an instant otherwise.
    enum Start: Hashable {
        case day(LocalDate)
        case instant(Date)
    }

    /// The start written in an event's RECURRENCE-ID, so the master can drop that occurrence.
    func recurrenceID(of event: OpaquePointer, scan: ICSLineScanner.Component) throws(ICalendarError) -> Start? {
        guard let property = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY) else { return nil }
        return try start(of: icalproperty_get_recurrenceid(property), property: property,
                         name: "RECURRENCE-ID", line: scan.line(of: "RECURRENCE-ID"))
    }

    mutating func occurrences(
        of event: OpaquePointer, scan: ICSLineScanner.Component, overridden: Set<Start>
    ) throws(ICalendarError) -> [ImportedEvent] {
        guard let dtstartProperty = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY) else {
            throw .missingProperty(line: scan.beginLine, property: "DTSTART")
        }
        let dtstart = icalproperty_get_dtstart(dtstartProperty)
        let line = scan.line(of: "DTSTART")
        let shape = try EventShape(event: event, dtstart: dtstart, dtstartProperty: dtstartProperty,
                                   scan: scan, resolver: resolver)
        var starts: [icaltimetype] = []
        if icalcomponent_count_properties(event, ICAL_RRULE_PROPERTY) == 0 {
            starts.append(dtstart)
        } else {
            starts += try ruleStarts(event: event, seed: dtstart, shape: shape, line: scan.line(of: "RRULE"))
        }
        starts += rdateStarts(event: event)

        let excluded = try exdates(event: event, scan: scan)
        let summary = swiftString(icalcomponent_get_summary(event)) ?? ""
        let uid = swiftString(icalcomponent_get_uid(event))
        let location = swiftString(icalcomponent_get_location(event))
        let cancelled = icalcomponent_get_status(event) == ICAL_STATUS_CANCELLED
        var seen = Set<Start>()
        var result: [ImportedEvent] = []
        for wallClock in starts {
            let key = try start(of: wallClock, zone: shape.zone, name: "DTSTART", line: line)
            guard !seen.contains(key), !overridden.contains(key), !excluded.contains(key, zone: clinicZone)
            else { continue }
            seen.insert(key)
            let timing = try shape.timing(startingAt: key, line: line)
            guard overlapsHorizon(timing) else { continue }
            produced += 1
            if produced > maxOccurrences { throw .tooManyOccurrences(line: scan.line(of: "RRULE"), limit: maxOccurrences) }
            result.append(ImportedEvent(uid: uid, summary: summary, location: location, timing: timing, isCancelled: cancelled,
                                        line: scan.beginLine))
        }
        return result
    }

    /// Runs libical's recurrence iterator in wall-clock time until the horizon ends.
    private func ruleStarts(event: OpaquePointer, seed: icaltimetype, shape: EventShape, line: Int)
        throws(ICalendarError) -> [icaltimetype] {
        var starts: [icaltimetype] = []
        var wallClockSeed = seed
        if !LibicalTime.isUTC(seed) { wallClockSeed.zone = nil }
        var property = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY)
        while let current = property {
            var rule = icalproperty_get_rrule(current)
            let ruleText = Self.text(of: &rule)
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
                   midnight >= horizon.upperBound { break }
                starts.append(next)
                if starts.count > maxOccurrences * 10 { throw .tooManyOccurrences(line: line, limit: maxOccurrences) }
            }
            if count == 0 { throw .ruleNeverMatches(line: line, rule: ruleText) }
            property = icalcomponent_get_next_property(event, ICAL_RRULE_PROPERTY)
        }
        return starts
    }

    private func rdateStarts(event: OpaquePointer) -> [icaltimetype] {
        var starts: [icaltimetype] = []
        var property = icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY)
        while let current = property {
            let value = icalproperty_get_rdate(current)
            let time = icaltime_is_null_time(value.time) == 0 ? value.time : value.period.start
            if icaltime_is_null_time(time) == 0 { starts.append(time) }
            property = icalcomponent_get_next_property(event, ICAL_RDATE_PROPERTY)
        }
        return starts
    }

    private func exdates(event: OpaquePointer, scan: ICSLineScanner.Component) throws(ICalendarError) -> Exclusions {
        var exclusions = Exclusions()
        var property = icalcomponent_get_first_property(event, ICAL_EXDATE_PROPERTY)
        while let current = property {
            let key = try start(of: icalproperty_get_exdate(current), property: current, name: "EXDATE",
                                line: scan.line(of: "EXDATE"))
            exclusions.starts.insert(key)
            property = icalcomponent_get_next_property(event, ICAL_EXDATE_PROPERTY)
        }
        return exclusions
    }

    private func start(of time: icaltimetype, property: OpaquePointer, name: String, line: Int)
        throws(ICalendarError) -> Start {
        if time.is_date != 0 { return try start(of: time, zone: .utc, name: name, line: line) }
        return try start(of: time, zone: resolver.zone(of: property, time: time, line: line), name: name, line: line)
    }

    private func start(of time: icaltimetype, zone: EventTimeZone, name: String, line: Int)
        throws(ICalendarError) -> Start {
        try Self.checkYear(of: time, property: name, line: line)
        if time.is_date != 0 {
            guard let day = LibicalTime.localDate(time) else {
                throw .invalidTime(line: line, property: name, reason: "is not a real date")
            }
            return .day(day)
        }
        if let instant = zone.instant(of: time) { return .instant(instant) }
        // Inside the spring-forward gap: RFC 5545 reads the time with the offset before the gap.
        var later = time
        later.hour += 1
        if later.hour < 24, let instant = zone.instant(of: later) { return .instant(instant) }
        throw .invalidTime(line: line, property: name, reason: "is not a time that exists on that day")
    }

    /// libical reads `+0290501` as the year 29 (found by the fuzzer); a span from then to today
    /// would close the centre for 700,000 days. No absence or holiday is that far from now.
    static func checkYear(of time: icaltimetype, property: String, line: Int) throws(ICalendarError) {
        guard (1900...2200).contains(Int(time.year)) else {
            throw .invalidTime(line: line, property: property,
                               reason: "is in the year \(time.year), expected a year from 1900 to 2200")
        }
    }

    private func overlapsHorizon(_ timing: ImportedEvent.Timing) -> Bool {
        switch timing {
        case let .timed(start, end):
            return start < horizon.upperBound && (end > horizon.lowerBound || (start == end && start >= horizon.lowerBound))
        case let .allDay(first, end):
            guard let start = clinicZone.instant(on: first, at: .midnight),
                  let stop = clinicZone.instant(on: end, at: .midnight)
            else { return true }
            return start < horizon.upperBound && stop > horizon.lowerBound
        }
    }

    static func text(of rule: inout icalrecurrencetype) -> String {
        guard let text = icalrecurrencetype_as_string_r(&rule) else { return "RRULE" }
        defer { icalmemory_free_buffer(text) }
        return String(cString: text)
    }
}

/// EXDATE values; a date-only EXDATE on a timed event removes that whole local day.
struct Exclusions {
    var starts = Set<EventExpander.Start>()

    func contains(_ key: EventExpander.Start, zone: ClinicTimeZone) -> Bool {
        if starts.contains(key) { return true }
        if case let .instant(at) = key { return starts.contains(.day(zone.local(at).date)) }
        return false
    }
}
