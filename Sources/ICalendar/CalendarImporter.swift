import CLibical
import CareModel
import Foundation

/// Reads a calendar someone else exported (absences, holidays) into plain Swift values.
///
/// All or nothing: one unreadable line refuses the whole file, because a half-imported absence
/// list would let the scheduler book a clinician who is away.
public struct CalendarImporter: Sendable {
    /// The zone of floating times (no TZID, no `Z`), and the zone all-day events are placed in.
    public var clinicTimeZone: ClinicTimeZone
    public var maxBytes: Int
    /// Cap on occurrences in the horizon, so an endless rule cannot exhaust memory.
    public var maxOccurrences: Int

    public init(clinicTimeZone: ClinicTimeZone = .paris, maxBytes: Int = 5 * 1_048_576, maxOccurrences: Int = 10_000) {
        self.clinicTimeZone = clinicTimeZone
        self.maxBytes = maxBytes
        self.maxOccurrences = maxOccurrences
    }

    /// Every occurrence of every event that overlaps `[from, to)`, sorted by start.
    public func events(inICS bytes: [UInt8], from: Date, to: Date) throws(ICalendarError) -> [ImportedEvent] {
        guard bytes.count <= maxBytes else { throw .fileTooLarge(bytes: bytes.count, limit: maxBytes) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8 }
        return try events(inICS: text, from: from, to: to)
    }

    /// Every occurrence of every event that overlaps `[from, to)`, sorted by start.
    public func events(inICS rawText: String, from: Date, to: Date) throws(ICalendarError) -> [ImportedEvent] {
        let size = rawText.utf8.count
        guard size <= maxBytes else { throw .fileTooLarge(bytes: size, limit: maxBytes) }
        let text = rawText.hasPrefix("\u{FEFF}") ? String(rawText.dropFirst()) : rawText
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .emptyFile }
        let scanned = try ICSLineScanner(text).components
        LibicalSetup.nonFatalErrors

        guard let calendar = icalparser_parse_string(text) else {
            throw .notACalendar(line: 1, found: "text libical cannot read as a calendar")
        }
        defer { icalcomponent_free(calendar) }
        let walk = Self.preorder(calendar)
        // libical keeps every BEGIN as a component, so both walks line up; if not, blame line 1.
        let lines = walk.count == scanned.count ? scanned : walk.map { _ in
            ICSLineScanner.Component(name: "", beginLine: scanned.first?.beginLine ?? 1)
        }
        try Self.checkParseErrors(walk: walk, lines: lines)

        var expander = EventExpander(
            resolver: TimeZoneResolver(calendar: calendar, clinicZone: clinicTimeZone),
            clinicZone: clinicTimeZone, horizon: from..<max(from, to), maxOccurrences: maxOccurrences)
        // Events are direct children of VCALENDAR; VEVENTs elsewhere (there are none in RFC 5545) are ignored.
        let events = zip(walk, lines).filter {
            icalcomponent_isa($0.0) == ICAL_VEVENT_COMPONENT
                && icalcomponent_get_parent($0.0) == calendar
        }
        var overridden: [String: Set<EventExpander.Start>] = [:]
        for (event, scan) in events {
            if let start = try expander.recurrenceID(of: event, scan: scan) {
                overridden[swiftString(icalcomponent_get_uid(event)) ?? "", default: []].insert(start)
            }
        }
        var result: [ImportedEvent] = []
        for (event, scan) in events {
            let isOverride = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY) != nil
            let uid = swiftString(icalcomponent_get_uid(event)) ?? ""
            result += try expander.occurrences(of: event, scan: scan, overridden: isOverride ? [] : overridden[uid] ?? [])
        }
        return result.sorted { ($0.sortKey(clinicTimeZone), $0.line) < ($1.sortKey(clinicTimeZone), $1.line) }
    }

    /// Components in document order: the calendar, then each child and its own children.
    private static func preorder(_ component: OpaquePointer) -> [OpaquePointer] {
        var result = [component]
        var child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT)
        while let current = child {
            result += preorder(current)
            child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)
        }
        return result
    }

    /// libical does not fail on bad input: it drops the property and leaves an X-LIC-ERROR.
    private static func checkParseErrors(walk: [OpaquePointer], lines: [ICSLineScanner.Component]) throws(ICalendarError) {
        for (component, scan) in zip(walk, lines) {
            guard let error = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY) else { continue }
            let detail = swiftString(icalproperty_get_xlicerror(error)) ?? "unreadable"
            let property = propertyName(inLibicalMessage: detail)
            throw .unreadableProperty(line: property.map { scan.line(of: $0) } ?? scan.beginLine,
                                      property: property ?? scan.name, detail: detail)
        }
    }

    /// libical writes "Can't parse as DATE-TIME value in DTSTART property. Removing ...".
    static func propertyName(inLibicalMessage message: String) -> String? {
        guard let range = message.range(of: " property") else { return nil }
        let before = message[..<range.lowerBound]
        guard let word = before.split(separator: " ").last, word.allSatisfy({ $0.isLetter || $0 == "-" })
        else { return nil }
        return word.uppercased()
    }
}

extension ImportedEvent {
    fileprivate func sortKey(_ zone: ClinicTimeZone) -> Date {
        switch timing {
        case let .timed(start, _): start
        case let .allDay(first, _):
            zone.instant(on: first, at: .midnight) ?? Date(timeIntervalSince1970: Double(first.daysSinceEpoch * 86_400))
        }
    }
}
