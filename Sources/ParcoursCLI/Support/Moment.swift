import ArgumentParser
import CareModel
import Foundation

/// A day or a local time typed on the command line, as the bound of an absence.
struct Moment {
    let text: String
    let day: LocalDate
    let time: LocalTime?

    /// A day starts at its local midnight.
    var start: Date { instant(day, time ?? .midnight) }
    /// A day given as TO runs to the next local midnight (TO is included).
    var end: Date { time.map { instant(day, $0) } ?? instant(day.adding(days: 1), .midnight) }

    private func instant(_ day: LocalDate, _ time: LocalTime) -> Date {
        ClinicTimeZone.paris.instant(on: day, at: time) ?? CalendarFiles.midnight(day)
    }
}

extension Parse {
    static func moment(_ text: String) throws -> Moment {
        let parts = dayAndTime(text)
        if parts.count == 1, let day = LocalDate(parsing: parts[0]) { return Moment(text: text, day: day, time: nil) }
        guard parts.count == 2 else {
            throw ArgumentValueError(
                description:
                    "expected a day like 2026-12-02 or 02/12/2026, or a local time like \"2026-12-02 13:30\" or \"02/12/2026 13h30\""
            )
        }
        let moment = try dateTime(text)
        return Moment(text: text, day: moment.date, time: moment.time)
    }
}
