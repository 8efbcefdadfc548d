/// A typed string identifier, so a clinician id can never be passed where a room id is expected.
///
/// Identifiers are chosen by the centre (`C-ROUX`, `R-GROUPE`) or generated (`P-7KQ2`), and are
/// stable: feeds, audit lines and reports refer to them long after a name has changed.
public struct Identifier<Tag>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

public enum PatientTag {}
public enum ClinicianTag {}
public enum RoomTag {}
public enum InterpreterTag {}
public enum TrackTag {}
public enum StepTag {}
public enum AppointmentTag {}

/// A patient's pseudonymous code (`P-7KQ2`): the only patient identifier a feed, report or
/// clinician-facing screen shows, so that a leaked calendar does not name a victim.
public typealias PatientCode = Identifier<PatientTag>
public typealias ClinicianID = Identifier<ClinicianTag>
public typealias RoomID = Identifier<RoomTag>
public typealias InterpreterID = Identifier<InterpreterTag>
public typealias TrackID = Identifier<TrackTag>
public typealias StepID = Identifier<StepTag>
public typealias AppointmentID = Identifier<AppointmentTag>

extension Identifier where Tag == PatientTag {
    /// Letters and digits that cannot be confused when read aloud or handwritten (no 0/O, 1/I/L).
    public static let alphabet: [Character] = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

    /// A fresh code `P-XXXX` drawn from `generator`; the caller checks uniqueness against the store.
    public static func random(length: Int = 4, using generator: inout some RandomNumberGenerator) -> PatientCode {
        var code = "P-"
        for _ in 0..<length {
            code.append(alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))])
        }
        return PatientCode(code)
    }

    /// Whether `text` has the shape of a patient code, so the CLI can tell a code from a typo early.
    public static func isWellFormed(_ text: String) -> Bool {
        guard text.hasPrefix("P-"), text.count >= 6 else { return false }
        return text.dropFirst(2).allSatisfy { alphabet.contains($0) }
    }
}
