import DocgenModel
import Foundation
import OpenAPIWriter
import Testing

@Suite("OpenAPI export")
struct OpenAPIWriterTests {
    static func at(_ path: String, _ line: Int) -> DocgenModel.SourceLocation { DocgenModel.SourceLocation(path: path, line: line, column: 1) }

    static let version: APIVersionModel = {
        let target = TypeDefinition(name: "assignmentTarget", properties: [PropertyDefinition(name: "kind", type: .primitive(.string), location: at("r/target.md", 12))],
                                    isAbstract: true, origin: .typePage, location: at("r/target.md", 3))
        let group = TypeDefinition(name: "groupAssignmentTarget", baseType: .named("assignmentTarget"),
                                   properties: [PropertyDefinition(name: "groupId", type: .primitive(.guid), location: at("r/group.md", 14))],
                                   origin: .typePage, location: at("r/group.md", 5))
        let assignment = TypeDefinition(name: "assignment", properties: [
            PropertyDefinition(name: "id", type: .primitive(.string), description: "The id.", location: at("r/assignment.md", 20)),
            PropertyDefinition(name: "target", type: .named("assignmentTarget"), location: at("r/assignment.md", 21)),
            PropertyDefinition(name: "created", type: .primitive(.dateTimeOffset), location: at("r/assignment.md", 22)),
            PropertyDefinition(name: "intent", type: .named("intent"), location: at("r/assignment.md", 23)),
        ], origin: .typePage, location: at("r/assignment.md", 8))
        let intent = EnumDefinition(name: "intent", members: [EnumMember(name: "apply", location: at("r/intent.md", 9)), EnumMember(name: "remove", location: at("r/intent.md", 10))],
                                    origin: .typePage, location: at("r/intent.md", 4))
        let path = PathTemplate(segments: [.literal("devices"), .parameter("id | deviceName", text: "{id | deviceName}"), .literal("assignments")])
        let list = Operation(id: Operation.identifier(method: "GET", path: path), method: "GET", path: path, title: "List assignments", description: "Lists them.",
                             permissions: [Permission(kind: .delegatedWorkOrSchool, status: .scopes, scopes: ["Devices.Read.All", "Devices.ReadWrite.All"], text: "Devices.Read.All, Devices.ReadWrite.All", location: at("a/list.md", 17)),
                                           Permission(kind: .application, status: .undetermined, scopes: [], text: "TODO", location: at("a/list.md", 19))],
                             requestHeaders: [HeaderSpecification(name: "ConsistencyLevel", value: "eventual", isRequired: false, location: at("a/list.md", 25))],
                             requestBody: nil, responseStatus: 200, responseBody: .named("assignment", isCollection: true), location: at("a/list.md", 11))
        let other = PathTemplate(segments: [.literal("devices"), .parameter("deviceId"), .literal("assignments")])
        let create = Operation(id: Operation.identifier(method: "POST", path: other), method: "POST", path: other, title: nil, description: nil, permissions: [],
                               requestHeaders: [], requestBody: .named("assignment"), responseStatus: 201, responseBody: .named("assignment"), location: at("a/create.md", 12))
        return APIVersionModel(name: "v1.0", operations: [list, create], types: [assignment, target, group], enums: [intent], examples: [])
    }()

    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIWriter.json(for: version).utf8)) as? [String: Any])
    }

    @Test("query options and custom query parameters become typed in: query parameters, each name once")
    func queryParameters() throws {
        var version = Self.version
        version.operations[0].queryOptions = [.count, .filter, .top]
        version.operations[0].queryParameters = [
            QueryParameter(name: "startDateTime", type: .primitive(.dateTimeOffset), isRequired: true, description: "From.", location: Self.at("a/list.md", 30)),
            QueryParameter(name: "$Top", type: .primitive(.string), isRequired: false, description: nil, location: Self.at("a/list.md", 31)),
        ]
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIWriter.json(for: version).utf8)) as? [String: Any])
        let get = try #require(((document["paths"] as? [String: Any])?["/devices/{id}/assignments"] as? [String: Any])?["get"] as? [String: Any])
        let query = try #require(get["parameters"] as? [[String: Any]]).filter { $0["in"] as? String == "query" }
        #expect(query.map { $0["name"] as? String } == ["$count", "$filter", "$top", "startDateTime"])
        try #require(query.count == 4)
        #expect(query.map { ($0["schema"] as? [String: Any])?["type"] as? String } == ["boolean", "string", "integer", "string"])
        #expect(query.map { $0["required"] as? Bool } == [false, false, false, true])
        #expect(((query[3]["schema"] as? [String: Any])?["format"] as? String) == "date-time")
    }

    @Test("paths: one item per path shape, with its parameters, operations, bodies, collection pages and the OData error")
    func paths() throws {
        let document = try Self.document()
        #expect(document["openapi"] as? String == "3.0.3")
        let paths = try #require(document["paths"] as? [String: Any])
        #expect(Array(paths.keys) == ["/devices/{id}/assignments"])
        let item = try #require(paths["/devices/{id}/assignments"] as? [String: Any])
        let parameters = try #require(item["parameters"] as? [[String: Any]])
        #expect(parameters.map { $0["name"] as? String } == ["id"])
        let get = try #require(item["get"] as? [String: Any])
        #expect(get["operationId"] as? String == "get.devices.item.assignments")
        #expect(((get["parameters"] as? [[String: Any]])?.first?["name"]) as? String == "ConsistencyLevel")
        let responses = try #require(get["responses"] as? [String: Any])
        let ok = try #require(((responses["200"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])
        #expect((ok["schema"] as? [String: String]) == ["$ref": "#/components/schemas/assignment.collectionResponse"])
        #expect((responses["default"] as? [String: String]) == ["$ref": "#/components/responses/error"])
        let post = try #require(item["post"] as? [String: Any])
        let body = ((post["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any]
        #expect((body?["schema"] as? [String: String]) == ["$ref": "#/components/schemas/assignment"])
        #expect((post["responses"] as? [String: Any])?["201"] != nil)
        let source = try #require(get["x-docgen-source"] as? [String: Any])
        #expect(source["page"] as? String == "a/list.md")
        #expect(source["line"] as? Int == 11)
    }

    @Test("permissions: each scope an alternative security requirement; the whole table as x-ms-permissions")
    func permissions() throws {
        let get = try #require(((try Self.document()["paths"] as? [String: Any])?["/devices/{id}/assignments"] as? [String: Any])?["get"] as? [String: Any])
        #expect((get["security"] as? [[String: [String]]]) == [["delegated": ["Devices.Read.All"]], ["delegated": ["Devices.ReadWrite.All"]]])
        let table = try #require(get["x-ms-permissions"] as? [[String: Any]])
        #expect(table.map { $0["status"] as? String } == ["scopes", "undetermined"])
    }

    @Test("components: a schema per type and enum, inheritance as allOf, @odata.type discriminators, sources per property")
    func components() throws {
        let schemas = try #require((try Self.document()["components"] as? [String: Any])?["schemas"] as? [String: Any])
        #expect(Set(schemas.keys) == ["assignment", "assignmentTarget", "groupAssignmentTarget", "intent", "assignment.collectionResponse", "odata.error", "odata.mainError", "odata.errorDetail"])
        let group = try #require(schemas["groupAssignmentTarget"] as? [String: Any])
        let allOf = try #require(group["allOf"] as? [[String: Any]])
        #expect((allOf[0] as? [String: String]) == ["$ref": "#/components/schemas/assignmentTarget"])
        #expect(((allOf[1]["properties"] as? [String: Any])?["groupId"] as? [String: String]) == ["type": "string", "format": "uuid"])
        let target = try #require(schemas["assignmentTarget"] as? [String: Any])
        let discriminator = try #require(target["discriminator"] as? [String: Any])
        #expect(discriminator["propertyName"] as? String == "@odata.type")
        #expect((discriminator["mapping"] as? [String: String]) == [
            "#microsoft.graph.assignmentTarget": "#/components/schemas/assignmentTarget",
            "#microsoft.graph.groupAssignmentTarget": "#/components/schemas/groupAssignmentTarget",
        ])
        #expect(target["x-ms-abstract"] as? Bool == true)
        let assignment = try #require(schemas["assignment"] as? [String: Any])
        let properties = try #require(assignment["properties"] as? [String: Any])
        #expect((properties["created"] as? [String: String]) == ["type": "string", "format": "date-time"])
        #expect((properties["intent"] as? [String: String]) == ["$ref": "#/components/schemas/intent"])
        #expect((properties["id"] as? [String: String]) == ["type": "string", "description": "The id."])
        let targetSource = try #require((assignment["x-docgen-properties"] as? [String: Any])?["target"] as? [String: Any])
        #expect(targetSource["page"] as? String == "r/assignment.md")
        #expect(targetSource["line"] as? Int == 21)
        #expect(((schemas["intent"] as? [String: Any])?["enum"] as? [String]) == ["apply", "remove"])
        let page = try #require(schemas["assignment.collectionResponse"] as? [String: Any])
        #expect(Set(((page["properties"] as? [String: Any]) ?? [:]).keys) == ["value", "@odata.nextLink", "@odata.count"])
    }

    @Test("the text is deterministic and every object's keys are sorted")
    func deterministic() throws {
        var shuffled = Self.version
        shuffled.types.reverse()
        #expect(OpenAPIWriter.json(for: Self.version) == OpenAPIWriter.json(for: shuffled))
        let text = OpenAPIWriter.json(for: Self.version)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "{")
        #expect(lines[1].hasPrefix("  \"components\""))
        #expect(text.hasSuffix("}\n"))
    }
}
