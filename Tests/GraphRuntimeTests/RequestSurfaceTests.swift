import FlyingFox
import FlyingSocks
import Foundation
import GraphRuntime
import HTTPTypes
import Testing

/// The request/response surface the generated code calls, against a real server on 127.0.0.1.
@Suite("GraphRequest and GraphClient.send against a loopback server", .timeLimit(.minutes(1)))
struct RequestSurfaceTests {
    @Test("path segments and query items are encoded; headers, Accept, client-request-id, User-Agent and the token are sent")
    func sendsTheRequest() async throws {
        try await withLoopbackServer({ _, _ in json(200, #"{"id":"w1","displayName":"W"}"#) }) { server in
            let client = testClient(server)
            var fields = HTTPFields()
            fields[HTTPField.Name("ConsistencyLevel")!] = "eventual"
            let request = GraphRequest(
                method: .get,
                pathSegments: ["v1.0", "widgets", "a b/c"],
                queryItems: [URLQueryItem(name: "$filter", value: "name eq 'x&y'"), URLQueryItem(name: "$count", value: "true")],
                headerFields: fields
            )
            let widget = try await client.send(request, expecting: Widget.self)
            #expect(widget.id == "w1")
            let served = try #require(server.requests.first)
            #expect(served.path == "/v1.0/widgets/a b/c" || served.path == "/v1.0/widgets/a%20b%2Fc")
            #expect(served.query["$filter"] == "name eq 'x&y'")
            #expect(served.query["$count"] == "true")
            #expect(served.header("ConsistencyLevel") == "eventual")
            #expect(served.header("Accept") == "application/json")
            #expect(served.header("Authorization") == "Bearer secret-token")
            #expect(served.header("User-Agent") == GraphRuntimeInfo.userAgent)
            let id = try #require(served.header("client-request-id"))
            #expect(UUID(uuidString: id) != nil)
            #expect(try client.url(for: request).absoluteString.hasSuffix("/v1.0/widgets/a%20b%2Fc?$filter=name%20eq%20'x%26y'&$count=true"))
        }
    }

    @Test("JSON bodies, wrapped values, responses with ETag and Location, no-content calls")
    func sendVariants() async throws {
        try await withLoopbackServer({ request, _ in
            switch request.path {
            case "/v1.0/count": return json(200, #"{"@odata.context":"x","value":7}"#)
            case "/v1.0/bare": return json(200, "8")
            case "/v1.0/created":
                return json(201, String(decoding: request.body, as: UTF8.self), headers: ["ETag": "W/\"1\"", "Location": "https://x/y", "request-id": "r-9"])
            default: return empty(204)
            }
        }) { server in
            let client = testClient(server)
            #expect(try await client.sendWrappedValue(GraphRequest(pathSegments: ["v1.0", "count"]), expecting: Int.self) == 7)
            #expect(try await client.sendWrappedValue(GraphRequest(pathSegments: ["v1.0", "bare"]), expecting: Int.self) == 8)
            let body = try client.jsonBody(Widget(displayName: "new/one"))
            let result = try await client.sendWithResponse(GraphRequest(method: .post, pathSegments: ["v1.0", "created"], body: body), expecting: Widget.self)
            #expect(result.value.displayName == "new/one")
            #expect(result.status == .created)
            #expect(result.etag == "W/\"1\"")
            #expect(result.location == "https://x/y")
            #expect(result.requestID == "r-9")
            #expect(server.requests.last?.header("Content-Type") == "application/json")
            #expect(String(decoding: server.requests.last?.body ?? Data(), as: UTF8.self) == #"{"displayName":"new/one"}"#)
            try await client.sendNoContent(GraphRequest(method: .delete, pathSegments: ["v1.0", "gone"]))
            #expect(server.requests.last?.method == "DELETE")
            // A new client-request-id for every call.
            #expect(Set(server.requests.compactMap { $0.header("client-request-id") }).count == server.requests.count)
        }
    }

    @Test("a non-2xx status throws ODataError with code, message, headers and body as the server sent them")
    func errorsKeepWhatTheServerSaid() async throws {
        let body = #"{"error":{"code":"itemNotFound","message":"No such widget","innerError":{"request-id":"r-1"}}}"#
        try await withLoopbackServer({ _, _ in json(404, body, headers: ["request-id": "r-1"]) }) { server in
            let client = testClient(server)
            let error = await #expect(throws: ODataError.self) {
                try await client.send(GraphRequest(pathSegments: ["v1.0", "widgets", "x"]))
            }
            #expect(error?.statusCode == 404)
            #expect(error?.code == "itemNotFound")
            #expect(error?.message == "No such widget")
            #expect(error?.requestID == "r-1")
            #expect(error.map { String(decoding: $0.body, as: UTF8.self) } == body)
        }
    }

    @Test("download returns the bytes; downloadStream hands the first chunk over before the server has sent the rest")
    func downloads() async throws {
        let half = 2_500_000
        let gate = Gate()
        try await withLoopbackServer({ request, _ in
            if request.path == "/v1.0/small" {
                return FlyingFox.HTTPResponse(statusCode: .ok, body: Data([1, 2, 3]))
            }
            // 5 MB: the first half at once, the second only after the test has seen bytes arrive.
            let chunks = GatedBytes(first: Data(repeating: 1, count: half), second: Data(repeating: 2, count: half), gate: gate)
            return FlyingFox.HTTPResponse(statusCode: .ok, headers: [.contentType: "application/octet-stream"],
                                          body: HTTPBodySequence(from: chunks, count: 2 * half, suggestedBufferSize: 64 * 1024))
        }) { server in
            let client = testClient(server)
            #expect(try await client.download(GraphRequest(pathSegments: ["v1.0", "small"])) == Data([1, 2, 3]))
            #expect(server.requests.last?.header("Accept") != "application/json")

            let download = try await client.downloadStream(GraphRequest(pathSegments: ["v1.0", "content"]))
            #expect(download.expectedLength == Int64(2 * half))
            var received = 0
            var opened = false
            var sum = 0
            for try await chunk in download.body {
                received += chunk.count
                sum += chunk.reduce(0) { $0 + Int($1) }
                if !opened, received > 0 {
                    // The server is still holding back the second half: the runtime streamed the first.
                    #expect(received <= half)
                    opened = true
                    await gate.open()
                }
            }
            #expect(received == 2 * half)
            #expect(sum == half * 1 + half * 2)
        }
    }
}

/// Lets a server handler wait until the test opens it.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    func open() {
        isOpen = true
        waiters.forEach { $0.resume() }
        waiters.removeAll()
    }
    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}

/// Bytes of `first`, then, once `gate` is open, of `second`.
struct GatedBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let first: Data
    let second: Data
    let gate: Gate

    func makeAsyncIterator() -> Iterator { Iterator(first: first, second: second, gate: gate) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var first: Data
        var second: Data
        let gate: Gate
        var inSecond = false
        var offset = 0

        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if !inSecond, offset >= first.count {
                await gate.wait()
                inSecond = true
                offset = 0
            }
            let source = inSecond ? second : first
            guard offset < source.count else { return nil }
            let end = Swift.min(source.count, offset + Swift.max(1, count))
            defer { offset = end }
            return Array(source[source.startIndex + offset ..< source.startIndex + end])
        }
    }
}
