import Booking
import Store

extension Desk {
    /// A Store refusal in the user's language, from the catalogue's `store_…` sentences: what was
    /// missing or already there is named by its kind (`store_kind_…`) and its identifier, never in
    /// the Store's English (`StoreError.description` stays the CLI's and the log's words). A rule
    /// or a state the Store guards is said generically: its own message is English prose.
    func storeRefusal(_ error: StoreError, _ language: DeskLanguage) -> String {
        func kind(_ raw: String) -> String {
            let key = "store_kind_" + raw.replacingOccurrences(of: " ", with: "_")
            return strings.strings[language]?[key] ?? strings.text("store_kind_other", language)
        }
        switch error {
        case .notFound(let what, let id):
            return Self.fill(strings.text("store_not_found", language), ["kind": kind(what), "id": id])
        case .duplicate(let what, let id):
            return Self.fill(strings.text("store_duplicate", language), ["kind": kind(what), "id": id])
        case .constraint:
            return strings.text("store_constraint", language)
        case .conflict:
            return strings.text("store_conflict", language)
        case .fileExists(let path):
            return Self.fill(strings.text("store_file_exists", language), ["path": path])
        case .missingDatabase, .notAParcoursDatabase, .newerSchema, .unreadable, .io, .sqlite:
            return strings.text("store_unavailable", language)
        }
    }

    /// Runs a Store call for an administration page; a refusal becomes a 409 page whose detail is
    /// ``storeRefusal(_:_:)`` in the page's language.
    func storeCall<T>(_ body: () throws(StoreError) -> T) throws -> T {
        do { return try body() } catch {
            throw DeskPageError(
                status: .conflict, titleKey: "admin_refused_title", textKey: "admin_refused_text", detail: nil,
                storeError: error)
        }
    }
}
