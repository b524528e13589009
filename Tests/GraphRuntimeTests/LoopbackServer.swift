import FlyingFox
import Foundation
import GraphRuntime

/// A request as the loopback server received it.
struct ServedRequest: Sendable {
    var method: String
    var path: String
    var query: [String: String]
    /// Header fields by lowercase name.
    var headers: [String: String]
    var body: Data
    var receivedAt: ContinuousClock.Instant
    /// The server's port (to tell two servers apart).
    var port: UInt16

    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A real HTTP/1.1 server (FlyingFox) on 127.0.0.1 and a free port, started and stopped by the test. It
/// records every request and answers with `respond`.
final class LoopbackServer: Sendable {
    typealias Responder = @Sendable (ServedRequest, LoopbackServer) async throws -> FlyingFox.HTTPResponse

    let server: HTTPServer
    let port: UInt16
    private let running: Task<Void, any Error>
    private let log = Locked<[ServedRequest]>([])

    /// Starts a server answering with `respond`; fails after 5 s without listening.
    static func start(_ respond: @escaping Responder) async throws -> LoopbackServer {
        let box = Locked<LoopbackServer?>(nil)
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 10, logger: .disabled)
        let running = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 5)
        guard case .ip4(_, let port)? = await server.listeningAddress else {
            running.cancel()
            throw GraphTransportError(message: "loopback server did not report its port")
        }
        let loopback = LoopbackServer(server: server, port: port, running: running)
        box.value = loopback
        await server.appendRoute("*") { request in
            let served = ServedRequest(
                method: request.method.rawValue,
                path: request.path,
                query: Dictionary(request.query.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }),
                headers: Dictionary(request.headers.map { ($0.key.rawValue.lowercased(), $0.value) }, uniquingKeysWith: { first, second in first + ", " + second }),
                body: try await request.bodyData,
                receivedAt: .now,
                port: port
            )
            loopback.log.withLock { $0.append(served) }
            return try await respond(served, loopback)
        }
        return loopback
    }

    private init(server: HTTPServer, port: UInt16, running: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.running = running
    }

    /// http://127.0.0.1:PORT
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Every request received, oldest first.
    var requests: [ServedRequest] { log.withLock { $0 } }

    func stop() async {
        await server.stop(timeout: 1)
        running.cancel()
    }
}

/// A value behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        try lock.withLock { try body(&stored) }
    }
}

/// Runs `body` with a started server, and stops the server afterwards whatever happens.
func withLoopbackServer<T>(
    _ respond: @escaping LoopbackServer.Responder,
    _ body: (LoopbackServer) async throws -> T
) async throws -> T {
    let server = try await LoopbackServer.start(respond)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// A JSON response.
func json(_ status: Int = 200, _ text: String, headers: [String: String] = [:]) -> FlyingFox.HTTPResponse {
    var fields = HTTPHeaders()
    fields[HTTPHeader("Content-Type")] = "application/json"
    for (name, value) in headers { fields[HTTPHeader(name)] = value }
    return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(status, phrase: "Status \(status)"), headers: fields, body: Data(text.utf8))
}

/// A response with `status`, `headers` and no body.
func empty(_ status: Int, headers: [String: String] = [:]) -> FlyingFox.HTTPResponse {
    var fields = HTTPHeaders()
    for (name, value) in headers { fields[HTTPHeader(name)] = value }
    return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(status, phrase: "Status \(status)"), headers: fields)
}

/// A client for `server` with a token, fast retry backoff and short time limits suited to tests.
func testClient(
    _ server: LoopbackServer,
    token: String = "secret-token",
    transport: any GraphTransport = URLSessionTransport.shared,
    retry: GraphRetryPolicy = GraphRetryPolicy(maxRetries: 3, baseDelay: .milliseconds(20), maxTotalDelay: .seconds(5)),
    allowedHosts: GraphAllowedHosts = GraphAllowedHosts(),
    timeout: Duration? = .seconds(20)
) -> GraphClient {
    GraphClient(
        baseURL: server.baseURL,
        transport: transport,
        authorization: { "Bearer \(token)" },
        allowedHosts: allowedHosts,
        middleware: GraphClient.defaultMiddleware(retry: retry),
        timeout: timeout
    )
}
