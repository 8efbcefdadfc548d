import CareModel
import Foundation
import Yams

/// Reads typed fields out of a composed YAML tree, collecting every problem with its line
/// instead of stopping at the first: a coordinator fixes a file in one pass, not ten.
struct NodeReader {
    let file: String
    private(set) var problems: [PathwayProblem] = []

    init(file: String) { self.file = file }

    mutating func report(_ mark: Mark?, _ field: String, _ message: String) {
        report(line: mark?.line ?? 0, column: mark?.column ?? 0, field, message)
    }

    mutating func report(line: Int, column: Int, _ field: String, _ message: String) {
        problems.append(PathwayProblem(file: file, line: line, column: column, field: field, message: message))
    }

    // MARK: Shapes

    /// The node as a mapping, or a problem saying one was expected.
    mutating func mapping(_ node: Node, _ field: String, _ what: String) -> Node.Mapping? {
        if let mapping = node.mapping { return mapping }
        report(node.mark, field, "found \(describe(node)); expected \(what)")
        return nil
    }

    /// Reports keys not in `allowed`, with the closest known key as a suggestion.
    mutating func checkKeys(_ mapping: Node.Mapping, allowed: [String], _ field: String) {
        for (key, _) in mapping {
            let name = key.scalar?.string ?? describe(key)
            guard !allowed.contains(name) else { continue }
            var message = "unknown key '\(name)'"
            if let near = Self.nearest(name, in: allowed) { message += " (did you mean '\(near)'?)" }
            message += "; expected one of: \(allowed.joined(separator: ", "))"
            report(key.mark, join(field, name), message)
        }
    }

    /// The value of `key`, or a problem when it is required and absent.
    mutating func value(
        _ mapping: Node.Mapping, _ key: String, _ field: String, required: Bool,
        expected: String
    ) -> Node? {
        if let node = mapping[key], node.scalar.map({ !isNull($0) }) ?? true { return node }
        if required {
            report(mapping.mark, join(field, key), "missing required field '\(key)'; expected \(expected)")
        }
        return nil
    }

    // MARK: Scalars

    mutating func string(
        _ mapping: Node.Mapping, _ key: String, _ field: String, required: Bool,
        expected: String = "some text"
    ) -> String? {
        guard let node = value(mapping, key, field, required: required, expected: expected) else { return nil }
        guard let scalar = node.scalar else {
            report(node.mark, join(field, key), "found \(describe(node)); expected \(expected)")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            report(node.mark, join(field, key), "is empty; expected \(expected)")
            return nil
        }
        return text
    }

    /// An integer within `range`; `unit` names what it counts in messages ("minutes").
    mutating func int(
        _ mapping: Node.Mapping, _ key: String, _ field: String, required: Bool,
        range: ClosedRange<Int>, unit: String = ""
    ) -> Int? {
        let expected = Self.describe(range, unit: unit)
        guard let node = value(mapping, key, field, required: required, expected: expected) else { return nil }
        return int(node, join(field, key), range: range, unit: unit)
    }

    mutating func int(_ node: Node, _ field: String, range: ClosedRange<Int>, unit: String = "") -> Int? {
        let expected = Self.describe(range, unit: unit)
        guard let scalar = node.scalar, let number = Int(scalar.string.trimmingCharacters(in: .whitespaces)) else {
            report(node.mark, field, "found \(describe(node)); expected \(expected)")
            return nil
        }
        guard range.contains(number) else {
            report(node.mark, field, "found \(number); expected \(expected)")
            return nil
        }
        return number
    }

    mutating func bool(_ mapping: Node.Mapping, _ key: String, _ field: String) -> Bool? {
        guard let node = value(mapping, key, field, required: false, expected: "true or false") else { return nil }
        switch node.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            report(node.mark, join(field, key), "found \(describe(node)); expected true or false")
            return nil
        }
    }

    /// A value of a closed vocabulary; the message lists every accepted spelling.
    mutating func choice<E: CaseIterable & RawRepresentable>(
        _ node: Node, _ field: String, _ type: E.Type, what: String
    ) -> E? where E.RawValue == String {
        if let text = node.scalar?.string, let value = E.parse(text) { return value }
        report(node.mark, field, "unknown \(what) \(describe(node)); expected one of: \(E.expectedValues)")
        return nil
    }

    mutating func choice<E: CaseIterable & RawRepresentable>(
        _ mapping: Node.Mapping, _ key: String, _ field: String, _ type: E.Type, what: String, required: Bool
    ) -> E? where E.RawValue == String {
        guard
            let node = value(
                mapping, key, field, required: required,
                expected: "one of: \(E.expectedValues)")
        else { return nil }
        return choice(node, join(field, key), type, what: what)
    }

    /// A list (or a single value, read as a list of one), each item parsed by `item`.
    mutating func list<T>(
        _ mapping: Node.Mapping, _ key: String, _ field: String, required: Bool = false,
        expected: String, item: (inout NodeReader, Node, String) -> T?
    ) -> [T]? {
        guard let node = value(mapping, key, field, required: required, expected: expected) else { return nil }
        let path = join(field, key)
        let nodes: [Node]
        switch node {
        case .sequence(let sequence): nodes = Array(sequence)
        case .scalar: nodes = [node]
        default:
            report(node.mark, path, "found \(describe(node)); expected a list of \(expected)")
            return nil
        }
        var values: [T] = []
        for (index, element) in nodes.enumerated() {
            if let value = item(&self, element, "\(path)[\(index + 1)]") { values.append(value) }
        }
        return values
    }

    // MARK: Wording

    func join(_ field: String, _ key: String) -> String { field.isEmpty ? key : field + "." + key }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): isNull(scalar) ? "nothing" : "'\(scalar.string)'"
        case .mapping: "a mapping (key: value lines)"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    private func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain || scalar.style == .any
            ? ["", "~", "null", "Null", "NULL"].contains(scalar.string) : false
    }

    static func describe(_ range: ClosedRange<Int>, unit: String) -> String {
        let what = unit.isEmpty ? "a whole number" : "a whole number of \(unit)"
        if range.upperBound == Int.max { return "\(what), at least \(range.lowerBound)" }
        return "\(what) from \(range.lowerBound) to \(range.upperBound)"
    }

    /// The allowed key within two edits of `name`, if any: catches `duraton` and `min_days`.
    static func nearest(_ name: String, in candidates: [String]) -> String? {
        let normalised = name.lowercased().replacingOccurrences(of: "_", with: "-")
        let scored = candidates.map { ($0, distance(Array(normalised), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, best.0.count / 4) else { return nil }
        return best.0
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.count]
    }
}
