import ArgumentParser
import CareModel
import Foundation
import Scheduler

/// A value typed on the command line that does not parse; ArgumentParser prints it after the
/// option's name, so the message only needs to say what was expected.
struct ArgumentValueError: Error, CustomStringConvertible {
    let description: String
}

/// Parsers for `@Option(transform:)`, each with a message that says what was expected.
enum Parse {
    static func date(_ text: String) throws -> LocalDate {
        guard let date = LocalDate(parsing: text) else {
            throw ArgumentValueError(description: "expected a date like 2026-11-26 or 26/11/2026")
        }
        return date
    }

    static func hours(_ text: String) throws -> WeeklyHours {
        do { return try WeeklyHours(parsing: text) } catch { throw ArgumentValueError(description: error.description) }
    }

    static func language(_ text: String) throws -> LanguageCode {
        guard let code = LanguageCode(rawValue: text) else {
            throw ArgumentValueError(description: "expected an ISO 639 language code like fr, ar, ps or uk")
        }
        return code
    }

    static func languages(_ text: String) throws -> Set<LanguageCode> {
        Set(try list(text).map(language))
    }

    static func value<E: CaseIterable & RawRepresentable>(_ text: String, as: E.Type = E.self) throws -> E
    where E.RawValue == String {
        guard let value = E.parse(text) else {
            throw ArgumentValueError(description: "expected one of \(E.expectedValues)")
        }
        return value
    }

    static func values<E: CaseIterable & RawRepresentable & Hashable>(
        _ text: String, as: E.Type = E.self
    ) throws -> Set<E>
    where E.RawValue == String {
        Set(try list(text).map { try value($0, as: E.self) })
    }

    /// A clinician, room, interpreter or track id: ``IdentifierRule``'s pattern, so that no id can
    /// name a file outside its folder or break a line.
    static func identifier(_ text: String) throws -> String {
        guard IdentifierRule.isValid(text) else {
            throw ArgumentValueError(description: "expected an id of \(IdentifierRule.expected)")
        }
        return text
    }

    /// A name or label people will read: CareModel's ``NameRule`` (not blank, no control
    /// character, at most 200 characters; surrounding spaces dropped), worded for the terminal.
    static func name(_ text: String) throws -> String {
        switch NameRule.check(text) {
        case .success(let name): return name
        case .failure(.empty): throw ArgumentValueError(description: "the name is empty; expected some text")
        case .failure(.controlCharacter):
            throw ArgumentValueError(
                description:
                    "'\(PrintableText.escaped(text.trimmingCharacters(in: .whitespaces)))' holds a control character; expected plain text on one line"
            )
        case .failure(.tooLong(let count)):
            throw ArgumentValueError(description: "\(count) characters; expected at most \(NameRule.maximumLength)")
        }
    }

    static func patientCode(_ text: String) throws -> PatientCode {
        let upper = text.uppercased()
        guard PatientCode.isWellFormed(upper) else {
            throw ArgumentValueError(description: "expected a patient code like P-7KQ2")
        }
        return PatientCode(upper)
    }

    static func preferences(_ text: String) throws -> Preferences {
        do { return try Preferences(parsing: text) } catch { throw ArgumentValueError(description: error.description) }
    }

    /// `2027-02-03 14:00`, `03/02/2027 14h`, `2027-02-03T14h30`: a local time that exists in
    /// Paris (the hour skipped when clocks go forward is refused, never shifted).
    static func dateTime(_ text: String) throws -> LocalDateTime {
        let parts = dayAndTime(text)
        guard parts.count == 2, let date = LocalDate(parsing: parts[0]), let time = LocalTime(parsing: parts[1]) else {
            throw ArgumentValueError(
                description:
                    "expected a day and a time like \"2027-02-03 14:00\", \"03/02/2027 14h\" or \"03/02/2027 14h30\"")
        }
        guard time.minutes < 24 * 60 else {
            throw ArgumentValueError(
                description: "\(time) ends a day, no session starts then; expected a time from 00:00 to 23:59")
        }
        guard ClinicTimeZone.paris.instant(on: date, at: time) != nil else {
            throw ArgumentValueError(
                description:
                    "\(time) does not exist on \(Shown.day(date)) in Paris (clocks go forward); expected a time that exists that day"
            )
        }
        return LocalDateTime(date: date, time: time)
    }

    /// A day and a time typed as one value, split on the space or the ISO `T`.
    static func dayAndTime(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
    }

    /// The Monday of a week given as `2027-W05` (ISO 8601) or as any day in it.
    static func week(_ text: String) throws -> LocalDate {
        let upper = text.uppercased()
        if upper.count == 8, upper.dropFirst(4).hasPrefix("-W"), let year = Int(upper.prefix(4)),
            let number = Int(upper.suffix(2)),
            (1...53).contains(number), let jan4 = LocalDate(year: year, month: 1, day: 4)
        {
            let week1Monday = jan4.adding(days: -jan4.weekday.index)
            return week1Monday.adding(days: (number - 1) * 7)
        }
        guard let date = LocalDate(parsing: text) else {
            throw ArgumentValueError(
                description: "expected a week like 2027-W05 or a day in it like 2027-02-01 or 01/02/2027")
        }
        return date.adding(days: -date.weekday.index)
    }

    static func format(_ text: String) throws -> OutputFormat { try value(text) }

    private static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension OutputFormat: ExpressibleByArgument {
    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// A local day and wall-clock time, as typed for `move --to`.
struct LocalDateTime {
    let date: LocalDate
    let time: LocalTime
}
