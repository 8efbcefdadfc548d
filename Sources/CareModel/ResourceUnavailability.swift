import Foundation

/// A room or an interpreter, named as one thing that can be unavailable (a leak, a broken lock,
/// an interpreter's own leave).
public enum UnavailableResource: Sendable, Hashable, CustomStringConvertible {
    case room(RoomID)
    case interpreter(InterpreterID)

    /// "room" or "interpreter": the word every message and listing uses.
    public var kind: String {
        switch self {
        case .room: "room"
        case .interpreter: "interpreter"
        }
    }

    /// The resource's id as stored.
    public var id: String {
        switch self {
        case let .room(id): id.rawValue
        case let .interpreter(id): id.rawValue
        }
    }

    public var description: String { "\(kind) \(id)" }
}

/// A stretch of time when a room or an interpreter cannot be booked, as the Store keeps it.
///
/// Stored as instants, like a clinician's absence, so an afternoon's works cover the right
/// hours in summer and in winter. Every booking, move and replacement treats it as a hard
/// constraint (the scheduler's snapshot carries it as an absence of the resource).
public struct ResourceUnavailability: Hashable, Sendable, Encodable {
    /// The stored row's id (what `unavailable remove` takes); nil before it is saved.
    public var id: Int64?
    public var resource: UnavailableResource
    /// First instant unavailable.
    public var start: Date
    /// First instant available again.
    public var end: Date
    /// Why, for staff ("dégât des eaux", "interprète en congé"); required, since a secretary
    /// who finds a room blocked must be able to tell whether it still is.
    public var reason: String
    /// Who recorded it and when (set by the Store).
    public var createdBy: String?
    public var createdAt: Date?

    public init(
        id: Int64? = nil, resource: UnavailableResource, start: Date, end: Date, reason: String,
        createdBy: String? = nil, createdAt: Date? = nil
    ) {
        self.id = id
        self.resource = resource
        self.start = start
        self.end = end
        self.reason = reason
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// Whether it overlaps `[start, end)`.
    public func overlaps(_ start: Date, _ end: Date) -> Bool { self.start < end && start < self.end }

    enum CodingKeys: String, CodingKey { case id, kind, resource, start, end, reason, createdBy, createdAt }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(resource.kind, forKey: .kind)
        try c.encode(resource.id, forKey: .resource)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(reason, forKey: .reason)
        try c.encodeIfPresent(createdBy, forKey: .createdBy)
        try c.encodeIfPresent(createdAt, forKey: .createdAt)
    }
}
