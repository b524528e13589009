import Foundation
import Testing
import GraphRuntime

private struct AuthorizationFailed: Error {}

@Suite struct MakeRequestTests {
    let client = GraphClient(transport: RecordingTransport())

    @Test func eachRawValueBecomesExactlyOneEncodedSegmentAndRefStaysDollar() {
        let request = client.makeRequest(
            method: .post,
            pathSegments: ["v1.0", "deviceManagement", "deviceConfigurations", "a b/c?d#e%f", "assignments", "$ref"]
        )
        #expect(request.url.absoluteString
            == "https://graph.microsoft.com/v1.0/deviceManagement/deviceConfigurations/a%20b%2Fc%3Fd%23e%25f/assignments/$ref")
        #expect(request.url.query == nil)
        #expect(request.url.fragment == nil)
        #expect(request.method == .post)
    }

    @Test func odataKeySyntaxStaysAndOtherDelimitersAndNonASCIIAreEncoded() {
        let request = client.makeRequest(method: .get, pathSegments: ["users('a@b.com')", "x=1,y:2", "a+b&c;d", "é"])
        #expect(request.url.absoluteString
            == "https://graph.microsoft.com/users('a@b.com')/x=1,y:2/a%2Bb%26c%3Bd/%C3%A9")
    }

    @Test func dotOnlySegmentsCannotClimbThePath() {
        let request = client.makeRequest(method: .get, pathSegments: ["v1.0", "users", "..", ".", "x.y"])
        #expect(request.url.absoluteString == "https://graph.microsoft.com/v1.0/users/%2E%2E/%2E/x.y")
    }

    @Test func baseURLPathPrefixIsKeptAndQueryIsAppendedEncoded() {
        let client = GraphClient(baseURL: URL(string: "http://localhost:8080/proxy/")!, transport: RecordingTransport())
        let request = client.makeRequest(
            method: .get,
            pathSegments: ["beta", "users"],
            query: [
                URLQueryItem(name: "$filter", value: "startswith(displayName,'a b')"),
                URLQueryItem(name: "$search", value: "\"x&y=z+w#\""),
                URLQueryItem(name: "$count", value: nil),
            ]
        )
        #expect(request.url.absoluteString == "http://localhost:8080/proxy/beta/users"
            + "?$filter=startswith(displayName,'a%20b')&$search=%22x%26y%3Dz%2Bw%23%22&$count")
        let items = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems
        #expect(items?.map(\.name) == ["$filter", "$search", "$count"])
        #expect(items?[1].value == "\"x&y=z+w#\"")
    }

    @Test func requestCarriesBodyAndHasNoHeadersYet() {
        let request = client.makeRequest(method: .patch, pathSegments: ["v1.0", "me"], body: bytes("{}"))
        #expect(request.body == bytes("{}"))
        #expect(request.headers.isEmpty)
        #expect(request.url.absoluteString == "https://graph.microsoft.com/v1.0/me")
    }

    @Test func encodeBodyWritesJSON() throws {
        let body = try client.encodeBody(Widget(id: "1", displayName: "a/b"))
        #expect(try parsed(body) == ["id": "1", "displayName": "a/b"])
        #expect(text(body).contains("a/b"))
    }
}

@Suite struct SendTests {
    @Test func sendAddsAuthorizationAcceptAndContentTypeAndDecodes2xx() async throws {
        let transport = RecordingTransport(statusCode: 201, body: bytes(#"{"id": "new", "extra": 1}"#))
        let client = GraphClient(transport: transport, authorization: { "Bearer token-1" })
        let request = client.makeRequest(method: .post, pathSegments: ["v1.0", "widgets"], body: bytes(#"{"displayName":"W"}"#))
        let widget = try await client.send(request, expecting: Widget.self)
        #expect(widget == Widget(id: "new", additionalData: ["extra": 1]))
        let sent = try #require(transport.requests.first)
        #expect(transport.requests.count == 1)
        #expect(withoutTelemetry(sent.headers) == [
            "Authorization": "Bearer token-1",
            "Accept": "application/json",
            "Content-Type": "application/json",
        ])
        #expect(sent.method == .post)
        #expect(sent.url == request.url)
        #expect(sent.body == request.body)
    }

    @Test func bodylessRequestWithoutAuthorizationGetsOnlyAccept() async throws {
        let transport = RecordingTransport(statusCode: 200, body: bytes("{}"))
        let client = GraphClient(transport: transport)
        _ = try await client.send(client.makeRequest(method: .get, pathSegments: ["v1.0", "me"]), expecting: Widget.self)
        #expect(transport.requests.first.map { withoutTelemetry($0.headers) } == ["Accept": "application/json"])
    }

    @Test func headersTheCallerSetAreNotReplaced() async throws {
        let transport = RecordingTransport(statusCode: 204)
        let client = GraphClient(transport: transport, authorization: { "Bearer default" })
        var request = client.makeRequest(method: .put, pathSegments: ["v1.0", "photo"], body: Data([0xFF]))
        request.headers = ["accept": "image/*", "content-type": "image/jpeg", "authorization": "Bearer mine"]
        try await client.send(request)
        #expect(transport.requests.first.map { withoutTelemetry($0.headers) } == request.headers)
    }

    @Test func graphErrorBodyOn404BecomesODataErrorWithCodeAndMessage() async throws {
        let body = bytes("""
        {"error": {"code": "ResourceNotFound", "message": "Resource 'x' does not exist.",
                   "innerError": {"request-id": "r-1", "date": "2024-01-01T00:00:00"}}}
        """)
        let transport = RecordingTransport(statusCode: 404, headers: ["request-id": "r-1"], body: body)
        let client = GraphClient(transport: transport)
        let error = await #expect(throws: ODataError.self) {
            _ = try await client.send(client.makeRequest(method: .get, pathSegments: ["v1.0", "x"]), expecting: Widget.self)
        }
        #expect(error?.statusCode == 404)
        #expect(error?.code == "ResourceNotFound")
        #expect(error?.message == "Resource 'x' does not exist.")
        #expect(error?.innerError?["request-id"] == "r-1")
        #expect(error?.body == body)
        #expect(error?.headers["request-id"] == "r-1")
        #expect(error?.description == "HTTP 404 ResourceNotFound: Resource 'x' does not exist.")
    }

    @Test func nonJSON500BecomesODataErrorKeepingTheBody() async throws {
        let body = bytes("<html>Internal Server Error</html>")
        let client = GraphClient(transport: RecordingTransport(statusCode: 500, body: body))
        let error = await #expect(throws: ODataError.self) {
            try await client.send(client.makeRequest(method: .delete, pathSegments: ["v1.0", "x"]))
        }
        #expect(error?.statusCode == 500)
        #expect(error?.code == nil)
        #expect(error?.message == nil)
        #expect(error?.innerError == nil)
        #expect(error?.body == body)
        #expect(error?.description == "HTTP 500: <html>Internal Server Error</html>")
    }

    @Test(arguments: ["", "[]", #"{"error": "flat string"}"#, #"{"message": "no envelope"}"#])
    func errorBodiesOfOtherShapesLeaveCodeAndMessageNil(body: String) {
        let error = ODataError(response: GraphHTTPResponse(statusCode: 503, body: bytes(body)))
        #expect(error.statusCode == 503)
        #expect(error.code == nil)
        #expect(error.message == nil)
    }

    @Test func legacyMessageObjectAndLowercaseInnerErrorAreRead() {
        let body = bytes(#"{"error": {"code": "c", "message": {"lang": "en", "value": "m"}, "innererror": {"x": 1}}}"#)
        let error = ODataError(response: GraphHTTPResponse(statusCode: 400, body: body))
        #expect(error.message == "m")
        #expect(error.innerError == ["x": 1])
    }

    @Test func sendWithoutResponseAccepts204AndThrowsOnNon2xx() async throws {
        let transport = RecordingTransport(statusCode: 204)
        let client = GraphClient(transport: transport)
        try await client.send(client.makeRequest(method: .delete, pathSegments: ["v1.0", "x"]))
        transport.defaultResponse = GraphHTTPResponse(statusCode: 302)
        await #expect(throws: ODataError(statusCode: 302)) {
            try await client.send(client.makeRequest(method: .delete, pathSegments: ["v1.0", "x"]))
        }
        #expect(transport.requests.count == 2)
    }

    @Test func undecodable2xxBodyThrowsGraphDecodingErrorWithStatus() async throws {
        let client = GraphClient(transport: RecordingTransport(statusCode: 200, body: bytes(#"{"id": 5}"#)))
        let error = await #expect(throws: GraphDecodingError.self) {
            _ = try await client.send(client.makeRequest(method: .get, pathSegments: ["v1.0", "x"]), expecting: Widget.self)
        }
        #expect(error?.statusCode == 200)
        #expect(error?.underlying is DecodingError)
        #expect(error?.body == bytes(#"{"id": 5}"#))
    }

    @Test func failingAuthorizationSendsNothing() async throws {
        let transport = RecordingTransport()
        let client = GraphClient(transport: transport, authorization: { throw AuthorizationFailed() })
        await #expect(throws: AuthorizationFailed.self) {
            try await client.send(client.makeRequest(method: .get, pathSegments: ["v1.0", "me"]))
        }
        #expect(transport.requests.isEmpty)
    }

    @Test func authorizationIsAskedForEveryRequest() async throws {
        let counter = Counter()
        let transport = RecordingTransport(statusCode: 204)
        let client = GraphClient(transport: transport, authorization: { "Bearer \(counter.next())" })
        try await client.send(client.makeRequest(method: .get, pathSegments: ["a"]))
        try await client.send(client.makeRequest(method: .get, pathSegments: ["b"]))
        #expect(transport.requests.map { $0.headers["Authorization"] } == ["Bearer 1", "Bearer 2"])
    }
}

/// `headers` without the two the pipeline adds to every request (client-request-id, User-Agent).
func withoutTelemetry(_ headers: [String: String]) -> [String: String] {
    headers.filter { $0.key.lowercased() != "client-request-id" && $0.key.lowercased() != "user-agent" }
}

/// A thread-safe counter for closures that must be @Sendable.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}

@Suite struct RecordingTransportTests {
    @Test func queuedResponsesAnswerFirstThenTheDefault() async throws {
        let transport = RecordingTransport(statusCode: 200, body: bytes("default"))
        transport.enqueue(statusCode: 201, headers: ["Location": "x"], body: bytes("first"))
        let request = GraphHTTPRequest(method: .get, url: URL(string: "https://example.invalid/a")!)
        let first = try await transport.send(request)
        let second = try await transport.send(request)
        #expect(first == GraphHTTPResponse(statusCode: 201, headers: ["Location": "x"], body: bytes("first")))
        #expect(second == GraphHTTPResponse(statusCode: 200, body: bytes("default")))
        #expect(transport.requests == [request, request])
        transport.clearRequests()
        #expect(transport.requests.isEmpty)
    }

    @Test func responderAnswersFromTheRequest() async throws {
        let transport = RecordingTransport { request in
            GraphHTTPResponse(statusCode: 200, body: bytes(request.url.path))
        }
        let response = try await transport.send(GraphHTTPRequest(method: .get, url: URL(string: "https://example.invalid/p/q")!))
        #expect(response.body == bytes("/p/q"))
    }

    @Test func concurrentSendsAreAllRecorded() async throws {
        let transport = RecordingTransport()
        await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    _ = try await transport.send(GraphHTTPRequest(method: .get, url: URL(string: "https://example.invalid/\(index)")!))
                }
            }
        }
        #expect(Set(transport.requests.map(\.url.lastPathComponent)) == Set((0..<200).map(String.init)))
    }

    @Test func headerLookupIgnoresCase() {
        let response = GraphHTTPResponse(statusCode: 200, headers: ["Retry-After": "5"])
        #expect(response.header("retry-after") == "5")
        #expect(response.header("missing") == nil)
    }
}
