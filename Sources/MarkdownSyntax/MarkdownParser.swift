import CCmark

/// Parses Markdown with libcmark. This file is the only place in docgen that touches cmark's C API: it turns
/// cmark's tree into `MarkdownNode` values in one pass and frees every C allocation before returning, so no C
/// pointer ever leaves it.
public enum MarkdownParser {
    /// How deeply containers (block quotes, lists, emphasis, links) may nest in the tree.
    public static let maximumDepth = 64

    /// Parses a page. The bounds of `limits` are applied first (what they cut is listed in the document's
    /// `limitsExceeded`). Front matter (a `---` block at the top) is split off next and its lines are blanked,
    /// so that cmark neither reads it as a heading nor shifts the line numbers of the rest.
    public static func parse(_ text: String, limits: MarkdownLimits = .standard) -> MarkdownDocument {
        var findings: [LimitExceeded] = []
        var bytes = InputBounds.apply(text, limits: limits, findings: &findings)
        let frontMatter = readFrontMatter(bytes: bytes)
        if let closing = frontMatter?.closingLine {
            bytes = blankingLines(through: closing, of: bytes)
        }
        let source = SourceText(bytes: bytes)
        let root = convert(source: source, limits: limits, findings: &findings)
        findings.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        return MarkdownDocument(frontMatter: frontMatter, root: root, limitsExceeded: findings)
    }

    /// Parses UTF-8 `bytes` with cmark and frees the result without building a tree: cmark's own cost, the
    /// yardstick of the benchmark. Returns false when cmark returned no document.
    @discardableResult
    public static func parseWithCmarkOnly<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        let parsed = bytes.withContiguousStorageIfAvailable { buffer in
            parseWithCmarkOnly(UnsafeRawBufferPointer(buffer))
        }
        return parsed ?? Array(bytes).withUnsafeBytes { parseWithCmarkOnly($0) }
    }

    private static func parseWithCmarkOnly(_ buffer: UnsafeRawBufferPointer) -> Bool {
        let document = buffer.baseAddress.map { base in
            cmark_parse_document(base.assumingMemoryBound(to: CChar.self), buffer.count, CMARK_OPT_DEFAULT)
        } ?? cmark_parse_document("", 0, CMARK_OPT_DEFAULT)
        guard let document else { return false }
        cmark_node_free(document)
        return true
    }

    private static func readFrontMatter(bytes: [UInt8]) -> FrontMatter? {
        guard bytes.starts(with: Array("---".utf8)) else { return nil }
        // Only the block's own lines are decoded and split: up to the first line after the opening one that
        // could close it. Should that line not close it after all, or there be none, the whole page is read.
        if let end = frontMatterCandidateEnd(bytes) {
            let block = String(decoding: bytes[..<end], as: UTF8.self)
            if let frontMatter = FrontMatter.read(lines: block.splitAtLineFeeds()),
               frontMatter.closingLine != nil {
                return frontMatter
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return FrontMatter.read(lines: text.splitAtLineFeeds())
    }

    /// The byte offset just past the first line after line 1 that reads `---` or `...` with trailing
    /// spaces or tabs. Every line end is a single LF by now (`InputBounds` made it so).
    private static func frontMatterCandidateEnd(_ bytes: [UInt8]) -> Int? {
        let lineFeed = UInt8(ascii: "\n")
        var lineStart = 0
        var isFirstLine = true
        var offset = 0
        while offset <= bytes.count {
            if offset == bytes.count || bytes[offset] == lineFeed {
                if !isFirstLine {
                    var end = offset
                    while end > lineStart, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") {
                        end -= 1
                    }
                    let line = bytes[lineStart..<end]
                    if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) { return offset }
                }
                isFirstLine = false
                lineStart = offset + 1
            }
            offset += 1
        }
        return nil
    }

    /// Replaces lines 1...line by empty lines.
    private static func blankingLines(through line: Int, of bytes: [UInt8]) -> [UInt8] {
        var newlines = 0
        var offset = 0
        while offset < bytes.count, newlines < line {
            if bytes[offset] == UInt8(ascii: "\n") { newlines += 1 }
            offset += 1
        }
        return [UInt8](repeating: UInt8(ascii: "\n"), count: newlines) + bytes[offset...]
    }

    /// Parses the texts of table cells (one line each) as inline Markdown, all in one cmark document: each
    /// text becomes the paragraph `x TEXT` of its own (the `x ` keeps a cell that starts like a heading, a
    /// list item or a quote a paragraph, and is as neutral to emphasis as the start of a line), and the
    /// page's link reference definitions follow, so that `[x][]` in a cell resolves. Returns each cell's
    /// inlines in the coordinates of that document (cell `i` on line `2i + 1`), or nil when cmark did not
    /// make one paragraph per cell.
    static func parseCellInlines(_ cells: [ArraySlice<UInt8>], definitions: [UInt8]) -> [[MarkdownNode]]? {
        guard !cells.isEmpty else { return [] }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(cells.reduce(definitions.count + 1) { $0 + $1.count + 4 })
        for cell in cells {
            bytes.append(UInt8(ascii: "x"))
            bytes.append(UInt8(ascii: " "))
            // A cell is one line of the page: it holds no line end, but a lone CR would make cmark start one.
            bytes.append(contentsOf: cell.lazy.map { $0 == UInt8(ascii: "\r") ? UInt8(ascii: " ") : $0 })
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(UInt8(ascii: "\n"))
        }
        bytes.append(contentsOf: definitions)
        var ignored: [LimitExceeded] = []
        let root = convert(source: SourceText(bytes: bytes), limits: .standard, findings: &ignored, recognizesTables: false)
        guard root.children.count >= cells.count else { return nil }
        var result: [[MarkdownNode]] = []
        result.reserveCapacity(cells.count)
        for (index, block) in root.children.prefix(cells.count).enumerated() {
            guard block.kind == .paragraph, block.range.startLine == 2 * index + 1, block.range.endLine == 2 * index + 1 else { return nil }
            result.append(block.children)
        }
        return result
    }

    /// The page's link reference definitions (`[label]: destination` lines, up to three spaces in), each
    /// on a line of its own, for `parseCellInlines`.
    static func referenceDefinitions(in source: SourceText) -> [UInt8] {
        var result: [UInt8] = []
        for line in 1...max(source.lineStarts.count, 1) {
            let range = source.lineBytes(line)
            var offset = range.lowerBound
            while offset < range.upperBound, offset - range.lowerBound < 3, source.bytes[offset] == UInt8(ascii: " ") { offset += 1 }
            guard offset < range.upperBound, source.bytes[offset] == UInt8(ascii: "[") else { continue }
            guard let close = source.bytes[offset..<range.upperBound].firstIndex(of: UInt8(ascii: "]")),
                  close + 1 < range.upperBound, source.bytes[close + 1] == UInt8(ascii: ":"), close > offset + 1 else { continue }
            result.append(contentsOf: source.bytes[range])
            result.append(UInt8(ascii: "\n"))
        }
        return result
    }

    private final class DefinitionCache {
        var bytes: [UInt8]?
    }

    private static func convert(source: SourceText, limits: MarkdownLimits, findings: inout [LimitExceeded],
                                recognizesTables: Bool = true) -> MarkdownNode {
        guard let document = source.bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parse_document($0, buffer.count, CMARK_OPT_DEFAULT)
                }
            } ?? cmark_parse_document("", 0, CMARK_OPT_DEFAULT)
        }) else {
            return MarkdownNode(kind: .document, range: .unknown)
        }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else {
            return MarkdownNode(kind: .document, range: .unknown)
        }
        defer { cmark_iter_free(iterator) }

        // Containers being built, innermost last. cmark reports ENTER and EXIT for containers and a single
        // ENTER for leaves; the iteration is flat, so deeply nested input cannot exhaust the stack.
        var open: [MarkdownNode] = []
        var finished: MarkdownNode?
        let definitions = DefinitionCache()
        // Containers nested deeper than `maximumDepth` are not kept as nodes of their own: their content
        // goes to the deepest kept container, so hostile nesting cannot make the tree (and the recursion of
        // comparing or releasing it) unbounded.
        var flattened = 0
        var firstFlattened: SourceRange?
        var flattenedCount = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER {
                let converted = makeNode(node, type: type, source: source)
                if isLeaf(type) {
                    if open.isEmpty { finished = converted } else { open[open.count - 1].children.append(converted) }
                } else if open.count >= maximumDepth {
                    flattened += 1
                    flattenedCount += 1
                    if firstFlattened == nil { firstFlattened = converted.range }
                } else {
                    open.append(converted)
                }
            } else if event == CMARK_EVENT_EXIT, flattened > 0 {
                flattened -= 1
            } else if event == CMARK_EVENT_EXIT, let closed = open.popLast() {
                let replacements = closed.kind == .paragraph && recognizesTables
                    ? PipeTableRecognizer.split(paragraph: closed, source: source, limits: limits, findings: &findings) { cells in
                        if definitions.bytes == nil { definitions.bytes = referenceDefinitions(in: source) }
                        return parseCellInlines(cells, definitions: definitions.bytes ?? [])
                    } : [closed]
                if open.isEmpty {
                    finished = replacements.first
                } else {
                    open[open.count - 1].children.append(contentsOf: replacements)
                }
            }
        }
        if let firstFlattened {
            findings.append(LimitExceeded(kind: .treeDepth, line: max(firstFlattened.startLine, 1), column: max(firstFlattened.startColumn, 1),
                                          limit: maximumDepth, found: flattenedCount))
        }
        return finished ?? MarkdownNode(kind: .document, range: .unknown)
    }

    private static func isLeaf(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
             CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            true
        default:
            false
        }
    }

    private static func kind(of type: cmark_node_type) -> MarkdownNode.Kind {
        switch type {
        case CMARK_NODE_DOCUMENT: .document
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST: .list
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: .customBlock
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_HTML_INLINE: .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: .customInline
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        default: .customInline
        }
    }

    private static func makeNode(_ node: OpaquePointer, type: cmark_node_type, source: SourceText) -> MarkdownNode {
        let kind = kind(of: type)
        let startLine = Int(cmark_node_get_start_line(node))
        let endLine = Int(cmark_node_get_end_line(node))
        let range = SourceRange(
            startLine: startLine,
            startColumn: source.scalarColumn(line: startLine, byteColumn: Int(cmark_node_get_start_column(node))),
            endLine: endLine,
            endColumn: source.scalarColumn(line: endLine, byteColumn: Int(cmark_node_get_end_column(node)))
        )
        var converted = MarkdownNode(kind: kind, range: range)
        switch kind {
        case .text, .code, .codeBlock, .htmlBlock, .htmlInline:
            converted.literal = string(cmark_node_get_literal(node))
            if kind == .codeBlock {
                converted.fenceInfo = string(cmark_node_get_fence_info(node))?.trimmingSpaces()
            }
        case .link, .image:
            converted.destination = string(cmark_node_get_url(node))
        case .heading:
            converted.headingLevel = Int(cmark_node_get_heading_level(node))
        default:
            break
        }
        return converted
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
