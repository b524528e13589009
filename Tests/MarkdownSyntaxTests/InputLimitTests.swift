import Testing
@testable import MarkdownSyntax

/// The bounds of `MarkdownLimits`, applied before cmark reads a page. Small limits keep the inputs small;
/// `PageParserTests.LimitTests` runs the real-sized hostile pages against the standard limits.
@Suite("Input limits before cmark")
struct InputLimitTests {
    let small = MarkdownLimits(maximumPageBytes: 64, maximumLineBytes: 16, maximumLineMarkers: 3, maximumTableRows: 2)

    func finding(_ document: MarkdownDocument, _ kind: LimitExceeded.Kind) -> LimitExceeded? {
        document.limitsExceeded.first { $0.kind == kind }
    }

    @Test("a page over the size limit is cut at the last line break before it; the lines before are read")
    func pageCut() throws {
        let text = "# Title\n\nfirst paragraph\n\n" + String(repeating: "filler line\n", count: 10)
        let document = MarkdownParser.parse(text, limits: small)
        let cut = try #require(finding(document, .pageSize))
        #expect(cut.found == text.utf8.count)
        #expect(cut.limit == 64)
        // 64 bytes hold lines 1-7 (8 + 1 + 16 + 1 + 3 * 12 = 62 bytes); line 8 is the first not read.
        #expect((cut.line, cut.column) == (8, 1))
        #expect(document.blocks.first?.plainText == "Title")
        #expect(document.root.descendants.filter { $0.kind == .text && $0.literal == "filler line" }.count == 3)
    }

    @Test("a page without line breaks is cut between characters, never inside one")
    func pageCutInsideLine() throws {
        let limits = MarkdownLimits(maximumPageBytes: 10, maximumLineBytes: 100)
        // 'é' is two bytes: byte 10 is the first byte of the fifth 'é'.
        let document = MarkdownParser.parse("abé" + String(repeating: "é", count: 20), limits: limits)
        let cut = try #require(finding(document, .pageSize))
        #expect((cut.line, cut.column) == (1, 7))
        #expect(document.root.plainText == "abéééé")
    }

    @Test("a line over the length limit is cut at the last whole character; the next lines keep their numbers")
    func lineCut() throws {
        let long = "a" + String(repeating: "€", count: 10)
        let document = MarkdownParser.parse("short\n\n\(long)\n\nafter\n", limits: small)
        let cut = try #require(finding(document, .lineLength))
        #expect((cut.line, cut.column, cut.found, cut.limit) == (3, 7, 31, 16))
        #expect(document.blocks.map(\.plainText) == ["short", "a€€€€€", "after"])
        #expect(document.blocks.map(\.range.startLine) == [1, 3, 5])
    }

    @Test("container markers beyond the limit are removed; the text stays, at the deepest kept level")
    func markerCut() throws {
        let document = MarkdownParser.parse("> > - 1. > - deep text\nnext\n\n# Heading\n", limits: MarkdownLimits(maximumLineMarkers: 3))
        let cut = try #require(finding(document, .lineMarkers))
        #expect((cut.line, cut.column, cut.found, cut.limit) == (1, 7, 6, 3))
        var depth = 0
        var node = try #require(document.blocks.first)
        while let child = node.children.first, child.kind != .paragraph {
            depth += 1
            node = child
        }
        #expect(depth == 3)  // blockQuote > blockQuote > list > item: three levels below the first.
        #expect(document.root.plainText.contains("deep text"))
        #expect(document.blocks.last?.kind == .heading)
        #expect(document.blocks.last?.range.startLine == 4)
    }

    @Test("lines inside the limits are handed to cmark unchanged")
    func nothingCut() {
        let text = "# T\n\n> quote\n\n- a\n  - b\n    1. c\n\n|a|b|\n|-|-|\n|1|2|\n|3|4|\n"
        let document = MarkdownParser.parse(text, limits: MarkdownLimits(maximumLineMarkers: 3, maximumTableRows: 2))
        #expect(document.limitsExceeded.isEmpty)
        #expect(document == MarkdownParser.parse(text))
    }

    @Test("table rows beyond the limit are not read, and the first of them is reported")
    func tableRows() throws {
        let document = MarkdownParser.parse("|a|b|\n|-|-|\n|1|2|\n|3|4|\n|5|6|\n|7|8|\n\nafter\n", limits: small)
        let cut = try #require(finding(document, .tableRows))
        #expect((cut.line, cut.found, cut.limit) == (5, 4, 2))
        let table = try #require(document.blocks.first?.table)
        #expect(table.rows.map { $0.cells.map(\.plainText) } == [["1", "2"], ["3", "4"]])
        #expect(document.blocks.last?.plainText == "after")
    }

    @Test("nesting deeper than the tree's depth (list indentation across lines) is folded and reported once")
    func treeDepth() throws {
        let lines = (0..<100).map { String(repeating: " ", count: 2 * $0) + "- level \($0)\n" }
        let document = MarkdownParser.parse(lines.joined())
        #expect(document.limitsExceeded.map(\.kind) == [.treeDepth])
        let folded = try #require(document.limitsExceeded.first)
        #expect(folded.limit == MarkdownParser.maximumDepth)
        #expect(folded.line > 1 && folded.line < 100)
        #expect(document.root.plainText.contains("level 99"))
    }

    @Test("a lone carriage return ends a line for docgen as it does for cmark")
    func loneCarriageReturns() throws {
        let document = MarkdownParser.parse("# Title\r\rtext\r\n\r\n*x*\r")
        #expect(document.blocks.map(\.range.startLine) == [1, 3, 5])
        #expect(document.blocks.map(\.plainText) == ["Title", "text", "x"])
    }

    @Test("columns on a long line of multi-byte characters are counted in characters")
    func columnsOnLongLines() throws {
        let document = MarkdownParser.parse(String(repeating: "é *x* ", count: 2_000) + "\n")
        let emphases = document.root.descendants.filter { $0.kind == .emphasis }
        #expect(emphases.count == 2_000)
        #expect(emphases.prefix(3).map(\.range.startColumn) == [3, 9, 15])
        #expect(emphases.last?.range.startColumn == 1_999 * 6 + 3)
        #expect(emphases.last?.range.endColumn == 1_999 * 6 + 5)
    }

    @Test("escaped pipes in a table of multi-byte text are found by column")
    func pipesAfterMultiByteText() throws {
        let document = MarkdownParser.parse("|a|b|\n|-|-|\n|ééé \\| é|€|\n")
        let table = try #require(document.blocks.first?.table)
        #expect(table.rows.first?.cells.map(\.plainText) == ["ééé | é", "€"])
        #expect(table.rows.first?.cells.map(\.column) == [2, 11])
    }
}
