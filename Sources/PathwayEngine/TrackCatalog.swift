import CareModel
import Foundation

/// The care tracks the centre runs, loaded whole or not at all.
///
/// A broken file never loads half: `load` returns a complete catalog or throws every problem of
/// every file, so a typo in one track cannot silently drop a step from a patient's plan.
public struct TrackCatalog: Hashable, Sendable {
    public let tracks: [Track]

    /// Builds a catalog from tracks already checked; fails on duplicate ids.
    public init(tracks: [Track]) throws {
        var seen: [TrackID: String] = [:]
        var problems: [PathwayProblem] = []
        for track in tracks {
            if let other = seen[track.id] {
                problems.append(
                    PathwayProblem(
                        file: track.source ?? "", line: 0, column: 0, field: "id",
                        message: "track id '\(track.id)' is already used by \(other); expected each track id once"))
            }
            seen[track.id] = track.source ?? track.title
        }
        guard problems.isEmpty else { throw PathwayError.invalidTracks(problems) }
        self.tracks = tracks
    }

    public func track(_ id: TrackID) -> Track? { tracks.first { $0.id == id } }

    /// The tracks a patient is eligible for on `date`, in catalog order.
    public func tracks(for patient: Patient, on date: LocalDate) -> [Track] {
        tracks.filter { Eligibility.check(patient: patient, track: $0, on: date).isEligible }
    }

    // MARK: Loading

    /// Loads every `*.yaml` / `*.yml` file of `directory`, in name order.
    public static func load(directory: URL) throws -> TrackCatalog {
        let files: [URL]
        do {
            files = try trackFiles(in: directory)
        } catch {
            throw PathwayError.invalidTracks([
                PathwayProblem(
                    file: directory.relativePath, line: 0, column: 0, field: "",
                    message:
                        "cannot list the directory (\(error.localizedDescription)); expected a folder of track files")
            ])
        }
        guard !files.isEmpty else {
            throw PathwayError.invalidTracks([
                PathwayProblem(
                    file: directory.relativePath, line: 0, column: 0, field: "",
                    message: "no track file in this folder; expected files named <track-id>.yaml")
            ])
        }
        return try load(files: files)
    }

    /// Loads the given files; throws ``PathwayError/invalidTracks(_:)`` with every problem found.
    public static func load(files: [URL]) throws -> TrackCatalog {
        try load(sources: files.map(read))
    }

    /// Loads tracks from texts already in memory (named as their files would be).
    public static func load(sources: [TrackSource]) throws -> TrackCatalog {
        let (tracks, problems) = parse(sources)
        guard problems.isEmpty else { throw PathwayError.invalidTracks(problems) }
        return try TrackCatalog(tracks: tracks)
    }

    /// Every problem in `files`, for `parcours pathway validate`; empty when all are good.
    public static func validate(files: [URL]) -> [PathwayProblem] {
        parse(files.map(read)).problems
    }

    public static func validate(sources: [TrackSource]) -> [PathwayProblem] {
        parse(sources).problems
    }

    /// The track files of a folder, sorted by name.
    public static func trackFiles(in directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { ["yaml", "yml"].contains($0.pathExtension.lowercased()) }
            .map { directory.appendingPathComponent($0.lastPathComponent) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The largest track file read: a real track is a few kilobytes; a bigger file is a mistake
    /// that would make every command slow to start.
    public static let maximumFileBytes = 256 * 1024

    private static func read(_ url: URL) -> TrackSource {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            return TrackSource(
                file: url.relativePath,
                unreadable:
                    "this is a folder; expected a track file (to check a folder, pass its files: \(url.relativePath)/*.yaml)"
            )
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        if size > maximumFileBytes {
            return TrackSource(
                file: url.relativePath,
                unreadable: "the file is \(size) bytes; expected a track file of at most \(maximumFileBytes) bytes")
        }
        do {
            let data = try Data(contentsOf: url)
            guard let text = String(data: data, encoding: .utf8) else {
                return TrackSource(
                    file: url.relativePath,
                    unreadable: "the file is not UTF-8 text; expected a YAML file saved as UTF-8")
            }
            return TrackSource(file: url.relativePath, text: text)
        } catch {
            return TrackSource(
                file: url.relativePath,
                unreadable: "cannot read the file (\(error.localizedDescription)); expected a readable YAML file")
        }
    }

    private static func parse(_ sources: [TrackSource]) -> (tracks: [Track], problems: [PathwayProblem]) {
        var tracks: [Track] = []
        var problems: [PathwayProblem] = []
        var owners: [TrackID: String] = [:]
        for source in sources {
            if let unreadable = source.unreadable {
                problems.append(PathwayProblem(file: source.file, line: 0, column: 0, field: "", message: unreadable))
                continue
            }
            let result = TrackParser.parse(source.text, file: source.file)
            problems += result.problems
            guard let track = result.track else { continue }
            if let owner = owners[track.id] {
                problems.append(
                    PathwayProblem(
                        file: source.file, line: result.idLine, column: result.idColumn, field: "id",
                        message:
                            "track id '\(track.id)' is already used by \(owner); expected each track id once across files"
                    ))
                continue
            }
            owners[track.id] = source.file
            tracks.append(track)
        }
        return (tracks, problems)
    }
}

/// A track file's name and text, so tracks can be checked without touching the disk.
public struct TrackSource: Hashable, Sendable {
    public var file: String
    public var text: String
    var unreadable: String?

    public init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    init(file: String, unreadable: String) {
        self.file = file
        self.text = ""
        self.unreadable = unreadable
    }
}
