import Foundation

/// Builds generated files with `swift build` in a temporary package, next to a copy of GraphRuntime's
/// sources: one target per top folder of the files (the version modules on GraphRuntime, and the catalog
/// module on all of them). The tests that prove generated code compiles share it.
public enum GeneratedPackageBuild {
    /// The package's root folder, from this file's path.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public struct Outcome: Sendable {
        public let succeeded: Bool
        /// The compiler's error lines (at most 40), or the end of its output when it printed none.
        public let errors: String
    }

    public static func build(_ files: [(path: String, contents: String)], catalogModule: String = "GeneratedCatalog") throws -> Outcome {
        let fileManager = FileManager.default
        let id = "docgen-compile-check-\(UUID().uuidString)"
        let package = fileManager.temporaryDirectory.appendingPathComponent(id)
        defer {
            try? fileManager.removeItem(at: package)
            // SwiftPM leaves lock files named after the scratch path in the temporary folder.
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
        let modules = Set(files.map { String($0.path.split(separator: "/")[0]) })
        let versionModules = modules.subtracting([catalogModule]).sorted()
        let quoted = { (names: [String]) in names.map { "\"\($0)\"" }.joined(separator: ", ") }
        var targets = [GeneratedPackageBuild.runtimeTarget]
        targets += versionModules.map { ".target(name: \"\($0)\", dependencies: [\"GraphRuntime\"])" }
        if modules.contains(catalogModule) {
            targets.append(".target(name: \"\(catalogModule)\", dependencies: [\(quoted(["GraphRuntime"] + versionModules))])")
        }
        let manifest = """
        // swift-tools-version:6.0
        import PackageDescription

        let package = Package(
            name: "CompileCheck",
            platforms: [.macOS(.v13)],
            dependencies: [
                \(GeneratedPackageBuild.runtimePackageDependencies.joined(separator: ",\n        "))
            ],
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
        return Outcome(succeeded: process.terminationStatus == 0, errors: errors.isEmpty ? String(text.suffix(4000)) : errors)
    }
}

extension GeneratedPackageBuild {
    /// The packages GraphRuntime depends on, as `.package` lines of a scratch manifest (the same as in this
    /// repository's Package.swift).
    public static let runtimePackageDependencies = [
        #".package(url: "https://github.com/apple/swift-http-types", from: "1.8.0")"#,
        #".package(url: "https://github.com/apple/swift-log", from: "1.16.2")"#,
    ]

    /// The GraphRuntime target of a scratch manifest, with its package dependencies.
    public static let runtimeTarget = #".target(name: "GraphRuntime", dependencies: [.product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log")])"#
}

/// A fixed-seed generator (SplitMix64): shuffles and random cases that are the same on every run, so a
/// failing case can be replayed by its seed.
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
