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

    /// A clinician's week: the week's sessions walked in `appointment_week` (start, id), each
    /// probed in `appointment_clinician`'s key, the clinician's own read from the table
    /// (`appointment-clinician-week-index`).
    package static let clinicianWeekSQL = """
        SELECT a.*, c.clinician AS agenda_clinician FROM appointment a
        LEFT JOIN appointment_clinician c ON c.appointment = a.id
        WHERE a.start_utc >= ?1 AND a.start_utc < ?2
        AND EXISTS (SELECT 1 FROM appointment_clinician h WHERE h.appointment = a.id AND h.clinician = ?3)
        ORDER BY a.start_utc, a.id, c.position
        """

    /// A room's week, through `appointment_room_start`.
    package static let roomWeekSQL = """
        SELECT a.*, c.clinician AS agenda_clinician FROM appointment a
        LEFT JOIN appointment_clinician c ON c.appointment = a.id
        WHERE a.room = ?3 AND a.start_utc >= ?1 AND a.start_utc < ?2
        ORDER BY a.start_utc, a.id, c.position
        """

    private func agenda(from: Date, to: Date, clinician: String?, room: String?) throws(StoreError) -> [Appointment] {
        try read { db in
            let statement = try db.cachedStatement(sql: clinician != nil ? Self.clinicianWeekSQL : Self.roomWeekSQL)
            let rows = try Row.fetchCursor(
                statement, arguments: [StoredText.instant(from), StoredText.instant(to), clinician ?? room])
            return try groupedAppointments(rows, columns: ColumnPositions(statement.columnNames))
        }
    }
}
