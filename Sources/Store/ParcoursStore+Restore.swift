import CareModel
import Foundation
import GRDB

/// A patient whose identity was erased, as the erasure register of the database being replaced
/// holds it: a restore must not bring them back.
public struct Erasure: Hashable, Sendable {
    public var patient: PatientCode
    public var forgottenAt: Date
}

extension ParcoursStore {
    /// The erasure register: every patient whose identity is erased in this database now, oldest
    /// erasure first.
    public func erasureRegister() throws(StoreError) -> [Erasure] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT code, forgotten_at FROM patient WHERE forgotten_at IS NOT NULL ORDER BY forgotten_at, code"
            )
            .map { row throws(StoreError) in
                let r = RowReader(row, table: "patient", idColumn: "code")
                return Erasure(patient: PatientCode(try r.text("code")), forgottenAt: try r.instant("forgotten_at"))
            }
        }
    }

    /// Replaces the whole database with the backup at `source`, after keeping a copy of the
    /// current one as `<db>.before-restore-<time>`, and re-applies every erasure made since the
    /// backup was taken.
    ///
    /// The backup is verified first, so a wrong or damaged file changes nothing. It is copied to
    /// a private staging file beside the database, migrated forward, and every patient of the
    /// erasure register (read from the database being replaced) who is not erased in the backup
    /// is erased again there, with an audit row: a victim who asked to be forgotten stays
    /// forgotten. Only then are the pages copied in with the online backup API under the write
    /// lock, so other processes see the old calendar or the restored one, never identities
    /// brought back. The restore itself is written to the restored audit log.
    @discardableResult
    public func restore(from source: String, actor: Actor, reason: String? = nil) throws(StoreError) -> RestoreSummary {
        let backupSchema = try Self.verifyRestorable(source)
        let register = try erasureRegister()
        let stamp = StoredText.instant(clock()).replacingOccurrences(of: ":", with: "")
        var previous = "\(path).before-restore-\(stamp)"
        var attempt = 1
        while FileManager.default.fileExists(atPath: previous) {
            attempt += 1
            previous = "\(path).before-restore-\(stamp)-\(attempt)"
        }
        try backup(to: previous)
        let staged = Self.partialPath(for: path)
        Self.removeStalePartials(of: path)
        defer { Self.removeDatabaseFiles(staged) }
        var reapplied: [PatientCode] = []
        do {
            try Self.createPrivateFile(staged)
            try Self.leavingNoJournal(beside: source) { () throws(StoreError) in
                do {
                    var configuration = Configuration()
                    configuration.readonly = true
                    let backup = try DatabaseQueue(path: source, configuration: configuration)
                    defer { try? backup.close() }
                    let copy = try DatabaseQueue(path: staged)
                    defer { try? copy.close() }
                    try backup.backup(to: copy)
                    try migrator.migrate(copy)
                    // The erasures and the restore's own audit row go into the copy, so that the
                    // pages copied in below carry them: one step, all or nothing.
                    reapplied = try copy.write { db in
                        let done = try reapplyErasures(register, in: db, actor: actor)
                        try audit(
                            db, actor: actor, action: "restore", entity: "database",
                            id: URL(fileURLWithPath: path).lastPathComponent, patient: nil,
                            after: Self.json([
                                "backup": source, "backupSchema": backupSchema, "previousCopy": previous,
                                "erasuresReapplied": String(done.count),
                            ]),
                            reason: reason)
                        return done
                    }
                    try copy.backup(to: pool)
                } catch {
                    throw StoreError(error, path: path)
                }
            }
        } catch {
            // Nothing changed: the copy of the unchanged database is not needed, and on a full
            // disk it would only keep the disk full.
            Self.removeDatabaseFiles(previous)
            throw StoreError(error, path: path)
        }
        _ = clearJournal()
        logger.notice("database restored", metadata: ["db": "\(path)", "from": "\(source)", "previous": "\(previous)"])
        return RestoreSummary(
            source: source, previousCopy: previous, backupSchema: backupSchema, erasuresReapplied: reapplied)
    }

    /// Erases again, in the restored copy, every patient of `register` that the copy still
    /// knows and does not hold as erased; returns their codes.
    private func reapplyErasures(_ register: [Erasure], in db: Database, actor: Actor) throws -> [PatientCode] {
        try db.execute(sql: "PRAGMA secure_delete = ON")
        var done: [PatientCode] = []
        for erasure in register {
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT forgotten_at FROM patient WHERE code = ?",
                    arguments: [erasure.patient.rawValue])
            else { continue }
            let already: String? = row["forgotten_at"]
            let identity =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM patient_identity WHERE code = ?",
                    arguments: [erasure.patient.rawValue]) ?? 0
            guard already == nil || identity > 0 else { continue }
            try db.execute(sql: "DELETE FROM patient_identity WHERE code = ?", arguments: [erasure.patient.rawValue])
            try db.execute(
                sql: "UPDATE patient SET safe_channels = '', forgotten_at = ? WHERE code = ?",
                arguments: [StoredText.instant(erasure.forgottenAt), erasure.patient.rawValue])
            try audit(
                db, actor: actor, action: "reapply-erasure", entity: "patient", id: erasure.patient.rawValue,
                patient: erasure.patient, after: Self.json(["forgottenAt": StoredText.instant(erasure.forgottenAt)]),
                reason: "erased on \(StoredText.instant(erasure.forgottenAt)), after the backup was taken")
            done.append(erasure.patient)
        }
        return done
    }
}
