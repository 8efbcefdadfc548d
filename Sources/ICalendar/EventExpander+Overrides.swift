import CLibical
import CareModel
import Foundation

/// Moved occurrences: a VEVENT with a RECURRENCE-ID replaces one occurrence of its series (or,
/// with RANGE=THISANDFUTURE, that one and every later one).
extension EventExpander {
    struct Override {
        /// The occurrence replaced, as the RECURRENCE-ID names it.
        var replaced: Start
        /// The wall-clock day of a date-time RECURRENCE-ID: Exchange names an occurrence of an
        /// all-day series by its local midnight (`RECURRENCE-ID;TZID=...:20260801T000000`).
        var wallDay: LocalDate?
        var thisAndFuture: Bool
        /// Where the replaced occurrence now starts, its length and what it says.
        var newStart: Start
        var shape: EventShape
        var details: Details

        /// Whether this override replaces the occurrence starting at `key` itself.
        func replaces(_ key: Start, zone: ClinicTimeZone) -> Bool {
            if key == replaced { return true }
            if case let .day(day) = key, let wallDay { return day == wallDay }
            return false
        }

        /// `key` moved by the same amount as the occurrence this override names.
        func shifted(_ key: Start) -> Start {
            switch (key, replaced, newStart) {
            case let (.instant(at), .instant(from), .instant(to)):
                .instant(at.addingTimeInterval(to.timeIntervalSince(from)))
            case let (.day(day), .day(from), .day(to)): .day(day.adding(days: from.days(to: to)))
            default: newStart
            }
        }

        /// The THISANDFUTURE override that governs a later occurrence at `key`: the latest one
        /// starting before it (the occurrence it names itself is imported from the override).
        static func latestFromHere(_ overrides: [Override], at key: Start, zone: ClinicTimeZone) -> Override? {
            overrides.filter { $0.thisAndFuture && Self.isAfter(key, $0.replaced, zone: zone) }
                .max { Self.isAfter($1.replaced, $0.replaced, zone: zone) }
        }

        static func isAfter(_ a: Start, _ b: Start, zone: ClinicTimeZone) -> Bool {
            switch (a, b) {
            case let (.instant(x), .instant(y)): x > y
            case let (.day(x), .day(y)): x > y
            case let (.day(x), .instant(y)): x > zone.local(y).date
            case let (.instant(x), .day(y)): zone.local(x).date > y
            }
        }
    }

    /// The override an event with a RECURRENCE-ID makes, or nil for a series or a single event.
    func override(of event: OpaquePointer, scan: ICSLineScanner.Component) throws(ICalendarError) -> Override? {
        guard let property = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY),
            let dtstartProperty = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY)
        else { return nil }
        let line = scan.line(of: "RECURRENCE-ID")
        let time = icalproperty_get_recurrenceid(property)
        let replaced = try start(of: time, property: property, name: "RECURRENCE-ID", line: line)
        var wallDay: LocalDate?
        if time.is_date == 0, case let .instant(at) = replaced {
            wallDay = LibicalTime.isUTC(time) ? clinicZone.local(at).date : LibicalTime.localDate(time)
        }
        let range = icalproperty_get_first_parameter(property, ICAL_RANGE_PARAMETER)
        let dtstart = icalproperty_get_dtstart(dtstartProperty)
        let shape = try EventShape(
            event: event, dtstart: dtstart, dtstartProperty: dtstartProperty, scan: scan,
            resolver: resolver, warnings: warnings)
        return Override(
            replaced: replaced, wallDay: wallDay,
            thisAndFuture: range.map { icalparameter_get_range($0) == ICAL_RANGE_THISANDFUTURE } ?? false,
            newStart: try start(of: shape.seed, zone: shape.zone, name: "DTSTART", line: scan.line(of: "DTSTART")),
            shape: shape, details: Details(event: event, line: scan.beginLine))
    }
}
