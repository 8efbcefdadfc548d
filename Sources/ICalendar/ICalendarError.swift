/// Everything that can go wrong reading or writing iCalendar text.
///
/// Import errors carry the 1-based line of the file where the trouble starts, so whoever
/// exported the file (or the secretary holding it) can open it and fix that line.
public enum ICalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    // MARK: Import: the file as a whole
    case fileTooLarge(bytes: Int, limit: Int)
    case notUTF8
    case emptyFile
    case htmlPage(line: Int)
    case notACalendar(line: Int, found: String)

    // MARK: Import: line structure
    case missingColon(line: Int, text: String)
    case endWithoutBegin(line: Int, name: String)
    case mismatchedEnd(line: Int, expected: String, found: String)
    case unterminated(line: Int, name: String)
    case contentAfterCalendar(line: Int)
    /// Components nested deeper than any calendar program writes (libical would recurse on them).
    case tooDeeplyNested(line: Int, depth: Int, limit: Int)
    case tooManyComponents(line: Int, limit: Int)

    // MARK: Import: content
    /// libical flagged the property (it reports these as X-LIC-ERROR and drops the property).
    case unreadableProperty(line: Int, property: String, detail: String)
    case missingProperty(line: Int, property: String)
    case unknownTimeZone(line: Int, tzid: String)
    case unsupportedWindowsZone(line: Int, name: String)
    case unsupportedTimeZoneDefinition(line: Int, tzid: String, reason: String)
    case invalidTime(line: Int, property: String, reason: String)
    case ruleNeverMatches(line: Int, rule: String)
    case tooManyOccurrences(line: Int, limit: Int)
    /// The file as a whole (separate events, not one rule) holds too many occurrences in the period.
    case tooManyEvents(limit: Int)
    /// A closed-days file holds an event with hours; the centre closes whole days only.
    case timedClosure(line: Int, summary: String)

    // MARK: Export
    case unsupportedExportTimeZone(identifier: String)
    case invalidCategory(uid: String, category: String)
    case endNotAfterStart(uid: String)
    case invalidRefreshInterval(minutes: Int)
    /// A patient's own calendar was asked for without their consent.
    case patientCalendarNotOptedIn(patient: String)
    /// A calendar was asked for an address-protected patient: none may exist, consent or not.
    case patientAddressProtected(patient: String)
    /// libical returned nothing where it should have built something; a bug, not bad input.
    case libicalFailure(String)

    public var description: String {
        switch self {
        case let .fileTooLarge(bytes, limit):
            "the calendar file is \(bytes) bytes; the limit is \(limit) bytes. Export a shorter period."
        case .notUTF8:
            "the calendar file is not UTF-8 text; export it again as an .ics (iCalendar) file"
        case .emptyFile:
            "the calendar file is empty; expected iCalendar text starting with BEGIN:VCALENDAR"
        case let .htmlPage(line):
            "line \(line): this is a web page (HTML), not a calendar; download the .ics file itself, not the page that links to it"
        case let .notACalendar(line, found):
            "line \(line): expected BEGIN:VCALENDAR, found '\(found)'"
        case let .missingColon(line, text):
            "line \(line): expected NAME:value with a colon, found '\(text)'"
        case let .endWithoutBegin(line, name):
            "line \(line): END:\(name) without a matching BEGIN:\(name) before it"
        case let .mismatchedEnd(line, expected, found):
            "line \(line): expected END:\(expected), found END:\(found)"
        case let .unterminated(line, name):
            "line \(line): BEGIN:\(name) is never closed; expected END:\(name) before the end of the file"
        case let .contentAfterCalendar(line):
            "line \(line): text after END:VCALENDAR; expected one calendar per file"
        case let .tooDeeplyNested(line, depth, limit):
            "line \(line): components nested \(depth) deep; calendar programs nest at most 3 (VCALENDAR, VEVENT, VALARM), so this file is refused beyond \(limit)"
        case let .tooManyComponents(line, limit):
            "line \(line): more than \(limit) components (BEGIN lines) in one file; export a shorter period"
        case let .unreadableProperty(line, property, detail):
            "line \(line): \(property) cannot be read (\(detail))"
        case let .missingProperty(line, property):
            "line \(line): this event has no \(property); expected one"
        case let .unknownTimeZone(line, tzid):
            "line \(line): unknown time zone '\(tzid)'; expected an IANA name such as Europe/Paris, or a VTIMEZONE for it in the file"
        case let .unsupportedWindowsZone(line, name):
            "line \(line): Windows time zone '\(name)' is not supported; export the calendar with the Europe/Paris time zone"
        case let .unsupportedTimeZoneDefinition(line, tzid, reason):
            "line \(line): the time zone '\(tzid)' defined in the file is too complex to trust (\(reason)); export with an IANA zone such as Europe/Paris"
        case let .invalidTime(line, property, reason):
            "line \(line): \(property) \(reason)"
        case let .ruleNeverMatches(line, rule):
            "line \(line): the repeat rule '\(rule)' never produces a date; check the rule and its start date"
        case let .tooManyOccurrences(line, limit):
            "line \(line): this event repeats more than \(limit) times in the period; import a shorter period"
        case let .tooManyEvents(limit):
            "the file holds more than \(limit) events in the period; import a shorter period"
        case let .timedClosure(line, summary):
            "line \(line): \(ImportedEvent.title(summary)) has start and end times; closed days are whole days, so make it an all-day event (or import it as a clinician's absence)"
        case let .patientAddressProtected(patient):
            "patient \(patient) is address-protected: no calendar is ever published for them, even with their consent; give the dates on paper"
        case let .patientCalendarNotOptedIn(patient):
            "patient \(patient) has not agreed to a calendar: an abuser may read it. Add 'calendar' to the patient's safe channels only if the patient asks for it"
        case let .unsupportedExportTimeZone(identifier):
            "cannot publish a feed in time zone '\(identifier)'; only Europe/Paris is supported"
        case let .invalidCategory(uid, category):
            "event \(uid): category '\(category)' contains a comma, semicolon, backslash or line break, which calendar apps would split; rename it"
        case let .endNotAfterStart(uid):
            "event \(uid): the end is not after the start"
        case let .invalidRefreshInterval(minutes):
            "refresh interval of \(minutes) minutes; expected at least 1 minute"
        case let .libicalFailure(what):
            "internal error in the iCalendar library: \(what)"
        }
    }
}
