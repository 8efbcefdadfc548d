import CLibical
import CareModel
import Foundation

/// Reads one VEVENT and lists its occurrences inside the horizon, RRULE/RDATE/EXDATE applied and
/// moved occurrences (RECURRENCE-ID, RANGE=THISANDFUTURE included) put where they were moved.
///
/// Works on libical pointers owned by the parsed calendar; only Swift values come out.
struct EventExpander {
    let resolver: TimeZoneResolver
    let clinicZone: ClinicTimeZone
    let horizon: Range<Date>
    /// Most occurrences of one event (one repeat rule) in the horizon.
    let maxOccurrences: Int
    /// Most occurrences of the whole file.
    let maxEvents: Int
    let warnings: WarningLog
    /// Occurrences produced so far across the whole file, checked against `maxEvents`.
    private(set) var produced = 0

    init(
        resolver: TimeZoneResolver, clinicZone: ClinicTimeZone, horizon: Range<Date>, maxOccurrences: Int,
        maxEvents: Int, warnings: WarningLog
    ) {
        self.resolver = resolver
        self.clinicZone = clinicZone
        self.horizon = horizon
        self.maxOccurrences = maxOccurrences
        self.maxEvents = maxEvents
        self.warnings = warnings
    }

    /// Where an occurrence starts: a day for all-day events, an instant otherwise.
    enum Start: Hashable {
        case day(LocalDate)
        case instant(Date)
    }

    /// One start to consider, with its own span when an RDATE gives a PERIOD.
    struct Candidate {
        var start: Start
        var timing: ImportedEvent.Timing?
    }

    /// The occurrences of `event` in the horizon; `starts` receives every start of the series up
    /// to the horizon's end (EXDATEs removed), which a moved occurrence must name to count.
    mutating func occurrences(
        of event: OpaquePointer, scan: ICSLineScanner.Component, overrides: [Override], starts: inout Set<Start>
    ) throws(ICalendarError) -> [ImportedEvent] {
        guard let dtstartProperty = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY) else {
            throw .missingProperty(line: scan.beginLine, property: "DTSTART")
        }
        let dtstart = icalproperty_get_dtstart(dtstartProperty)
        let line = scan.line(of: "DTSTART")
        let shape = try EventShape(
            event: event, dtstart: dtstart, dtstartProperty: dtstartProperty,
            scan: scan, resolver: resolver, warnings: warnings)
        let isMoved = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY) != nil
        var candidates: [Candidate] = []
        if isMoved || icalcomponent_count_properties(event, ICAL_RRULE_PROPERTY) == 0 {
            candidates.append(
                Candidate(start: try start(of: shape.seed, zone: shape.zone, name: "DTSTART", line: line)))
        } else {
            candidates += try ruleStarts(event: event, seed: shape.seed, shape: shape, line: scan.line(of: "RRULE"))
        }
        if isMoved {
            // One moved occurrence is one occurrence: a rule it carries would repeat the move.
            for name in ["RRULE", "RDATE"] where scan.properties.contains(where: { $0.name == name }) {
                warnings.add(
                    scan.line(of: name), name, .ruleInMovedOccurrence,
                    "ignored: this event moves one occurrence (RECURRENCE-ID), so it is imported once")
            }
        } else {
            candidates += try rdateStarts(event: event, scan: scan)
        }

        let excluded = isMoved ? Exclusions() : try exdates(event: event, scan: scan)
        let details = Details(event: event, line: scan.beginLine)
        var seen = Set<Start>()
        defer { starts.formUnion(seen) }
        var result: [ImportedEvent] = []
        var count = 0
        for candidate in candidates {
            let key = candidate.start
            guard !seen.contains(key), !excluded.contains(key, zone: clinicZone) else { continue }
            seen.insert(key)
            if overrides.contains(where: { $0.replaces(key, zone: clinicZone) }) { continue }
            var timing: ImportedEvent.Timing
            if let own = candidate.timing {
                timing = own
            } else {
                timing = try shape.timing(startingAt: key, line: line)
            }
            var occurrence = details
            if let moved = Override.latestFromHere(overrides, at: key, zone: clinicZone) {
                // RANGE=THISANDFUTURE: this occurrence moves by the same amount and takes the new details.
                timing = try moved.shape.timing(startingAt: moved.shifted(key), line: moved.details.line)
                occurrence = moved.details
            }
            guard overlapsHorizon(timing) else { continue }
            count += 1
            produced += 1
            if count > maxOccurrences { throw .tooManyOccurrences(line: scan.line(of: "RRULE"), limit: maxOccurrences) }
            if produced > maxEvents { throw .tooManyEvents(limit: maxEvents) }
            result.append(occurrence.event(timing))
        }
        return result
    }

    /// Whether `override` names an occurrence among `starts`, or lies beyond the horizon (where
    /// the series was not expanded, so nothing can be said).
    func names(_ override: Override, in starts: Set<Start>) -> Bool {
        if starts.contains(override.replaced) { return true }
        if let day = override.wallDay, starts.contains(.day(day)) { return true }
        switch override.replaced {
        case let .instant(at): return at >= horizon.upperBound
        case let .day(day):
            return (clinicZone.instant(on: day, at: .midnight) ?? horizon.upperBound) >= horizon.upperBound
        }
    }

    /// The start of `time` read in the zone of `property` (a DATE is a day, whatever the zone).
    func start(
        of time: icaltimetype, property: OpaquePointer, name: String, line: Int
    )
        throws(ICalendarError) -> Start
    {
        if time.is_date != 0 { return try start(of: time, zone: .utc, name: name, line: line) }
        return try start(of: time, zone: resolver.zone(of: property, time: time, line: line), name: name, line: line)
    }

    func start(
        of time: icaltimetype, zone: EventTimeZone, name: String, line: Int
    )
        throws(ICalendarError) -> Start
    {
        try Self.checkYear(of: time, property: name, line: line)
        if time.is_date != 0 {
            guard let day = LibicalTime.localDate(time) else {
                throw .invalidTime(line: line, property: name, reason: "is not a real date")
            }
            return .day(day)
        }
        guard let resolved = zone.resolve(time) else {
            throw .invalidTime(line: line, property: name, reason: "is not a time that exists on that day")
        }
        if resolved.shifted { Self.warnGap(time, name: name, line: line, warnings: warnings) }
        return .instant(resolved.instant)
    }

    /// Says that a wall-clock time in the spring-forward gap was read as the time after it.
    static func warnGap(_ time: icaltimetype, name: String, line: Int, warnings: WarningLog) {
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = LibicalTime.localDate(time)?.iso ?? "that day"
        warnings.add(
            line, name, .springForwardGap,
            "\(two(time.hour)):\(two(time.minute)) does not exist on \(day) (the clocks go forward); "
                + "read as \(two(time.hour + 1)):\(two(time.minute)), the time after the gap (RFC 5545 3.3.5)")
    }

    /// libical reads `+0290501` as the year 29 (found by the fuzzer); a span from then to today
    /// would close the centre for 700,000 days. No absence or holiday is that far from now.
    static func checkYear(of time: icaltimetype, property: String, line: Int) throws(ICalendarError) {
        guard (1900...2200).contains(Int(time.year)) else {
            throw .invalidTime(
                line: line, property: property,
                reason: "is in the year \(time.year), expected a year from 1900 to 2200")
        }
    }

    private func overlapsHorizon(_ timing: ImportedEvent.Timing) -> Bool {
        switch timing {
        case let .timed(start, end):
            return start < horizon.upperBound
                && (end > horizon.lowerBound || (start == end && start >= horizon.lowerBound))
        case let .allDay(first, end):
            guard let start = clinicZone.instant(on: first, at: .midnight),
                let stop = clinicZone.instant(on: end, at: .midnight)
            else { return true }
            return start < horizon.upperBound && stop > horizon.lowerBound
        }
    }
}

/// What every occurrence of one VEVENT says besides its time.
struct Details {
    var uid: String?
    var summary: String
    var location: String?
    var cancelled: Bool
    var line: Int

    init(event: OpaquePointer, line: Int) {
        uid = swiftString(icalcomponent_get_uid(event))
        summary = swiftString(icalcomponent_get_summary(event)) ?? ""
        location = swiftString(icalcomponent_get_location(event))
        cancelled = icalcomponent_get_status(event) == ICAL_STATUS_CANCELLED
        self.line = line
    }

    func event(_ timing: ImportedEvent.Timing) -> ImportedEvent {
        ImportedEvent(
            uid: uid, summary: summary, location: location, timing: timing, isCancelled: cancelled, line: line)
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
