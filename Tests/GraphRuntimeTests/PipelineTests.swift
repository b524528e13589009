import FlyingFox
import Foundation
import GraphRuntime
import HTTPTypes
import Logging
import Testing

@Suite("Retry middleware against a loopback server", .timeLimit(.minutes(1)))
struct RetryTests {
    @Test("429 with Retry-After: 1 is retried after at least a second, with Retry-Attempt and the same client-request-id")
    func retryAfterSeconds() async throws {
        let served = Locked(0)
        try await withLoopbackServer({ _, _ in
            let count = served.withLock { value -> Int in value += 1; return value }
            return count <= 2 ? json(429, #"{"error":{"code":"TooManyRequests"}}"#, headers: ["Retry-After": "1"]) : json(200, #"{"id":"ok"}"#)
        }) { server in
            let client = testClient(server)
            let widget = try await client.send(GraphRequest(pathSegments: ["v1.0", "w"]), expecting: Widget.self)
            #expect(widget.id == "ok")
            let requests = server.requests
            #expect(requests.count == 3)
            #expect(requests.map { $0.header("Retry-Attempt") } == [nil, "1", "2"])
            #expect(Set(requests.map { $0.header("client-request-id") }).count == 1)
            for index in 1..<requests.count {
                #expect(requests[index].receivedAt - requests[index - 1].receivedAt >= .milliseconds(950))
            }
        }
    }

    @Test("Retry-After as an HTTP date is the time until that date; an unreadable one falls back to backoff")
    func retryAfterDate() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let inTwoSeconds = formatter.string(from: now.addingTimeInterval(2))
        #expect(GraphRetryPolicy.retryAfterSeconds(inTwoSeconds, now: now) == 2)
        #expect(GraphRetryPolicy.retryAfterSeconds(formatter.string(from: now.addingTimeInterval(-30)), now: now) == 0)
        #expect(GraphRetryPolicy.retryAfterSeconds("7", now: now) == 7)
        #expect(GraphRetryPolicy.retryAfterSeconds("soon", now: now) == nil)
        var head = HTTPTypes.HTTPResponse(status: .tooManyRequests)
        head.headerFields[.retryAfter] = inTwoSeconds
        let policy = GraphRetryPolicy(baseDelay: .milliseconds(10), jitter: 0)
        #expect(policy.delay(before: 1, after: head, now: now) == .seconds(2))
        head.headerFields[.retryAfter] = "soon"
        #expect(policy.delay(before: 3, after: head, now: now) == .milliseconds(40))
    }

    @Test("without Retry-After the waits double, the count is capped, and the last 503 is thrown as ODataError")
    func backoffAndCount() async throws {
        try await withLoopbackServer({ _, _ in json(503, #"{"error":{"code":"serviceNotAvailable"}}"#) }) { server in
            let client = testClient(server, retry: GraphRetryPolicy(maxRetries: 2, baseDelay: .milliseconds(150), maxTotalDelay: .seconds(10), jitter: 0.25))
            let error = await #expect(throws: ODataError.self) { try await client.send(GraphRequest(pathSegments: ["v1.0", "w"])) }
            #expect(error?.statusCode == 503)
            #expect(error?.code == "serviceNotAvailable")
            let requests = server.requests
            #expect(requests.count == 3)
            guard requests.count == 3 else { return }
            #expect(requests[1].receivedAt - requests[0].receivedAt >= .milliseconds(150))
            #expect(requests[2].receivedAt - requests[1].receivedAt >= .milliseconds(300))
        }
    }

    @Test("a wait that would pass the total delay limit is not made")
    func totalDelayLimit() async throws {
        try await withLoopbackServer({ _, _ in json(504, "{}") }) { server in
            let client = testClient(server, retry: GraphRetryPolicy(maxRetries: 5, baseDelay: .milliseconds(100), maxTotalDelay: .milliseconds(250), jitter: 0))
            await #expect(throws: ODataError.self) { try await client.send(GraphRequest(pathSegments: ["v1.0", "w"])) }
            // Waits 100 ms, then 200 ms would make 300 > 250: two attempts.
            #expect(server.requests.count == 2)
        }
        try await withLoopbackServer({ _, _ in json(429, "{}", headers: ["Retry-After": "30"]) }) { server in
            let client = testClient(server, retry: GraphRetryPolicy(maxRetries: 5, maxTotalDelay: .seconds(5)))
            await #expect(throws: ODataError.self) { try await client.send(GraphRequest(pathSegments: ["v1.0", "w"])) }
            #expect(server.requests.count == 1)
        }
    }

    @Test("a stream body is not sent twice; a call can turn retries off; other statuses are not retried")
    func onlyReplayableAndOverrides() async throws {
        try await withLoopbackServer({ request, _ in
            request.path == "/v1.0/bad" ? json(400, "{}") : json(429, "{}", headers: ["Retry-After": "0"])
        }) { server in
            let client = testClient(server)
            let stream = GraphRequestBody.stream(GraphByteStream(data: Data("once".utf8)), contentType: "text/plain", length: 4)
            await #expect(throws: ODataError.self) { try await client.send(GraphRequest(method: .post, pathSegments: ["v1.0", "w"], body: stream)) }
            #expect(server.requests.count == 1)
            #expect(server.requests.last?.body == Data("once".utf8))

            let once = GraphRequest(pathSegments: ["v1.0", "w"], options: GraphRequestOptions(retry: .disabled))
            await #expect(throws: ODataError.self) { try await client.send(once) }
            #expect(server.requests.count == 2)

            await #expect(throws: ODataError.self) { try await client.send(GraphRequest(pathSegments: ["v1.0", "bad"])) }
            #expect(server.requests.count == 3)

            let twice = GraphRequest(pathSegments: ["v1.0", "w"], options: GraphRequestOptions(retry: GraphRetryPolicy(maxRetries: 1)))
            await #expect(throws: ODataError.self) { try await client.send(twice) }
            #expect(server.requests.count == 5)
        }
    }
}

@Suite("Redirects, next links and allowed hosts against loopback servers", .timeLimit(.minutes(1)))
struct RedirectAndHostTests {
    @Test("a redirect to another host carries no token; one on the same host does; 303 becomes GET; the limit holds")
    func redirects() async throws {
        try await withLoopbackServer({ _, _ in json(200, #"{"id":"other"}"#) }) { other in
            try await withLoopbackServer({ request, _ in
                switch request.path {
                case "/v1.0/away": return empty(307, headers: ["Location": "http://localhost:\(other.port)/v1.0/landed"])
                case "/v1.0/near": return empty(301, headers: ["Location": "/v1.0/here"])
                case "/v1.0/post": return empty(303, headers: ["Location": "/v1.0/here"])
                case "/v1.0/loop": return empty(302, headers: ["Location": "/v1.0/loop"])
                default: return json(200, #"{"id":"home"}"#)
                }
            }) { home in
                let client = testClient(home)
                let away = try await client.send(GraphRequest(method: .put, pathSegments: ["v1.0", "away"], body: .json(Data("{}".utf8))), expecting: Widget.self)
                #expect(away.id == "other")
                #expect(other.requests.count == 1)
                #expect(other.requests.first?.header("Authorization") == nil)
                #expect(other.requests.first?.method == "PUT")
                #expect(other.requests.first?.body == Data("{}".utf8))
                #expect(home.requests.first?.header("Authorization") == "Bearer secret-token")

                _ = try await client.send(GraphRequest(pathSegments: ["v1.0", "near"]))
                #expect(home.requests.last?.path == "/v1.0/here")
                #expect(home.requests.last?.header("Authorization") == "Bearer secret-token")

                _ = try await client.send(GraphRequest(method: .post, pathSegments: ["v1.0", "post"], body: .json(Data("{}".utf8))))
                #expect(home.requests.last?.method == "GET")
                #expect(home.requests.last?.body.isEmpty == true)
                #expect(home.requests.last?.header("Content-Type") == nil)

                let error = await #expect(throws: GraphRedirectError.self) { try await client.send(GraphRequest(pathSegments: ["v1.0", "loop"])) }
                #expect(error == .tooManyRedirects(limit: 5, location: "/v1.0/loop"))
                #expect(home.requests.filter { $0.path == "/v1.0/loop" }.count == 6)

                let limited = GraphRequest(pathSegments: ["v1.0", "loop"], options: GraphRequestOptions(redirect: .disabled))
                let thrown = await #expect(throws: ODataError.self) { try await client.send(limited) }
                #expect(thrown?.statusCode == 302)
            }
        }
    }

    @Test("pages and items follow next links with the first request's headers; a next link to another host carries no token")
    func nextLinks() async throws {
        try await withLoopbackServer({ _, _ in json(200, #"{"value":[{"id":"c"}]}"#) }) { other in
            try await withLoopbackServer({ request, _ in
                if request.path == "/v1.0/widgets" {
                    return json(200, #"{"value":[{"id":"a"}],"@odata.nextLink":"/v1.0/widgets/page2?$skiptoken=x"}"#)
                }
                return json(200, #"{"value":[{"id":"b"}],"@odata.nextLink":"http://127.0.0.1:\#(other.port)/v1.0/widgets?$skiptoken=y"}"#)
            }) { home in
                let client = testClient(home)
                var fields = HTTPFields()
                fields[HTTPField.Name("ConsistencyLevel")!] = "eventual"
                let request = GraphRequest(pathSegments: ["v1.0", "widgets"], headerFields: fields)
                var ids: [String] = []
                for try await widget in client.items(request, of: Widget.self) { ids.append(widget.id ?? "") }
                #expect(ids == ["a", "b", "c"])
                #expect(home.requests.count == 2)
                #expect(home.requests.allSatisfy { $0.header("Authorization") == "Bearer secret-token" && $0.header("ConsistencyLevel") == "eventual" })
                #expect(home.requests.last?.query["$skiptoken"] == "x")
                #expect(other.requests.count == 1)
                #expect(other.requests.first?.header("Authorization") == nil)
                #expect(other.requests.first?.header("ConsistencyLevel") == "eventual")

                var pageSizes: [Int] = []
                for try await page in client.pages(request, of: Widget.self) { pageSizes.append(page.value.count) }
                #expect(pageSizes == [1, 1, 1])
            }
        }
    }

    @Test("allowed hosts: the base URL's origin, Graph's clouds over https, the hosts you add; nothing else")
    func allowedHostRules() {
        let base = URL(string: "http://127.0.0.1:8080")!
        let hosts = GraphAllowedHosts(["Graph.Contoso.example"])
        let allowed = [
            "http://127.0.0.1:8080/v1.0/me", "https://graph.microsoft.com/v1.0/me", "https://GRAPH.microsoft.us/beta/x",
            "https://dod-graph.microsoft.us/v1.0", "https://microsoftgraph.chinacloudapi.cn/v1.0", "https://graph.contoso.example/x",
        ]
        let refused = [
            "http://127.0.0.1:8081/v1.0/me", "https://127.0.0.1:8080/v1.0/me", "http://localhost:8080/v1.0/me",
            "http://graph.microsoft.com/v1.0/me", "https://graph.microsoft.com.evil.example/v1.0", "https://evil.example/graph.microsoft.com",
            "https://graph.microsoft.com:8443/v1.0", "https://user@evil.example/", "https://graph.contoso.example.evil/x",
        ]
        for text in allowed { #expect(hosts.allows(URL(string: text)!, baseURL: base), "\(text)") }
        for text in refused { #expect(!hosts.allows(URL(string: text)!, baseURL: base), "\(text)") }
        #expect(!GraphAllowedHosts(includingNationalClouds: false).allows(URL(string: "https://graph.microsoft.us/v1.0")!, baseURL: base))
    }

    /// Adds an Authorization header itself, as a careless custom middleware might.
    struct TokenAddingMiddleware: GraphMiddleware {
        func intercept(_ request: HTTPTypes.HTTPRequest, body: GraphRequestBody?, context: GraphRequestContext, next: GraphNext) async throws -> (HTTPTypes.HTTPResponse, GraphByteStream) {
            var request = request
            request.headerFields[.authorization] = "Bearer secret-token"
            return try await next(request, body, context)
        }
    }

    @Test("no path sends the token outside the allowed hosts", arguments: ["urlsession", "openapi"])
    func tokenNeverLeaves(transportName: String) async throws {
        let transport: any GraphTransport = transportName == "openapi" ? OpenAPITransports.make() : URLSessionTransport.shared
        try await withLoopbackServer({ request, _ in
            if request.path.hasSuffix("/redirect-home") { return empty(302, headers: ["Location": "http://127.0.0.1:\(request.port)/v1.0/redirect-target"]) }
            return json(200, #"{"value":[],"@odata.deltaLink":"http://127.0.0.1:\#(request.port)/v1.0/d?token=1"}"#)
        }) { other in
            try await withLoopbackServer({ request, _ in
                switch request.path {
                case "/v1.0/to-other": return empty(308, headers: ["Location": "http://127.0.0.1:\(other.port)/v1.0/redirect-home"])
                case "/v1.0/pages": return json(200, #"{"value":[],"@odata.nextLink":"http://127.0.0.1:\#(other.port)/v1.0/next"}"#)
                case "/v1.0/$batch": return json(200, #"{"responses":[]}"#)
                default: return json(200, #"{"value":[]}"#)
                }
            }) { home in
                let otherURL = URL(string: "http://127.0.0.1:\(other.port)/v1.0/direct")!
                let localhostURL = URL(string: "http://localhost:\(home.port)/v1.0/alias")!
                var explicit = HTTPFields()
                explicit[.authorization] = "Bearer secret-token"
                for middleware in [GraphClient.defaultMiddleware(), GraphClient.defaultMiddleware() + [TokenAddingMiddleware()], [TokenAddingMiddleware()] + GraphClient.defaultMiddleware()] {
                    var client = testClient(home, transport: transport)
                    client.middleware = middleware
                    _ = try await client.send(GraphRequest(method: .post, pathSegments: ["v1.0", "to-other"], body: .json(Data("{}".utf8))))
                    _ = try await client.send(GraphRequest(url: otherURL, headerFields: explicit))
                    _ = try await client.send(GraphRequest(url: localhostURL, headerFields: explicit))
                    for try await _ in client.pages(GraphRequest(pathSegments: ["v1.0", "pages"], headerFields: explicit), of: Widget.self) {}
                    _ = try await client.delta(resumingFrom: otherURL.absoluteString, of: Widget.self, headerFields: explicit)
                    _ = try await client.send(GraphRequest(pathSegments: ["v1.0", "home"], headerFields: explicit, options: GraphRequestOptions(sendsAuthorization: false)))
                }
                let everyOther = other.requests + home.requests.filter { $0.path == "/v1.0/alias" || $0.path == "/v1.0/home" }
                let perConfiguration = 7  // two redirect hops, one direct URL, one alias host, one next link, one delta link, one call without token
                #expect(everyOther.count == 3 * perConfiguration)
                for request in everyOther {
                    #expect(request.header("Authorization") == nil, "\(request.path) on port \(request.port) got a token")
                    #expect(!request.headers.values.contains { $0.contains("secret-token") }, "\(request.path) carries the token")
                }
                #expect(home.requests.filter { $0.path == "/v1.0/to-other" || $0.path == "/v1.0/pages" }.allSatisfy { $0.header("Authorization") == "Bearer secret-token" })
            }
        }
    }
}

@Suite("Cancellation and time limits against a loopback server", .timeLimit(.minutes(1)))
struct CancellationAndTimeoutTests {
    static let slow: LoopbackServer.Responder = { _, _ in
        try? await Task.sleep(for: .seconds(4))
        return json(200, "{}")
    }

    @Test("cancelling the calling task throws CancellationError at once")
    func cancellation() async throws {
        try await withLoopbackServer(Self.slow) { server in
            let client = testClient(server)
            let start = ContinuousClock.now
            let call = Task { try await client.send(GraphRequest(pathSegments: ["v1.0", "slow"])) }
            try await Task.sleep(for: .milliseconds(200))
            call.cancel()
            let result = await call.result
            #expect(throws: CancellationError.self) { try result.get() }
            #expect(ContinuousClock.now - start < .seconds(3))
        }
    }

    @Test("cancellation during a retry wait throws CancellationError")
    func cancellationWhileWaiting() async throws {
        try await withLoopbackServer({ _, _ in json(429, "{}", headers: ["Retry-After": "10"]) }) { server in
            let client = testClient(server, retry: GraphRetryPolicy(maxRetries: 3, maxTotalDelay: .seconds(60)))
            let call = Task { try await client.send(GraphRequest(pathSegments: ["v1.0", "w"])) }
            // Cancel once the first attempt has been answered, i.e. during the 10 s wait before the retry.
            let deadline = ContinuousClock.now + .seconds(20)
            while server.requests.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            try await Task.sleep(for: .milliseconds(200))
            call.cancel()
            let result = await call.result
            #expect(throws: CancellationError.self) { try result.get() }
            #expect(server.requests.count == 1)
        }
    }

    @Test("the client's time limit and a call's own limit each throw GraphTimeoutError naming which")
    func timeouts() async throws {
        try await withLoopbackServer(Self.slow) { server in
            let client = testClient(server, timeout: .milliseconds(300))
            let start = ContinuousClock.now
            let clientError = await #expect(throws: GraphTimeoutError.self) { try await client.send(GraphRequest(pathSegments: ["v1.0", "slow"])) }
            #expect(clientError?.scope == .client)
            #expect(clientError?.limit == .milliseconds(300))
            #expect(ContinuousClock.now - start < .seconds(3))

            let patient = testClient(server, timeout: .seconds(30))
            let call = GraphRequest(pathSegments: ["v1.0", "slow"], options: GraphRequestOptions(timeout: .milliseconds(200)))
            let callError = await #expect(throws: GraphTimeoutError.self) { try await patient.send(call) }
            #expect(callError?.scope == .call)
        }
    }
}

/// Keeps every log line with its metadata.
struct CapturingLogHandler: LogHandler {
    let lines: Locked<[String]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        let all = self.metadata.merging(metadata ?? [:]) { _, new in new }
        lines.withLock { $0.append("\(level) \(message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))") }
    }
}

@Suite("Logging, User-Agent and custom middleware", .timeLimit(.minutes(1)))
struct LoggingAndMiddlewareTests {
    @Test("the log names method, path, status and ids; never the token; bodies only when asked")
    func logging() async throws {
        try await withLoopbackServer({ _, _ in json(429, #"{"secret":"response-body"}"#, headers: ["Retry-After": "0", "request-id": "r-7"]) }) { server in
            for includeBodies in [false, true] {
                let lines = Locked<[String]>([])
                var logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
                logger.logLevel = .trace
                var client = testClient(server, retry: GraphRetryPolicy(maxRetries: 1, baseDelay: .milliseconds(1)))
                client.logger = logger
                client.middleware = GraphClient.defaultMiddleware(
                    retry: GraphRetryPolicy(maxRetries: 1, baseDelay: .milliseconds(1)),
                    logging: GraphLoggingOptions(includeHeaders: true, includeBodies: includeBodies))
                var fields = HTTPFields()
                fields[.authorization] = "Bearer secret-token"  // set by the caller, so the logging middleware sees it
                let request = GraphRequest(method: .post, pathSegments: ["v1.0", "w"], queryItems: [URLQueryItem(name: "$filter", value: "mail eq 'a@b'")],
                                           headerFields: fields, body: .json(Data(#"{"secret":"request-body"}"#.utf8)))
                await #expect(throws: ODataError.self) { try await client.send(request) }
                let text = lines.value.joined(separator: "\n")
                #expect(text.contains("→ POST http://127.0.0.1:\(server.port)/v1.0/w"))
                #expect(text.contains("status=429"))
                #expect(text.contains("request-id=r-7"))
                #expect(text.contains("retrying after 429"))
                #expect(text.contains("authorization: <redacted>"))
                #expect(!text.contains("secret-token"))
                #expect(!text.contains("a@b"))
                #expect(text.contains("request-body") == includeBodies)
                #expect(text.contains("response-body") == includeBodies)
            }
        }
    }

    /// Records the order it runs in and tags the request.
    struct TaggingMiddleware: GraphMiddleware {
        let name: String
        let order: Locked<[String]>
        func intercept(_ request: HTTPTypes.HTTPRequest, body: GraphRequestBody?, context: GraphRequestContext, next: GraphNext) async throws -> (HTTPTypes.HTTPResponse, GraphByteStream) {
            order.withLock { $0.append(name) }
            var request = request
            request.headerFields.append(HTTPField(name: HTTPField.Name("X-Tag")!, value: name))
            var (response, body) = try await next(request, body, context)
            response.headerFields.append(HTTPField(name: HTTPField.Name("X-Seen")!, value: name))
            return (response, body)
        }
    }

    @Test("user middleware runs in list order around the transport; User-Agent names the runtime after the app's")
    func customMiddleware() async throws {
        try await withLoopbackServer({ _, _ in json(200, "{}") }) { server in
            let order = Locked<[String]>([])
            var client = testClient(server)
            client.middleware.insert(TaggingMiddleware(name: "outer", order: order), at: 0)
            client.middleware.append(TaggingMiddleware(name: "inner", order: order))
            var fields = HTTPFields()
            fields[.userAgent] = "MyApp/2.1"
            let response = try await client.send(GraphRequest(pathSegments: ["v1.0", "w"], headerFields: fields))
            #expect(order.value == ["outer", "inner"])
            #expect(server.requests.first?.header("X-Tag")?.replacingOccurrences(of: " ", with: "") == "outer,inner")
            #expect(response.headerFields[values: HTTPField.Name("X-Seen")!] == ["inner", "outer"])
            #expect(server.requests.first?.header("User-Agent") == "MyApp/2.1 \(GraphRuntimeInfo.userAgent)")
        }
    }
}
