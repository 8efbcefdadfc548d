import Foundation
import Testing

@testable import ParcoursCLI

/// The role guides (docs/secretary.md, clinician.md, coordinator.md) are rewritten from real runs
/// by Scripts/guide-sessions; this pins, without running them, that every command they show is
/// still a command line `parcours` accepts, so a renamed option breaks a test, not a reader.
@Suite struct RoleGuideCommandTests {
    static let docs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs")

    /// The `$ parcours ...` lines of a guide's console blocks, continuation lines joined, without
    /// the leading `parcours`, a trailing `# exit N` or a `| filter`.
    static func commands(in guide: String) throws -> [String] {
        let text = try String(contentsOf: docs.appendingPathComponent(guide), encoding: .utf8)
        var commands: [String] = []
        var current: String?
        for line in text.components(separatedBy: "\n") {
            if var command = current {
                command += " " + line.trimmingCharacters(in: .whitespaces)
                current = command
            } else if line.hasPrefix("$ parcours ") {
                current = String(line.dropFirst("$ parcours ".count))
            } else {
                continue
            }
            if let command = current, command.hasSuffix("\\") {
                current = String(command.dropLast())
            } else if let command = current {
                commands.append(command)
                current = nil
            }
        }
        return commands
    }

    /// Splits a shell-like line: spaces separate, double quotes group, `#` starts a comment and
    /// ` | ` a filter (both dropped). Enough for the guides, which use nothing else.
    static func words(_ command: String) -> [String] {
        let line = command.components(separatedBy: " | ")[0]
        var words: [String] = []
        var word = ""
        var quoted = false
        var started = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
                started = true
            } else if character == "#", !quoted, !started {
                break
            } else if character == " ", !quoted {
                if started { words.append(word) }
                word = ""
                started = false
            } else {
                word.append(character)
                started = true
            }
        }
        if started { words.append(word) }
        return words
    }

    @Test("every command in a role guide parses", arguments: ["secretary.md", "clinician.md", "coordinator.md"])
    func everyCommandParses(guide: String) throws {
        let commands = try Self.commands(in: guide)
        #expect(commands.count >= 5, "\(guide) shows too few sessions")
        // `# exit 2` marks a session that shows a mistyped argument on purpose.
        for command in commands where !command.hasSuffix("# exit 2") {
            let arguments = Self.words(command)
            #expect(throws: Never.self, "\(guide): parcours \(command)") {
                _ = try ParcoursCommand.parseAsRoot(arguments)
            }
        }
    }

    @Test func aGuideCommentAndQuotedTimeSplitAsTheShellWould() {
        #expect(
            Self.words(#"move A-2EMJAH --to "31/02/2027 14h" # exit 2"#) == [
                "move", "A-2EMJAH", "--to", "31/02/2027 14h",
            ])
        #expect(Self.words("export --clinician C-ROUX | grep SEQUENCE") == ["export", "--clinician", "C-ROUX"])
    }
}
