import CareModel
import Yams

/// A step as read, with the positions the cross-step checks need to point at.
struct ParsedStep {
    var step: Step
    var index: Int
    var mark: Mark?
    var continuityMark: Mark?
    var facilitatorsGiven: Bool
}

extension TrackParser {
    static let stepKeys = [
        "id", "title", "kind", "count", "duration", "roles", "skills", "languages", "continuity",
        "spacing", "deadline", "measures", "room", "partner", "required", "facilitators",
    ]
    static let countKeys = ["typical", "min", "max"]
    static let spacingKeys = ["min-days", "max-days"]
    static let deadlineKeys = ["days-after-referral"]

    /// Longest session the centre books, in minutes; anything above is a typo (900 for 90).
    static let maxDuration = 480

    /// The most steps a track may have: a real pathway has about ten; more is a mistake.
    static let maximumSteps = 50

    mutating func parseSteps(_ map: Node.Mapping) -> [ParsedStep]? {
        guard let node = reader.value(map, "steps", "", required: true, expected: "an ordered list of steps") else {
            return nil
        }
        guard case .sequence(let sequence) = node else {
            reader.report(
                node.mark, "steps",
                "found \(reader.describe(node)); expected an ordered list of steps (lines starting with '- ')")
            return nil
        }
        if sequence.isEmpty {
            reader.report(node.mark, "steps", "the list is empty; expected at least one step")
        }
        if sequence.count > Self.maximumSteps {
            reader.report(node.mark, "steps", "\(sequence.count) steps; expected at most \(Self.maximumSteps)")
            return nil
        }
        var steps: [ParsedStep] = []
        for (offset, element) in sequence.enumerated() {
            if let step = parseStep(element, index: offset + 1) { steps.append(step) }
        }
        return steps
    }

    private mutating func parseStep(_ node: Node, index: Int) -> ParsedStep? {
        let field = "steps[\(index)]"
        guard let map = reader.mapping(node, field, "a step (id:, kind:, duration:...)") else { return nil }
        reader.checkKeys(map, allowed: Self.stepKeys, field)
        let idText = reader.string(map, "id", field, required: true, expected: "a step id like intake or therapy")
        if let idText, let idNode = map["id"] { checkIdentifier(idText, idNode, field + ".id") }
        let title = reader.string(map, "title", field, required: false) ?? idText
        let kind = reader.choice(map, "kind", field, StepKind.self, what: "step kind", required: true)
        let count = parseCount(map, field)
        let duration = reader.int(
            map, "duration", field, required: kind != nil && kind != .referralOut,
            range: 1...Self.maxDuration, unit: "minutes")
        let roles =
            reader.list(map, "roles", field, expected: "clinician roles (\(ClinicianRole.expectedValues))") {
                $0.choice($1, $2, ClinicianRole.self, what: "role")
            } ?? []
        let skills =
            reader.list(map, "skills", field, expected: "skills (\(Skill.expectedValues))") {
                $0.choice($1, $2, Skill.self, what: "skill")
            } ?? []
        let languages =
            reader.list(map, "languages", field, expected: "language codes like fr, ar, ps") {
                (reader, node, path) -> LanguageCode? in
                if let text = node.scalar?.string, let code = LanguageCode(rawValue: text) { return code }
                reader.report(
                    node.mark, path,
                    "found \(reader.describe(node)); expected a two- or three-letter language code like fr, ar, ps")
                return nil
            } ?? []
        let continuity = reader.string(map, "continuity", field, required: false, expected: "the id of an earlier step")
        let spacing = parseSpacing(map, field)
        let deadline = parseDeadline(map, field)
        let measures =
            reader.list(map, "measures", field, expected: "measure names like PCL-5") {
                (reader, node, path) -> String? in
                if let text = node.scalar?.string, !text.isEmpty { return text }
                reader.report(node.mark, path, "found \(reader.describe(node)); expected a measure name like PCL-5")
                return nil
            } ?? []
        let room =
            reader.list(map, "room", field, expected: "room features (\(RoomFeature.expectedValues))") {
                $0.choice($1, $2, RoomFeature.self, what: "room feature")
            } ?? []
        let partner = reader.choice(
            map, "partner", field, Partner.self, what: "partner",
            required: kind == .referralOut)
        if let node = map["partner"], let kind, kind != .referralOut {
            reader.report(
                node.mark, field + ".partner",
                "a \(kind.rawValue) step has no partner; expected partner only on referral-out steps")
        }
        let required = reader.bool(map, "required", field)
        if required == true, kind == .referralOut, let node = map["required"] {
            reader.report(
                node.mark, field + ".required",
                "referral-out steps are offered on need; expected required: false or no required key")
        }
        let facilitators = reader.int(
            map, "facilitators", field, required: false, range: 1...Int.max, unit: "clinicians")
        if let node = map["facilitators"], let kind, kind != .groupSession {
            reader.report(
                node.mark, field + ".facilitators",
                "a \(kind.rawValue) step has one clinician; expected facilitators only on group-session steps")
        }
        guard let idText, let title, let kind, let count else { return nil }
        let step = Step(
            id: StepID(idText), title: title, kind: kind, count: count, duration: duration, roles: roles,
            skills: skills, languages: languages, continuity: continuity.map { StepID($0) }, spacing: spacing,
            deadline: deadline, measures: measures, room: room, partner: partner,
            required: required ?? (kind != .referralOut), facilitators: facilitators ?? 1)
        return ParsedStep(
            step: step, index: index, mark: map.mark, continuityMark: map["continuity"]?.mark,
            facilitatorsGiven: facilitators != nil)
    }

    private mutating func parseCount(_ map: Node.Mapping, _ field: String) -> StepCount? {
        guard let node = map["count"] else { return StepCount(typical: 1) }
        let path = field + ".count"
        if node.scalar != nil {
            return reader.int(node, path, range: 1...Int.max, unit: "sessions").map { StepCount(typical: $0) }
        }
        guard let sub = reader.mapping(node, path, "a number of sessions, or typical, min and max") else { return nil }
        reader.checkKeys(sub, allowed: Self.countKeys, path)
        let typical = reader.int(sub, "typical", path, required: true, range: 1...Int.max, unit: "sessions")
        let min = reader.int(sub, "min", path, required: false, range: 1...Int.max, unit: "sessions")
        let max = reader.int(sub, "max", path, required: false, range: 1...Int.max, unit: "sessions")
        guard let typical else { return nil }
        if let min, min > typical, let node = sub["min"] {
            reader.report(
                node.mark, path + ".min", "min \(min) is above typical \(typical); expected min <= typical <= max")
        }
        if let max, max < typical, let node = sub["max"] {
            reader.report(
                node.mark, path + ".max", "max \(max) is below typical \(typical); expected min <= typical <= max")
        }
        return StepCount(typical: typical, min: min, max: max)
    }

    private mutating func parseSpacing(_ map: Node.Mapping, _ field: String) -> Spacing? {
        guard let node = map["spacing"] else { return nil }
        let path = field + ".spacing"
        guard let sub = reader.mapping(node, path, "a mapping with min-days and/or max-days") else { return nil }
        reader.checkKeys(sub, allowed: Self.spacingKeys, path)
        let minDays = reader.int(sub, "min-days", path, required: false, range: 0...3650, unit: "days")
        let maxDays = reader.int(sub, "max-days", path, required: false, range: 1...3650, unit: "days")
        if minDays == nil, maxDays == nil, sub["min-days"] == nil, sub["max-days"] == nil {
            reader.report(node.mark, path, "is empty; expected min-days and/or max-days")
        }
        if let minDays, let maxDays, minDays > maxDays, let minNode = sub["min-days"] {
            reader.report(
                minNode.mark, path + ".min-days",
                "min-days \(minDays) is above max-days \(maxDays); expected min-days <= max-days")
        }
        return Spacing(minDays: minDays, maxDays: maxDays)
    }

    private mutating func parseDeadline(_ map: Node.Mapping, _ field: String) -> Deadline? {
        guard let node = map["deadline"] else { return nil }
        let path = field + ".deadline"
        guard let sub = reader.mapping(node, path, "a mapping with days-after-referral") else { return nil }
        reader.checkKeys(sub, allowed: Self.deadlineKeys, path)
        return reader.int(sub, "days-after-referral", path, required: true, range: 1...3650, unit: "days")
            .map(Deadline.init(daysAfterReferral:))
    }

    /// Checks that need the whole list of steps: ids, continuity, kinds that fit the modality.
    mutating func checkSteps(_ steps: [ParsedStep], modality: Modality, map: Node.Mapping) {
        var firstIndex: [StepID: Int] = [:]
        for parsed in steps {
            if let earlier = firstIndex[parsed.step.id] {
                reader.report(
                    parsed.mark, "steps[\(parsed.index)].id",
                    "step id '\(parsed.step.id)' is already used by steps[\(earlier)]; expected each step id once per track"
                )
            } else {
                firstIndex[parsed.step.id] = parsed.index
            }
        }
        for parsed in steps {
            let field = "steps[\(parsed.index)]"
            if let target = parsed.step.continuity {
                if let targetIndex = firstIndex[target] {
                    if targetIndex > parsed.index {
                        reader.report(
                            parsed.continuityMark, field + ".continuity",
                            "'\(target)' is steps[\(targetIndex)], which comes later; expected an earlier step (or this step's own id)"
                        )
                    }
                } else {
                    let known = steps.map { $0.step.id.rawValue }.joined(separator: ", ")
                    reader.report(
                        parsed.continuityMark, field + ".continuity",
                        "no step has id '\(target)'; expected one of: \(known)")
                }
            }
            if parsed.step.kind == .groupSession, modality == .individual {
                reader.report(
                    parsed.mark, field + ".kind",
                    "group-session in an individual track; expected modality: group for group sessions")
            }
        }
        if modality == .group, !steps.isEmpty, !steps.contains(where: { $0.step.kind == .groupSession }) {
            reader.report(map["steps"]?.mark, "steps", "a group track has no group-session step; expected at least one")
        }
        if !steps.isEmpty, !steps.contains(where: { $0.step.required && $0.step.kind != .referralOut }) {
            reader.report(
                map["steps"]?.mark, "steps",
                "no required session step; expected at least one step other than referral-out")
        }
    }
}
