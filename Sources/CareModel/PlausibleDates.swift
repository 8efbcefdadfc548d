/// The windows a date typed by a person must fall in, so that a slip of the keyboard (2300 for
/// 2030, 0001 for 2001) is refused instead of stored: an age of -274 or 2025 would put a patient
/// on the wrong track, and a closed day in 2300 would never be seen again.
///
/// Each check returns nil when the date is plausible, else what was expected, in words.
public enum PlausibleDates {
    /// The oldest patient the centre expects, in years.
    public static let maximumAge = 120
    /// PCL-5 was published in 2013: no score can be older.
    public static let firstPCL5 = LocalDate(year: 2013, month: 1, day: 1) ?? LocalDate(daysSinceEpoch: 15_706)
    /// How far ahead or back a closed day may be.
    public static let closedDayYears = 10

    /// A birth date: not after today, at most ``maximumAge`` years ago.
    public static func birth(_ date: LocalDate, today: LocalDate) -> String? {
        let oldest = today.adding(months: -12 * maximumAge)
        guard date <= today, date >= oldest else { return "a birth date between \(oldest) and today (\(today))" }
        return nil
    }

    /// A referral: not after today, not before the patient's birth.
    public static func referral(_ date: LocalDate, birth: LocalDate, today: LocalDate) -> String? {
        guard date <= today, date >= birth else {
            return "a referral date between the birth (\(birth)) and today (\(today))"
        }
        return nil
    }

    /// The day a questionnaire was filled in: from 2013 (when PCL-5 appeared) to today.
    public static func measure(_ date: LocalDate, today: LocalDate) -> String? {
        guard date <= today, date >= firstPCL5 else { return "a day between \(firstPCL5) and today (\(today))" }
        return nil
    }

    /// A closed day: within ``closedDayYears`` years of today, either way.
    public static func closedDay(_ date: LocalDate, today: LocalDate) -> String? {
        let first = today.adding(months: -12 * closedDayYears), last = today.adding(months: 12 * closedDayYears)
        guard date >= first, date <= last else { return "a day between \(first) and \(last)" }
        return nil
    }

    /// How far ahead a room's or interpreter's unavailability may be recorded, and how far back
    /// it may start (only what is ahead matters to bookings; a year back covers works begun
    /// long ago and still going on).
    public static let unavailabilityYearsAhead = 5

    /// A bound of a room's or interpreter's unavailability: from a year ago to
    /// ``unavailabilityYearsAhead`` years ahead.
    public static func unavailability(_ date: LocalDate, today: LocalDate) -> String? {
        let first = today.adding(months: -12), last = today.adding(months: 12 * unavailabilityYearsAhead)
        guard date >= first, date <= last else { return "a day between \(first) and \(last)" }
        return nil
    }
}
