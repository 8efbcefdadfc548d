import CareModel
import Foundation

/// Timing and memory helpers shared by the benchmarks: monotonic clock, percentiles, peak RSS.
public enum Measure {
    /// Seconds taken by `body`, on the monotonic clock (wall time, not CPU time).
    public static func seconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = ContinuousClock.now
        let value = try body()
        return (value, (ContinuousClock.now - start).inSeconds)
    }

    /// The `p`-th percentile (0-100) of `values` by nearest rank (``NearestRank``); 0 for no values.
    public static func percentile(_ values: [Double], _ p: Double) -> Double {
        NearestRank.percentile(p, of: values) ?? 0
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
