import Booking
import CareModel
import Foundation
import ICalendar
import PathwayEngine
import Store

/// The calendar part of `parcours demo`: public holidays and the sample team's absences in, every
/// clinician's feed out. Kept apart from DemoCommand so that each part can change on its own.
struct DemoFeeds {
    /// The shipped calendars: Calendars/ next to the care tracks' directory.
    let calendars: URL
    let store: ParcoursStore
    let catalog: TrackCatalog
    let actor: Actor
    /// The story's first day: absences are imported from here.
    let today: LocalDate
    let now: Date
    /// Where the demo's lines go: under its current step.
    var steps = DemoSteps()

    static let holidaysFile = "jours-feries-2026-2030.ics"
    static let absencesFile = "sample-centre-absences.ics"

    /// Imports the public holidays and the team's absences, so bookings avoid them; false when the
    /// shipped calendars are not there.
    @discardableResult
    func importCalendars() throws -> Bool {
        let holidays = calendars.appendingPathComponent(Self.holidaysFile).path
        let absences = calendars.appendingPathComponent(Self.absencesFile).path
        guard FileManager.default.fileExists(atPath: holidays), FileManager.default.fileExists(atPath: absences) else {
            steps.detail(
                "No \(Self.holidaysFile) and \(Self.absencesFile) in \(calendars.path): skipped closed days and absences."
            )
            return false
        }
        let first = LocalDate(year: today.year, month: 1, day: 1) ?? today
        let last = LocalDate(year: today.year + 4, month: 12, day: 31) ?? today
        let events = try CalendarFiles.events(
            in: holidays, from: CalendarFiles.midnight(first),
            to: CalendarFiles.midnight(last.adding(days: 1)))
        let closed = try store.addClosedDays(
            try UnavailabilityImport.closedDays(from: events), actor: actor,
            reason: "imported from \(Self.holidaysFile)")
        steps.detail("Closed \(closed.added.count) public holidays from \(Self.holidaysFile).")

        // The sample file holds several people's leave; each title starts with the clinician's id
        // ("C-ROUX: Congés d'hiver"). A real import takes one file per clinician.
        let service = BookingService(store: store, catalog: catalog, actor: actor)
        for clinician in try store.clinicians() {
            let prefix = "\(clinician.id.rawValue): "
            let line = try AbsenceCommand.importAbsences(
                of: clinician.id, file: absences, from: today, to: today.adding(days: 365), service: service,
                today: today,
                select: { events in
                    events.filter { $0.summary.hasPrefix(prefix) }.map { event in
                        var own = event
                        own.summary = String(event.summary.dropFirst(prefix.count))
                        return own
                    }
                })
            if !line.hasPrefix("No absence") { steps.detail(line) }
        }
        return true
    }

    /// What `demo --serve` prints: a new feed of the clinician with the most sessions in their feed.
    struct Subscription {
        var feed: FeedTokenRecord
        var clinician: Clinician
        var sessions: Int
        /// Shown once: the database keeps only the token's hash.
        var url: String
    }

    /// Creates a feed token for the busiest clinician (most sessions in their feed; the first by
    /// id on a tie) and gives the URL to paste into a calendar app, under `publicBase`.
    func subscribeBusiest(publicBase: String) throws -> Subscription {
        let composer = CalendarFiles.composer(catalog: catalog, rooms: try store.rooms())
        var busiest: (clinician: Clinician, sessions: Int)?
        for clinician in try store.clinicians().sorted(by: { $0.id.rawValue < $1.id.rawValue }) where clinician.active {
            let sessions = try CalendarFiles.feed(.clinician(clinician), store: store, composer: composer, now: now)
                .sessions
            if sessions > busiest?.sessions ?? -1 { busiest = (clinician, sessions) }
        }
        guard let busiest else {
            throw CLIError.invalidArgument(name: "--serve", value: store.path, expected: "a centre with a clinician")
        }
        let token = FeedTokenSecret.generate()
        let record = try store.createFeedToken(
            scope: .clinician(busiest.clinician.id), sha256: FeedTokenSecret.sha256(token),
            actor: actor, reason: "demo --serve")
        return Subscription(
            feed: record, clinician: busiest.clinician, sessions: busiest.sessions,
            url: FeedCommand.subscriptionURL(base: publicBase, token: token))
    }

    /// Writes every clinician's feed into `feedsDirectory` (step 7's first half).
    func exportFeeds(to feedsDirectory: String) throws {
        try PrivateFiles.createFolder(feedsDirectory)
        let composer = CalendarFiles.composer(catalog: catalog, rooms: try store.rooms())
        let bar = ProgressBar(label: "Writing the feeds")
        let written = try ExportCommand.writeClinicianFeeds(
            store: store, composer: composer, now: now,
            directory: feedsDirectory
        ) { bar.update($0, of: $1) }
        bar.finish()
        let sessions = written.map(\.sessions).reduce(0, +)
        steps.begin(
            "Calendar feeds",
            "\(written.count) clinician feeds written to \(feedsDirectory)/ (\(sessions) sessions, closed days included)"
        )
        steps.detail("Each session is named by its step and the patient's code only, never a name (docs/feeds.md).")
    }
}
