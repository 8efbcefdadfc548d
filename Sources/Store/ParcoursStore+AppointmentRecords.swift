import CareModel
import Foundation
import GRDB

/// An appointment with what a calendar feed needs to publish it as an event that updates in place.
public struct AppointmentRecord: Hashable, Sendable {
    public var appointment: Appointment
    /// Random, given by the database when the appointment was saved and never changed: calendar
    /// apps match an update to the event they already show by it. Holds no patient data.
    public var uid: String
    /// Raised on every change of time, room, interpreter or status (iCalendar SEQUENCE).
    public var sequence: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(appointment: Appointment, uid: String, sequence: Int, createdAt: Date, updatedAt: Date) {
        self.appointment = appointment
        self.uid = uid
        self.sequence = sequence
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Whose appointments to read: the audiences a calendar feed is published for.
public enum AppointmentScope: Hashable, Sendable {
    case clinician(ClinicianID)
    case room(RoomID)
    case patient(PatientCode)
    case all
}

extension ParcoursStore {
    /// Appointments of `scope` that overlap `[from, to)` (nil is open-ended), whatever their status,
    /// in time order: cancelled ones included, so feeds can show them as cancelled.
    public func appointmentRecords(
        _ scope: AppointmentScope, from: Date? = nil, to: Date? = nil
    )
        throws(StoreError) -> [AppointmentRecord]
    {
        let (condition, key): (String, String?) =
            switch scope {
            case let .clinician(id):
                ("id IN (SELECT appointment FROM appointment_clinician WHERE clinician = ?3)", id.rawValue)
            case let .room(id): ("room = ?3", id.rawValue)
            case let .patient(code): ("patient = ?3", code.rawValue)
            case .all: ("?3 IS NULL", nil)
            }
        let filter = "end_utc > ?1 AND start_utc < ?2 AND \(condition)"
        let arguments: StatementArguments = [
            from.map(StoredText.instant) ?? "0000", to.map(StoredText.instant) ?? "9999", key,
        ]
        return try read { db in
            // Two statements whatever the number of sessions: the clinicians of all of them at once.
            var clinicians: [String: [ClinicianID]] = [:]
            let links = try Row.fetchCursor(
                db,
                sql: """
                    SELECT appointment, clinician FROM appointment_clinician
                    WHERE appointment IN (SELECT id FROM appointment WHERE \(filter)) ORDER BY appointment, position
                    """, arguments: arguments)
            while let row = try links.next() {
                clinicians[try row.decode(String.self, atIndex: 0), default: []].append(
                    ClinicianID(try row.decode(String.self, atIndex: 1)))
            }
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM appointment WHERE \(filter) ORDER BY start_utc, id", arguments: arguments)
            return try rows.map { row throws in
                let r = RowReader(row, table: "appointment", idColumn: "id")
                let id = try r.text("id")
                return AppointmentRecord(
                    appointment: try appointment(from: row, clinicians: clinicians[id] ?? []), uid: try r.text("uid"),
                    sequence: try r.int("sequence"),
                    createdAt: try r.instant("created_at"), updatedAt: try r.instant("updated_at"))
            }
        }
    }
}
