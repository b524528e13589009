import Foundation
import HTTPTypes

/// How redirects are followed.
public struct GraphRedirectPolicy: Sendable, Hashable {
    /// Redirects followed in one call; one more throws `GraphRedirectError.tooManyRedirects`. 0 returns the
    /// 3xx response as it is.
    public var maxRedirects: Int

    /// A policy following at most `maxRedirects` (the Graph SDKs' default: 5).
    public init(maxRedirects: Int = 5) { self.maxRedirects = maxRedirects }

    /// The default.
    public static let `default` = GraphRedirectPolicy()
    /// Redirects are not followed.
    public static let disabled = GraphRedirectPolicy(maxRedirects: 0)
}

/// A redirect that was not followed.
public enum GraphRedirectError: Error, Hashable, Sendable, CustomStringConvertible {
    /// More redirects than the policy allows; the last `Location`.
    case tooManyRedirects(limit: Int, location: String)
    /// A redirect from https to http.
    case insecureRedirect(location: String)
    /// A `Location` that is not a URL.
    case invalidLocation(String)

    public var description: String {
        switch self {
        case .tooManyRedirects(let limit, let location): return "more than \(limit) redirects (last to \(location))"
        case .insecureRedirect(let location): return "refused a redirect from https to \(location)"
        case .invalidLocation(let location): return "redirect Location is not a URL: \(location)"
        }
    }
}

/// Follows 301, 302, 303, 307 and 308. 303 turns the request into a GET without body; the others keep
/// method and body (a `.stream` body cannot be sent again: the 3xx is returned). When the host (or scheme or
/// port) changes, `Authorization` and `Cookie` are removed, and the authorization stage decides afresh
/// whether the new host gets the token. A redirect from https to http is refused.
public struct GraphRedirectMiddleware: GraphMiddleware {
    /// The policy used when the call sets none.
    public var policy: GraphRedirectPolicy

    /// The middleware with `policy`.
    public init(policy: GraphRedirectPolicy = .default) { self.policy = policy }

    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    public func intercept(
        _ request: HTTPRequest, body: GraphRequestBody?, context: GraphRequestContext, next: GraphNext
    ) async throws -> (HTTPResponse, GraphByteStream) {
        let policy = context.options.redirect ?? self.policy
        var current = request
        var currentBody = body
        var followed = 0
        while true {
            let (response, responseBody) = try await next(current, currentBody, context)
            guard Self.redirectStatuses.contains(response.status.code), policy.maxRedirects > 0,
                  let location = response.headerFields[.location]
            else { return (response, responseBody) }
            if response.status.code != 303, !(currentBody?.isReplayable ?? true) {
                return (response, responseBody)
            }
            guard followed < policy.maxRedirects else {
                throw GraphRedirectError.tooManyRedirects(limit: policy.maxRedirects, location: location)
            }
            guard let from = current.graphURL, let target = URL(string: location, relativeTo: from)?.absoluteURL,
                  let scheme = target.scheme?.lowercased(), scheme == "https" || scheme == "http"
            else { throw GraphRedirectError.invalidLocation(location) }
            if current.scheme == "https", scheme == "http" {
                throw GraphRedirectError.insecureRedirect(location: location)
            }
            var method = current.method
            if response.status.code == 303, method != .head {
                method = .get
                currentBody = nil
            }
            var nextRequest = try HTTPRequest(method: method, graphURL: target, headerFields: current.headerFields)
            if currentBody == nil {
                nextRequest.headerFields[.contentType] = nil
                nextRequest.headerFields[.contentLength] = nil
            }
            if nextRequest.scheme != current.scheme || nextRequest.authority?.lowercased() != current.authority?.lowercased() {
                nextRequest.headerFields[.authorization] = nil
                nextRequest.headerFields[.cookie] = nil
            }
            _ = responseBody
            followed += 1
            current = nextRequest
        }
    }
}
