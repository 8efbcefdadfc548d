import Foundation
import Testing

@testable import ParcoursCLI

/// `parcours backup` and `restore` as a person types them: exit codes and what they say.
@Suite struct BackupCommandTests {
    @Test func backupRefusesAnExistingFileAndRestoreRefusesATextFile() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        let copy = ws.directory.appendingPathComponent("copy.sqlite").path
        let first = await ws.run("backup", copy)
        #expect(first.status == 0, "\(first.errors)")
        let again = await ws.run("backup", copy)
        #expect(again.status == 3)
        #expect(again.errors.contains("already exists; choose another name or pass --force"))
        #expect(await ws.run("backup", copy, "--force").status == 0)

        let notes = ws.directory.appendingPathComponent("notes.txt")
        try Data("not a database\n".utf8).write(to: notes)
        let refused = await ws.run("restore", notes.path)
        #expect(refused.status == 1)
        #expect(refused.errors.contains("cannot be restored") && refused.errors.contains("nothing was changed"))

        let restored = await ws.run("restore", copy, "--reason", "rehearsal")
        #expect(restored.status == 0, "\(restored.errors)")
        #expect(restored.output.contains(".before-restore-"))
    }
}
