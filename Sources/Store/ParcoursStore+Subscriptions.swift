import CareModel
import Foundation
import GRDB

/// A clinician's own calendar, read by URL on a schedule (`parcours calendar subscribe`).
public struct CalendarSubscription: Hashable, Sendable, Encodable {
    public var id: Int64
    public var clinician: ClinicianID
    public var url: String
    public var createdAt: Date
    /// Validators the server sent with the last calendar read, sent back on the next request.
    public var etag: String?
    public var lastModified: String?
    /// The last attempt, and the last one that brought a calendar (or a 304).
    public var checkedAt: Date?
    public var refreshedAt: Date?
    /// Consecutive failures (for the backoff) and the last one's reason.
    public var failures: Int
    public var lastError: String?
    /// Whether each read moves the booked sessions its new busy times fall on (else they are listed).
    public var replan: Bool = false
}

extension ParcoursStore {
    /// Subscribes `clinician` to the calendar at `url` (http or https); nothing is read yet.
    @discardableResult
    public func addCalendarSubscription(
        clinician: ClinicianID, url: String, replan: Bool = false, actor: Actor
    )
        throws(StoreError) -> CalendarSubscription
    {
        try write { db in
            guard try exists(db, "clinician", "id", clinician.rawValue) else {
                throw StoreError.notFound(kind: "clinician", id: clinician.rawValue)
            }
            let known =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM calendar_subscription WHERE clinician = ? AND url = ?",
                    arguments: [clinician.rawValue, url]) ?? 0
            guard known == 0 else { throw StoreError.duplicate(kind: "calendar subscription of \(clinician)", id: url) }
            try db.execute(
                sql: "INSERT INTO calendar_subscription (clinician, url, created_at, replan) VALUES (?, ?, ?, ?)",
                arguments: [clinician.rawValue, url, StoredText.instant(clock()), replan ? 1 : 0])
            let id = db.lastInsertedRowID
            // The URL is often a secret address (Google's "secret address in iCal format"): the
            // audit log keeps its host only.
            try audit(
                db, actor: actor, action: "subscribe-calendar", entity: "calendar_subscription", id: String(id),
                patient: nil,
                after: Self.json([
                    "clinician": clinician.rawValue, "host": Self.host(of: url), "replan": replan ? "yes" : "no",
                ]),
                reason: nil)
            return try subscription(db, id: id)
        }
    }

    /// Every subscription, in the order they were made.
    public func calendarSubscriptions() throws(StoreError) -> [CalendarSubscription] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM calendar_subscription ORDER BY id").map { row throws in
                try Self.subscription(from: row)
            }
        }
    }

    /// Ends a subscription and removes the absences it brought; hand-made absences stay.
    public func removeCalendarSubscription(_ id: Int64, actor: Actor) throws(StoreError) {
        try write { db in
            let removed = try subscription(db, id: id)
            let absences =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM clinician_absence WHERE subscription = ?",
                    arguments: [id]) ?? 0
            try db.execute(sql: "DELETE FROM clinician_absence WHERE subscription = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM calendar_subscription WHERE id = ?", arguments: [id])
            try audit(
                db, actor: actor, action: "unsubscribe-calendar", entity: "calendar_subscription", id: String(id),
                patient: nil,
                before: Self.json([
                    "clinician": removed.clinician.rawValue, "host": Self.host(of: removed.url),
                    "absences": String(absences),
                ]), reason: nil)
        }
    }

    /// Replaces the absences of subscription `id` with `absences`, all in one transaction, and
    /// returns those that were not there before (the ones that may hit booked sessions).
    @discardableResult
    public func replaceSubscriptionAbsences(
        _ id: Int64, with absences: [ClinicianAbsence], etag: String?,
        lastModified: String?, actor: Actor
    ) throws(StoreError) -> [ClinicianAbsence] {
        try write { db in
            let subscription = try subscription(db, id: id)
            let before = Set(
                try Row.fetchAll(
                    db, sql: "SELECT from_utc, to_utc FROM clinician_absence WHERE subscription = ?", arguments: [id]
                ).map { row throws(StoreError) in
                    let r = RowReader(row, table: "clinician_absence", idColumn: "from_utc")
                    return [try r.text("from_utc"), try r.text("to_utc")]
                })
            try db.execute(sql: "DELETE FROM clinician_absence WHERE subscription = ?", arguments: [id])
            var added: [ClinicianAbsence] = []
            for absence in absences where absence.end > absence.start {
                let from = StoredText.instant(absence.start), to = StoredText.instant(absence.end)
                try db.execute(
                    sql:
                        "INSERT INTO clinician_absence (clinician, from_utc, to_utc, reason, subscription) VALUES (?, ?, ?, ?, ?)",
                    arguments: [subscription.clinician.rawValue, from, to, absence.reason, id])
                if !before.contains([from, to]) { added.append(absence) }
            }
            let now = StoredText.instant(clock())
            try db.execute(
                sql: """
                    UPDATE calendar_subscription SET etag = ?, last_modified = ?, checked_at = ?, refreshed_at = ?,
                        failures = 0, last_error = NULL WHERE id = ?
                    """, arguments: [etag, lastModified, now, now, id])
            try audit(
                db, actor: actor, action: "refresh-calendar-subscription", entity: "calendar_subscription",
                id: String(id),
                patient: nil, after: Self.json(["absences": String(absences.count), "new": String(added.count)]),
                reason: nil)
            return added
        }
    }

    /// Sets whether each read of subscription `id` replans the sessions its busy times fall on
    /// (`calendar set-replan`); audited with the old and new setting.
    @discardableResult
    public func setSubscriptionReplan(
        _ id: Int64, _ replan: Bool, actor: Actor
    ) throws(StoreError)
        -> CalendarSubscription
    {
        try write { db in
            let before = try subscription(db, id: id)
            try db.execute(
                sql: "UPDATE calendar_subscription SET replan = ? WHERE id = ?", arguments: [replan ? 1 : 0, id])
            try audit(
                db, actor: actor, action: "set-subscription-replan", entity: "calendar_subscription",
                id: String(id), patient: nil, before: Self.json(["replan": before.replan ? "yes" : "no"]),
                after: Self.json(["replan": replan ? "yes" : "no"]), reason: nil)
            return try subscription(db, id: id)
        }
    }

    /// Records an attempt that changed no absence: `error` nil for a 304, else why it failed
    /// (counted for the backoff; the absences of the last good read stay).
    public func recordSubscriptionCheck(_ id: Int64, error: String?) throws(StoreError) {
        try write { db in
            _ = try subscription(db, id: id)
            let now = StoredText.instant(clock())
            if let error {
                try db.execute(
                    sql:
                        "UPDATE calendar_subscription SET checked_at = ?, failures = failures + 1, last_error = ? WHERE id = ?",
                    arguments: [now, String(error.prefix(500)), id])
            } else {
                try db.execute(
                    sql: """
                        UPDATE calendar_subscription SET checked_at = ?, refreshed_at = ?, failures = 0, last_error = NULL WHERE id = ?
                        """, arguments: [now, now, id])
            }
        }
    }

    private func subscription(_ db: Database, id: Int64) throws -> CalendarSubscription {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM calendar_subscription WHERE id = ?", arguments: [id])
        else {
            throw StoreError.notFound(kind: "calendar subscription", id: String(id))
        }
        return try Self.subscription(from: row)
    }

    static func subscription(from row: Row) throws(StoreError) -> CalendarSubscription {
        let r = RowReader(row, table: "calendar_subscription", idColumn: "id")
        return CalendarSubscription(
            id: try r.int64("id"), clinician: ClinicianID(try r.text("clinician")), url: try r.text("url"),
            createdAt: try r.instant("created_at"), etag: try r.optionalText("etag"),
            lastModified: try r.optionalText("last_modified"),
            checkedAt: try r.optionalText("checked_at") == nil ? nil : try r.instant("checked_at"),
            refreshedAt: try r.optionalText("refreshed_at") == nil ? nil : try r.instant("refreshed_at"),
            failures: try r.int("failures"), lastError: try r.optionalText("last_error"), replan: try r.bool("replan"))
    }

    /// The absences subscription `id` keeps now, in time order: what its calendar said at the last good read.
    public func subscriptionAbsences(_ id: Int64) throws(StoreError) -> [ClinicianAbsence] {
        try read { db in
            _ = try subscription(db, id: id)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM clinician_absence WHERE subscription = ? ORDER BY from_utc, id", arguments: [id]
            ).map { row throws(StoreError) in
                let r = RowReader(row, table: "clinician_absence", idColumn: "id")
                return ClinicianAbsence(
                    clinician: ClinicianID(try r.text("clinician")), start: try r.instant("from_utc"),
                    end: try r.instant("to_utc"), reason: try r.optionalText("reason"))
            }
        }
    }

    /// `https://calendar.example.org/...` → `calendar.example.org`.
    static func host(of url: String) -> String {
        URLComponents(string: url)?.host ?? "?"
    }
}
