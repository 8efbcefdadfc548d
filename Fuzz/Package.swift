// swift-tools-version: 6.0
import PackageDescription

// libFuzzer harnesses for the two parsers that read files people hand us: the ICS importer and
// the track loader. A package of its own, so the main build never needs `-sanitize=fuzzer`:
//   swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address
// Scripts/fuzz builds and runs them with the committed corpus (CI does, for a bounded time).
let package = Package(
    name: "ParcoursFuzz",
    dependencies: [.package(name: "Parcours", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "FuzzICS",
            dependencies: [
                "FuzzDriver",
                .product(name: "ICalendar", package: "Parcours"),
                .product(name: "CareModel", package: "Parcours"),
            ]
        ),
        .executableTarget(
            name: "FuzzTracks",
            dependencies: ["FuzzDriver", .product(name: "PathwayEngine", package: "Parcours")]
        ),
    ]
)
