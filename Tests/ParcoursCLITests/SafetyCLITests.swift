import Foundation
import Store
import StoreTesting
import Testing

@testable import ParcoursCLI

/// What a new user can do by mistake: replace the wrong file, type a hostile id or name, restore
/// over an erasure. Each is refused with the documented exit code, or undone.
@Suite struct SafetyCLITests {
    func path(_ ws: Workspace, _ name: String) -> String { ws.directory.appendingPathComponent(name).path }

    @Test func demoReplaceRefusesAFolderATextFileAndAnotherProgramsDatabase() async throws {
        let ws = try Workspace()
        let folder = path(ws, "centre")
        try FileManager.default.createDirectory(atPath: folder + "/keep", withIntermediateDirectories: true)
        try Data("précieux\n".utf8).write(to: URL(fileURLWithPath: folder + "/keep/notes.txt"))
        let text = path(ws, "notes.sqlite")
        try Data("Rendez-vous mardi 14h\n".utf8).write(to: URL(fileURLWithPath: text))
        let foreign = path(ws, "compta.sqlite")
        try makeForeignDatabaseForTesting(at: foreign)
        let foreignBytes = try Data(contentsOf: URL(fileURLWithPath: foreign))
        for target in [folder, text, foreign] {
            let result = await ws.run("demo", "--db", target, "--replace", "--patients", "20")
            #expect(result.status == 1, "\(target): \(result.errors)")
            #expect(result.errors.contains("is not a Parcours database"), "\(result.errors)")
        }
        #expect(try String(contentsOfFile: folder + "/keep/notes.txt", encoding: .utf8) == "précieux\n")
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "Rendez-vous mardi 14h\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == foreignBytes)
        #expect(await ws.run("init").status == 0)
        #expect(await ws.run("init", "--db", folder).status == 1)
    }

    @Test func idsOutsideThePatternExitTwoNamingTheArgument() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        for id in ["../escaped", "C-A\r\nB", "C/ROUX", String(repeating: "C", count: 41)] {
            let result = await ws.run("clinician", "add", id, "--name", "Dr X", "--role", "psychologist")
            #expect(result.status == 2, "\(id): \(result.errors)")
            #expect(result.errors.contains("<id>") && result.errors.contains("letters A-Z"), "\(result.errors)")
            #expect(!result.errors.contains("\r"))
        }
        #expect(await ws.run("room", "add", "..", "--name", "Salle", "--capacity", "1").status == 2)
        #expect(await ws.run("agenda", "--clinician", "../x").status == 2)
        #expect(await ws.run("clinician", "list").output == "(none)\n")
    }

    @Test func exportAllNamesFilesOnlyFromSafeIds() throws {
        #expect(PrivateFiles.safeName("C-ROUX", extension: "ics") == "C-ROUX.ics")
        #expect(PrivateFiles.safeName("../escaped", extension: "ics") == "id____escaped.ics")
        #expect(PrivateFiles.safeName("a\r\nb/c", extension: "ics") == "id_a__b_c.ics")
        #expect(!PrivateFiles.safeName("..", extension: "ics").contains("/"))
    }

    @Test func namesMustBePlainTextAndPrintedTextIsEscaped() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        for name in ["", "   ", "Dr \u{1B}[2JRoux", "Dr Roux\nC-FAKE  Dr Fake"] {
            let result = await ws.run("clinician", "add", "C-ROUX", "--name", name, "--role", "psychologist")
            #expect(result.status == 2, "\(name.debugDescription): \(result.errors)")
            #expect(result.errors.contains("--name"))
        }
        // A name written by an older version or another tool is shown escaped, on its own line.
        let store = try ParcoursStore.open(at: ws.db)
        try store.executeForTesting(
            """
            INSERT INTO clinician (id, name, role) VALUES ('C-ODD', 'Dr ' || char(27) || '[2J' || char(13) || char(10) || 'Odd', 'psychologist')
            """)
        let listed = await ws.run("clinician", "list")
        #expect(listed.status == 0, "\(listed.errors)")
        #expect(!listed.output.contains("\u{1B}") && !listed.output.contains("\r"))
        #expect(listed.output.contains("Dr \\u{1B}[2J\\u{D}\\u{A}Odd"), "\(listed.output)")
        #expect(Console.printable("\u{1B}[1;31mALERT\u{1B}[0m\tok\n") == "\u{1B}[1;31mALERT\u{1B}[0m\tok\n")
        #expect(Console.printable("a\u{1B}]0;title\u{07}b") == "a\\u{1B}]0;title\\u{7}b")
        // A CSV report's records end in CRLF (RFC 4180) and pass; anywhere else, and a carriage
        // return alone in a report, are escaped, so a typed value cannot forge or overwrite a line.
        #expect(Console.printable("a,b\r\nc,d\r\n", recordsEndInCRLF: true) == "a,b\r\nc,d\r\n")
        #expect(Console.printable("x\ry", recordsEndInCRLF: true) == "x\\u{D}y")
        #expect(Console.printable("C-A\r\nB") == "C-A\\u{D}\nB")
    }

    @Test func smallerLimitsGiveClearMessagesAndCodes() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        let huge = await ws.run("demo", "--db", path(ws, "demo.sqlite"), "--patients", "9223372036854775807")
        #expect(huge.status == 2 && huge.errors.contains("at most 2000"), "\(huge.errors)")
        let negative = await ws.run("demo", "--db", path(ws, "demo.sqlite"), "--patients", "-1")
        #expect(negative.status == 2 && negative.errors.contains("too few"), "\(negative.errors)")
        let limit = await ws.run("audit", "--limit", "-1")
        #expect(limit.status == 2 && limit.errors.contains("--limit: '-1' is too few"), "\(limit.errors)")
        let agenda = await ws.run("agenda", "--clinician", "C-NOBODY")
        #expect(agenda.status == 4 && agenda.errors.contains("C-NOBODY"), "\(agenda.errors)")
        let folder = await ws.run("pathway", "validate", Workspace.pathways)
        #expect(folder.status != 0)
        #expect(
            folder.errors.contains("this is a folder") && !folder.errors.contains("NSCocoaErrorDomain"),
            "\(folder.errors)")
    }

    @Test func restoreSaysWhichErasuresItReappliedAndForgetStaysForgotten() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        let add = await ws.run(
            "patient", "add", "--birth", "1990-05-05", "--category", "domestic-violence",
            "--source", "legal-aid", "--given-name", "Yasmine", "--family-name", "Haddad",
            "--phone", "06 98 76 54 32", "--referred", "2026-11-20")
        #expect(add.status == 0, "\(add.errors)")
        let code = try #require(add.output.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        let backup = path(ws, "backup.sqlite")
        #expect(await ws.run("backup", backup).status == 0)
        #expect(await ws.run("patient", "forget", code, "--reason", "letter of 2026-11-20").status == 0)
        let restored = await ws.run("restore", backup)
        #expect(restored.status == 0, "\(restored.errors)")
        #expect(restored.output.contains("Erased again 1 patient(s) forgotten since the backup was taken"))
        #expect(restored.output.contains(code))
        let shown = await ws.run("patient", "show", code, "--identity")
        #expect(!shown.output.contains("Haddad") && shown.output.contains("identity erased"), "\(shown.output)")
    }

    @Test func backupForceOntoTheLiveDatabaseIsRefused() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        let result = await ws.run("backup", ws.db, "--force")
        #expect(result.status == 3 && result.errors.contains("is the live database"), "\(result.errors)")
        #expect(try ParcoursStore.open(at: ws.db).schemaVersion == Schema.latest)
    }

    func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? -1
    }

    @Test func filesTheCLIWritesAreOwnerOnlyAndDoctorWarnsAboutAReadableDatabase() async throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        #expect(
            await ws.run(
                "clinician", "add", "C-ROUX", "--name", "Dr Roux", "--role", "psychologist",
                "--hours", "mon-fri 09:00-17:00"
            ).status == 0)
        let out = path(ws, "out/feeds")
        let export = await ws.run("export", "--all", "-o", out)
        #expect(export.status == 0, "\(export.errors)")
        #expect(mode(out) == 0o700 && mode(path(ws, "out")) == 0o700)
        #expect(mode(out + "/C-ROUX.ics") == 0o600)
        let report = path(ws, "report.csv")
        #expect(await ws.run("report", "completion", "--format", "csv", "-o", report).status == 0)
        #expect(mode(report) == 0o600)
        #expect(mode(ws.db) == 0o600)
        let quiet = await ws.run("doctor", "--fast")
        #expect(quiet.status == 0 && !quiet.errors.contains("warning"), "\(quiet.errors)")
        chmod(ws.db, 0o644)
        let warned = await ws.run("doctor", "--fast")
        #expect(warned.status == 0 && warned.errors.contains("can be read by other users"), "\(warned.errors)")
    }

    @Test func readOnlyCommandsChangeNoByteAndWorkOnAReadOnlyFile() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        #expect(await ws.run("room", "add", "R-1", "--name", "Salle 1", "--capacity", "1").status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: ws.db))
        chmod(ws.db, 0o400)
        for command in [
            ["doctor"], ["room", "list"], ["clinician", "list"], ["agenda"], ["audit"], ["waitlist"],
            ["report", "completion"], ["closed", "list"], ["patient", "list"],
        ] {
            let result = await ws.run(arguments: command)
            #expect(result.status == 0, "\(command): \(result.errors)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: ws.db)) == before)
    }
}

/// Dates a slip of the keyboard makes, the tamper check and a batch on a disk that fails.
@Suite struct SafetyCLIDateAndAuditTests {
    @Test func implausibleDatesAreRefusedNamingTheOption() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        let base = ["patient", "add", "--category", "domestic-violence", "--source", "legal-aid"]
        for (extra, option) in [
            (["--birth", "2300-01-01"], "--birth"), (["--birth", "0001-01-01"], "--birth"),
            (["--birth", "1990-01-01", "--referred", "2300-01-01"], "--referred"),
        ] {
            let result = await ws.run(arguments: base + extra)
            #expect(result.status == 2 && result.errors.contains(option), "\(extra): \(result.errors)")
        }
        let add = await ws.run(arguments: base + ["--birth", "1990-01-01", "--referred", "2026-11-20"])
        #expect(add.status == 0, "\(add.errors)")
        let code = try #require(add.output.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        for day in ["1899-06-01", "2300-01-01", "2026-11-27"] {
            let result = await ws.run("measure", "record", code, "PCL-5", "40", "--at", day)
            #expect(result.status == 2 && result.errors.contains("--at"), "\(day): \(result.errors)")
        }
        #expect(await ws.run("measure", "record", code, "PCL-5", "40", "--at", "2026-11-20").status == 0)
        let far = await ws.run("closed", "add", "2300-12-25")
        #expect(far.status == 2 && far.errors.contains("2300-12-25"), "\(far.errors)")
        #expect(await ws.run("closed", "add", "2026-12-24").status == 0)
        #expect(await ws.run("audit", "verify").status == 0)
    }

    @Test func auditVerifyNamesTheFirstRowChangedOutsideParcours() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        #expect(await ws.run("room", "add", "R-1", "--name", "Salle 1", "--capacity", "1").status == 0)
        #expect(await ws.run("room", "add", "R-2", "--name", "Salle 2", "--capacity", "1").status == 0)
        let intact = await ws.run("audit", "verify")
        #expect(intact.status == 0 && intact.output.contains("Audit chain intact: 2 rows"), "\(intact.output)")
        let store = try ParcoursStore.open(at: ws.db)
        try store.executeForTesting(
            """
            DROP TRIGGER audit_no_update; UPDATE audit SET reason = 'nothing happened' WHERE entity_id = 'R-2';
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
            """)
        let row = try store.auditEntries().last?.id ?? 0
        let broken = await ws.run("audit", "verify")
        #expect(broken.status == 1 && broken.output.contains("audit row \(row)"), "\(broken.output)")
        let doctor = await ws.run("doctor")
        #expect(doctor.status == 1 && doctor.output.contains("audit-chain"), "\(doctor.output)")
    }
}
