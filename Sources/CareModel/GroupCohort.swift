/// A closed therapy group: formed from enrolled patients, then booked all at once.
///
/// Closed because the same people meet every week: nobody joins once the sessions are booked.
public struct GroupCohort: Hashable, Sendable, Codable {
    public enum Status: String, CaseIterable, Codable, Sendable { case forming, booked }

    public var id: String
    public var track: TrackID
    /// The day from which the weekly slot is looked for.
    public var startDate: LocalDate
    public var status: Status
    public var members: [PatientCode]

    public init(
        id: String, track: TrackID, startDate: LocalDate, status: Status = .forming, members: [PatientCode] = []
    ) {
        self.id = id
        self.track = track
        self.startDate = startDate
        self.status = status
        self.members = members
    }
}
