import CareModel

/// Per clinician and local day, the longest session that could still start on the day's grid
/// inside the clinician's hours, net of absences and bookings.
///
/// Most days a put-back scans are days on which its clinician is booked solid (on the L centre,
/// half of the days a first-workable-day search looks at): one comparison against this answer
/// then stands for the walk through the clinician's hours that would find nothing. The answers
/// are kept up to date as sessions are recorded and released, so they are exact, never a guess:
/// a day skipped on them is one the scan would have rejected time by time. (Rooms kept the same
/// way cost more to keep up than they saved on L.)
///
/// Only batches keep them (``computeFreeRuns()`` at the start of ``batch(_:progress:)``, kept by
/// the improvement phase): a single booking on a large centre would spend more working them out
/// for every clinician and day of the horizon than it saves.
extension PreparedProblem {
    /// Stands for "scan the day": a day whose local times do not all map to UTC alike.
    static let unknownFreeRun = Int.max

    /// Whether clinician `c` can take no session of `duration` minutes on local day `d` (from
    /// `today`), whatever rooms, patients and interpreters do.
    @inline(__always) func clinicianBookedSolid(_ c: Int, d: Int, duration: Int) -> Bool {
        !freeRuns.isEmpty && freeRuns[c * dayCount + d] < duration
    }

    /// Works out every answer; from then on they are kept up to date.
    mutating func computeFreeRuns() {
        freeRuns = Array(repeating: Self.unknownFreeRun, count: clinicians.count * dayCount)
        for c in clinicians.indices {
            for d in 0..<dayCount { freeRuns[c * dayCount + d] = freeRun(c, d: d) }
        }
    }

    /// Recomputes the answers `span` (UTC minutes) can have changed for clinician `c`.
    mutating func refreshFreeRuns(_ c: Int, around span: Span) {
        guard !freeRuns.isEmpty else { return }
        let first = max(localDay(span.start) - today, 0)
        let last = min(localDay(span.end - 1) - today, dayCount - 1)
        guard first <= last else { return }
        for d in first...last { freeRuns[c * dayCount + d] = freeRun(c, d: d) }
    }

    /// The longest `end - start` over grid starts `start` (multiples of `slot`, as the day's scan
    /// tries them) inside one of clinician `c`'s ranges with `[start, end)` free.
    func freeRun(_ c: Int, d: Int) -> Int {
        guard let offset = dayOffset[d] else { return Self.unknownFreeRun }
        let day = today + d
        let ranges = clinicians[c].hours.days[LocalDate(daysSinceEpoch: day).weekday.index]
        guard !ranges.isEmpty else { return 0 }
        // The day's busy stretches in local minutes: absences, then bookings of the UTC days the
        // local day touches (a span over two UTC days is in both buckets; a repeat is harmless).
        let dayStart = day * 1440 - offset
        var busy: [Span] = []
        for span in absences[c] where span.start < dayStart + 1440 && dayStart < span.end {
            busy.append(Span(start: span.start - dayStart, end: span.end - dayStart))
        }
        let firstBucket = max(Occupancy.day(dayStart) - occupancy.baseDay, 0)
        let lastBucket = min(Occupancy.day(dayStart + 1439) - occupancy.baseDay, occupancy.dayCount - 1)
        if firstBucket <= lastBucket {
            for bucket in firstBucket...lastBucket {
                for span in occupancy.buckets[c * occupancy.dayCount + bucket]
                where span.start < dayStart + 1440 && dayStart < span.end {
                    busy.append(Span(start: span.start - dayStart, end: span.end - dayStart))
                }
            }
        }
        busy.sort { $0.start < $1.start }
        var longest = 0
        for range in ranges {
            var cursor = range.start
            for span in busy where span.end > cursor {
                if span.start >= range.end { break }
                longest = max(longest, min(span.start, range.end) - (cursor + slot - 1) / slot * slot)
                cursor = span.end
                if cursor >= range.end { break }
            }
            if cursor < range.end { longest = max(longest, range.end - (cursor + slot - 1) / slot * slot) }
        }
        return longest
    }
}
