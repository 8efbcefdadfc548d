import ArgumentParser
import Foundation
import ScheduleCheck
import Scheduler

/// The improvement phase's bounds, shared by every batch command (`solve`, `bench schedule`).
struct ImprovementArguments: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Seconds the improvement phase may search after the greedy pass (0 to 600, default 1.5; 0 = the greedy pass only).",
            valueName: "seconds"))
    var timeLimit: Double?
    @Option(
        help:
            "Search steps per worker (default: 1,000 a second of time limit, more than the clock lets it do; schedule --waitlist: 600); reaching it, not the clock, makes the result reproducible."
    )
    var steps: Int?
    @Option(help: "Searches run side by side, one per core, pooling their steps every few steps (1 to 16).")
    var workers = 2

    func validate() throws {
        if let timeLimit, !(timeLimit.isFinite && (0...600).contains(timeLimit)) {
            throw ValidationError(
                "--time-limit: '\(timeLimit)' is out of range; expected seconds from 0 to 600 (0 = the greedy pass only)"
            )
        }
        if let steps, !(1...10_000_000).contains(steps) {
            throw ValidationError("--steps: '\(steps)' is out of range; expected 1 to 10000000")
        }
        guard (1...16).contains(workers) else {
            throw ValidationError("--workers: '\(workers)' is out of range; expected 1 to 16")
        }
    }

    var options: ImprovementOptions {
        ImprovementOptions(timeLimit: timeLimit ?? ImprovementOptions.batchDefault, steps: steps, workers: workers)
    }

    /// For a command that books the centre's own agenda (`schedule --waitlist`): with neither
    /// `--time-limit` nor `--steps`, the search ends on its step budget, with the clock only as a
    /// far ceiling, so the same waiting list gives the same bookings however loaded the machine is.
    var reproducibleOptions: ImprovementOptions {
        guard timeLimit == nil, steps == nil else { return options }
        return ImprovementOptions(
            timeLimit: ImprovementOptions.reproducibleCeiling, steps: ImprovementOptions.reproducibleSteps,
            workers: workers)
    }
}

struct SolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a scheduling instance file; prints the solution (one row per session) as JSON.",
        discussion: """
            The greedy pass, then up to --time-limit seconds of improvement (docs/scheduling.md,
            "Improvement phase"). On a terminal, standard error shows one progress line; --stats
            prints the objective's terms, the lower bound and the gap there too.

            Example: parcours solve instance.json --time-limit 1.5 --stats > solution.json
            """
    )
    @Argument(help: "An instance file, as written by `parcours bench generate`.") var instance: String
    @OptionGroup var improvement: ImprovementArguments
    @Flag(help: "Print each objective term, the lower bound and the gap on standard error.") var stats = false

    func run() async throws {
        let problem = try SchedulingProblem.read(try readFile(instance), source: instance)
        let line = ProgressLine()
        let outcome = Scheduler.solve(problem, options: improvement.options) { line.show($0) }
        line.finish()
        for explanation in outcome.result.explanations { warn("not booked: \(explanation)") }
        if stats { for text in Self.statsLines(outcome) { warn(text) } }
        let data = try ScheduleSolution(sessions: outcome.result.sessions).encoded()
        say(String(decoding: data, as: UTF8.self))
    }

    /// The bound's parts: waiting of each relaxation, late and missing sessions, what capacity adds.
    static func boundLine(_ b: LowerBound) -> String {
        let waiting = max(b.waitingDaysAlone, b.waitingDaysCapacity)
        let parts =
            "  bound: waiting days \(waiting) (each patient alone \(b.waitingDaysAlone), "
            + "intake capacity \(b.waitingDaysCapacity)), late \(b.lateSessions), "
        let missing = "missing \(b.missingSessions) (unfinished \(b.unfinishedPathways)); "
        let capacity = "capacity \(b.capacityCost) (at least \(b.capacityPathways) more pathways unfinished)"
        return parts + missing + capacity
    }

    /// `--stats`: the objective term by term, then where it stands against the bound.
    static func statsLines(_ o: SolveOutcome) -> [String] {
        let t = o.terms, b = o.bound
        return [
            "objective \(o.objective) (greedy pass \(o.constructiveObjective)); lower bound \(b.value); gap "
                + String(format: "%.1f%%", o.gap * 100),
            "  waiting days \(t.waitingDays), late sessions \(t.lateSessions), missing sessions \(t.missingSessions) "
                + "(unfinished pathways \(t.unfinishedPathways)), treatment days \(t.treatmentDays)",
            "  regularity misses \(t.regularityMisses), preference misses \(t.preferenceMisses), load \(t.loadImbalance), "
                + "room changes \(t.roomChanges)",
            boundLine(b),
            "  \(o.steps) search steps in " + String(format: "%.2f s", o.seconds),
        ]
    }
}

/// One line on standard error, redrawn in place, only when standard error is a terminal and the
/// command is not captured by a test.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled = Console.current === Console.standard && isatty(STDERR_FILENO) == 1
    private var drawn = false

    func show(_ p: ImprovementProgress) {
        guard enabled else { return }
        lock.withLock {
            drawn = true
            Console.standard.write(
                String(
                    format: "\rImproving: objective %d, bound %d, gap %.1f%% (%.1f s)",
                    p.objective, p.bound, p.gap * 100, p.seconds), error: true)
        }
    }

    func finish() {
        lock.withLock { if drawn { Console.standard.write("\n", error: true) } }
    }
}
