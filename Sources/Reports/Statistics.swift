import CareModel

/// The two summaries of a wait the report shows, defined once so every renderer agrees.
public enum Statistics {
    /// The middle value; the mean of the two middle values for an even count; nil when empty.
    public static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? Double(sorted[mid - 1] + sorted[mid]) / 2 : Double(sorted[mid])
    }

    /// Nearest-rank percentile: the smallest value with at least `p`% of values at or below it.
    /// Always a value someone actually waited, which is what a coordinator can check by hand.
    public static func percentile(_ p: Int, of values: [Int]) -> Int? {
        NearestRank.percentile(Double(p), of: values)
    }
}
