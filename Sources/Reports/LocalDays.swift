import CareModel
import Foundation

/// The clinic's local day of an instant, with the UTC offset looked up once per hour.
///
/// A whole-centre report converts every attended session; asking Foundation's calendar each time
/// was most of the report's own cost. Offsets only change on the hour, so caching them by UTC
/// hour gives the same days.
final class LocalDays {
    private let zone: TimeZone
    private var offsets: [Int: Int] = [:]

    init(_ clinic: ClinicTimeZone = .paris) { zone = clinic.timeZone }

    func day(_ instant: Date) -> LocalDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let hour = seconds >= 0 ? seconds / 3600 : (seconds - 3599) / 3600
        let offset: Int
        if let known = offsets[hour] {
            offset = known
        } else {
            offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(hour * 3600)))
            offsets[hour] = offset
        }
        let local = seconds + offset
        return LocalDate(daysSinceEpoch: local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }
}
