import DocgenModel
import ModelLinker
import Testing

/// Pages that repeat themselves or nest without end: each gets a diagnostic and a deterministic rule, and
/// none makes the model grow faster than the pages.
@Suite("Duplicate rows and runaway inheritance")
struct MisuseTests {
    @Test("a property listed twice in one table: a warning at the later row, and the first row's type wins")
    func duplicateProperty() throws {
        let page = resourcePage("widget", properties: ["|name|String|First.|", "|size|Int32|Size.|", "|name|Int64|Second.|", "|name|Boolean|Third.|"])
        let model = link([("v1.0/resources/widget.md", page)])
        let widget = try #require(model.version("v1.0")?.type("widget"))
        #expect(widget.propertySummary == ["name: String", "size: Int32"])
        let duplicates = model.diagnostics(.duplicateProperty)
        #expect(duplicates.map(\.location.line) == [line(of: "|name|Int64|", in: page), line(of: "|name|Boolean|", in: page)])
        #expect(duplicates.allSatisfy { $0.severity == .warning && $0.message.contains("'name'") })
        // The same rule whatever else the page says: pages in another order give the same model.
        #expect(link([("v1.0/resources/widget.md", page)]) == model)
    }

    @Test("a request-body table that lists a parameter twice keeps the first, with a warning")
    func duplicateBodyParameter() throws {
        let page = methodPage(
            ["POST /widgets/{id}/act"], body: "In the request body, supply a JSON representation of the parameters.",
            table: ["|mode|String|First.|", "|mode|Int32|Again.|"],
            response: "If successful, this action returns a `204 No Content` response code."
        )
        let model = link([("v1.0/api/widget-act.md", page)])
        #expect(model.diagnostics(.duplicateProperty).map(\.location.line) == [line(of: "|mode|Int32|", in: page)])
        let body = try #require(model.version("v1.0")?.types.first { $0.origin == .unnamedRequestBody || $0.origin == .requestBodyTable })
        #expect(body.propertySummary == ["mode: String"])
    }

    @Test("an enum member listed twice: a warning, and one case only")
    func duplicateEnumMember() throws {
        let page = enumPage("mode", members: ["on", "off", "on"])
        let model = link([("v1.0/resources/mode.md", page)])
        #expect(model.version("v1.0")?.enumeration("mode")?.members.map(\.name) == ["on", "off"])
        #expect(model.diagnostics(.duplicateEnumMember).map(\.location.line) == [line(of: "|on|2|", in: page)])
    }

    @Test("an inheritance chain deeper than the limit is cut at the limit, with a warning at the cut")
    func deepChain() throws {
        let count = 100
        var pages: [(String, String)] = []
        for index in 0..<count {
            pages.append(("v1.0/resources/t\(index).md", resourcePage("t\(index)", base: index == 0 ? nil : "t\(index - 1)", properties: ["|p\(index)|String|P.|"])))
        }
        let model = link(pages)
        let version = try #require(model.version("v1.0"))
        let depthLimit = 32
        let cut = model.diagnostics(.inheritanceTooDeep)
        #expect(cut.map(\.location.path) == ["v1.0/resources/t\(depthLimit + 1).md", "v1.0/resources/t\(2 * depthLimit + 2).md", "v1.0/resources/t\(3 * depthLimit + 3).md"])
        #expect(version.type("t\(depthLimit + 1)")?.baseType == nil)
        #expect(version.type("t\(depthLimit)")?.baseType?.name == "t\(depthLimit - 1)")
        for type in version.types {
            #expect(version.index.ancestors(of: type).count <= depthLimit, "\(type.name)")
        }
        // What the client holds grows linearly: every type inherits at most the limit's worth of properties.
        let inherited = version.types.map { version.index.allProperties(of: $0).count }.reduce(0, +)
        #expect(inherited <= count * (depthLimit + 1))
    }

    @Test("a type that would inherit more properties than the limit loses its base type, with a warning")
    func wideBase() throws {
        let rows = (0..<2_100).map { "|p\($0)|String|P.|" }
        let model = link([("v1.0/resources/big.md", resourcePage("big", properties: rows)),
                          ("v1.0/resources/small.md", resourcePage("small", base: "big", properties: ["|x|String|X.|"]))])
        let version = try #require(model.version("v1.0"))
        #expect(version.type("small")?.baseType == nil)
        #expect(model.diagnostics(.inheritanceTooDeep).map(\.location.path) == ["v1.0/resources/small.md"])
        #expect(model.diagnostics(.inheritanceTooDeep).first?.message.contains("2100 properties") == true)
    }
}
