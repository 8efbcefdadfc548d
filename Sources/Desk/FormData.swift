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

    /// The boundary of a `multipart/form-data` body, from its `Content-Type`; nil for any other
    /// type, or a boundary RFC 2046 does not allow (1 to 70 characters).
    static func multipartBoundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value =
                pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2
                ? String(pair[1].dropFirst().dropLast()) : pair[1]
            return (1...70).contains(value.count) ? value : nil
        }
        return nil
    }

    /// The fields of a `multipart/form-data` body (a file upload): each part's `name` to its
    /// content, a file's content as text; nil when the body is not made of such parts. A
    /// repeated name keeps its first value, as ``parse(_:)`` does.
    static func multipart(_ body: String, boundary: String) -> [String: String]? {
        let pieces = body.components(separatedBy: "--" + boundary)
        guard pieces.count >= 2, pieces.last?.hasPrefix("--") == true else { return nil }
        var fields: [String: String] = [:]
        for piece in pieces.dropFirst().dropLast().prefix(200) {
            guard piece.hasPrefix("\r\n"), let split = piece.range(of: "\r\n\r\n") else { return nil }
            let headers = piece[piece.index(piece.startIndex, offsetBy: 1)..<split.lowerBound]
            var content = String(piece[split.upperBound...])
            guard content.hasSuffix("\r\n") else { return nil }
            content.removeLast() // "\r\n" is one Character
            guard let name = partName(headers) else { return nil }
            if fields[name] == nil { fields[name] = content }
        }
        return fields
    }

    /// `name="…"` of a part's `Content-Disposition: form-data` header (not `filename="…"`).
    private static func partName(_ headers: Substring) -> String? {
        for line in headers.components(separatedBy: "\r\n")
        where line.lowercased().hasPrefix("content-disposition:") && line.lowercased().contains("form-data") {
            if let match = line.firstMatch(of: /(?:;|\s)name="([^"]*)"/) { return String(match.output.1) }
        }
        return nil
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
