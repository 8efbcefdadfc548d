import CareModel
import Foundation
import GRDB

/// The desk's week agenda: one clinician's or one room's sessions, read in one query.
extension ParcoursStore {
    /// Every session starting in `[from, to)` that `clinician` holds (alone or with others),
    /// whatever its status, with all its clinicians in order, in time order.
    ///
    /// One query whatever the size of the centre.
    public func appointments(from: Date, to: Date, heldBy clinician: ClinicianID) throws(StoreError) -> [Appointment] {
        try agenda(from: from, to: to, clinician: clinician.rawValue, room: nil)
    }

    /// Every session starting in `[from, to)` in `room`, whatever its status, with its
    /// clinicians in order, in time order; one query.
    public func appointments(from: Date, to: Date, inRoom room: RoomID) throws(StoreError) -> [Appointment] {
        try agenda(from: from, to: to, clinician: nil, room: room.rawValue)
    }

    private func agenda(from: Date, to: Date, clinician: String?, room: String?) throws(StoreError) -> [Appointment] {
        try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT a.*, c.clinician AS agenda_clinician FROM appointment a
                    LEFT JOIN appointment_clinician c ON c.appointment = a.id
                    WHERE a.start_utc >= ?1 AND a.start_utc < ?2
                    AND (?3 IS NULL OR a.id IN (SELECT appointment FROM appointment_clinician WHERE clinician = ?3))
                    AND (?4 IS NULL OR a.room = ?4)
                    ORDER BY a.start_utc, a.id, c.position
                    """,
                arguments: [StoredText.instant(from), StoredText.instant(to), clinician, room])
            return try groupedAppointments(rows)
        }
    }
}
