import CLibical
import CareModel
import Foundation

/// Conversions between Swift values and libical's `icaltimetype`, done field by field
/// (no string round trip, no libical built-in zone database).
enum LibicalTime {
    static func utc(_ instant: Date) -> icaltimetype {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let days = floorDivide(seconds, 86_400)
        var time = fields(date: LocalDate(daysSinceEpoch: days), secondsOfDay: seconds - days * 86_400)
        time.zone = icaltimezone_get_utc_timezone()
        return time
    }

    /// The wall-clock time of `instant` in `zone`, with no zone attached (the caller adds TZID).
    static func wallClock(_ instant: Date, in zone: ClinicTimeZone) -> icaltimetype {
        let local = zone.local(instant)
        let second = Int(instant.timeIntervalSince1970.rounded(.down)) % 60
        return fields(date: local.date, secondsOfDay: local.time.minutes * 60 + (second + 60) % 60)
    }

    static func date(_ day: LocalDate) -> icaltimetype {
        var time = fields(date: day, secondsOfDay: 0)
        time.is_date = 1
        return time
    }

    static func localDate(_ time: icaltimetype) -> LocalDate? {
        LocalDate(year: Int(time.year), month: Int(time.month), day: Int(time.day))
    }

    /// Seconds since local midnight, as written in the file.
    static func secondsOfDay(_ time: icaltimetype) -> Int {
        Int(time.hour) * 3600 + Int(time.minute) * 60 + Int(time.second)
    }

    /// The instant of a time libical read with a `Z`: pure arithmetic, no zone involved.
    static func instantOfUTC(_ time: icaltimetype) -> Date? {
        guard let day = localDate(time) else { return nil }
        return Date(timeIntervalSince1970: Double(day.daysSinceEpoch * 86_400 + secondsOfDay(time)))
    }

    static func isUTC(_ time: icaltimetype) -> Bool { icaltime_is_utc(time) != 0 }

    private static func fields(date: LocalDate, secondsOfDay: Int) -> icaltimetype {
        var time = icaltimetype()
        time.year = Int32(date.year)
        time.month = Int32(date.month)
        time.day = Int32(date.day)
        time.hour = Int32(secondsOfDay / 3600)
        time.minute = Int32(secondsOfDay / 60 % 60)
        time.second = Int32(secondsOfDay % 60)
        return time
    }

    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}

/// Copies a C string libical owns into a Swift value; nil stays nil.
func swiftString(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
}

/// Process-wide libical settings, applied once before the first call into libical.
enum LibicalSetup {
    /// Some builds of libical abort the process on an error; a bad file must throw instead.
    static let nonFatalErrors: Void = { icalerror_set_errors_are_fatal(0) }()
}
