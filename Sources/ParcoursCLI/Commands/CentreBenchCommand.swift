import ArgumentParser
import Benchmarks
import Foundation
import Store

/// `parcours bench centre`: writes a large valid centre, to time `parcours doctor` on it.
struct BenchCentreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centre",
        abstract: "Write a large, valid centre to a new database (to time `parcours doctor` on it).",
        discussion: """
            Example: parcours bench centre --patients 10000 --db /tmp/big.sqlite

            60 clinicians, 60 rooms, each patient enrolled with a weekly series of --sessions
            hour-long sessions, none overlapping: a healthy centre, so the doctor must find nothing.
            Then: time parcours doctor --db /tmp/big.sqlite. Prints JSON.
            """
    )
    @OptionGroup var global: GlobalOptions
    @Option(parsing: .unconditional, help: "How many patients (1 to 100000).") var patients = 10_000
    @Option(parsing: .unconditional, help: "Sessions per patient (2 to 20).") var sessions = 12

    func validate() throws {
        guard (1...100_000).contains(patients) else {
            throw ValidationError("--patients: '\(patients)' is out of range; expected 1 to 100000")
        }
        guard (2...20).contains(sessions) else {
            throw ValidationError("--sessions: '\(sessions)' is out of range; expected 2 to 20")
        }
    }

    func run() async throws {
        let path = global.databasePath
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CLIError.refused("\(path) already exists; bench centre writes a new file, choose another --db")
        }
        let bar = ProgressBar(label: "Writing the centre")
        let summary = try LargeCentre.build(at: path, patients: patients, sessionsEach: sessions) {
            bar.update($0, of: $1)
        }
        bar.finish()
        say(try renderJSON(summary))
    }
}
