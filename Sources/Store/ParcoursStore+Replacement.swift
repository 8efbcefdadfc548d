import CareModel
import Foundation
import GRDB

extension ParcoursStore {
    /// Books new sessions and moves booked ones in one transaction, all or nothing: a replacement
    /// inside a series, with the sessions after it shifted to make room.
    ///
    /// The moves go first (each re-checked as ``move(_:actor:reason:)`` does), so a replacement may
    /// take a time one of them left; then each new session is checked and inserted as
    /// ``book(_:actor:reason:)`` does.
    public func book(_ appointments: [Appointment], moving moves: [Appointment], actor: Actor,
                     reason: String? = nil) throws(StoreError) {
        guard !moves.isEmpty else { return try book(appointments, actor: actor, reason: reason) }
        try write { db in
            try moveAll(db, moves.map { ($0.id, $0) }, actor: actor, reason: reason)
            for appointment in appointments { try bookOne(db, appointment, actor: actor, reason: reason) }
        }
    }
}
