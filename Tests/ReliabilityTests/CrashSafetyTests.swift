import CareModel
import Foundation
import ProcessTesting
import Store
import StoreTesting
import Testing

/// `parcours schedule --waitlist` killed with SIGKILL at random moments: the file stays intact
/// and every patient is booked whole or not at all.
///
/// "Whole" is measured against an uninterrupted run from the same file: the batch plans from one
/// snapshot, deterministically, so a killed run can only have committed some patients' series
/// exactly as the uninterrupted run books them, and nothing of the others.
@Suite(.serialized) struct CrashSafetyTests {
    /// A session as the calendar sees it, without its random id.
    struct Placed: Hashable, CustomStringConvertible {
        var step: String, occurrence: Int, start: Date, clinicians: [String], room: String?, interpreter: String?
        var description: String { "\(step) \(occurrence) at \(start)" }
    }

    static let kills = 20

    @Test(.disabled(if: ParcoursBinary.missing, ParcoursBinary.skipReason))
    func killedBatchLeavesEveryPatientWholeOrUnbookedAndARerunFinishes() async throws {
        let scratch = try ScratchDirectory()
        let base = scratch.path("base.sqlite")
        // The smallest demo, half of it waiting again: about 150 sessions to book, one patient per
        // transaction, so a kill lands in planning or between commits, and the test stays short.
        try await DemoDatabase.build(at: base, patients: 20, in: scratch)
        try DemoDatabase.putBackOnWaitingList(base) {
            $0.rawValue.unicodeScalars.reduce(0) { $0 + Int($1.value) } % 2 == 0
        }
        let existingIDs = try Self.ids(base)

        // The uninterrupted run: the reference plan, and how long it takes here.
        let reference = scratch.path("reference.sqlite")
        try DemoDatabase.copy(base, to: reference)
        let clock = Date()
        try await parcoursOK(["schedule", "--waitlist"] + Self.deterministic, db: reference, in: scratch)
        let duration = Date().timeIntervalSince(clock)
        let planned = try Self.sessions(reference, excluding: existingIDs)
        let stillWaiting = try await Self.waitlist(reference, in: scratch)
        try #require(planned.count >= 5, "the reference run booked too few patients (\(planned.count)) to interrupt")

        var random = SeededGenerator(seed: 7)
        var landed = 0, partial = 0, attempts = 0
        // The batch's length moves with the machine's load: when a run ends before its kill,
        // later kills are drawn from a shorter window, so they still land mid-run.
        var window = duration
        let trial = scratch.path("trial.sqlite")
        while landed < Self.kills, attempts < Self.kills * 3 {
            attempts += 1
            try DemoDatabase.copy(base, to: trial)
            let delay = Double.random(in: 0.05...1.0, using: &random) * window
            let full =
                [
                    "schedule", "--waitlist", "--db", trial, "--pathways", ParcoursBinary.pathways,
                    "--today", DemoDatabase.today, "--as", "batch",
                ] + Self.deterministic
            let process = try RunningParcours(full, in: scratch.url)
            try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
            process.kill()
            let result = await process.finish()
            guard result.signalled else { // it finished before the kill: not a crash
                window *= 0.7
                continue
            }
            landed += 1

            let store = try ParcoursStore.open(at: trial)
            let integrity = store.healthChecks().first { $0.name == "integrity" }
            #expect(integrity?.isOK == true, "kill \(landed): \(integrity?.examples ?? [])")
            let booked = try Self.sessions(trial, excluding: existingIDs)
            for (patient, sessions) in booked {
                #expect(
                    sessions == planned[patient],
                    "kill \(landed) after \(String(format: "%.2f", delay)) s: \(patient) has \(sessions.count) of the \(planned[patient]?.count ?? 0) sessions planned"
                )
            }
            if !booked.isEmpty, booked.count < planned.count { partial += 1 }
        }
        #expect(landed >= Self.kills, "only \(landed) of \(attempts) kills landed before the batch ended")

        // The last killed file: a rerun completes the job as the uninterrupted run did.
        try await parcoursOK(["schedule", "--waitlist"] + Self.deterministic, db: trial, in: scratch)
        #expect(try await Self.waitlist(trial, in: scratch) == stillWaiting)
        let store = try ParcoursStore.open(at: trial)
        for check in store.healthChecks() {
            #expect(check.isOK, "after the rerun, \(check.name): \(check.examples.joined(separator: " | "))")
        }
        print(
            "crash: \(landed) kills landed in \(attempts) runs (\(partial) mid-batch with some patients booked), "
                + "\(planned.count) patients booked by an uninterrupted run of \(String(format: "%.2f", duration)) s")
    }

    /// Every booked session of each patient, except those with an id in `excluding`.
    /// The killed runs are compared with an uninterrupted one, so the batch must plan the same
    /// way every time: the improvement phase ends on its step budget, never on the clock (which
    /// moves with the machine's load), as docs/scheduling.md says a reproducible run must.
    static let deterministic = ["--steps", "40", "--time-limit", "600"]

    static func sessions(_ path: String, excluding: Set<String> = []) throws -> [String: Set<Placed>] {
        let store = try ParcoursStore.open(at: path)
        let all = try store.activeAppointments(
            from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 4_102_444_800))
        var result: [String: Set<Placed>] = [:]
        for a in all where a.status == .booked && !excluding.contains(a.id.rawValue) {
            result[a.patient.rawValue, default: []].insert(
                Placed(
                    step: a.step.rawValue, occurrence: a.occurrence, start: a.start,
                    clinicians: a.clinicians.map(\.rawValue),
                    room: a.room?.rawValue, interpreter: a.interpreter?.rawValue))
        }
        return result
    }

    static func ids(_ path: String) throws -> Set<String> {
        let store = try ParcoursStore.open(at: path)
        return Set(try store.stringsForTesting("SELECT id FROM appointment"))
    }

    /// Who `parcours waitlist` still lists.
    static func waitlist(_ path: String, in scratch: ScratchDirectory) async throws -> [String] {
        struct Waiting: Decodable { var patient: String }
        let result = try await parcoursOK(["waitlist", "--format", "json"], db: path, in: scratch)
        return try JSONDecoder().decode([Waiting].self, from: Data(result.output.utf8)).map(\.patient).sorted()
    }
}
