import Desk
import Foundation
import Store
import Testing

@testable import ParcoursCLI

/// `parcours user ...`: accounts for the desk, one-time passwords printed once, every change audited.
@Suite struct UserCommandTests {
    func centre() async throws -> Workspace {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        let r = await ws.run(
            "clinician", "add", "C-ROUX", "--name", "Dr Anne Roux", "--role", "psychologist",
            "--hours", "mon-fri 09:00-17:00")
        #expect(r.status == 0, "\(r.errors)")
        return ws
    }

    func oneTimePassword(in output: String) -> String? {
        output.split(separator: "\n").first { $0.contains("shown once:") }?.split(separator: " ").last.map(String.init)
    }

    @Test func addPrintsAOneTimePasswordThatOnlyItsHashKeeps() async throws {
        let ws = try await centre()
        let added = await ws.run("user", "add", "helene", "--role", "clinician", "--clinician", "C-ROUX")
        #expect(added.status == 0, "\(added.errors)")
        let password = try #require(oneTimePassword(in: added.output))
        #expect(password.count == 19)
        let store = try ParcoursStore.open(at: ws.db)
        let stored = try #require(try store.deskCredentials("helene"))
        #expect(stored.user.clinician == "C-ROUX" && stored.user.passwordIsTemporary)
        #expect(Passwords.verify(password, hash: stored.passwordBcrypt))
        #expect(!stored.passwordBcrypt.contains(password))
        let listed = await ws.run("user", "list", "--format", "json")
        #expect(listed.status == 0)
        #expect(listed.output.contains("\"helene\""))
        #expect(!listed.output.contains("$2b$"))
        #expect(try store.auditEntries(entityID: "helene").map(\.actor) == ["test"])
    }

    @Test func badInputExitsWithTheDocumentedCodeAndChangesNothing() async throws {
        let ws = try await centre()
        let cases: [([String], Int32, String)] = [
            (["user", "add", "marie", "--role", "boss"], 2, "--role: 'boss' is not a role"),
            (["user", "add", "hélène<", "--role", "secretary"], 2, "NAME: 'hélène<' is not a usable account name"),
            (
                ["user", "add", "helene", "--role", "clinician"], 2,
                "--clinician: a clinician account needs the id of its clinician"
            ),
            (
                ["user", "add", "marie", "--role", "secretary", "--clinician", "C-ROUX"], 2,
                "--clinician: only a clinician account names a clinician, not a secretary account"
            ),
            (["user", "add", "paul", "--role", "clinician", "--clinician", "C-NOBODY"], 4, "C-NOBODY"),
            (["user", "disable", "nobody"], 4, "parcours user list"),
            (["user", "reset-password", "nobody"], 4, "nobody"),
        ]
        for (arguments, code, words) in cases {
            let result = await ws.run(arguments: arguments)
            #expect(result.status == code, "\(arguments): \(result.errors)")
            #expect(result.errors.contains(words), "\(arguments): \(result.errors)")
        }
        #expect(try ParcoursStore.open(at: ws.db).deskUsers().isEmpty)
    }

    @Test func disableAndResetEndTheAccountsSessions() async throws {
        let ws = try await centre()
        #expect(await ws.run("user", "add", "marie", "--role", "secretary").status == 0)
        #expect(await ws.run("user", "add", "marie", "--role", "admin").status == 3)
        let store = try ParcoursStore.open(at: ws.db)
        try store.openDeskSession(
            "marie", tokenSHA256: Array(repeating: 1, count: 32), csrfToken: String(repeating: "x", count: 43))
        let reset = await ws.run("user", "reset-password", "marie")
        #expect(reset.status == 0, "\(reset.errors)")
        #expect(oneTimePassword(in: reset.output) != nil)
        #expect(try store.deskSessionCount("marie") == 0)
        try store.openDeskSession(
            "marie", tokenSHA256: Array(repeating: 2, count: 32), csrfToken: String(repeating: "x", count: 43))
        #expect(await ws.run("user", "disable", "marie").status == 0)
        #expect(try store.deskSessionCount("marie") == 0)
        #expect(try store.deskCredentials("marie")?.user.disabled == true)
        #expect(await ws.run("user", "disable", "marie").status == 3)
    }
}
