import Foundation

/// A non-2xx response from Graph, with the OData error body parsed when it has the usual shape
/// `{"error": {"code": "...", "message": "...", "innerError": {...}}}`.
public struct ODataError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The HTTP status code.
    public var statusCode: Int
    /// `error.code`, when the body has it.
    public var code: String?
    /// `error.message`, when the body has it.
    public var message: String?
    /// `error.innerError` (or `innererror`), when the body has it.
    public var innerError: JSONValue?
    /// The raw response body.
    public var body: Data
    /// The response headers (e.g. "Retry-After", "request-id").
    public var headers: [String: String]

    /// An error with the given parts.
    public init(
        statusCode: Int,
        code: String? = nil,
        message: String? = nil,
        innerError: JSONValue? = nil,
        body: Data = Data(),
        headers: [String: String] = [:]
    ) {
        self.statusCode = statusCode
        self.code = code
        self.message = message
        self.innerError = innerError
        self.body = body
        self.headers = headers
    }

    /// The error for `response`. A body that is empty, not JSON, or not an OData error leaves `code`,
    /// `message` and `innerError` nil.
    public init(response: GraphHTTPResponse) {
        self.init(statusCode: response.statusCode, body: response.body, headers: response.headers)
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: response.body),
              let error = json["error"], error.objectValue != nil
        else { return }
        code = error["code"]?.stringValue
        // OData v4 JSON has a string; the older verbose format has {"lang": ..., "value": ...}.
        message = error["message"]?.stringValue ?? error["message"]?["value"]?.stringValue
        innerError = error["innerError"] ?? error["innererror"]
    }

    /// The error for `response`, keeping status, headers and body as the server sent them.
    public init(response: GraphResponse) {
        self.init(response: GraphHTTPResponse(response))
    }

    /// Graph's `request-id` header, when the response has it.
    public var requestID: String? { headerValue(headers, "request-id") }
    /// The `client-request-id` header, when the response echoes it.
    public var clientRequestID: String? { headerValue(headers, "client-request-id") }
    /// `Retry-After`, when the response has it (throttling).
    public var retryAfter: String? { headerValue(headers, "Retry-After") }

    /// "HTTP 404 itemNotFound: message", or the start of the body when it is not an OData error.
    public var description: String {
        var text = "HTTP \(statusCode)"
        if let code { text += " \(code)" }
        if let message {
            text += ": \(message)"
        } else if !body.isEmpty {
            let snippet = String(decoding: body.prefix(500), as: UTF8.self)
            text += ": \(snippet)"
        }
        return text
    }
}

/// A 2xx response whose body did not decode as the expected type.
public struct GraphDecodingError: Error, CustomStringConvertible {
    /// The HTTP status code.
    public var statusCode: Int
    /// The decoder's error.
    public var underlying: any Error
    /// The raw response body.
    public var body: Data

    /// An error with the given parts.
    public init(statusCode: Int, underlying: any Error, body: Data) {
        self.statusCode = statusCode
        self.underlying = underlying
        self.body = body
    }

    /// Status, underlying error and the start of the body.
    public var description: String {
        "HTTP \(statusCode) response body did not decode: \(underlying); body: "
            + String(decoding: body.prefix(500), as: UTF8.self)
    }
}
