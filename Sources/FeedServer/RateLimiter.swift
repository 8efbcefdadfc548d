import NIOConcurrencyHelpers

/// Token buckets by key: a calendar app polls a few times an hour, so a burst beyond `capacity`
/// requests is a script or a leaked URL, and gets 429 instead of the server's time.
///
/// A lock rather than an actor: the check is a few arithmetic operations, cheaper than a hop.
final class RateLimiter<Key: Hashable & Sendable>: Sendable {
    private struct Bucket {
        var tokens: Double
        var at: Double
    }
    private let buckets = NIOLockedValueBox<[Key: Bucket]>([:])
    private let capacity: Double
    private let perSecond: Double
    private let maxKeys: Int
    private let clock: @Sendable () -> Double

    /// `clock` gives seconds; tests pass a fixed one so nothing depends on timing. Beyond `maxKeys`
    /// buckets (many client addresses), full ones are forgotten: they would start full anyway.
    init(capacity: Int, perMinute: Int, maxKeys: Int = 10_000, clock: @escaping @Sendable () -> Double) {
        self.capacity = Double(capacity)
        self.perSecond = Double(perMinute) / 60
        self.maxKeys = maxKeys
        self.clock = clock
    }

    /// Whether `key` may be served now; takes one token if so.
    func allow(_ key: Key) -> Bool {
        let now = clock()
        return buckets.withLockedValue { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, at: now)
            bucket.tokens = min(capacity, bucket.tokens + max(0, now - bucket.at) * perSecond)
            bucket.at = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            buckets[key] = bucket
            if buckets.count > maxKeys {
                let capacity = capacity, perSecond = perSecond
                buckets = buckets.filter { $0.value.tokens + max(0, now - $0.value.at) * perSecond < capacity }
                // Still too many (a flood from many addresses): start over rather than filter on every request.
                if buckets.count > maxKeys { buckets.removeAll(keepingCapacity: true) }
            }
            return allowed
        }
    }
}
