import CareModel
import Yams

/// What a track does with a session that did not happen: the centre's choice, written in the
/// track (`missed-sessions:`), applied by Booking when it plans what is left to book.
public struct MissedSessions: Hashable, Sendable, Codable {
    /// A no-show: replaced inside the series, or counted against the budget (not rebooked).
    public enum NoShow: String, CaseIterable, Hashable, Sendable, Codable {
        case replace
        case count
    }

    public var noShow: NoShow
    /// How many lost sessions (cancelled or missed) a pathway may have replaced; nil: no limit.
    /// Beyond it, a lost session counts against the budget.
    public var maxReplacements: Int?

    public init(noShow: NoShow = .replace, maxReplacements: Int? = nil) {
        self.noShow = noShow
        self.maxReplacements = maxReplacements
    }

    /// Every lost session replaced, without limit: a track that says nothing.
    public static let standard = MissedSessions()
}

extension TrackParser {
    static let missedKeys = ["no-show", "max-replacements"]

    /// `missed-sessions: {no-show: replace | count, max-replacements: N}`, each field optional.
    mutating func parseMissedSessions(_ map: Node.Mapping) -> MissedSessions? {
        guard let node = map["missed-sessions"] else { return .standard }
        guard let sub = reader.mapping(node, "missed-sessions", "a mapping with no-show and/or max-replacements") else {
            return nil
        }
        reader.checkKeys(sub, allowed: Self.missedKeys, "missed-sessions")
        var rules = MissedSessions.standard
        var valid = true
        if sub["no-show"] != nil {
            let rule = reader.choice(
                sub, "no-show", "missed-sessions", MissedSessions.NoShow.self, what: "no-show rule", required: true)
            if let rule { rules.noShow = rule } else { valid = false }
        }
        if sub["max-replacements"] != nil {
            let most = reader.int(
                sub, "max-replacements", "missed-sessions", required: true, range: 0...100, unit: "replacements")
            if let most { rules.maxReplacements = most } else { valid = false }
        }
        guard valid else { return nil }
        return rules
    }
}
