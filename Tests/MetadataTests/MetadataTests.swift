import DocgenModel
import DocgenPipeline
import Foundation
import MetadataComparison
import MetadataReader
import Testing

let sampleCSDL = """
<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="color">
        <Member Name="red" Value="0" />
        <Member Name="blue" Value="1" />
      </EnumType>
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="thing" BaseType="graph.entity" OpenType="true">
        <Property Name="name" Type="Edm.String" />
        <Property Name="tags" Type="Collection(Edm.String)" />
        <Property Name="color" Type="graph.color" />
        <Property Name="size" Type="Edm.Int32" />
        <NavigationProperty Name="parts" Type="Collection(microsoft.graph.part)" />
      </EntityType>
      <ComplexType Name="part">
        <Property Name="label" Type="Edm.String" />
      </ComplexType>
      <Action Name="paint" IsBound="true">
        <Parameter Name="bindingParameter" Type="graph.thing" />
        <Parameter Name="color" Type="graph.color" />
        <Parameter Name="coats" Type="Edm.Int32" />
      </Action>
      <Function Name="count" IsBound="true">
        <Parameter Name="bindingParameter" Type="Collection(graph.thing)" />
        <ReturnType Type="Edm.Int32" />
      </Function>
    </Schema>
    <Schema Namespace="microsoft.graph.externalConnectors" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="externalItem" BaseType="graph.entity" />
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"""

func read(_ text: String) -> Result<CSDLDocument, CSDLReader.CSDLReadError> { CSDLReader.read(Data(text.utf8)) }

@Suite("CSDL metadata is read with XMLParser")
struct CSDLReaderTests {
    @Test("namespaces, aliases, types, base types, abstract, open types, collections, navigation, enums, actions and functions")
    func readsSample() throws {
        let document = try read(sampleCSDL).get()
        #expect(document.schemas.map(\.namespace) == ["microsoft.graph", "microsoft.graph.externalConnectors"])
        #expect(document.qualified("graph.thing") == "microsoft.graph.thing")
        let graph = document.schemas[0]
        let thing = try #require(graph.structuredTypes.first { $0.name == "thing" })
        #expect(thing.kind == .entity && thing.isOpenType && !thing.isAbstract && thing.baseType == "graph.entity")
        #expect(graph.structuredTypes.first { $0.name == "entity" }?.isAbstract == true)
        #expect(thing.properties.map(\.name) == ["name", "tags", "color", "size", "parts"])
        #expect(thing.properties[1].isCollection && thing.properties[1].elementType == "Edm.String")
        #expect(thing.properties[4].isNavigation && thing.properties[4].elementType == "microsoft.graph.part")
        #expect(thing.line == 13)
        #expect(graph.enumTypes.first?.members.map(\.name) == ["red", "blue"])
        let paint = try #require(graph.operations.first { $0.name == "paint" })
        #expect(paint.kind == .action && paint.isBound && paint.callerParameters.map(\.name) == ["color", "coats"])
        #expect(graph.operations.first { $0.name == "count" }?.returnType == "Edm.Int32")
        #expect(graph.structuredTypes.first { $0.name == "part" }?.kind == .complex)
    }

    @Test("malformed XML is an error at its line, not a crash")
    func malformed() {
        guard case .failure(let failure) = read("<edmx:Edmx xmlns:edmx=\"x\">\n<Schema Namespace=\"a\">\n<EntityType Name=\"t\">\n</Schema>") else {
            Issue.record("malformed XML was read")
            return
        }
        #expect(failure.line >= 3)
        #expect(failure.message.contains("not well-formed"))
    }

    @Test("a document type declaration (entities, an entity bomb) is refused before parsing")
    func entities() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n<edmx:Edmx xmlns:edmx=\"x\">&lol2;</edmx:Edmx>"
        guard case .failure(let failure) = read(bomb) else {
            Issue.record("a DOCTYPE was read")
            return
        }
        #expect(failure.line == 2)
        #expect(failure.message.contains("DOCTYPE"))
    }

    @Test("elements nested beyond the limit stop the parse with an error")
    func deepNesting() {
        let depth = 10_000
        let text = "<edmx:Edmx xmlns:edmx=\"x\">" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</edmx:Edmx>"
        guard case .failure(let failure) = read(text) else {
            Issue.record("nesting of \(depth) was read")
            return
        }
        #expect(failure.message.contains("deeper"))
    }

    @Test("XML that is no CSDL is an error")
    func notCSDL() {
        guard case .failure = read("<html><body/></html>") else {
            Issue.record("HTML was read as metadata")
            return
        }
        guard case .failure = read("") else {
            Issue.record("an empty file was read as metadata")
            return
        }
    }
}

@Suite("The model of the pages compared with the metadata")
struct MetadataComparisonTests {
    static func location(_ line: Int) -> DocgenModel.SourceLocation { DocgenModel.SourceLocation(path: "v1.0/resources/thing.md", line: line, column: 1) }

    static func model() -> APIVersionModel {
        let thing = TypeDefinition(
            name: "thing", baseType: .named("entity"),
            properties: [
                PropertyDefinition(name: "name", type: .primitive(.string), location: location(10)),
                PropertyDefinition(name: "tags", type: .primitive(.string), location: location(11)),
                PropertyDefinition(name: "color", type: .primitive(.string), possibleValues: ["red", "blue"], location: location(12)),
                PropertyDefinition(name: "weight", type: .primitive(.double), location: location(13)),
                PropertyDefinition(name: "parts", type: .named("part", isCollection: true), isNavigation: true, location: location(14)),
            ],
            isAbstract: true, origin: .typePage, location: location(1))
        let entity = TypeDefinition(name: "entity", properties: [PropertyDefinition(name: "id", type: .primitive(.string), location: location(30))],
                                    isAbstract: true, origin: .typePage, location: location(29))
        let color = EnumDefinition(name: "color", members: [EnumMember(name: "red", location: location(40)), EnumMember(name: "green", location: location(41))],
                                   origin: .typePage, location: location(39))
        let body = TypeDefinition(name: "thingPaintRequestBody", properties: [
            PropertyDefinition(name: "color", type: .named("color"), location: location(50)),
            PropertyDefinition(name: "brush", type: .primitive(.string), location: location(51)),
        ], origin: .unnamedRequestBody, location: location(49))
        let paint = Operation(id: "POST /things/{}/paint", method: "POST", path: PathTemplate(segments: [.literal("things"), .parameter("id"), .literal("paint")]), title: nil, description: nil,
                              permissions: [], requestHeaders: [], requestBody: .named("thingPaintRequestBody"), responseStatus: 204, responseBody: nil,
                              location: location(60))
        return APIVersionModel(name: "v1.0", operations: [paint], types: [entity, thing, body], enums: [color], examples: [])
    }

    @Test("each kind of disagreement is a diagnostic with its own code, at the page or at the metadata's element")
    func disagreements() throws {
        let metadata = try read(sampleCSDL).get()
        let comparison = MetadataComparison(version: Self.model(), metadata: metadata, metadataPath: "metadata.xml")
        let found = Set(comparison.diagnostics.map { "\($0.code.rawValue) \($0.location.path):\($0.location.line)" })
        #expect(found.contains("metadata-property-collection v1.0/resources/thing.md:11"))
        #expect(found.contains("metadata-property-type v1.0/resources/thing.md:12"))
        #expect(found.contains("metadata-property-missing v1.0/resources/thing.md:13"))
        #expect(found.contains("metadata-property-undocumented metadata.xml:17"))
        #expect(found.contains("metadata-abstract v1.0/resources/thing.md:1"))
        #expect(found.contains("metadata-enum-member-missing v1.0/resources/thing.md:41"))
        #expect(found.contains("metadata-enum-member-undocumented metadata.xml:7"))
        #expect(found.contains("metadata-type-undocumented metadata.xml:20"))
        #expect(found.contains("metadata-type-undocumented metadata.xml:34"))
        #expect(found.contains("metadata-parameter-missing v1.0/resources/thing.md:51"))
        #expect(found.contains("metadata-parameter-undocumented v1.0/resources/thing.md:60"))
        #expect(!found.contains { $0.hasPrefix("metadata-base-type") }, "\(found)")
        #expect(!found.contains("metadata-property-type v1.0/resources/thing.md:14"), "a navigation collection of the same type agrees")
        #expect(comparison.counts[.propertyUndocumented] == 1)
        #expect(comparison.agreement.propertiesCompared == 5)
        #expect(comparison.agreement.propertiesAgreeing == 3)
        #expect(comparison.report.contains("properties whose type differs [metadata-property-type]"))
    }
}

@Suite("Primitive spellings of the two sides")
struct MetadataPrimitiveTests {
    @Test("the docs' untyped Json agrees with the metadata's complex type Json; Edm primitives agree with docgen's")
    func jsonAndPrimitives() throws {
        let csdl = """
        <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
        <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
        <ComplexType Name="Json" />
        <ComplexType Name="range"><Property Name="values" Type="graph.Json" /><Property Name="count" Type="Edm.Int64" /><Property Name="when" Type="Edm.DateTimeOffset" /></ComplexType>
        </Schema></edmx:DataServices></edmx:Edmx>
        """
        let location = DocgenModel.SourceLocation(path: "v1.0/resources/range.md", line: 1, column: 1)
        let range = TypeDefinition(name: "range", properties: [
            PropertyDefinition(name: "values", type: .primitive(.json), location: location),
            PropertyDefinition(name: "count", type: .primitive(.int64), location: location),
            PropertyDefinition(name: "when", type: .primitive(.dateTimeOffset), location: location),
        ], origin: .typePage, location: location)
        let version = APIVersionModel(name: "v1.0", operations: [], types: [range], enums: [], examples: [])
        let comparison = MetadataComparison(version: version, metadata: try read(csdl).get(), metadataPath: "m.xml")
        #expect(comparison.agreement.propertiesAgreeing == 3, "\(comparison.diagnostics)")
    }
}

@Suite("Function parameters written in the path")
struct MetadataFunctionTests {
    @Test("a GET path that calls a function names its parameters; those not in the metadata, and the metadata's it leaves out, are reported")
    func functionParameters() throws {
        let csdl = """
        <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
        <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
        <Function Name="reminderView" IsBound="true"><Parameter Name="bindingParameter" Type="graph.user" />
        <Parameter Name="StartDateTime" Type="Edm.String" /><Parameter Name="EndDateTime" Type="Edm.String" /><Parameter Name="Zone" Type="Edm.String" /></Function>
        </Schema></edmx:DataServices></edmx:Edmx>
        """
        let location = DocgenModel.SourceLocation(path: "v1.0/api/user-reminderview.md", line: 20, column: 1)
        let segment = PathSegment.literal("reminderView(startDateTime={startDateTime},endDateTime={endDateTime},color={color})")
        let view = Operation(id: "GET /me/reminderView", method: "GET", path: PathTemplate(segments: [.literal("me"), segment]), title: nil,
                             description: nil, permissions: [], requestHeaders: [], requestBody: nil, responseStatus: 200, responseBody: nil, location: location)
        let version = APIVersionModel(name: "v1.0", operations: [view], types: [], enums: [], examples: [])
        let comparison = MetadataComparison(version: version, metadata: try read(csdl).get(), metadataPath: "m.xml")
        #expect(comparison.agreement.functionsCompared == 1)
        #expect(comparison.agreement.parametersCompared == 2)
        let messages = comparison.diagnostics.map { "\($0.code.rawValue) \($0.location.line) \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("metadata-parameter-missing 20 parameter 'color'") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("metadata-parameter-undocumented 20 parameter 'Zone'") }, "\(messages)")
        #expect(messages.count == 2)
    }
}

/// The official v1.0 metadata of the month of the shared corpus, by path: DOCGEN_METADATA, else the shared
/// folder next to the worktree.
enum SharedMetadata {
    static let file: URL? = {
        let path = ProcessInfo.processInfo.environment["DOCGEN_METADATA"] ?? "../shared/metadata/graph-v1.0-2021-07.xml"
        return FileManager.default.fileExists(atPath: path) ? URL(fileURLWithPath: path) : nil
    }()
}

@Suite("The official Graph v1.0 metadata", .enabled(if: SharedMetadata.file != nil, "set DOCGEN_METADATA to a CSDL file (e.g. graph-v1.0-2021-07.xml) to run"))
struct SharedMetadataTests {
    @Test("is read whole: its three schemas, over a thousand types, their actions and functions")
    func readsOfficialMetadata() throws {
        let data = try Data(contentsOf: try #require(SharedMetadata.file))
        let document = try CSDLReader.read(data).get()
        #expect(document.schemas.count == 3)
        #expect(document.schemas.flatMap(\.structuredTypes).count > 1_000)
        #expect(document.schemas.flatMap(\.enumTypes).count > 200)
        #expect(document.schemas.flatMap(\.operations).count > 300)
    }
}
