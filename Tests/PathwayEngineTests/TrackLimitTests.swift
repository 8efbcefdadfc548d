import CareModel
import Foundation
import Testing

@testable import PathwayEngine

/// A track file is small and its ids are safe: a 50 MB file or a thousand steps is a mistake
/// that would slow every command, and a track id becomes part of file names and feeds.
@Suite struct TrackLimitTests {
    func track(steps: Int, id: String = "many-steps") -> String {
        var text = """
            id: \(id)
            title: Many steps
            version: 1
            modality: individual
            eligibility: {categories: [migrant]}
            steps:

            """
        for n in 1...steps { text += "  - {id: s\(n), kind: therapy, duration: 60}\n" }
        return text
    }

    @Test func moreStepsThanTheLimitAreRefusedNamingTheField() throws {
        let limit = TrackParser.maximumSteps
        #expect(TrackCatalog.validate(sources: [TrackSource(file: "ok.yaml", text: track(steps: limit))]).isEmpty)
        let problems = TrackCatalog.validate(sources: [TrackSource(file: "long.yaml", text: track(steps: limit + 1))])
        #expect(problems.map(\.field) == ["steps"])
        #expect(problems.first?.message.contains("expected at most \(limit)") == true)
    }

    @Test func aFileOverTheSizeLimitIsRefusedBeforeBeingRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-big-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.yaml")
        try Data((track(steps: 1) + "# " + String(repeating: "x", count: TrackCatalog.maximumFileBytes) + "\n").utf8)
            .write(to: file)
        let problems = TrackCatalog.validate(files: [file])
        #expect(
            problems.count == 1
                && problems.first?.message.contains("at most \(TrackCatalog.maximumFileBytes) bytes") == true)
        let asFolder = TrackCatalog.validate(files: [folder])
        #expect(asFolder.first?.message.contains("this is a folder") == true)
    }

    @Test func aTrackIdOutsideTheIdentifierRuleIsRefused() {
        let long = String(repeating: "a", count: IdentifierRule.maximumLength + 1)
        for id in [long, "-leading-dash"] {
            let problems = TrackCatalog.validate(sources: [TrackSource(file: "t.yaml", text: track(steps: 1, id: id))])
            #expect(problems.map(\.field) == ["id"], "\(id)")
        }
    }
}
