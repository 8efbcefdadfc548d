import Booking
import Foundation

extension Desk {
    /// A refusal from the Booking services in the user's language: the catalogue's
    /// `refusal_<code>` sentence with its `{value}` slots filled from the error's values. An
    /// error without a sentence (a refusal without a code, the Store's or the scheduler's own
    /// explanation) shows the service's English words, as the CLI prints them.
    func refusal(_ error: any Error, _ language: DeskLanguage) -> String {
        guard let booking = error as? BookingError,
            let sentence = strings.strings[language]?["refusal_\(booking.code)"]
        else { return String(describing: error) }
        return Self.fill(sentence, booking.values)
    }

    /// `sentence` with each `{name}` replaced by `values[name]`, in one pass (a value that holds
    /// braces is never read as a slot); an unknown slot stays as written.
    static func fill(_ sentence: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(sentence)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
