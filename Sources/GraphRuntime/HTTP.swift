import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An HTTP method.
public struct GraphHTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The method name as sent, e.g. "GET".
    public var rawValue: String

    /// A method named `rawValue` (sent as given).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// GET
    public static let get = GraphHTTPMethod(rawValue: "GET")
    /// POST
    public static let post = GraphHTTPMethod(rawValue: "POST")
    /// PUT
    public static let put = GraphHTTPMethod(rawValue: "PUT")
    /// PATCH
    public static let patch = GraphHTTPMethod(rawValue: "PATCH")
    /// DELETE
    public static let delete = GraphHTTPMethod(rawValue: "DELETE")

    /// `rawValue`.
    public var description: String { rawValue }
}

/// Case-insensitive lookup in a header dictionary.
func headerValue(_ headers: [String: String], _ name: String) -> String? {
    if let exact = headers[name] { return exact }
    let lowered = name.lowercased()
    return headers.first { $0.key.lowercased() == lowered }?.value
}

/// A request as handed to a `GraphTransport`.
public struct GraphHTTPRequest: Hashable, Sendable {
    /// The HTTP method.
    public var method: GraphHTTPMethod
    /// The absolute URL, query included.
    public var url: URL
    /// Header fields by name.
    public var headers: [String: String]
    /// The body, if any.
    public var body: Data?

    /// A request with the given parts.
    public init(method: GraphHTTPMethod, url: URL, headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The value of header `name`, matched case-insensitively.
    public func header(_ name: String) -> String? { headerValue(headers, name) }
}

/// A response as returned by a `GraphTransport`.
public struct GraphHTTPResponse: Hashable, Sendable {
    /// The HTTP status code.
    public var statusCode: Int
    /// Header fields by name.
    public var headers: [String: String]
    /// The body (empty when there is none).
    public var body: Data

    /// A response with the given parts.
    public init(statusCode: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }

    /// The value of header `name`, matched case-insensitively.
    public func header(_ name: String) -> String? { headerValue(headers, name) }

    /// True for 200...299.
    public var isSuccess: Bool { (200..<300).contains(statusCode) }
}

/// Sends HTTP requests. `GraphClient` adds authorization and content headers before calling it.
public protocol GraphTransport: Sendable {
    /// Sends `request` and returns the response whatever its status; throws only when no response arrived.
    func send(_ request: GraphHTTPRequest) async throws -> GraphHTTPResponse
}

/// Thrown by `URLSessionTransport` when the session returns something that is not an HTTP response.
public struct GraphTransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// An error with `message`.
    public init(message: String) { self.message = message }

    /// `message`.
    public var description: String { message }
}

/// A transport backed by `URLSession` (FoundationNetworking on Linux).
public struct URLSessionTransport: GraphTransport {
    /// The session requests go through.
    public let session: URLSession

    /// A transport over `session`.
    public init(session: URLSession = .shared) { self.session = session }

    /// Sends `request` with `URLSession.data(for:)`.
    public func send(_ request: GraphHTTPRequest) async throws -> GraphHTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        urlRequest.httpBody = request.body
        let (data, response) = try await session.data(for: urlRequest)
        guard let http = response as? HTTPURLResponse else {
            throw GraphTransportError(message: "Response to \(request.method) \(request.url) is not HTTP")
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            headers[String(describing: name)] = String(describing: value)
        }
        return GraphHTTPResponse(statusCode: http.statusCode, headers: headers, body: data)
    }
}

/// A transport for tests: records every request and answers without touching the network.
///
/// Answers, in order of preference: the next response queued with `enqueue`, else `responder` if one was
/// given, else `defaultResponse`. Thread-safe (all state behind a lock).
public final class RecordingTransport: GraphTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [GraphHTTPRequest] = []
    private var queued: [GraphHTTPResponse] = []
    private var fallback: GraphHTTPResponse
    private let responder: (@Sendable (GraphHTTPRequest) throws -> GraphHTTPResponse)?

    /// Answers every request with `statusCode`, `headers` and `body` (unless responses are queued).
    public init(statusCode: Int = 200, headers: [String: String] = [:], body: Data = Data()) {
        self.fallback = GraphHTTPResponse(statusCode: statusCode, headers: headers, body: body)
        self.responder = nil
    }

    /// Answers each request with `responder(request)` (unless responses are queued); a thrown error is
    /// thrown from `send` as a transport failure.
    public init(responder: @escaping @Sendable (GraphHTTPRequest) throws -> GraphHTTPResponse) {
        self.fallback = GraphHTTPResponse(statusCode: 200)
        self.responder = responder
    }

    /// Every request received so far, oldest first.
    public var requests: [GraphHTTPRequest] {
        lock.withLock { recorded }
    }

    /// The answer used when nothing is queued and there is no responder.
    public var defaultResponse: GraphHTTPResponse {
        get { lock.withLock { fallback } }
        set { lock.withLock { fallback = newValue } }
    }

    /// Queues `response` to answer one upcoming request (first in, first out).
    public func enqueue(_ response: GraphHTTPResponse) {
        lock.withLock { queued.append(response) }
    }

    /// Queues a response with the given parts.
    public func enqueue(statusCode: Int, headers: [String: String] = [:], body: Data = Data()) {
        enqueue(GraphHTTPResponse(statusCode: statusCode, headers: headers, body: body))
    }

    /// Forgets the recorded requests.
    public func clearRequests() {
        lock.withLock { recorded.removeAll() }
    }

    /// Records `request` and returns the configured answer.
    public func send(_ request: GraphHTTPRequest) async throws -> GraphHTTPResponse {
        let queuedAnswer: GraphHTTPResponse? = lock.withLock {
            recorded.append(request)
            return queued.isEmpty ? nil : queued.removeFirst()
        }
        if let queuedAnswer { return queuedAnswer }
        if let responder { return try responder(request) }
        return defaultResponse
    }
}
