import DocgenModel
import ModelDiff
import Testing

/// A resource page in the shape of the fixtures.
func resourcePage(_ name: String, base: String? = nil, properties: [String]) -> String {
    var lines = ["# \(name) resource type", "", "Namespace: microsoft.graph", "", "A \(name).", ""]
    if let base { lines += ["Inherits from [\(base)](../resources/\(base.lowercased()).md)", ""] }
    lines += ["## Properties", "", "|Property|Type|Description|", "|:---|:---|:---|"] + properties + ["", "## Relationships", "None", ""]
    return lines.joined(separator: "\n")
}

/// An enum page in the shape of the fixtures.
func enumPage(_ name: String, members: [String]) -> String {
    var lines = ["# \(name) enum type", "", "Namespace: microsoft.graph", "", "Values of \(name).", "", "## Members", "", "|Member|Value|Description|", "|:---|:---|:---|"]
    for (offset, member) in members.enumerated() { lines.append("|\(member)|\(offset)|The \(member) value.|") }
    return lines.joined(separator: "\n") + "\n"
}

@Suite("Types, properties and enums")
struct TypeDriftTests {
    static let widget = "v1.0/resources/widget.md"
    static let gadget = "v1.0/resources/gadget.md"

    // MARK: Types

    @Test("a new type page that nothing used before is an added struct: additive")
    func typeAdded() throws {
        let report = try drift(new: { $0.texts[Self.gadget] = resourcePage("gadget", properties: ["|name|String|Its name.|"]) })
        #expect(report.outline == ["type-added additive gadget"])
        #expect(try report.first().newLocation?.path == Self.gadget)
        #expect(try report.first().reason.contains("`Gadget`"))
    }

    @Test("a type that is gone is breaking")
    func typeRemoved() throws {
        let report = try drift(old: { $0.texts[Self.gadget] = resourcePage("gadget", properties: ["|name|String|Its name.|"]) }, new: { _ in })
        #expect(report.outline == ["type-removed breaking gadget"])
        #expect(try report.first().oldLocation?.path == Self.gadget)
        #expect(try report.first().newLocation == nil)
    }

    @Test("a type no page defined (generated as an open struct) that gets a page gains its properties")
    func inferredTypeGetsAPage() throws {
        let useGadget = { (pages: inout Pages) in
            try pages.replace("|createdDateTime|DateTimeOffset|", with: "|gadget|[gadget](../resources/gadget.md)|The gadget.|\n|createdDateTime|DateTimeOffset|", in: Self.widget)
        }
        let report = try drift(old: useGadget, new: { pages in
            try useGadget(&pages)
            pages.texts[Self.gadget] = resourcePage("gadget", properties: ["|name|String|Its name.|"])
        })
        #expect(report.outline == ["property-added additive gadget.name"])
    }

    @Test("a type that was used without any definition and now has one changes those uses from JSONValue: breaking")
    func typeAddedWhereUsedUndefined() throws {
        let here = SourceLocation(path: "v1.0/resources/widget.md", line: 1, column: 1)
        let widget = TypeDefinition(name: "widget", properties: [PropertyDefinition(name: "gadget", type: .named("gadget"), location: here)], origin: .typePage, location: here)
        let gadget = TypeDefinition(name: "gadget", properties: [], origin: .typePage, location: SourceLocation(path: "v1.0/resources/gadget.md", line: 3, column: 1))
        let old = APIModel(versions: [APIVersionModel(name: "v1.0", operations: [], types: [widget], enums: [], examples: [])], diagnostics: [])
        let new = APIModel(versions: [APIVersionModel(name: "v1.0", operations: [], types: [gadget, widget], enums: [], examples: [])], diagnostics: [])
        let report = try ModelDiff.compare(old: old, new: new)
        #expect(report.outline == ["type-added breaking gadget"])
        #expect(report.changes.first?.reason.contains("`JSONValue`") == true)
    }

    @Test("a type name that changes case only: informational when the Swift name stays")
    func typeRenamedCase() throws {
        let report = try drift(new: { try $0.replace("# part resource type", with: "# Part resource type", in: "v1.0/resources/part.md") })
        #expect(report.outline == ["type-renamed-case informational Part"])
        #expect(try report.first().oldValue == "part" && report.first().newValue == "Part")
    }

    @Test("a base type that takes inherited properties away is breaking, and names them")
    func baseTypeChangedBreaking() throws {
        let report = try drift(new: { try $0.replace("Inherits from [entity](../resources/entity.md)\n", with: "", in: Self.widget) })
        let change = try #require(report.changes(.baseTypeChanged).first)
        #expect(change.impact == .breaking)
        #expect(change.oldValue == "entity" && change.newValue == "none")
        #expect(change.reason.contains("`Widget.id`"))
        #expect(change.reason.contains("`AnyEntity`"))
        // entity has no derived type left: its wrapper goes too.
        #expect(report.outline.contains("type-no-longer-polymorphic breaking entity"))
    }

    @Test("a new base type that only adds inherited properties is additive")
    func baseTypeChangedAdditive() throws {
        let report = try drift(new: { try $0.replace("A part is one piece of a widget.\n", with: "A part is one piece of a widget.\n\nInherits from [entity](../resources/entity.md)\n", in: "v1.0/resources/part.md") })
        #expect(report.outline == ["base-type-changed additive part"])
        #expect(try report.first().reason.contains("gains `Part.id`"))
    }

    @Test("a type that gains derived types becomes an Any wrapper where it is used: breaking")
    func typeBecamePolymorphic() throws {
        let report = try drift(new: { $0.texts["v1.0/resources/specialwidget.md"] = resourcePage("specialWidget", base: "widget", properties: ["|sparkle|Boolean|Whether it sparkles.|"]) })
        #expect(report.outline == ["type-became-polymorphic breaking widget", "type-added additive specialWidget"])
        let change = try report.first()
        #expect(change.oldValue == "Widget" && change.newValue == "AnyWidget")
    }

    // MARK: Properties

    @Test("a new property is an optional member: additive, located on both sides")
    func propertyAdded() throws {
        let report = try drift(new: { try $0.replace("|size|Int32|", with: "|location|String|Where it is.|\n|size|Int32|", in: Self.widget) })
        #expect(report.outline == ["property-added additive widget.location"])
        let change = try report.first()
        #expect(change.newValue == "String")
        #expect(change.oldLocation?.path == Self.widget)
        #expect(change.newLine == Fixture.line(of: "|size|Int32|", in: Self.widget))
        #expect(change.reason.contains("`Widget.location`") && change.reason.contains("`String?`"))
    }

    @Test("a property that is gone is breaking")
    func propertyRemoved() throws {
        let report = try drift(new: { try $0.replace("|createdDateTime|DateTimeOffset|When the widget was created.|\n", with: "", in: Self.widget) })
        #expect(report.outline == ["property-removed breaking widget.createdDateTime"])
        #expect(try report.first().oldLine == Fixture.line(of: "|createdDateTime|", in: Self.widget))
        #expect(try report.first().newLocation?.path == Self.widget)
    }

    @Test("a property renamed in case only is one change, breaking")
    func propertyRenamedCase() throws {
        let report = try drift(new: { try $0.replace("|displayName|String|", with: "|displayname|String|", in: Self.widget) })
        #expect(report.outline == ["property-renamed-case breaking widget.displayname"])
        #expect(try report.first().oldValue == "displayName" && report.first().newValue == "displayname")
        #expect(try report.first().reason.contains("`Widget.displayName` is now `Widget.displayname`"))
    }

    @Test("a property type that changes the Swift type is breaking")
    func propertyTypeChanged() throws {
        let report = try drift(new: { try $0.replace("|size|Int32|", with: "|size|Int64|", in: Self.widget) })
        #expect(report.outline == ["property-type-changed breaking widget.size"])
        #expect(try report.first().oldValue == "Int32" && report.first().newValue == "Int64")
        #expect(try report.first().reason.contains("is now `Int64?`, not `Int32?`"))
    }

    @Test("a property type that keeps the Swift type is informational")
    func propertyTypeChangedSameSwiftType() throws {
        let report = try drift(new: { try $0.replace("|serialNumber|Guid|", with: "|serialNumber|String|", in: Self.widget) })
        #expect(report.outline == ["property-type-changed informational widget.serialNumber"])
        #expect(try report.first().reason.contains("both are `String`"))
    }

    @Test("a property that is no longer a collection is breaking")
    func propertyCollectionChanged() throws {
        let report = try drift(new: { try $0.replace("|tags|String collection|", with: "|tags|String|", in: Self.widget) })
        #expect(report.outline == ["property-collection-changed breaking widget.tags"])
        #expect(try report.first().oldValue == "String collection" && report.first().newValue == "String")
    }

    @Test("a property moved to the base type stays on the struct: only the base's new property is listed")
    func propertyMovedToBase() throws {
        let report = try drift(new: { pages in
            try pages.replace("|displayName|String|The name of the widget as users see it.|\n", with: "", in: Self.widget)
            try pages.replace("|id|String|", with: "|displayName|String|The name users see.|\n|id|String|", in: "v1.0/resources/entity.md")
        })
        #expect(report.outline == ["property-added additive entity.displayName"])
        #expect(report.wording(.properties) == 1)
    }

    @Test("a property added to a base type is listed once, not again on a type whose page repeats it")
    func propertyRepeatedOnDerivedType() throws {
        let report = try drift(new: { pages in
            try pages.replace("|id|String|", with: "|etag|String|The version tag.|\n|id|String|", in: "v1.0/resources/entity.md")
            try pages.replace("|size|Int32|", with: "|etag|String|The version tag.|\n|size|Int32|", in: Self.widget)
        })
        #expect(report.outline == ["property-added additive entity.etag"])
    }

    @Test("a page that stops repeating an inherited property changes nothing but wording")
    func repeatedInheritedPropertyDropped() throws {
        let repeatID = { (pages: inout Pages) in try pages.replace("|size|Int32|", with: "|id|String|Its identifier.|\n|size|Int32|", in: Self.widget) }
        let report = try drift(old: repeatID, new: { _ in })
        #expect(report.changes.isEmpty)
        #expect(report.wording(.properties) == 1)
    }

    @Test("a property removed from a base type is listed once, on the base type")
    func propertyRemovedFromBase() throws {
        let repeatID = { (pages: inout Pages) in try pages.replace("|size|Int32|", with: "|id|String|Its identifier.|\n|size|Int32|", in: Self.widget) }
        let report = try drift(old: repeatID, new: { pages in
            try pages.replace("|id|String|The unique identifier of the entity. Read-only.|\n", with: "", in: "v1.0/resources/entity.md")
        })
        #expect(report.outline == ["property-removed breaking entity.id"])
    }

    // MARK: Enums

    @Test("a new enum member is breaking: exhaustive switches stop compiling and the value decodes as the new case")
    func enumMemberAdded() throws {
        let report = try drift(new: { try $0.replace("|blue|2|Blue.|", with: "|blue|2|Blue.|\n|unknownFutureValue|3|Evolvable enumeration sentinel value.|", in: "v1.0/resources/widgetcolor.md") })
        #expect(report.outline == ["enum-member-added breaking widgetColor.unknownFutureValue"])
        #expect(try report.first().reason.contains("`switch`"))
        #expect(try report.first().newLine == Fixture.line(of: "|blue|", in: "v1.0/resources/widgetcolor.md") + 1)
    }

    @Test("an enum member that is gone is breaking: the value decodes as unrecognized")
    func enumMemberRemoved() throws {
        let report = try drift(new: { try $0.replace("|green|1|Green.|\n", with: "", in: "v1.0/resources/widgetcolor.md") })
        #expect(report.outline == ["enum-member-removed breaking widgetColor.green"])
        #expect(try report.first().reason.contains("`.unrecognized(\"green\")`"))
    }

    @Test("enums added and removed")
    func enumAddedAndRemoved() throws {
        let addMood = { (pages: inout Pages) in pages.texts["v1.0/resources/mood.md"] = enumPage("mood", members: ["happy", "sad"]) }
        #expect(try drift(new: addMood).outline == ["enum-added additive mood"])
        #expect(try drift(old: addMood, new: { _ in }).outline == ["enum-removed breaking mood"])
    }

    @Test("an enum renamed in case so that its Swift name changes is breaking")
    func enumRenamedCase() throws {
        let report = try drift(new: { try $0.replace("# widgetColor enum type", with: "# widgetcolor enum type", in: "v1.0/resources/widgetcolor.md") })
        #expect(report.outline == ["enum-renamed-case breaking widgetcolor"])
        #expect(try report.first().reason.contains("`WidgetColor` is now `Widgetcolor`"))
    }
}
