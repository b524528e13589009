import DocgenPipeline
import Foundation
import Testing

/// The flags of issue 15 run for real: diagnostics formats, the configuration file, --version, openapi.
@Suite("docgen's command line in CI and packages")
struct EcosystemCommandLineTests {
    struct Result {
        let status: Int32
        let output: String
        let errors: String
    }

    static func docgen(_ arguments: [String], in folder: URL? = nil) throws -> Result {
        let executable = try #require(InterruptedRunTests.executable, "the docgen executable is built beside the tests by `swift test`")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Both pipes are read on their own threads so that neither can fill up and stall the other.
        let collected = CollectedOutput()
        let group = DispatchGroup()
        for (index, pipe) in [output, errors].enumerated() {
            DispatchQueue.global().async(group: group) { collected.set(index, pipe.fileHandleForReading.readDataToEndOfFile()) }
        }
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: collected.get(0), as: UTF8.self),
                      errors: String(decoding: collected.get(1), as: UTF8.self))
    }

    final class CollectedOutput: @unchecked Sendable {
        private var values: [Data] = [Data(), Data()]
        private let lock = NSLock()
        func set(_ index: Int, _ data: Data) { lock.lock(); values[index] = data; lock.unlock() }
        func get(_ index: Int) -> Data { lock.lock(); defer { lock.unlock() }; return values[index] }
    }

    @Test("--diagnostics-format github prints every diagnostic as a workflow command, then the count")
    func githubAnnotations() throws {
        let text = try Self.docgen(["lint", "--input", PipelineTests.docsInput.path, "--diagnostics-format", "github"])
        var lines = text.errors.split(separator: "\n")
        #expect(lines.last == "docgen: 0 errors, 8 warnings")
        lines.removeLast()
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix("::warning file=") || $0.hasPrefix("::error file=") }, "\(lines)")
        let plain = try Self.docgen(["lint", "--input", PipelineTests.docsInput.path])
        #expect(plain.errors.split(separator: "\n").filter { !$0.hasPrefix("docgen:") }.count == lines.count)
    }

    @Test("a configuration file in the current folder is read, and flags override it")
    func configurationFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-cli-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = "{\"input\": \"\(PipelineTests.docsInput.path)\", \"subset\": [\"/users/**\"]}"
        try Data(config.utf8).write(to: folder.appendingPathComponent("docgen.json"))
        let whole = Pipeline.model(of: try DocsTree(root: PipelineTests.docsInput)).versions.flatMap(\.operations)
        func kept(_ prefix: String) -> Int { whole.filter { $0.path.description.hasPrefix(prefix) }.count }
        #expect(kept("/users") > 0 && kept("/deviceManagement") > 0 && kept("/users") != kept("/deviceManagement"))
        let selected = try Self.docgen(["lint", "--summary-only"], in: folder)
        #expect(selected.output.contains("selection:    keeps \(kept("/users")) of \(whole.count) operations"), "\(selected.output)")
        let overridden = try Self.docgen(["lint", "--summary-only", "--subset", "/deviceManagement/**"], in: folder)
        #expect(overridden.output.contains("selection:    keeps \(kept("/deviceManagement")) of \(whole.count) operations"), "\(overridden.output)")
        try Data("{\"inptu\": \"x\"}".utf8).write(to: folder.appendingPathComponent("docgen.json"))
        let broken = try Self.docgen(["lint"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.errors.hasPrefix("docgen.json:1:2: error: inptu: unknown key"), "\(broken.errors)")
    }

    @Test("--version prints the version; openapi writes a document of the chosen API version")
    func versionAndOpenAPI() throws {
        #expect(try Self.docgen(["--version"]).output == DocgenVersion.current + "\n")
        let document = try Self.docgen(["openapi", "--input", PipelineTests.docsInput.path, "--api-version", "beta"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(document.output.utf8)) as? [String: Any])
        #expect((json["info"] as? [String: Any])?["version"] as? String == "beta")
        let ambiguous = try Self.docgen(["openapi", "--input", PipelineTests.docsInput.path])
        #expect(ambiguous.status == 2)
        #expect(ambiguous.errors.contains("choose one with --api-version"))
    }
}
