import DocgenModel
import DocgenPipeline
import Foundation
import Testing

@Suite("Typed coverage of the example bodies")
struct ExampleCoverageTests {
    static let location = SourceLocation(path: "v1.0/api/x.md", line: 1, column: 1)

    static func example(response: JSONValue, type: TypeReference) -> LinkedExample {
        let body = ExampleBody(kind: .json, json: response, text: "", location: location)
        let example = Example(name: nil, request: nil, response: ExampleResponse(statusCode: 200, headers: [], body: body, annotation: nil, location: location))
        return LinkedExample(example: example, operationID: nil, pathValues: [], requestBodyType: nil, responseBodyType: type)
    }

    @Test("members in a declared property (down nested types, derived types and collection pages) are typed; others only reach additionalData")
    func counts() {
        let base = TypeDefinition(name: "thing", properties: [
            PropertyDefinition(name: "id", type: .primitive(.string), location: Self.location),
            PropertyDefinition(name: "part", type: .named("part"), location: Self.location),
        ], origin: .typePage, location: Self.location)
        let derived = TypeDefinition(name: "bigThing", baseType: .named("thing"), properties: [
            PropertyDefinition(name: "size", type: .primitive(.int32), location: Self.location),
        ], origin: .typePage, location: Self.location)
        let part = TypeDefinition(name: "part", properties: [PropertyDefinition(name: "label", type: .primitive(.string), location: Self.location)],
                                  origin: .typePage, location: Self.location)
        let single: JSONValue = .object([
            JSONMember(key: "@odata.context", value: .string("x")),
            JSONMember(key: "id", value: .string("1")),
            JSONMember(key: "part", value: .object([JSONMember(key: "label", value: .string("a")), JSONMember(key: "color", value: .string("red"))])),
            JSONMember(key: "extra", value: .null),
        ])
        let page: JSONValue = .object([JSONMember(key: "value", value: .array([
            .object([JSONMember(key: "@odata.type", value: .string("#microsoft.graph.bigThing")), JSONMember(key: "size", value: .number("3"))]),
            .object([JSONMember(key: "size", value: .number("3"))]),
        ]))])
        let version = APIVersionModel(name: "v1.0", operations: [], types: [base, derived, part], enums: [], examples: [
            Self.example(response: single, type: .named("thing")),
            Self.example(response: page, type: .named("thing", isCollection: true)),
        ])
        let coverage = ExampleCoverage(model: APIModel(versions: [version], diagnostics: []))
        // Typed: id, part, part.label, bigThing.size. Untyped: part.color, extra, thing.size.
        #expect(coverage.typedMembers == 4)
        #expect(coverage.untypedMembers == 3)
        #expect(Set(coverage.topUndeclared.map { "\($0.type).\($0.member)" }) == ["part.color", "thing.extra", "thing.size"])
    }
}

@Suite("Typed coverage of the whole reference", .enabled(if: Corpus.folder != nil, "set DOCGEN_CORPUS to a folder of Graph reference pages to run"))
struct CorpusExampleCoverageTests {
    @Test("does not fall below the figure measured on the July 2021 reference (83,155 members typed, 97.8 %)", .timeLimit(.minutes(10)))
    func coverageHolds() {
        let model = Pipeline.link(CorpusTests.pages)
        let coverage = ExampleCoverage(model: model)
        print("example members: \(coverage.typedMembers) typed, \(coverage.untypedMembers) only in additionalData")
        #expect(coverage.typedMembers >= 83_155)
        #expect(coverage.typedPerMille >= 978)
    }
}
