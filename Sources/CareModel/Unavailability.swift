import Foundation

/// A day the whole centre is closed (public holiday, closure): nothing may be booked on it.
///
/// A whole local day rather than a span of instants, because closures are decided by the
/// calendar ("25 December"), whatever the hour or the DST offset.
public struct ClosedDay: Hashable, Sendable, Codable {
    public var date: LocalDate
    /// What the secretary sees in the list ("Noël", "Fermeture d'été").
    public var label: String

    public init(date: LocalDate, label: String) {
        self.date = date
        self.label = label
    }
}

/// A stretch of time when one clinician cannot be booked (leave, training, a weekly half-day off).
///
/// Stored as instants, so a half-day off in summer and in winter both cover the right hours.
public struct ClinicianAbsence: Hashable, Sendable, Codable {
    public var clinician: ClinicianID
    /// First instant unavailable.
    public var start: Date
    /// First instant available again.
    public var end: Date
    /// Free text from whoever recorded it ("Congés", "Formation EMDR"); staff only.
    public var reason: String?

    public init(clinician: ClinicianID, start: Date, end: Date, reason: String? = nil) {
        self.clinician = clinician
        self.start = start
        self.end = end
        self.reason = reason
    }
}
