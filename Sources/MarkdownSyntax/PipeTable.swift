/// A GFM pipe table. CommonMark has no tables, so cmark hands them over as paragraphs; docgen recognises
/// them in the paragraph's source lines, as GFM does: each line is a row, split into cells at its
/// unescaped `|` first, and only then is each cell's text parsed as inline Markdown (by cmark, one cell at a
/// time). So one cell's bad Markdown (an unmatched backtick) stays in that cell and never swallows the
/// rows after it, and every row keeps its own line. Cells keep their inline structure (a link in a type
/// cell stays a link). A `|` inside a code span of the row is content, as the Graph docs site renders it,
/// unless that leaves the row with another number of cells than the header while GFM's plain split fits it
/// (then a backtick without its partner in one cell had paired with one in another cell).
public struct MarkdownTable: Hashable, Sendable {
    public enum Alignment: String, Hashable, Sendable { case none, left, center, right }

    public var header: MarkdownTableRow
    /// One per column of the delimiter row.
    public var alignments: [Alignment]
    /// Body rows as written: a row may have fewer or more cells than the header.
    public var rows: [MarkdownTableRow]

    public var columnCount: Int { header.cells.count }
}

public struct MarkdownTableRow: Hashable, Sendable {
    public var cells: [MarkdownTableCell]
    public var line: Int
    /// The column where the row starts.
    public var column: Int
}

public struct MarkdownTableCell: Hashable, Sendable {
    /// The cell's inline nodes, with surrounding white space trimmed.
    public var inlines: [MarkdownNode]
    public var line: Int
    /// The column of the cell's first character (after leading white space).
    public var column: Int

    public init(inlines: [MarkdownNode], line: Int, column: Int) {
        self.inlines = inlines
        self.line = line
        self.column = column
    }

    /// The cell as a reader sees it (`<br>` becomes a newline), trimmed.
    public var plainText: String {
        MarkdownNode(kind: .paragraph, range: .unknown, children: inlines).plainText.trimmingSpaces()
    }

    /// The links of the cell, outermost first.
    public var links: [MarkdownNode] {
        inlines.flatMap { node in node.kind == .link ? [node] : node.descendants.filter { $0.kind == .link } }
    }
}

/// Finds pipe tables in cmark paragraphs.
enum PipeTableRecognizer {
    /// A cell's place in its row's line: bytes of the trimmed text and the scalar column of its first one.
    private struct CellSpan {
        var bytes: Range<Int>
        var column: Int
    }

    private struct RowSpan {
        var line: Int
        var column: Int
        var cells: [CellSpan]
    }

    /// Returns the paragraph unchanged when it holds no table; otherwise the lines before the table as a
    /// paragraph (if any) followed by the table. `parseCells` parses cell texts as inline Markdown (one line
    /// each) and returns their inlines in the coordinates of a document made of `"x " + text` paragraphs.
    /// Rows beyond `limits.maximumTableRows` are not read; that is recorded in `findings`.
    static func split(paragraph: MarkdownNode, source: SourceText, limits: MarkdownLimits,
                      findings: inout [LimitExceeded],
                      parseCells: ([ArraySlice<UInt8>]) -> [[MarkdownNode]]?) -> [MarkdownNode] {
        let firstLine = paragraph.range.startLine
        let lastLine = paragraph.range.endLine
        guard firstLine >= 1, lastLine > firstLine else { return [paragraph] }
        let contentStarts = self.contentStarts(of: paragraph, source: source)
        guard let delimiterLine = ((firstLine + 1)...lastLine).first(where: {
            isDelimiterRow(source.bytes[contentStarts[$0 - firstLine]..<source.lineBytes($0).upperBound])
        }) else { return [paragraph] }

        let headerLine = delimiterLine - 1
        var results: [MarkdownNode] = []
        if headerLine > firstLine {
            var leading = paragraph
            var children = Array(paragraph.children.prefix { $0.range.startLine == 0 || $0.range.startLine < headerLine })
            while let last = children.last, last.kind == .softBreak || last.kind == .lineBreak { children.removeLast() }
            leading.children = children
            if let last = children.last(where: { $0.range.endLine > 0 }) {
                leading.range.endLine = last.range.endLine
                leading.range.endColumn = last.range.endColumn
            }
            results.append(leading)
        }

        let span = { (line: Int, expected: Int?) -> RowSpan in
            rowSpan(line: line, start: contentStarts[line - firstLine], source: source, expectedCells: expected)
        }
        let header = span(headerLine, nil)
        let alignments = span(delimiterLine, nil).cells.map {
            alignment(of: String(decoding: source.bytes[$0.bytes], as: UTF8.self))
        }
        let bodyLines = (delimiterLine + 1)..<(lastLine + 1)
        let readLines = bodyLines.prefix(max(limits.maximumTableRows, 0))
        let bodySpans = readLines.map { span($0, header.cells.count) }
        if readLines.count < bodyLines.count {
            findings.append(LimitExceeded(kind: .tableRows, line: readLines.upperBound, column: 1,
                                          limit: limits.maximumTableRows, found: bodyLines.count))
        }

        // Every cell of the table is parsed in one go; the inlines come back per cell.
        let spans = [header] + bodySpans
        let texts = spans.flatMap { row in row.cells.map { source.bytes[$0.bytes] } }
        let parsed = parseCells(texts)
        var cellIndex = 0
        let rows = spans.map { row -> MarkdownTableRow in
            let cells = row.cells.map { cell -> MarkdownTableCell in
                defer { cellIndex += 1 }
                let inlines: [MarkdownNode]
                if let parsed, cellIndex < parsed.count {
                    inlines = place(parsed[cellIndex], line: row.line, column: cell.column)
                } else if cell.bytes.isEmpty {
                    inlines = []
                } else {
                    let text = String(decoding: source.bytes[cell.bytes], as: UTF8.self)
                    inlines = [MarkdownNode(kind: .text, range: SourceRange(startLine: row.line, startColumn: cell.column, endLine: row.line,
                                                                             endColumn: cell.column + text.unicodeScalars.count - 1), literal: text)]
                }
                return MarkdownTableCell(inlines: inlines, line: row.line, column: cell.column)
            }
            return MarkdownTableRow(cells: cells, line: row.line, column: row.column)
        }
        let table = MarkdownTable(header: rows[0], alignments: alignments, rows: Array(rows.dropFirst()))
        let endLine = table.rows.last?.line ?? delimiterLine
        let range = SourceRange(
            startLine: headerLine, startColumn: rows[0].column,
            endLine: endLine, endColumn: source.lineBytes(endLine).count
        )
        results.append(MarkdownNode(kind: .table, range: range, table: table))
        return results
    }

    /// For each line of the paragraph, the byte offset where its content starts: after the container
    /// prefix (the paragraph's own start on its first line; white space and as many `>` markers as the first
    /// line has on the others).
    private static func contentStarts(of paragraph: MarkdownNode, source: SourceText) -> [Int] {
        let firstLine = paragraph.range.startLine
        let first = source.byteOffset(line: firstLine, scalarColumn: max(paragraph.range.startColumn, 1))
        let quoteDepth = source.bytes[source.lineBytes(firstLine).lowerBound..<first].filter { $0 == UInt8(ascii: ">") }.count
        var starts = [first]
        for line in (firstLine + 1)...paragraph.range.endLine {
            let range = source.lineBytes(line)
            var offset = range.lowerBound
            let skipBlanks = {
                while offset < range.upperBound, source.bytes[offset] == UInt8(ascii: " ") || source.bytes[offset] == UInt8(ascii: "\t") {
                    offset += 1
                }
            }
            skipBlanks()
            for _ in 0..<quoteDepth where offset < range.upperBound && source.bytes[offset] == UInt8(ascii: ">") {
                offset += 1
                skipBlanks()
            }
            starts.append(offset)
        }
        return starts
    }

    /// `|:---|---:|`: only pipes, colons, dashes and spaces, with at least one pipe and one dash.
    private static func isDelimiterRow(_ line: ArraySlice<UInt8>) -> Bool {
        var sawPipe = false
        var sawDash = false
        for byte in line {
            switch byte {
            case UInt8(ascii: "|"): sawPipe = true
            case UInt8(ascii: "-"): sawDash = true
            case UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\t"): break
            default: return false
            }
        }
        return sawPipe && sawDash
    }

    private static func alignment(of text: String) -> MarkdownTable.Alignment {
        switch (text.hasPrefix(":"), text.hasSuffix(":") && text.count > 1) {
        case (true, true): .center
        case (true, false): .left
        case (false, true): .right
        case (false, false): .none
        }
    }

    /// The cells of one row: the line from `start` split at its delimiting pipes (see `MarkdownTable`),
    /// without the optional outer pipes, each cell trimmed.
    private static func rowSpan(line: Int, start: Int, source: SourceText, expectedCells: Int?) -> RowSpan {
        let end = source.lineBytes(line).upperBound
        let bytes = source.bytes
        var cells = cellRanges(bytes, start..<end, codeSpansProtect: true)
        if let expectedCells, cells.count != expectedCells {
            let plain = cellRanges(bytes, start..<end, codeSpansProtect: false)
            if plain.count == expectedCells { cells = plain }
        }
        let spans = cells.map { range -> CellSpan in
            var lower = range.lowerBound, upper = range.upperBound
            while lower < upper, bytes[lower] == UInt8(ascii: " ") || bytes[lower] == UInt8(ascii: "\t") { lower += 1 }
            while upper > lower, bytes[upper - 1] == UInt8(ascii: " ") || bytes[upper - 1] == UInt8(ascii: "\t") { upper -= 1 }
            return CellSpan(bytes: lower..<upper, column: source.scalarColumn(offset: lower, line: line))
        }
        return RowSpan(line: line, column: source.scalarColumn(offset: start, line: line), cells: spans)
    }

    /// The byte ranges between delimiting pipes, without the empty pieces before a leading and after a
    /// trailing pipe. A backslash escapes the byte after it; with `codeSpansProtect`, pipes inside a code
    /// span that closes on the same line are content too.
    private static func cellRanges(_ bytes: [UInt8], _ range: Range<Int>, codeSpansProtect: Bool) -> [Range<Int>] {
        let pipe = UInt8(ascii: "|"), backtick = UInt8(ascii: "`"), backslash = UInt8(ascii: "\\")
        var pieces: [Range<Int>] = []
        var pieceStart = range.lowerBound
        var offset = range.lowerBound
        while offset < range.upperBound {
            let byte = bytes[offset]
            if byte == backslash, offset + 1 < range.upperBound, codeSpansProtect || bytes[offset + 1] == pipe {
                offset += 2
                continue
            }
            if codeSpansProtect, byte == backtick {
                var runEnd = offset
                while runEnd < range.upperBound, bytes[runEnd] == backtick { runEnd += 1 }
                offset = closingRun(bytes, length: runEnd - offset, from: runEnd, end: range.upperBound) ?? runEnd
                continue
            }
            if byte == pipe {
                pieces.append(pieceStart..<offset)
                pieceStart = offset + 1
            }
            offset += 1
        }
        pieces.append(pieceStart..<range.upperBound)
        let isBlank = { (piece: Range<Int>) in bytes[piece].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } }
        if pieces.count > 1, isBlank(pieces[0]) { pieces.removeFirst() }
        if pieces.count > 1, isBlank(pieces[pieces.count - 1]) { pieces.removeLast() }
        return pieces
    }

    /// The offset just past the first run of exactly `length` backticks at or after `from`, if any.
    private static func closingRun(_ bytes: [UInt8], length: Int, from: Int, end: Int) -> Int? {
        var offset = from
        while offset < end {
            guard bytes[offset] == UInt8(ascii: "`") else { offset += 1; continue }
            var runEnd = offset
            while runEnd < end, bytes[runEnd] == UInt8(ascii: "`") { runEnd += 1 }
            if runEnd - offset == length { return runEnd }
            offset = runEnd
        }
        return nil
    }

    /// Moves a cell's inlines from its place in the document of cells (`"x " + text` on a line of its own)
    /// to the row's line and the cell's column, and drops the `x `.
    private static func place(_ inlines: [MarkdownNode], line: Int, column: Int) -> [MarkdownNode] {
        var inlines = inlines
        if let first = inlines.first, first.kind == .text, let literal = first.literal, literal.hasPrefix("x") {
            let kept = literal.dropFirst(literal.hasPrefix("x ") ? 2 : 1)
            if kept.isEmpty {
                inlines.removeFirst()
            } else {
                inlines[0].literal = String(kept)
                inlines[0].range.startColumn += literal.count - kept.count
            }
        }
        let shift = column - 3
        func move(_ node: inout MarkdownNode) {
            if node.range.startLine > 0 {
                node.range.startLine = line
                node.range.endLine = line
                node.range.startColumn += shift
                node.range.endColumn += shift
            }
            // GFM: `\|` is a pipe in every cell content, code spans included.
            if node.kind == .code, let literal = node.literal, literal.contains("\\|") {
                node.literal = literal.replacingAll("\\|", with: "|")
            }
            for index in node.children.indices { move(&node.children[index]) }
        }
        for index in inlines.indices { move(&inlines[index]) }
        return inlines
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
