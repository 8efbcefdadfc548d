import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#endif

/// Files on disk: what may be replaced, and who may read what Parcours writes.
///
/// The database, its backups and before-restore copies hold the names, phones and addresses of
/// victims of violence, so every file the Store creates is made readable by its owner only
/// (0600), whatever the process's umask; SQLite gives the -wal and -shm files the database's mode.
extension ParcoursStore {
    /// Refuses anything at `path` but a regular file (a folder, a device, a socket...).
    static func requireRegularFile(_ path: String) throws(StoreError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR {
            throw .notAParcoursDatabase(
                path: path, detail: "it is a folder; Parcours only ever replaces its own database file")
        }
        if kind == S_IFLNK {
            // Follow one link to what it names, so a symlinked database still opens.
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                throw .notAParcoursDatabase(path: path, detail: "it is a link to something that is not a file")
            }
            return
        }
        guard kind == S_IFREG else {
            throw .notAParcoursDatabase(path: path, detail: "it is not a regular file")
        }
    }

    /// Checks that whatever is at `path` may be replaced by a new Parcours database: nothing,
    /// an empty file, or a Parcours database. A folder, a text file or another program's
    /// database is refused, and nothing is changed.
    ///
    /// `demo --replace` and `backup --force` call this before deleting anything.
    public static func checkReplaceable(_ path: String) throws(StoreError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        _ = try inspect(path: path, migrator: Schema.migrator())
    }

    /// Creates an empty file at `path` readable and writable by its owner only, if there is none,
    /// so that SQLite (which keeps an existing file's mode) never makes it world-readable.
    static func createPrivateFile(_ path: String) throws(StoreError) {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR)
        if descriptor < 0 {
            if errno == EEXIST { return }
            throw .io(
                "cannot create \(path) (\(String(cString: strerror(errno)))); check the folder exists and is writable")
        }
        // The umask may have taken bits away, never added; set exactly 0600 anyway.
        _ = fchmod(descriptor, S_IRUSR | S_IWUSR)
        close(descriptor)
    }

    /// Sets `path` and its -wal and -shm files (those that exist) to 0600.
    package static func makePrivate(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { _ = chmod(path + suffix, S_IRUSR | S_IWUSR) }
    }

    /// Whether users other than the owner may read the file at `path` (group or other bits set):
    /// `parcours doctor` warns about it.
    public static func isReadableByOthers(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_mode & (S_IRGRP | S_IROTH | S_IWGRP | S_IWOTH) != 0
    }

    /// Whether `a` and `b` name the same file on disk (same device and inode).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// What `parcours doctor` warns about the files themselves: a database, -wal or -shm that
    /// other users of the machine may read or write.
    public func fileWarnings() -> [String] {
        ["", "-wal", "-shm"].compactMap { suffix in
            let file = path + suffix
            guard Self.isReadableByOthers(file) else { return nil }
            return "\(file) can be read by other users of this machine (it holds patients' names and phones); "
                + "run: chmod 600 \(file)"
        }
    }
}
