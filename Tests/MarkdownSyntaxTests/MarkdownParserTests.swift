import Testing
@testable import MarkdownSyntax

@Suite("Markdown tree from cmark")
struct MarkdownParserTests {
    @Test("front matter is read and its lines keep the page's line numbers")
    func frontMatterKeepsLineNumbers() throws {
        let document = MarkdownParser.parse("---\ntitle: \"Create x\"\ndoc_type: apiPageType\n---\n\n# Create x\n")
        let frontMatter = try #require(document.frontMatter)
        #expect(frontMatter["title"] == "Create x")
        #expect(frontMatter["DOC_TYPE"] == "apiPageType")
        #expect(frontMatter.closingLine == 4)
        let heading = try #require(document.blocks.first)
        #expect(heading.kind == .heading)
        #expect(heading.headingLevel == 1)
        #expect(heading.range.startLine == 6)
        #expect(heading.plainText == "Create x")
    }

    @Test("an unclosed front matter block is left to Markdown")
    func unclosedFrontMatter() {
        let document = MarkdownParser.parse("---\ntitle: x\n\n# Heading\n")
        #expect(document.frontMatter?.closingLine == nil)
        #expect(document.blocks.contains { $0.kind == .heading })
    }

    @Test("code blocks keep their fence info trimmed, their literal and their position")
    func codeBlocks() throws {
        let document = MarkdownParser.parse("Intro\n\n``` http\nPOST /a/b\n```\n")
        let block = try #require(document.blocks.first { $0.kind == .codeBlock })
        #expect(block.fenceInfo == "http")
        #expect(block.literal == "POST /a/b\n")
        #expect(block.range.startLine == 3)
    }

    @Test("html comments before code blocks arrive as html blocks")
    func htmlBlocks() throws {
        let document = MarkdownParser.parse("<!-- {\n  \"blockType\": \"ignored\"\n}\n-->\n```http\nGET /me\n```\n")
        #expect(document.blocks.map(\.kind) == [.htmlBlock, .codeBlock])
        #expect(document.blocks[0].literal?.contains("blockType") == true)
    }

    @Test("columns are counted in characters, not bytes")
    func columnsInCharacters() throws {
        let document = MarkdownParser.parse("é€ *x*\n")
        let paragraph = try #require(document.blocks.first)
        let emphasis = try #require(paragraph.children.first { $0.kind == .emphasis })
        #expect(emphasis.range.startColumn == 4)
    }

    @Test("links keep destination and text")
    func links() throws {
        let document = MarkdownParser.parse("Create a new [deviceConfigurationAssignment](../resources/x.md) object.\n")
        let link = try #require(document.root.descendants.first { $0.kind == .link })
        #expect(link.destination == "../resources/x.md")
        #expect(link.plainText == "deviceConfigurationAssignment")
    }
}

@Suite("Hostile Markdown")
struct HostileMarkdownTests {
    func depth(_ node: MarkdownNode) -> Int {
        var deepest = 0
        var stack = [(node, 1)]
        while let (current, level) = stack.popLast() {
            deepest = max(deepest, level)
            stack += current.children.map { ($0, level + 1) }
        }
        return deepest
    }

    @Test("nesting beyond the limit is flattened and its text kept")
    func nestingIsBounded() {
        let document = MarkdownParser.parse(String(repeating: ">", count: 5_000) + " deep text\n")
        #expect(depth(document.root) <= MarkdownParser.maximumDepth + 2)
        #expect(document.root.plainText.contains("deep text"))
    }

    @Test("cmark alone parses any bytes, contiguous or not, empty or not UTF-8")
    func cmarkOnly() {
        #expect(MarkdownParser.parseWithCmarkOnly(Array("# Title\n\n| a | b |\n|---|---|\n".utf8)))
        #expect(MarkdownParser.parseWithCmarkOnly([UInt8]()))
        #expect(MarkdownParser.parseWithCmarkOnly([0x23, 0x20, 0xFF, 0xFE, 0x0A]))
        #expect(MarkdownParser.parseWithCmarkOnly("text".utf8.reversed()))
    }
}

@Suite("Front matter with other line ends")
struct FrontMatterLineEndTests {
    @Test("front matter closed by CRLF or CR line ends is read, and the heading keeps its line", arguments: ["\r\n", "\r"])
    func otherLineEnds(ending: String) throws {
        let text = ["---", "title: \"Create x\"", "doc_type: apiPageType", "---", "", "# Create x", ""].joined(separator: ending)
        let document = MarkdownParser.parse(text)
        let frontMatter = try #require(document.frontMatter)
        #expect(frontMatter["title"] == "Create x")
        #expect(frontMatter["doc_type"] == "apiPageType")
        #expect(frontMatter.closingLine == 4)
        #expect(frontMatter.malformedLines.isEmpty)
        let heading = try #require(document.blocks.first)
        #expect(heading.kind == .heading)
        #expect(heading.range.startLine == 6)
    }
}
