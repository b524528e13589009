import DocgenModel
import ModelLinker
import Testing

@Suite("Types and enums: defined, merged, inferred, unresolved")
struct TypeTests {
    @Test("a resource page defines its type with base, properties and the title as location")
    func resourcePageType() throws {
        let text = resourcePage("widget", base: "entity", properties: ["|name|String|The name.|", "|size|Int32|The size.|"])
        let model = link([("v1.0/resources/widget.md", text), ("v1.0/resources/entity.md", resourcePage("entity", properties: ["|id|String|Id.|"]))])
        let widget = try #require(model.version("v1.0")?.type("widget"))
        #expect(widget.origin == .typePage)
        #expect(widget.baseType?.name == "entity")
        #expect(widget.propertySummary == ["name: String", "size: Int32"])
        #expect(widget.location == loc("v1.0/resources/widget.md", 1, 1))
        #expect(widget.property("size")?.location == loc("v1.0/resources/widget.md", line(of: "|size|", in: text), 2))
        #expect(model.linkerDiagnostics.isEmpty)
    }

    @Test("request-body table properties the resource page lacks are added after its own; the ones it has stay the page's")
    func requestBodyMerged() throws {
        let resource = resourcePage("widget", properties: ["|name|String|The name from the resource page.|"])
        let method = methodPage(["POST /widgets"], body: bodyOf("widget"),
                                table: ["|color|String|The color.|", "|name|String|The name from the table.|", "|size|Int32|The size.|"])
        let model = link([("v1.0/api/create.md", method), ("v1.0/resources/widget.md", resource)])
        let widget = try #require(model.version("v1.0")?.type("widget"))
        #expect(widget.origin == .typePage)
        #expect(widget.location.path == "v1.0/resources/widget.md")
        #expect(widget.propertySummary == ["name: String", "color: String", "size: Int32"])
        #expect(widget.property("name")?.description == "The name from the resource page.")
        #expect(widget.property("name")?.location.path == "v1.0/resources/widget.md")
        #expect(widget.property("color")?.location == loc("v1.0/api/create.md", line(of: "|color|", in: method), 2))
        #expect(model.linkerDiagnostics.isEmpty)
    }

    @Test("a property the table types differently gets type-conflict at the table row; the resource page's type wins")
    func conflict() throws {
        let resource = resourcePage("widget", properties: ["|name|String|The name.|", "|tags|String collection|Tags.|"])
        let method = methodPage(["POST /widgets"], body: bodyOf("widget"), table: ["|name|Int32|The name.|", "|tags|String|Tags.|"])
        let model = link([("v1.0/api/create.md", method), ("v1.0/resources/widget.md", resource)])
        let widget = try #require(model.version("v1.0")?.type("widget"))
        #expect(widget.propertySummary == ["name: String", "tags: String collection"])
        let conflicts = model.diagnostics(.typeConflict)
        #expect(conflicts.map(\.location) == [
            loc("v1.0/api/create.md", line(of: "|name|Int32|", in: method), 2),
            loc("v1.0/api/create.md", line(of: "|tags|String|", in: method), 2),
        ])
        #expect(conflicts.allSatisfy { $0.severity == .warning })
        #expect(conflicts.first?.message.contains("Int32") == true)
        #expect(model.linkerDiagnostics.count == 2)
    }

    @Test("a property spelled in another case is kept apart, with type-conflict")
    func caseOnlyDifference() throws {
        let resource = resourcePage("widget", properties: ["|displayName|String|The name.|"])
        let method = methodPage(["POST /widgets"], body: bodyOf("widget"), table: ["|DisplayName|String|The name.|"])
        let model = link([("v1.0/api/create.md", method), ("v1.0/resources/widget.md", resource)])
        #expect(model.version("v1.0")?.type("widget")?.propertySummary == ["displayName: String", "DisplayName: String"])
        #expect(model.diagnostics(.typeConflict).map(\.location) == [loc("v1.0/api/create.md", line(of: "|DisplayName|", in: method), 2)])
    }

    @Test("a type only a request-body table describes is inferred from it, with type-inferred at the request body heading")
    func inferredFromTable() throws {
        let method = methodPage(["POST /gadgets"], body: bodyOf("gadget"), table: ["|id|String|Id.|", "|weight|Double|Weight.|"])
        let model = link([("v1.0/api/create.md", method)])
        let gadget = try #require(model.version("v1.0")?.type("gadget"))
        #expect(gadget.origin == .requestBodyTable)
        #expect(gadget.propertySummary == ["id: String", "weight: Double"])
        let inferred = model.diagnostics(.typeInferred)
        #expect(inferred.map(\.location) == [loc("v1.0/api/create.md", line(of: "## Request body", in: method), 1)])
        #expect(inferred.first?.message.contains("'gadget'") == true)
        #expect(model.diagnostics(.typeUnresolved).isEmpty)
    }

    @Test("two tables for the same undefined type merge into one inferred type with one type-inferred naming both pages")
    func inferredFromTwoTables() throws {
        let first = methodPage(["POST /gadgets"], body: bodyOf("gadget"), table: ["|id|String|Id.|"])
        let second = methodPage(["PATCH /gadgets/{id}"], body: bodyOf("gadget"), table: ["|id|String|Id.|", "|weight|Double|Weight.|"])
        let model = link([("v1.0/api/b.md", second), ("v1.0/api/a.md", first)])
        let gadget = try #require(model.version("v1.0")?.type("gadget"))
        #expect(gadget.propertySummary == ["id: String", "weight: Double"])
        #expect(gadget.location.path == "v1.0/api/a.md")
        let inferred = model.diagnostics(.typeInferred)
        #expect(inferred.map(\.location) == [loc("v1.0/api/a.md", line(of: "## Request body", in: first), 1)])
        #expect(inferred.first?.message.contains("v1.0/api/a.md, v1.0/api/b.md") == true)
    }

    @Test("a type referenced but defined nowhere gets type-unresolved at its first reference and becomes an open type without properties")
    func unresolved() throws {
        let resource = resourcePage("widget", properties: ["|name|String|The name.|", "|part|[gizmo](gizmo.md)|A part.|", "|spares|[gizmo](gizmo.md) collection|Spares.|"])
        let method = methodPage(["GET /widgets/{id}/thing"], response: returns("thingamajig", status: "200 OK"))
        let model = link([("v1.0/api/get.md", method), ("v1.0/resources/widget.md", resource)])
        let version = try #require(model.version("v1.0"))
        let gizmo = try #require(version.type("gizmo"))
        #expect(gizmo.properties.isEmpty)
        #expect(gizmo.baseType == nil)
        #expect(gizmo.origin == .example)
        #expect(version.type("thingamajig")?.properties.isEmpty == true)
        let unresolved = model.diagnostics(.typeUnresolved)
        #expect(unresolved.map(\.location) == [
            loc("v1.0/api/get.md", line(of: "GET /widgets", in: method), 1),
            loc("v1.0/resources/widget.md", line(of: "|part|", in: resource), 2),
        ])
        #expect(unresolved.allSatisfy { $0.severity == .warning })
        #expect(unresolved.map { $0.message.contains("'thingamajig'") } == [true, false])
        #expect(unresolved.map { $0.message.contains("'gizmo'") } == [false, true])
    }

    @Test("request-body types and base types that no page defines are unresolved too")
    func unresolvedBodyAndBase() throws {
        let resource = resourcePage("widget", base: "contraption")
        let method = methodPage(["POST /doohickeys"], body: bodyOf("doohickey"))
        let model = link([("v1.0/api/create.md", method), ("v1.0/resources/widget.md", resource)])
        let version = try #require(model.version("v1.0"))
        #expect(model.diagnostics(.typeUnresolved).map(\.location) == [
            loc("v1.0/api/create.md", line(of: "POST /doohickeys", in: method), 1),
            loc("v1.0/resources/widget.md", 1, 1),
        ])
        #expect(version.type("doohickey")?.properties.isEmpty == true)
        #expect(version.type("contraption")?.properties.isEmpty == true)
        // The open type stands in for the base, so the base is kept.
        #expect(version.type("widget")?.baseType?.name == "contraption")
        #expect(model.diagnostics(.baseTypeUnresolved).isEmpty)
    }

    @Test("primitive types are never unresolved")
    func primitivesResolve() {
        let resource = resourcePage("widget", properties: ["|a|Edm.Guid|A.|", "|b|DateTimeOffset|B.|", "|c|Int64 collection|C.|", "|d|Boolean|D.|"])
        let model = link([("v1.0/resources/widget.md", resource)])
        #expect(model.linkerDiagnostics.isEmpty)
        #expect(model.version("v1.0")?.types.map(\.name) == ["widget"])
    }

    @Test("'Possible values are' on a property of an undefined named type defines an enum, with enum-inferred at the property")
    func enumFromPossibleValues() throws {
        let resource = resourcePage("widget", properties: [
            "|name|String|The name. Possible values are: `x`, `y`.|",
            "|shade|[shade](shade.md)|The shade. Possible values are: `light`, `dark`.|",
        ])
        let model = link([("v1.0/resources/widget.md", resource)])
        let version = try #require(model.version("v1.0"))
        let shade = try #require(version.enumeration("shade"))
        #expect(shade.members.map(\.name) == ["light", "dark"])
        #expect(shade.origin == .possibleValues)
        #expect(version.type("shade") == nil)
        // A String property's possible values make no enum.
        #expect(version.enums.map(\.name) == ["shade"])
        #expect(model.linkerDiagnostics.map(\.codeAndPlace) == ["enum-inferred@v1.0/resources/widget.md:\(line(of: "|shade|", in: resource)):2"])
    }

    @Test("possible values of several properties of the same undefined enum are merged in page order, first location")
    func enumFromSeveralProperties() throws {
        let widget = resourcePage("widget", properties: ["|shade|[shade](shade.md)|Possible values are: `light`, `dark`.|"])
        let method = methodPage(["POST /gadgets"], body: bodyOf("gadget"), table: ["|shade|[shade](shade.md)|Possible values are: `dark`, `dim`.|"])
        let model = link([("v1.0/resources/widget.md", widget), ("v1.0/api/create.md", method)])
        let shade = try #require(model.version("v1.0")?.enumeration("shade"))
        #expect(shade.members.map(\.name) == ["dark", "dim", "light"])
        #expect(model.diagnostics(.enumInferred).map(\.location) == [loc("v1.0/api/create.md", line(of: "|shade|", in: method), 2)])
    }

    @Test("an enum page beats the possible values of a property")
    func enumPageWins() throws {
        let widget = resourcePage("widget", properties: ["|shade|[shade](shade.md)|Possible values are: `light`, `blue`.|"])
        let model = link([("v1.0/resources/widget.md", widget), ("v1.0/resources/shade.md", enumPage("shade", members: ["light", "dark"]))])
        let shade = try #require(model.version("v1.0")?.enumeration("shade"))
        #expect(shade.origin == .typePage)
        #expect(shade.members.map(\.name) == ["light", "dark"])
        #expect(shade.location == loc("v1.0/resources/shade.md", 1, 1))
        #expect(model.linkerDiagnostics.isEmpty)
    }

    @Test("possible values of a name a type page defines make no enum")
    func typePageBeatsPossibleValues() throws {
        let widget = resourcePage("widget", properties: ["|part|[gizmo](gizmo.md)|Possible values are: `a`, `b`.|"])
        let model = link([("v1.0/resources/widget.md", widget), ("v1.0/resources/gizmo.md", resourcePage("gizmo"))])
        #expect(model.version("v1.0")?.enums.isEmpty == true)
        #expect(model.linkerDiagnostics.isEmpty)
    }

    @Test("two resource pages for the same type: the first by path is used, the other gets duplicate-definition at its title")
    func duplicateTypePages() throws {
        let first = resourcePage("widget", properties: ["|name|String|The name.|"])
        let second = resourcePage("Widget", properties: ["|size|Int32|The size.|"])
        let model = link([("v1.0/resources/widget2.md", second), ("v1.0/resources/widget.md", first)])
        let version = try #require(model.version("v1.0"))
        #expect(version.types.map(\.name) == ["widget"])
        #expect(version.type("widget")?.propertySummary == ["name: String"])
        let duplicates = model.diagnostics(.duplicateDefinition)
        #expect(duplicates.map(\.location) == [loc("v1.0/resources/widget2.md", 1, 1)])
        #expect(duplicates.first?.message.contains("v1.0/resources/widget.md:1:1") == true)
    }

    @Test("two enum pages for the same enum: duplicate-definition at the second")
    func duplicateEnumPages() throws {
        let model = link([
            ("v1.0/resources/shade.md", enumPage("shade", members: ["light"])),
            ("v1.0/resources/shade-again.md", enumPage("Shade", members: ["dark"])),
        ])
        let version = try #require(model.version("v1.0"))
        #expect(version.enums.map(\.name) == ["Shade"])
        #expect(version.enums.first?.members.map(\.name) == ["dark"])
        #expect(model.diagnostics(.duplicateDefinition).map(\.location) == [loc("v1.0/resources/shade.md", 1, 1)])
    }

    @Test("a name documented both as enum and as type is an enum, with duplicate-definition at the type")
    func enumAndType() throws {
        let model = link([
            ("v1.0/resources/shade.md", enumPage("shade", members: ["light"])),
            ("v1.0/resources/shade-type.md", resourcePage("shade", properties: ["|x|String|X.|"])),
        ])
        let version = try #require(model.version("v1.0"))
        #expect(version.types.isEmpty)
        #expect(version.enums.map(\.name) == ["shade"])
        #expect(model.diagnostics(.duplicateDefinition).map(\.location) == [loc("v1.0/resources/shade-type.md", 1, 1)])
    }

    @Test("type names match case-insensitively and with or without the microsoft.graph. namespace")
    func namesMatchLoosely() throws {
        let resource = resourcePage("Widget", properties: ["|name|String|The name.|", "|part|microsoft.graph.GIZMO|A part.|"])
        let method = methodPage(["POST /widgets"], body: bodyOf("widget"), table: ["|name|String|The name.|", "|extra|Boolean|Extra.|"],
                                response: returns("WIDGET"))
        let model = link([
            ("v1.0/api/create.md", method),
            ("v1.0/resources/widget.md", resource),
            ("v1.0/resources/gizmo.md", resourcePage("gizmo")),
        ])
        let version = try #require(model.version("v1.0"))
        #expect(version.types.map(\.name) == ["gizmo", "Widget"])
        #expect(version.type("Widget")?.propertySummary == ["name: String", "part: GIZMO", "extra: Boolean"])
        #expect(model.linkerDiagnostics.isEmpty)
        let index = version.index
        for name in ["widget", "WIDGET", "microsoft.graph.widget", "#microsoft.graph.Widget", "#widget", "Microsoft.Graph.Widget"] {
            #expect(index.type(named: name)?.name == "Widget", "looking up \(name)")
        }
        #expect(index.type(named: "graph.widget") == nil)
    }

    @Test("enums match loosely too: a property of type microsoft.graph.Shade resolves to the shade enum")
    func enumsMatchLoosely() throws {
        let widget = resourcePage("widget", properties: ["|shade|microsoft.graph.Shade|The shade.|"])
        let model = link([("v1.0/resources/widget.md", widget), ("v1.0/resources/shade.md", enumPage("shade", members: ["light"]))])
        #expect(model.linkerDiagnostics.isEmpty)
        #expect(model.version("v1.0")?.index.enumeration(named: "#microsoft.graph.SHADE")?.name == "shade")
    }

    @Test("types are sorted case-insensitively by name")
    func typeOrder() {
        let model = link([
            ("v1.0/resources/b.md", resourcePage("Beta")),
            ("v1.0/resources/a.md", resourcePage("alpha")),
            ("v1.0/resources/c.md", resourcePage("charlie")),
        ])
        #expect(model.version("v1.0")?.types.map(\.name) == ["alpha", "Beta", "charlie"])
    }
}
