import ArgumentParser
import Benchmarks
import CareModel
import Foundation
import ScheduleCheck
import Scheduler

/// Reads a whole file, with an error that names it.
func readFile(_ path: String) throws -> Data {
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw CLIError.invalidArgument(name: "file", value: path, expected: "a readable file")
    }
}
