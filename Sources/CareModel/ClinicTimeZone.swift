import Foundation

/// The centre's time zone: converts wall-clock rules to UTC instants and back.
///
/// Instants are stored in UTC; every rule about hours is local. Conversions go through here so a
/// 14:00 session stays at 14:00 in Paris across the DST changes, and a time that does not exist
/// (02:30 on the last Sunday of March) is refused rather than silently shifted.
public struct ClinicTimeZone: Sendable, Hashable {
    public let timeZone: TimeZone

    public static let paris = ClinicTimeZone(timeZone: TimeZone(identifier: "Europe/Paris") ?? .gmt)

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// Nil when `identifier` is not a known IANA zone.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.timeZone = zone
    }

    public var identifier: String { timeZone.identifier }

    /// The instant at which the wall clock shows `time` on `date`.
    ///
    /// Nil inside the spring-forward gap. In the autumn repeated hour the first (summer-time)
    /// occurrence is chosen, the one a person arriving early would meet.
    public func instant(on date: LocalDate, at time: LocalTime) -> Date? {
        let local = Double(date.daysSinceEpoch * 86_400 + time.minutes * 60)
        var candidates: [Double] = []
        for probe in [local - 86_400 / 2, local + 86_400 / 2] {
            let offset = Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: probe)))
            let utc = local - offset
            if Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: utc))) == offset,
                !candidates.contains(utc)
            {
                candidates.append(utc)
            }
        }
        guard let first = candidates.min() else { return nil }
        return Date(timeIntervalSince1970: first)
    }

    /// The local day and wall-clock time of `instant`.
    public func local(_ instant: Date) -> (date: LocalDate, time: LocalTime) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let minutes = (seconds - days * 86_400) / 60
        return (LocalDate(daysSinceEpoch: days), LocalTime(validMinutes: minutes))
    }

    /// Today's date on the centre's wall clock, for a `now` injected by the caller.
    public func today(at now: Date) -> LocalDate { local(now).date }
}
