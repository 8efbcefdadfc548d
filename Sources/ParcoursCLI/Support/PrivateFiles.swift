import CareModel
import Foundation

/// Every file the CLI writes (feeds, exports, reports) holds data about victims of violence, so
/// it is created readable by its owner only (0600, folders 0700) whatever the umask, written in
/// full beside its name and renamed at the end (a reader never sees half a file), and named only
/// from safe parts.
enum PrivateFiles {
    /// Writes `data` to `path` atomically, mode 0600; an existing file is replaced.
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let partial = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).partial-\(UUID().uuidString)"
        ).path
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR)
        guard descriptor >= 0 else { throw CLIError.cannotWrite(path: path, detail: String(cString: strerror(errno))) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, failure == 0, let base = buffer.baseAddress {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 { failure = errno } else { offset += written }
            }
        }
        if failure == 0, fchmod(descriptor, S_IRUSR | S_IWUSR) != 0 || fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(partial, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(partial)
            throw CLIError.cannotWrite(path: path, detail: String(cString: strerror(failure)))
        }
    }

    /// Writes `text` as UTF-8; see ``write(_:to:)``.
    static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Creates `path` (and missing parents) as folders readable by their owner only (0700);
    /// an existing folder is left as it is.
    static func createFolder(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw CLIError.cannotWrite(path: path, detail: "it is a file, not a folder")
            }
            return
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if parent != path, !FileManager.default.fileExists(atPath: parent) { try createFolder(parent) }
        guard mkdir(path, S_IRWXU) == 0 || errno == EEXIST else {
            throw CLIError.cannotWrite(path: path, detail: String(cString: strerror(errno)))
        }
        _ = chmod(path, S_IRWXU)
    }

    /// A file name made from `id`: the id itself when it keeps to ``IdentifierRule`` (as every id
    /// the store accepts does), else with every other character replaced by `_`, so that no id
    /// read from an older or hand-edited database can name a file outside its folder.
    static func safeName(_ id: String, extension ext: String) -> String {
        if IdentifierRule.isValid(id) { return id + "." + ext }
        let kept = String(
            id.unicodeScalars.prefix(IdentifierRule.maximumLength).map { scalar -> Character in
                let allowed =
                    scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_")
                return allowed ? Character(scalar) : "_"
            })
        return "id_" + kept + "." + ext
    }
}
