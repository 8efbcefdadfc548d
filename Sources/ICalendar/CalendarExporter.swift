import CLibical
import CareModel
import Foundation

/// Turns a `CalendarFeed` into RFC 5545 text that Outlook, Google, Apple and Thunderbird accept.
///
/// libical writes the text (escaping, CRLF, folding at 75 octets); this type decides what goes in
/// and in which order, so that the same feed always gives the same bytes.
public enum CalendarExporter {
    public static let productID = "-//Parcours//Parcours 1.0//FR"

    /// The feed as iCalendar text with CRLF line ends.
    public static func ics(_ feed: CalendarFeed) throws(ICalendarError) -> String {
        guard feed.timeZone.identifier == ParisTimeZoneComponent.tzid else {
            throw .unsupportedExportTimeZone(identifier: feed.timeZone.identifier)
        }
        guard feed.refreshMinutes >= 1 else { throw .invalidRefreshInterval(minutes: feed.refreshMinutes) }
        for event in feed.events {
            guard event.end > event.start else { throw .endNotAfterStart(uid: event.uid) }
            try checkCategories(event.categories, uid: event.uid)
        }
        for event in feed.allDayEvents {
            guard event.endExclusive > event.firstDay else { throw .endNotAfterStart(uid: event.uid) }
            try checkCategories(event.categories, uid: event.uid)
        }

        LibicalSetup.nonFatalErrors
        guard let calendar = icalcomponent_new_vcalendar() else {
            throw .libicalFailure("could not create a VCALENDAR")
        }
        defer { icalcomponent_free(calendar) }
        addHeader(to: calendar, feed: feed)
        icalcomponent_add_component(calendar, ParisTimeZoneComponent.make())

        // libical writes a component as its properties, then its children in order, then END.
        // Events are written one by one after the header rather than hung on the calendar and
        // written as one tree: the same bytes, a fraction of the memory, and 100,000 sessions in
        // well under a second (see TimedEventWriter and docs/performance.md).
        var header = try text(of: calendar)
        let end = "END:VCALENDAR\r\n"
        guard header.hasSuffix(end) else { throw .libicalFailure("the calendar text does not end with \(end)") }
        header.removeLast(end.count)
        // libical escapes only `\` in an X- property; X-WR-CALNAME is TEXT, so `,` and `;` are
        // escaped too (a name "Équipe, Poitiers" would otherwise read as two values).
        let placeholder = "X-WR-CALNAME:\(Self.namePlaceholder)\r\n"
        guard let slot = header.range(of: placeholder) else {
            throw .libicalFailure("the calendar name was not written")
        }
        header.replaceSubrange(slot, with: Self.textLine("X-WR-CALNAME", feed.name))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(header.utf8.count + (feed.events.count + feed.allDayEvents.count) * 400)
        bytes.append(contentsOf: header.utf8)
        for event in feed.allDayEvents.sorted(by: { ($0.firstDay, $0.uid) < ($1.firstDay, $1.uid) }) {
            try append(makeAllDayEvent(event), to: &bytes)
        }
        let writer = try TimedEventWriter(zone: feed.timeZone, tzid: ParisTimeZoneComponent.tzid)
        for event in feed.events.sorted(by: { ($0.start, $0.uid) < ($1.start, $1.uid) }) {
            try writer.write(event, into: &bytes)
        }
        bytes.append(contentsOf: end.utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `component` as text, appends it, and frees the component.
    private static func append(_ component: OpaquePointer?, to bytes: inout [UInt8]) throws(ICalendarError) {
        guard let component else { throw .libicalFailure("could not create a VEVENT") }
        defer { icalcomponent_free(component) }
        guard let text = icalcomponent_as_ical_string_r(component) else {
            throw .libicalFailure("could not write an event as text")
        }
        defer { icalmemory_free_buffer(text) }
        let length = strlen(text)
        text.withMemoryRebound(to: UInt8.self, capacity: length) { pointer in
            bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: length))
        }
    }

    private static func text(of component: OpaquePointer) throws(ICalendarError) -> String {
        guard let text = icalcomponent_as_ical_string_r(component) else {
            throw .libicalFailure("could not write the calendar as text")
        }
        defer { icalmemory_free_buffer(text) }
        return String(cString: text)
    }

    /// Categories are written comma-separated and libical does not escape commas inside them.
    private static func checkCategories(_ categories: [String], uid: String) throws(ICalendarError) {
        for category in categories where category.utf8.contains(where: { Self.separators.contains($0) }) {
            throw .invalidCategory(uid: uid, category: category)
        }
    }

    private static let separators: Set<UInt8> = Set(",;\\\n\r".utf8)

    private static func addHeader(to calendar: OpaquePointer, feed: CalendarFeed) {
        icalcomponent_add_property(calendar, icalproperty_new_prodid(productID))
        icalcomponent_add_property(calendar, icalproperty_new_version("2.0"))
        icalcomponent_add_property(calendar, icalproperty_new_calscale("GREGORIAN"))
        icalcomponent_add_property(calendar, icalproperty_new_method(ICAL_METHOD_PUBLISH))
        icalcomponent_add_property(calendar, xProperty("X-WR-CALNAME", namePlaceholder))
        icalcomponent_add_property(calendar, xProperty("X-WR-TIMEZONE", feed.timeZone.identifier))
        let refresh = duration(minutes: feed.refreshMinutes)
        let interval = icalproperty_new_refreshinterval(refresh)
        icalproperty_add_parameter(interval, icalparameter_new_value(ICAL_VALUE_DURATION))
        icalcomponent_add_property(calendar, interval)
        icalcomponent_add_property(calendar, xProperty("X-PUBLISHED-TTL", durationText(refresh)))
    }

    private static func makeAllDayEvent(_ event: AllDayEvent) -> OpaquePointer? {
        guard let component = icalcomponent_new_vevent() else { return nil }
        icalcomponent_add_property(component, icalproperty_new_uid(event.uid))
        icalcomponent_add_property(component, icalproperty_new_dtstamp(LibicalTime.utc(event.stamp)))
        icalcomponent_add_property(component, dated(icalproperty_new_dtstart(LibicalTime.date(event.firstDay))))
        icalcomponent_add_property(component, dated(icalproperty_new_dtend(LibicalTime.date(event.endExclusive))))
        icalcomponent_add_property(component, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT))
        if !event.categories.isEmpty {
            icalcomponent_add_property(component, icalproperty_new_categories(event.categories.joined(separator: ",")))
        }
        icalcomponent_add_property(component, icalproperty_new_summary(event.summary))
        return component
    }

    private static let namePlaceholder = "PARCOURS-CALENDAR-NAME"

    /// `NAME:value` with the value escaped as RFC 5545 TEXT (`\\`, `\;`, `\,`, `\n`) and folded at
    /// 75 octets without splitting a UTF-8 character, CRLF-terminated: what libical does for SUMMARY.
    static func textLine(_ name: String, _ value: String) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\n": escaped += "\\n"
            case "\r": continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        var result = "", length = 0
        for scalar in (name + ":" + escaped).unicodeScalars {
            let size = String(scalar).utf8.count
            if length + size > 75 {
                result += "\r\n "
                length = 1
            }
            result.unicodeScalars.append(scalar)
            length += size
        }
        return result + "\r\n"
    }

    private static func zoned(_ property: OpaquePointer?) -> OpaquePointer? {
        icalproperty_add_parameter(property, icalparameter_new_tzid(ParisTimeZoneComponent.tzid))
        return property
    }

    private static func dated(_ property: OpaquePointer?) -> OpaquePointer? {
        icalproperty_add_parameter(property, icalparameter_new_value(ICAL_VALUE_DATE))
        return property
    }

    private static func xProperty(_ name: String, _ value: String) -> OpaquePointer? {
        let property = icalproperty_new_x(value)
        icalproperty_set_x_name(property, name)
        return property
    }

    private static func duration(minutes: Int) -> icaldurationtype {
        var duration = icaldurationtype()
        duration.hours = UInt32(minutes / 60)
        duration.minutes = UInt32(minutes % 60)
        return duration
    }

    /// `PT1H`, `PT30M`, `PT1H30M`: the same text REFRESH-INTERVAL gets from libical.
    private static func durationText(_ duration: icaldurationtype) -> String {
        "PT" + (duration.hours > 0 ? "\(duration.hours)H" : "") + (duration.minutes > 0 ? "\(duration.minutes)M" : "")
    }
}
