/// The one pattern every identifier chosen by a person must match (clinician, room, interpreter,
/// track, feed scope, patient code): ASCII letters and digits, `-` and `_`, starting with a letter
/// or a digit, at most ``maximumLength`` characters.
///
/// Identifiers become file names (`export --all` writes `<id>.ics`), URLs and audit lines, so
/// nothing in them may climb out of a folder (`..`, `/`), break a line (CR, LF) or hide on screen.
public enum IdentifierRule {
    /// The longest identifier accepted.
    public static let maximumLength = 40
    /// The rule in words, for error messages and docs/cli.md.
    public static let expected =
        "1 to \(maximumLength) characters: letters A-Z or a-z, digits, '-' or '_', starting with a letter or a digit"

    /// Whether `text` matches the pattern.
    public static func isValid(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, scalars.count <= maximumLength, isLetterOrDigit(first) else { return false }
        return scalars.allSatisfy { isLetterOrDigit($0) || $0 == "-" || $0 == "_" }
    }

    /// `text` unchanged if it is valid, else an error naming `field` (`--id`, `clinician id`...).
    public static func check(_ text: String, field: String) throws(CareModelError) -> String {
        guard isValid(text) else {
            throw .invalidValue(field: field, value: PrintableText.escaped(text), expected: expected)
        }
        return text
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

extension Identifier where Tag == PatientTag {
    /// The `index`-th code of a generated centre, `P-22222`, `P-22223`...: five characters of the
    /// patient-code alphabet, so a benchmark's or generator's code can be typed into the CLI.
    public static func sequential(_ index: Int) -> PatientCode {
        var digits: [Character] = []
        var rest = max(0, index)
        for _ in 0..<5 {
            digits.append(alphabet[rest % alphabet.count])
            rest /= alphabet.count
        }
        return PatientCode("P-" + String(digits.reversed()))
    }
}

extension Identifier {
    /// This identifier, checked against ``IdentifierRule``; `field` names it in the error.
    public func checked(field: String) throws(CareModelError) -> Self {
        _ = try IdentifierRule.check(rawValue, field: field)
        return self
    }
}

/// Text from people or files made safe to print on a terminal or write as one line.
public enum PrintableText {
    /// `text` with every control character (ESC, CR, LF, DEL, C1...) shown as `\u{` and its hex code, so a name
    /// typed with an escape sequence or a newline cannot repaint a screen or forge an output line.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether `text` holds a control character.
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            || scalar.properties.generalCategory == .format && scalar.value != 0x200D
    }
}
