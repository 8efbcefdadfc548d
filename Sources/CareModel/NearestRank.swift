/// Percentiles by nearest rank, defined once so that a report, a benchmark and the independent
/// checker agree on what "p90" means: the smallest value with at least p % of the values at or
/// below it. Always a value that occurred (a wait someone actually had), never an interpolation.
public enum NearestRank {
    /// The `percent` (0-100) percentile of `sorted`, which must be in ascending order; nil when empty.
    public static func percentile<T>(_ percent: Double, ofSorted sorted: [T]) -> T? {
        guard !sorted.isEmpty else { return nil }
        // percent × count first: exact for whole percents, so 95 % of 20 is rank 19, not 20.
        let rank = Int((percent * Double(sorted.count) / 100).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// The `percent` (0-100) percentile of `values`, in any order; nil when empty.
    public static func percentile<T: Comparable>(_ percent: Double, of values: [T]) -> T? {
        percentile(percent, ofSorted: values.sorted())
    }
}

extension Duration {
    /// The duration in seconds, as the benchmarks and the server's request log report it.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration in whole microseconds (truncated), for log lines.
    public var inMicroseconds: Int64 {
        components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000
    }
}
