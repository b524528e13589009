import DocgenModel
import Foundation

extension DriftReport {
    /// The report as JSON: pretty-printed, keys sorted, so that two runs give the same bytes.
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}

/// The report as Markdown for a pull-request comment: a headline with the counts, then the breaking changes,
/// the additive ones and the informational ones, each grouped by area and API version, one table row per
/// change with the page and line on both sides and the effect on the Swift client; wording-only changes as
/// counts at the end.
///
/// Page text never breaks the layout: names and values are code spans or escaped text (`|`, backticks, HTML,
/// Markdown emphasis, line breaks), and HTML (`<details>`) is only ever written by the renderer itself.
public struct MarkdownReport: Sendable {
    /// Groups with more rows than this are folded into a `<details>` element.
    public var foldAbove: Int
    /// At most this many rows per group; the rest are counted (the JSON report has them all). nil: no limit.
    public var maximumRowsPerGroup: Int?
    /// About how long the text may get: rows stop (breaking ones are listed first) and are counted once the
    /// rows would pass it. GitHub refuses comments longer than 65,536 characters. nil: no limit.
    public var maximumLength: Int?

    public init(foldAbove: Int = 10, maximumRowsPerGroup: Int? = 200, maximumLength: Int? = 60_000) {
        self.foldAbove = foldAbove
        self.maximumRowsPerGroup = maximumRowsPerGroup
        self.maximumLength = maximumLength
    }

    public func render(_ report: DriftReport) -> String {
        var lines: [String] = []
        let summary = report.summary
        let listed = summary.breaking + summary.additive + summary.informational
        if listed == 0 {
            lines.append("## API drift: no API changes")
        } else {
            lines.append("## API drift: \(summary.breaking) breaking, \(summary.additive) additive, \(summary.informational) informational")
        }
        lines.append("")
        var context = "\(Self.escape(report.old.label)) → \(Self.escape(report.new.label))"
        let oldVersions = report.old.apiVersions.joined(separator: ", ")
        let newVersions = report.new.apiVersions.joined(separator: ", ")
        if !oldVersions.isEmpty || !newVersions.isEmpty {
            context += oldVersions == newVersions ? " (API \(Self.escape(oldVersions)))" : " (API \(Self.escape(oldVersions.isEmpty ? "none" : oldVersions)) → \(Self.escape(newVersions.isEmpty ? "none" : newVersions)))"
        }
        if summary.wording > 0 {
            context += "; \(summary.wording) wording-only change\(summary.wording == 1 ? "" : "s") counted at the end"
        }
        lines.append(context + ".")

        let sections: [(Impact, String, String)] = [
            (.breaking, "Breaking changes", "Code written against the generated client of the old state no longer compiles, decodes differently, or sends requests the docs no longer accept."),
            (.additive, "Additive changes", "New API; code written against the old client compiles and behaves as before."),
            (.informational, "Informational changes", "The generated Swift declarations stay the same; their documentation changes."),
        ]
        var groupsByImpact: [(impact: Impact, groups: [(area: Area, version: String, changes: [Change])])] = []
        for (impact, _, _) in sections {
            var groups: [(area: Area, version: String, changes: [Change])] = []
            for change in report.changes where change.impact == impact {
                if let last = groups.last, last.area == change.area, last.version == change.apiVersion {
                    groups[groups.count - 1].changes.append(change)
                } else {
                    groups.append((change.area, change.apiVersion, [change]))
                }
            }
            groupsByImpact.append((impact, groups))
        }
        // What the rows may take: the limit less what the rest of the text needs at most.
        let groupCount = groupsByImpact.reduce(0) { $0 + $1.groups.count }
        var budget = maximumLength.map { $0 - 2_000 - 500 * groupCount - 120 * report.wordingChanges.count } ?? Int.max
        for ((_, title, explanation), (_, groups)) in zip(sections, groupsByImpact) where !groups.isEmpty {
            let count = groups.reduce(0) { $0 + $1.changes.count }
            lines += ["", "### \(title) (\(count))", "", explanation]
            for group in groups {
                lines += [""] + renderGroup(title: "\(group.area.title) · \(group.version) (\(group.changes.count))", group.changes, budget: &budget)
            }
        }

        if !report.wordingChanges.isEmpty {
            lines += ["", "### Wording-only changes (\(summary.wording))", "",
                      "Descriptions, titles, permission cells that name the same scopes and the like: counted, not listed.", "",
                      "| API version | Area | Changes |", "|---|---|---:|"]
            for count in report.wordingChanges {
                lines.append("| \(Self.escape(count.apiVersion)) | \(count.area.title) | \(count.count) |")
            }
        }
        let diagnostics = { (side: DriftReport.Side) in "\(side.errors) error\(side.errors == 1 ? "" : "s"), \(side.warnings) warning\(side.warnings == 1 ? "" : "s")" }
        lines += ["", "<sub>Page diagnostics (not part of the drift; `docgen lint` lists them): old \(diagnostics(report.old)), new \(diagnostics(report.new)).</sub>"]
        return lines.joined(separator: "\n") + "\n"
    }

    func renderGroup(title: String, _ changes: [Change], budget: inout Int) -> [String] {
        var lines: [String] = []
        let folded = changes.count > foldAbove
        if folded {
            lines += ["<details><summary>\(Self.escapeHTML(title))</summary>", ""]
        } else {
            lines += ["#### \(Self.escape(title))", ""]
        }
        var rows: [String] = []
        for change in changes {
            if let maximumRowsPerGroup, rows.count >= maximumRowsPerGroup { break }
            let cells = [
                change.kind.label,
                Self.codeSpan(change.subject),
                change.oldValue.map(Self.codeSpan) ?? "",
                change.newValue.map(Self.codeSpan) ?? "",
                change.oldLocation.map(Self.source) ?? "",
                change.newLocation.map(Self.source) ?? "",
                Self.reason(change.reason),
            ]
            let row = "| " + cells.joined(separator: " | ") + " |"
            guard row.count + 1 <= budget else { break }
            budget -= row.count + 1
            rows.append(row)
        }
        if !rows.isEmpty {
            lines += ["| Change | Subject | Old | New | Old page | New page | Effect on the Swift client |", "|---|---|---|---|---|---|---|"] + rows
        }
        if rows.count < changes.count {
            if !rows.isEmpty { lines.append("") }
            lines.append("… and \(changes.count - rows.count) more of this group; the JSON report (`--format json`) lists every change.")
        }
        if folded { lines += ["", "</details>"] }
        return lines
    }

    // MARK: Escaping

    /// Page text on one line: line breaks and tabs become spaces, other control characters go.
    static func flattened(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}" {
                result.unicodeScalars.append(" ")
            } else if scalar.properties.generalCategory == .control {
                continue
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Text shown as text: HTML is escaped as entities, Markdown punctuation and `|` with a backslash.
    public static func escape(_ text: String) -> String {
        var result = ""
        for character in flattened(text) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }

    /// Text inside an HTML element written by the renderer.
    static func escapeHTML(_ text: String) -> String {
        flattened(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Text shown as code: fenced with more backticks than it holds in a row, `|` escaped for the table.
    public static func codeSpan(_ text: String) -> String {
        let flat = flattened(text)
        guard !flat.isEmpty else { return "" }
        var longest = 0
        var run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = flat.hasPrefix("`") || flat.hasSuffix("`") || (flat.hasPrefix(" ") && flat.hasSuffix(" ")) ? " \(flat) " : flat
        return fence + padded.replacingOccurrences(of: "|", with: "\\|") + fence
    }

    /// `v1.0/api/x.md:12`
    static func source(_ location: SourceLocation) -> String { codeSpan("\(location.path):\(location.line)") }

    /// A reason: the parts between backticks as code, the rest as text.
    static func reason(_ text: String) -> String {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().map { index, part in
            index.isMultiple(of: 2) ? escape(String(part)) : codeSpan(String(part))
        }.joined()
    }
}
