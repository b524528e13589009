import DocgenModel
import Foundation
import ModelDiff
import Testing

@Suite("Reports")
struct ReportTests {
    /// Edits that touch every kind of change at once.
    static func manyChanges(_ pages: inout Pages) throws {
        try pages.replace("PATCH /widgets/{widgetId}", with: "PUT /widgets/{widgetId}", in: "v1.0/api/widget-update.md")
        try pages.remove("v1.0/api/widget-delete.md")
        try pages.replace("|size|Int32|", with: "|size|Int64|", in: "v1.0/resources/widget.md")
        try pages.replace("|tags|String collection|", with: "|tags|String|", in: "v1.0/resources/widget.md")
        try pages.replace("|blue|2|Blue.|", with: "|blue|2|Blue.|\n|purple|3|Purple.|", in: "v1.0/resources/widgetcolor.md")
        try pages.replace("|Application|Widget.Read.All|", with: "|Application|Widget.ReadWrite.All|", in: "v1.0/api/widget-list.md")
        try pages.replace("|weight|Double|", with: "|colour|String|The colour.|\n|weight|Double|", in: "v1.0/resources/part.md")
        try pages.replace("The size of the widget in grid cells.", with: "How many grid cells the widget covers.", in: "v1.0/resources/widget.md")
    }

    @Test("wording-only changes list nothing and are counted per area")
    func wordingOnly() throws {
        let report = try drift(new: { pages in
            try pages.replace("The name of the widget as users see it.", with: "The widget's name, as users see it.", in: "v1.0/resources/widget.md")
            try pages.replace("A widget shows one kind of information on a dashboard.", with: "A widget shows one kind of data on a dashboard.", in: "v1.0/resources/widget.md")
            try pages.replace("# List widgets", with: "# List all widgets", in: "v1.0/api/widget-list.md")
            try pages.replace("|green|1|Green.|", with: "|green|1|Green, like grass.|", in: "v1.0/resources/widgetcolor.md")
        })
        #expect(report.changes.isEmpty)
        #expect(report.wording(.properties) == 1)
        #expect(report.wording(.types) == 1)
        #expect(report.wording(.operations) >= 1)
        #expect(report.wording(.enums) == 1)
        #expect(report.summary.wording == report.wordingChanges.reduce(0) { $0 + $1.count })
        #expect(!report.hasBreakingChanges)
        #expect(!FailurePolicy.any.fails(report))
    }

    @Test("moving text around without changing it is no change at all")
    func reformattingOnly() throws {
        let report = try drift(new: { pages in
            for path in pages.pagePaths {
                try pages.replace("\n# ", with: "\n\n\n# ", in: path)
            }
            try pages.replace("A widget shows one kind of information on a dashboard.", with: "A widget shows one kind of information\non a dashboard.", in: "v1.0/resources/widget.md")
        })
        #expect(report.changes.isEmpty)
        #expect(report.wordingChanges.isEmpty)
    }

    @Test("the same two states give byte-identical reports, sorted breaking first")
    func deterministic() throws {
        let first = try drift(new: Self.manyChanges)
        let second = try drift(new: Self.manyChanges)
        #expect(try first.jsonText() == second.jsonText())
        #expect(MarkdownReport().render(first) == MarkdownReport().render(second))
        #expect(first.changes == first.changes.sorted())
        let impacts = first.changes.map(\.impact)
        #expect(impacts == impacts.sorted { [Impact.breaking, .additive, .informational].firstIndex(of: $0)! < [Impact.breaking, .additive, .informational].firstIndex(of: $1)! })
        #expect(first.summary.breaking == 5 && first.summary.additive == 1 && first.summary.informational == 1)
        #expect(first.summary.byKind["enum-member-added"] == 1)
        #expect(first.wording(.properties) == 1)
    }

    @Test("the JSON report decodes to the same report")
    func jsonRoundTrip() throws {
        let report = try drift(new: Self.manyChanges)
        let decoded = try JSONDecoder().decode(DriftReport.self, from: Data(try report.jsonText().utf8))
        #expect(decoded == report)
        #expect(try report.jsonText().contains("\"kind\" : \"operation-method-changed\""))
    }

    @Test("exit status: --fail-on breaking fails only with breaking changes, any with any listed change, none never")
    func failurePolicy() throws {
        let breaking = try drift(new: { try $0.remove("v1.0/api/widget-delete.md") })
        let additive = try drift(new: { try $0.replace("|size|Int32|", with: "|location|String|Where.|\n|size|Int32|", in: "v1.0/resources/widget.md") })
        let informational = try drift(new: { try $0.replace("|Application|Widget.Read.All|", with: "|Application|Widget.ReadWrite.All|", in: "v1.0/api/widget-list.md") })
        let nothing = try drift(new: { _ in })
        #expect(FailurePolicy.breaking.fails(breaking))
        #expect(!FailurePolicy.breaking.fails(additive) && !FailurePolicy.breaking.fails(informational) && !FailurePolicy.breaking.fails(nothing))
        #expect(FailurePolicy.any.fails(additive) && FailurePolicy.any.fails(informational) && !FailurePolicy.any.fails(nothing))
        #expect(!FailurePolicy.none.fails(breaking))
    }

    @Test("two API versions of the same pages compare page by page: only the real differences")
    func versionPair() throws {
        let report = try drift(new: { pages in
            for path in pages.pagePaths {
                pages.texts["beta/" + path.dropFirst("v1.0/".count)] = pages.texts.removeValue(forKey: path)
            }
            try pages.replace("|size|Int32|", with: "|location|String|Where.|\n|size|Int32|", in: "beta/resources/widget.md")
            try pages.replace("GET /widgets/{widgetId}/parts", with: "GET /widgets/{widgetId}/components", in: "beta/api/part-list.md")
        }, versionPair: .init(old: "v1.0", new: "beta"))
        #expect(report.outline == ["operation-path-changed breaking GET /widgets/{widgetId}/components", "property-added additive widget.location"])
        #expect(report.changes.allSatisfy { $0.apiVersion == "v1.0 → beta" })
        #expect(try report.first().oldLocation?.path == "v1.0/api/part-list.md" && report.first().newLocation?.path == "beta/api/part-list.md")
        #expect(report.old.apiVersions == ["v1.0"] && report.new.apiVersions == ["beta"])
    }

    @Test("a version a side does not have is an error that says which it has")
    func missingVersion() throws {
        #expect(throws: ModelDiff.Failure.versionNotFound("v2.0", side: "new", available: ["v1.0"])) {
            try drift(new: { _ in }, versionPair: .init(old: "v1.0", new: "v2.0"))
        }
    }

    @Test("a version present on one side only is entirely added")
    func versionAdded() throws {
        let report = try drift(new: { pages in
            pages.texts["beta/resources/gadget.md"] = resourcePage("gadget", properties: ["|name|String|Its name.|"])
        })
        #expect(report.outline == ["type-added additive gadget"])
        #expect(try report.first().apiVersion == "beta")
    }

    // MARK: Markdown

    @Test("Markdown: headline with counts, breaking section first, rows with both pages, wording counts last")
    func markdownLayout() throws {
        let report = try drift(new: Self.manyChanges)
        let text = MarkdownReport().render(report)
        #expect(text.hasPrefix("## API drift: 5 breaking, 1 additive, 1 informational\n"))
        let breaking = try #require(text.range(of: "### Breaking changes (5)"))
        let additive = try #require(text.range(of: "### Additive changes (1)"))
        let informational = try #require(text.range(of: "### Informational changes (1)"))
        let wording = try #require(text.range(of: "### Wording-only changes (1)"))
        #expect(breaking.lowerBound < additive.lowerBound && additive.lowerBound < informational.lowerBound && informational.lowerBound < wording.lowerBound)
        #expect(text.contains("#### Operations · v1.0 (2)"))
        let sizeLine = Fixture.line(of: "|size|Int32|", in: "v1.0/resources/widget.md")
        #expect(text.contains("| property type changed | `widget.size` | `Int32` | `Int64` | `v1.0/resources/widget.md:\(sizeLine)` | `v1.0/resources/widget.md:\(sizeLine)` |"))
    }

    @Test("Markdown: long groups fold into <details>, and a row limit counts what it leaves out")
    func markdownFoldsAndLimits() throws {
        let members = (1...30).map { "|extra\($0)|\($0 + 2)|Extra.|" }.joined(separator: "\n")
        let report = try drift(new: { try $0.replace("|blue|2|Blue.|", with: "|blue|2|Blue.|\n" + members, in: "v1.0/resources/widgetcolor.md") })
        #expect(report.changes.count == 30)
        let folded = MarkdownReport(foldAbove: 10, maximumRowsPerGroup: 12).render(report)
        #expect(folded.contains("<details><summary>Enums · v1.0 (30)</summary>"))
        #expect(folded.contains("</details>"))
        #expect(folded.components(separatedBy: "| enum member added |").count - 1 == 12)
        #expect(folded.contains("… and 18 more of this group"))
        let whole = MarkdownReport(foldAbove: 50, maximumRowsPerGroup: nil).render(report)
        #expect(!whole.contains("<details>"))
        #expect(whole.components(separatedBy: "| enum member added |").count - 1 == 30)
    }

    /// The number of cell separators of a table row: `|` not escaped by a backslash.
    static func separators(_ row: String) -> Int {
        var count = 0
        var escaped = false
        for character in row {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true } else if character == "|" { count += 1 }
        }
        return count
    }

    /// The Markdown text outside code spans (CommonMark: a run of n backticks opens a span that the next run
    /// of exactly n closes; a backslash-escaped backtick opens none). HTML is only live there.
    static func outsideCodeSpans(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        func run(at position: Int) -> Int {
            var end = position
            while end < characters.count && characters[end] == "`" { end += 1 }
            return end - position
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                result.append(character)
                result.append(characters[index + 1])
                index += 2
                continue
            }
            guard character == "`" else {
                result.append(character)
                index += 1
                continue
            }
            let length = run(at: index)
            var search = index + length
            var closing: Int?
            while search < characters.count {
                if characters[search] == "`" {
                    let candidate = run(at: search)
                    if candidate == length { closing = search; break }
                    search += candidate
                } else {
                    search += 1
                }
            }
            if let closing {
                index = closing + length
            } else {
                result += String(repeating: "`", count: length)
                index += length
            }
        }
        return result
    }

    @Test("Markdown: hostile page text cannot break the table or inject HTML")
    func markdownEscaping() throws {
        let hostile = "a|b `c` <script>alert(1)</script>\nnext line ``d``"
        let change = Change(
            kind: .propertyAdded, impact: .additive, apiVersion: "v1.0", subject: hostile, oldValue: hostile, newValue: "x\r\ny|z",
            oldLocation: SourceLocation(path: "a|b/`x`.md", line: 3, column: 1), newLocation: nil,
            reason: "a new property \(hostile) with `code|pipe` and <b>bold</b>"
        )
        let report = DriftReport(
            old: .init(label: "<img src=x onerror=alert(1)>", apiVersions: ["v1.0"], errors: 0, warnings: 0),
            new: .init(label: "new|label\n# heading", apiVersions: ["v1.0"], errors: 0, warnings: 0),
            changes: [change], wordingChanges: []
        )
        let text = MarkdownReport().render(report)
        let live = Self.outsideCodeSpans(text)
        #expect(!live.contains("<script") && !live.contains("<img") && !live.contains("<b>"), "\(live)")
        #expect(!text.contains("\n# heading"))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| property added |") }
        #expect(rows.count == 1)
        #expect(Self.separators(String(rows[0])) == 8, "7 cells: \(rows[0])")
        // A code span is fenced with more backticks than it holds in a row.
        #expect(rows[0].contains("``d`` ```"), "\(rows[0])")
        #expect(MarkdownReport.codeSpan("`x`") == "`` `x` ``")
        #expect(MarkdownReport.escape("*a* [b](c) <d> e|f") == "\\*a\\* \\[b\\](c) &lt;d&gt; e\\|f")
    }

    @Test("Markdown: a hostile member name from a real page is escaped end to end")
    func markdownEscapingFromPages() throws {
        let report = try drift(new: {
            try $0.replace("|blue|2|Blue.|", with: "|blue|2|Blue.|\n|<script>x</script>a\\|b|3|Hostile.|", in: "v1.0/resources/widgetcolor.md")
        })
        let change = try #require(report.changes(.enumMemberAdded).first)
        #expect(change.subject.contains("|"))
        let text = MarkdownReport().render(report)
        #expect(!Self.outsideCodeSpans(text).contains("<script"))
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("| enum member added |") })
        #expect(Self.separators(String(row)) == 8, "\(row)")
    }

    @Test("an empty drift says so")
    func markdownNoChanges() throws {
        let text = MarkdownReport().render(try drift(new: { _ in }))
        #expect(text.hasPrefix("## API drift: no API changes\n"))
        #expect(!text.contains("###"))
    }
}
