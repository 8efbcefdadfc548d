import CareModel
import Foundation
import Hummingbird

/// How the desk signs people in and keeps them signed in.
public struct DeskConfiguration: Sendable {
    /// Marks cookies `Secure`: set when a reverse proxy serves the desk over HTTPS (`--behind-https`).
    public var behindHTTPS: Bool
    /// A session unused for this long is ended (30 minutes by default: a shared front-desk screen).
    public var idleTimeout: TimeInterval
    /// bcrypt cost for passwords set through the desk.
    public var bcryptCost: UInt8
    /// Failed sign-ins allowed per account and per address within `loginWindow`.
    public var loginFailuresPerAccount: Int
    public var loginFailuresPerAddress: Int
    public var loginWindow: TimeInterval
    /// The centre's time zone: "today" and every time shown.
    public var timeZone: ClinicTimeZone
    /// Where *Sauvegardes* writes and lists backups (`serve --backup-dir`); nil: the page says
    /// how to set one and offers no button.
    public var backupFolder: String?

    public init(
        behindHTTPS: Bool = false, idleTimeout: TimeInterval = 30 * 60, bcryptCost: UInt8 = Passwords.defaultCost,
        loginFailuresPerAccount: Int = 5, loginFailuresPerAddress: Int = 20, loginWindow: TimeInterval = 15 * 60,
        timeZone: ClinicTimeZone = .paris, backupFolder: String? = nil
    ) {
        self.behindHTTPS = behindHTTPS
        self.idleTimeout = idleTimeout
        self.bcryptCost = bcryptCost
        self.loginFailuresPerAccount = loginFailuresPerAccount
        self.loginFailuresPerAddress = loginFailuresPerAddress
        self.loginWindow = loginWindow
        self.timeZone = timeZone
        self.backupFolder = backupFolder
    }
}

extension DeskConfiguration {
    /// The client's address as the reverse proxy saw it: the last `X-Forwarded-For` entry (the
    /// one the proxy itself appended; earlier ones are whatever the client claimed).
    public static func forwardedAddress(_ request: Request) -> String? {
        guard let name = HTTPFields.Element.Name("X-Forwarded-For") else { return nil }
        let last = request.headers[values: name].last?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces)
        return last.flatMap { $0.isEmpty || $0.count > 64 ? nil : $0 }
    }
}
