import ArgumentParser
import Desk
import Foundation
import Store

/// `parcours user …`: the desk's accounts. Thin: the rules are in `Desk.Accounts`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and disable the desk's accounts, and reset their passwords.",
        discussion: """
            Examples:
              parcours user add marie --role secretary
              parcours user add helene --role clinician --clinician C-ROUX
              parcours user list

            A new or reset password is printed once, to hand over in person; the database keeps
            only its bcrypt hash. Disabling an account or resetting its password signs it out
            everywhere. Every change is audited under --as NAME (or the OS user).
            """,
        subcommands: [Add.self, List.self, Disable.self, ResetPassword.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a desk account and print its one-time password.",
            discussion: "Example: parcours user add helene --role clinician --clinician C-ROUX"
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account's name: letters, digits, '.', '-' or '_', at most 64.") var name: String
        @Option(help: "secretary, clinician, coordinator or admin.") var role: String
        @Option(help: "For a clinician account: the clinician's id (e.g. C-ROUX).") var clinician: String?

        func run() async throws {
            let issued = try Accounts(store: try global.openStore()).add(
                name: name, role: role, clinician: clinician,
                actor: global.actor)
            say(
                "Account \(issued.user.name) (\(issued.user.role.rawValue)\(issued.user.clinician.map { ", \($0)" } ?? "")) created."
            )
            say("One-time password, shown once: \(issued.oneTimePassword)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the desk's accounts (never a password or its hash).",
            discussion: "Example: parcours user list --format json"
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let users = try Accounts(store: try global.openStore()).list()
            try emit(users, format: output.format) {
                var table = TextTable("name", "role", "clinician", "state", "since")
                for user in users {
                    table.add(
                        user.name, user.role.rawValue, user.clinician?.rawValue ?? "-",
                        user.disabled ? "disabled" : "active",
                        Shown.day(user.createdAt))
                }
                return table
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account and end its sessions.",
            discussion: "Example: parcours user disable marie"
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account's name.") var name: String

        func run() async throws {
            try Accounts(store: try global.openStore()).disable(name, actor: global.actor)
            say("Account \(name) disabled; its sessions are ended.")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Give an account a new one-time password and end its sessions.",
            discussion: "Example: parcours user reset-password marie"
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account's name.") var name: String

        func run() async throws {
            let issued = try Accounts(store: try global.openStore()).resetPassword(name, actor: global.actor)
            say("Account \(issued.user.name): new one-time password, shown once: \(issued.oneTimePassword)")
        }
    }
}
