import Foundation

/// A language the desk speaks: French first, English second.
public enum DeskLanguage: String, CaseIterable, Sendable {
    case fr, en

    /// The language to answer in: the user's own setting if any, else the first of ours the
    /// browser's `Accept-Language` prefers (by q-value, in order), else French.
    public static func choose(userSetting: String?, acceptLanguage: String?) -> DeskLanguage {
        if let setting = userSetting, let language = DeskLanguage(rawValue: setting) { return language }
        guard let header = acceptLanguage else { return .fr }
        var best: (language: DeskLanguage, q: Double)?
        for part in header.split(separator: ",").prefix(20) {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = fields.first, let primary = tag.split(separator: "-").first,
                let language = DeskLanguage(rawValue: String(primary))
            else { continue }
            let q = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if q > 0, q > (best?.q ?? 0) { best = (language, q) }
        }
        return best?.language ?? .fr
    }
}

/// Every user-facing string of the desk, one catalogue per language (`Resources/strings/<lang>.json`).
///
/// Templates and code name strings by key; a key missing from a catalogue shows as the key
/// itself, and a test keeps both catalogues to the same keys.
public struct Catalogue: Sendable {
    /// Each language's table, key to text.
    public let strings: [DeskLanguage: [String: String]]

    /// Loads both bundled catalogues; refuses a missing or malformed one, or two that differ in keys.
    public static func bundled() throws(DeskError) -> Catalogue {
        var strings: [DeskLanguage: [String: String]] = [:]
        for language in DeskLanguage.allCases {
            let name = "strings/\(language.rawValue).json"
            guard let data = DeskResources.data(name),
                let table = try? JSONDecoder().decode([String: String].self, from: data)
            else { throw .resourceMissing(name) }
            strings[language] = table
        }
        let catalogue = Catalogue(strings: strings)
        // A key in one language only would show as a bare key to the other's users: refuse at start.
        guard catalogue.mismatchedKeys.isEmpty else { throw .catalogueMismatch(missing: catalogue.mismatchedKeys) }
        return catalogue
    }

    /// A catalogue from tables given directly (tests of the parity check).
    public init(strings: [DeskLanguage: [String: String]]) { self.strings = strings }

    /// The table for `language`, for templates (`{{t.key}}`).
    public func table(_ language: DeskLanguage) -> [String: String] { strings[language] ?? [:] }

    /// One string; the key itself when missing, so a gap shows instead of an empty label.
    public func text(_ key: String, _ language: DeskLanguage) -> String { strings[language]?[key] ?? key }

    /// Keys that one catalogue has and another lacks, sorted; empty when they agree.
    public var mismatchedKeys: [String] {
        let sets = DeskLanguage.allCases.map { Set(strings[$0]?.keys.map { $0 } ?? []) }
        let all = sets.reduce(into: Set<String>()) { $0.formUnion($1) }
        return all.filter { key in sets.contains { !$0.contains(key) } }.sorted()
    }
}

/// The desk's bundled files (templates, catalogues, stylesheet), read from the module's bundle.
enum DeskResources {
    /// Where `name` may be: the bundle holds the copied `Resources` folder, and Foundation on
    /// Linux, seeing that folder, may already point `resourceURL` inside it.
    static func candidates(_ name: String) -> [URL] {
        let bundle = Bundle.module
        return [
            bundle.bundleURL.appendingPathComponent("Resources"),
            bundle.resourceURL?.appendingPathComponent("Resources"),
            bundle.resourceURL,
        ].compactMap { $0?.appendingPathComponent(name) }
    }

    static func data(_ name: String) -> Data? {
        candidates(name).lazy.compactMap { try? Data(contentsOf: $0) }.first
    }

    static func text(_ name: String) -> String? {
        data(name).map { String(decoding: $0, as: UTF8.self) }
    }
}
