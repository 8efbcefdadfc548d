import ArgumentParser
import CareModel
import Foundation
import PathwayEngine

struct PathwayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pathway",
        abstract: "List, show and validate the care tracks (Pathways/*.yaml).",
        discussion: """
            Examples:
              parcours pathway list
              parcours pathway show adult-migrant
            """,
        subcommands: [List.self, Show.self, Validate.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the care tracks.",
            discussion: "Example: parcours pathway list --format json"
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let catalog = try global.loadCatalog()
            try emit(catalog.tracks, format: output.format) {
                var table = TextTable("TRACK", "MODALITY", "CATEGORIES", "STEPS", "SESSIONS", "TITLE")
                for track in catalog.tracks {
                    table.add(
                        track.id.rawValue, track.modality.rawValue,
                        track.eligibility.categories.listed,
                        String(track.steps.count), String(track.budget.sessions), track.title)
                }
                return table
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one care track, step by step.",
            discussion: "Example: parcours pathway show adult-domestic-violence"
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The track id, as in `parcours pathway list`.", transform: Parse.identifier) var track: String

        func run() async throws {
            let catalog = try global.loadCatalog()
            guard let found = catalog.track(TrackID(track)) else {
                throw CLIError.unknownTrack(track, known: catalog.tracks.map(\.id.rawValue))
            }
            if output.format == .json {
                say(try renderJSON(found))
                return
            }
            say(TrackDescription(found).text)
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check track files and report every problem with file:line.",
            discussion: "Example: parcours pathway validate Pathways/*.yaml"
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Track files (default: every .yaml in the pathways directory).") var files: [String] = []

        func run() async throws {
            let urls: [URL]
            if files.isEmpty {
                let dir = global.pathwaysDirectory
                let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
                urls = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                    .map { dir.appendingPathComponent($0) }
                guard !urls.isEmpty else { throw CLIError.missingPathways(dir.path) }
            } else {
                urls = files.map { URL(fileURLWithPath: $0) }
            }
            let problems = TrackCatalog.validate(files: urls)
            for problem in problems { warn(problem.description) }
            guard problems.isEmpty else {
                throw ValidationFailed(count: problems.count, files: urls.count)
            }
            say("\(urls.count) track file\(urls.count == 1 ? "" : "s") valid.")
        }
    }
}

/// `pathway validate` found problems; each was already printed on its own line.
struct ValidationFailed: CommandFailure {
    let count: Int
    let files: Int
    var message: String { "\(count) problem\(count == 1 ? "" : "s") in \(files) track file\(files == 1 ? "" : "s")" }
    var exitCode: Int32 { ExitStatus.error }
}
