import ArgumentParser
import CareModel
import Store

struct InterpreterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interpreter",
        abstract: "Add, edit, list and deactivate interpreters, and record when one cannot come.",
        discussion: """
            Examples:
              parcours interpreter list
              parcours interpreter add I-HADDAD --name "Samir Haddad" --languages ar,fr --hours "tue,thu 09:00-17:00"
              parcours interpreter unavailable list
            """,
        subcommands: [
            Add.self, Edit.self, List.self, Deactivate.self, Reactivate.self, InterpreterUnavailableCommand.self,
        ]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an interpreter.",
            discussion:
                "Example: parcours interpreter add I-HADDAD --name \"Samir Haddad\" --languages ar,fr --hours \"tue,thu 09:00-17:00\""
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A short stable id, e.g. I-HADDAD.", transform: Parse.identifier) var id: String
        @Option(help: "Full name, shown to staff only.", transform: Parse.name) var name: String
        @Option(help: "Comma-separated language codes.", transform: Parse.languages)
        var languages: Set<LanguageCode>
        @Option(help: "Weekly hours, e.g. \"tue,thu 09:00-17:00\".", transform: Parse.hours)
        var hours: WeeklyHours

        func run() async throws {
            let store = try global.openStore()
            try store.addInterpreter(
                Interpreter(id: InterpreterID(id), name: name, languages: languages, hours: hours),
                actor: global.actor, reason: nil)
            say("Added interpreter \(id) (\(languages.listed)), \(hours).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List interpreters.", discussion: "Example: parcours interpreter list")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let interpreters = try global.openStoreReadOnly().interpreters()
            try emit(interpreters, format: output.format) {
                var table = TextTable("ID", "NAME", "LANGUAGES", "HOURS", "ACTIVE")
                for i in interpreters {
                    table.add(i.id.rawValue, i.name, i.languages.listed, i.hours.description, i.active ? "yes" : "no")
                }
                return table
            }
        }
    }
}
