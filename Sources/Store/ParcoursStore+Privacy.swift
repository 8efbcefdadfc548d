import CareModel
import Foundation
import GRDB

/// What `parcours patient forget` erased, for the secretary's confirmation.
public struct ForgetOutcome: Sendable, Hashable {
    /// Names of the fields that held a value and were erased (`given_name`, `phone`…), never the values.
    public var erasedFields: [String]
    public var forgottenAt: Date
    /// Whether the write-ahead log was emptied into the file afterwards, so that it no longer
    /// holds the pages with the erased values. False when another connection was reading at
    /// that moment; SQLite then clears it when the last connection to the file closes.
    public var journalCleared: Bool
}

/// Privacy controls: address protection, the right to be forgotten, audited access to protected
/// identities.
///
/// Forgetting erases who the patient is and how to reach them, but keeps the pseudonymous
/// clinical record (enrolments, appointments, measures) so the centre's figures stay true. The
/// audit row says which fields were erased, never what they held: the audit log cannot be edited,
/// so a value written there could never be erased.
extension ParcoursStore {
    /// Turns address protection on or off; audited, since it changes what every export shows.
    public func setAddressProtected(
        _ code: PatientCode, _ protected: Bool, actor: Actor,
        reason: String? = nil
    ) throws(StoreError) {
        try write { db in
            guard
                let before = try Bool.fetchOne(
                    db, sql: "SELECT address_protected FROM patient WHERE code = ?",
                    arguments: [code.rawValue])
            else { throw StoreError.notFound(kind: "patient", id: code.rawValue) }
            guard before != protected else {
                throw StoreError.constraint(
                    "\(code) is already \(protected ? "address-protected" : "not address-protected")")
            }
            try db.execute(
                sql: "UPDATE patient SET address_protected = ? WHERE code = ?", arguments: [protected, code.rawValue])
            try audit(
                db, actor: actor, action: protected ? "protect-patient" : "unprotect-patient", entity: "patient",
                id: code.rawValue, patient: code, before: Self.json(["addressProtected": before]),
                after: Self.json(["addressProtected": protected]), reason: reason)
        }
    }

    /// The codes of every address-protected patient, for the exports that must leave them out.
    public func protectedPatientCodes() throws(StoreError) -> Set<PatientCode> {
        try read { db in
            Set(
                try String.fetchAll(db, sql: "SELECT code FROM patient WHERE address_protected = 1").map {
                    PatientCode($0)
                })
        }
    }

    /// When the patient's identity was erased, or nil if it never was.
    public func forgottenAt(_ code: PatientCode) throws(StoreError) -> Date? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT forgotten_at FROM patient WHERE code = ?", arguments: [code.rawValue])
            else { throw StoreError.notFound(kind: "patient", id: code.rawValue) }
            let r = RowReader(row, table: "patient", idColumn: "forgotten_at")
            return try r.optionalText("forgotten_at") == nil ? nil : try r.instant("forgotten_at")
        }
    }

    /// Erases the patient's identity and contact details and sets their safe channels to none,
    /// keeping the clinical record; refused without a reason, or for a patient already forgotten.
    @discardableResult
    public func forgetPatient(_ code: PatientCode, actor: Actor, reason: String) throws(StoreError) -> ForgetOutcome {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else {
            throw .constraint("forgetting \(code) needs a reason (the request it answers), for the audit log")
        }
        var outcome = try write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT safe_channels, forgotten_at FROM patient WHERE code = ?",
                    arguments: [code.rawValue])
            else { throw StoreError.notFound(kind: "patient", id: code.rawValue) }
            let r = RowReader(row, table: "patient", idColumn: "code")
            if try r.optionalText("forgotten_at") != nil {
                throw StoreError.constraint(
                    "\(code) was already forgotten on \(StoredText.instant(try r.instant("forgotten_at")))")
            }
            var erased = try identityFields(db, code)
            if try !r.text("safe_channels").isEmpty { erased.append("safe_channels") }
            erased.sort()
            let now = clock()
            // Overwrite the freed pages too, so the erased names do not linger in the file.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "DELETE FROM patient_identity WHERE code = ?", arguments: [code.rawValue])
            try db.execute(
                sql: "UPDATE patient SET safe_channels = '', forgotten_at = ? WHERE code = ?",
                arguments: [StoredText.instant(now), code.rawValue])
            try audit(
                db, actor: actor, action: "forget-patient", entity: "patient", id: code.rawValue, patient: code,
                before: Self.json(["erased": erased]),
                after: Self.json(["forgotten": true]), reason: why)
            return ForgetOutcome(
                erasedFields: erased, forgottenAt: StoredText.instant(parsing: StoredText.instant(now)) ?? now,
                journalCleared: false)
        }
        outcome.journalCleared = clearJournal()
        return outcome
    }

    /// Copies the write-ahead log into the database file and truncates it: the log keeps the
    /// pages as they were before an erasure until then. Best effort: a reader elsewhere makes
    /// SQLite answer busy, and the erasure is committed either way.
    func clearJournal() -> Bool {
        do {
            return try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA secure_delete = ON")
                let (frames, copied) = try db.checkpoint(.truncate)
                return frames <= 0 || frames == copied
            }
        } catch {
            logger.info("write-ahead log not cleared after an erasure", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Records or replaces who the patient is and how to reach them. For a forgotten patient this
    /// is refused unless `afterForget`: an erasure must not be undone by a routine edit. With it,
    /// the patient is no longer marked forgotten (the audit log keeps both events).
    public func setIdentity(
        _ identity: PatientIdentity, afterForget: Bool = false, actor: Actor,
        reason: String? = nil
    ) throws(StoreError) {
        let code = identity.code
        try write { db in
            guard
                let forgotten = try Row.fetchOne(
                    db, sql: "SELECT forgotten_at FROM patient WHERE code = ?",
                    arguments: [code.rawValue])
            else { throw StoreError.notFound(kind: "patient", id: code.rawValue) }
            if let when: String = forgotten["forgotten_at"], !afterForget {
                throw StoreError.constraint(
                    "\(code) was forgotten on \(when) at their request; record an identity again only if they ask, with --after-forget"
                )
            }
            let before = try identityFields(db, code)
            try db.execute(
                sql: """
                    INSERT INTO patient_identity (code, given_name, family_name, phone, email, address) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (code) DO UPDATE SET given_name = excluded.given_name, family_name = excluded.family_name,
                        phone = excluded.phone, email = excluded.email, address = excluded.address
                    """,
                arguments: [
                    code.rawValue, identity.givenName, identity.familyName, identity.phone, identity.email,
                    identity.address,
                ])
            // The patient came back and asked: they are no longer forgotten, and may ask again.
            try db.execute(sql: "UPDATE patient SET forgotten_at = NULL WHERE code = ?", arguments: [code.rawValue])
            try audit(
                db, actor: actor, action: "set-identity", entity: "patient", id: code.rawValue, patient: code,
                before: Self.json(["fields": before]), after: Self.json(["fields": try identityFields(db, code)]),
                reason: reason)
        }
    }

    /// Notes in the audit log that `actor` was shown the identity of protected patients.
    public func recordProtectedIdentityAccess(
        _ codes: [PatientCode], actor: Actor, reason: String? = nil
    ) throws(StoreError) {
        guard !codes.isEmpty else { return }
        try write { db in
            for code in codes {
                try audit(
                    db, actor: actor, action: "show-protected-identity", entity: "patient", id: code.rawValue,
                    patient: code, reason: reason)
            }
        }
    }

    /// The names of the identity fields that hold a value: what an audit row may say about them.
    private func identityFields(_ db: Database, _ code: PatientCode) throws -> [String] {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM patient_identity WHERE code = ?", arguments: [code.rawValue])
        else { return [] }
        return ["given_name", "family_name", "phone", "email", "address"].filter { column in
            let value: String? = row[column]
            return !(value ?? "").isEmpty
        }.sorted()
    }
}
