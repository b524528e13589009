import DocgenModel
import DocgenPipeline
import Foundation
import GeneratedCatalog
import GraphRuntime
import JSONText
import Testing

/// Every example of docs-input/, run through the generated client: each JSON body decodes into its
/// generated type and encodes back to the same JSON (semantically: key order, number spelling and `\/` do
/// not matter; a present key never disappears), and each request's builder produces the example's method
/// and path. The cases come from the pages at test time, so a page added to docs-input/ gets its golden
/// cases after `swift run docgen`, with no test code written by hand.
@Suite("Golden examples of docs-input")
struct GoldenExampleTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let model: APIModel = {
        let tree = try! DocsTree(root: packageRoot.appendingPathComponent("docs-input"))
        return Pipeline.model(of: tree)
    }()

    struct BodyCase: Sendable, CustomTestStringConvertible {
        let version: String
        let role: String
        let location: DocgenModel.SourceLocation
        let type: TypeReference
        let json: DocgenModel.JSONValue
        var testDescription: String { "\(role) body at \(location) as \(type.displayName) (\(version))" }
    }

    struct RequestCase: Sendable, CustomTestStringConvertible {
        let version: String
        let example: LinkedExample
        var testDescription: String { "request at \(example.example.request!.location) (\(version))" }
    }

    static let bodyCases: [BodyCase] = model.versions.flatMap { version in
        version.examples.flatMap { linked -> [BodyCase] in
            var cases: [BodyCase] = []
            if let request = linked.example.request, let body = request.body, let json = body.json, let type = linked.requestBodyType {
                cases.append(BodyCase(version: version.name, role: "request", location: body.location, type: type, json: json))
            }
            if let response = linked.example.response, let body = response.body, let json = body.json, let type = linked.responseBodyType {
                cases.append(BodyCase(version: version.name, role: "response", location: body.location, type: type, json: json))
            }
            return cases
        }
    }

    static let requestCases: [RequestCase] = model.versions.flatMap { version in
        version.examples.filter { $0.example.request != nil }.map { RequestCase(version: version.name, example: $0) }
    }

    static func module(for version: String) -> (any GeneratedAPIModule.Type)? {
        GeneratedModules.all.first { $0.apiVersion == version }
    }

    @Test("docs-input has golden cases for every example body and request")
    func casesExist() {
        let examples = Self.model.versions.flatMap(\.examples)
        #expect(!examples.isEmpty)
        let jsonBodies = examples.flatMap { [$0.example.request?.body?.json, $0.example.response?.body?.json] }.compactMap { $0 }
        #expect(Self.bodyCases.count == jsonBodies.count, "every JSON body of an example has a type to decode it as")
        #expect(Self.requestCases.count == examples.filter { $0.example.request != nil }.count)
    }

    @Test("every example body decodes into its generated type and encodes back unchanged", arguments: bodyCases)
    func bodyRoundTrip(_ golden: BodyCase) throws {
        let module = try #require(Self.module(for: golden.version), "no generated module for \(golden.version); run `swift run docgen`")
        let input = Data(JSONWriter.write(golden.json).utf8)
        let output: Data
        do {
            output = try module.roundTrip(typeName: golden.type.name, isCollection: golden.type.isCollection, json: input)
        } catch {
            Issue.record("\(golden.location): \(golden.role) body does not decode as \(golden.type.displayName): \(error)")
            return
        }
        let reread = JSONReader.read(String(decoding: output, as: UTF8.self))
        let actual = try #require(reread.value, "the generated type wrote invalid JSON")
        let differences = JSONComparison.differences(expected: golden.json, actual: actual)
        #expect(differences.isEmpty, "\(golden.location): \(golden.role) body changed in a round trip through \(golden.type.displayName):\n\(JSONComparison.report(differences))")
    }

    @Test("every example request is reproduced by its request builder", arguments: requestCases)
    func requestBuilder(_ golden: RequestCase) async throws {
        let request = try #require(golden.example.example.request)
        let operationID = try #require(golden.example.operationID, "\(request.location): the example's URL matches no documented operation")
        let module = try #require(Self.module(for: golden.version), "no generated module for \(golden.version); run `swift run docgen`")
        let operation = try #require(module.operations.first { $0.id == operationID }, "\(request.location): the generated module has no operation \(operationID)")

        let response = golden.example.example.response
        let transport = RecordingTransport(
            statusCode: response?.statusCode ?? 200,
            body: Data((response?.body?.json.map { JSONWriter.write($0) } ?? "{}").utf8)
        )
        let client = GraphClient(baseURL: URL(string: "https://graph.microsoft.com")!, transport: transport)
        let body = request.body?.json.map { Data(JSONWriter.write($0).utf8) }
        try await operation.invoke(client, golden.example.pathValues, body)

        let sent = try #require(transport.requests.last, "\(request.location): the builder sent no request")
        #expect(sent.method.rawValue == request.method, "\(request.location): builder used \(sent.method.rawValue), the example \(request.method)")
        let sentPath = sent.url.path.removingPercentEncoding ?? sent.url.path
        let expectedPath = "/\(golden.version)\(request.path)"
        #expect(sentPath == expectedPath, "\(request.location): builder requested \(sentPath), the example \(expectedPath)")
    }
}
