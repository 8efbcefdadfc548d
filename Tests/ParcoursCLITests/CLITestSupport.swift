import Foundation
import Store
import StoreTesting
import Testing

@testable import ParcoursCLI

extension Workspace {
    /// A demo centre (the smallest the demo makes), as of 2026-11-26, booked that day and nothing
    /// held yet (`--history-weeks 0`), so every session is still ahead.
    static func demoCentre() async throws -> Workspace {
        let ws = try Workspace()
        let demo = await ws.run("demo", "--patients", "20", "--history-weeks", "0")
        #expect(demo.status == 0, "\(demo.errors)")
        return ws
    }

    /// Registers, enrols and books a new referral; returns their code and booked appointment ids.
    func bookedReferral(_ extra: String...) async throws -> (code: String, appointments: [String]) {
        let add = await run(
            arguments: [
                "patient", "add", "--birth", "1990-05-05", "--category", "accident-disaster",
                "--source", "hospital-emergency", "--referred", "2026-11-25",
            ] + extra)
        #expect(add.status == 0, "\(add.errors)")
        let code = try #require(add.output.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        #expect(await run("enrol", code, "adult-accident-disaster-emdr").status == 0)
        let booked = await run("book", code, "--format", "json")
        #expect(booked.status == 0, "\(booked.errors)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(booked.output.utf8)) as? [[String: Any]])
        return (code, rows.compactMap { $0["id"] as? String })
    }

    /// A small generated scheduling instance (`bench generate` with `sizes`), written to
    /// instance.json in this workspace; returns its path.
    func generatedInstance(_ sizes: String...) async throws -> String {
        let path = directory.appendingPathComponent("instance.json").path
        let generated = await run(arguments: ["bench", "generate"] + sizes, plain: true)
        #expect(generated.status == 0, "\(generated.errors)")
        try generated.output.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every row of every table, as text: equal before and after means nothing was written.
    func contents() throws -> [String] {
        let store = try ParcoursStore.open(at: db)
        let tables = try store.stringsForTesting(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name")
        var out: [String] = []
        for table in tables {
            let columns = try store.stringsForTesting("SELECT name FROM pragma_table_info('\(table)') ORDER BY cid")
            let row = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
            out.append(table)
            out += try store.stringsForTesting("SELECT \(row) FROM \"\(table)\" ORDER BY rowid")
        }
        return out
    }
}

/// JSON text as an array of objects, for `--format json` outputs.
func jsonRows(_ text: String) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
}
