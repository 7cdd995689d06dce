// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "JuryPlan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "juryplan", targets: ["juryplan"]),
        .library(name: "JuryPlanCore", targets: ["JuryPlanCore"]),
        .library(name: "MIP", targets: ["MIP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // GLPK as a system library: Debian ships no pkg-config file, so the module map links it directly.
        .systemLibrary(
            name: "CGLPK",
            path: "Sources/CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        .target(name: "MIP", dependencies: ["CGLPK"]),
        .target(name: "JuryPlanCore", dependencies: ["MIP"]),
        // GRDB (SQLite) is imported only by Sources/JuryPlanIO/Store, the campaign store.
        .target(
            name: "JuryPlanIO",
            dependencies: [
                "JuryPlanCore", .product(name: "Yams", package: "Yams"), .product(name: "GRDB", package: "GRDB.swift"),
                // HTML report templates: `{{…}}` escapes every input text.
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "JuryPlanCLI",
            dependencies: [
                "JuryPlanCore", "JuryPlanIO", "MIP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The built-in CSEC demo campaign (fixtures/csec-demo links to these files).
            resources: [.copy("Resources/csec-demo")]
        ),
        .executableTarget(name: "juryplan", dependencies: ["JuryPlanCLI"]),
        .testTarget(name: "MIPTests", dependencies: ["MIP"]),
        .testTarget(name: "JuryPlanCoreTests", dependencies: ["JuryPlanCore"]),
        // GRDB here only to tamper with a store the way a newer juryplan or a hand-made session would.
        .testTarget(name: "JuryPlanIOTests", dependencies: ["JuryPlanIO", "JuryPlanCore", .product(name: "GRDB", package: "GRDB.swift")],
                    resources: [.copy("Files")]),
        .testTarget(name: "JuryPlanCLITests", dependencies: ["JuryPlanCLI", "JuryPlanIO", "JuryPlanCore"]),
    ]
)
