import ICalendar

extension Desk {
    /// Why a pasted or uploaded calendar did not read, in the user's language: the catalogue's
    /// sentence for the kind of problem, with the line to look at (the secretary opens the file
    /// there, or asks whoever exported it). ICalendar's `description` stays the CLI's words.
    func calendarProblem(_ error: any Error, _ language: DeskLanguage) -> String {
        let opening = strings.text("absences_ics_unreadable", language)
        guard let error = error as? ICalendarError else { return opening }
        let (key, values): (String, [String: String]) =
            switch error {
            case .notUTF8: ("absences_ics_not_utf8", [:])
            case .emptyFile: ("absences_ics_empty", [:])
            case .htmlPage(let line): ("absences_ics_html", ["line": "\(line)"])
            case .notACalendar(let line, _): ("absences_ics_not_calendar", ["line": "\(line)"])
            case .missingColon(let line, _), .endWithoutBegin(let line, _), .mismatchedEnd(let line, _, _),
                .unterminated(let line, _), .contentAfterCalendar(let line), .tooDeeplyNested(let line, _, _):
                ("absences_ics_structure", ["line": "\(line)"])
            case .unreadableProperty(let line, let property, _), .missingProperty(let line, let property),
                .invalidTime(let line, let property, _):
                ("absences_ics_property", ["line": "\(line)", "property": String(property.prefix(40))])
            case .unknownTimeZone(let line, let zone), .unsupportedWindowsZone(let line, let zone),
                .unsupportedTimeZoneDefinition(let line, let zone, _):
                ("absences_ics_zone", ["line": "\(line)", "zone": String(zone.prefix(60))])
            case .ruleNeverMatches(let line, _): ("absences_ics_rule", ["line": "\(line)"])
            case .fileTooLarge, .tooManyComponents, .tooManyOccurrences, .tooManyEvents:
                ("absences_ics_too_many", [:])
            case .timedClosure(let line, _): ("absences_ics_other", ["line": "\(line)"])
            case .unsupportedExportTimeZone, .invalidCategory, .endNotAfterStart, .invalidRefreshInterval,
                .patientCalendarNotOptedIn, .patientAddressProtected, .libicalFailure:
                ("", [:])
            }
        guard !key.isEmpty else { return opening }
        return opening + " " + Self.fill(strings.text(key, language), values)
    }
}
