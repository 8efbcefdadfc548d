import ArgumentParser
import Benchmarks
import CareModel
import Foundation
import Store

/// `parcours bench simulate`: a year of clinic life through the Booking service, checked daily.
struct BenchSimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Play weeks of simulated clinic life, checking every invariant each day; print the figures as JSON.",
        discussion: """
            Example: parcours bench simulate --weeks 52 --seed 7

            On a fresh centre the demo's size (in a temporary database, deleted afterwards): about
            500 referrals a year, enrolment and booking, attendance, no-shows (~10 %), cancellations
            by patients and by the centre (replaced inside their series), leave announced 2-30 days
            ahead and sick days the same morning (replanned), drop-outs, PCL-5 scores. After every
            day the independent checker and the series invariants run over what the day could
            change (its week on, with the whole series of every patient in it), and over the whole
            calendar every Sunday and on the last day. Exits 1 if they found any violation. Measure a release build (docs/performance.md).
            """
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "Weeks to play.") var weeks = 52
    @Option(help: "Seed for the referrals and events.") var seed: UInt64 = 1
    @Option(help: "The first simulated day (default 2027-01-04, a Monday).", transform: Parse.date) var start:
        LocalDate?

    func validate() throws {
        guard (1...104).contains(weeks) else {
            throw ValidationError("--weeks: '\(weeks)' is out of range; expected 1 to 104")
        }
    }

    func run() async throws {
        let catalog = try global.loadCatalog()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parcours-simulate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ParcoursStore.create(at: directory.appendingPathComponent("simulation.sqlite").path)
        let first = start ?? LocalDate(year: 2027, month: 1, day: 4) ?? global.todayInClinic
        let figures = try ClinicSimulation(store: store, catalog: catalog, weeks: weeks, seed: seed, start: first).run()
        say(try renderJSON(figures))
        if figures.violations > 0 { throw SimulationFound(violations: figures.violations) }
    }
}

/// The simulation's daily checks found violations (listed in its JSON).
struct SimulationFound: CommandFailure {
    let violations: Int
    var message: String {
        "\(violations) invariant or checker violation\(violations == 1 ? "" : "s") during the simulation; see violationExamples"
    }
    var exitCode: Int32 { ExitStatus.error }
}
