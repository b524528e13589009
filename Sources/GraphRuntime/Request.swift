import Foundation
import HTTPTypes

/// One Graph call as the generated builders describe it: method, path (or an absolute URL such as an
/// `@odata.nextLink`), query, headers, body and per-call options. `GraphClient` turns it into an
/// `HTTPRequest` and sends it through the middleware pipeline.
public struct GraphRequest: Sendable {
    /// The HTTP method.
    public var method: HTTPRequest.Method
    /// Unencoded path segments after the base URL, the API version first: ["v1.0", "users", "a b/c"].
    /// Each is percent-encoded as exactly one segment. Ignored when `url` is set.
    public var pathSegments: [String]
    /// Unencoded query items, sent in this order (encoded like `GraphClient.encodeQuery`); appended to
    /// `url`'s own query when `url` is set.
    public var queryItems: [URLQueryItem]
    /// Header fields sent with the request (the runtime adds Accept, Content-Type, client-request-id,
    /// User-Agent and Authorization when they are not set; Authorization only for allowed hosts).
    public var headerFields: HTTPFields
    /// The body, if any.
    public var body: GraphRequestBody?
    /// Per-call overrides of the client's retry, redirect and timeout settings.
    public var options: GraphRequestOptions
    /// An absolute URL that replaces base URL and path (next links, delta links, upload URLs).
    public var url: URL?

    /// A request for `pathSegments` under the client's base URL.
    public init(
        method: HTTPRequest.Method = .get,
        pathSegments: [String],
        queryItems: [URLQueryItem] = [],
        headerFields: HTTPFields = [:],
        body: GraphRequestBody? = nil,
        options: GraphRequestOptions = GraphRequestOptions()
    ) {
        self.method = method
        self.pathSegments = pathSegments
        self.queryItems = queryItems
        self.headerFields = headerFields
        self.body = body
        self.options = options
        self.url = nil
    }

    /// A request for the absolute `url` (an `@odata.nextLink`, an `@odata.deltaLink`, an upload URL).
    /// Whether it carries the token is decided by the host of `url` (see `GraphAllowedHosts`).
    public init(
        method: HTTPRequest.Method = .get,
        url: URL,
        headerFields: HTTPFields = [:],
        body: GraphRequestBody? = nil,
        options: GraphRequestOptions = GraphRequestOptions()
    ) {
        self.method = method
        self.pathSegments = []
        self.queryItems = []
        self.headerFields = headerFields
        self.body = body
        self.options = options
        self.url = url
    }

    /// The API version: the first path segment, or the first segment of `url`'s path.
    public var apiVersion: String? {
        if url == nil { return pathSegments.first }
        return url?.pathComponents.dropFirst().first
    }
}

/// A request body.
///
/// `.json` and `.bytes` are held in memory; `.file` is streamed from disk by the URLSession transport
/// (an upload task from the file) and read in chunks by other transports; `.stream` is a one-shot byte
/// sequence: it can be sent only once, so a request with it is never retried or redirected with its body.
public enum GraphRequestBody: Sendable {
    /// JSON bytes (sent with "Content-Type: application/json" unless the request sets another).
    case json(Data)
    /// Bytes of the given content type.
    case bytes(Data, contentType: String)
    /// The contents of a local file, of the given content type.
    case file(URL, contentType: String)
    /// Bytes produced once by an async sequence; `length` is sent as Content-Length when known.
    case stream(GraphByteStream, contentType: String, length: Int64?)

    /// The Content-Type this body is sent with when the request sets none.
    public var contentType: String {
        switch self {
        case .json: return "application/json"
        case .bytes(_, let type), .file(_, let type), .stream(_, let type, _): return type
        }
    }

    /// True when the body can be sent again (a retry, a 307/308 redirect): every case but `.stream`.
    public var isReplayable: Bool {
        if case .stream = self { return false }
        return true
    }

    /// The body's length in bytes when known without reading it.
    public var length: Int64? {
        switch self {
        case .json(let data), .bytes(let data, _): return Int64(data.count)
        case .file(let url, _):
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            return (attributes?[.size] as? NSNumber)?.int64Value
        case .stream(_, _, let length): return length
        }
    }

    /// The bytes in memory: the data of `.json`/`.bytes`, the file read whole, the stream collected.
    public func collect() async throws -> Data {
        switch self {
        case .json(let data), .bytes(let data, _): return data
        case .file(let url, _): return try Data(contentsOf: url)
        case .stream(let stream, _, _): return try await stream.collect()
        }
    }

    /// The body as a sequence of chunks (a file is read `chunkSize` bytes at a time).
    public func chunks(chunkSize: Int = 64 * 1024) -> GraphByteStream {
        switch self {
        case .json(let data), .bytes(let data, _): return GraphByteStream(data: data)
        case .file(let url, _): return GraphByteStream(fileAt: url, chunkSize: chunkSize)
        case .stream(let stream, _, _): return stream
        }
    }
}

/// Per-call settings; nil means "as the client is configured".
public struct GraphRequestOptions: Sendable {
    /// Retry policy for this call (`.disabled` turns retries off).
    public var retry: GraphRetryPolicy?
    /// Redirect policy for this call.
    public var redirect: GraphRedirectPolicy?
    /// Time limit for this call (every retry and redirect included); overrides the client's timeout.
    public var timeout: Duration?
    /// False sends no Authorization header even to an allowed host (pre-authenticated upload URLs).
    public var sendsAuthorization: Bool

    /// Options with the given overrides.
    public init(
        retry: GraphRetryPolicy? = nil,
        redirect: GraphRedirectPolicy? = nil,
        timeout: Duration? = nil,
        sendsAuthorization: Bool = true
    ) {
        self.retry = retry
        self.redirect = redirect
        self.timeout = timeout
        self.sendsAuthorization = sendsAuthorization
    }
}

/// A response whose body was read whole.
public struct GraphResponse: Sendable {
    /// The status.
    public var status: HTTPResponse.Status
    /// The header fields.
    public var headerFields: HTTPFields
    /// The body (empty when there is none).
    public var body: Data

    /// A response with the given parts.
    public init(status: HTTPResponse.Status, headerFields: HTTPFields = [:], body: Data = Data()) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
    }

    /// The value of header `name` (case-insensitive), nil when absent or not a valid field name.
    public func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headerFields[$0] }
    }

    /// `ETag`.
    public var etag: String? { headerFields[.eTag] }
    /// `Location`.
    public var location: String? { headerFields[.location] }
    /// Graph's `request-id`.
    public var requestID: String? { header("request-id") }
    /// The `client-request-id` the runtime sent (Graph echoes it).
    public var clientRequestID: String? { header("client-request-id") }
}

/// A decoded value together with the response it came from.
public struct GraphResult<Value: Sendable>: Sendable {
    /// The decoded body.
    public var value: Value
    /// The response (status, headers, raw body).
    public var response: GraphResponse

    /// A result of `value` and `response`.
    public init(value: Value, response: GraphResponse) {
        self.value = value
        self.response = response
    }

    /// The status.
    public var status: HTTPResponse.Status { response.status }
    /// `ETag`.
    public var etag: String? { response.etag }
    /// `Location`.
    public var location: String? { response.location }
    /// Graph's `request-id`.
    public var requestID: String? { response.requestID }
}

/// A streamed download: the response head, and the body as it arrives.
public struct GraphDownload: Sendable {
    /// The status (2xx).
    public var status: HTTPResponse.Status
    /// The header fields.
    public var headerFields: HTTPFields
    /// The body chunks, in order, as the transport receives them; iterate once.
    public var body: GraphByteStream

    /// A download with the given parts.
    public init(status: HTTPResponse.Status, headerFields: HTTPFields, body: GraphByteStream) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
    }

    /// `Content-Length`, when the server sent it.
    public var expectedLength: Int64? { headerFields[.contentLength].flatMap { Int64($0) } }
}
