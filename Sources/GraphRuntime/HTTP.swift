import Foundation
import HTTPTypes

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

extension GraphHTTPResponse {
    /// The status, headers (a field sent twice joined with ", ") and body of `response`.
    public init(_ response: GraphResponse) {
        self.init(statusCode: response.status.code, headers: headerDictionary(response.headerFields), body: response.body)
    }
}

/// `fields` as a dictionary by name as sent; a name that occurs twice has its values joined with ", ".
func headerDictionary(_ fields: HTTPFields) -> [String: String] {
    var headers: [String: String] = [:]
    for field in fields {
        if let existing = headers[field.name.rawName] {
            headers[field.name.rawName] = existing + ", " + field.value
        } else {
            headers[field.name.rawName] = field.value
        }
    }
    return headers
}

/// A transport for tests: records every request (as the transport received it, after the pipeline) and
/// answers without touching the network.
///
/// Answers, in order of preference: the next response queued with `enqueue`, else `responder` if one was
/// given, else `defaultResponse`. Thread-safe (all state behind a lock).
public final class RecordingTransport: GraphTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [GraphHTTPRequest] = []
    private var recordedHTTP: [HTTPRequest] = []
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

    /// Every request received so far as swift-http-types requests, oldest first.
    public var httpRequests: [HTTPRequest] {
        lock.withLock { recordedHTTP }
    }

    /// Forgets the recorded requests.
    public func clearRequests() {
        lock.withLock {
            recorded.removeAll()
            recordedHTTP.removeAll()
        }
    }

    /// Records `request` and returns the configured answer, in the types of docgen 0.1.
    public func send(_ request: GraphHTTPRequest) async throws -> GraphHTTPResponse {
        var fields = HTTPFields()
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        let http = try HTTPRequest(method: HTTPRequest.Method(request.method.rawValue) ?? .get, graphURL: request.url, headerFields: fields)
        let (response, body) = try await send(http, body: request.body.map { .json($0) })
        return GraphHTTPResponse(statusCode: response.status.code, headers: headerDictionary(response.headerFields), body: try await body.collect())
    }

    /// Records `request` (its body read whole) and returns the configured answer.
    public func send(_ request: HTTPRequest, body: GraphRequestBody?) async throws -> (HTTPResponse, GraphByteStream) {
        guard let url = request.graphURL else { throw GraphTransportError(message: "request without URL") }
        let legacy = GraphHTTPRequest(
            method: GraphHTTPMethod(rawValue: request.method.rawValue),
            url: url,
            headers: headerDictionary(request.headerFields),
            body: try await body?.collect()
        )
        let queuedAnswer: GraphHTTPResponse? = lock.withLock {
            recorded.append(legacy)
            recordedHTTP.append(request)
            return queued.isEmpty ? nil : queued.removeFirst()
        }
        let answer: GraphHTTPResponse
        if let queuedAnswer {
            answer = queuedAnswer
        } else if let responder {
            answer = try responder(legacy)
        } else {
            answer = defaultResponse
        }
        var fields = HTTPFields()
        for (name, value) in answer.headers.sorted(by: { $0.key < $1.key }) {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return (HTTPResponse(status: .init(code: answer.statusCode), headerFields: fields), GraphByteStream(data: answer.body))
    }
}
