import Foundation

/// Timing and memory helpers shared by the benchmarks: monotonic clock, percentiles, peak RSS.
public enum Measure {
    /// Seconds taken by `body`, on the monotonic clock (wall time, not CPU time).
    public static func seconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// The `p`-th percentile (0-100) of `values` by nearest rank; 0 for no values.
    public static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// Peak resident memory of this process so far, in MiB (Linux reports ru_maxrss in KiB).
    public static func peakMemoryMiB() -> Double {
        var usage = rusage()
        #if os(Linux)
        let who = RUSAGE_SELF.rawValue
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        #if os(Linux)
        return Double(usage.ru_maxrss) / 1024
        #else
        return Double(usage.ru_maxrss) / 1024 / 1024
        #endif
    }
}
