import CareModel
import Foundation
import NIOConcurrencyHelpers
import Store

/// The desk's accounts, for the CLI (`parcours user …`) and for signing in: every rule about a
/// name, a role or a password is here, the Store only keeps the result.
public struct Accounts: Sendable {
    public let store: ParcoursStore
    /// bcrypt cost for new passwords (tests use 10, the minimum).
    public var cost: UInt8

    public init(store: ParcoursStore, cost: UInt8 = Passwords.defaultCost) {
        self.store = store
        self.cost = cost
    }

    /// An account just made or reset, with the password to hand over once.
    public struct Issued: Sendable {
        public var user: DeskUser
        public var oneTimePassword: String
    }

    /// Creates an account with a one-time password; a clinician account must name its clinician
    /// and no other role may.
    public func add(name: String, role roleText: String, clinician: String?, actor: Actor) throws(DeskError) -> Issued {
        guard Self.isValidName(name) else { throw .invalidUserName(name) }
        guard let role = DeskRole(rawValue: roleText) else { throw .invalidRole(roleText) }
        switch (role, clinician) {
        case (.clinician, nil):
            throw .clinicianMismatch("a clinician account needs the id of its clinician, e.g. C-ROUX")
        case (.clinician, _?): break
        case (_, _?):
            throw .clinicianMismatch("only a clinician account names a clinician, not a \(role.rawValue) account")
        case (_, nil): break
        }
        let password = Passwords.oneTime()
        let user = try storing { () throws(StoreError) in
            try store.addDeskUser(
                DeskUser(name: name, role: role, clinician: clinician.map { ClinicianID($0) }),
                passwordBcrypt: Passwords.hash(password, cost: cost), actor: actor)
        }
        return Issued(user: user, oneTimePassword: password)
    }

    /// Every account, by name.
    public func list() throws(DeskError) -> [DeskUser] {
        try storing { () throws(StoreError) in try store.deskUsers() }
    }

    /// Disables `name` and signs them out everywhere.
    @discardableResult
    public func disable(_ name: String, actor: Actor) throws(DeskError) -> DeskUser {
        try storing { () throws(StoreError) in try store.disableDeskUser(name, actor: actor) }
    }

    /// Gives `name` a new one-time password and signs them out everywhere.
    public func resetPassword(_ name: String, actor: Actor) throws(DeskError) -> Issued {
        let password = Passwords.oneTime()
        return try storing { () throws(StoreError) in
            try store.setDeskUserPassword(
                name, passwordBcrypt: Passwords.hash(password, cost: cost), temporary: true, actor: actor,
                reason: "password reset")
            guard let user = try store.deskCredentials(name)?.user else {
                throw StoreError.notFound(kind: "desk user", id: name)
            }
            return Issued(user: user, oneTimePassword: password)
        }
    }

    /// The account `name` if `password` is its password and it is not disabled; nil otherwise.
    /// An unknown name costs a bcrypt check too, so timing does not tell which names exist.
    func check(name: String, password: String) throws(DeskError) -> DeskUser? {
        guard let found = try storing({ () throws(StoreError) in try store.deskCredentials(name) }) else {
            _ = Passwords.verify(password, hash: Self.decoy(cost: cost))
            return nil
        }
        guard Passwords.verify(password, hash: found.passwordBcrypt), !found.user.disabled else { return nil }
        return found.user
    }

    /// 1 to 64 of letters, digits, `.`, `-`, `_`: names appear in the audit log and in URLs.
    static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count)
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-_".unicodeScalars.contains($0))
            }
    }

    /// A hash at `cost`, made once per cost, checked against for unknown names.
    static func decoy(cost: UInt8) -> String {
        decoys.withLockedValue { table in
            if let hash = table[cost] { return hash }
            let hash = Passwords.hash(Passwords.token(), cost: cost)
            table[cost] = hash
            return hash
        }
    }

    private static let decoys = NIOLockedValueBox<[UInt8: String]>([:])

    private func storing<T>(_ body: () throws(StoreError) -> T) throws(DeskError) -> T {
        do { return try body() } catch { throw .store(error) }
    }
}
