import Foundation
import GraphOpenAPITransport
import GraphRuntime
import HTTPTypes
import Logging
import OpenAPIURLSession
import Testing

// The Swift examples of the README's "The runtime" section, verbatim (the last test checks that), compiled
// here and run against loopback servers (the one that needs GraphV1 is in GoldenTests/ReadmeBatchExampleTests).

@Sendable func token() async throws -> String { "readme-token" }

struct User: Codable, Hashable, Sendable {
    var id: String?
    var displayName: String?
}

struct Group: Codable, Hashable, Sendable {
    var id: String?
    var displayName: String?
}

struct TenantHeader: GraphMiddleware {
    let tenant: String

    func intercept(
        _ request: HTTPRequest, body: GraphRequestBody?, context: GraphRequestContext, next: GraphNext
    ) async throws -> (HTTPResponse, GraphByteStream) {
        var request = request
        request.headerFields[HTTPField.Name("x-tenant")!] = tenant
        return try await next(request, body, context)
    }
}

func readmeConfiguredClient() -> GraphClient {
    var client = GraphClient(
        authorization: { "Bearer \(try await token())" },
        allowedHosts: GraphAllowedHosts(["graph.contoso-gateway.example"]),
        middleware: GraphClient.defaultMiddleware(
            retry: GraphRetryPolicy(maxRetries: 5, maxTotalDelay: .seconds(60)),
            logging: GraphLoggingOptions(level: .info, includeHeaders: true)
        ),
        timeout: .seconds(30),
        logger: Logger(label: "my-app.graph")
    )
    client.middleware.insert(TenantHeader(tenant: "contoso"), at: 0)
    return client
}

func readmePagingAndDelta(_ client: GraphClient) async throws -> (names: Int, deltaLink: String, changes: Int) {
    var storedDeltaLink = ""
    var printed = 0
    func print(_ items: Any...) { printed += 1 }

    let request = GraphRequest(
        pathSegments: ["v1.0", "users"],
        queryItems: [URLQueryItem(name: "$select", value: "id,displayName")],
        options: GraphRequestOptions(timeout: .seconds(10))
    )
    for try await user in client.items(request, of: User.self) {
        print(user.displayName ?? "")
    }

    let round = try await client.delta(GraphRequest(pathSegments: ["v1.0", "users", "delta"]), of: User.self)
    storedDeltaLink = round.deltaLink
    // Later, maybe in another process:
    let changes = try await client.delta(resumingFrom: storedDeltaLink, of: User.self)
    print(changes.items.count, "changed users")
    return (printed - 1, storedDeltaLink, changes.items.count)
}

func readmeBatch(_ client: GraphClient, newGroup: Group) async throws -> (String, String) {
    var shown: (String, String) = ("", "")
    func print(_ first: String, _ second: String) { shown = (first, second) }

    var batch = GraphBatch()
    let me = batch.add(GraphRequest(pathSegments: ["v1.0", "me"]), expecting: User.self)
    let group = batch.add(
        GraphRequest(method: .post, pathSegments: ["v1.0", "groups"], body: try client.jsonBody(newGroup)),
        expecting: Group.self
    )
    let photo = batch.add(GraphRequest(pathSegments: ["v1.0", "me", "photo"]), dependsOn: [group.batchID])
    let results = try await client.send(batch)
    print(try results.value(me).displayName ?? "", try results.value(group).id ?? "")
    try results.check(photo)
    return shown
}

func readmeUpload(_ client: GraphClient, reportURL: URL) async throws -> (GraphResponse, [String]) {
    let lines = Locked<[String]>([])
    @Sendable func print(_ text: Any) { lines.withLock { $0.append("\(text)") } }

    let session = try await client.send(
        GraphRequest(method: .post, pathSegments: ["v1.0", "me", "drive", "root:", "report.pdf:", "createUploadSession"]),
        expecting: GraphUploadSession.self
    )
    let item: GraphResponse
    do {
        item = try await client.upload(.file(reportURL), to: session, chunkSize: 10 * 320 * 1024) { progress in
            print("\(progress.uploaded) of \(progress.total) bytes")
        }
    } catch let error as GraphUploadError {
        item = try await client.resumeUpload(.file(reportURL), session: error.session, chunkSize: 10 * 320 * 1024)
    }
    print(item.status)
    return (item, lines.value)
}

func readmeOpenAPI() -> GraphClient {
    let openAPI = OpenAPIURLSession.URLSessionTransport(
        configuration: .init(session: GraphOpenAPITransport.redirectRefusingSession())
    )
    let viaOpenAPI = GraphClient(transport: GraphOpenAPITransport(openAPI), authorization: { "Bearer \(try await token())" })
    return viaOpenAPI
}

@Suite("README: the runtime's examples", .timeLimit(.minutes(1)))
struct ReadmeRuntimeExampleTests {
    @Test("the configured client has the README's settings, and its middleware runs first")
    func configuration() async throws {
        let configured = readmeConfiguredClient()
        #expect(configured.timeout == .seconds(30))
        #expect(configured.allowedHosts.hosts.contains("graph.contoso-gateway.example"))
        #expect(configured.middleware.count == 6)
        #expect(configured.middleware.first is TenantHeader)
        #expect((configured.middleware[3] as? GraphRetryMiddleware)?.policy.maxRetries == 5)
        try await withLoopbackServer({ _, _ in json(200, "{}") }) { server in
            var client = testClient(server)
            client.middleware = configured.middleware
            _ = try await client.send(GraphRequest(pathSegments: ["v1.0", "me"]))
            #expect(server.requests.first?.header("x-tenant") == "contoso")
        }
        #expect(readmeOpenAPI().transport is GraphOpenAPITransport)
    }

    @Test("paging over items, and a delta round resumed from its stored link")
    func pagingAndDelta() async throws {
        try await withLoopbackServer({ request, server in
            let base = "http://127.0.0.1:\(server.port)/v1.0"
            switch (request.path, request.query["$skiptoken"], request.query["$deltatoken"]) {
            case ("/v1.0/users", nil, _): return json(200, #"{"value":[{"displayName":"A"}],"@odata.nextLink":"\#(base)/users?$skiptoken=2"}"#)
            case ("/v1.0/users", "2", _): return json(200, #"{"value":[{"displayName":"B"},{"displayName":"C"}]}"#)
            case ("/v1.0/users/delta", _, nil): return json(200, #"{"value":[{"id":"1"}],"@odata.deltaLink":"\#(base)/users/delta?$deltatoken=D1"}"#)
            case ("/v1.0/users/delta", _, "D1"): return json(200, #"{"value":[{"id":"1"},{"id":"2"}],"@odata.deltaLink":"\#(base)/users/delta?$deltatoken=D2"}"#)
            default: return json(404, "{}")
            }
        }) { server in
            let result = try await readmePagingAndDelta(testClient(server))
            #expect(result.names == 3)
            #expect(result.deltaLink.hasSuffix("$deltatoken=D1"))
            #expect(result.changes == 2)
        }
    }

    @Test("a batch with a dependency, each value decoded")
    func batch() async throws {
        try await withLoopbackServer(batchResponder { item in
            switch item["url"] as? String {
            case "/me": return (200, ["Content-Type": "application/json"], ["id": "u1", "displayName": "Me"])
            case "/groups": return (201, ["Content-Type": "application/json"], ["id": "g1", "displayName": (item["body"] as? [String: Any])?["displayName"] ?? ""])
            case "/me/photo": return (item["dependsOn"] as? [String]) == ["2"] ? (200, [:], nil) : (400, [:], nil)
            default: return (404, [:], nil)
            }
        }) { server in
            let shown = try await readmeBatch(testClient(server), newGroup: Group(displayName: "Team"))
            #expect(shown == ("Me", "g1"))
        }
    }

    @Test("an upload whose first range fails is resumed in the catch")
    func upload() async throws {
        let content = Data((0..<(3 * 320 * 1024 + 5)).map { UInt8($0 % 253) })
        let reportURL = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).pdf")
        try content.write(to: reportURL)
        defer { try? FileManager.default.removeItem(at: reportURL) }
        let endpoint = UploadEndpoint(total: content.count, failing: 1)
        try await withLoopbackServer({ request, server in
            if request.path.hasSuffix("/createUploadSession") {
                return json(200, #"{"uploadUrl":"http://127.0.0.1:\#(server.port)/upload/s1","nextExpectedRanges":["0-"]}"#)
            }
            return try await endpoint.responder(request, server)
        }) { server in
            let (item, lines) = try await readmeUpload(testClient(server), reportURL: reportURL)
            #expect(item.status == .created)
            #expect(endpoint.received.value == content)
            #expect(lines.last == "201 Created" || lines.last?.hasPrefix("201") == true)
            #expect(server.requests.first?.path == "/v1.0/me/drive/root:/report.pdf:/createUploadSession")
        }
    }

    @Test("every Swift example of the README's runtime section is in this file")
    func readmeMatchesThisFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        // This file, and the batch example built with generated builders (it needs GraphV1: GoldenTests).
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
            + "\n" + String(contentsOf: root.appendingPathComponent("Tests/GoldenTests/ReadmeBatchExampleTests.swift"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## The runtime\n").dropFirst().first?.components(separatedBy: "\n## ").first)
        let blocks = section.components(separatedBy: "```swift\n").dropFirst().map { $0.components(separatedBy: "\n```").first ?? "" }
        #expect(blocks.count == 7)
        let sourceLines = source.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for block in blocks {
            let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let found = sourceLines.indices.contains { start in
                var index = start
                for line in lines {
                    while index < sourceLines.count, sourceLines[index].isEmpty { index += 1 }
                    guard index < sourceLines.count, sourceLines[index] == line else { return false }
                    index += 1
                }
                return true
            }
            #expect(found, "README example not found verbatim in \(#fileID):\n\(block)")
        }
    }
}
