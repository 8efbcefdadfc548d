import CareModel
import Foundation
import SchedulingModel

/// A solution to check: the proposed rows, and the wall-clock times as the file wrote them.
///
/// Instants decode to UTC and lose the offset they were written with; keeping the written local
/// time lets the checker catch a solver that wrote `02:30+01:00` on the day clocks skip 02:00-03:00.
public struct ScheduleSolution: Hashable, Sendable {
    public var sessions: [ProposedSession]
    /// Per row, the local start as written with a non-UTC offset, nil for `Z` or rows built in code.
    public var writtenStarts: [WrittenTime?]

    public init(sessions: [ProposedSession]) {
        self.sessions = sessions
        writtenStarts = Array(repeating: nil, count: sessions.count)
    }

    /// Reads any of the shapes a solver may write: a bare array of rows, `{"sessions": [...]}`, or
    /// the scheduler's batch result (`{"proposals": [{"sessions": [...]}, ...]}`).
    public static func decode(_ data: Data, source: String = "solution") throws(ScheduleCheckError) -> ScheduleSolution
    {
        let decoder = SchedulingJSON.decoder()
        do {
            let rows = try decodeRows(ProposedSession.self, data, decoder)
            let written = try decodeRows(RawTimes.self, data, decoder)
            var solution = ScheduleSolution(sessions: rows)
            if written.count == rows.count { solution.writtenStarts = written.map { WrittenTime(parsing: $0.start) } }
            return solution
        } catch {
            throw .unreadableSolution(source: source, reason: describe(error))
        }
    }

    /// The canonical file form: `{"sessions": [...]}`, sorted keys, ISO 8601 UTC instants.
    public func encoded() throws -> Data {
        try SchedulingJSON.encoder().encode(SolutionFile(sessions: sessions))
    }

    private struct SolutionFile<Row: Codable>: Codable { var sessions: [Row] }
    private struct ProposalFile<Row: Codable>: Codable { var sessions: [Row] }
    private struct BatchFile<Row: Codable>: Codable { var proposals: [ProposalFile<Row>] }
    private struct RawTimes: Codable { var start: String }

    private static func decodeRows<Row: Codable>(_: Row.Type, _ data: Data, _ decoder: JSONDecoder) throws -> [Row] {
        let first = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        if first == UInt8(ascii: "[") { return try decoder.decode([Row].self, from: data) }
        if let file = try? decoder.decode(SolutionFile<Row>.self, from: data) { return file.sessions }
        if let batch = try? decoder.decode(BatchFile<Row>.self, from: data) {
            return batch.proposals.flatMap(\.sessions)
        }
        // Neither shape: decode the primary one again for its error, which names the field.
        return try decoder.decode(SolutionFile<Row>.self, from: data).sessions
    }
}

/// A local date and time with the UTC offset it was written with (`2027-03-28T02:30:00+01:00`).
public struct WrittenTime: Hashable, Sendable {
    public var date: LocalDate
    public var minutes: Int
    public var offsetSeconds: Int

    public init(date: LocalDate, minutes: Int, offsetSeconds: Int) {
        self.date = date
        self.minutes = minutes
        self.offsetSeconds = offsetSeconds
    }

    /// Nil for `Z`, a zero offset, or text that is not ISO 8601 with an offset.
    public init?(parsing text: String) {
        let chars = Array(text.utf8)
        guard chars.count >= 22, chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " "),
            let date = LocalDate(parsing: String(decoding: chars[0..<10], as: UTF8.self)),
            let hour = Self.number(chars[11..<13]), let minute = Self.number(chars[14..<16]),
            hour < 24, minute < 60
        else { return nil }
        guard
            let signIndex = chars.indices.dropFirst(16).first(where: {
                chars[$0] == UInt8(ascii: "+") || chars[$0] == UInt8(ascii: "-")
            })
        else { return nil }
        let zone = Array(chars[(signIndex + 1)...]).filter { $0 != UInt8(ascii: ":") }
        guard zone.count == 4, let hh = Self.number(zone[0..<2]), let mm = Self.number(zone[2..<4]) else { return nil }
        let offset = (hh * 60 + mm) * 60 * (chars[signIndex] == UInt8(ascii: "-") ? -1 : 1)
        guard offset != 0 else { return nil }
        self.init(date: date, minutes: hour * 60 + minute, offsetSeconds: offset)
    }

    private static func number(_ digits: some Collection<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}

/// A decoding error in words: the field path and what the decoder expected.
func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return String(describing: error) }
    func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return keys.isEmpty ? "at the top level" : "at \(keys.hasPrefix(".") ? String(keys.dropFirst()) : keys)"
    }
    switch error {
    case let .keyNotFound(key, context): return "missing field '\(key.stringValue)' \(path(context))"
    case let .typeMismatch(type, context): return "expected \(type) \(path(context)): \(context.debugDescription)"
    case let .valueNotFound(type, context): return "expected \(type) \(path(context)), found null"
    case let .dataCorrupted(context): return "\(context.debugDescription) \(path(context))"
    @unknown default: return String(describing: error)
    }
}

extension SchedulingProblem {
    /// Reads an instance file, with an error that names the file and the field at fault.
    public static func read(_ data: Data, source: String = "instance") throws(ScheduleCheckError) -> SchedulingProblem {
        let problem: SchedulingProblem
        do {
            problem = try SchedulingJSON.decoder().decode(SchedulingProblem.self, from: data)
        } catch {
            throw .unreadableInstance(source: source, reason: describe(error))
        }
        try problem.validateCaps(source: source)
        return problem
    }

    /// A cap must name a clinician of the instance and let at least one session through: at least
    /// one session a day, and a week long enough for the shortest session requested.
    public func validateCaps(source: String = "instance") throws(ScheduleCheckError) {
        let known = Set(clinicians.map(\.id))
        let shortest = requests.flatMap(\.sessions).map(\.durationMinutes).min() ?? 1
        for (i, cap) in caps.enumerated() {
            guard known.contains(cap.clinician) else {
                throw .invalidInstance(
                    source: source, field: "caps[\(i)].clinician", value: cap.clinician.rawValue,
                    expected: "a clinician of the instance")
            }
            if let n = cap.sessionsPerDay, n < 1 {
                throw .invalidInstance(
                    source: source, field: "caps[\(i)].sessionsPerDay", value: String(n),
                    expected: "1 or more (no session could be booked)")
            }
            if let m = cap.minutesPerWeek, m < max(shortest, 1) {
                throw .invalidInstance(
                    source: source, field: "caps[\(i)].minutesPerWeek", value: String(m),
                    expected: "at least \(max(shortest, 1)), the shortest session requested")
            }
        }
    }
}
