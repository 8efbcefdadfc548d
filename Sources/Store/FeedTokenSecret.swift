import Crypto
import Foundation

/// The secret part of a feed's URL: generated, hashed and compared here and nowhere else.
///
/// A token is 256 bits from the system's cryptographic generator (`getrandom` on Linux), written
/// as base64url without padding (43 characters), so it fits a URL path as is. Only its SHA-256
/// reaches the database.
public enum FeedTokenSecret {
    /// Length of a token's text form.
    public static let length = 43

    /// A fresh token; shown once to whoever creates the feed.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The SHA-256 of `token`'s UTF-8 bytes, as stored in `feed_token.token_sha256`.
    ///
    /// Any text is hashed, even one that cannot be a token, so that a wrong guess costs the same
    /// work as a right one.
    public static func sha256(_ token: some StringProtocol) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// Equality whose time does not depend on where two digests first differ.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
