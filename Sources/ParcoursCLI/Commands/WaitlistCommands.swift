import ArgumentParser
import Booking
import CareModel
import Foundation
import Scheduler

struct WaitlistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waitlist",
        abstract: "Who waits for sessions, since when, and by when the intake is due.",
        discussion: """
            With --format json, address-protected patients are left out of the export.

            Example: parcours waitlist --format json
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        let today = global.todayInClinic
        let service = try global.bookingService(readOnly: true)
        let waiting = try service.waitlist(today: today)
        if output.format == .json {
            // An export: address-protected patients are left out (the table, on the secretary's screen, keeps them).
            let protected = try service.store.protectedPatientCodes()
            say(try renderJSON(waiting.filter { !protected.contains($0.patient) }))
            return
        }
        try emit(waiting, format: output.format) {
            var table = TextTable("#", "PATIENT", "TRACK", "STATE", "REFERRED", "WAITING", "INTAKE DUE")
            for (i, w) in waiting.enumerated() {
                let due =
                    w.awaitingGroup
                    ? "group to form"
                    : w.deadline.map { Shown.day($0) + ($0 < today ? " " + Style.alert("OVERDUE") : "") } ?? "-"
                table.add(
                    String(i + 1), w.patient.rawValue, w.track.rawValue, w.state.label, Shown.day(w.referred),
                    "\(w.waitingDays) d", due)
            }
            return table
        }
        if output.format == .table, !waiting.isEmpty {
            say("\(waiting.count) waiting; book them all with: parcours schedule --waitlist")
        }
    }
}

struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Batch-book everyone on the waiting list, most urgent first.",
        discussion: """
            Each patient's series is committed in its own transaction: an interruption leaves every
            patient fully booked or not at all, and a rerun completes the job. Without --time-limit
            or --steps the improvement phase ends on its step budget (600 per worker, the clock only
            a 30 s ceiling), so the same waiting list is booked the same way however busy the machine.

            Example: parcours schedule --waitlist --dry-run
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Flag(help: "Book the waiting list (the only batch there is today).") var waitlist = false
    @Flag(help: "Plan without booking.") var dryRun = false
    @OptionGroup var improvement: ImprovementArguments

    func validate() throws {
        guard waitlist else { throw ValidationError("say what to schedule: --waitlist") }
    }

    func run() async throws {
        let service = try global.bookingService()
        let bar = ProgressBar(label: "Scheduling")
        let outcome = try service.scheduleWaitlist(
            today: global.todayInClinic, dryRun: dryRun,
            improvement: improvement.reproducibleOptions
        ) { done, total in
            bar.update(done, of: total)
        }
        bar.finish()
        if output.format == .json {
            say(try renderJSON(Summary(outcome, dryRun: dryRun, protected: try service.store.protectedPatientCodes())))
            if !outcome.writeFailures.isEmpty { throw BatchWriteFailed(outcome) }
            return
        }
        say(
            "\(dryRun ? "Proposed" : "Booked") \(outcome.sessions) sessions for \(outcome.booked.count) patients"
                + (outcome.deferred > 0
                    ? "; \(outcome.deferred) later sessions fall after the booking horizon and wait for it." : "."))
        for explanation in outcome.explanations { say("  not booked: \(explanation)") }
        for (patient, error) in outcome.conflicts { say("  conflict for \(patient): \(error)") }
        for (patient, error) in outcome.writeFailures {
            say("  not booked, the database could not be written, for \(patient): \(error)")
        }
        if dryRun { say("Nothing was booked (--dry-run).") }
        if !outcome.writeFailures.isEmpty { throw BatchWriteFailed(outcome) }
    }
}

/// Some series of a batch could not be written (disk full, read-only file): each patient listed
/// has nothing booked, every other is booked whole; the run fails so a script notices.
struct BatchWriteFailed: CommandFailure {
    let failed: Int
    let booked: Int
    let first: String

    init(_ outcome: BookingService.WaitlistOutcome) {
        failed = outcome.writeFailures.count
        booked = outcome.booked.count
        first = outcome.writeFailures.first.map { "\($0.1)" } ?? ""
    }

    var message: String {
        "\(failed) patient\(failed == 1 ? "" : "s") not booked because the database could not be written (\(first)); "
            + "the \(booked) others are booked whole; free the disk, then run the batch again"
    }
    var exitCode: Int32 { ExitStatus.error }
}

extension ScheduleCommand {
    /// `schedule --format json`: what was booked (or proposed), who was not, and why. An
    /// address-protected patient is counted but not named, as in every export.
    struct Summary: Encodable {
        struct Patient: Encodable { let patient: String, sessions: Int, deferred: Int }
        struct Problem: Encodable { let patient: String, reason: String }
        let dryRun: Bool, sessions: Int, deferred: Int
        let booked: [Patient], notBooked: [Problem], conflicts: [Problem], writeFailures: [Problem]

        init(_ outcome: BookingService.WaitlistOutcome, dryRun: Bool, protected: Set<PatientCode>) {
            func shown(_ code: PatientCode) -> String {
                protected.contains(code) ? SessionTable.protectedLabel : code.rawValue
            }
            self.dryRun = dryRun
            sessions = outcome.sessions
            deferred = outcome.deferred
            booked = outcome.booked.map {
                Patient(patient: shown($0.proposal.patient), sessions: $0.appointments.count, deferred: $0.deferred)
            }
            notBooked = outcome.explanations.map {
                Problem(
                    patient: shown($0.patient),
                    reason: protected.contains($0.patient) ? SessionTable.protectedLabel : $0.description)
            }
            conflicts = outcome.conflicts.map {
                Problem(
                    patient: shown($0.0),
                    reason: protected.contains($0.0) ? SessionTable.protectedLabel : $0.1.description)
            }
            writeFailures = outcome.writeFailures.map { Problem(patient: shown($0.0), reason: $0.1.description) }
        }
    }
}

/// A progress bar on a terminal, nothing otherwise (logs and pipes get the summary line only).
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let console = Console.current
    private var lastDrawn = -1

    init(label: String) { self.label = label }

    func update(_ done: Int, of total: Int) {
        guard console.isTerminal, total > 0 else { return }
        let width = 30
        let filled = done * width / total
        guard filled != lastDrawn || done == total else { return }
        lastDrawn = filled
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        console.write("\r\(label) [\(bar)] \(done)/\(total)", error: true)
    }

    func finish() {
        if console.isTerminal, lastDrawn >= 0 { console.write("\n", error: true) }
    }
}
