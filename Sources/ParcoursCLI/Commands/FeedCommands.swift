import ArgumentParser
import CareModel
import FeedServer
import Store

struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Create, list, revoke and rotate the private URLs clinicians subscribe to.",
        discussion: """
            Examples:
              parcours feed create --clinician C-ROUX
              parcours feed list
            """,
        subcommands: [Create.self, List.self, Revoke.self, Rotate.self]
    )

    /// `https://host` without a trailing slash, or the error that says what is expected.
    static func publicBase(_ text: String) throws -> String {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard trimmed.hasPrefix("https://") || trimmed.hasPrefix("http://"), trimmed.count > "https://".count else {
            throw CLIError.invalidArgument(
                name: "--public-url", value: text, expected: "an address such as https://parcours.example.fr")
        }
        return trimmed
    }

    /// The subscription URL of `token`: shown once, never stored.
    static func subscriptionURL(base: String, token: String) -> String { "\(base)/feeds/\(token).ics" }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a clinician's or a room's subscription URL (shown once).",
            discussion: """
                Example: parcours feed create --clinician C-ROUX --public-url https://parcours.example.fr

                The URL holds a 256-bit random token; the database keeps only its SHA-256, so this is
                the only time it is shown. Whoever holds the URL reads the feed: send it to the
                clinician alone, and revoke it (`parcours feed revoke ID`) if it leaks.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "A clinician's id.", transform: Parse.identifier) var clinician: String?
        @Option(help: "A room's id.", transform: Parse.identifier) var room: String?
        @Option(help: "The address the server is reached at.") var publicURL = "http://127.0.0.1:8080"

        func validate() throws {
            guard (clinician == nil) != (room == nil) else {
                throw ValidationError("choose exactly one of --clinician ID or --room ID")
            }
        }

        func run() async throws {
            let base = try FeedCommand.publicBase(publicURL)
            let scope: FeedScope =
                if let clinician { .clinician(ClinicianID(clinician)) } else { .room(RoomID(room ?? "")) }
            let token = FeedTokenSecret.generate()
            let record = try global.openStore().createFeedToken(
                scope: scope, sha256: FeedTokenSecret.sha256(token),
                actor: global.actor, reason: nil)
            say("Feed \(record.id) for \(scope): subscribe to")
            say(FeedCommand.subscriptionURL(base: base, token: token))
            say("This URL is shown once; the database keeps only its hash.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List feed tokens (never the tokens themselves).",
            discussion: "Example: parcours feed list --format json")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let tokens = try global.openStoreReadOnly().feedTokens()
            try emit(tokens, format: output.format) {
                var table = TextTable("ID", "SCOPE", "CREATED", "REVOKED")
                for t in tokens {
                    table.add(
                        String(t.id), t.scope.description, Shown.dateTime(t.createdAt),
                        t.revokedAt.map(Shown.dateTime) ?? "-")
                }
                return table
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop a feed's URL from working.", discussion: "Example: parcours feed revoke 3")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The feed's id, from `parcours feed list`.") var id: Int64
        @Option(help: "Why, for the audit log.") var reason: String?

        func run() async throws {
            let record = try global.openStore().revokeFeedToken(id, actor: global.actor, reason: reason)
            say("Revoked feed \(id) (\(record.scope)); its URL now answers 404.")
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a feed's URL with a new one (the old one stops working).",
            discussion: "Example: parcours feed rotate 3 --public-url https://parcours.example.fr")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The feed's id, from `parcours feed list`.") var id: Int64
        @Option(help: "The address the server is reached at.") var publicURL = "http://127.0.0.1:8080"
        @Option(help: "Why, for the audit log.") var reason: String?

        func run() async throws {
            let base = try FeedCommand.publicBase(publicURL)
            let token = FeedTokenSecret.generate()
            let record = try global.openStore().rotateFeedToken(
                id, newSHA256: FeedTokenSecret.sha256(token),
                actor: global.actor, reason: reason)
            say("Revoked feed \(id); feed \(record.id) for \(record.scope): subscribe to")
            say(FeedCommand.subscriptionURL(base: base, token: token))
            say("This URL is shown once; the database keeps only its hash.")
        }
    }
}
