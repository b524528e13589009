import DocgenModel
import PageParser
import Testing

@Suite("Hostile request lines")
struct HostileRequestLineTests {
    @Test("a request line with a '.' or '..' segment is reported and ignored; the others are read")
    func dotSegments() throws {
        let text = "# Get widget\n\n## HTTP request\n\n```http\nGET /widgets/{id}/../../../etc/passwd\nGET /widgets/./x\nGET /widgets/{id}\nGET /widgets/..x/{id}\n```\n"
        let page = PageParser.parse(text: text, path: "v1.0/api/widget-get.md")
        #expect(page.requestLines.map(\.path.description) == ["/widgets/{id}", "/widgets/..x/{id}"])
        let warnings = page.diagnostics.filter { $0.code == .requestLineMalformed }
        #expect(warnings.map(\.location.line) == [6, 7])
        #expect(warnings.allSatisfy { $0.message.contains("'..' segment") })
    }
}
