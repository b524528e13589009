import DocgenPipeline
import Foundation
import Testing

/// Output depends on the docs only: not on locale, time zone, the current folder or the number of threads.
@Suite("Output is independent of the environment")
struct EnvironmentIndependenceTests {
    @Test("docgen run under other locales, time zones and folders writes what the pipeline generates in-process",
          arguments: [
              ["LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8", "TZ": "Pacific/Kiritimati"],
              ["LC_ALL": "C", "LANG": "C", "TZ": "America/St_Johns"],
          ])
    func executableUnderOtherEnvironments(environment: [String: String]) throws {
        let executable = try #require(InterruptedRunTests.executable, "the docgen executable is built beside the tests by `swift test`")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-env-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let output = root.appendingPathComponent("Generated")

        let process = Process()
        process.executableURL = executable
        process.arguments = ["--input", PipelineTests.docsInput.path, "--output", output.path]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()

        let expected = Pipeline.generatedFiles(for: Pipeline.model(of: try DocsTree(root: PipelineTests.docsInput), options: .init(parallel: false)))
        let written = try InterruptedRunTests.contents(of: output)
        #expect(written == Dictionary(uniqueKeysWithValues: expected.map { ($0.path, $0.contents) }))
    }
}
