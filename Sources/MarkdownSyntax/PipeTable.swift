/// A GFM pipe table. CommonMark has no tables, so cmark hands them over as paragraphs; docgen recognises
/// them on top of cmark's inline nodes, so cells keep their inline structure (a link in a type cell stays a
/// link) and `|` inside code spans stays content.
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
    /// Returns the paragraph unchanged when it holds no table; otherwise the lines before the table as a
    /// paragraph (if any) followed by the table.
    /// Rows beyond `limits.maximumTableRows` are not read; that is recorded in `findings`.
    static func split(paragraph: MarkdownNode, source: SourceText, limits: MarkdownLimits,
                      findings: inout [LimitExceeded]) -> [MarkdownNode] {
        let lines = splitIntoLines(paragraph.children)
        guard lines.count >= 2,
              let delimiterIndex = lines.indices.dropFirst().first(where: { isDelimiterRow(lines[$0]) })
        else { return [paragraph] }

        let headerIndex = delimiterIndex - 1
        var results: [MarkdownNode] = []
        if headerIndex > 0 {
            var leading = paragraph
            leading.children = Array(lines[..<headerIndex].joined(separator: [softBreak]))
            if let last = leading.children.last(where: { $0.range.endLine > 0 }) {
                leading.range.endLine = last.range.endLine
                leading.range.endColumn = last.range.endColumn
            }
            results.append(leading)
        }

        let lineNumber = { (index: Int) -> Int in
            paragraph.range.startLine + index
        }
        let header = makeRow(lines[headerIndex], line: lineNumber(headerIndex), source: source)
        let alignments = makeRow(lines[delimiterIndex], line: lineNumber(delimiterIndex), source: source)
            .cells.map { alignment(of: $0.plainText) }
        var rows: [MarkdownTableRow] = []
        let bodyLines = (delimiterIndex + 1)..<lines.count
        let readLines = bodyLines.prefix(max(limits.maximumTableRows, 0))
        for index in readLines {
            rows.append(makeRow(lines[index], line: lineNumber(index), source: source))
        }
        if readLines.count < bodyLines.count {
            findings.append(LimitExceeded(kind: .tableRows, line: lineNumber(readLines.upperBound), column: 1,
                                          limit: limits.maximumTableRows, found: bodyLines.count))
        }
        let table = MarkdownTable(header: header, alignments: alignments, rows: rows)
        let lastLine = rows.last?.line ?? lineNumber(delimiterIndex)
        let range = SourceRange(
            startLine: header.line, startColumn: header.column,
            endLine: lastLine, endColumn: source.lineBytes(lastLine).count
        )
        results.append(MarkdownNode(kind: .table, range: range, table: table))
        return results
    }

    private static let softBreak = MarkdownNode(kind: .softBreak, range: .unknown)

    /// Groups a paragraph's inlines by source line: cmark separates lines with soft or hard breaks. The lines
    /// are slices of the paragraph's inlines, not copies: a paragraph may hold millions of them.
    private static func splitIntoLines(_ inlines: [MarkdownNode]) -> [ArraySlice<MarkdownNode>] {
        var lines: [ArraySlice<MarkdownNode>] = []
        var start = inlines.startIndex
        for index in inlines.indices where inlines[index].kind == .softBreak || inlines[index].kind == .lineBreak {
            lines.append(inlines[start..<index])
            start = index + 1
        }
        lines.append(inlines[start...])
        return lines
    }

    /// `|:---|---:|`: only pipes, colons, dashes and spaces, with at least one pipe and one dash.
    private static func isDelimiterRow(_ line: ArraySlice<MarkdownNode>) -> Bool {
        var sawPipe = false
        var sawDash = false
        for node in line {
            guard node.kind == .text, let literal = node.literal else { return false }
            for scalar in literal.unicodeScalars {
                switch scalar {
                case "|": sawPipe = true
                case "-": sawDash = true
                case ":", " ", "\t": break
                default: return false
                }
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

    /// Splits one line of inlines into cells at the unescaped pipes of its text nodes. Code spans, links and
    /// other inline nodes are never split.
    private static func makeRow(_ line: ArraySlice<MarkdownNode>, line lineNumber: Int, source: SourceText) -> MarkdownTableRow {
        struct Piece {
            var nodes: [MarkdownNode] = []
            var column: Int
        }
        let rowColumn = line.first?.range.startColumn ?? 1
        var pieces = [Piece(column: rowColumn)]
        var delimiterCount = 0
        var endsWithDelimiter = false
        var startsWithDelimiter = false

        for node in line {
            guard node.kind == .text, let literal = node.literal, literal.utf8.contains(UInt8(ascii: "|")), literal.contains("|") else {
                pieces[pieces.count - 1].nodes.append(node)
                if !(node.kind == .text && (node.literal ?? "").allSatisfy { $0 == " " || $0 == "\t" }) {
                    endsWithDelimiter = false
                }
                continue
            }
            let delimiters = delimiterFlags(of: node, source: source)
            // Byte by byte: `|` is one byte, and the text since the last delimiter is `bytes[currentStart..<offset]`;
            // columns count scalars, i.e. bytes that do not continue a scalar.
            var text = literal
            text.withUTF8 { bytes in
                var currentStart = 0
                var offset = 0
                var currentColumn = node.range.startColumn
                var pipeIndex = 0
                var column = node.range.startColumn
                while offset < bytes.count {
                    let byte = bytes[offset]
                    if byte == UInt8(ascii: "|") {
                        let isDelimiter = pipeIndex < delimiters.count ? delimiters[pipeIndex].isDelimiter : true
                        let pipeColumn = pipeIndex < delimiters.count ? delimiters[pipeIndex].column : column
                        pipeIndex += 1
                        if isDelimiter {
                            appendText(String(decoding: bytes[currentStart..<offset], as: UTF8.self), column: currentColumn, line: lineNumber, to: &pieces[pieces.count - 1].nodes)
                            if delimiterCount == 0 && pieces.count == 1
                                && pieces[0].nodes.allSatisfy({ $0.kind == .text && ($0.literal ?? "").trimmingSpaces().isEmpty }) {
                                startsWithDelimiter = true
                            }
                            delimiterCount += 1
                            pieces.append(Piece(column: pipeColumn + 1))
                            offset += 1
                            currentStart = offset
                            currentColumn = pipeColumn + 1
                            column = pipeColumn + 1
                            endsWithDelimiter = true
                            continue
                        }
                    }
                    if byte & 0xC0 != 0x80 {
                        column += 1
                        if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") { endsWithDelimiter = false }
                    }
                    offset += 1
                }
                appendText(String(decoding: bytes[currentStart..<bytes.count], as: UTF8.self), column: currentColumn, line: lineNumber, to: &pieces[pieces.count - 1].nodes)
            }
        }

        if startsWithDelimiter, !pieces.isEmpty { pieces.removeFirst() }
        if endsWithDelimiter, pieces.count > 1 { pieces.removeLast() }
        let cells = pieces.map { piece -> MarkdownTableCell in
            let trimmed = trim(piece.nodes)
            let column = trimmed.first.map { $0.range.startColumn > 0 ? $0.range.startColumn : piece.column }
                ?? piece.column
            return MarkdownTableCell(inlines: trimmed, line: lineNumber, column: column)
        }
        return MarkdownTableRow(cells: cells, line: lineNumber, column: rowColumn)
    }

    private static func appendText(_ text: String, column: Int, line: Int, to nodes: inout [MarkdownNode]) {
        guard !text.isEmpty else { return }
        let length = text.unicodeScalars.count
        let range = SourceRange(startLine: line, startColumn: column, endLine: line, endColumn: column + length - 1)
        nodes.append(MarkdownNode(kind: .text, range: range, literal: text))
    }

    /// Removes white space at both ends of a cell, adjusting the columns of trimmed text nodes.
    private static func trim(_ nodes: [MarkdownNode]) -> [MarkdownNode] {
        // Nearly always nothing to trim: neither end is a text node that starts (ends) with white space.
        let blankEnd = { (node: MarkdownNode?, atStart: Bool) -> Bool in
            guard let node, node.kind == .text, let literal = node.literal else { return false }
            guard let byte = atStart ? literal.utf8.first : literal.utf8.last else { return true }
            return byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || (!atStart && byte == UInt8(ascii: "\r"))
        }
        if !blankEnd(nodes.first, true), !blankEnd(nodes.last, false) { return nodes }
        var nodes = nodes
        while let first = nodes.first, first.kind == .text, let literal = first.literal {
            let kept = literal.drop { $0 == " " || $0 == "\t" }
            if kept.isEmpty { nodes.removeFirst(); continue }
            nodes[0].range.startColumn += literal.unicodeScalars.count - kept.unicodeScalars.count
            nodes[0].literal = String(kept)
            break
        }
        while let last = nodes.last, last.kind == .text, let literal = last.literal {
            let kept = literal.trimmingTrailingWhitespace()
            if kept.isEmpty { nodes.removeLast(); continue }
            nodes[nodes.count - 1].literal = String(kept)
            break
        }
        return nodes
    }

    /// For each `|` in a text node's literal, in order: whether it is a cell delimiter (an unescaped `|` in
    /// the source) or content (`\|`, `&#124;`, `&vert;`), and its column. cmark has already decoded escapes
    /// and entities in the literal, so the node's source is read again. When source and literal do not agree
    /// on the number of pipes (no usable position), every pipe counts as a delimiter, as GFM would have it.
    private static func delimiterFlags(of node: MarkdownNode, source: SourceText) -> [(isDelimiter: Bool, column: Int)] {
        let literalPipes = node.literal?.unicodeScalars.filter { $0 == "|" }.count ?? 0
        let range = node.range
        guard range.startLine > 0, range.startLine == range.endLine else { return [] }
        let lineRange = source.lineBytes(range.startLine)
        let start = source.byteOffset(line: range.startLine, scalarColumn: range.startColumn)
        let end = min(source.byteOffset(line: range.startLine, scalarColumn: range.endColumn + 1), lineRange.upperBound)
        guard start < end else { return [] }
        let bytes = source.bytes
        var flags: [(Bool, Int)] = []
        var offset = start
        var column = range.startColumn
        while offset < end {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\\"), offset + 1 < end, bytes[offset + 1] == UInt8(ascii: "|") {
                flags.append((false, column + 1))
                offset += 2
                column += 2
                continue
            }
            if byte == UInt8(ascii: "&"), let length = pipeEntityLength(bytes, at: offset, end: end) {
                flags.append((false, column))
                offset += length
                column += length
                continue
            }
            if byte == UInt8(ascii: "|") { flags.append((true, column)) }
            offset += 1
            if byte & 0xC0 != 0x80 { column += 1 }
            while offset < end, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
        }
        return flags.count == literalPipes ? flags : []
    }

    private static let pipeEntities: [[UInt8]] = ["&#124;", "&#x7c;", "&#x7C;", "&#X7C;", "&#X7c;", "&vert;", "&verbar;", "&VerticalLine;"]
        .map { Array($0.utf8) }

    private static func pipeEntityLength(_ bytes: [UInt8], at offset: Int, end: Int) -> Int? {
        for entity in pipeEntities where offset + entity.count <= end {
            if bytes[offset..<(offset + entity.count)].elementsEqual(entity) { return entity.count }
        }
        return nil
    }
}
