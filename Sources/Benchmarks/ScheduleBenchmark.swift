import CareModel
import Foundation
import ScheduleCheck
import Scheduler

/// `parcours bench schedule`: generate an instance, batch-book it, verify with the independent
/// checker, and report what a coordinator and an engineer both want to know.
public enum ScheduleBenchmark {
    /// The figures of one run; `violations` come from the checker, not from the solver.
    public struct Report: Codable, Sendable {
        public var patients: Int
        public var clinicians: Int
        public var rooms: Int
        public var interpreters: Int
        public var weeks: Int
        public var seed: UInt64
        public var sessionsRequested: Int
        public var sessionsBooked: Int
        public var patientsFullyBooked: Int
        public var patientsNotBooked: Int
        public var lateSessions: Int
        public var violations: Int
        public var violationsByKind: [String: Int]
        public var meanDaysToFirstSession: Double
        public var p95DaysToFirstSession: Int
        /// The weighted objective after the greedy pass and after the improvement phase, and the
        /// lower bound (docs/scheduling.md); lower is better.
        public var constructiveObjective: Int
        public var objective: Int
        public var lowerBound: Int
        public var searchSteps: Int
        public var solveSeconds: Double
        public var checkSeconds: Double
        public var peakMemoryMiB: Double
    }

    public static func run(
        _ config: GeneratorConfig,
        options: ImprovementOptions = .init()
    ) throws(ScheduleCheckError) -> Report {
        let problem = try InstanceGenerator.generate(config)
        let (outcome, solveSeconds) = Measure.seconds { Scheduler.solve(problem, options: options) }
        let result = outcome.result
        let (check, checkSeconds) = Measure.seconds {
            IndependentChecker.check(problem: problem, sessions: result.sessions)
        }
        return Report(
            patients: config.patients, clinicians: config.clinicians, rooms: config.rooms,
            interpreters: config.interpreters, weeks: config.weeks, seed: config.seed,
            sessionsRequested: check.sessionsRequested, sessionsBooked: check.sessionsBooked,
            patientsFullyBooked: check.patientsFullyBooked, patientsNotBooked: check.patientsNotBooked,
            lateSessions: check.objective.lateSessions, violations: check.violations, violationsByKind: check.byKind,
            meanDaysToFirstSession: (check.objective.meanWaitingDays * 10).rounded() / 10,
            p95DaysToFirstSession: check.objective.p95WaitingDays,
            constructiveObjective: outcome.constructiveObjective, objective: outcome.objective,
            lowerBound: outcome.bound.value, searchSteps: outcome.steps, solveSeconds: solveSeconds,
            checkSeconds: checkSeconds, peakMemoryMiB: Measure.peakMemoryMiB())
    }
}

/// `parcours bench book-one`: the latency of booking one more series into a loaded centre.
public enum BookOneBenchmark {
    public struct Report: Codable, Sendable {
        public var loadedSessions: Int
        public var samples: Int
        public var booked: Int
        /// The whole operation as `parcours book` runs it: index the snapshot, then search.
        public var p50Milliseconds: Double
        public var p99Milliseconds: Double
        /// The search alone, on an index prepared once (what a batch pays per patient).
        public var preparedP50Milliseconds: Double
        public var preparedP99Milliseconds: Double
        /// Building the occupancy index of the loaded centre alone (median of the samples).
        public var indexP50Milliseconds: Double
    }

    /// Loads the centre with a batch of `config`, then books `samples` new patients' series one
    /// at a time (each measured alone, none committed, so every sample sees the same centre).
    public static func run(_ config: GeneratorConfig, samples: Int) throws(ScheduleCheckError) -> Report {
        let base = try InstanceGenerator.generate(config)
        let loaded = Scheduler.batch(base)
        var extra = config
        extra.seed = config.seed &+ 1
        extra.patients = samples
        let newcomers = try InstanceGenerator.generate(extra)
        var problem = base
        problem.existing = loaded.sessions.map(\.booked)
        problem.requests = []
        // Newcomers get codes of their own so they never collide with the loaded patients.
        var requests: [SeriesRequest] = []
        for (index, request) in newcomers.requests.enumerated() {
            let code = PatientCode("P-NEW\(index)")
            var needs = newcomers.patients.first { $0.code == request.patient } ?? PatientNeeds(code: code)
            needs.code = code
            needs.keepApart = []
            problem.patients.append(needs)
            var renamed = request
            renamed.patient = code
            requests.append(renamed)
        }
        var whole: [Double] = [], prepared: [Double] = []
        var booked = 0
        for request in requests {
            let (result, seconds) = Measure.seconds { Scheduler.bookSeries(request, in: problem) }
            whole.append(seconds * 1000)
            if case .success = result { booked += 1 }
        }
        var indexing: [Double] = []
        for _ in 0..<min(requests.count, 50) {
            let (_, seconds) = Measure.seconds { PreparedProblem(problem) }
            indexing.append(seconds * 1000)
        }
        let index = PreparedProblem(problem)
        for request in requests {
            let (_, seconds) = Measure.seconds { index.bookSeries(request) }
            prepared.append(seconds * 1000)
        }
        func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
        return Report(
            loadedSessions: problem.existing.count, samples: requests.count, booked: booked,
            p50Milliseconds: round(Measure.percentile(whole, 50)),
            p99Milliseconds: round(Measure.percentile(whole, 99)),
            preparedP50Milliseconds: round(Measure.percentile(prepared, 50)),
            preparedP99Milliseconds: round(Measure.percentile(prepared, 99)),
            indexP50Milliseconds: round(Measure.percentile(indexing, 50)))
    }
}
