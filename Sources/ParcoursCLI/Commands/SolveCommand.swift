import ArgumentParser
import Benchmarks
import CareModel
import Foundation
import ScheduleCheck
import Scheduler

struct SolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a scheduling instance file; prints the solution (one row per session) as JSON.",
        discussion: "Example: parcours solve instance.json > solution.json"
    )
    @Argument(help: "An instance file, as written by `parcours bench generate`.") var instance: String

    func run() async throws {
        let problem = try SchedulingProblem.read(try readFile(instance), source: instance)
        let result = Scheduler.batch(problem)
        for explanation in result.explanations { warn("not booked: \(explanation)") }
        let data = try ScheduleSolution(sessions: result.sessions).encoded()
        say(String(decoding: data, as: UTF8.self))
    }
}
