import ArgumentParser
import CareModel
import Foundation
import Store

extension PatientCommand {
    struct Protect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a patient address-protected (or not, with --off); audited.",
            discussion: """
                A protected patient is never named, not even by code, in a feed, an agenda or
                waiting-list export, or a report detail; they are counted in totals only, and no
                calendar of their own can be published.

                Example: parcours patient protect P-VGPD --reason "protection order"
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's code, e.g. P-7KQ2.", transform: Parse.patientCode) var code: PatientCode
        @Flag(help: "Lift the protection.") var off = false
        @Option(help: "Why, for the audit log.") var reason: String?

        func run() async throws {
            let store = try global.openStore()
            try store.setAddressProtected(code, !off, actor: global.actor, reason: reason)
            say(
                off
                    ? "\(code) is no longer address-protected."
                    : "\(code) is address-protected: left out of every export, feed and report detail.")
        }
    }

    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a patient's identity and contact details, keeping the pseudonymous clinical record.",
            discussion: """
                Names, phone, email and address are deleted and no contact channel stays safe; the
                enrolments, sessions and measures stay under the code, so the centre's figures stay
                true. The audit log records who did it, why, and which fields were erased (never
                their values). An identity can be entered again only with `patient identity
                --after-forget`.

                Example: parcours patient forget P-VGPD --reason "request by letter of 2026-11-20"
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's code, e.g. P-7KQ2.", transform: Parse.patientCode) var code: PatientCode
        @Option(help: "The request this answers, for the audit log (required).") var reason: String

        func validate() throws {
            if reason.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--reason: empty; say which request this answers (e.g. \"letter of 2026-11-20\")")
            }
        }

        func run() async throws {
            let outcome = try global.openStore().forgetPatient(code, actor: global.actor, reason: reason)
            let fields =
                outcome.erasedFields.isEmpty
                ? "no identity was recorded" : "erased " + outcome.erasedFields.joined(separator: ", ")
            say("\(code) forgotten: \(fields); clinical records kept under the code.")
            if !outcome.journalCleared {
                warn(
                    """
                    parcours: note: another program had the database open, so SQLite's write-ahead log (\(global.databasePath)-wal) \
                    still holds the erased values; it is cleared when the last program using the file closes it.
                    """)
            }
        }
    }

    struct Identity: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "identity",
            abstract: "Record or replace a patient's name and contact details.",
            discussion: """
                Refused for a forgotten patient unless --after-forget: an erasure is undone only
                when the patient asks.

                Example: parcours patient identity P-VGPD --given-name Léa --family-name Martin --phone "06 12 34 56 78"
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's code, e.g. P-7KQ2.", transform: Parse.patientCode) var code: PatientCode
        @Option(help: "Given name.", transform: Parse.name) var givenName: String?
        @Option(help: "Family name.", transform: Parse.name) var familyName: String?
        @Option(help: "Phone number.") var phone: String?
        @Option(help: "Email address.") var email: String?
        @Option(help: "Postal address.") var address: String?
        @Flag(help: "Record an identity for a patient who was forgotten, at their request.") var afterForget = false
        @Option(help: "Why, for the audit log.") var reason: String?

        func validate() throws {
            if [givenName, familyName, phone, email, address].allSatisfy({ $0 == nil }) {
                throw ValidationError(
                    "nothing to record: give at least one of --given-name, --family-name, --phone, --email, --address")
            }
        }

        func run() async throws {
            let store = try global.openStore()
            guard try store.patient(code) != nil else { throw CLIError.notFound(kind: "patient", id: code.rawValue) }
            let old = try store.identity(code)
            let identity = PatientIdentity(
                code: code, givenName: givenName ?? old?.givenName ?? "",
                familyName: familyName ?? old?.familyName ?? "",
                phone: phone ?? old?.phone, email: email ?? old?.email, address: address ?? old?.address)
            try store.setIdentity(identity, afterForget: afterForget, actor: global.actor, reason: reason)
            say("Identity of \(code) recorded (kept apart from clinical data; never in the audit log).")
        }
    }
}
