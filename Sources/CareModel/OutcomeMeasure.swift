import Foundation

/// A standardised questionnaire the centre scores to see whether patients get better.
///
/// Only instruments with a known score range are accepted, so a typo or an impossible score is
/// refused when it is typed rather than found months later in a report.
public enum Instrument: String, CaseIterable, Codable, Sendable {
    /// PTSD Checklist for DSM-5: 20 items scored 0-4, total 0-80; a fall of 10 points or more is
    /// the usual threshold for a clinically meaningful improvement.
    case pcl5 = "PCL-5"

    /// The scores this instrument can produce.
    public var range: ClosedRange<Int> {
        switch self {
        case .pcl5: 0...80
        }
    }

    /// Finds an instrument by name, ignoring case and a missing hyphen (`pcl5`, `PCL-5`).
    public init?(named text: String) {
        let key = text.uppercased().replacingOccurrences(of: "-", with: "")
        guard let match = Self.allCases.first(where: { $0.rawValue.replacingOccurrences(of: "-", with: "") == key })
        else {
            return nil
        }
        self = match
    }
}

/// One scored questionnaire for one patient on one day.
///
/// Kept apart from appointments: a score may be recorded late, or by phone, and reports compare
/// the score nearest the intake with the one nearest the closing.
public struct OutcomeMeasure: Hashable, Sendable, Codable {
    /// The database row id; nil until saved.
    public var id: Int64?
    public var patient: PatientCode
    public var instrument: Instrument
    public var score: Int
    /// The day the questionnaire was filled in.
    public var on: LocalDate

    /// Refuses a score outside the instrument's range, naming both.
    public init(
        id: Int64? = nil, patient: PatientCode, instrument: Instrument, score: Int,
        on: LocalDate
    ) throws(CareModelError) {
        guard instrument.range.contains(score) else {
            throw .invalidValue(
                field: "\(instrument.rawValue) score", value: String(score),
                expected: "a whole number from \(instrument.range.lowerBound) to \(instrument.range.upperBound)")
        }
        self.id = id
        self.patient = patient
        self.instrument = instrument
        self.score = score
        self.on = on
    }

    /// Refuses a score dated after `today`: a questionnaire cannot have been filled in yet, and a
    /// future date would count as the closing or follow-up score of a session not yet held.
    public func checkNotAfter(_ today: LocalDate) throws(CareModelError) {
        guard on <= today else {
            throw .invalidValue(field: "--at", value: on.iso, expected: "a day on or before today (\(today.iso))")
        }
    }
}
