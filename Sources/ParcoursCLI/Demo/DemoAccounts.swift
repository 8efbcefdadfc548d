import CareModel
import Desk
import Foundation
import Store

/// The desk's demo accounts: one per role, so whoever runs the demo can sign in to the desk as a
/// secretary, a clinician, a coordinator or an administrator straight away.
///
/// Made through `Accounts` (the rules `parcours user add` follows); the one-time passwords are
/// printed once, at the very end of the demo's output, and the database keeps only their hashes.
struct DemoAccounts {
    /// The accounts, in the order they are printed: name and role.
    static let roles: [(name: String, role: DeskRole)] = [
        ("secretariat", .secretary), ("clinicien", .clinician), ("coordination", .coordinator), ("admin", .admin),
    ]

    let store: ParcoursStore
    let actor: Actor

    /// Creates the four accounts; the clinician account is `clinician`'s (the busiest one, whose
    /// agenda is the fullest to look at).
    func create(clinician: ClinicianID) throws -> [Accounts.Issued] {
        let accounts = Accounts(store: store)
        return try Self.roles.map { name, role in
            try accounts.add(
                name: name, role: role.rawValue, clinician: role == .clinician ? clinician.rawValue : nil,
                actor: actor)
        }
    }

    /// The lines that end the demo: where the desk is, how to sign in, and each account's
    /// one-time password. One account a line, `name (role[, clinician])  password`, so a script
    /// (Tests/Browser/conftest.py) can read them.
    static func lines(_ issued: [Accounts.Issued], desk: String, serving: Bool, serveCommand: String) -> [String] {
        let width = issued.map { label($0.user).count }.max() ?? 0
        let head =
            serving
            ? "The desk: open \(desk) once it serves below, and sign in with an account here."
            : "The desk: run `\(serveCommand)`, open \(desk) and sign in with an account here."
        return [
            head,
            "One-time passwords, shown once (the desk asks for a new password at the first sign-in):",
        ]
            + issued.map {
                "  " + label($0.user).padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.oneTimePassword
            }
    }

    private static func label(_ user: DeskUser) -> String {
        "\(user.name) (\(user.role.rawValue)\(user.clinician.map { ", \($0.rawValue)" } ?? ""))"
    }
}
