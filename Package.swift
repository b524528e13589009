// swift-tools-version:6.0
import PackageDescription

// docgen: Microsoft Graph reference pages (Markdown) -> intermediate model -> Swift client.
//
// The pipeline, one library per stage, each with a typed value between stages:
//   MarkdownSyntax  cmark (the only module that touches its C API) -> immutable Markdown tree, pipe tables
//   DocgenModel     the intermediate model (Codable): pages, operations, types, enums, examples, diagnostics
//   JSONText        JSON text (strict and lenient) -> ordered JSON values with positions; semantic diff
//   PageParser      one page's Markdown tree -> ParsedPage (operations, types, enums, examples, diagnostics)
//   ModelLinker     all ParsedPages -> APIModel (per API version; types resolved, inferred, merged, checked)
//   SwiftEmitter    APIModel -> structured Swift declarations -> printed files (naming and escaping rules)
//   OutputWriter    printed files -> Generated/ (atomic replace, unchanged files untouched, --check)
//   ModelDiff       two APIModels -> DriftReport (API changes classified for the Swift client) -> Markdown/JSON
//   DocgenPipeline  the stages wired together; what the CLI and the tests call
//   docgen          the thin command-line front end
//   docgen-benchmark  the whole run against cmark's own parse of the same pages (scripts/benchmark.sh)
//
// The generated client lives in Generated/: one module per API version (GraphV1, GraphBeta, ...) on top of
// the hand-written GraphRuntime, plus GeneratedCatalog, which lists those modules for the golden tests.
// docgen decides which version modules exist and keeps the list below in step with Generated/ (it rewrites
// only the line between the markers, and `docgen --check` reports it when it is stale). The list is static
// on purpose: SwiftPM caches manifests by their text, so a manifest that looked at the folder would not
// notice a module appearing.
// docgen:generated-modules:begin
let versionModules = ["GraphBeta", "GraphV1"]
// docgen:generated-modules:end
let catalogModule = "GeneratedCatalog"

var targets: [Target] = [
    .systemLibrary(
        name: "CCmark",
        pkgConfig: "libcmark",
        providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
    ),
    .target(name: "MarkdownSyntax", dependencies: ["CCmark"]),
    .target(name: "DocgenModel"),
    .target(name: "JSONText", dependencies: ["DocgenModel"]),
    .target(name: "PageParser", dependencies: ["MarkdownSyntax", "DocgenModel", "JSONText"]),
    .target(name: "ModelLinker", dependencies: ["DocgenModel"]),
    .target(name: "SwiftEmitter", dependencies: ["DocgenModel"]),
    .target(name: "OutputWriter"),
    .target(name: "ModelDiff", dependencies: ["DocgenModel", "SwiftEmitter"]),
    // CSDL metadata (EDMX XML, read with Foundation's XMLParser) and its comparison with the model of the pages.
    .target(name: "MetadataReader"),
    .target(name: "MetadataComparison", dependencies: ["DocgenModel", "MetadataReader"]),
    .target(
        name: "DocgenPipeline",
        dependencies: ["PageParser", "ModelLinker", "SwiftEmitter", "OutputWriter", "DocgenModel", "MetadataReader", "MetadataComparison"]
    ),
    // The model as an OpenAPI 3.0 document (`docgen openapi`).
    .target(name: "OpenAPIWriter", dependencies: ["DocgenModel", "JSONText"]),
    // docgen.json: read with positions, checked, turned into the options of the stages.
    .target(name: "DocgenConfig", dependencies: ["DocgenPipeline", "SwiftEmitter", "JSONText", "DocgenModel"]),
    .executableTarget(
        name: "docgen",
        dependencies: ["DocgenPipeline", "DocgenConfig", "SwiftEmitter", "ModelDiff", "MetadataComparison", "OpenAPIWriter", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    .executableTarget(
        name: "docgen-benchmark",
        dependencies: ["MarkdownSyntax", "DocgenModel", "DocgenPipeline", "OutputWriter", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    // The runtime of the generated client: swift-http-types and swift-log only. GraphOpenAPITransport is
    // the adapter that lets any swift-openapi-runtime ClientTransport carry its requests, a target of its own
    // so that plain users of GraphRuntime do not build swift-openapi-runtime.
    .target(
        name: "GraphRuntime",
        dependencies: [
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
        ]
    ),
    .target(
        name: "GraphOpenAPITransport",
        dependencies: [
            "GraphRuntime",
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
        ]
    ),
    // `swift package --allow-writing-to-package-directory generate-graph-client`: docgen run as docgen.json says,
    // for packages that depend on docgen (and for this one).
    .plugin(
        name: "GenerateGraphClient",
        capability: .command(
            intent: .custom(verb: "generate-graph-client", description: "Regenerate the Microsoft Graph client from the reference pages, as docgen.json says."),
            permissions: [.writeToPackageDirectory(reason: "docgen writes the generated client into the package (the output folder of docgen.json).")]
        ),
        dependencies: ["docgen"]
    ),
    // The fuzz target of scripts/fuzz.sh (built plainly, it replays pages) and what it runs on each input.
    .target(name: "FuzzHarness", dependencies: ["PageParser", "MarkdownSyntax", "ModelLinker", "SwiftEmitter", "DocgenModel"]),
    .systemLibrary(name: "CLibFuzzer"),
    .executableTarget(name: "PageParserFuzzer", dependencies: ["FuzzHarness", "CLibFuzzer"]),

    // Helpers the test targets share (building generated code, seeded randomness); not part of docgen.
    .target(name: "TestSupport", path: "Tests/TestSupport"),

    .testTarget(name: "MarkdownSyntaxTests", dependencies: ["MarkdownSyntax"]),
    .testTarget(name: "JSONTextTests", dependencies: ["JSONText", "DocgenModel"]),
    .testTarget(name: "PageParserTests", dependencies: ["PageParser", "MarkdownSyntax", "DocgenModel"],
                resources: [.copy("Expected")]),
    .testTarget(name: "ModelLinkerTests", dependencies: ["ModelLinker", "PageParser", "DocgenModel", "TestSupport"]),
    .testTarget(name: "SwiftEmitterTests", dependencies: ["SwiftEmitter", "DocgenModel", "TestSupport"]),
    .testTarget(name: "OpenAPIWriterTests", dependencies: ["OpenAPIWriter", "DocgenModel"]),
    .testTarget(name: "DocgenConfigTests", dependencies: ["DocgenConfig", "DocgenPipeline", "SwiftEmitter", "DocgenModel"]),
    .testTarget(name: "OutputWriterTests", dependencies: ["OutputWriter"]),
    .testTarget(
        name: "GraphRuntimeTests",
        dependencies: [
            "GraphRuntime",
            "GraphOpenAPITransport",
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            .product(name: "FlyingFox", package: "FlyingFox"),
            .product(name: "FlyingSocks", package: "FlyingFox"),
        ]
    ),
    .testTarget(name: "DocgenPipelineTests", dependencies: ["DocgenPipeline", "DocgenModel", "PageParser", "ModelLinker", "OutputWriter", "TestSupport"]),
    .testTarget(name: "MetadataTests", dependencies: ["MetadataReader", "MetadataComparison", "DocgenPipeline", "DocgenModel", "PageParser", "ModelLinker"]),
    .testTarget(name: "ModelDiffTests", dependencies: ["ModelDiff", "DocgenPipeline", "DocgenModel"], exclude: ["Fixtures"]),
    .testTarget(name: "HostileInputTests",
                dependencies: ["DocgenPipeline", "OutputWriter", "FuzzHarness", "PageParser", "DocgenModel", "TestSupport"],
                resources: [.copy("HostilePages"), .copy("FuzzRegressions")]),
]

for module in versionModules {
    targets.append(.target(name: module, dependencies: ["GraphRuntime"], path: "Generated/\(module)"))
}
if !versionModules.isEmpty {
    targets.append(.target(
        name: catalogModule,
        dependencies: ["GraphRuntime"] + versionModules.map { Target.Dependency(stringLiteral: $0) },
        path: "Generated/\(catalogModule)"
    ))
    targets.append(.testTarget(
        name: "GoldenTests",
        dependencies: [.init(stringLiteral: catalogModule), "GraphRuntime", "DocgenPipeline", "JSONText", "DocgenModel",
                       .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "HTTPTypes", package: "swift-http-types")]
    ))
}

let package = Package(
    name: "docgen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "docgen", targets: ["docgen"]),
        .plugin(name: "GenerateGraphClient", targets: ["GenerateGraphClient"]),
        .library(name: "GraphRuntime", targets: ["GraphRuntime"]),
        .library(name: "GraphOpenAPITransport", targets: ["GraphOpenAPITransport"]),
    ] + versionModules.map { .library(name: $0, targets: [$0]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // GraphRuntime's own dependencies (light: no SwiftNIO).
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // GraphOpenAPITransport's.
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        // Test-only: a real HTTP server on 127.0.0.1, and an openapi transport to run the client through.
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        // `swift package generate-documentation` (scripts/docs.sh): DocC for GraphRuntime and the generated modules.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: targets
)
