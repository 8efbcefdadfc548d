/// A busy stretch of time, in whole minutes since 1970-01-01 UTC, start included, end excluded.
struct Span: Hashable, Sendable {
    var start: Int
    var end: Int
}

/// Who is busy when: per resource, spans bucketed by UTC day so a check reads one or two small
/// sorted arrays instead of the whole agenda.
///
/// Resources share one index space (clinicians, then rooms, interpreters, patients), so the
/// buckets live in one flat array with no dictionary lookup in the inner loop.
struct Occupancy: Sendable {
    let baseDay: Int
    let dayCount: Int
    var buckets: [[Span]]

    init(resourceCount: Int, baseDay: Int, dayCount: Int) {
        self.baseDay = baseDay
        self.dayCount = dayCount
        buckets = Array(repeating: [], count: resourceCount * dayCount)
    }

    /// The horizon's day buckets `span` touches; nil for an empty span or one outside the horizon.
    func days(of span: Span) -> ClosedRange<Int>? {
        guard span.end > span.start else { return nil }
        let first = max(Self.day(span.start) - baseDay, 0)
        let last = min(Self.day(span.end - 1) - baseDay, dayCount - 1)
        return first <= last ? first...last : nil
    }

    /// Records `span` for `resource`; an identical span already there (another patient's row of
    /// the same group session) is not counted twice.
    mutating func insert(_ span: Span, for resource: Int) {
        guard let days = days(of: span) else { return }
        for day in days {
            let index = resource * dayCount + day
            var position = buckets[index].count
            while position > 0, buckets[index][position - 1].start > span.start { position -= 1 }
            if position > 0, buckets[index][position - 1] == span { continue }
            buckets[index].insert(span, at: position)
        }
    }

    /// Whether nothing of `resource` overlaps `[start, end)` widened by `pad` minutes on each side.
    func isFree(_ resource: Int, _ start: Int, _ end: Int, pad: Int = 0) -> Bool {
        blockedUntil(resource, start - pad, end + pad) == nil
    }

    /// The end of the first span of `resource` overlapping `[start, end)`, nil when none does.
    func blockedUntil(_ resource: Int, _ start: Int, _ end: Int) -> Int? {
        let first = max(Self.day(start) - baseDay, 0)
        let last = min(Self.day(end - 1) - baseDay, dayCount - 1)
        guard first <= last else { return nil }
        for day in first...last {
            for span in buckets[resource * dayCount + day] {
                if span.start >= end { break }
                if start < span.end { return span.end }
            }
        }
        return nil
    }

    @inline(__always) static func day(_ minute: Int) -> Int {
        minute >= 0 ? minute / 1440 : (minute - 1439) / 1440
    }
}

extension Occupancy {
    /// Forgets one recorded copy of `span` for `resource` (a series taken out by the improvement phase).
    mutating func remove(_ span: Span, for resource: Int) {
        guard let days = days(of: span) else { return }
        for day in days {
            let index = resource * dayCount + day
            if let position = buckets[index].firstIndex(of: span) { buckets[index].remove(at: position) }
        }
    }
}
