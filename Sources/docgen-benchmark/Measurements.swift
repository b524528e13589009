import DocgenModel
import DocgenPipeline
import Foundation
import MarkdownSyntax
import OutputWriter

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the benchmark measures. Each kind runs in a process of its own, so that its peak memory is its own.
enum MeasurementKind: String, CaseIterable, Codable, Sendable {
    /// cmark's parse and free of every page, one thread: the yardstick.
    case cmark
    /// MarkdownSyntax's whole Swift tree (cmark, positions, pipe tables) of every page, one thread.
    case markdownTree
    /// docgen's whole run: parse every page (on all cores), link, emit, write into a fresh folder.
    case whole

    var title: String {
        switch self {
        case .cmark: "(a) cmark parse only, 1 thread"
        case .markdownTree: "    MarkdownSyntax tree, 1 thread"
        case .whole: "(b) docgen whole run"
        }
    }
}

/// One timed run.
struct RunSample: Codable, Sendable {
    var wallSeconds: Double
    /// User plus system time of the whole process (all threads) during the run.
    var cpuSeconds: Double
    /// Wall seconds of each stage of a whole run, by name (`parse`, `link`, `emit`, `write`).
    var stageSeconds: [String: Double]?
}

/// The runs of one kind, and the peak memory of the process that ran them.
struct MeasurementResult: Codable, Sendable {
    var kind: MeasurementKind
    var runs: [RunSample]
    /// The process's peak resident set (ru_maxrss), including the pages held in memory.
    var peakResidentBytes: Int
    /// Files the whole run wrote (nil for the parse-only kinds).
    var filesWritten: Int?

    var medianWall: Double { runs.map(\.wallSeconds).median }
    var minimumWall: Double { runs.map(\.wallSeconds).min() ?? 0 }
    var medianCPU: Double { runs.map(\.cpuSeconds).median }
    func medianStage(_ name: String) -> Double? {
        let values = runs.compactMap { $0.stageSeconds?[name] }
        return values.isEmpty ? nil : values.median
    }
}

extension Array where Element == Double {
    /// The middle value (the mean of the two middle ones for an even count); 0 when empty.
    var median: Double {
        guard !isEmpty else { return 0 }
        let sorted = self.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// The pages of a docs folder, read into memory once, before anything is timed.
struct LoadedPages {
    let root: URL
    let pages: [(path: String, contents: Data)]
    var totalBytes: Int { pages.reduce(0) { $0 + $1.contents.count } }

    init(root: URL) throws {
        let tree = try DocsTree(root: root)
        self.root = tree.root
        pages = try tree.pagePaths.map { path in
            guard let data = FileManager.default.contents(atPath: tree.url(of: path).path) else {
                throw BenchmarkError.unreadable(tree.url(of: path).path)
            }
            return (path, data)
        }
    }
}

enum BenchmarkError: Error, CustomStringConvertible {
    case unreadable(String)
    case childFailed(MeasurementKind, Int32)
    case notABenchmarkFile(String)

    var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path)"
        case .childFailed(let kind, let status): "the \(kind.rawValue) measurement exited with status \(status)"
        case .notABenchmarkFile(let path): "\(path) is not a docgen benchmark result"
        }
    }
}

/// Wall and CPU clocks of this process.
struct Clock {
    static func wall() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func usage() -> rusage {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage
    }

    static func cpu() -> Double {
        let usage = usage()
        let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// ru_maxrss is in kilobytes on Linux, in bytes on Darwin.
    static func peakResidentBytes() -> Int {
        #if os(Linux)
        Int(usage().ru_maxrss) * 1024
        #else
        Int(usage().ru_maxrss)
        #endif
    }
}

/// Runs one kind of measurement `runs` times in this process.
struct Measurer {
    let pages: LoadedPages
    /// A folder of its own for the whole runs' output; each run writes a fresh folder inside it and deletes
    /// it afterwards (untimed).
    let scratch: URL
    /// How the whole run spreads its work: the pipeline's default (all processors), or one thread.
    var options = Pipeline.Options()

    func measure(_ kind: MeasurementKind, runs: Int, progress: (String) -> Void) throws -> MeasurementResult {
        var samples: [RunSample] = []
        var filesWritten: Int?
        switch kind {
        case .cmark:
            for run in 1...runs {
                let sample = timed {
                    for page in pages.pages { MarkdownParser.parseWithCmarkOnly(page.contents) }
                }
                samples.append(sample)
                progress("cmark run \(run)/\(runs): \(format(sample.wallSeconds)) s")
            }
        case .markdownTree:
            let texts = pages.pages.map { String(decoding: $0.contents, as: UTF8.self) }
            for run in 1...runs {
                var blocks = 0
                let sample = timed {
                    for text in texts { blocks += MarkdownParser.parse(text).blocks.count }
                }
                precondition(blocks > 0 || texts.isEmpty)
                samples.append(sample)
                progress("MarkdownSyntax tree run \(run)/\(runs): \(format(sample.wallSeconds)) s")
            }
        case .whole:
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            for run in 1...runs {
                let folder = scratch.appendingPathComponent("run-\(run)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                var written = 0
                var stages: [String: Double] = [:]
                var failure: Error?
                var sample = timed {
                    do {
                        written = try wholeRun(output: folder.appendingPathComponent("Generated"), stages: &stages)
                    } catch {
                        failure = error
                    }
                }
                if let failure { throw failure }
                sample.stageSeconds = stages
                samples.append(sample)
                filesWritten = written
                try FileManager.default.removeItem(at: folder)
                progress("whole run \(run)/\(runs): \(format(sample.wallSeconds)) s (" + ["parse", "link", "emit", "write"].map { "\($0) \(format(stages[$0] ?? 0))" }.joined(separator: ", ") + ")")
            }
        }
        return MeasurementResult(kind: kind, runs: samples, peakResidentBytes: Clock.peakResidentBytes(), filesWritten: filesWritten)
    }

    /// What `docgen --input ... --output ...` does, from pages in memory: parse (all cores), link, emit and
    /// write. Everything the run made is released before it returns, as when the command ends.
    private func wholeRun(output: URL, stages: inout [String: Double]) throws -> Int {
        var mark = Clock.wall()
        func stage(_ name: String) {
            let now = Clock.wall()
            stages[name] = now - mark
            mark = now
        }
        // Each stage's input is released once the next stage has its output, as in the command.
        let files: [OutputFile]
        do {
            let model: APIModel
            do {
                let parsed = Pipeline.parsePages(contents: pages.pages, options: options)
                stage("parse")
                model = Pipeline.link(parsed, options: options)
            }
            stage("link")
            files = Pipeline.generatedFiles(for: model, options: options)
        }
        stage("emit")
        try OutputWriter.write(files, to: output)
        stage("write")
        return files.count
    }

    private func timed(_ body: () -> Void) -> RunSample {
        let cpuBefore = Clock.cpu()
        let start = Clock.wall()
        body()
        let wall = Clock.wall() - start
        return RunSample(wallSeconds: wall, cpuSeconds: Clock.cpu() - cpuBefore, stageSeconds: nil)
    }
}

func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
