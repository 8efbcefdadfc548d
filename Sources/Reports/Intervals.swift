import Foundation

/// A set of time spans as sorted, disjoint [start, end) pairs in seconds since 1970.
///
/// Capacity is a question about time, not about rows: a group session is one appointment row
/// per member but one hour of the clinician's and the room's time, and an absence only removes
/// the hours it overlaps. Merging spans answers both without double counting.
struct Intervals {
    private(set) var spans: [(start: Int, end: Int)] = []

    init() {}

    init(_ pairs: [(Date, Date)]) {
        for (start, end) in pairs { insert(start, end) }
    }

    /// Adds a span, merging it with every span it touches.
    mutating func insert(_ start: Date, _ end: Date) {
        let s = Int(start.timeIntervalSince1970), e = Int(end.timeIntervalSince1970)
        guard s < e else { return }
        var merged: [(start: Int, end: Int)] = []
        var new = (start: s, end: e)
        var placed = false
        for span in spans {
            if span.end < new.start {
                merged.append(span)
            } else if new.end < span.start {
                if !placed {
                    merged.append(new)
                    placed = true
                }
                merged.append(span)
            } else {
                new = (min(span.start, new.start), max(span.end, new.end))
            }
        }
        if !placed { merged.append(new) }
        spans = merged
    }

    /// The parts of these spans that `other` does not cover.
    func subtracting(_ other: Intervals) -> Intervals {
        var result = Intervals()
        for span in spans {
            var pieces = [span]
            for cut in other.spans {
                pieces = pieces.flatMap { piece -> [(start: Int, end: Int)] in
                    guard cut.start < piece.end, piece.start < cut.end else { return [piece] }
                    var left: [(start: Int, end: Int)] = []
                    if piece.start < cut.start { left.append((piece.start, cut.start)) }
                    if cut.end < piece.end { left.append((cut.end, piece.end)) }
                    return left
                }
            }
            result.spans += pieces
        }
        return result
    }

    /// Total length in minutes of the spans that fall within [from, to).
    func minutes(from: Date, to: Date) -> Int {
        let f = Int(from.timeIntervalSince1970), t = Int(to.timeIntervalSince1970)
        return spans.reduce(0) { $0 + max(0, min($1.end, t) - max($1.start, f)) } / 60
    }
}
