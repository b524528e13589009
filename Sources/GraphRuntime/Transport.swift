import Foundation
import HTTPTypes

/// The last layer: puts one HTTP request on the wire and returns the response head and a body stream,
/// whatever the status. It must not follow redirects itself (the redirect middleware does, so that the
/// allowed-host rule sees every hop) and throws only when no response arrived.
///
/// `request` carries scheme, authority and path (query included). Implementations: `URLSessionTransport`
/// (the default), `GraphOpenAPITransport` (any swift-openapi-runtime `ClientTransport`), or your own.
public protocol GraphTransport: Sendable {
    /// Sends `request` with `body` and returns the response head and its body.
    func send(_ request: HTTPRequest, body: GraphRequestBody?) async throws -> (HTTPResponse, GraphByteStream)
}

/// Thrown when a transport or the runtime cannot make or read a request.
public struct GraphTransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// An error with `message`.
    public init(message: String) { self.message = message }

    /// `message`.
    public var description: String { message }
}

extension HTTPRequest {
    /// `scheme://authority/path?query` as a URL; nil when scheme or authority is missing.
    public var graphURL: URL? {
        guard let scheme, let authority else { return nil }
        return URL(string: "\(scheme)://\(authority)\(path ?? "/")")
    }

    /// A request for `url` (scheme, authority, percent-encoded path and query taken as they are).
    public init(method: Method, graphURL url: URL, headerFields: HTTPFields = [:]) throws {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true),
              let scheme = components.scheme, let host = components.percentEncodedHost, !host.isEmpty
        else { throw GraphTransportError(message: "not an absolute http(s) URL: \(url.absoluteString)") }
        var authority = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        if let port = components.port { authority += ":\(port)" }
        var path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        if let query = components.percentEncodedQuery { path += "?" + query }
        self.init(method: method, scheme: scheme.lowercased(), authority: authority, path: path, headerFields: headerFields)
    }
}
