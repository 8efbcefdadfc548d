import CLibical
import CareModel
import Foundation

/// How the wall-clock times of one property become instants.
///
/// `.definedInFile` holds a zone owned by the parsed calendar: it is only valid while that
/// calendar is alive, which is why this type never leaves the module.
enum EventTimeZone {
    case utc
    case named(ClinicTimeZone)
    case definedInFile(OpaquePointer)

    /// The instant the wall clock in this zone shows `time`; nil inside a spring-forward gap.
    func instant(of time: icaltimetype) -> Date? {
        switch self {
        case .utc:
            return LibicalTime.instantOfUTC(time)
        case let .named(zone):
            guard let day = LibicalTime.localDate(time),
                let minute = LocalTime(minutes: (Int(time.hour) * 60 + Int(time.minute)) % 1440),
                let base = zone.instant(on: day, at: minute)
            else { return nil }
            return base.addingTimeInterval(Double(time.second))
        case let .definedInFile(zone):
            var floating = time
            floating.zone = nil
            floating.is_date = 0
            return Date(timeIntervalSince1970: Double(icaltime_as_timet_with_zone(floating, zone)))
        }
    }

    /// The instant of `time`, and whether it fell in a spring-forward gap. One rule for DTSTART,
    /// DTEND, RDATE and each RRULE occurrence (RFC 5545 3.3.5): a time that does not exist is read
    /// with the offset before the gap, i.e. as the same distance after the gap (02:30 → 03:30).
    func resolve(_ time: icaltimetype) -> (instant: Date, shifted: Bool)? {
        if let instant = instant(of: time) { return (instant, false) }
        var later = time
        later.hour += 1
        guard later.hour < 24, let after = instant(of: later) else { return nil }
        return (after, true)
    }

    /// The wall-clock time this zone shows at `instant`, with no zone attached (for UNTIL).
    func wallClock(_ instant: Date) -> icaltimetype {
        switch self {
        case .utc:
            var time = LibicalTime.utc(instant)
            time.zone = nil
            return time
        case let .named(zone):
            return LibicalTime.wallClock(instant, in: zone)
        case let .definedInFile(zone):
            var time = icaltime_from_timet_with_zone(time_t(instant.timeIntervalSince1970.rounded(.down)), 0, zone)
            time.zone = nil
            return time
        }
    }
}

/// Finds the zone a TZID names: IANA names first, then the Windows names Outlook writes,
/// then a VTIMEZONE in the file itself if it is simple enough to trust.
struct TimeZoneResolver {
    let calendar: OpaquePointer
    let clinicZone: ClinicTimeZone
    let warnings: WarningLog

    /// Names Outlook writes for the zone Paris is in (same rules since 1996).
    static let windowsNamesForParis: Set<String> = [
        "Romance Standard Time", "W. Europe Standard Time",
        "Central Europe Standard Time", "Central European Standard Time",
    ]

    /// The zone of a date-time property: its TZID, `Z` for UTC, or the centre's zone when floating.
    func zone(of property: OpaquePointer, time: icaltimetype, line: Int) throws(ICalendarError) -> EventTimeZone {
        if LibicalTime.isUTC(time) { return .utc }
        guard let parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER),
            let tzid = swiftString(icalparameter_get_tzid(parameter))
        else { return .named(clinicZone) }
        return try zone(named: tzid, line: line)
    }

    func zone(named rawTZID: String, line: Int) throws(ICalendarError) -> EventTimeZone {
        let tzid = rawTZID.trimmingCharacters(in: .whitespaces)
        if let zone = Self.ianaZone(tzid) { return .named(zone) }
        if Self.windowsNamesForParis.contains(tzid) {
            return .named(ClinicTimeZone(identifier: "Europe/Paris") ?? clinicZone)
        }
        if let defined = icalcomponent_get_timezone(calendar, rawTZID) {
            try checkSimple(defined, tzid: tzid, line: line)
            return .definedInFile(defined)
        }
        if let written = definitionNamedLoosely(tzid), let defined = icalcomponent_get_timezone(calendar, written) {
            // Exchange has written `TZID:Pacific Standard Time:` and used `Pacific Standard Time`.
            try checkSimple(defined, tzid: tzid, line: line)
            warnings.add(
                line, "TZID", .zoneNameMismatch,
                "'\(tzid)' is defined as '\(written)' (the same name but for spaces or colons); that definition is used"
            )
            return .definedInFile(defined)
        }
        if tzid.hasSuffix(" Standard Time") { throw .unsupportedWindowsZone(line: line, name: tzid) }
        throw .unknownTimeZone(line: line, tzid: tzid)
    }

    /// An IANA zone, also behind libical's `/freeassociation.sourceforge.net/Europe/Paris` style prefixes.
    static func ianaZone(_ tzid: String) -> ClinicTimeZone? {
        var candidate = Substring(tzid)
        while true {
            if candidate.contains("/") || candidate == "UTC" || candidate == "GMT",
                let zone = ClinicTimeZone(identifier: String(candidate))
            {
                return zone
            }
            guard let slash = candidate.firstIndex(of: "/") else { return nil }
            candidate = candidate[candidate.index(after: slash)...]
        }
    }

    /// The TZID of the file's one VTIMEZONE whose name is `tzid` but for spaces and colons around it.
    private func definitionNamedLoosely(_ tzid: String) -> String? {
        let trimmed = CharacterSet.whitespaces.union(CharacterSet(charactersIn: ":"))
        let wanted = tzid.trimmingCharacters(in: trimmed)
        var matches: [String] = []
        var component = icalcomponent_get_first_component(calendar, ICAL_VTIMEZONE_COMPONENT)
        while let current = component {
            if let property = icalcomponent_get_first_property(current, ICAL_TZID_PROPERTY),
                let written = swiftString(icalproperty_get_tzid(property)),
                written.trimmingCharacters(in: trimmed) == wanted
            {
                matches.append(written)
            }
            component = icalcomponent_get_next_component(calendar, ICAL_VTIMEZONE_COMPONENT)
        }
        return matches.count == 1 ? matches[0] : nil
    }

    /// A VTIMEZONE is trusted when it has at most one standard and one daylight part, each with
    /// an offset and at most one yearly rule: the shape Outlook and Google write for today's rules.
    private func checkSimple(_ zone: OpaquePointer, tzid: String, line: Int) throws(ICalendarError) {
        guard let component = icaltimezone_get_component(zone) else {
            throw .unsupportedTimeZoneDefinition(line: line, tzid: tzid, reason: "it has no definition")
        }
        var standard = 0, daylight = 0
        var part = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT)
        while let current = part {
            switch icalcomponent_isa(current) {
            case ICAL_XSTANDARD_COMPONENT: standard += 1
            case ICAL_XDAYLIGHT_COMPONENT: daylight += 1
            default: break
            }
            if icalcomponent_count_properties(current, ICAL_TZOFFSETTO_PROPERTY) != 1 {
                throw .unsupportedTimeZoneDefinition(line: line, tzid: tzid, reason: "a part has no single TZOFFSETTO")
            }
            if icalcomponent_count_properties(current, ICAL_RDATE_PROPERTY) > 0
                || icalcomponent_count_properties(current, ICAL_RRULE_PROPERTY) > 1
            {
                throw .unsupportedTimeZoneDefinition(line: line, tzid: tzid, reason: "it lists historical changes")
            }
            part = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)
        }
        guard standard + daylight >= 1, standard <= 1, daylight <= 1 else {
            throw .unsupportedTimeZoneDefinition(
                line: line, tzid: tzid,
                reason: "\(standard) STANDARD and \(daylight) DAYLIGHT parts; expected at most one of each")
        }
    }
}
