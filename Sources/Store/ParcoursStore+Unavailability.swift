import CareModel
import Foundation
import GRDB

/// What one import of closed days or absences changed, for the summary a secretary reads.
public struct AddedRecords<Record: Hashable & Sendable>: Hashable, Sendable {
    /// Records saved by this call, in date order.
    public var added: [Record]
    /// Records given that were already in the database (or twice in the batch): left as they were,
    /// so importing the same file twice changes nothing.
    public var alreadyPresent: Int
}

/// Closed days and clinician absences: when nothing, or nobody, can be booked.
extension ParcoursStore {
    /// Saves closed days, all or none. A day already closed keeps its label and counts as
    /// already present, so re-importing a holidays file is harmless.
    @discardableResult
    public func addClosedDays(
        _ days: [ClosedDay], actor: Actor, reason: String? = nil
    )
        throws(StoreError) -> AddedRecords<ClosedDay>
    {
        try write { db in
            var added: [ClosedDay] = []
            var seen: Set<LocalDate> = []
            for day in days.sorted(by: { $0.date < $1.date }) {
                guard seen.insert(day.date).inserted, try !exists(db, "closed_day", "date", day.date.iso) else {
                    continue
                }
                let label = day.label.trimmingCharacters(in: .whitespacesAndNewlines)
                try db.execute(
                    sql: "INSERT INTO closed_day (date, label) VALUES (?, ?)", arguments: [day.date.iso, label])
                let saved = ClosedDay(date: day.date, label: label)
                try audit(
                    db, actor: actor, action: "add-closed-day", entity: "closed_day", id: day.date.iso, patient: nil,
                    after: Self.json(saved), reason: reason)
                added.append(saved)
            }
            return AddedRecords(added: added, alreadyPresent: days.count - added.count)
        }
    }

    /// Closed days in `[from, to]` (both included; nil is open-ended), in date order.
    public func closedDays(from: LocalDate? = nil, to: LocalDate? = nil) throws(StoreError) -> [ClosedDay] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM closed_day WHERE date >= ? AND date <= ? ORDER BY date",
                arguments: [from?.iso ?? "0000-00-00", to?.iso ?? "9999-99-99"]
            ).map { row throws(StoreError) in
                let r = RowReader(row, table: "closed_day", idColumn: "date")
                return ClosedDay(date: try r.day("date"), label: try r.text("label"))
            }
        }
    }

    /// Saves absences, all or none: an unknown clinician or an end not after its start refuses
    /// the whole batch. An absence identical to one already saved (same clinician, start and end)
    /// counts as already present.
    @discardableResult
    public func addAbsences(
        _ absences: [ClinicianAbsence], actor: Actor, reason: String? = nil
    )
        throws(StoreError) -> AddedRecords<ClinicianAbsence>
    {
        try write { db in try insertAbsences(db, absences, actor: actor, reason: reason) }
    }

    /// The body of ``addAbsences(_:actor:reason:)`` inside a caller's transaction.
    func insertAbsences(
        _ db: Database, _ absences: [ClinicianAbsence], actor: Actor, reason: String?
    ) throws
        -> AddedRecords<ClinicianAbsence>
    {
        var added: [ClinicianAbsence] = []
        for absence in absences.sorted(by: { ($0.clinician, $0.start, $0.end) < ($1.clinician, $1.start, $1.end) }) {
            let clinician = absence.clinician.rawValue
            guard try exists(db, "clinician", "id", clinician) else {
                throw StoreError.notFound(kind: "clinician", id: clinician)
            }
            guard absence.end > absence.start else {
                throw StoreError.constraint(
                    "the absence of \(clinician) from \(StoredText.instant(absence.start)) ends before it starts")
            }
            let from = StoredText.instant(absence.start), to = StoredText.instant(absence.end)
            let known =
                try Int.fetchOne(
                    db,
                    sql: "SELECT count(*) FROM clinician_absence WHERE clinician = ? AND from_utc = ? AND to_utc = ?",
                    arguments: [clinician, from, to]) ?? 0
            guard known == 0 else { continue }
            let text = absence.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            try db.execute(
                sql: "INSERT INTO clinician_absence (clinician, from_utc, to_utc, reason) VALUES (?, ?, ?, ?)",
                arguments: [clinician, from, to, text?.isEmpty == false ? text : nil])
            let saved = ClinicianAbsence(
                clinician: absence.clinician, start: absence.start, end: absence.end,
                reason: text?.isEmpty == false ? text : nil)
            try audit(
                db, actor: actor, action: "add-absence", entity: "clinician_absence",
                id: String(db.lastInsertedRowID), patient: nil, after: Self.json(saved), reason: reason)
            added.append(saved)
        }
        return AddedRecords(added: added.sorted { $0.start < $1.start }, alreadyPresent: absences.count - added.count)
    }

    /// Absences (of one clinician, or everyone's) that overlap `[from, to)`, in time order.
    public func absences(
        clinician: ClinicianID? = nil, from: Date? = nil, to: Date? = nil
    )
        throws(StoreError) -> [ClinicianAbsence]
    {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM clinician_absence WHERE (?1 IS NULL OR clinician = ?1) AND to_utc > ?2 AND from_utc < ?3
                    ORDER BY from_utc, clinician, id
                    """,
                arguments: [
                    clinician?.rawValue, from.map(StoredText.instant) ?? "0000",
                    to.map(StoredText.instant) ?? "9999",
                ]
            ).map { row throws(StoreError) in
                let r = RowReader(row, table: "clinician_absence", idColumn: "id")
                return ClinicianAbsence(
                    clinician: ClinicianID(try r.text("clinician")), start: try r.instant("from_utc"),
                    end: try r.instant("to_utc"), reason: try r.optionalText("reason"))
            }
        }
    }
}
