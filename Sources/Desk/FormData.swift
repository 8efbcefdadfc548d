import Foundation

/// `application/x-www-form-urlencoded` bodies and query strings, read into plain dictionaries.
enum FormData {
    /// Largest form body the desk reads; a longer one is refused with 413.
    static let maxBodyBytes = 64 * 1024
    /// Longest single field kept; a longer one is refused by the page that reads it.
    static let maxFieldLength = 2_000

    /// The fields of `text` (`a=1&b=x+y`); a repeated name keeps its first value, an undecodable
    /// escape drops the field.
    static func parse(_ text: Substring) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true).prefix(200) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), fields[name] == nil else { continue }
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if let value { fields[name] = value }
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The path to go to after signing in: a local absolute path only, never another site.
    ///
    /// Refuses `//host`, `/\host`, schemes, control characters and anything not starting with
    /// one `/`; those all become `/`.
    static func safeNext(_ candidate: String?) -> String {
        guard let path = candidate, path.count <= 512, path.hasPrefix("/"), !path.hasPrefix("//"),
            !path.contains("\\"), !path.contains("://"),
            path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else { return "/" }
        return path
    }

    /// `text` made safe for a query string value.
    ///
    /// Codes and ids (every link of the day sheet) need no escaping and are returned as they are
    /// without building a character set (a tenth of Aujourd'hui's time on a large centre).
    static func escape(_ text: String) -> String {
        if text.utf8.allSatisfy(isUnreservedASCII) { return text }
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    private static let allowed: CharacterSet = {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return allowed
    }()

    /// An ASCII letter or digit, or one of `-._~/`: left as is by ``escape(_:)``.
    private static func isUnreservedASCII(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"), UInt8(ascii: "/"):
            true
        default: false
        }
    }
}
