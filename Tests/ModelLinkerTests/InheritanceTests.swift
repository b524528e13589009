import DocgenModel
import ModelLinker
import Testing

@Suite("Inheritance: base types, cycles, inherited properties, descendants")
struct InheritanceTests {
    /// Follows base types from `type` and tells whether the walk comes back to a type it has seen.
    static func hasCycle(from type: TypeDefinition, in version: APIVersionModel) -> Bool {
        var seen: Set<String> = [TypeReference.lookupKey(for: type.name)]
        var current = type
        while let base = current.baseType {
            guard seen.insert(base.lookupKey).inserted else { return true }
            guard let next = version.types.first(where: { TypeReference.lookupKey(for: $0.name) == base.lookupKey }) else { return false }
            current = next
        }
        return false
    }

    @Test("base types resolve to the defined types, case-insensitively, without diagnostics")
    func resolved() throws {
        let model = link([
            ("v1.0/resources/target.md", resourcePage("assignmentTarget", properties: ["|filterId|String|Filter.|"])),
            ("v1.0/resources/group.md", resourcePage("groupAssignmentTarget", base: "AssignmentTarget", properties: ["|groupId|String|Group.|"])),
            ("v1.0/resources/exclusion.md", resourcePage("exclusionGroupAssignmentTarget", base: "groupAssignmentTarget")),
        ])
        let version = try #require(model.version("v1.0"))
        let exclusion = try #require(version.type("exclusionGroupAssignmentTarget"))
        #expect(version.index.ancestors(of: exclusion).map(\.name) == ["groupAssignmentTarget", "assignmentTarget"])
        #expect(version.index.allProperties(of: exclusion).map(\.name) == ["filterId", "groupId"])
        #expect(model.linkerDiagnostics.isEmpty)
        #expect(!model.hasErrors)
    }

    @Test("a base type that names an enum gets base-type-unresolved at the type and is dropped")
    func baseIsEnum() throws {
        let widget = resourcePage("widget", base: "shade", properties: ["|name|String|Name.|"])
        let model = link([("v1.0/resources/widget.md", widget), ("v1.0/resources/shade.md", enumPage("shade", members: ["light"]))])
        let version = try #require(model.version("v1.0"))
        #expect(version.type("widget")?.baseType == nil)
        #expect(version.types.map(\.name) == ["widget"])
        let diagnostics = model.linkerDiagnostics
        #expect(diagnostics.map(\.codeAndPlace) == ["base-type-unresolved@v1.0/resources/widget.md:1:1"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.message.contains("'shade'") == true)
    }

    @Test("an inheritance cycle A -> B -> A is an inheritance-cycle error at each type in it, and the result has no cycle")
    func twoCycle() throws {
        let model = link([
            ("v1.0/resources/a.md", resourcePage("alpha", base: "beta", properties: ["|a|String|A.|"])),
            ("v1.0/resources/b.md", resourcePage("beta", base: "alpha", properties: ["|b|String|B.|"])),
        ])
        let version = try #require(model.version("v1.0"))
        for type in version.types { #expect(!Self.hasCycle(from: type, in: version), "cycle through \(type.name)") }
        let cycles = model.diagnostics(.inheritanceCycle)
        // Both edges of the cycle are dropped, each with an error at its type.
        #expect(cycles.map(\.location) == [loc("v1.0/resources/a.md", 1, 1), loc("v1.0/resources/b.md", 1, 1)])
        #expect(cycles.allSatisfy { $0.severity == .error })
        #expect(version.type("alpha")?.baseType == nil)
        #expect(version.type("beta")?.baseType == nil)
        #expect(model.hasErrors)
        #expect(version.index.allProperties(of: try #require(version.type("alpha"))).map(\.name) == ["a"])
    }

    @Test("a type that inherits from itself gets inheritance-cycle and loses its base")
    func selfCycle() throws {
        let model = link([("v1.0/resources/a.md", resourcePage("alpha", base: "Alpha"))])
        let version = try #require(model.version("v1.0"))
        #expect(version.type("alpha")?.baseType == nil)
        #expect(model.linkerDiagnostics.map(\.codeAndPlace) == ["inheritance-cycle@v1.0/resources/a.md:1:1"])
    }

    @Test("a type that only derives from a cycle keeps its base and gets no inheritance-cycle")
    func derivedFromCycle() throws {
        let model = link([
            ("v1.0/resources/a.md", resourcePage("alpha", base: "beta")),
            ("v1.0/resources/b.md", resourcePage("beta", base: "alpha")),
            ("v1.0/resources/c.md", resourcePage("charlie", base: "alpha", properties: ["|c|String|C.|"])),
        ])
        let version = try #require(model.version("v1.0"))
        for type in version.types { #expect(!Self.hasCycle(from: type, in: version), "cycle through \(type.name)") }
        #expect(version.type("charlie")?.baseType?.name == "alpha")
        #expect(model.diagnostics(.inheritanceCycle).map(\.location.path) == ["v1.0/resources/a.md", "v1.0/resources/b.md"])
    }

    @Test("a longer cycle A -> B -> C -> A leaves no cycle behind")
    func threeCycle() throws {
        let model = link([
            ("v1.0/resources/a.md", resourcePage("alpha", base: "beta")),
            ("v1.0/resources/b.md", resourcePage("beta", base: "charlie")),
            ("v1.0/resources/c.md", resourcePage("charlie", base: "alpha")),
        ])
        let version = try #require(model.version("v1.0"))
        for type in version.types { #expect(!Self.hasCycle(from: type, in: version), "cycle through \(type.name)") }
        #expect(!model.diagnostics(.inheritanceCycle).isEmpty)
        #expect(model.diagnostics(.inheritanceCycle).allSatisfy { $0.severity == .error })
    }

    @Test("allProperties lists the farthest base's properties first and puts a redeclared property in the inherited place")
    func allProperties() throws {
        let base = resourcePage("entity", properties: ["|id|String|Base id.|", "|name|String|Base name.|"])
        let middle = resourcePage("thing", base: "entity", properties: ["|extra|Int32|Extra.|", "|name|String|Thing name.|"])
        let leaf = resourcePage("widget", base: "thing", properties: ["|size|Int64|Size.|", "|id|Guid|Widget id.|"])
        let model = link([("v1.0/resources/entity.md", base), ("v1.0/resources/thing.md", middle), ("v1.0/resources/widget.md", leaf)])
        let version = try #require(model.version("v1.0"))
        let widget = try #require(version.type("widget"))
        let properties = version.index.allProperties(of: widget)
        #expect(properties.map(\.name) == ["id", "name", "extra", "size"])
        #expect(properties.map { $0.description ?? "" } == ["Widget id.", "Thing name.", "Extra.", "Size."])
        #expect(properties.first?.type == .primitive(.guid))
        let thing = try #require(version.type("thing"))
        #expect(version.index.allProperties(of: thing).map { $0.description ?? "" } == ["Base id.", "Thing name.", "Extra."])
    }

    @Test("descendants are transitive and sorted by lookup key")
    func descendants() throws {
        let model = link([
            ("v1.0/resources/target.md", resourcePage("assignmentTarget")),
            ("v1.0/resources/group.md", resourcePage("groupAssignmentTarget", base: "assignmentTarget")),
            ("v1.0/resources/exclusion.md", resourcePage("exclusionGroupAssignmentTarget", base: "groupAssignmentTarget")),
            ("v1.0/resources/all.md", resourcePage("AllDevicesAssignmentTarget", base: "assignmentTarget")),
            ("v1.0/resources/z.md", resourcePage("ZetaTarget", base: "exclusionGroupAssignmentTarget")),
            ("v1.0/resources/other.md", resourcePage("unrelated")),
        ])
        let version = try #require(model.version("v1.0"))
        let index = version.index
        let target = try #require(version.type("assignmentTarget"))
        #expect(index.descendants(of: target).map(\.name) == [
            "AllDevicesAssignmentTarget", "exclusionGroupAssignmentTarget", "groupAssignmentTarget", "ZetaTarget",
        ])
        let group = try #require(version.type("groupAssignmentTarget"))
        #expect(index.descendants(of: group).map(\.name) == ["exclusionGroupAssignmentTarget", "ZetaTarget"])
        #expect(index.descendants(of: try #require(version.type("ZetaTarget"))).isEmpty)
        #expect(index.descendants(of: try #require(version.type("unrelated"))).isEmpty)
    }
}
