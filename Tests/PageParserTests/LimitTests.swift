import DocgenModel
import MarkdownSyntax
import PageParser
import Testing

/// Pages made to take the run down, built here at full size (none is kept in git), each against the standard
/// limits: each is cut where its limit says, with its diagnostic, and what comes before the cut is read as
/// usual. (Time is not asserted; each takes well under a second in a debug build.)
@Suite("Limits on hostile pages")
struct LimitTests {
    static let limits = MarkdownLimits.standard

    func parse(_ text: String, path: String = "v1.0/resources/widget.md") -> ParsedPage {
        PageParser.parse(text: text, path: path)
    }

    func diagnostics(_ page: ParsedPage, _ code: DiagnosticCode) -> [Diagnostic] {
        page.diagnostics.filter { $0.code == code }
    }

    /// A resource page with a properties table of `rows`, followed by `tail`.
    static func resourcePage(rows: [String], tail: String = "") -> String {
        "# widget resource type\n\nA widget.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n"
            + rows.joined() + "\n## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n"
            + "| parts | [part](part.md) collection | The parts. |\n" + tail
    }

    @Test("a 50 MB page is read up to the page limit, with an error where it is cut")
    func hugePage() throws {
        let line = "Filler text that goes on and on, as a runaway generator would write it.\n"
        let filler = String(repeating: line, count: (50 << 20) / line.utf8.count + 1)
        let text = Self.resourcePage(rows: ["| id | String | The key. |\n", "| name | String | The name. |\n"], tail: "\n" + filler)
        #expect(text.utf8.count > 50 << 20)
        let page = parse(text)
        let cut = try #require(diagnostics(page, .pageTooLarge).first)
        #expect(cut.severity == .error)
        #expect(cut.message.contains("\(text.utf8.count) bytes"))
        #expect(cut.message.contains("limit of \(Self.limits.maximumPageBytes) bytes"))
        // The cut is at the start of the first line that does not fit in the limit.
        let linesRead = text.utf8.prefix(Self.limits.maximumPageBytes).filter { $0 == UInt8(ascii: "\n") }.count
        #expect(cut.location.line == linesRead + 1)
        #expect(cut.location.column == 1)
        let type = try #require(page.types.first)
        #expect(type.name == "widget")
        #expect(type.properties.map(\.name) == ["id", "name", "parts"])
        #expect(page.diagnostics.filter { $0.severity == .error }.count == 1)
    }

    @Test("a 1 MB line is read up to the line limit; the rows after it are read as usual")
    func hugeLine() throws {
        let description = String(repeating: "ab€ ", count: 1_000_000 / 6)
        let text = Self.resourcePage(rows: ["| id | String | The key. |\n", "| blob | String | \(description) |\n", "| name | String | The name. |\n"])
        let page = parse(text)
        let cut = try #require(diagnostics(page, .lineTooLong).first)
        #expect(cut.severity == .warning)
        #expect(cut.location.line == 10)
        #expect(cut.message.contains("limit of \(Self.limits.maximumLineBytes) bytes"))
        let type = try #require(page.types.first)
        #expect(type.properties.map(\.name) == ["id", "blob", "name", "parts"])
        let blob = try #require(type.properties.first { $0.name == "blob" }?.description)
        #expect(blob.utf8.count <= Self.limits.maximumLineBytes)
        #expect(blob.utf8.count > Self.limits.maximumLineBytes - 100)
        #expect(description.hasPrefix(blob))
        // The cut column is where the kept text ends, counted in characters.
        #expect(cut.location.column > blob.unicodeScalars.count)
    }

    @Test("10,000 nested block quotes and list items on a line: the text is read at the marker limit")
    func deepBlockNesting() throws {
        for marker in ["> ", ">", "- ", "1. ", "> - "] {
            let deep = String(repeating: marker, count: 10_000) + "Deep text.\n"
            let text = "# widget resource type\n\nA widget.\n\n" + deep + "\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | The key. |\n"
            let page = parse(text)
            let nesting = diagnostics(page, .nestingTooDeep)
            #expect(nesting.count == 1, "\(marker): \(nesting)")
            #expect(nesting.first?.location.line == 5)
            #expect(nesting.first?.message.contains("limit of \(Self.limits.maximumLineMarkers)") == true)
            #expect(page.types.first?.properties.map(\.name) == ["id"], "\(marker)")
        }
    }

    @Test("a table of 100,000 rows is read up to the row limit, with an error at the first row not read")
    func hugeTable() throws {
        // Rows of 10 bytes in a two-column table, so that the table fits in a page that is read whole.
        let rows = (0..<100_000).map { "|\($0 % 2 == 0 ? "p" : "q")|Int32|\n" }
        let text = "# widget resource type\n\nA widget.\n\n## Properties\n\n| Property | Type |\n|:---|:---|\n" + rows.joined()
            + "\n## Relationships\n\n| Relationship | Type | Description |\n|:---|:---|:---|\n| parts | [part](part.md) collection | The parts. |\n"
        #expect(text.utf8.count < Self.limits.maximumPageBytes)
        let page = parse(text)
        let cut = try #require(diagnostics(page, .tableTooManyRows).first)
        #expect(cut.severity == .error)
        #expect(cut.location.line == 9 + Self.limits.maximumTableRows)
        #expect(cut.message.contains("100000 rows"))
        #expect(page.diagnostics.map(\.code) == [.tableTooManyRows])
        let type = try #require(page.types.first)
        #expect(type.properties.count == Self.limits.maximumTableRows + 1)
        #expect(type.properties[Self.limits.maximumTableRows - 1].name == "q")
        #expect(type.properties[Self.limits.maximumTableRows - 1].type == .primitive(.int32))
        #expect(type.properties.last?.name == "parts")
    }

    @Test("JSON nested 10,000 deep is an error at the bracket beyond the JSON limit; the body stays as text")
    func deepJSON() throws {
        let body = String(repeating: "{\"a\": [", count: 5_000) + String(repeating: "]}", count: 5_000)
        let text = "# Create widget\n\nCreates one.\n\n## HTTP request\n\n```http\nPOST /widgets\n```\n\n## Example\n\n### Request\n\n"
            + "```http\nPOST https://graph.microsoft.com/v1.0/widgets\nContent-type: application/json\n\n\(body)\n```\n\n"
            + "### Response\n\n```http\nHTTP/1.1 201 Created\nContent-type: application/json\n\n{\"id\": \"1\"}\n```\n"
        let page = parse(text, path: "v1.0/api/widget-create.md")
        let tooDeep = try #require(diagnostics(page, .jsonTooDeep).first)
        #expect(tooDeep.severity == .error)
        #expect(tooDeep.location.line == 19)
        // Each `{"a": [` opens two levels in 7 characters: the 129th level opens at column 7 * 64 + 1.
        #expect(tooDeep.location.column == 7 * 64 + 1)
        #expect(diagnostics(page, .jsonInvalid).isEmpty)
        let example = try #require(page.examples.first)
        #expect(example.request?.body?.kind == .brokenJSON)
        #expect(example.request?.body?.text == body)
        #expect(example.response?.body?.json?["id"] == .string("1"))
    }

    @Test("an annotation nested too deep is reported and ignored; the example is still read")
    func deepAnnotation() throws {
        let annotation = "<!-- { \"blockType\": \"request\", \"x\": " + String(repeating: "[", count: 10_000) + " } -->"
        let text = "# Get widget\n\n## HTTP request\n\n```http\nGET /widgets/{id}\n```\n\n## Example\n\n\(annotation)\n```http\nGET https://graph.microsoft.com/v1.0/widgets/1\n```\n"
        let page = parse(text, path: "v1.0/api/widget-get.md")
        let tooDeep = try #require(diagnostics(page, .jsonTooDeep).first)
        #expect(tooDeep.severity == .warning)
        #expect(tooDeep.location.line == 11)
        #expect(page.examples.first?.request?.path.description == "/widgets/1")
    }

    @Test("JSON as deep as the JSON limit is read")
    func jsonAtTheLimit() throws {
        let depth = PageParser.Options().maximumJSONDepth
        let body = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let text = "# Create widget\n\n## HTTP request\n\n```http\nPOST /widgets\n```\n\n## Example\n\n```http\nPOST https://graph.microsoft.com/v1.0/widgets\n\n\(body)\n```\n"
        let page = parse(text, path: "v1.0/api/widget-create.md")
        #expect(page.examples.first?.request?.body?.kind == .json)
        #expect(page.diagnostics.allSatisfy { $0.severity == .warning })
    }
}
