import CLibical
import CareModel
import Foundation

/// Reads a calendar someone else exported (absences, holidays) into plain Swift values.
///
/// All or nothing for what places an event in time: one unreadable DTSTART, RRULE or zone refuses
/// the whole file, because a half-imported absence list would let the scheduler book a clinician
/// who is away. What cannot matter (an empty DESCRIPTION, an unknown property or parameter) is
/// skipped with a warning (``CalendarReading/warnings``).
public struct CalendarImporter: Sendable {
    /// The zone of floating times (no TZID, no `Z`), and the zone all-day events are placed in.
    public var clinicTimeZone: ClinicTimeZone
    public var maxBytes: Int
    /// Cap on one event's occurrences in the horizon, so an endless rule cannot exhaust memory.
    public var maxOccurrences: Int
    /// Cap on the occurrences of the whole file (separate events count here, not as repeats).
    public var maxEvents: Int

    public init(
        clinicTimeZone: ClinicTimeZone = .paris, maxBytes: Int = 5 * 1_048_576, maxOccurrences: Int = 10_000,
        maxEvents: Int = 50_000
    ) {
        self.clinicTimeZone = clinicTimeZone
        self.maxBytes = maxBytes
        self.maxOccurrences = maxOccurrences
        self.maxEvents = maxEvents
    }

    /// Every occurrence of every event that overlaps `[from, to)`, sorted by start.
    public func events(inICS bytes: [UInt8], from: Date, to: Date) throws(ICalendarError) -> [ImportedEvent] {
        try read(bytes, from: from, to: to).events
    }

    /// Every occurrence of every event that overlaps `[from, to)`, sorted by start.
    public func events(inICS rawText: String, from: Date, to: Date) throws(ICalendarError) -> [ImportedEvent] {
        try read(rawText, from: from, to: to).events
    }

    /// The occurrences of `bytes` in `[from, to)`, with what was skipped on the way.
    public func read(_ bytes: [UInt8], from: Date, to: Date) throws(ICalendarError) -> CalendarReading {
        guard bytes.count <= maxBytes else { throw .fileTooLarge(bytes: bytes.count, limit: maxBytes) }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8 }
        return try read(text, from: from, to: to)
    }

    /// Every occurrence of every event that overlaps `[from, to)`, sorted by start, and the
    /// warnings: what could not matter was skipped, what could refuses the whole file.
    public func read(_ rawText: String, from: Date, to: Date) throws(ICalendarError) -> CalendarReading {
        let size = rawText.utf8.count
        guard size <= maxBytes else { throw .fileTooLarge(bytes: size, limit: maxBytes) }
        let text = rawText.hasPrefix("\u{FEFF}") ? String(rawText.dropFirst()) : rawText
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .emptyFile }
        let scanner = try ICSLineScanner(text)
        let scanned = scanner.components
        LibicalSetup.nonFatalErrors

        guard let calendar = icalparser_parse_string(scanner.repaired(text)) else {
            throw .notACalendar(line: 1, found: "text libical cannot read as a calendar")
        }
        defer { icalcomponent_free(calendar) }
        let walk = Self.preorder(calendar)
        // libical keeps every BEGIN as a component, so both walks line up; if not, blame line 1.
        let aligned = walk.count == scanned.count
        let lines =
            aligned
            ? scanned
            : walk.map { _ in
                ICSLineScanner.Component(name: "", beginLine: scanned.first?.beginLine ?? 1)
            }
        let warnings = WarningLog()
        for note in scanner.notes { warnings.add(note.line, note.property, note.kind, note.detail) }
        try ParseProblems.check(walk: walk, lines: lines, aligned: aligned, calendar: calendar, warnings: warnings)

        var expander = EventExpander(
            resolver: TimeZoneResolver(calendar: calendar, clinicZone: clinicTimeZone, warnings: warnings),
            clinicZone: clinicTimeZone, horizon: from..<max(from, to), maxOccurrences: maxOccurrences,
            maxEvents: maxEvents, warnings: warnings)
        // Events are direct children of VCALENDAR; VEVENTs elsewhere (there are none in RFC 5545) are ignored.
        let events = EventVersions.newest(
            zip(walk, lines).filter {
                icalcomponent_isa($0.0) == ICAL_VEVENT_COMPONENT && icalcomponent_get_parent($0.0) == calendar
            }.map { (component: $0.0, scan: $0.1) }, warnings: warnings)
        var overrides: [String: [EventExpander.Override]] = [:]
        var moved: [(event: EventVersions.Event, uid: String, override: EventExpander.Override)] = []
        var series: [EventVersions.Event] = []
        for event in events {
            let uid = swiftString(icalcomponent_get_uid(event.component)) ?? ""
            if let override = try expander.override(of: event.component, scan: event.scan) {
                overrides[uid, default: []].append(override)
                moved.append((event, uid, override))
            } else {
                series.append(event)
            }
        }
        var result: [ImportedEvent] = []
        var seriesStarts: [String: (line: Int, starts: Set<EventExpander.Start>)] = [:]
        for event in series {
            let uid = swiftString(icalcomponent_get_uid(event.component)) ?? ""
            var starts = Set<EventExpander.Start>()
            result += try expander.occurrences(
                of: event.component, scan: event.scan, overrides: overrides[uid] ?? [],
                starts: &starts)
            if !uid.isEmpty { seriesStarts[uid] = (event.scan.beginLine, starts) }
        }
        for (event, uid, override) in moved {
            if let master = seriesStarts[uid], !expander.names(override, in: master.starts) {
                warnings.add(
                    event.scan.line(of: "RECURRENCE-ID"), "RECURRENCE-ID", .outdatedCopy,
                    "names no occurrence of the series on line \(master.line) (excluded, or past its end); ignored")
                continue
            }
            var ignored = Set<EventExpander.Start>()
            result += try expander.occurrences(of: event.component, scan: event.scan, overrides: [], starts: &ignored)
        }
        let sorted = result.sorted { ($0.sortKey(clinicTimeZone), $0.line) < ($1.sortKey(clinicTimeZone), $1.line) }
        return CalendarReading(events: sorted, warnings: warnings.items)
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
