import DocgenModel
import ModelLinker
import Testing

@Suite("Type names written differently from the type they link to")
struct LinkResolutionTests {
    @Test("a response named by an undefined name takes the name of the one type its link's page defines")
    func responseThroughLink() throws {
        let text = methodPage(["GET /drives/{id}/items"],
                              response: "If successful, this method returns a `200 OK` response code and a collection of [DriveItems](../resources/driveitem.md) objects.")
        let model = link([("v1.0/api/list.md", text), ("v1.0/resources/driveitem.md", resourcePage("driveItem"))])
        let operation = try #require(model.version("v1.0")?.operation("GET /drives/{}/items"))
        #expect(operation.responseBody?.name == "driveItem")
        #expect(operation.responseBody?.isCollection == true)
        #expect(operation.responseBody?.link == "../resources/driveitem.md")
        #expect(model.linkerDiagnostics.isEmpty)
        #expect(model.version("v1.0")?.types.map(\.name) == ["driveItem"])
    }

    @Test("property, base, request-body and table types follow their links too, fragments ignored")
    func everyReference() throws {
        let range = """
        # range resource type

        Represents a range.

        Inherits from [BaseThing](basething.md)

        ## Properties

        |Property|Type|Description|
        |:---|:---|:---|
        |filter|[Filter](filter.md#properties)|The filter.|

        """
        let method = methodPage(["POST /ranges"], body: "In the request body, supply a JSON representation of the [RangeObject](../resources/range.md) object.",
                                table: ["|criteria|[Criteria](../resources/criteria.md)|Criteria.|"])
        let model = link([
            ("v1.0/api/create.md", method),
            ("v1.0/resources/range.md", range),
            ("v1.0/resources/basething.md", resourcePage("thingBase")),
            ("v1.0/resources/filter.md", resourcePage("workbookFilter")),
            ("v1.0/resources/criteria.md", enumPage("filterCriteria", members: ["a"])),
        ])
        let version = try #require(model.version("v1.0"))
        let rangeType = try #require(version.type("range"))
        #expect(rangeType.baseType?.name == "thingBase")
        #expect(rangeType.propertySummary == ["filter: workbookFilter", "criteria: filterCriteria"])
        #expect(version.operation("POST /ranges")?.requestBody?.name == "range")
        #expect(model.linkerDiagnostics.isEmpty)
    }

    @Test("a name that some page defines is kept even when its link leads to another type's page")
    func definedNameKept() throws {
        let widget = resourcePage("widget", properties: ["|part|[gizmo](widget.md)|Part.|"])
        let model = link([("v1.0/resources/widget.md", widget), ("v1.0/resources/gizmo.md", resourcePage("gizmo"))])
        #expect(model.version("v1.0")?.type("widget")?.property("part")?.type.name == "gizmo")
        #expect(model.linkerDiagnostics.isEmpty)
    }

    @Test("a link that leads to no page, to a page defining nothing, or off the docs leaves the name unresolved")
    func unresolvable() throws {
        let widget = resourcePage("widget", properties: [
            "|a|[Alpha](missing.md)|A.|", "|b|[Beta](../api/create.md)|B.|", "|c|[Gamma](https://example.com/gamma.md)|C.|",
        ])
        let model = link([("v1.0/resources/widget.md", widget), ("v1.0/api/create.md", methodPage(["POST /widgets"]))])
        #expect(model.version("v1.0")?.type("widget")?.propertySummary == ["a: Alpha", "b: Beta", "c: Gamma"])
        #expect(model.diagnostics(.typeUnresolved).count == 3)
    }

    @Test("a name defined only in another version does not stop a link from resolving in this one")
    func perVersion() throws {
        let widget = resourcePage("widget", properties: ["|filter|[Filter](filter.md)|The filter.|"])
        let model = link([
            ("v1.0/resources/widget.md", widget),
            ("v1.0/resources/filter.md", resourcePage("workbookFilter")),
            ("beta/resources/filter.md", resourcePage("Filter")),
        ])
        #expect(model.version("v1.0")?.type("widget")?.property("filter")?.type.name == "workbookFilter")
        #expect(model.diagnostics(.typeUnresolved).isEmpty)
    }
}
