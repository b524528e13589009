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
        /// `{"value": x}` with x of `type` (a primitive or enum result).
        var isWrappedValue = false
        var testDescription: String { "\(role) body at \(location) as \(isWrappedValue ? "{\"value\": \(type.displayName)}" : type.displayName) (\(version))" }
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
                cases.append(BodyCase(version: version.name, role: "response", location: body.location, type: type, json: json,
                                      isWrappedValue: linked.responseIsWrappedValue ?? false))
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
            if golden.isWrappedValue {
                let wrapped = try #require(module as? any GeneratedWrappedValues.Type, "the catalog of \(golden.version) has no wrapped-value round trip")
                output = try wrapped.roundTripWrappedValue(typeName: golden.type.name, json: input)
            } else {
                output = try module.roundTrip(typeName: golden.type.name, isCollection: golden.type.isCollection, json: input)
            }
        } catch {
            Issue.record("\(golden.location): \(golden.role) body does not decode as \(golden.type.displayName): \(error)")
            return
        }
        let reread = JSONReader.read(String(decoding: output, as: UTF8.self))
        let actual = try #require(reread.value, "the generated type wrote invalid JSON")
        let differences = JSONComparison.differences(expected: golden.json, actual: actual)
        #expect(differences.isEmpty, "\(golden.location): \(golden.role) body changed in a round trip through \(golden.type.displayName):\n\(JSONComparison.report(differences))")
    }

    /// `a=1&b=x y` as the docs write it: split at `&` and the first `=`, each part percent-decoded.
    static func queryItems(_ query: String?) -> [URLQueryItem] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { part in
            let text = String(part)
            guard let equals = text.firstIndex(of: "=") else { return URLQueryItem(name: text.removingPercentEncoding ?? text, value: nil) }
            let name = String(text[..<equals]), value = String(text[text.index(after: equals)...])
            return URLQueryItem(name: name.removingPercentEncoding ?? name, value: value.removingPercentEncoding ?? value)
        }
    }

    /// Headers of an example request that the caller chooses (not those the client sets itself).
    static func callerHeaders(_ request: ExampleRequest) -> [GraphExampleHeader] {
        let clientSet: Set<String> = ["authorization", "content-type", "content-length", "host", "accept"]
        return request.headers.filter { !clientSet.contains($0.name.lowercased()) }.map { GraphExampleHeader(name: $0.name, value: $0.value) }
    }

    static func sortedItems(_ items: [URLQueryItem]) -> [String] {
        items.map { "\($0.name)=\($0.value ?? "")" }.sorted()
    }

    @Test("every example request is reproduced by its request builder: method, path, query items and headers", arguments: requestCases)
    func requestBuilder(_ golden: RequestCase) async throws {
        let request = try #require(golden.example.example.request)
        let operationID = try #require(golden.example.operationID, "\(request.location): the example's URL matches no documented operation")
        let module = try #require(Self.module(for: golden.version), "no generated module for \(golden.version); run `swift run docgen`")
        let operation = try #require(module.operations.first { $0.id == operationID }, "\(request.location): the generated module has no operation \(operationID)")

        let response = golden.example.example.response
        let responseBody = response?.body.map { $0.json.map { JSONWriter.write($0) } ?? $0.text } ?? "{}"
        let transport = RecordingTransport(statusCode: response?.statusCode ?? 200, body: Data(responseBody.utf8))
        let client = GraphClient(baseURL: URL(string: "https://graph.microsoft.com")!, transport: transport)
        let body = request.body?.json.map { Data(JSONWriter.write($0).utf8) }
        let query = Self.queryItems(request.query)
        let headers = Self.callerHeaders(request)
        try await GeneratedOperation.$exampleQuery.withValue(query) {
            try await GeneratedOperation.$exampleHeaders.withValue(headers) {
                try await operation.invoke(client, golden.example.pathValues, body)
            }
        }

        let sent = try #require(transport.requests.last, "\(request.location): the builder sent no request")
        #expect(sent.method.rawValue == request.method, "\(request.location): builder used \(sent.method.rawValue), the example \(request.method)")
        let sentPath = sent.url.path.removingPercentEncoding ?? sent.url.path
        let expectedPath = "/\(golden.version)\(request.path)"
        #expect(sentPath == expectedPath, "\(request.location): builder requested \(sentPath), the example \(expectedPath)")
        let sentQuery = URLComponents(url: sent.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        #expect(Self.sortedItems(sentQuery) == Self.sortedItems(query), "\(request.location): builder sent the query \(sentQuery), the example \(query)")
        for header in headers {
            #expect(sent.header(header.name) == header.value, "\(request.location): header \(header.name) was sent as \(sent.header(header.name) ?? "nothing"), the example has \(header.value)")
        }
    }

    @Test("docs-input has examples whose URLs carry query strings, and the golden request test compares their query items")
    func queryExamplesExist() {
        let withQuery = Self.requestCases.filter { !($0.example.example.request?.query ?? "").isEmpty }
        #expect(withQuery.count >= 3, "the golden query test needs examples with query strings")
    }
}
