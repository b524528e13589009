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

@Suite("Dot segments hidden inside one parsed segment")
struct HiddenDotSegmentTests {
    @Test("a quote that never closes keeps '..' inside one segment; the parsed segments are checked, so the line is still refused")
    func unbalancedQuote() throws {
        let lines = ["GET /users/o'brien/../../x", "GET /a/(x/../y)/b", "GET /a/{x/../y}", "GET /a/'q/..\\..\\b", "GET /users/{id}",
                     "GET /reports/getReport(period='D7')/content", "GET /me/drive/root:/folder/file.txt:/content"]
        let text = "# Get widget\n\n## HTTP request\n\n```http\n" + lines.joined(separator: "\n") + "\n```\n"
        let page = PageParser.parse(text: text, path: "v1.0/api/widget-get.md")
        #expect(page.requestLines.map(\.path.description) == ["/users/{id}", "/reports/getReport(period='D7')/content", "/me/drive/root:/folder/file.txt:/content"])
        let warnings = page.diagnostics.filter { $0.code == .requestLineMalformed }
        #expect(warnings.map(\.location.line) == [6, 7, 8, 9])
        for segment in page.requestLines.flatMap(\.path.segments) {
            #expect(!segment.text.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains { $0 == ".." || $0 == "." }, "\(segment.text)")
        }
    }
}
