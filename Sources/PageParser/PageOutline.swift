import DocgenModel
import MarkdownSyntax

/// A page's headings and the blocks under each, with the noise of real pages removed: SDK tab markers that
/// look like level-1 headings (`# [HTTP](#tab/http)`) and `[!INCLUDE ...]` lines are neither headings nor
/// content.
struct PageOutline {
    struct Section {
        let heading: MarkdownNode
        /// Lowercased heading text without trailing colon or numbering noise.
        let name: String
        /// The blocks up to the next heading of the same or a higher level (subsections included).
        let blocks: [MarkdownNode]
    }

    let blocks: [MarkdownNode]
    let sections: [Section]
    let title: MarkdownNode?
    /// The first paragraph after the title that is not a note, namespace line or include.
    let introduction: String?

    init(document: MarkdownDocument) {
        let blocks = document.blocks.filter { !PageOutline.isNoise($0) }
        self.blocks = blocks
        var sections: [Section] = []
        for (index, block) in blocks.enumerated() where block.kind == .heading {
            var end = index + 1
            while end < blocks.count {
                if blocks[end].kind == .heading, blocks[end].headingLevel <= block.headingLevel { break }
                end += 1
            }
            sections.append(Section(heading: block, name: PageOutline.normalize(block.plainText), blocks: Array(blocks[(index + 1)..<end])))
        }
        self.sections = sections
        let title = blocks.first { $0.kind == .heading && $0.headingLevel == 1 }
        self.title = title
        var introduction: String?
        if let title, let start = blocks.firstIndex(of: title) {
            for block in blocks[(start + 1)...] {
                if block.kind == .heading { break }
                guard block.kind == .paragraph else { continue }
                let text = block.plainText.trimmed
                if text.isEmpty || text.lowercased().hasPrefix("namespace:") { continue }
                introduction = text
                break
            }
        }
        self.introduction = introduction
    }

    /// Tab markers and include lines.
    static func isNoise(_ block: MarkdownNode) -> Bool {
        if block.kind == .heading {
            let links = block.children.filter { $0.kind == .link }
            if links.count == 1, links[0].destination?.hasPrefix("#tab/") == true { return true }
        }
        if block.kind == .paragraph || block.kind == .heading {
            let text = block.plainText.trimmed
            if text.hasPrefix("[!INCLUDE") || text.hasPrefix("[!include") { return true }
        }
        return false
    }

    static func normalize(_ text: String) -> String {
        var name = text.trimmed.lowercased()
        while name.hasSuffix(":") { name.removeLast() }
        return name.trimmed
    }

    static func isHTTPRequestHeading(_ name: String) -> Bool {
        name == "http request" || name == "http requests"
    }

    /// Sections whose code blocks are examples or bodies, not request lines.
    static func isExampleOrBodyHeading(_ name: String) -> Bool {
        name.hasPrefix("example") || name.hasPrefix("request") || name.hasPrefix("response") || name.hasPrefix("json")
    }

    func section(matching predicate: (String) -> Bool) -> Section? {
        sections.first { predicate($0.name) }
    }

    func sections(matching predicate: (String) -> Bool) -> [Section] {
        sections.filter { predicate($0.name) }
    }
}
