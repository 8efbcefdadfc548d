import Foundation
import ProcessTesting
import Testing

@testable import ParcoursCLI

/// Debian's `chromium`, if installed; CI installs it (.ci/run → Scripts/install-deps --tests).
enum Chromium {
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map(
            String.init)
        for name in ["chromium", "chromium-browser"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: directory + "/" + name) {
                return directory + "/" + name
            }
        }
        return nil
    }()

    /// Runs headless Chromium on `page` with `arguments` and a throwaway profile in `scratch`;
    /// killed after two minutes, so a browser that never exits fails this test, not the run.
    static func run(_ arguments: [String], page: URL, scratch: URL) async throws -> ProcessResult {
        let process = try SpawnedProcess(
            path ?? "chromium",
            [
                "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
                "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
            ] + arguments + [page.absoluteString],
            outputDirectory: scratch)
        return await process.finish(timeout: .seconds(120))
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

        let result = try await Chromium.run(
            ["--enable-logging=stderr", "--v=0", "--dump-dom"], page: page, scratch: ws.directory)
        #expect(!result.signalled, "chromium did not finish within two minutes")
        // The DOM as the browser parsed it: each chart is an <svg> element there, not just text in a file.
        for chart in ["funnel", "histogram", "heatmap"] {
            #expect(result.output.contains("<svg class=\"\(chart)\""), "no \(chart) chart in the rendered DOM")
        }
        #expect(result.output.contains("</table>"))
        let consoleLines = result.errors.split(separator: "\n").filter {
            $0.contains("Uncaught") || $0.contains(":CONSOLE(")
        }
        #expect(consoleLines.isEmpty, "console errors: \(consoleLines)")
    }
}
