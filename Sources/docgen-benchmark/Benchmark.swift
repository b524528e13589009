import ArgumentParser
import DocgenPipeline
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures docgen's whole run against cmark's own parse of the same pages. See scripts/benchmark.sh.
@main
struct Benchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docgen-benchmark",
        abstract: "Measures docgen's whole run against cmark's parse of the same pages.",
        discussion: """
        Reads every page of the docs folder into memory, then measures, each kind in a child process of its \
        own (so that each has its own peak memory): (a) cmark parsing and freeing every page on one thread, \
        MarkdownSyntax's Swift tree of every page on one thread, and (b) docgen's whole run (parse on all \
        cores, link, emit, write into a fresh scratch folder). Prints a table, the ratio b/a of the medians and \
        a verdict against the goal (b/a <= 1.5, wall b < wall a, peak < 300 MB).
        """
    )

    @Argument(help: "The docs folder: every .md file below it is read.")
    var docs: String

    @Option(help: "Runs of each measurement.")
    var runs = 5

    @Option(name: .customLong("only"), help: "Measure only these kinds (cmark, markdownTree, whole; repeatable).")
    var kinds: [MeasurementKind] = MeasurementKind.allCases

    @Option(help: "Save the results as JSON to this file.")
    var save: String?

    @Option(help: "Compare with the results saved in this file.")
    var baseline: String?

    @Option(help: "A label saved with the results, e.g. what the code is.")
    var label: String?

    @Option(help: "The commit measured, saved with the results.")
    var commit: String?

    @Option(help: "The machine, saved with the results (default: CPU, cores and memory of this one).")
    var machine: String?

    @Option(help: "Folder for the whole runs' output (default: a new folder in the temporary folder).")
    var scratch: String?

    @Flag(help: "Run the whole run on one thread (for a profiler's call tree; not what docgen does).")
    var serial = false

    @Option(help: .hidden)
    var measure: MeasurementKind?

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        let scratchURL = scratch.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("docgen-benchmark-\(getpid())")
        if let measure {
            // Child: measure one kind, print its result as JSON on standard output.
            let pages = try LoadedPages(root: URL(fileURLWithPath: docs))
            var measurer = Measurer(pages: pages, scratch: scratchURL)
            if serial { measurer.options = Pipeline.Options(parallel: false) }
            let result = try measurer.measure(measure, runs: runs) { message in
                FileHandle.standardError.write(Data("  \(message)\n".utf8))
            }
            FileHandle.standardOutput.write(try JSONEncoder().encode(result))
            return
        }

        let pages = try LoadedPages(root: URL(fileURLWithPath: docs))
        var results: [MeasurementResult] = []
        for kind in MeasurementKind.allCases where kinds.contains(kind) {
            FileHandle.standardError.write(Data("measuring \(kind.rawValue) (\(runs) runs)\n".utf8))
            results.append(try measureInChild(kind, scratch: scratchURL.appendingPathComponent(kind.rawValue)))
        }
        let report = BenchmarkReport(
            label: label, commit: commit, machine: machine ?? Self.describeMachine(),
            date: ISO8601DateFormatter().string(from: Date()), runsPerMeasurement: runs, serial: serial ? true : nil,
            corpus: .init(path: docs, pages: pages.pages.count, bytes: pages.totalBytes),
            measurements: results
        )
        print(report.table)
        print("")
        if let ratio = report.ratio {
            print("ratio b/a (median whole run / median cmark parse): \(String(format: "%.2f", ratio))")
        }
        print(report.verdict)
        if let baseline {
            let data = try Data(contentsOf: URL(fileURLWithPath: baseline))
            guard let saved = try? JSONDecoder().decode(BenchmarkReport.self, from: data) else {
                throw BenchmarkError.notABenchmarkFile(baseline)
            }
            print("")
            print(report.comparison(with: saved, named: baseline))
        }
        if let save {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let url = URL(fileURLWithPath: save)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (encoder.encode(report) + Data("\n".utf8)).write(to: url, options: .atomic)
            print("")
            print("saved to \(save)")
        }
    }

    /// Runs this program again with `--measure kind` and reads the result it prints.
    private func measureInChild(_ kind: MeasurementKind, scratch: URL) throws -> MeasurementResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executablePath())
        process.arguments = [docs, "--runs", String(runs), "--measure", kind.rawValue, "--scratch", scratch.path] + (serial ? ["--serial"] : [])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchmarkError.childFailed(kind, process.terminationStatus) }
        return try JSONDecoder().decode(MeasurementResult.self, from: data)
    }

    private static func executablePath() -> String {
        #if os(Linux)
        if let resolved = realpath("/proc/self/exe", nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        #endif
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    /// "AMD EPYC, 2 cores, 24 GiB".
    static func describeMachine() -> String {
        var cpu = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)
        return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(String(format: "%.0f", memory)) GiB"
    }
}

extension MeasurementKind: ExpressibleByArgument {}
