import DocgenPipeline
import Foundation
import Testing

/// The docgen executable's exit status and what `--check` and `--strict` do, run for real.
@Suite("docgen on the command line")
struct CommandLineTests {
    struct Result {
        let status: Int32
        let output: String
    }

    static func docgen(_ arguments: [String]) throws -> Result {
        let executable = try #require(InterruptedRunTests.executable, "the docgen executable is built beside the tests by `swift test`")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    @Test("--strict turns the seeds' warnings into a failing exit status; without it they pass")
    func strict() throws {
        let input = PipelineTests.docsInput.path
        #expect(try Self.docgen(["lint", "--input", input, "--summary-only"]).status == 0)
        #expect(try Self.docgen(["lint", "--input", input, "--summary-only", "--strict"]).status == 1)
    }

    @Test("lint --subset counts the pages it selects, not the whole tree")
    func lintSubsetCounts() throws {
        let input = PipelineTests.docsInput.path
        let whole = try Self.docgen(["lint", "--input", input, "--summary-only"]).output
        let subset = try Self.docgen(["lint", "--input", input, "--summary-only", "--subset", "api/"]).output
        let resources = try Self.docgen(["lint", "--input", input, "--summary-only", "--subset", "v1.0/resources/"]).output
        func pagesLine(_ output: String) -> String? { output.split(separator: "\n").first { $0.hasPrefix("pages:") }.map(String.init) }
        let methodPages = try FileManager.default.contentsOfDirectory(atPath: PipelineTests.docsInput.appendingPathComponent("api").path).count
        let v1Resources = try FileManager.default.contentsOfDirectory(atPath: PipelineTests.docsInput.appendingPathComponent("v1.0/resources").path).count
        #expect(pagesLine(subset) == "pages:        \(methodPages) (method \(methodPages))")
        #expect(pagesLine(resources)?.hasPrefix("pages:        \(v1Resources) (") == true, "\(pagesLine(resources) ?? "")")
        #expect(pagesLine(whole) != pagesLine(subset))
    }

    @Test("--check writes nothing, exits 1 when the output is stale and says what would change in API terms")
    func check() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let docs = root.appendingPathComponent("docs")
        let output = root.appendingPathComponent("Generated")
        try FileManager.default.copyItem(at: PipelineTests.docsInput, to: docs)
        #expect(try Self.docgen(["--input", docs.path, "--output", output.path]).status == 0)
        let before = try InterruptedRunTests.contents(of: output)

        let upToDate = try Self.docgen(["--input", docs.path, "--output", output.path, "--check"])
        #expect(upToDate.status == 0)
        #expect(upToDate.output.contains("is up to date"))

        try EditableDocsTree(root: docs).replace(
            "|id|String|Unique identifier of the assignment.|", with: "|id|Int64|Unique identifier of the assignment.|",
            in: MinimalDiffTests.assignmentPage
        )
        let stale = try Self.docgen(["--input", docs.path, "--output", output.path, "--check"])
        #expect(stale.status == 1)
        #expect(stale.output.contains("update  \(output.path)/\(MinimalDiffTests.assignmentFile)"))
        #expect(stale.output.contains("struct DeviceConfigurationAssignment: property `id: Swift.String?` becomes `id: Swift.Int64?`"))
        #expect(try InterruptedRunTests.contents(of: output) == before, "--check wrote into the output folder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["Generated", "docs"])
    }
}
