// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "triage-eval",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "TriageEngine", targets: ["TriageEngine"]),
        .library(name: "TriageEval", targets: ["TriageEval"]),
        .executable(name: "triage-eval", targets: ["triage-eval"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        // The production engine: a service links this target as is. It knows nothing of the harness.
        .target(
            name: "TriageEngine",
            dependencies: [
                "CCurlShim",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // libcurl for the engine's CurlTransport, opened with dlopen at run time: no headers or -dev package
        // needed to build, and a machine without libcurl still runs (with URLSessionTransport).
        .target(name: "CCurlShim", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // The harness: suites, runner, store, reports, gates. Drives the engine above, never a copy of it.
        .target(
            name: "TriageEval",
            dependencies: [
                "TriageEngine",
                "CLibPQ",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // `triage-eval init`'s starting point, as files (rules/ and prompts/ are copies of the shipped ones).
            resources: [.copy("Init/Templates")]
        ),
        // libpq (PostgreSQL's C client, Debian's libpq-dev) for the harness's PostgresStore; never the engine's.
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", providers: [.apt(["libpq-dev"])]),
        // `triage-eval view`: a live viewer of the store over HTTP (hummingbird), in its own target so the harness
        // and the engine never pull SwiftNIO.
        .target(
            name: "TriageViewer",
            dependencies: [
                "TriageEval",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A real HTTP/1.1 server on 127.0.0.1 with OpenAI and Anthropic stubs, for tests and the benchmark.
        // Depends on nothing but Foundation, so any target may link it.
        .target(name: "LoopbackServer"),
        // The CLI: parses arguments and calls the libraries, nothing more.
        .executableTarget(
            name: "triage-eval",
            dependencies: [
                "TriageEval",
                "TriageEngine",
                "TriageViewer",
                "LoopbackServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A support service as it links the engine: TriageEngine only, never the harness (README, "Production").
        .executableTarget(
            name: "TriageService",
            dependencies: ["TriageEngine", .product(name: "Logging", package: "swift-log")],
            path: "Examples/TriageService",
            exclude: ["ticket.json"]
        ),
        .testTarget(name: "TriageEngineTests", dependencies: ["TriageEngine", "LoopbackServer", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "TriageEvalTests", dependencies: ["TriageEval", "TriageEngine", "LoopbackServer",
                                                    .product(name: "Yams", package: "Yams"),
                                                    .product(name: "Logging", package: "swift-log")]),
        // Runs the built `triage-eval` binary (which `swift build` and `swift test` build); the resume tests also
        // read the store and hold model requests on a loopback stub.
        .testTarget(name: "TriageCLITests", dependencies: ["TriageEval", "TriageEngine", "LoopbackServer", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "TriageViewerTests", dependencies: ["TriageViewer", "TriageEval", "TriageEngine",
                                                      .product(name: "Logging", package: "swift-log")]),
    ]
)
