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
            The same --seed and --today always build the same centre. It ends with the desk's
            address and one account per role (secretariat, clinicien, coordination, admin), each
            with a one-time password printed once.

            Example: parcours demo --db demo.sqlite --replace

            With --serve, it then makes a feed for the busiest clinician, prints its subscription URL
            (http://127.0.0.1:8080/feeds/<token>.ics unless --host, --port or --public-url say
            otherwise) and serves the feeds until Ctrl-C, as `parcours serve` does.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(parsing: .unconditional, help: "How many referrals to create (20 to 2000).") var patients = 120
    @Option(help: "Seed for the sample data.") var seed: UInt64 = 2026
    @Flag(help: "Replace the database file if it exists and is a Parcours database (never a folder or another file).")
    var replace = false
    @Option(
        help:
            "Start the story N weeks before today: referrals, enrolments and bookings then, attendance recorded up to today (0: book from today, nothing held yet)."
    )
    var historyWeeks = 6
    @Option(help: "Also play the booked sessions of the N weeks after today as if held, for the report (default 0).")
    var simulateWeeks = 0
    @Flag(help: "Then serve the feeds until Ctrl-C, as `parcours serve` does.") var serve = false
    @OptionGroup(title: "With --serve") var listen: ServeOptions
    @Option(
        help:
            "The address the printed subscription URL starts with (default http://HOST:PORT, where `parcours serve` listens)."
    ) var publicURL: String?

    /// A sample centre bigger than this takes minutes to book; the benchmarks build larger ones.
    static let maximumPatients = 2_000

    func validate() throws {
        guard patients >= 20 else {
            throw ValidationError("--patients: '\(patients)' is too few; expected 20 or more so every category appears")
        }
        guard patients <= Self.maximumPatients else {
            throw ValidationError(
                "--patients: '\(patients)' is too many for a demo; expected at most \(Self.maximumPatients)")
        }
        guard (0...52).contains(historyWeeks) else {
            throw ValidationError("--history-weeks: '\(historyWeeks)' is out of range; expected 0 to 52")
        }
        guard simulateWeeks >= 0 else {
            throw ValidationError("--simulate-weeks: '\(simulateWeeks)' is negative; expected 0 or more")
        }
    }

    func run() async throws {
        let publicBase = try FeedCommand.publicBase(publicURL ?? "http://\(listen.host):\(listen.port)")
        let path = global.databasePath
        let catalog = try global.loadCatalog()
        if FileManager.default.fileExists(atPath: path) {
            guard replace else { throw CLIError.databaseExists(path) }
            // Only a Parcours database is ever replaced: never a folder, a text file or another program's file.
            try ParcoursStore.checkReplaceable(path)
            ParcoursStore.removeDatabaseFiles(path)
        }
        let store = try ParcoursStore.create(at: path, clock: global.clock)
        let actor = Actor(name: global.actorName ?? "demo")
        let today = global.todayInClinic
        let start = today.adding(days: -7 * historyWeeks)
        let steps = DemoSteps()
        let centre = SampleCentre(patients: patients, today: start, seed: seed)

        say(
            "Parcours demo: a sample psychotrauma centre, its story told in \(DemoSteps.titles.count) steps. "
                + "Today is \(today.weekday.englishName) \(today); the story starts "
                + (historyWeeks == 0
                    ? "today." : "\(historyWeeks) weeks earlier, on \(start.weekday.englishName) \(start)."))
        for c in centre.clinicians { try store.addClinician(c, actor: actor, reason: "sample centre") }
        for r in centre.rooms { try store.addRoom(r, actor: actor, reason: "sample centre") }
        for i in centre.interpreters { try store.addInterpreter(i, actor: actor, reason: "sample centre") }
        steps.begin(
            "Sample centre",
            "\(centre.clinicians.count) clinicians, \(centre.rooms.count) rooms, "
                + "\(centre.interpreters.count) interpreters, \(catalog.tracks.count) care tracks, in \(store.path)")
        steps.detail(
            "Care tracks from \(global.pathwaysDirectory.path): \(catalog.tracks.map(\.id.rawValue).joined(separator: ", "))."
        )
        // Calendars in first, so that no session lands on a holiday or in someone's leave.
        let calendars = DemoFeeds(
            calendars: global.pathwaysDirectory.deletingLastPathComponent().appendingPathComponent("Calendars"),
            store: store, catalog: catalog, actor: actor, today: start, now: global.now, steps: steps)
        try calendars.importCalendars()

        let referrals = DemoReferrals(store: store, catalog: catalog, actor: actor, start: start, steps: steps)
        try referrals.register(centre)
        let example = try referrals.enrol(centre, now: global.now)

        // The secretary's day at the start: a group formed and booked, the waiting list booked.
        let service = BookingService(store: store, catalog: catalog, actor: actor)
        let bookings = DemoBookings(service: service, today: start, steps: steps)
        try bookings.run()
        let attendance = DemoAttendance(
            service: service, today: start, weeks: historyWeeks + simulateWeeks, seed: seed, steps: steps)
        try attendance.recordAttendance()
        try bookings.printAgenda(after: attendance.until)

        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try calendars.exportFeeds(to: directory.appendingPathComponent("feeds").path)
        let subscription = try calendars.subscribeBusiest(publicBase: publicBase)
        let dbOption = global.db.map { " --db \($0)" } ?? ""
        steps.detail(
            "Subscription URL for \(subscription.clinician.name) (\(subscription.clinician.id), \(subscription.sessions) sessions; feed \(subscription.feed.id), shown once):"
        )
        steps.detail(subscription.url)
        steps.detail(
            serve
                ? "Served below until Ctrl-C; paste the URL into a calendar app."
                : "Serve it with `parcours serve\(dbOption)` (or `parcours demo --serve`), then paste the URL into a calendar app."
        )

        try await attendance.writeReport(database: path)
        let accounts = try DemoAccounts(store: store, actor: actor).create(clinician: subscription.clinician.id)
        whatNext(
            steps: steps, patient: example, clinician: subscription.clinician.id, week: attendance.until,
            dbOption: dbOption)
        // Last, so the passwords are what the reader sees when the demo ends.
        let serveCommand =
            "parcours serve" + dbOption + (listen.host == "127.0.0.1" ? "" : " --host \(listen.host)")
            + (listen.port == 8080 ? "" : " --port \(listen.port)")
        for line in DemoAccounts.lines(accounts, desk: publicBase + "/", serving: serve, serveCommand: serveCommand) {
            steps.detail(line)
        }

        if serve {
            let server = try listen.server(store: store, global: global)
            say("")
            let (router, desk) = try listen.deskRouter(feeds: server, store: store, global: global)
            // The reports are computed from start-up, in the background, and kept ahead of the coordinators.
            let warming = Task { await desk.keepReportsWarm() }
            defer { warming.cancel() }
            try await server.run(router: router) { port in
                say(
                    "Serving the desk on http://\(listen.host):\(port)/ and feeds on http://\(listen.host):\(port) (Ctrl-C to stop)"
                )
            }
            say("Stopped serving the desk and feeds.")
        }
    }

    /// Step 9: a few commands per role, each pointing to that role's guide.
    private func whatNext(
        steps: DemoSteps, patient: PatientCode?, clinician: ClinicianID, week: LocalDate, dbOption: String
    ) {
        steps.begin(
            "What next",
            "try a command for your role, then read its guide" + (dbOption.isEmpty ? "" : " (add\(dbOption) to each)"))
        if let executable = Bundle.main.executableURL, executable.lastPathComponent == "parcours" {
            steps.detail("export PATH=\(executable.deletingLastPathComponent().path):$PATH")
        }
        steps.detail(
            "Secretary:    parcours waitlist · parcours status \(patient?.rawValue ?? "P-XXXX") · parcours agenda --week \(week)   (docs/secretary.md)"
        )
        steps.detail(
            "Clinician:    parcours clinician show \(clinician) · parcours export --clinician \(clinician) -o mine.ics   (docs/clinician.md)"
        )
        steps.detail(
            "Coordinator:  parcours report completion --by track · parcours report capacity --weeks 8   (docs/coordinator.md)"
        )
        steps.detail("Anyone:       parcours doctor · parcours --help")
    }
}
