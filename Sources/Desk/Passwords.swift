import Foundation
import HummingbirdBcrypt

/// Passwords and random secrets of the desk: bcrypt for passwords, the system's generator for
/// one-time passwords, session tokens and CSRF tokens.
public enum Passwords {
    /// bcrypt's work factor: 2^12 rounds by default (about a quarter of a second here), never below 10.
    public static let defaultCost: UInt8 = 12

    /// A bcrypt hash of `password` at `cost` (clamped to 10...14).
    public static func hash(_ password: String, cost: UInt8 = defaultCost) -> String {
        Bcrypt.hash(password, cost: min(max(cost, 10), 14))
    }

    /// Whether `password` matches `hash`; false for a malformed hash rather than a crash.
    public static func verify(_ password: String, hash: String) -> Bool {
        guard hash.hasPrefix("$2"), hash.count == 60 else { return false }
        return Bcrypt.verify(password, hash: hash)
    }

    /// A password to print once: 4 groups of 4 letters and digits without look-alikes
    /// (no 0/O, 1/l/I), about 80 bits, easy to read aloud over the phone.
    public static func oneTime() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let groups = (0..<4).map { _ in
            String((0..<4).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
        }
        return groups.joined(separator: "-")
    }

    /// 256 random bits as base64url without padding (43 characters): session and CSRF tokens.
    public static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<4 { withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) } }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=", with: "")
    }
}
