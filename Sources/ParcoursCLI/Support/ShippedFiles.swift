import Foundation

/// The care tracks and calendars shipped with the binary: Package.swift copies the repository's
/// `Pathways/` and `Calendars/` (the sources of truth) into ParcoursCLI's resource bundle,
/// `Parcours_ParcoursCLI.resources`, which SwiftPM puts beside the executable and which an
/// installation copies with it (docs/deploy.md). So `parcours demo` and `parcours serve` work
/// from any directory, with no `--pathways` and no `./Pathways`.
enum ShippedFiles {
    static let bundleName = "Parcours_ParcoursCLI.resources"

    /// The shipped care tracks, if the bundle is where it should be.
    static var pathways: URL? { directory("Pathways") }

    /// The shipped calendars (public holidays, the sample centre's leave), if the bundle is there.
    static var calendars: URL? { directory("Calendars") }

    /// `name` inside the bundle beside the executable (the path it was started by, then the one
    /// its symlinks lead to). Found by hand rather than through `Bundle.module`, which stops the
    /// program when the bundle is missing: a binary copied alone then says which folder it lacks.
    static func directory(_ name: String) -> URL? {
        var places = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL {
            places.append(executable.deletingLastPathComponent())
            places.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for place in places {
            let candidate = place.appendingPathComponent(bundleName).appendingPathComponent(name, isDirectory: true)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue
            {
                return candidate
            }
        }
        return nil
    }
}
