import CareModel
import Foundation
import ScheduleCheck
import Scheduler

/// `parcours bench quality`: how good the batch schedules are, not how fast: the greedy pass and
/// the improvement phase against the lower bound (and an exact optimum when one is supplied),
/// over the S, M and L centres of issue 14 and several seeds. Every solution goes through the
/// independent checker.
public enum QualityBenchmark {
    /// The three centre shapes: patients, clinicians, rooms, interpreters, weeks.
    public enum Size: String, CaseIterable, Sendable, Codable {
        case s = "S", m = "M", l = "L"

        public func config(seed: UInt64, today: LocalDate) -> GeneratorConfig {
            switch self {
            case .s:
                GeneratorConfig(
                    patients: 40, clinicians: 6, rooms: 3, interpreters: 2, weeks: 16, seed: seed, today: today)
            case .m:
                GeneratorConfig(
                    patients: 150, clinicians: 12, rooms: 6, interpreters: 3, weeks: 20, seed: seed, today: today)
            case .l:
                GeneratorConfig(
                    patients: 500, clinicians: 25, rooms: 12, interpreters: 5, weeks: 26, seed: seed, today: today)
            }
        }
    }

    /// One instance's figures.
    public struct Row: Codable, Sendable {
        public var size: Size
        public var seed: UInt64
        public var constructiveObjective: Int
        public var objective: Int
        public var lowerBound: Int
        /// (objective − bound) / objective, percent.
        public var gapPercent: Double
        /// Improvement over the greedy pass, percent of the greedy pass's objective.
        public var improvementPercent: Double
        /// Mean and 95th percentile days from referral to intake, greedy pass and improved.
        public var constructiveMeanDaysToIntake: Double
        public var meanDaysToIntake: Double
        public var p95DaysToIntake: Int
        /// Requests whose series broke off although the horizon could hold it (a reported figure),
        /// and the sessions so left out (the weighted term).
        public var unfinishedPathways: Int
        public var missingSessions: Int
        /// Requests with every session inside the horizon (the checker's count).
        public var pathwaysCompleted: Int
        public var violations: Int
        public var wallSeconds: Double
        /// The checker's score of the improved solution (`CheckedObjective.score`: the solver's
        /// weights on every term the rows determine, the load term left out).
        public var checkedObjective: Int
        /// The checker's score of the exact reference's solution, when one was supplied, its
        /// violations, and our checked score over it (1.0 = the optimum).
        public var referenceObjective: Int?
        public var referenceViolations: Int?
        public var ratioToReference: Double?
        /// What the reference proved (its `<size>-<seed>.stats.json`): a lower bound on the optimum
        /// and whether it is the optimum itself. Ours over that bound is at least ours over the
        /// optimum, so "within 1 %" holds on an unproven seed too when this ratio says so.
        public var referenceBound: Int?
        public var referenceProven: Bool?
        public var ratioToProvenBound: Double?
    }

    /// Solutions of another solver to compare with, read from `directory/<size>-<seed>.solution.json`
    /// (Scripts/exact-reference writes them there); a centre without one is measured without.
    public struct Reference: Sendable {
        public var directory: URL

        public init(directory: URL) { self.directory = directory }

        func solution(_ size: Size, _ seed: UInt64) throws(ScheduleCheckError) -> ScheduleSolution? {
            let url = directory.appendingPathComponent("\(size.rawValue)-\(seed).solution.json")
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw .unreadableSolution(source: url.path, reason: error.localizedDescription)
            }
            return try ScheduleSolution.decode(data, source: url.path)
        }

        /// CP-SAT's proven bound and status beside the solution; nil when there is none or it
        /// cannot be read (the table then leaves the columns empty rather than guess).
        func proof(_ size: Size, _ seed: UInt64) -> (bound: Int, optimal: Bool)? {
            let url = directory.appendingPathComponent("\(size.rawValue)-\(seed).stats.json")
            struct Stats: Decodable {
                var status: String
                var bound: Int
            }
            guard let data = try? Data(contentsOf: url), let stats = try? JSONDecoder().decode(Stats.self, from: data)
            else { return nil }
            return (stats.bound, stats.status == "OPTIMAL")
        }
    }

    public static func run(
        sizes: [Size], seeds: [UInt64], options: ImprovementOptions,
        today: LocalDate, reference: Reference? = nil
    ) throws(ScheduleCheckError) -> [Row] {
        var rows: [Row] = []
        for size in sizes {
            for seed in seeds {
                let problem = try InstanceGenerator.generate(size.config(seed: seed, today: today))
                let greedy = Scheduler.solve(problem, options: .constructiveOnly)
                let (outcome, seconds) = Measure.seconds { Scheduler.solve(problem, options: options) }
                let before = IndependentChecker.check(problem: problem, sessions: greedy.result.sessions)
                let after = IndependentChecker.check(problem: problem, sessions: outcome.result.sessions)
                let exact = try reference?.solution(size, seed).map {
                    IndependentChecker.check(problem: problem, solution: $0)
                }
                let proof = exact == nil ? nil : reference?.proof(size, seed)
                func rounded(_ x: Double) -> Double { (x * 10).rounded() / 10 }
                let base = Double(max(outcome.constructiveObjective, 1))
                rows.append(
                    Row(
                        size: size, seed: seed, constructiveObjective: outcome.constructiveObjective,
                        objective: outcome.objective, lowerBound: outcome.bound.value,
                        gapPercent: rounded(outcome.gap * 100),
                        improvementPercent: rounded(
                            Double(outcome.constructiveObjective - outcome.objective) / base * 100),
                        constructiveMeanDaysToIntake: rounded(before.objective.meanWaitingDays),
                        meanDaysToIntake: rounded(after.objective.meanWaitingDays),
                        p95DaysToIntake: after.objective.p95WaitingDays,
                        unfinishedPathways: outcome.terms.unfinishedPathways,
                        missingSessions: outcome.terms.missingSessions,
                        pathwaysCompleted: after.patientsFullyBooked,
                        violations: before.violations + after.violations, wallSeconds: (seconds * 100).rounded() / 100,
                        checkedObjective: after.objective.score, referenceObjective: exact?.objective.score,
                        referenceViolations: exact?.violations,
                        ratioToReference: exact.map {
                            (Double(after.objective.score) / Double(max($0.objective.score, 1)) * 10000).rounded()
                                / 10000
                        },
                        referenceBound: proof?.bound, referenceProven: proof?.optimal,
                        ratioToProvenBound: proof.map {
                            (Double(after.objective.score) / Double(max($0.bound, 1)) * 10000).rounded() / 10000
                        }))
            }
        }
        return rows
    }

    /// The Markdown table docs/performance.md quotes.
    public static func table(_ rows: [Row]) -> String {
        var lines = [
            "| centre | seed | greedy | improved | bound | gap | better | days to intake (greedy → improved, p95) | unfinished (missing) | completed | violations | wall |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in rows {
            lines.append(
                "| \(r.size.rawValue) | \(r.seed) | \(r.constructiveObjective) | \(r.objective) | \(r.lowerBound) | "
                    + "\(r.gapPercent) % | \(r.improvementPercent) % | \(r.constructiveMeanDaysToIntake) → \(r.meanDaysToIntake) "
                    + "(\(r.p95DaysToIntake)) | \(r.unfinishedPathways) (\(r.missingSessions)) | \(r.pathwaysCompleted) | \(r.violations) | "
                    + String(format: "%.2f s", r.wallSeconds) + " |")
        }
        let compared = rows.filter { $0.referenceObjective != nil }
        if !compared.isEmpty {
            lines += [
                "",
                "| centre | seed | ours (checker's score) | exact reference (checker's score) | ratio | reference violations | proven bound | ours / proven bound |",
                "|---|---|---|---|---|---|---|---|",
            ]
            for r in compared {
                let bound = r.referenceBound.map { "\($0)" + (r.referenceProven == true ? " (optimal)" : "") } ?? "–"
                let overBound = r.ratioToProvenBound.map { String(format: "%.4f", $0) } ?? "–"
                lines.append(
                    "| \(r.size.rawValue) | \(r.seed) | \(r.checkedObjective) | \(r.referenceObjective ?? 0) | "
                        + String(format: "%.4f", r.ratioToReference ?? 0) + " | \(r.referenceViolations ?? 0) | "
                        + "\(bound) | \(overBound) |")
            }
        }
        return lines.joined(separator: "\n")
    }
}
