// swift-tools-version:6.0
import Foundation
import PackageDescription

// docgen: Microsoft Graph reference pages (Markdown) -> intermediate model -> Swift client.
//
// The pipeline, one library per stage, each with a typed value between stages:
//   MarkdownSyntax  cmark (the only module that touches its C API) -> immutable Markdown tree, pipe tables
//   JSONText        JSON text (strict and lenient) -> ordered JSON values with positions; semantic diff
//   PageParser      one page's Markdown tree -> ParsedPage (operations, types, enums, examples, diagnostics)
//   ModelLinker     all ParsedPages -> APIModel (per API version; types resolved, inferred, merged, checked)
//   SwiftEmitter    APIModel -> structured Swift declarations -> printed files (naming and escaping rules)
//   OutputWriter    printed files -> Generated/ (atomic replace, unchanged files untouched, --check)
//   DocgenPipeline  the stages wired together; what the CLI and the tests call
//   docgen          the thin command-line front end
//
// The generated client lives in Generated/: one module per API version (GraphV1, GraphBeta, ...) on top of
// the hand-written GraphRuntime, plus GeneratedCatalog, which lists those modules for the golden tests.
// docgen decides which version modules exist, so the manifest discovers them from Generated/.

let packageRoot = Context.packageDirectory
let generatedRoot = packageRoot + "/Generated"
let catalogModule = "GeneratedCatalog"

func generatedVersionModules() -> [String] {
    let fileManager = FileManager.default
    guard let entries = try? fileManager.contentsOfDirectory(atPath: generatedRoot) else { return [] }
    return entries.filter { name in
        var isDirectory: ObjCBool = false
        return name != catalogModule && !name.hasPrefix(".")
            && fileManager.fileExists(atPath: generatedRoot + "/" + name, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }.sorted()
}

let versionModules = generatedVersionModules()
let hasCatalog = FileManager.default.fileExists(atPath: generatedRoot + "/" + catalogModule)

var targets: [Target] = [
    .systemLibrary(
        name: "CCmark",
        pkgConfig: "libcmark",
        providers: [.apt(["libcmark-dev"])]
    ),
    .target(name: "MarkdownSyntax", dependencies: ["CCmark"]),
    .target(name: "APIModel"),
    .target(name: "JSONText", dependencies: ["APIModel"]),
    .target(name: "PageParser", dependencies: ["MarkdownSyntax", "APIModel", "JSONText"]),
    .target(name: "ModelLinker", dependencies: ["APIModel"]),
    .target(name: "SwiftEmitter", dependencies: ["APIModel"]),
    .target(name: "OutputWriter"),
    .target(
        name: "DocgenPipeline",
        dependencies: ["PageParser", "ModelLinker", "SwiftEmitter", "OutputWriter", "APIModel"]
    ),
    .executableTarget(
        name: "docgen",
        dependencies: ["DocgenPipeline", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    .target(name: "GraphRuntime"),

    .testTarget(name: "MarkdownSyntaxTests", dependencies: ["MarkdownSyntax"]),
    .testTarget(name: "JSONTextTests", dependencies: ["JSONText", "APIModel"]),
    .testTarget(name: "PageParserTests", dependencies: ["PageParser", "MarkdownSyntax", "APIModel"],
                resources: [.copy("Expected")]),
    .testTarget(name: "ModelLinkerTests", dependencies: ["ModelLinker", "PageParser", "APIModel"]),
    .testTarget(name: "SwiftEmitterTests", dependencies: ["SwiftEmitter", "APIModel"]),
    .testTarget(name: "OutputWriterTests", dependencies: ["OutputWriter"]),
    .testTarget(name: "GraphRuntimeTests", dependencies: ["GraphRuntime"]),
    .testTarget(name: "DocgenPipelineTests", dependencies: ["DocgenPipeline", "APIModel"]),
]

for module in versionModules {
    targets.append(.target(name: module, dependencies: ["GraphRuntime"], path: "Generated/\(module)"))
}
if hasCatalog {
    targets.append(.target(
        name: catalogModule,
        dependencies: ["GraphRuntime"] + versionModules.map { Target.Dependency(stringLiteral: $0) },
        path: "Generated/\(catalogModule)"
    ))
    targets.append(.testTarget(
        name: "GoldenTests",
        dependencies: [.init(stringLiteral: catalogModule), "GraphRuntime", "DocgenPipeline", "JSONText", "APIModel"]
    ))
}

let package = Package(
    name: "docgen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "docgen", targets: ["docgen"]),
        .library(name: "GraphRuntime", targets: ["GraphRuntime"]),
    ] + versionModules.map { .library(name: $0, targets: [$0]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: targets
)
