import Foundation
import Testing

@testable import ParcoursCLI

/// The bad-input catalogue of docs/reliability.md, CLI rows: each bad argument gives its exit
/// code and a message naming the argument, and leaves the database exactly as it was.
@Suite(.serialized) struct BadInputCLITests {
    /// One row of the catalogue. `$P` stands for a patient of the demo centre.
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let status: Int32
        let names: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(
            arguments: ["patient", "add", "--birth", "31/02/1990", "--category", "migrant", "--source", "legal-aid"],
            status: 2, names: "--birth"),
        Case(
            arguments: ["patient", "add", "--birth", "1990-01-01", "--category", "burglary", "--source", "legal-aid"],
            status: 2, names: "--category"),
        Case(
            arguments: [
                "patient", "add", "--birth", "1990-01-01", "--category", "migrant", "--source", "legal-aid",
                "--referred", "1980-01-01",
            ], status: 2, names: "--referred"),
        Case(
            arguments: [
                "patient", "add", "--birth", "1990-01-01", "--category", "migrant", "--source", "legal-aid",
                "--language", "klingon",
            ], status: 2, names: "--language"),
        Case(
            arguments: [
                "patient", "add", "--birth", "1990-01-01", "--category", "migrant", "--source", "legal-aid",
                "--keep-apart", "P-ZZZZ",
            ], status: 4, names: "P-ZZZZ"),
        Case(arguments: ["book", "not-a-code"], status: 2, names: "<patient>"),
        Case(arguments: ["book", "P-ZZZZ"], status: 4, names: "P-ZZZZ"),
        Case(arguments: ["book", "$P", "--prefer", "someday 25:00"], status: 2, names: "--prefer"),
        Case(arguments: ["enrol", "$P", "no-such-track"], status: 4, names: "no-such-track"),
        Case(arguments: ["move", "A-NOSUCH", "--to", "2027-02-30 14:00"], status: 2, names: "--to"),
        Case(arguments: ["move", "A-NOSUCH", "--to", "2027-02-03 25:00"], status: 2, names: "--to"),
        Case(arguments: ["move", "A-NOSUCH", "--auto", "--reason", "x"], status: 4, names: "A-NOSUCH"),
        Case(arguments: ["cancel", "A-NOSUCH", "--by", "somebody", "--reason", "x"], status: 2, names: "--by"),
        Case(arguments: ["cancel", "A-NOSUCH", "--by", "patient"], status: 2, names: "--reason"),
        Case(arguments: ["measure", "record", "$P", "PCL-5", "81"], status: 2, names: "score"),
        Case(arguments: ["measure", "record", "$P", "GAD-7", "10"], status: 2, names: "instrument"),
        Case(arguments: ["clinician", "show", "C-NOBODY"], status: 4, names: "C-NOBODY"),
        Case(arguments: ["export", "--clinician", "C-NOBODY"], status: 4, names: "C-NOBODY"),
        Case(arguments: ["agenda", "--week", "2027-W60"], status: 2, names: "--week"),
        Case(arguments: ["patient", "list", "--format", "xml"], status: 2, names: "--format"),
        Case(arguments: ["audit", "--limit", "0"], status: 2, names: "--limit"),
        Case(arguments: ["audit", "--since", "yesterday"], status: 2, names: "--since"),
        Case(arguments: ["patient", "forget", "$P", "--reason", " "], status: 2, names: "--reason"),
        Case(arguments: ["patient", "forget", "P-ZZZZ", "--reason", "letter"], status: 4, names: "P-ZZZZ"),
        Case(arguments: ["patient", "protect", "$P", "--as", "  "], status: 3, names: "--as"),
        Case(arguments: ["patient", "identity", "$P"], status: 2, names: "--given-name"),
        Case(arguments: ["feed", "create", "--patient", "$P"], status: 2, names: "--clinician ID or --room ID"),
        Case(
            arguments: ["patient", "list", "--db", "/nonexistent/parcours.sqlite"], status: 1,
            names: "/nonexistent/parcours.sqlite"),
    ]

    @Test(arguments: cases)
    func aBadArgumentIsRefusedWithItsNameAndChangesNothing(_ row: Case) async throws {
        let ws = try await Self.centre()
        let patient = try #require(
            try jsonRows(await ws.run("patient", "list", "--format", "json").output).first?["code"] as? String)
        let before = try ws.contents()
        let arguments = row.arguments.map { $0 == "$P" ? patient : $0 }
        let console = Console.capture()
        var full = arguments
        if !arguments.contains("--db") { full += ["--db", ws.db] }
        full += ["--pathways", Workspace.pathways, "--today", "2026-11-26"]
        if !arguments.contains("--as") { full += ["--as", "test"] }
        let status = await Console.$current.withValue(console) { await ParcoursCommand.run(full) }
        #expect(status == row.status, "\(console.errors)")
        #expect(console.errors.contains(row.names), "the message must name \(row.names): \(console.errors)")
        #expect(!console.errors.isEmpty && console.errors.count < 600, "one clear message: \(console.errors)")
        #expect(try ws.contents() == before, "a refused command must not change the database")
    }

    /// One demo centre per case would take minutes; each case gets a fresh copy of one.
    static func centre() async throws -> Workspace {
        let template = try await Template.shared.path()
        let ws = try Workspace()
        try FileManager.default.copyItem(atPath: template, toPath: ws.db)
        if FileManager.default.fileExists(atPath: template + "-wal") {
            try FileManager.default.copyItem(atPath: template + "-wal", toPath: ws.db + "-wal")
        }
        return ws
    }

    /// The demo centre built once for the whole suite.
    actor Template {
        static let shared = Template()
        private var built: Workspace?

        func path() async throws -> String {
            if let built { return built.db }
            let ws = try await Workspace.demoCentre()
            built = ws
            return ws.db
        }
    }
}

/// Instance and solution files for `parcours solve` and `parcours check`: a broken file names
/// itself and what is wrong, exit 1 (2 for a file that cannot be read at all).
@Suite struct InstanceFileBadInputTests {
    static let cases: [(name: String, text: String?, status: Int32, says: String)] = [
        ("missing.json", nil, 2, "a readable file"),
        ("truncated.json", #"{"today": "2027-01-04", "clinicians": ["#, 1, "truncated.json"),
        (
            "bad-date.json",
            #"{"today": "2027-13-01", "horizonEnd": "2027-06-30", "clinicians": [], "rooms": [], "patients": []}"#,
            1, "2027-13-01"
        ),
        ("array.json", "[1, 2, 3]", 1, "array.json"),
    ]

    @Test(arguments: cases.map(\.name))
    func aBrokenInstanceFileIsRefusedWithItsName(_ name: String) async throws {
        let row = try #require(Self.cases.first { $0.name == name })
        let ws = try Workspace()
        let path = ws.directory.appendingPathComponent(name).path
        if let text = row.text { try text.write(toFile: path, atomically: true, encoding: .utf8) }
        for command in [["solve", path], ["check", path, path]] {
            let result = await ws.run(arguments: command, plain: true)
            #expect(result.status == row.status, "\(command): \(result.errors)")
            #expect(result.errors.contains(path) || result.errors.contains(name), "\(result.errors)")
            #expect(result.errors.contains(row.says), "\(result.errors)")
        }
    }

    @Test(arguments: ["-1", "601", "nan", "inf", "soon"])
    func aBadTimeLimitIsAUsageErrorNamingTheOption(_ value: String) async throws {
        let ws = try Workspace()
        let instance = try await ws.generatedInstance(
            "--patients", "3", "--clinicians", "2", "--rooms", "1",
            "--interpreters", "1", "--weeks", "4")
        let result = await ws.runPlain("solve", instance, "--time-limit", value)
        #expect(result.status == 2, "\(result.errors)")
        #expect(result.errors.contains("--time-limit"), "\(result.errors)")
        #expect(result.output.isEmpty, "no solution is written: \(result.output)")
    }

    @Test func aCapNoSessionCanMeetIsAUsageErrorNamingTheField() async throws {
        let ws = try Workspace()
        let path = try await ws.generatedInstance(
            "--patients", "3", "--clinicians", "2", "--rooms", "1",
            "--interpreters", "1", "--weeks", "4")
        var instance = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let clinician = try #require((instance["clinicians"] as? [[String: Any]])?.first?["id"] as? String)
        instance["caps"] = [["clinician": clinician, "sessionsPerDay": 0]]
        try JSONSerialization.data(withJSONObject: instance).write(to: URL(fileURLWithPath: path))
        for command in [["solve", path], ["check", path, path]] {
            let result = await ws.run(arguments: command, plain: true)
            #expect(result.status == 2, "\(command): \(result.errors)")
            #expect(result.errors.contains("caps[0].sessionsPerDay"), "\(result.errors)")
        }
    }

    @Test func aBrokenSolutionFileIsRefusedWithItsNameAndField() async throws {
        let ws = try Workspace()
        let instance = try await ws.generatedInstance(
            "--patients", "5", "--clinicians", "3", "--rooms", "2",
            "--interpreters", "1", "--weeks", "8")
        let solution = ws.directory.appendingPathComponent("solution.json").path
        try #"{"sessions": [{"patient": "P-AAAA"}]}"#.write(toFile: solution, atomically: true, encoding: .utf8)
        let result = await ws.runPlain("check", instance, solution)
        #expect(result.status == 1, "\(result.errors)")
        #expect(result.errors.contains("solution.json") && result.errors.contains("track"), "\(result.errors)")
    }
}
