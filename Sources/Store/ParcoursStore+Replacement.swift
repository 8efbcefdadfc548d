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
    public func book(
        _ appointments: [Appointment], moving moves: [Appointment], actor: Actor,
        reason: String? = nil
    ) throws(StoreError) {
        guard !moves.isEmpty else { return try book(appointments, actor: actor, reason: reason) }
        try write { db in
            try moveAll(db, moves.map { ($0.id, $0) }, actor: actor, reason: reason)
            for appointment in appointments { try bookOne(db, appointment, actor: actor, reason: reason) }
        }
    }
}

extension ParcoursStore {
    /// Records leave and moves the sessions it hits in one transaction, all or nothing; each move
    /// is audited with `moveReason(id)` (same clinician, or a colleague).
    public func addAbsences(
        _ absences: [ClinicianAbsence], moving moves: [Appointment], actor: Actor, reason: String?,
        moveReason: @escaping (AppointmentID) -> String
    ) throws(StoreError) -> AddedRecords<ClinicianAbsence> {
        try write { db in
            let added = try insertAbsences(db, absences, actor: actor, reason: reason)
            if !moves.isEmpty {
                try moveAll(db, moves.map { ($0.id, $0) }, actor: actor, reason: reason, reasonFor: moveReason)
            }
            return added
        }
    }
}
