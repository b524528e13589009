import Foundation
import OutputWriter
import Testing

/// The package's root folder, from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Builds the files of a generated output folder (one folder per module: the version modules and the
/// catalog) with `swift build` in a temporary package, next to a copy of GraphRuntime's sources, as
/// SwiftEmitterTests.expectCompiles does for emitted files; the compiler's errors become the issue.
func expectCompiles(_ files: [OutputFile], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let fileManager = FileManager.default
    let id = "docgen-hostile-compile-\(UUID().uuidString)"
    let package = fileManager.temporaryDirectory.appendingPathComponent(id)
    defer {
        try? fileManager.removeItem(at: package)
        for name in (try? fileManager.contentsOfDirectory(atPath: fileManager.temporaryDirectory.path)) ?? [] where name.contains(id) {
            try? fileManager.removeItem(at: fileManager.temporaryDirectory.appendingPathComponent(name))
        }
    }
    let sources = package.appendingPathComponent("Sources")
    try fileManager.createDirectory(at: sources, withIntermediateDirectories: true)
    try fileManager.copyItem(at: repositoryRoot.appendingPathComponent("Sources/GraphRuntime"), to: sources.appendingPathComponent("GraphRuntime"))
    for file in files {
        let url = sources.appendingPathComponent(file.path)
        try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.contents.utf8).write(to: url)
    }
    let modules = Set(files.map { String($0.path.split(separator: "/")[0]) }).sorted()
    let catalog = "GeneratedCatalog"
    let versionModules = modules.filter { $0 != catalog }
    var targets = [".target(name: \"GraphRuntime\")"]
    targets += versionModules.map { ".target(name: \"\($0)\", dependencies: [\"GraphRuntime\"])" }
    if modules.contains(catalog) {
        let dependencies = (["GraphRuntime"] + versionModules).map { "\"\($0)\"" }.joined(separator: ", ")
        targets.append(".target(name: \"\(catalog)\", dependencies: [\(dependencies)])")
    }
    let manifest = """
    // swift-tools-version:6.0
    import PackageDescription

    let package = Package(
        name: "HostileCompileCheck",
        platforms: [.macOS(.v13)],
        targets: [
            \(targets.joined(separator: ",\n        "))
        ]
    )

    """
    try Data(manifest.utf8).write(to: package.appendingPathComponent("Package.swift"))

    let log = package.appendingPathComponent("build.log")
    _ = fileManager.createFile(atPath: log.path, contents: nil)
    let output = try FileHandle(forWritingTo: log)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["swift", "build", "--package-path", package.path, "--scratch-path", package.appendingPathComponent(".build").path]
    process.standardOutput = output
    process.standardError = output
    try process.run()
    process.waitUntilExit()
    try output.close()
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    let errors = text.split(separator: "\n").filter { $0.contains("error:") }.prefix(40).joined(separator: "\n")
    #expect(process.terminationStatus == 0, "swift build failed:\n\(errors.isEmpty ? String(text.suffix(4000)) : errors)", sourceLocation: sourceLocation)
}
