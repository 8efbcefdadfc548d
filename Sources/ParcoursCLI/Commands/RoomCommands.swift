import ArgumentParser
import CareModel
import Store

struct RoomCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "room",
        abstract: "Add, edit, list and deactivate rooms, and record when one cannot be used.",
        discussion: """
            Examples:
              parcours room list
              parcours room unavailable add R-101 --from 07/12/2026 --to 08/12/2026 --reason fuite
            """,
        subcommands: [
            Add.self, Edit.self, List.self, Deactivate.self, Reactivate.self, RoomUnavailableCommand.self,
        ]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a room.",
            discussion:
                "Example: parcours room add R-GROUPE --name \"Salle de groupe\" --capacity 12 --features group,accessible"
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A short stable id, e.g. R-101.", transform: Parse.identifier) var id: String
        @Option(help: "Name shown in feeds as the location.", transform: Parse.name) var name: String
        @Option(help: "How many people it seats (1 or more).") var capacity: Int
        @Option(help: "Comma-separated: \(RoomFeature.expectedValues).", transform: { try Parse.values($0) })
        var features: Set<RoomFeature> = [.individual]

        func validate() throws {
            guard capacity >= 1 else {
                throw ValidationError("--capacity: '\(capacity)' is not valid; expected a whole number of 1 or more")
            }
        }

        func run() async throws {
            let store = try global.openStore()
            try store.addRoom(
                Room(id: RoomID(id), name: name, capacity: capacity, features: features),
                actor: global.actor, reason: nil)
            say("Added room \(id) (\(capacity) seats, \(features.listed)).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List rooms.", discussion: "Example: parcours room list")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let rooms = try global.openStoreReadOnly().rooms()
            try emit(rooms, format: output.format) {
                var table = TextTable("ID", "NAME", "CAPACITY", "FEATURES", "ACTIVE")
                for r in rooms {
                    table.add(r.id.rawValue, r.name, String(r.capacity), r.features.listed, r.active ? "yes" : "no")
                }
                return table
            }
        }
    }
}
