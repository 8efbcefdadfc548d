import ArgumentParser
import CareModel
import Foundation

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

    static func values<E: CaseIterable & RawRepresentable & Hashable>(_ text: String, as: E.Type = E.self) throws -> Set<E>
    where E.RawValue == String {
        Set(try list(text).map { try value($0, as: E.self) })
    }

    static func patientCode(_ text: String) throws -> PatientCode {
        let upper = text.uppercased()
        guard PatientCode.isWellFormed(upper) else {
            throw ArgumentValueError(description: "expected a patient code like P-7KQ2")
        }
        return PatientCode(upper)
    }

    static func format(_ text: String) throws -> OutputFormat { try value(text) }

    private static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension OutputFormat: ExpressibleByArgument {
    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
