import Mustache

/// Markup written in Swift for the desk's large tables (Aujourd'hui, Liste d'attente, the
/// agenda's grid, a patient's sessions): rendering hundreds of rows through Mustache's context
/// look-ups was most of a large page's time in `bench desk`.
///
/// Safe by construction: markup comes only from string literals (`StaticString`, so nothing read
/// from a user or the database can be passed as markup), and every value, text or attribute, goes
/// through ``text(_:)``, which escapes `&`, `<`, `>`, `"` and `'` as Mustache's `{{value}}` does.
struct HTMLWriter {
    private var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// Literal markup: tags, attribute names, whitespace.
    mutating func raw(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A value, escaped for text and for a quoted attribute alike.
    mutating func text(_ value: String) {
        let utf8 = value.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let replacement: String? =
                switch utf8[index] {
                case UInt8(ascii: "&"): "&amp;"
                case UInt8(ascii: "<"): "&lt;"
                case UInt8(ascii: ">"): "&gt;"
                case UInt8(ascii: "\""): "&quot;"
                case UInt8(ascii: "'"): "&#39;"
                default: nil
                }
            if let replacement {
                bytes.append(contentsOf: utf8[start..<index])
                bytes.append(contentsOf: replacement.utf8)
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        bytes.append(contentsOf: utf8[start..<utf8.endIndex])
    }

    /// A count, which needs no escaping.
    mutating func number(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    /// What was written, to place in a template with `{{{…HTML}}}`.
    var fragment: HTMLFragment { HTMLFragment(html: String(decoding: bytes, as: UTF8.self)) }
}

/// Markup made by ``HTMLWriter``, hence already escaped: the only kind of value a template may
/// place with the triple mustache (`{{{rowsHTML}}}`; `TemplateRulesTests` keeps it so).
struct HTMLFragment: MustacheCustomRenderable, Sendable {
    let html: String
    var renderText: String { html }
    var isNull: Bool { html.isEmpty }
}
