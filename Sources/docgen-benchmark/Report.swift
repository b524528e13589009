import Foundation

/// A benchmark's results, as printed and as saved to JSON (`--save`), to be compared later (`--baseline`).
struct BenchmarkReport: Codable {
    struct Corpus: Codable {
        var path: String
        var pages: Int
        var bytes: Int
    }

    /// What was measured, e.g. "before issue 5" or a commit.
    var label: String?
    var commit: String?
    var machine: String
    var date: String
    var runsPerMeasurement: Int
    /// The whole run was made to run on one thread (`--serial`), for a profile; nil or false: all processors.
    var serial: Bool?
    var corpus: Corpus
    var measurements: [MeasurementResult]

    func result(_ kind: MeasurementKind) -> MeasurementResult? { measurements.first { $0.kind == kind } }

    /// Median whole run over median cmark parse.
    var ratio: Double? {
        guard let cmark = result(.cmark), let whole = result(.whole), cmark.medianWall > 0 else { return nil }
        return whole.medianWall / cmark.medianWall
    }

    static let goalRatio = 1.5
    static let goalPeakBytes = 300_000_000

    var megabytes: Double { Double(corpus.bytes) / 1e6 }

    var table: String {
        var lines: [String] = []
        lines.append("docgen benchmark: \(corpus.pages) pages, \(String(format: "%.1f", megabytes)) MB in \(corpus.path)")
        lines.append("pages read into memory first (no disk reads timed); \(runsPerMeasurement) runs each; each kind in a process of its own")
        if serial == true { lines.append("whole run on ONE thread (--serial), not as docgen runs") }
        lines.append("commit \(commit ?? "?"), \(machine), \(date)" + (label.map { ", \"\($0)\"" } ?? ""))
        lines.append("")
        let header = pad("measurement", 34) + padLeft("median s", 9) + padLeft("min s", 9) + padLeft("pages/s", 9)
            + padLeft("MB/s", 8) + padLeft("CPU s", 8) + padLeft("cores", 7) + padLeft("peak MB", 9)
        lines.append(header)
        lines.append(String(repeating: "-", count: header.count))
        for result in measurements {
            let median = result.medianWall
            lines.append(pad(result.kind.title, 34) + padLeft(format(median), 9) + padLeft(format(result.minimumWall), 9)
                + padLeft(median > 0 ? String(Int((Double(corpus.pages) / median).rounded())) : "-", 9)
                + padLeft(median > 0 ? String(format: "%.1f", megabytes / median) : "-", 8)
                + padLeft(format(result.medianCPU), 8)
                + padLeft(median > 0 ? String(format: "%.2f", result.medianCPU / median) : "-", 7)
                + padLeft(String(format: "%.0f", Double(result.peakResidentBytes) / 1e6), 9))
            if result.kind == .whole {
                for stage in ["parse", "link", "emit", "write"] {
                    guard let seconds = result.medianStage(stage) else { continue }
                    lines.append(pad("      \(stage)", 34) + padLeft(format(seconds), 9))
                }
                if let files = result.filesWritten { lines.append(pad("      (\(files) files written)", 34)) }
            }
        }
        lines.append("")
        lines.append("CPU s: user + system time of the process, all threads (median); cores: CPU s / wall s;")
        lines.append("peak MB: the process's peak resident set (ru_maxrss), the pages held in memory included.")
        return lines.joined(separator: "\n")
    }

    /// Against the goal of issue 5: the whole run costs at most 1.5 times cmark's parse, takes less wall time
    /// than cmark on one thread, and peaks under 300 MB.
    var verdict: String {
        guard let cmark = result(.cmark), let whole = result(.whole), let ratio else { return "verdict: incomplete (needs cmark and whole)" }
        let ratioMet = ratio <= Self.goalRatio
        let wallMet = whole.medianWall < cmark.medianWall
        let peakMet = whole.peakResidentBytes < Self.goalPeakBytes
        let parts = [
            "ratio b/a \(String(format: "%.2f", ratio)) \(ratioMet ? "<=" : ">") \(Self.goalRatio) \(ratioMet ? "met" : "NOT met")",
            "wall b \(format(whole.medianWall)) s \(wallMet ? "<" : ">=") a \(format(cmark.medianWall)) s \(wallMet ? "met" : "NOT met")",
            "peak \(String(format: "%.0f", Double(whole.peakResidentBytes) / 1e6)) MB \(peakMet ? "<" : ">=") 300 MB \(peakMet ? "met" : "NOT met")",
        ]
        let all = ratioMet && wallMet && peakMet
        return "verdict: \(parts.joined(separator: "; ")) -> goal \(all ? "met" : "NOT met")"
    }

    /// The change from `baseline`, measurement by measurement.
    func comparison(with baseline: BenchmarkReport, named name: String) -> String {
        var lines: [String] = []
        lines.append("compared with \(name): commit \(baseline.commit ?? "?"), \(baseline.machine), \(baseline.date)" + (baseline.label.map { ", \"\($0)\"" } ?? ""))
        if baseline.corpus.pages != corpus.pages || baseline.corpus.bytes != corpus.bytes {
            lines.append("note: the baseline read \(baseline.corpus.pages) pages (\(baseline.corpus.bytes) bytes), this run \(corpus.pages) (\(corpus.bytes) bytes)")
        }
        if baseline.machine != machine {
            lines.append("note: measured on another machine; wall times compare loosely")
        }
        let header = pad("", 34) + padLeft("baseline", 10) + padLeft("now", 10) + padLeft("change", 9)
        lines.append(header)
        lines.append(String(repeating: "-", count: header.count))
        func row(_ title: String, _ before: Double?, _ after: Double?, _ digits: Int = 3) {
            guard let before, let after else { return }
            let change = before > 0 ? String(format: "%+.0f%%", (after - before) / before * 100) : "-"
            lines.append(pad(title, 34) + padLeft(String(format: "%.\(digits)f", before), 10) + padLeft(String(format: "%.\(digits)f", after), 10) + padLeft(change, 9))
        }
        for kind in MeasurementKind.allCases {
            let before = baseline.result(kind)
            let now = result(kind)
            let name = kind.title.trimmingCharacters(in: .whitespaces)
            row("\(name): median s", before?.medianWall, now?.medianWall)
            row("\(name): CPU s", before?.medianCPU, now?.medianCPU)
            row("\(name): peak MB", before.map { Double($0.peakResidentBytes) / 1e6 }, now.map { Double($0.peakResidentBytes) / 1e6 }, 0)
            if kind == .whole {
                for stage in ["parse", "link", "emit", "write"] {
                    row("    \(stage): median s", before?.medianStage(stage), now?.medianStage(stage))
                }
            }
        }
        row("ratio b/a", baseline.ratio, ratio, 2)
        return lines.joined(separator: "\n")
    }
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

private func padLeft(_ text: String, _ width: Int) -> String {
    text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
}
