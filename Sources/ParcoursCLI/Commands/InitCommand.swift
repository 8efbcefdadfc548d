import ArgumentParser
import Store

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database (or bring an existing one to this version's schema).",
        discussion: "Example: parcours init --db /srv/parcours/centre.sqlite"
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let store = try ParcoursStore.create(at: global.databasePath, clock: global.clock)
        say("Database ready at \(store.path) (schema \(try store.schemaVersion)).")
    }
}
