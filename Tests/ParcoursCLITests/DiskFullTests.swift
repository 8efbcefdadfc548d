import Foundation
import Store
import StoreTesting
import Testing

@testable import ParcoursCLI

/// A small tmpfs mounted for one test, so the disk can be filled to any point: the real
/// ENOSPC path of SQLite and of Parcours, not a simulation. Needs root (CI runs as root); the
/// tests are skipped elsewhere.
final class SmallDisk {
    let mountPoint: String

    static let available: Bool = {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-probe-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil,
            run("/bin/mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe)
        else { return false }
        return run("/bin/umount", probe)
    }()

    init(megabytes: Int) throws {
        mountPoint =
            FileManager.default.temporaryDirectory.appendingPathComponent("parcours-disk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard Self.run("/bin/mount", "-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", mountPoint) else {
            throw CLIError.cannotWrite(path: mountPoint, detail: "mount failed")
        }
    }

    deinit {
        _ = Self.run("/bin/umount", mountPoint)
        try? FileManager.default.removeItem(atPath: mountPoint)
    }

    var freeBytes: Int {
        var info = statvfs()
        guard statvfs(mountPoint, &info) == 0 else { return 0 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// Fills the disk with a file until only about `bytes` are free (tmpfs counts in pages).
    func fill(leaving bytes: Int) throws {
        let filler = mountPoint + "/filler"
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        defer { try? handle.close() }
        let chunk = Data(count: 64 * 1024)
        while freeBytes > bytes {
            let size = min(chunk.count, freeBytes - bytes)
            guard (try? handle.write(contentsOf: chunk.prefix(max(size, 1)))) != nil else { break }
        }
    }

    func empty() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: mountPoint)) ?? [] {
            try? FileManager.default.removeItem(atPath: mountPoint + "/" + name)
        }
    }

    @discardableResult
    static func run(_ arguments: String...) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

/// Fault injection: the disk fills up at many different points of `book`, `schedule
/// --waitlist`, `restore` and `patient forget`. Every run either completed or left the database
/// exactly as it was and exited non-zero; a batch books each patient whole or not at all.
@Suite(.serialized, .enabled(if: SmallDisk.available)) struct DiskFullTests {
    /// The demo centre plus waiting patients, one with an identity, a backup, then one more room.
    static func centre() async throws -> (
        ws: Workspace, book: String, forget: String, waiting: [String], backup: String
    ) {
        let ws = try await Workspace.demoCentre()
        var codes: [String] = []
        for n in 0..<5 {
            let add = await ws.run(
                "patient", "add", "--birth", "1990-05-0\(n + 1)", "--category", "accident-disaster",
                "--source", "hospital-emergency", "--referred", "2026-11-2\(n)",
                "--given-name", "Nom\(n)", "--family-name", "Famille\(n)", "--phone", "06 00 00 00 0\(n)")
            let code = try #require(add.output.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
            #expect(await ws.run("enrol", code, "adult-accident-disaster-emdr").status == 0)
            codes.append(code)
        }
        let backup = ws.directory.appendingPathComponent("backup.sqlite").path
        #expect(await ws.run("backup", backup).status == 0)
        #expect(await ws.run("room", "add", "R-NEW", "--name", "Salle neuve", "--capacity", "1").status == 0)
        return (ws, codes[0], codes[1], codes, backup)
    }

    func digests(_ path: String) throws -> [TableDigest] { try ParcoursStore.openReadOnly(at: path).tableDigests() }

    func sessions(_ path: String) throws -> [String: Int] {
        let rows = try ParcoursStore.openReadOnly(at: path).stringsForTesting(
            "SELECT patient || ' ' || count(*) FROM appointment WHERE status = 'booked' GROUP BY patient")
        return Dictionary(
            uniqueKeysWithValues: rows.compactMap { row in
                let parts = row.split(separator: " ")
                return parts.count == 2 ? (String(parts[0]), Int(parts[1]) ?? 0) : nil
            })
    }

    /// Runs `command` on a copy of the centre with about `free` bytes left on the disk.
    func attempt(
        _ ws: Workspace, _ disk: SmallDisk, _ command: [String], free: Int
    ) async throws -> (status: Int32, db: String) {
        disk.empty()
        let db = disk.mountPoint + "/parcours.sqlite"
        try FileManager.default.copyItem(atPath: ws.db, toPath: db)
        try disk.fill(leaving: free)
        let result = await ws.run(arguments: command + ["--db", db])
        try? FileManager.default.removeItem(atPath: disk.mountPoint + "/filler")
        if result.status != 0 { #expect(!result.errors.isEmpty, "\(command) failed silently") }
        return (result.status, db)
    }

    @Test func everyRunCompletesOrChangesNothingAndFailsLoudly() async throws {
        let (ws, book, forget, waiting, backup) = try await Self.centre()
        let before = try digests(ws.db)
        let disk = try SmallDisk(megabytes: 8)
        // Every 16 kB up to 256 kB (book and forget need about 100 to 200 kB), then plenty.
        let small = Array(stride(from: 0, through: 256 * 1024, by: 16 * 1024)) + [512 * 1024, 2048 * 1024]
        let operations: [(String, [String], [Int])] = [
            ("book", ["book", book], small),
            ("forget", ["patient", "forget", forget, "--reason", "letter"], small),
            (
                "restore", ["restore", backup],
                Array(stride(from: 0, through: 2048 * 1024, by: 128 * 1024)) + [4096 * 1024]
            ),
        ]
        for (name, command, points) in operations {
            var outcomes: [Int32] = []
            for free in points {
                let (status, db) = try await attempt(ws, disk, command, free: free)
                outcomes.append(status)
                let after = try digests(db)
                if status == 0 {
                    #expect(after != before, "\(name) with \(free) bytes free said done but changed nothing")
                } else {
                    #expect(
                        after == before,
                        "\(name) with \(free) bytes free failed (exit \(status)) but changed the database")
                }
            }
            #expect(outcomes.contains { $0 != 0 } && outcomes.last == 0, "\(name): \(outcomes)")
        }

        // A backup onto the full disk: exit 1 saying so, no half-written copy left; else a whole copy.
        for free in [0, 64 * 1024, 256 * 1024, 4096 * 1024] {
            disk.empty()
            try disk.fill(leaving: free)
            let copy = disk.mountPoint + "/copy.sqlite"
            let result = await ws.run("backup", copy)
            let left = try FileManager.default.contentsOfDirectory(atPath: disk.mountPoint).filter { $0 != "filler" }
            if result.status == 0 {
                #expect(try ParcoursStore.verifyRestorable(copy) == Schema.latest)
            } else {
                #expect(result.status == 1 && result.errors.contains("the disk is full"), "\(result.errors)")
                #expect(left == [], "a failed backup left \(left)")
            }
            #expect(
                (result.status == 0) == (free == 4096 * 1024), "backup with \(free) bytes free: exit \(result.status)")
        }

        // The batch: each waiting patient fully booked or not at all, and exit 0 only if all were.
        // A short step budget: what is pinned here is how the batch writes, not how long it
        // searches (the default budget costs about 30 s a run in a debug build, 19 runs here).
        let batch = ["schedule", "--waitlist", "--steps", "10"]
        let full = try await attempt(ws, disk, batch, free: 4 * 1024 * 1024)
        #expect(full.status == 0)
        let series = try sessions(full.db)
        var failures = 0
        for free in small.dropLast() {
            let (status, db) = try await attempt(ws, disk, batch, free: free)
            let booked = try sessions(db)
            for code in waiting {
                #expect(
                    booked[code] == nil || booked[code] == series[code], "\(code) half-booked with \(free) bytes free")
            }
            let all = waiting.allSatisfy { booked[$0] == series[$0] }
            #expect((status == 0) == all, "schedule with \(free) bytes free: exit \(status), all booked \(all)")
            if status != 0 { failures += 1 }
        }
        #expect(failures > 0)
    }
}
