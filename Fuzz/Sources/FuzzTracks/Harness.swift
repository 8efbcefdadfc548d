import Foundation
import PathwayEngine

// libFuzzer calls this once per input; it provides `main`. A track file either loads or is
// refused with problems that each point inside the file; validation and loading must agree, so
// a broken file never loads half.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTracks(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    let source = TrackSource(file: "fuzz.yaml", text: text)
    let problems = TrackCatalog.validate(sources: [source])
    let lineCount = yamlLineCount(text)
    for problem in problems {
        precondition(problem.file == "fuzz.yaml", "a problem about another file: \(problem)")
        precondition(problem.line >= 0 && problem.line <= lineCount + 1, "line \(problem.line) outside the file")
        precondition(!problem.message.isEmpty, "a problem without a message")
    }
    do {
        let catalog = try TrackCatalog.load(sources: [source])
        precondition(problems.isEmpty, "loaded a file that validation refuses: \(problems)")
        precondition(!catalog.tracks.isEmpty, "loaded a valid file into no track")
    } catch {
        precondition(!problems.isEmpty, "validation passed a file that loading refuses: \(error)")
    }
    return 0
}

/// Lines as YAML counts them: CR, LF, CR LF, NEL, LS and PS all end a line (YAML 1.1, 5.4).
private func yamlLineCount(_ text: String) -> Int {
    var lines = 1
    var previous: Unicode.Scalar?
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": if previous != "\r" { lines += 1 }
        case "\r", "\u{85}", "\u{2028}", "\u{2029}": lines += 1
        default: break
        }
        previous = scalar
    }
    return lines
}
