import ArgumentParser
import CareModel
import Foundation
import ICalendar
import Store

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the iCalendar feed of a clinician, a room, a patient, or every clinician.",
        discussion: """
            Example: parcours export --clinician C-ROUX -o roux.ics

            A clinician's or room's feed names each session by its step and the patient's code
            ("TF-CBT session 3/10 · P-7KQ2"), never a name, phone, category or track. A patient's own
            feed ("Rendez-vous") is refused unless 'calendar' is among the patient's safe channels.
            Cancelled sessions stay as CANCELLED for 30 days after their start.
            Without -o the feed goes to standard output; --all needs -o DIR and writes DIR/<ID>.ics
            for every clinician.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "A clinician's id.", transform: Parse.identifier) var clinician: String?
    @Option(help: "A room's id.", transform: Parse.identifier) var room: String?
    @Option(help: "A patient's code (opt-in only).", transform: Parse.patientCode) var patient: PatientCode?
    @Flag(help: "Every clinician, one file each (needs -o DIR).") var all = false
    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp("File to write (a directory with --all).", valueName: "path"))
    var output: String?

    func validate() throws {
        let chosen = [clinician != nil, room != nil, patient != nil, all].filter { $0 }.count
        guard chosen == 1 else {
            throw ValidationError("choose exactly one of --clinician ID, --room ID, --patient CODE or --all")
        }
        if all, output == nil { throw ValidationError("--all writes one file per clinician: pass -o DIR") }
    }

    func run() async throws {
        let store = try global.openStoreReadOnly()
        let composer = CalendarFiles.composer(catalog: try global.loadCatalog(), rooms: try store.rooms())
        let now = global.now
        if all, let output {
            try exportAll(store: store, composer: composer, now: now, directory: output)
            return
        }
        let audience: FeedAudience
        if let clinician {
            guard let found = try store.clinician(ClinicianID(clinician)) else {
                throw CLIError.notFound(kind: "clinician", id: clinician)
            }
            audience = .clinician(found)
        } else if let room {
            guard let found = try store.room(RoomID(room)) else { throw CLIError.notFound(kind: "room", id: room) }
            audience = .room(found)
        } else if let patient {
            guard let found = try store.patient(patient) else {
                throw CLIError.notFound(kind: "patient", id: patient.rawValue)
            }
            audience = .patient(found)
        } else {
            throw ValidationError("choose exactly one of --clinician ID, --room ID, --patient CODE or --all")
        }
        let feed = try CalendarFiles.feed(audience, store: store, composer: composer, now: now)
        if let output {
            try CalendarFiles.write(feed.text, to: output)
            say(
                "Wrote \(output): \(feed.sessions) session\(feed.sessions == 1 ? "" : "s"), \(feed.text.utf8.count) bytes."
            )
        } else {
            Console.current.write(feed.text, error: false)
        }
    }

    private func exportAll(store: ParcoursStore, composer: FeedComposer, now: Date, directory: String) throws {
        try PrivateFiles.createFolder(directory)
        let written = try ExportCommand.writeClinicianFeeds(
            store: store, composer: composer, now: now, directory: directory)
        var table = TextTable("FILE", "SESSIONS", "BYTES")
        for file in written { table.add(file.path, String(file.sessions), String(file.bytes)) }
        say(table.render())
        say("Wrote \(written.count) clinician feeds to \(directory).")
    }

    /// One feed per clinician into `directory`, as `<ID>.ics`; shared with the demo.
    static func writeClinicianFeeds(
        store: ParcoursStore, composer: FeedComposer, now: Date, directory: String,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    )
        throws -> [(path: String, sessions: Int, bytes: Int)]
    {
        let clinicians = try store.clinicians()
        return try clinicians.enumerated().map { index, clinician in
            let feed = try CalendarFiles.feed(.clinician(clinician), store: store, composer: composer, now: now)
            let path = URL(fileURLWithPath: directory).appendingPathComponent(
                PrivateFiles.safeName(clinician.id.rawValue, extension: "ics")
            ).path
            try CalendarFiles.write(feed.text, to: path)
            progress(index + 1, clinicians.count)
            return (path, feed.sessions, feed.text.utf8.count)
        }
    }
}
