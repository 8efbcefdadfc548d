import CareModel
import Foundation
import Yams

/// Turns one track file's text into a ``Track``, or into every problem found in it.
///
/// Uses Yams' node API rather than `Decodable` so every value keeps its line and column, and so
/// one pass reports all the problems of a file.
struct TrackParser {
    static let trackKeys = [
        "id", "title", "version", "modality", "eligibility", "budget", "steps", "cohort", "missed-sessions",
    ]
    static let eligibilityKeys = ["min-age", "max-age", "categories", "interpreter"]
    static let budgetKeys = ["sessions"]
    static let cohortKeys = ["min-size", "max-size", "facilitators", "slot"]
    static let slotKeys = ["weekday", "time"]

    var reader: NodeReader
    /// Where the top-level `id` value sits, for a duplicate-id message from the catalog.
    var idLine = 0
    var idColumn = 0

    init(file: String) { reader = NodeReader(file: file) }

    /// The track, or nil with the problems in `reader.problems`.
    static func parse(
        _ text: String, file: String
    ) -> (track: Track?, problems: [PathwayProblem], idLine: Int, idColumn: Int) {
        var parser = TrackParser(file: file)
        let track = parser.parseDocument(text)
        let problems = parser.reader.problems.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
        }.map(\.element)
        return (problems.isEmpty ? track : nil, problems, parser.idLine, parser.idColumn)
    }

    private mutating func parseDocument(_ text: String) -> Track? {
        let blank = text.split(whereSeparator: \.isNewline).allSatisfy {
            let line = $0.trimmingCharacters(in: .whitespaces)
            return line.isEmpty || line.hasPrefix("#")
        }
        if blank {
            reader.report(
                line: 1, column: 1, "",
                "the file is empty; expected a care track with id, title, version, modality, eligibility and steps")
            return nil
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            reportSyntax(error)
            return nil
        } catch {
            reader.report(nil, "", "cannot read the YAML: \(error)")
            return nil
        }
        guard let root else {
            reader.report(line: 1, column: 1, "", "the file holds no YAML document; expected a care track")
            return nil
        }
        guard
            let map = reader.mapping(root, "", "a care track (id:, title:, version:, modality:, eligibility:, steps:)")
        else { return nil }
        return parseTrack(map)
    }

    private mutating func reportSyntax(_ error: YamlError) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let around = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            reader.report(
                mark, "", "YAML syntax error: \(problem)\(around); check the indentation and the ':' after each key")
        case let .duplicatedKeysInMapping(duplicates, context):
            reader.report(
                context.mark, "",
                "key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appears twice in the same mapping; expected each key once"
            )
        default:
            reader.report(line: 1, column: 1, "", "YAML error: \(error); expected a readable YAML file")
        }
    }

    private mutating func parseTrack(_ map: Node.Mapping) -> Track? {
        reader.checkKeys(map, allowed: Self.trackKeys, "")
        let idText = reader.string(map, "id", "", required: true, expected: "a track id like adult-domestic-violence")
        if let idText, let node = map["id"] {
            checkIdentifier(idText, node, "id")
            idLine = node.mark?.line ?? 0
            idColumn = node.mark?.column ?? 0
        }
        let title = reader.string(map, "title", "", required: true, expected: "the track's title")
        let version = reader.int(map, "version", "", required: true, range: 0...Int.max)
        if let version, version != Track.schemaVersion, let node = map["version"] {
            reader.report(
                node.mark, "version",
                "schema version \(version) is not supported; expected version: \(Track.schemaVersion)")
        }
        let modality = reader.choice(map, "modality", "", Modality.self, what: "modality", required: true)
        let eligibility = parseEligibility(map)
        let steps = parseSteps(map)
        let cohort = parseCohort(map, modality: modality)
        let budget = parseBudget(map, steps: steps ?? [])
        let missed = parseMissedSessions(map)
        if let steps, let modality { checkSteps(steps, modality: modality, map: map) }

        guard let idText, let title, version == Track.schemaVersion, let modality, let eligibility, let steps,
            let budget, let missed, reader.problems.isEmpty
        else { return nil }
        return Track(
            id: TrackID(idText), title: title, version: Track.schemaVersion, modality: modality,
            eligibility: eligibility, budget: budget, steps: steps.map { withCohortDefaults($0, cohort) },
            cohort: cohort,
            source: reader.file, missedSessions: missed)
    }

    /// Group sessions run by the cohort's facilitators unless the step says otherwise.
    private func withCohortDefaults(_ parsed: ParsedStep, _ cohort: Cohort?) -> Step {
        var step = parsed.step
        if step.kind == .groupSession, !parsed.facilitatorsGiven, let cohort { step.facilitators = cohort.facilitators }
        return step
    }

    mutating func checkIdentifier(_ text: String, _ node: Node, _ field: String) {
        let allowed =
            text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
            && IdentifierRule.isValid(text)
        if !allowed {
            reader.report(
                node.mark, field,
                "'\(text)' is not a valid id; expected 1 to \(IdentifierRule.maximumLength) lower-case letters, digits and '-', starting with a letter or digit (like intake or adult-migrant)"
            )
        }
    }

    private mutating func parseEligibility(_ map: Node.Mapping) -> TrackEligibility? {
        guard
            let node = reader.value(
                map, "eligibility", "", required: true,
                expected: "a mapping with min-age and categories"),
            let sub = reader.mapping(node, "eligibility", "a mapping with min-age and categories")
        else { return nil }
        let field = "eligibility"
        reader.checkKeys(sub, allowed: Self.eligibilityKeys, field)
        let minAge = reader.int(sub, "min-age", field, required: false, range: 0...120, unit: "years") ?? 18
        let maxAge = reader.int(sub, "max-age", field, required: false, range: 0...120, unit: "years")
        if let maxAge, maxAge < minAge, let node = sub["max-age"] {
            reader.report(
                node.mark, "eligibility.max-age",
                "max-age \(maxAge) is below min-age \(minAge); expected min-age <= max-age")
        }
        let categories = reader.list(
            sub, "categories", field, required: true,
            expected: "victim categories (\(VictimCategory.expectedValues))"
        ) { reader, node, path in
            reader.choice(node, path, VictimCategory.self, what: "category")
        }
        if let node = sub["categories"], case .sequence(let raw) = node, raw.isEmpty {
            reader.report(
                node.mark, "eligibility.categories",
                "the list is empty; expected at least one of: \(VictimCategory.expectedValues)")
        }
        if let categories, categories.contains(.childAdolescent), minAge >= 18, let node = sub["categories"] {
            reader.report(
                node.mark, "eligibility.categories",
                "child-adolescent cannot be taken by a track with min-age \(minAge); expected adult categories only (children are referred to child psychiatry)"
            )
        }
        let interpreter =
            reader.choice(
                sub, "interpreter", field, InterpreterPolicy.self,
                what: "interpreter policy", required: false) ?? .allowed
        guard let categories else { return nil }
        return TrackEligibility(minAge: minAge, maxAge: maxAge, categories: categories, interpreter: interpreter)
    }

    private mutating func parseBudget(_ map: Node.Mapping, steps: [ParsedStep]) -> Budget? {
        let computed = Budget(sessions: Track.computedBudget(steps.map(\.step)), isComputed: true)
        guard let node = map["budget"] else { return computed }
        if node.scalar?.string == "computed" { return computed }
        guard let sub = reader.mapping(node, "budget", "'computed' or a mapping with sessions") else { return nil }
        reader.checkKeys(sub, allowed: Self.budgetKeys, "budget")
        guard let sessions = reader.int(sub, "sessions", "budget", required: true, range: 1...Int.max, unit: "sessions")
        else { return nil }
        return Budget(sessions: sessions, isComputed: false)
    }

    private mutating func parseCohort(_ map: Node.Mapping, modality: Modality?) -> Cohort? {
        guard let node = map["cohort"] else {
            if modality == .group {
                reader.report(
                    map["modality"]?.mark, "cohort",
                    "missing required field 'cohort' for a group track; expected min-size, max-size, facilitators and slot"
                )
            }
            return nil
        }
        if modality == .individual {
            reader.report(
                node.mark, "cohort", "an individual track has no cohort; expected modality: group, or no cohort")
        }
        guard let sub = reader.mapping(node, "cohort", "a mapping with min-size, max-size, facilitators and slot")
        else { return nil }
        reader.checkKeys(sub, allowed: Self.cohortKeys, "cohort")
        let minSize = reader.int(sub, "min-size", "cohort", required: true, range: 1...Int.max, unit: "patients")
        let maxSize = reader.int(sub, "max-size", "cohort", required: true, range: 1...Int.max, unit: "patients")
        if let minSize, let maxSize, minSize > maxSize, let node = sub["min-size"] {
            reader.report(
                node.mark, "cohort.min-size",
                "min-size \(minSize) is above max-size \(maxSize); expected min-size <= max-size")
        }
        let facilitators =
            reader.int(
                sub, "facilitators", "cohort", required: false, range: 1...Int.max,
                unit: "clinicians") ?? 1
        var weekday: Weekday?
        var time: LocalTime?
        if let slotNode = reader.value(sub, "slot", "cohort", required: true, expected: "weekday and time"),
            let slot = reader.mapping(slotNode, "cohort.slot", "a mapping with weekday and time")
        {
            reader.checkKeys(slot, allowed: Self.slotKeys, "cohort.slot")
            if let node = reader.value(
                slot, "weekday", "cohort.slot", required: true, expected: "a weekday (mon...sun)")
            {
                weekday = node.scalar.flatMap { Weekday.parse($0.string) }
                if weekday == nil {
                    reader.report(
                        node.mark, "cohort.slot.weekday",
                        "found \(reader.describe(node)); expected mon, tue, wed, thu, fri, sat or sun")
                }
            }
            if let node = reader.value(
                slot, "time", "cohort.slot", required: true, expected: "a local time like \"14:00\"")
            {
                time = node.scalar.flatMap { LocalTime(parsing: $0.string) }
                if time == nil {
                    reader.report(
                        node.mark, "cohort.slot.time",
                        "found \(reader.describe(node)); expected a local time like \"14:00\"")
                }
            }
        }
        guard let minSize, let maxSize, let weekday, let time else { return nil }
        return Cohort(minSize: minSize, maxSize: maxSize, facilitators: facilitators, weekday: weekday, time: time)
    }
}
