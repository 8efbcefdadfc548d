import ArgumentParser
import Foundation
import Testing

@testable import ParcoursCLI

/// `--help` is where a secretary looks first: every command, group or leaf, shows an example of
/// itself, and the examples are still valid command lines for the current code.
@Suite struct HelpExampleTests {
    @Test func everyCommandsHelpShowsAnExampleOfThatCommand() throws {
        let tree = CommandTree.all()
        #expect(tree.count > 60, "the walk must reach the nested commands: \(tree.count)")
        for node in tree {
            let examples = HelpExamples.examples(in: node.type.configuration.discussion)
            let own = examples.first {
                Array(ShellWords.split($0).prefix(node.path.count + 1)) == ["parcours"] + node.path
            }
            #expect(own != nil, "`\(node.name) --help` has no example starting with `\(node.name)`; it has \(examples)")
            let help = ParcoursCommand.helpMessage(for: node.type, columns: 10_000)
            #expect(help.contains("Example"), "`\(node.name) --help` does not print its examples")
        }
    }

    @Test func rootHelpListsEveryCommandUnderTheRoleThatUsesIt() {
        let configuration = ParcoursCommand.configuration
        #expect(configuration.ungroupedSubcommands.isEmpty, "every top-level command belongs to a role's group")
        let help = ParcoursCommand.helpMessage(columns: 10_000)
        var previous = help.startIndex
        for heading in ["FRONT DESK", "CLINICIAN", "COORDINATOR", "ADMINISTRATION", "DEMO AND MEASUREMENT"] {
            let range = help.range(of: "\(heading) SUBCOMMANDS:")
            #expect(range != nil, "no \(heading) group in --help")
            if let range {
                #expect(range.lowerBound >= previous, "\(heading) is out of order")
                previous = range.lowerBound
            }
        }
        for command in configuration.subcommands {
            let name = command.configuration.commandName ?? ""
            #expect(help.contains("  \(name) "), "`\(name)` is missing from --help")
        }
    }

    @Test func everyExampleInTheHelpParses() throws {
        var count = 0
        for node in CommandTree.all() {
            for example in HelpExamples.examples(in: node.type.configuration.discussion) {
                let words = ShellWords.split(example)
                count += 1
                do {
                    _ = try ParcoursCommand.parseAsRoot(Array(words.dropFirst()))
                } catch {
                    Issue.record(
                        "`\(example)` (help of \(node.name)) does not parse: \(ParcoursCommand.message(for: error))")
                }
            }
        }
        #expect(count >= CommandTree.all().count, "fewer examples than commands: \(count)")
    }

    /// The read-only examples run, exit 0, on the default demo centre: the codes they name
    /// (P-VGPD, C-ROUX, adult-migrant...) are the demo's, so a newcomer can paste them.
    @Test func theReadOnlyExamplesWorkOnTheDemoCentre() async throws {
        let ws = try Workspace()
        let demo = await ws.run("demo")
        try #require(demo.status == 0, "\(demo.errors)")
        let readOnly: Set<[String]> = [
            ["status"], ["patient", "list"], ["patient", "show"], ["measure", "list"], ["audit"], ["agenda"],
            ["clinician", "list"], ["clinician", "show"], ["clinician", "absence", "list"], ["pathway", "list"],
            ["pathway", "show"], ["room", "list"], ["interpreter", "list"], ["group", "list"], ["closed", "list"],
            ["waitlist"], ["report", "completion"], ["report", "capacity"], ["feed", "list"], ["doctor"],
        ]
        var ran = 0
        for node in CommandTree.all() where readOnly.contains(node.path) {
            for example in HelpExamples.examples(in: node.type.configuration.discussion) {
                let words = Array(ShellWords.split(example).dropFirst())
                guard Array(words.prefix(node.path.count)) == node.path, !words.contains("-o") else { continue }
                let result = await ws.run(arguments: words)
                #expect(result.status == 0, "`\(example)`: \(result.errors)")
                ran += 1
            }
        }
        #expect(ran >= readOnly.count, "every read-only command has a runnable example: \(ran)")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func theCompletionScriptIsPrintedThroughTheCLIEntry(_ shell: String) async throws {
        let ws = try Workspace()
        let result = await ws.runPlain("--generate-completion-script", shell)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.isEmpty)
        #expect(result.output.contains("parcours"))
        for command in ["drop-out", "refer-out", "import-closed"] {
            #expect(result.output.contains(command), "the \(shell) script completes `\(command)`")
        }
    }

    @Test func anUnknownCompletionShellIsAUsageError() async throws {
        let result = await (try Workspace()).runPlain("--generate-completion-script", "powershell")
        #expect(result.status == 2, "\(result.errors)")
        #expect(result.errors.contains("powershell"))
    }
}

/// Every command under `parcours`, by walking the subcommands in the configuration: a command
/// added later is covered without editing a list.
struct CommandTree {
    let path: [String]
    let type: any ParsableCommand.Type
    var name: String { (["parcours"] + path).joined(separator: " ") }

    static func all() -> [CommandTree] {
        var found: [CommandTree] = [CommandTree(path: [], type: ParcoursCommand.self)]
        var index = 0
        while index < found.count {
            let node = found[index]
            for sub in node.type.configuration.subcommands {
                found.append(CommandTree(path: node.path + [sub._commandName], type: sub))
            }
            index += 1
        }
        return found
    }
}

/// The examples of a help text: lines after `Example:`/`Examples:` that start with `parcours `
/// (also on the `Example:` line itself), with `\` continuations joined.
enum HelpExamples {
    static func examples(in discussion: String) -> [String] {
        var found: [String] = []
        var inBlock = false
        var pending: String?
        for raw in discussion.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if let head = pending {
                line = head + " " + line
                pending = nil
            } else if line.hasPrefix("Example"), let colon = line.firstIndex(of: ":") {
                inBlock = true
                let after = line.index(after: colon)
                line = line[after...].trimmingCharacters(in: .whitespaces)
                // "Example (the id from `parcours agenda`): parcours attend ..." keeps only the command.
                if let paren = line.range(of: "): ") { line = String(line[paren.upperBound...]) }
            } else if !line.hasPrefix("parcours ") {
                inBlock = false
                continue
            }
            guard inBlock, line.hasPrefix("parcours ") else { continue }
            if line.hasSuffix("\\") {
                pending = String(line.dropLast()).trimmingCharacters(in: .whitespaces)
            } else {
                found.append(line)
            }
        }
        return found
    }
}

/// Splits a command line as a POSIX shell would for these examples: single and double quotes,
/// backslash escapes; a redirection (`>`, `|`, `&&`) ends the command.
enum ShellWords {
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in line {
            if escaped {
                word.append(c)
                escaped = false
                inWord = true
            } else if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaped = true } else { word.append(c) }
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c == " " || c == "\t" {
                if inWord {
                    words.append(word)
                    word = ""
                    inWord = false
                }
            } else {
                word.append(c)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        if let end = words.firstIndex(where: { [">", "|", "&&", "#"].contains($0) }) { words.removeSubrange(end...) }
        return words
    }
}
