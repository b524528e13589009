import DocgenModel
import ModelLinker
import Testing

@Suite("Pages are grouped by API version")
struct VersionTests {
    @Test("a v1.0/ or beta/ folder puts a page in that version, and each version links only its own pages")
    func folders() throws {
        let model = link([
            ("v1.0/api/create-widget.md", methodPage(["POST /widgets"], response: returns("widget"))),
            ("beta/api/create-gadget.md", methodPage(["POST /gadgets"], response: returns("widget"))),
            ("beta/resources/widget.md", resourcePage("widget", properties: ["|name|String|The name.|"])),
        ])
        #expect(model.versions.map(\.name) == ["beta", "v1.0"])
        let beta = try #require(model.version("beta"))
        let v1 = try #require(model.version("v1.0"))
        #expect(beta.operations.map(\.id) == ["POST /gadgets"])
        #expect(v1.operations.map(\.id) == ["POST /widgets"])
        // The beta page defines widget for beta only: v1.0 has to make an open type of it.
        #expect(beta.type("widget")?.origin == .typePage)
        #expect(v1.type("widget")?.origin == .example)
        #expect(v1.type("widget")?.properties.isEmpty == true)
        #expect(model.diagnostics(.typeUnresolved).map(\.location.path) == ["v1.0/api/create-widget.md"])
        #expect(model.diagnostics(.apiVersionDefaulted).isEmpty)
    }

    @Test("without a version folder, the version segment of the example URL decides")
    func exampleURL() throws {
        let betaText = methodPage(["POST /widgets"], examples: [example("POST https://graph.microsoft.com/beta/widgets")])
        let v1Text = methodPage(["POST /gadgets"], examples: [example("POST https://graph.microsoft.com/v1.0/gadgets")])
        let model = link([("api/a.md", betaText), ("api/b.md", v1Text)], defaultVersion: "v1.0")
        #expect(model.version("beta")?.operations.map(\.id) == ["POST /widgets"])
        #expect(model.version("v1.0")?.operations.map(\.id) == ["POST /gadgets"])
        #expect(model.version("beta")?.examples.map(\.operationID) == ["POST /widgets"])
        #expect(model.diagnostics(.apiVersionDefaulted).isEmpty)
    }

    @Test("a folder beats the example URL")
    func folderBeatsExample() {
        let text = methodPage(["POST /widgets"], examples: [example("POST https://graph.microsoft.com/beta/widgets")])
        let model = link([("v1.0/api/a.md", text)])
        #expect(model.versions.map(\.name) == ["v1.0"])
        #expect(model.version("v1.0")?.examples.first?.operationID == "POST /widgets")
    }

    @Test("with neither folder nor example URL the default version applies, with api-version-defaulted at the request line")
    func defaulted() throws {
        let text = methodPage(["POST /widgets"])
        let model = link([("api/a.md", text)], defaultVersion: "beta")
        #expect(model.versions.map(\.name) == ["beta"])
        let diagnostic = try #require(model.diagnostics(.apiVersionDefaulted).first)
        #expect(model.diagnostics(.apiVersionDefaulted).count == 1)
        #expect(diagnostic.location == loc("api/a.md", line(of: "POST /widgets", in: text), 1))
        #expect(diagnostic.severity == .warning)
    }

    @Test("an example URL with something else where the version belongs defaults too, at the example request")
    func defaultedFromOddSegment() throws {
        let text = methodPage(["POST /widgets"], examples: [example("POST https://graph.microsoft.com/localtest/widgets")])
        let model = link([("api/a.md", text)], defaultVersion: "v1.0")
        #expect(model.versions.map(\.name) == ["v1.0"])
        let diagnostic = try #require(model.diagnostics(.apiVersionDefaulted).first)
        #expect(diagnostic.location == loc("api/a.md", line(of: "https://graph.microsoft.com/localtest", in: text), 1))
        #expect(diagnostic.message.contains("localtest"))
        // The example still links to the page's operation.
        #expect(model.version("v1.0")?.examples.first?.operationID == "POST /widgets")
    }

    @Test("the same operation in two versions is two operations, one per version, without duplicate-operation")
    func sameOperationInTwoVersions() {
        let model = link([
            ("v1.0/api/a.md", methodPage(["POST /widgets"])),
            ("beta/api/a.md", methodPage(["POST /widgets"])),
        ])
        #expect(model.version("v1.0")?.operations.map(\.location.path) == ["v1.0/api/a.md"])
        #expect(model.version("beta")?.operations.map(\.location.path) == ["beta/api/a.md"])
        #expect(model.diagnostics(.duplicateOperation).isEmpty)
    }
}
