import CareModel
import Foundation
import Testing

@testable import PathwayEngine

@Suite("Track file validation")
struct TrackValidationTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var file: String
        var line: Int
        var field: String
        var says: String
        var testDescription: String { "\(file) → \(field)" }
    }

    static let cases: [Expected] = [
        Expected(file: "unknown-key.yaml", line: 10, field: "steps[1].duraton", says: "did you mean 'duration'?"),
        Expected(file: "missing-fields.yaml", line: 1, field: "title", says: "missing required field 'title'"),
        Expected(
            file: "missing-fields.yaml", line: 7, field: "steps[1].kind",
            says: "expected one of: assessment, psychoeducation"),
        Expected(
            file: "unknown-values.yaml", line: 4, field: "modality",
            says: "unknown modality 'solo'; expected one of: individual, group"),
        Expected(
            file: "unknown-values.yaml", line: 6, field: "eligibility.categories[1]", says: "unknown category 'victims'"
        ),
        Expected(file: "unknown-values.yaml", line: 9, field: "steps[1].kind", says: "unknown step kind 'therapie'"),
        Expected(
            file: "unknown-values.yaml", line: 11, field: "steps[1].roles[1]",
            says: "expected one of: psychiatrist, psychologist, nurse, social-worker"),
        Expected(file: "unknown-values.yaml", line: 12, field: "steps[1].skills[1]", says: "unknown skill 'cbt'"),
        Expected(file: "unknown-values.yaml", line: 15, field: "steps[2].partner", says: "unknown partner 'lawyer'"),
        Expected(
            file: "bad-numbers.yaml", line: 10, field: "steps[1].duration",
            says: "found 0; expected a whole number of minutes from 1 to 480"),
        Expected(file: "bad-numbers.yaml", line: 13, field: "steps[2].count", says: "found -2"),
        Expected(file: "bad-numbers.yaml", line: 14, field: "steps[2].duration", says: "found 'sixty'"),
        Expected(
            file: "spacing-inverted.yaml", line: 15, field: "steps[2].spacing.min-days",
            says: "min-days 20 is above max-days 14; expected min-days <= max-days"),
        Expected(file: "continuity.yaml", line: 11, field: "steps[1].continuity", says: "which comes later"),
        Expected(file: "continuity.yaml", line: 15, field: "steps[2].continuity", says: "no step has id 'therappy'"),
        Expected(file: "duplicate-step-ids.yaml", line: 11, field: "steps[2].id", says: "already used by steps[1]"),
        Expected(
            file: "group-without-cohort.yaml", line: 4, field: "cohort",
            says: "missing required field 'cohort' for a group track"),
        Expected(
            file: "cohort-min-above-max.yaml", line: 8, field: "cohort.min-size",
            says: "min-size 12 is above max-size 8"),
        Expected(file: "bad-syntax.yaml", line: 7, field: "", says: "YAML syntax error"),
        Expected(file: "empty.yaml", line: 1, field: "", says: "the file is empty"),
        Expected(
            file: "wrong-version.yaml", line: 3, field: "version",
            says: "schema version 2 is not supported; expected version: 1"),
        Expected(file: "duplicate-yaml-key.yaml", line: 10, field: "", says: "'duration' appears twice"),
        Expected(
            file: "bad-missed-sessions.yaml", line: 8, field: "missed-sessions.no-show",
            says: "expected one of: replace, count"),
        Expected(
            file: "bad-missed-sessions.yaml", line: 9, field: "missed-sessions.max-replacements", says: "found -1"),
        Expected(file: "bad-missed-sessions.yaml", line: 10, field: "missed-sessions.replace-all", says: "replace-all"),
    ]

    @Test(arguments: cases)
    func problemNamesLineFieldAndWhatWasExpected(_ expected: Expected) throws {
        let problems = TrackCatalog.validate(files: [try Paths.fixture(expected.file)])
        let match = problems.first { $0.field == expected.field && $0.line == expected.line }
        let problem = try #require(match, "got: \(problems.map(\.description))")
        #expect(problem.message.contains(expected.says))
        #expect(problem.file.hasSuffix(expected.file))
        #expect(problem.description.contains("\(expected.file):\(expected.line):"))
    }

    @Test func everyProblemOfAFileIsReportedNotOnlyTheFirst() throws {
        let problems = TrackCatalog.validate(files: [try Paths.fixture("unknown-values.yaml")])
        #expect(problems.count == 6)
        #expect(problems.map(\.line) == problems.map(\.line).sorted())
    }

    @Test func aMisspeltKeyAlsoReportsTheFieldItLeftMissing() throws {
        let problems = TrackCatalog.validate(files: [try Paths.fixture("unknown-key.yaml")])
        #expect(Set(problems.map(\.field)) == ["steps[1].duraton", "steps[1].duration"])
    }

    @Test func duplicateTrackIdAcrossFilesNamesTheFirstFile() throws {
        let files = try ["duplicate-track-id-a.yaml", "duplicate-track-id-b.yaml"].map(Paths.fixture)
        let problems = TrackCatalog.validate(files: files)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.file.hasSuffix("duplicate-track-id-b.yaml") && problem.line == 2 && problem.field == "id")
        #expect(problem.message.contains("duplicate-track-id-a.yaml"))
    }

    @Test func aBrokenFileAmongGoodOnesLoadsNothing() throws {
        var files = try TrackCatalog.trackFiles(in: Paths.pathways)
        files.append(try Paths.fixture("spacing-inverted.yaml"))
        #expect(throws: PathwayError.self) { try TrackCatalog.load(files: files) }
        do {
            _ = try TrackCatalog.load(files: files)
        } catch let PathwayError.invalidTracks(problems) {
            #expect(problems.count == 1)
            #expect(problems.allSatisfy { $0.file.hasSuffix("spacing-inverted.yaml") })
        }
    }

    @Test func theErrorListsEveryProblemWithFileAndLine() throws {
        let files = try ["spacing-inverted.yaml", "wrong-version.yaml"].map(Paths.fixture)
        let error = try #require(throws: PathwayError.self) { try TrackCatalog.load(files: files) }
        let text = error.description
        #expect(text.hasPrefix("2 problems in 2 track files; no track was loaded:"))
        #expect(
            text.contains("spacing-inverted.yaml:15:17: steps[2].spacing.min-days: min-days 20 is above max-days 14"))
        #expect(text.contains("wrong-version.yaml:3:10: version:"))
    }

    @Test func aGoodFixtureLoadsWithComputedBudgetAndDefaults() throws {
        let catalog = try TrackCatalog.load(files: [try Paths.fixture("good-minimal.yaml")])
        let track = try #require(catalog.track("good-minimal"))
        #expect(track.budget == Budget(sessions: 4, isComputed: true))
        #expect(track.eligibility.minAge == 18 && track.eligibility.interpreter == .allowed)
        #expect(track.step("intake")?.title == "intake")
        #expect(track.step("therapy")?.required == true)
    }

    @Test func aDirectoryWithoutTrackFilesIsRefused() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: PathwayError.self) { try TrackCatalog.load(directory: empty) }
    }

    @Test func referralOutStepsNeedAPartnerAndCannotBeRequired() {
        let text = """
            id: referrals
            title: Referral rules
            version: 1
            modality: individual
            eligibility: {categories: [migrant]}
            steps:
              - {id: intake, kind: assessment, duration: 90, partner: legal-aid}
              - {id: gp, kind: referral-out, required: true}
            """
        let problems = TrackCatalog.validate(sources: [TrackSource(file: "referrals.yaml", text: text)])
        #expect(Set(problems.map(\.field)) == ["steps[1].partner", "steps[2].partner", "steps[2].required"])
    }

    @Test func anExplicitBudgetOverridesTheComputedOne() throws {
        let text = """
            id: fixed-budget
            title: Fixed budget
            version: 1
            modality: individual
            eligibility: {categories: [migrant]}
            budget: {sessions: 15}
            steps:
              - {id: intake, kind: assessment, duration: 90}
            """
        let catalog = try TrackCatalog.load(sources: [TrackSource(file: "fixed.yaml", text: text)])
        #expect(catalog.tracks.first?.budget == Budget(sessions: 15, isComputed: false))
    }

    @Test func childCategoryIsRefusedInAnAdultTrack() {
        let text = """
            id: children
            title: Children in an adult track
            version: 1
            modality: individual
            eligibility: {min-age: 18, categories: [child-adolescent]}
            steps:
              - {id: intake, kind: assessment, duration: 90}
            """
        let problems = TrackCatalog.validate(sources: [TrackSource(file: "children.yaml", text: text)])
        #expect(problems.map(\.field) == ["eligibility.categories"])
    }

    @Test func theExampleInTheDocsIsAValidTrack() throws {
        let docs = Paths.pathways.deletingLastPathComponent().appendingPathComponent("docs/pathways.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let afterFence = try #require(text.components(separatedBy: "```yaml\n").dropFirst().first)
        let example = try #require(afterFence.components(separatedBy: "```").first)
        let catalog = try TrackCatalog.load(sources: [TrackSource(file: "docs/pathways.md", text: example)])
        #expect(catalog.tracks.first?.budget.sessions == 13)
    }
}
