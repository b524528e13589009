/// A position range in a Markdown source: 1-based lines, 1-based columns counted in Unicode scalars
/// (what a person counts, not bytes). Columns are inclusive, as cmark reports them.
public struct SourceRange: Hashable, Sendable, Codable {
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int

    public init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
    }

    /// For nodes cmark gives no position (soft and hard line breaks).
    public static let unknown = SourceRange(startLine: 0, startColumn: 0, endLine: 0, endColumn: 0)
}

/// One node of an immutable Markdown tree. Block and inline nodes share the type, as in cmark; the fields
/// that do not apply to a kind are nil. Pipe tables, which CommonMark does not know, are recognised on top of
/// cmark's paragraphs and appear as `.table` nodes with a `table` value.
public struct MarkdownNode: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable {
        // Blocks.
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading
        case thematicBreak
        /// A GFM pipe table (recognised by docgen, not by cmark).
        case table
        // Inlines.
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong, link, image
    }

    public var kind: Kind
    public var range: SourceRange
    /// The text of `text`, `code`, `codeBlock`, `htmlBlock` and `htmlInline` nodes.
    public var literal: String?
    /// The destination of a link or image.
    public var destination: String?
    /// The info string of a fenced code block (`http`, `json`), trimmed.
    public var fenceInfo: String?
    /// 1...6 for headings, 0 otherwise.
    public var headingLevel: Int
    public var children: [MarkdownNode]
    /// For `.table` nodes.
    public var table: MarkdownTable?

    public init(
        kind: Kind, range: SourceRange, literal: String? = nil, destination: String? = nil,
        fenceInfo: String? = nil, headingLevel: Int = 0, children: [MarkdownNode] = [], table: MarkdownTable? = nil
    ) {
        self.kind = kind
        self.range = range
        self.literal = literal
        self.destination = destination
        self.fenceInfo = fenceInfo
        self.headingLevel = headingLevel
        self.children = children
        self.table = table
    }

    /// The text a reader sees: literals of text and code, link text, line breaks as a space (a `<br>` as a
    /// newline). Markup characters are gone.
    public var plainText: String {
        var output = ""
        appendPlainText(to: &output)
        return output
    }

    private func appendPlainText(to output: inout String) {
        switch kind {
        case .text, .code:
            output += literal ?? ""
        case .softBreak, .lineBreak:
            output += " "
        case .htmlInline:
            if let literal, MarkdownNode.isLineBreakTag(literal) { output += "\n" }
        case .htmlBlock, .codeBlock:
            output += literal ?? ""
        case .table:
            break
        default:
            for child in children { child.appendPlainText(to: &output) }
        }
    }

    /// `<br>`, `<br/>`, `<br />`, in any case.
    public static func isLineBreakTag(_ html: String) -> Bool {
        let compact = html.lowercased().filter { $0 != " " }
        return compact == "<br>" || compact == "<br/>"
    }

    /// All nodes below this one (not this one), depth first, in document order.
    public var descendants: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var stack: [MarkdownNode] = children.reversed()
        while let node = stack.popLast() {
            result.append(node)
            stack.append(contentsOf: node.children.reversed())
        }
        return result
    }
}

/// A parsed Markdown page: its front matter and its tree.
public struct MarkdownDocument: Hashable, Sendable {
    /// The `---` delimited block at the top of the file, if there is one.
    public var frontMatter: FrontMatter?
    /// The `.document` node.
    public var root: MarkdownNode
    /// Where the page went beyond a bound of `MarkdownLimits` or `MarkdownParser.maximumDepth`, in page order.
    public var limitsExceeded: [LimitExceeded]

    public init(frontMatter: FrontMatter?, root: MarkdownNode, limitsExceeded: [LimitExceeded] = []) {
        self.frontMatter = frontMatter
        self.root = root
        self.limitsExceeded = limitsExceeded
    }

    /// The top-level blocks.
    public var blocks: [MarkdownNode] { root.children }
}
