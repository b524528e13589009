import FlyingFox
import Foundation
import GraphOpenAPITransport
import GraphRuntime
import HTTPTypes
import OpenAPIURLSession
import Testing

enum OpenAPITransports {
    /// swift-openapi-urlsession's transport (buffered on Linux), on a session that leaves redirects to the
    /// pipeline, adapted to GraphTransport.
    static func make() -> GraphOpenAPITransport {
        GraphOpenAPITransport(URLSessionTransport(configuration: .init(session: GraphOpenAPITransport.redirectRefusingSession())))
    }
}

@Suite("The same calls through a swift-openapi-runtime transport", .timeLimit(.minutes(1)))
struct OpenAPITransportTests {
    @Test("send, decode, errors, retries, redirects to another host without the token, next links, file bodies")
    func sameCalls() async throws {
        let attempts = Locked(0)
        try await withLoopbackServer({ _, _ in json(200, #"{"value":[{"id":"far"}]}"#) }) { other in
            try await withLoopbackServer({ request, _ in
                switch request.path {
                case "/v1.0/throttled":
                    let count = attempts.withLock { value -> Int in value += 1; return value }
                    return count == 1 ? json(429, "{}", headers: ["Retry-After": "0"]) : json(200, #"{"id":"after-retry"}"#)
                case "/v1.0/missing": return json(404, #"{"error":{"code":"itemNotFound","message":"gone"}}"#)
                case "/v1.0/away": return empty(302, headers: ["Location": "http://127.0.0.1:\(other.port)/v1.0/list"])
                case "/v1.0/list": return json(200, #"{"value":[{"id":"near"}],"@odata.nextLink":"http://127.0.0.1:\#(other.port)/v1.0/list2"}"#)
                case "/v1.0/upload": return json(200, #"{"size":\#(request.body.count)}"#)
                default: return json(200, #"{"id":"\#(request.method)","displayName":"\#(request.query["q"] ?? "")"}"#)
                }
            }) { home in
                let client = testClient(home, transport: OpenAPITransports.make())
                let widget = try await client.send(GraphRequest(method: .patch, pathSegments: ["v1.0", "w"], queryItems: [URLQueryItem(name: "q", value: "a b&c")],
                                                                body: try client.jsonBody(Widget(displayName: "x"))), expecting: Widget.self)
                #expect(widget == Widget(id: "PATCH", displayName: "a b&c"))
                #expect(home.requests.last?.header("Authorization") == "Bearer secret-token")
                #expect(home.requests.last?.header("Content-Type") == "application/json")

                #expect(try await client.send(GraphRequest(pathSegments: ["v1.0", "throttled"]), expecting: Widget.self).id == "after-retry")
                #expect(home.requests.last?.header("Retry-Attempt") == "1")

                let error = await #expect(throws: ODataError.self) { try await client.send(GraphRequest(pathSegments: ["v1.0", "missing"])) }
                #expect(error?.code == "itemNotFound")

                let far = try await client.send(GraphRequest(pathSegments: ["v1.0", "away"]), expecting: CollectionPage<Widget>.self)
                #expect(far.value.map(\.id) == ["far"])
                var ids: [String?] = []
                for try await item in client.items(GraphRequest(pathSegments: ["v1.0", "list"]), of: Widget.self) { ids.append(item.id) }
                #expect(ids == ["near", "far"])
                #expect(other.requests.count == 2)
                #expect(other.requests.allSatisfy { $0.header("Authorization") == nil })

                let file = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString).bin")
                try Data(repeating: 7, count: 150_000).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let size = try await client.send(GraphRequest(method: .put, pathSegments: ["v1.0", "upload"], body: .file(file, contentType: "application/octet-stream")))
                #expect(String(decoding: size.body, as: UTF8.self) == #"{"size":150000}"#)
            }
        }
    }

    @Test("cancellation and the time limit through the openapi transport")
    func cancellationAndTimeout() async throws {
        try await withLoopbackServer(CancellationAndTimeoutTests.slow) { server in
            let client = testClient(server, transport: OpenAPITransports.make(), timeout: .milliseconds(300))
            let timeout = await #expect(throws: GraphTimeoutError.self) { try await client.send(GraphRequest(pathSegments: ["v1.0", "slow"])) }
            #expect(timeout?.scope == .client)
            let patient = testClient(server, transport: OpenAPITransports.make())
            let call = Task { try await patient.send(GraphRequest(pathSegments: ["v1.0", "slow"])) }
            try await Task.sleep(for: .milliseconds(200))
            call.cancel()
            let result = await call.result
            #expect(throws: CancellationError.self) { try result.get() }
        }
    }
}
