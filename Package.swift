// swift-tools-version: 6.0
import PackageDescription

/// Settings every Parcours target shares: Swift 6 strict concurrency, and explicit `any`.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "Parcours",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "parcours", targets: ["parcours"]),
        .library(name: "CareModel", targets: ["CareModel"]),
        .library(name: "PathwayEngine", targets: ["PathwayEngine"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "ICalendar", targets: ["ICalendar"]),
        .library(name: "SchedulingModel", targets: ["SchedulingModel"]),
        .library(name: "Scheduler", targets: ["Scheduler"]),
        .library(name: "ScheduleCheck", targets: ["ScheduleCheck"]),
        .library(name: "FeedServer", targets: ["FeedServer"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Desk", targets: ["Desk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already in the graph through Hummingbird; named because FeedServer uses them directly
        // (locks on the request path, signals for graceful shutdown) and Benchmarks' load client.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        // The desk: server-rendered pages from Mustache templates, and bcrypt for its passwords.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Tests only: property-based tests of event sequences (BookingTests), with shrinking.
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .target(name: "CareModel", swiftSettings: strict),
        .target(
            name: "PathwayEngine",
            dependencies: ["CareModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // The open scheduling format (instances, requests, proposals, objective): what any solver
        // reads and writes, apart from the solver, so the checker can depend on it alone.
        .target(name: "SchedulingModel", dependencies: ["CareModel"], swiftSettings: strict),
        .target(name: "Scheduler", dependencies: ["CareModel", "SchedulingModel"], swiftSettings: strict),
        // Coordinator reports: pure functions from plain records to figures, and their renderers.
        .target(name: "Reports", dependencies: ["CareModel"], swiftSettings: strict),
        // The benchmark's independent checker and instance generator: the open format only; the
        // package graph keeps it from importing the solver.
        .target(name: "ScheduleCheck", dependencies: ["CareModel", "SchedulingModel"], swiftSettings: strict),
        .systemLibrary(name: "CLibical", pkgConfig: "libical", providers: [.apt(["libical-dev"])]),
        .target(name: "ICalendar", dependencies: ["CareModel", "CLibical"], swiftSettings: strict),
        .target(
            name: "Store",
            dependencies: [
                "CareModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own API, for the one statement a feed server asks on every request.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Benchmarks",
            dependencies: [
                "CareModel", "Scheduler", "ScheduleCheck", "Reports", "Store", "ICalendar", "FeedServer", "Booking",
                "PathwayEngine", "Desk",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Booking",
            dependencies: ["CareModel", "PathwayEngine", "Scheduler", "ScheduleCheck", "Store", "Reports"],
            swiftSettings: strict
        ),
        .target(
            name: "FeedServer",
            dependencies: [
                "CareModel", "Store", "ICalendar",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The web application in French: accounts, sessions, roles, pages from bundled templates.
        .target(
            name: "Desk",
            dependencies: [
                // ICalendar: a clinician's leave pasted as .ics, read as `clinician absence import` reads it.
                "CareModel", "PathwayEngine", "Store", "Booking", "Reports", "ICalendar",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                // NIOThreadPool: bcrypt's quarter of a second runs off the request threads.
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        .target(
            name: "ParcoursCLI",
            dependencies: [
                "CareModel", "PathwayEngine", "Store", "Booking", "Scheduler", "ScheduleCheck", "Benchmarks",
                "ICalendar", "Reports",
                "FeedServer", "Desk",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The shipped care tracks and calendars, copied from the repository's root (their
            // source of truth) into the bundle beside the binary: used when no --pathways is
            // given and there is no ./Pathways (ShippedFiles).
            resources: [.copy("../../Pathways"), .copy("../../Calendars")],
            swiftSettings: strict
        ),
        .executableTarget(name: "parcours", dependencies: ["ParcoursCLI"], swiftSettings: strict),
        .testTarget(name: "CareModelTests", dependencies: ["CareModel"], swiftSettings: strict),
        .testTarget(
            name: "PathwayEngineTests",
            dependencies: ["PathwayEngine", "CareModel"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ICalendarTests",
            dependencies: ["ICalendar", "CareModel"],
            resources: [.copy("Golden")],
            swiftSettings: strict
        ),
        // The solver's tests judge its batches with the independent checker (the reverse edge never exists).
        .testTarget(
            name: "SchedulerTests", dependencies: ["Scheduler", "ScheduleCheck", "CareModel"], swiftSettings: strict),
        .testTarget(
            name: "BookingTests",
            dependencies: [
                "Booking", "Scheduler", "PathwayEngine", "Store", "CareModel",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ScheduleCheckTests",
            dependencies: ["ScheduleCheck", "SchedulingModel", "CareModel"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FeedServerTests",
            dependencies: [
                "FeedServer", "Benchmarks", "Store", "ICalendar", "CareModel",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DeskTests",
            dependencies: [
                "Desk", "Store", "StoreTesting", "Booking", "PathwayEngine", "CareModel", "Reports", "Scheduler",
                "ScheduleCheck",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Whole `parcours` processes against one file: concurrency and crash safety.
        .testTarget(
            name: "ReliabilityTests",
            dependencies: [
                "parcours", "ProcessTesting", "Store", "StoreTesting", "Booking", "ScheduleCheck", "CareModel",
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "CareModel"], swiftSettings: strict),
        .testTarget(
            name: "SimulationTests", dependencies: ["Benchmarks", "Booking", "Store", "PathwayEngine", "CareModel"],
            swiftSettings: strict),
        .testTarget(name: "StoreTests", dependencies: ["Store", "StoreTesting", "CareModel"], swiftSettings: strict),
        .testTarget(
            name: "ParcoursCLITests",
            dependencies: [
                "ParcoursCLI", "ProcessTesting", "Store", "StoreTesting", "PathwayEngine", "CareModel", "ICalendar",
                "Desk", "FeedServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        // Raw SQL hooks for tests that must show the schema itself refuses bad data: a test-support
        // target reaching the Store through `package` declarations, never linked into the product.
        .target(
            name: "StoreTesting",
            dependencies: ["Store", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/StoreTesting",
            swiftSettings: strict
        ),
        // Child processes for the tests that run real programs (parcours, chromium): posix_spawn
        // and our own waitpid, with a timeout, never Foundation's Process.
        .target(name: "ProcessTesting", path: "Tests/ProcessTesting", swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
