/// A benchmark that could not run: the machine, not Parcours, is usually what to check.
public struct BenchmarkError: Error, Sendable, CustomStringConvertible {
    public var detail: String

    public init(_ detail: String) { self.detail = detail }

    public var description: String { "benchmark: \(detail)" }
}
