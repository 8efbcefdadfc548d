import Booking
import CareModel
import Foundation
import Store

extension Desk {
    /// A refusal from the Booking services in the user's language: the catalogue's
    /// `refusal_<code>` sentence with its `{value}` slots filled from the error's values. The
    /// scheduler's explanation (`{why}`, `{detail}`) and the checker's rules (`{rules}`) are said
    /// from their parts (`constraint_…`, `rule_…`), never in the services' English. A Store
    /// refusal is said by ``storeRefusal(_:_:)``; another error without a sentence shows the
    /// service's English, as the CLI prints it.
    func refusal(_ error: any Error, _ language: DeskLanguage) -> String {
        if let store = error as? StoreError { return storeRefusal(store, language) }
        if case .store(let store)? = error as? DeskError { return storeRefusal(store, language) }
        guard let booking = error as? BookingError,
            let sentence = strings.strings[language]?["refusal_\(booking.code)"]
        else {
            if case .store(let store)? = error as? BookingError { return storeRefusal(store, language) }
            return String(describing: error)
        }
        var values = booking.values
        if let binding = values["why.binding"] {
            let why = explanation(binding: binding, values, language)
            values["why"] = why
            values["detail"] = why
        }
        // A session's state, named by its stored value (`attended`), in the page's words.
        if let status = values["status"], let words = strings.strings[language]?["status_\(status)"] {
            values["status"] = words
        }
        if let kinds = values["kinds"] {
            values["rules"] = kinds.split(separator: ",").map { rule(String($0), language) }.joined(separator: " ; ")
        }
        return Self.fill(sentence, values)
    }

    /// The scheduler's explanation from its parts: the session, the days searched, the binding
    /// constraints, the resources in the way, and the earliest day that would work.
    func explanation(binding: String, _ values: [String: String], _ language: DeskLanguage) -> String {
        func day(_ key: String) -> String {
            guard let text = values[key], let date = LocalDate(parsing: text) else { return values[key] ?? "" }
            return DayView.dayLabel(date, language)
        }
        let reasons =
            binding.isEmpty
            ? strings.text("explanation_none_found", language)
            : binding.split(separator: ",").map { strings.text("constraint_\($0)", language) }.joined(separator: " ; ")
        var parts = [
            Self.fill(
                strings.text("explanation_text", language),
                [
                    "step": values["why.step"] ?? "", "occurrence": values["why.occurrence"] ?? "",
                    "from": day("why.from"), "to": day("why.to"), "reasons": reasons,
                ])
        ]
        if let resources = values["why.resources"], !resources.isEmpty {
            parts.append(Self.fill(strings.text("explanation_resources", language), ["resources": resources]))
        }
        parts.append(
            (values["why.earliest"] ?? "").isEmpty
                ? Self.fill(strings.text("explanation_nothing", language), ["horizon": day("why.horizon")])
                : Self.fill(strings.text("explanation_earliest", language), ["earliest": day("why.earliest")]))
        return parts.joined(separator: " ; ")
    }

    /// One rule kind (a checker's ``ViolationKind`` raw value, or `RuleLine`'s own) in words.
    func rule(_ kind: String, _ language: DeskLanguage) -> String {
        strings.strings[language]?["rule_\(kind)"] ?? strings.text("rule_other", language)
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
