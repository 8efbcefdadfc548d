import Foundation
import Testing
@testable import ParcoursCLI

/// Debian's `chromium`, if installed; CI installs it (.ci/run → Scripts/install-deps --tests).
enum Chromium {
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: directory + "/" + name) {
                return directory + "/" + name
            }
        }
        return nil
    }()

    /// Runs headless Chromium on `page` with `arguments` and a throwaway profile in `scratch`;
    /// standard output and error go to files there (a full pipe could block the browser).
    static func run(_ arguments: [String], page: URL, scratch: URL) throws -> (output: String, errors: String) {
        let outFile = scratch.appendingPathComponent("chromium.out"), errFile = scratch.appendingPathComponent("chromium.err")
        for file in [outFile, errFile] { try Data().write(to: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "chromium")
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=\(scratch.appendingPathComponent("profile").path)"] + arguments + [page.absoluteString]
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        try process.run()
        process.waitUntilExit()
        return (try String(contentsOf: outFile, encoding: .utf8), try String(contentsOf: errFile, encoding: .utf8))
    }
}

/// The demo's HTML report, written by the real renderer, rendered by a real browser.
@Suite struct HeadlessChromiumTests {
    @Test(.enabled(if: Chromium.path != nil, "chromium is not installed (apt-get install chromium); CI installs it"))
    func theDemoReportRendersItsThreeChartsWithoutConsoleErrors() async throws {
        let ws = try Workspace()
        let demo = await ws.run("demo", "--patients", "60", "--simulate-weeks", "8")
        #expect(demo.status == 0, "\(demo.errors)")
        let page = ws.directory.appendingPathComponent("completion-report.html")
        #expect(FileManager.default.fileExists(atPath: page.path))

        let result = try Chromium.run(["--enable-logging=stderr", "--v=0", "--dump-dom"], page: page, scratch: ws.directory)
        // The DOM as the browser parsed it: each chart is an <svg> element there, not just text in a file.
        for chart in ["funnel", "histogram", "heatmap"] {
            #expect(result.output.contains("<svg class=\"\(chart)\""), "no \(chart) chart in the rendered DOM")
        }
        #expect(result.output.contains("</table>"))
        let consoleLines = result.errors.split(separator: "\n").filter { $0.contains("Uncaught") || $0.contains(":CONSOLE(") }
        #expect(consoleLines.isEmpty, "console errors: \(consoleLines)")
    }
}
