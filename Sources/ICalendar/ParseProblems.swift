import CLibical

/// Sorts the problems libical found while parsing into refusals and warnings.
///
/// libical does not fail on bad input: it leaves an `X-LIC-ERROR` property, in place of the
/// property it dropped (an empty or unreadable value, an unknown name) or just after the one it
/// kept (an unknown parameter). Walking each component's properties beside the lines the scanner
/// saw gives every problem its real property and line. A problem with a property that decides
/// when someone is away refuses the file; any other is skipped with a warning.
enum ParseProblems {
    /// An event's properties that place it in time: a problem with one refuses the file.
    static let timing: Set<String> = [
        "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID",
    ]
    /// A time zone definition's properties that decide its offsets.
    static let zone: Set<String> = ["TZID", "DTSTART", "TZOFFSETTO", "TZOFFSETFROM", "RRULE", "RDATE"]

    static func check(
        walk: [OpaquePointer], lines: [ICSLineScanner.Component], aligned: Bool,
        calendar: OpaquePointer, warnings: WarningLog
    ) throws(ICalendarError) {
        for (component, scan) in zip(walk, lines) {
            let kind = icalcomponent_isa(component)
            let decisive: Set<String>
            switch kind {
            case ICAL_VEVENT_COMPONENT where icalcomponent_get_parent(component) == calendar: decisive = timing
            case ICAL_VTIMEZONE_COMPONENT, ICAL_XSTANDARD_COMPONENT, ICAL_XDAYLIGHT_COMPONENT: decisive = zone
            default: decisive = []
            }
            try check(component, scan: scan, aligned: aligned, decisive: decisive, warnings: warnings)
        }
    }

    private static func check(
        _ component: OpaquePointer, scan: ICSLineScanner.Component, aligned: Bool,
        decisive: Set<String>, warnings: WarningLog
    ) throws(ICalendarError) {
        var index = 0
        var previous: ICSLineScanner.Property?
        var property = icalcomponent_get_first_property(component, ICAL_ANY_PROPERTY)
        while let current = property {
            defer { property = icalcomponent_get_next_property(component, ICAL_ANY_PROPERTY) }
            let line = index < scan.properties.count ? scan.properties[index] : nil
            guard icalproperty_isa(current) == ICAL_XLICERROR_PROPERTY else {
                previous = line
                index += 1
                continue
            }
            let message = swiftString(icalproperty_get_xlicerror(current)) ?? "unreadable"
            let named = propertyName(inLibicalMessage: message)
            let replaces =
                message.contains("Removing entire property") || message.hasPrefix("Parse error in property name")
                || line?.name == "X-LIC-ERROR"
            var target = replaces ? line : previous
            if replaces { index += 1 }
            // If the walk and the lines disagree (they should not), trust the name in the message.
            if !aligned || (named != nil && named != "X" && target?.name != named) {
                target = named.flatMap { name in scan.properties.first { $0.name == name } }
            }
            // A line that starts with ";" has no name at all (found by the fuzzer): say so.
            let name = target.map { $0.name.isEmpty ? "(no name)" : $0.name } ?? named ?? scan.name
            let at = target?.line ?? scan.beginLine
            // An empty RRULE, RDATE or EXDATE lists nothing: skipping it is reading it.
            let emptyList = message.hasPrefix("No value for") && ["RRULE", "RDATE", "EXDATE", "EXRULE"].contains(name)
            if decisive.contains(name) && !emptyList {
                throw .unreadableProperty(line: at, property: name, detail: message)
            }
            let kind: ImportWarning.Kind =
                message.hasPrefix("No value for")
                ? .emptyValue
                : message.hasPrefix("Parse error in property name")
                    ? .unknownProperty
                    : replaces ? .unreadableProperty : .unknownParameter
            let detail =
                kind == .unknownParameter
                ? "\(message); the parameter is skipped, the rest of \(scan.name) imported"
                : "skipped (\(message.prefix { $0 != "." })); it does not change when anyone is away"
            warnings.add(at, name, kind, detail)
        }
    }

    /// The property a libical message is about, from its usual phrasings: "No value for
    /// DESCRIPTION property", "Can't parse as DATE-TIME value in DTSTART property", "Invalid VALUE
    /// type for property RELATED-TO: VALUE=UID", "Parse error in property name: FOO".
    static func propertyName(inLibicalMessage message: String) -> String? {
        func word(_ text: Substring) -> String? {
            let name = text.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            return name.isEmpty ? nil : name.uppercased()
        }
        for marker in ["for property ", "property name: "] {
            if let range = message.range(of: marker) { return word(message[range.upperBound...]) }
        }
        guard let range = message.range(of: " property") else { return nil }
        return message[..<range.lowerBound].split(separator: " ").last.flatMap(word)
    }
}
