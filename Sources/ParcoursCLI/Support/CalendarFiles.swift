import CareModel
import FeedServer
import Foundation
import ICalendar
import PathwayEngine
import Store

extension ICalendarError: CommandFailure {
    var message: String { description }
    var exitCode: Int32 {
        switch self {
        case .patientCalendarNotOptedIn, .patientAddressProtected: ExitStatus.refused
        default: ExitStatus.error
        }
    }
}

/// Reading .ics files and writing feeds, shared by the import, export and demo commands.
enum CalendarFiles {
    /// The occurrences in `path` within `[from, to)`; any problem names the file, then the line.
    static func events(
        in path: String, from: Date, to: Date,
        importer: CalendarImporter = CalendarImporter()
    ) throws -> [ImportedEvent] {
        try reading(path, from: from, to: to, importer: importer).events
    }

    /// The occurrences in `path` within `[from, to)` and what was skipped reading them.
    static func reading(
        _ path: String, from: Date, to: Date,
        importer: CalendarImporter = CalendarImporter()
    ) throws -> CalendarReading {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size else { throw CLIError.calendarFile(path: path, problem: "cannot be read; check the path") }
        guard size <= importer.maxBytes else {
            throw CLIError.calendarFile(
                path: path, problem: ICalendarError.fileTooLarge(bytes: size, limit: importer.maxBytes).description)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.calendarFile(path: path, problem: "cannot be read; check its permissions")
        }
        do {
            return try importer.read(Array(data), from: from, to: to)
        } catch {
            throw CLIError.calendarFile(path: path, problem: error.description)
        }
    }

    /// Local midnight of `day` in the centre's zone, the bound of an import horizon.
    static func midnight(_ day: LocalDate) -> Date {
        ClinicTimeZone.paris.instant(on: day, at: .midnight)
            ?? Date(timeIntervalSince1970: Double(day.daysSinceEpoch * 86_400))
    }

    /// Writes `text` to `path` in one step (a reader never sees half a feed).
    static func write(_ text: String, to path: String) throws {
        try PrivateFiles.write(text, to: path)
    }

    /// The composer for this catalogue and these rooms: step titles, kinds and counts, room names.
    static func composer(catalog: TrackCatalog, rooms: [Room]) -> FeedComposer {
        var steps: [TrackID: [StepID: StepLabel]] = [:]
        for track in catalog.tracks {
            for step in track.steps {
                steps[track.id, default: [:]][step.id] = StepLabel(
                    title: step.title, kind: step.kind.rawValue,
                    sessions: step.count.typical)
            }
        }
        return FeedComposer(
            steps: steps, roomNames: Dictionary(rooms.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The iCalendar text of `audience`'s feed at `now`, read from the store (the feed server's path too).
    static func feed(
        _ audience: FeedAudience, store: ParcoursStore, composer: FeedComposer, now: Date
    ) throws -> (text: String, sessions: Int) {
        try StoreFeeds.ics(audience, store: store, composer: composer, now: now)
    }
}
