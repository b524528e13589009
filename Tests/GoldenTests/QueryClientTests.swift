import FlyingFox
import Foundation
import GraphRuntime
import GraphV1
import HTTPTypes
import Testing

/// What the server of a test received.
struct ReceivedRequest: Sendable {
    var method: String
    /// The path as sent, still percent-encoded.
    var rawPath: String
    /// The query items, decoded, in order.
    var query: [URLQueryItem]
    /// Header fields by lowercase name.
    var headers: [String: String]
    var body: Data
}

/// A real HTTP server (FlyingFox) on 127.0.0.1 and a free port, started by the test and stopped when it ends;
/// it records each request and answers with `respond`.
final class QueryTestServer: Sendable {
    let server: HTTPServer
    let port: UInt16
    private let running: Task<Void, any Error>
    private let log = Mutex<[ReceivedRequest]>([])

    static func run<T>(_ respond: @escaping @Sendable (ReceivedRequest) async throws -> FlyingFox.HTTPResponse,
                       _ body: (QueryTestServer) async throws -> T) async throws -> T {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 10, logger: .disabled)
        let running = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 5)
        guard case .ip4(_, let port)? = await server.listeningAddress else {
            running.cancel()
            throw GraphTransportError(message: "the test server did not report its port")
        }
        let test = QueryTestServer(server: server, port: port, running: running)
        await server.appendRoute("*") { (request: FlyingFox.HTTPRequest) in
            // FlyingFox decodes the path; the raw target keeps what the client encoded.
            let raw = request.target.path(percentEncoded: true)
            var components = URLComponents()
            components.percentEncodedQuery = request.target.query(percentEncoded: true)
            let received = ReceivedRequest(
                method: request.method.rawValue, rawPath: raw, query: components.queryItems ?? [],
                headers: Dictionary(request.headers.map { ($0.key.rawValue.lowercased(), $0.value) }, uniquingKeysWith: { $0 + ", " + $1 }),
                body: try await request.bodyData
            )
            test.log.withLock { $0.append(received) }
            return try await respond(received)
        }
        defer { running.cancel() }
        do {
            let result = try await body(test)
            await server.stop(timeout: 1)
            return result
        } catch {
            await server.stop(timeout: 1)
            throw error
        }
    }

    private init(server: HTTPServer, port: UInt16, running: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.running = running
    }

    var requests: [ReceivedRequest] { log.withLock { $0 } }

    var graph: GraphV1Client { GraphV1Client(GraphClient(baseURL: URL(string: "http://127.0.0.1:\(port)")!, authorization: { "Bearer test-token" })) }
}

/// A value behind a lock.
final class Mutex<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T { try lock.withLock { try body(&value) } }
}

func answer(_ status: Int = 200, _ body: Data, type: String = "application/json", headers: [String: String] = [:]) -> FlyingFox.HTTPResponse {
    var fields = HTTPHeaders()
    fields[HTTPHeader("Content-Type")] = type
    for (name, value) in headers { fields[HTTPHeader(name)] = value }
    return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(status, phrase: "Status \(status)"), headers: fields, body: body)
}

func answer(_ status: Int = 200, json: String, headers: [String: String] = [:]) -> FlyingFox.HTTPResponse {
    answer(status, Data(json.utf8), headers: headers)
}

@Suite("The generated client's query options, headers, functions and content against a loopback server", .timeLimit(.minutes(1)))
struct QueryClientTests {
    @Test("typed $filter, $select, $orderby, $top, $count and $search, an added option and typed headers arrive as sent; every next page keeps the headers")
    func queryOptionsAndHeaders() async throws {
        try await QueryTestServer.run({ request in
            if request.query.contains(where: { $0.name == "$skiptoken" }) {
                return answer(json: #"{"value":[{"id":"2","displayName":"Wanda"}]}"#)
            }
            return answer(json: #"{"@odata.count":2,"@odata.nextLink":"/v1.0/users?$skiptoken=abc","value":[{"id":"1","displayName":"Adele"}]}"#,
                          headers: ["request-id": "r-1", "ETag": "W/\"1\""])
        }) { server in
            let call = server.graph.users.getRequest(
                GraphQuery(select: [.id, .displayName], filter: "startswith(displayName,'A&B')", search: "\"displayName:wa\"",
                           orderBy: [.descending(.displayName)], top: 5, count: true).selecting(named: "onPremisesSyncEnabled").adding("$format", "json"),
                headers: GraphHeaders(consistencyLevel: .eventual, prefer: [.maxPageSize(5)]).adding("X-Trace", "t1")
            )
            let first = try await call.sendWithResponse()
            #expect(first.value.value.map(\.displayName) == ["Adele"])
            #expect(first.requestID == "r-1")
            #expect(first.etag == "W/\"1\"")
            #expect(first.status.code == 200)
            var all: [String?] = []
            for try await user in call.items() { all.append(user.id) }
            #expect(all == ["1", "2"])

            let sent = server.requests
            #expect(sent.count == 3)
            let query = try #require(sent.first?.query)
            #expect(query == [
                URLQueryItem(name: "$select", value: "id,displayName,onPremisesSyncEnabled"),
                URLQueryItem(name: "$filter", value: "startswith(displayName,'A&B')"),
                URLQueryItem(name: "$search", value: "\"displayName:wa\""),
                URLQueryItem(name: "$orderby", value: "displayName desc"),
                URLQueryItem(name: "$top", value: "5"),
                URLQueryItem(name: "$count", value: "true"),
                URLQueryItem(name: "$format", value: "json"),
            ])
            for request in sent {
                #expect(request.headers["consistencylevel"] == "eventual")
                #expect(request.headers["prefer"] == "odata.maxpagesize=5")
                #expect(request.headers["x-trace"] == "t1")
                #expect(request.headers["authorization"] == "Bearer test-token")
            }
            #expect(sent.last?.query == [URLQueryItem(name: "$skiptoken", value: "abc")], "the next link is followed as Graph wrote it")
        }
    }

    @Test("a function's parameters are OData literals in the path: quotes doubled, the result a wrapped Boolean")
    func functionWithQuotes() async throws {
        try await QueryTestServer.run({ _ in answer(json: #"{"@odata.context":"x","value":true}"#) }) { server in
            let found = try await server.graph.deviceManagement.verifyWindowsEnrollmentAutoDiscovery(domainName: "o'brien's.example").get()
            #expect(found == true)
            let path = try #require(server.requests.first?.rawPath)
            #expect(path.removingPercentEncoding == "/v1.0/deviceManagement/verifyWindowsEnrollmentAutoDiscovery(domainName='o''brien''s.example')")
        }
    }

    @Test("required custom query parameters are arguments and arrive with the options")
    func requiredQueryParameters() async throws {
        try await QueryTestServer.run({ _ in answer(json: #"{"value":[{"id":"e1","subject":"Planning","isAllDay":false}]}"#) }) { server in
            let events = try await server.graph.users["u 1"].calendarView.get(
                startDateTime: "2021-07-01T00:00:00+02:00", endDateTime: "2021-07-08T00:00:00Z", GraphQuery(select: [.subject], top: 3),
                headers: GraphHeaders(prefer: [.outlookTimeZone("Pacific Standard Time")])
            )
            #expect(events.value.map(\.subject) == ["Planning"])
            let request = try #require(server.requests.first)
            #expect(request.rawPath == "/v1.0/users/u%201/calendarView")
            #expect(request.query == [
                URLQueryItem(name: "startDateTime", value: "2021-07-01T00:00:00+02:00"),
                URLQueryItem(name: "endDateTime", value: "2021-07-08T00:00:00Z"),
                URLQueryItem(name: "$select", value: "subject"),
                URLQueryItem(name: "$top", value: "3"),
            ])
            #expect(request.headers["prefer"] == "outlook.timezone=\"Pacific Standard Time\"")
        }
    }

    @Test("$count returns the number the server sends as text, with ConsistencyLevel")
    func count() async throws {
        try await QueryTestServer.run({ _ in answer(200, Data("893".utf8), type: "text/plain") }) { server in
            let count = try await server.graph.users.count.get(GraphQuery(filter: "endswith(mail,'@contoso.com')"), headers: GraphHeaders(consistencyLevel: .eventual))
            #expect(count == 893)
            #expect(server.requests.first?.rawPath == "/v1.0/users/$count")
            #expect(server.requests.first?.headers["consistencylevel"] == "eventual")
        }
    }

    @Test("a 5 MB $value download arrives whole as bytes, and streamed in several chunks")
    func download() async throws {
        let content = Data((0..<(5 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try await QueryTestServer.run({ _ in answer(200, content, type: "image/jpeg") }) { server in
            let photo = server.graph.users["u1"].photo.value
            let whole = try await photo.get()
            #expect(whole == content)
            let download = try await photo.getRequest().downloadStream()
            #expect(download.headerFields[HTTPField.Name("Content-Type")!] == "image/jpeg")
            var received = Data()
            var chunks = 0
            for try await chunk in download.body {
                received.append(chunk)
                chunks += 1
            }
            #expect(received == content)
            #expect(chunks > 1, "a streamed download arrives in more than one piece")
            #expect(server.requests.allSatisfy { $0.headers["accept"] != "application/json" })
        }
    }

    @Test("an upload sends bytes or a file with its content type")
    func upload() async throws {
        let bytes = Data((0..<300_000).map { UInt8($0 % 253) })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-photo-\(UUID().uuidString).jpg")
        try bytes.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try await QueryTestServer.run({ _ in answer(200, Data()) }) { server in
            let photo = server.graph.users["u1"].photo.value
            _ = try await photo.put(.bytes(bytes, contentType: "image/jpeg"))
            _ = try await photo.put(.file(file, contentType: "image/png"))
            let sent = server.requests
            #expect(sent.map(\.method) == ["PUT", "PUT"])
            #expect(sent.map(\.body) == [bytes, bytes])
            #expect(sent.map { $0.headers["content-type"] } == ["image/jpeg", "image/png"])
        }
    }
}
