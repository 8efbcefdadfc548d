import ArgumentParser
import Booking
import CareModel
import Foundation
import PathwayEngine
import Store

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a sample centre in a fresh database and show what Parcours does with it.",
        discussion: """
            Clinicians, rooms, interpreters and 120 referrals over the last ten weeks, each enrolled on
            the track its category calls for (minors are refused and pointed to child psychiatry).
            The same --seed and --today always build the same centre.

            Example: parcours demo --db demo.sqlite --replace

            With --serve, it then makes a feed for the busiest clinician, prints its subscription URL
            (http://127.0.0.1:8080/feeds/<token>.ics unless --host, --port or --public-url say
            otherwise) and serves the feeds until Ctrl-C, as `parcours serve` does.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many referrals to create (at least 20).") var patients = 120
    @Option(help: "Seed for the sample data.") var seed: UInt64 = 2026
    @Flag(help: "Delete the database file first if it exists.") var replace = false
    @Option(help: "Play the booked sessions of the next N weeks as if held, for the report (default 0).") var simulateWeeks = 0
    @Flag(help: "Then make a feed for the busiest clinician, print its URL, and serve feeds until Ctrl-C.") var serve = false
    @OptionGroup(title: "With --serve") var listen: ServeOptions
    @Option(help: "With --serve: the address the printed URL starts with (default http://HOST:PORT).") var publicURL: String?

    func validate() throws {
        guard patients >= 20 else {
            throw ValidationError("--patients: '\(patients)' is too few; expected 20 or more so every category appears")
        }
    }

    func run() async throws {
        let publicBase = try serve ? FeedCommand.publicBase(publicURL ?? "http://\(listen.host):\(listen.port)") : nil
        let path = global.databasePath
        let catalog = try global.loadCatalog()
        if FileManager.default.fileExists(atPath: path) {
            guard replace else { throw CLIError.databaseExists(path) }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let store = try ParcoursStore.create(at: path, clock: global.clock)
        let actor = Actor(name: global.actorName ?? "demo")
        let today = global.todayInClinic
        let centre = SampleCentre(patients: patients, today: today, seed: seed)

        for c in centre.clinicians { try store.addClinician(c, actor: actor, reason: "sample centre") }
        for r in centre.rooms { try store.addRoom(r, actor: actor, reason: "sample centre") }
        for i in centre.interpreters { try store.addInterpreter(i, actor: actor, reason: "sample centre") }
        say("Sample centre at \(store.path): \(centre.clinicians.count) clinicians, \(centre.rooms.count) rooms, \(centre.interpreters.count) interpreters.")

        for referral in centre.referrals {
            try store.addPatient(referral.patient, identity: referral.identity, actor: actor, reason: "referral registered")
        }
        for (a, b) in centre.keepApart { try store.addKeepApart(a, b, actor: actor, reason: "must not meet on site") }
        say("Registered \(centre.referrals.count) referrals from the last ten weeks (today is \(Shown.day(today))).")

        var byTrack: [TrackID: Int] = [:]
        var refused: [(PatientCode, String)] = []
        var example: (code: PatientCode, track: TrackID)?
        for (index, referral) in centre.referrals.enumerated() {
            let patient = referral.patient
            guard let track = Self.track(for: patient, index: index, catalog: catalog, today: today) else {
                let decision = catalog.tracks.first.map { Eligibility.check(patient: patient, track: $0, on: today) }
                let why = decision?.suggestions.first?.description ?? "no track takes this patient"
                refused.append((patient.code, why))
                continue
            }
            let day = max(patient.referralDate, today.adding(days: -60))
            let instant = ClinicTimeZone.paris.instant(on: day, at: Self.enrolmentTime) ?? global.now
            _ = try Enrolling.enrol(patient, on: track, date: day, at: instant, catalog: catalog, store: store,
                                    actor: actor)
            byTrack[track.id, default: 0] += 1
            if example == nil { example = (patient.code, track.id) }
        }

        say("")
        var table = TextTable("TRACK", "ENROLLED", "TITLE")
        for track in catalog.tracks where byTrack[track.id] != nil {
            table.add(track.id.rawValue, String(byTrack[track.id] ?? 0), track.title)
        }
        say(table.render())
        say("")
        var sources = TextTable("REFERRED BY", "PATIENTS")
        let bySource = Dictionary(grouping: centre.referrals, by: \.patient.referralSource)
        for source in ReferralSource.allCases where bySource[source] != nil {
            sources.add(source.rawValue, String(bySource[source]?.count ?? 0))
        }
        say(sources.render())
        if !refused.isEmpty {
            say("")
            say("Not enrolled (\(refused.count)): under 18, adult tracks refuse them.")
            for (code, why) in refused.prefix(5) { say("  \(code): \(why)") }
        }
        let interpreted = centre.referrals.filter(\.patient.needsInterpreter).count
        say("")
        say("\(byTrack.values.reduce(0, +)) enrolled, \(interpreted) with an interpreter, \(centre.keepApart.count) keep-apart pairs.")
        // Calendars in, so that no session lands on a holiday or in someone's leave.
        say("")
        let calendars = DemoFeeds(
            calendars: global.pathwaysDirectory.deletingLastPathComponent().appendingPathComponent("Calendars"),
            store: store, catalog: catalog, actor: actor, today: today, now: global.now)
        try calendars.importCalendars()

        // The secretary's day: the waiting list booked, a group formed and booked.
        say("")
        let service = BookingService(store: store, catalog: catalog, actor: actor)
        try DemoBookings(service: service, today: today).run()
        try await DemoAttendance(service: service, today: today, weeks: simulateWeeks, seed: seed).run(database: path)

        say("")
        try calendars.exportFeeds(to: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("feeds").path)
        if let example {
            say("")
            say("Try: parcours status \(example.code)   ·   parcours agenda --week \(today.adding(days: 7).iso)   ·   parcours waitlist")
        }
        if let publicBase {
            let subscription = try calendars.subscribeBusiest(publicBase: publicBase)
            let server = try listen.server(store: store, global: global)
            say("")
            say("Feed \(subscription.feed.id) for \(subscription.clinician.name) (\(subscription.clinician.id), \(subscription.sessions) sessions): subscribe to")
            say(subscription.url)
            try await server.run { port in say("Serving feeds on http://\(listen.host):\(port) (Ctrl-C to stop)") }
            say("Stopped serving feeds.")
        }
    }

    /// When the demo's secretary records enrolments: mid-morning on the enrolment day.
    static let enrolmentTime = LocalTime(hour: 10, minute: 30) ?? .midnight

    /// The track a patient's category calls for; about one in five accident and exposed-professional
    /// patients goes to the group track, as at the centre.
    static func track(for patient: Patient, index: Int, catalog: TrackCatalog, today: LocalDate) -> Track? {
        let tracks = catalog.tracks(for: patient, on: today)
        let individual = tracks.filter { $0.modality == .individual }
        let group = tracks.filter { $0.modality == .group }
        if !group.isEmpty, index % 5 == 0, [.accidentDisaster, .exposedProfessional].contains(patient.category) {
            return group.first
        }
        return individual.first ?? group.first
    }
}
