import DocgenPipeline
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The docgen executable, killed for real while it writes: the output folder holds the complete old client
/// or the complete new one, never a mix, and the next run finishes the job.
@Suite("Interrupted runs", .serialized)
struct InterruptedRunTests {
    /// `docgen`, built by `swift test` beside the test bundle.
    static var executable: URL? {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [products, products.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("docgen")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// A docs tree of `count` type pages whose descriptions say `word`: every generated type file changes
    /// when the word does.
    static func makeDocs(at root: URL, count: Int, word: String) throws {
        for index in 0..<count {
            let page = """
            # thing\(index) resource type

            Namespace: microsoft.graph

            A \(word) thing number \(index).

            ## Properties

            |Property|Type|Description|
            |:---|:---|:---|
            |id|String|The \(word) key.|
            |name|String|The \(word) name.|
            |size|Int32|The \(word) size.|

            """
            let url = root.appendingPathComponent("v1.0/resources/thing\(index).md")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(page.utf8).write(to: url)
        }
    }

    /// The generated files of `folder`, without docgen's marker (`OutputWriter.markerName`).
    static func contents(of folder: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        let prefix = folder.standardizedFileURL.path + "/"
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [:] }
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            let path = String(url.standardizedFileURL.path.dropFirst(prefix.count))
            if path == ".docgen-output" { continue }
            files[path] = try String(contentsOf: url, encoding: .utf8)
        }
        return files
    }

    @discardableResult
    static func run(_ executable: URL, input: URL, output: URL) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--input", input.path, "--output", output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("SIGKILL and SIGINT at any point of a run leave the old or the new client, and the next run completes")
    func killedRuns() throws {
        let executable = try #require(Self.executable, "the docgen executable is built beside the tests by `swift test`")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let inputs = [root.appendingPathComponent("old"), root.appendingPathComponent("new")]
        try Self.makeDocs(at: inputs[0], count: 400, word: "old")
        try Self.makeDocs(at: inputs[1], count: 400, word: "new")
        let expected = try inputs.map { input in
            Dictionary(uniqueKeysWithValues: Pipeline.generatedFiles(for: Pipeline.model(of: try DocsTree(root: input))).map { ($0.path, $0.contents) })
        }
        let output = root.appendingPathComponent("out/Generated")
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)

        // A full run, timed, to spread the kills over its length.
        let started = Date()
        let first = try Self.run(executable, input: inputs[0], output: output)
        first.waitUntilExit()
        let duration = Date().timeIntervalSince(started)
        #expect(first.terminationStatus == 0)
        #expect(try Self.contents(of: output) == expected[0])

        var state = 0
        var interrupted = 0
        let trials = 6
        for trial in 0..<trials {
            let target = 1 - state
            let process = try Self.run(executable, input: inputs[target], output: output)
            usleep(useconds_t(duration * (Double(trial) + 0.5) / Double(trials) * 1_000_000))
            kill(process.processIdentifier, trial.isMultiple(of: 2) ? SIGKILL : SIGINT)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { interrupted += 1 }
            let found = try Self.contents(of: output)
            let matches = expected.indices.filter { expected[$0] == found }
            #expect(matches.count == 1, "trial \(trial): the output folder is neither the old client nor the new one (\(found.count) files)")
            state = matches.first ?? state
        }
        #expect(interrupted > 0, "no run was interrupted; the kills all came after the runs ended")

        let last = try Self.run(executable, input: inputs[1], output: output)
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        #expect(try Self.contents(of: output) == expected[1])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path).filter { $0 != "Generated" }
        #expect(leftovers.isEmpty, "staging or previous folders left behind: \(leftovers)")
    }
}
