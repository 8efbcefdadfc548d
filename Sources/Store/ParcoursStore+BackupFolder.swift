import CareModel
import Foundation
import GRDB

/// One backup in the backup folder, as the desk's *Sauvegardes* page lists it.
public struct BackupFile: Hashable, Sendable {
    /// The file's name inside the folder (`parcours-2026-11-26-101500.sqlite`).
    public var name: String
    /// Its size in bytes.
    public var bytes: Int64
    /// When it was last written.
    public var modified: Date
}

extension ParcoursStore {
    /// Takes a backup into `folder` named after `instant` in UTC
    /// (`parcours-2026-11-26-101500.sqlite`), through ``backup(to:replace:)``; creates the folder
    /// 0700 if it is missing. Returns the name of the file written.
    ///
    /// The desk's *Sauvegardes* button calls it: the administrator picks no path, so no path
    /// typed in a browser ever reaches the file system.
    @discardableResult
    public func backup(intoFolder folder: String, at instant: Date) throws(StoreError) -> String {
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .io("cannot create the backup folder \(folder) (\(error.localizedDescription))")
            }
        } else if !isFolder.boolValue {
            throw .io("the backup folder \(folder) is a file, not a folder; give another --backup-dir")
        }
        let name = "parcours-\(Self.backupStamp(instant)).sqlite"
        try backup(to: (folder as NSString).appendingPathComponent(name))
        return name
    }

    /// The backups in `folder` (files named `parcours-*.sqlite`), newest first; none when the
    /// folder does not exist yet.
    public static func backupFiles(in folder: String) throws(StoreError) -> [BackupFile] {
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw .io("cannot read the backup folder \(folder) (\(error.localizedDescription))")
        }
        return names.filter { $0.hasPrefix("parcours-") && $0.hasSuffix(".sqlite") }.compactMap { name in
            let path = (folder as NSString).appendingPathComponent(name)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular
            else { return nil }
            return BackupFile(
                name: name, bytes: (attributes[.size] as? NSNumber)?.int64Value ?? 0,
                modified: attributes[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0))
        }
        .sorted { ($0.modified, $0.name) > ($1.modified, $1.name) }
    }

    /// `2026-11-26-101500`: UTC, sortable, safe in a file name.
    static func backupStamp(_ instant: Date) -> String {
        let text = StoredText.instant(instant) // 2026-11-26T10:15:00Z
        return String(text.prefix(10)) + "-" + text.dropFirst(11).prefix(8).filter { $0 != ":" }
    }

    /// Opens the centre again on `date`, audited as `remove-closed-day` with the day as it was;
    /// a day that is not closed is refused as not found and nothing changes.
    public func removeClosedDay(_ date: LocalDate, actor: Actor, reason: String? = nil) throws(StoreError) {
        try write { db in
            guard
                let label = try String.fetchOne(
                    db, sql: "SELECT label FROM closed_day WHERE date = ?", arguments: [date.iso])
            else { throw StoreError.notFound(kind: "closed day", id: date.iso) }
            try db.execute(sql: "DELETE FROM closed_day WHERE date = ?", arguments: [date.iso])
            try audit(
                db, actor: actor, action: "remove-closed-day", entity: "closed_day", id: date.iso, patient: nil,
                before: Self.json(ClosedDay(date: date, label: label)), reason: reason)
        }
    }
}
