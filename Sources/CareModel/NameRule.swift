import Foundation

/// The one rule for a name or a label people read: a patient's given or family name, a
/// clinician's, a room's or an interpreter's name, a closed day's label.
///
/// The CLI (`--name`, `--given-name`…) and the desk's forms (*Nouvel adressage*,
/// *Administration*) both check it here, so a name one front end takes the other takes too.
public enum NameRule {
    /// The longest name kept, in characters.
    public static let maximumLength = 200

    /// What is wrong with a typed name.
    public enum Problem: Error, Hashable, Sendable {
        /// Nothing but spaces.
        case empty
        /// A control character (ESC, CR, LF, DEL…): it could repaint a terminal or forge a line.
        case controlCharacter
        /// Longer than ``NameRule/maximumLength``; the count as typed (trimmed).
        case tooLong(count: Int)
    }

    /// `text` without its surrounding spaces, or the first thing wrong with it.
    public static func check(_ text: String) -> Result<String, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .failure(.empty) }
        guard !PrintableText.hasControlCharacters(trimmed) else { return .failure(.controlCharacter) }
        guard trimmed.count <= maximumLength else { return .failure(.tooLong(count: trimmed.count)) }
        return .success(trimmed)
    }
}
