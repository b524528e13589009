import Foundation
import HTTPTypes
import Logging

/// A call took longer than its time limit (the client's `timeout`, or the call's
/// `GraphRequestOptions.timeout`). Not a `CancellationError`: the caller's task was not cancelled.
public struct GraphTimeoutError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which limit ran out.
    public enum Scope: String, Hashable, Sendable {
        /// `GraphClient.timeout`.
        case client
        /// `GraphRequestOptions.timeout` of the call.
        case call
    }

    /// Which limit ran out.
    public var scope: Scope
    /// The limit.
    public var limit: Duration

    /// "the call's time limit of 2.0 seconds ran out".
    public var description: String {
        "the \(scope == .client ? "client's" : "call's") time limit of \(limit) ran out"
    }
}

/// `{"value": x}`, as Graph wraps primitive and enum results.
struct ValueWrapper<Value: Decodable>: Decodable {
    var value: Value
}

extension GraphClient {
    // MARK: Building

    /// The URL of `request`: its `url` (plus `queryItems`), else base URL + encoded segments + query.
    public func url(for request: GraphRequest) throws -> URL {
        var text: String
        if let absolute = request.url {
            guard let resolved = URL(string: absolute.absoluteString, relativeTo: baseURL)?.absoluteURL else {
                throw GraphTransportError(message: "not a URL: \(absolute)")
            }
            text = resolved.absoluteString
            if !request.queryItems.isEmpty {
                text += (resolved.query == nil ? "?" : "&") + Self.encodeQuery(request.queryItems)
            }
        } else {
            text = baseURL.absoluteString
            while text.hasSuffix("/") { text.removeLast() }
            for segment in request.pathSegments {
                text += "/" + Self.encodePathSegment(segment)
            }
            if !request.queryItems.isEmpty {
                text += "?" + Self.encodeQuery(request.queryItems)
            }
        }
        guard let url = URL(string: text) else {
            throw GraphTransportError(message: "GraphClient built an invalid URL: \(text)")
        }
        return url
    }

    /// `request` as the pipeline sees it: URL, headers, plus `Accept` (`accept`, unless set) and
    /// `Content-Type` (from the body, unless set).
    public func httpRequest(for request: GraphRequest, accept: String? = "application/json") throws -> HTTPRequest {
        var fields = request.headerFields
        if let accept, fields[.accept] == nil { fields[.accept] = accept }
        if let body = request.body, fields[.contentType] == nil { fields[.contentType] = body.contentType }
        if let length = request.body?.length, fields[.contentLength] == nil, case .stream = request.body {
            fields[.contentLength] = String(length)
        }
        return try HTTPRequest(method: request.method, graphURL: url(for: request), headerFields: fields)
    }

    /// `value` as a JSON body (JSONEncoder, slashes not escaped).
    public func jsonBody<T: Encodable>(_ value: T) throws -> GraphRequestBody {
        .json(try encodeBody(value))
    }

    // MARK: The pipeline

    /// Sends `request` through the middleware, the authorization stage and the transport, whatever the
    /// status; `work` runs on the response within the same time limit.
    func execute<Result: Sendable>(
        _ request: GraphRequest,
        accept: String? = "application/json",
        _ work: @escaping @Sendable (HTTPResponse, GraphByteStream) async throws -> Result
    ) async throws -> Result {
        let http = try httpRequest(for: request, accept: accept)
        let context = GraphRequestContext(options: request.options, logger: logger, baseURL: baseURL, allowedHosts: allowedHosts)
        let stage = AuthorizationStage(authorization: authorization, transport: transport)
        var chain: GraphNext = { request, body, context in try await stage.send(request, body: body, context: context) }
        for layer in middleware.reversed() {
            let next = chain
            chain = { request, body, context in
                try await layer.intercept(request, body: body, context: context, next: next)
            }
        }
        let pipeline = chain
        let body = request.body
        let limit: (Duration, GraphTimeoutError.Scope)? =
            request.options.timeout.map { ($0, .call) } ?? timeout.map { ($0, .client) }
        do {
            return try await Self.withTimeout(limit) {
                let (response, responseBody) = try await pipeline(http, body, context)
                return try await work(response, responseBody)
            }
        } catch let error as GraphTimeoutError {
            throw error
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw error
        }
    }

    /// Runs `operation`; when `limit` passes first, cancels it and throws `GraphTimeoutError`.
    static func withTimeout<Result: Sendable>(
        _ limit: (Duration, GraphTimeoutError.Scope)?,
        _ operation: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        guard let (duration, scope) = limit else { return try await operation() }
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: duration)
                return nil
            }
            defer { group.cancelAll() }
            do {
                guard let first = try await group.next() else { throw CancellationError() }
                guard let value = first else { throw GraphTimeoutError(scope: scope, limit: duration) }
                return value
            } catch let error as GraphTimeoutError {
                throw error
            } catch {
                if Task.isCancelled { throw CancellationError() }
                throw error
            }
        }
    }

    /// The body read whole; a non-2xx status throws `ODataError` with what the server said.
    static func buffered(_ response: HTTPResponse, _ body: GraphByteStream) async throws -> GraphResponse {
        let data = try await body.collect()
        let result = GraphResponse(status: response.status, headerFields: response.headerFields, body: data)
        guard response.status.kind == .successful else { throw ODataError(response: result) }
        return result
    }

    // MARK: Sending

    /// Sends `request`; returns the response when the status is 2xx, throws `ODataError` otherwise.
    public func send(_ request: GraphRequest) async throws -> GraphResponse {
        try await execute(request) { try await Self.buffered($0, $1) }
    }

    /// Sends `request` and decodes the 2xx body as `T`. Throws `ODataError` for a non-2xx status and
    /// `GraphDecodingError` when the body does not decode.
    public func send<T: Decodable>(_ request: GraphRequest, expecting type: T.Type) async throws -> T {
        let response = try await send(request)
        return try Self.decode(T.self, from: response)
    }

    /// Sends `request` and ignores any 2xx body (204 No Content etc.).
    public func sendNoContent(_ request: GraphRequest) async throws {
        _ = try await send(request)
    }

    /// Sends `request` and decodes `{"value": x}` as `T` (primitive and enum results); a body that is not
    /// such a wrapper is decoded as `T` itself.
    public func sendWrappedValue<T: Decodable>(_ request: GraphRequest, expecting type: T.Type) async throws -> T {
        let response = try await send(request)
        if let json = try? JSONDecoder().decode(JSONValue.self, from: response.body), let object = json.objectValue,
           object["value"] != nil, object.keys.allSatisfy({ $0 == "value" || $0.hasPrefix("@") }) {
            return try Self.decode(ValueWrapper<T>.self, from: response).value
        }
        return try Self.decode(T.self, from: response)
    }

    /// Sends `request` and returns the decoded value with the response (status, ETag, Location, ids).
    public func sendWithResponse<T: Decodable & Sendable>(_ request: GraphRequest, expecting type: T.Type) async throws -> GraphResult<T> {
        let response = try await send(request)
        return GraphResult(value: try Self.decode(T.self, from: response), response: response)
    }

    /// Sends `request` and returns the 2xx body's bytes (sent without `Accept: application/json`).
    public func download(_ request: GraphRequest) async throws -> Data {
        try await execute(request, accept: nil) { try await Self.buffered($0, $1).body }
    }

    /// Sends `request` and returns as soon as the response head is there; the body arrives as it is
    /// received. The time limit covers the head only. A non-2xx status throws `ODataError` (its body read).
    public func downloadStream(_ request: GraphRequest) async throws -> GraphDownload {
        try await execute(request, accept: nil) { response, body in
            guard response.status.kind == .successful else {
                _ = try await Self.buffered(response, body)
                throw GraphTransportError(message: "unreachable: non-2xx passed")
            }
            return GraphDownload(status: response.status, headerFields: response.headerFields, body: body)
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from response: GraphResponse) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw GraphDecodingError(statusCode: response.status.code, underlying: error, body: response.body)
        }
    }

    // MARK: The API the generated code of docgen 0.1 calls

    /// The `GraphRequest` equivalent of a `GraphHTTPRequest` (absolute URL, headers, JSON body).
    public func graphRequest(_ request: GraphHTTPRequest) throws -> GraphRequest {
        guard let method = HTTPRequest.Method(request.method.rawValue) else {
            throw GraphTransportError(message: "not an HTTP method: \(request.method.rawValue)")
        }
        var fields = HTTPFields()
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            guard let fieldName = HTTPField.Name(name) else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        return GraphRequest(method: method, url: request.url, headerFields: fields, body: request.body.map { .json($0) })
    }

    /// Sends `request` through the pipeline; returns the response when the status is 2xx, throws
    /// `ODataError` otherwise.
    public func sendRaw(_ request: GraphHTTPRequest) async throws -> GraphHTTPResponse {
        let response = try await send(graphRequest(request))
        return GraphHTTPResponse(response)
    }

    /// Sends `request` and decodes the 2xx body as `Response`.
    public func send<Response: Decodable>(_ request: GraphHTTPRequest, expecting: Response.Type) async throws -> Response {
        try await send(graphRequest(request), expecting: Response.self)
    }

    /// Sends `request` and ignores any 2xx body.
    public func send(_ request: GraphHTTPRequest) async throws {
        _ = try await send(graphRequest(request))
    }
}
