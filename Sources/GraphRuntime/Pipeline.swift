import Foundation
import HTTPTypes
import Logging

/// What every middleware sees about the call besides the request: the per-call options, the client's
/// logger and base URL, and the hosts that may receive the token.
public struct GraphRequestContext: Sendable {
    /// The per-call options (nil members: the middleware's own defaults apply).
    public var options: GraphRequestOptions
    /// The client's logger.
    public var logger: Logger
    /// The client's base URL.
    public var baseURL: URL
    /// The hosts the token may go to.
    public var allowedHosts: GraphAllowedHosts

    /// A context with the given parts.
    public init(options: GraphRequestOptions, logger: Logger, baseURL: URL, allowedHosts: GraphAllowedHosts) {
        self.options = options
        self.logger = logger
        self.baseURL = baseURL
        self.allowedHosts = allowedHosts
    }
}

/// The rest of the pipeline after a middleware: the next middlewares, the authorization stage and the
/// transport.
public typealias GraphNext = @Sendable (HTTPRequest, GraphRequestBody?, GraphRequestContext) async throws -> (HTTPResponse, GraphByteStream)

/// One layer of the pipeline between the client and the transport. It may change the request, call `next`
/// any number of times (retries, redirects) or not at all, and change or replace the response.
///
/// `GraphClient.middleware` is an ordered list, first = outermost. After the last one comes the
/// authorization stage, which no middleware can skip: it adds the token only for allowed hosts and removes
/// any Authorization header from a request to another host.
public protocol GraphMiddleware: Sendable {
    /// Handles `request` (with `body`), calling `next` to send it on.
    func intercept(
        _ request: HTTPRequest,
        body: GraphRequestBody?,
        context: GraphRequestContext,
        next: GraphNext
    ) async throws -> (HTTPResponse, GraphByteStream)
}

extension HTTPField.Name {
    /// `client-request-id`: a UUID per call, kept over retries; Graph echoes it and logs it.
    public static let clientRequestID = HTTPField.Name("client-request-id")!
    /// `request-id`: Graph's id of the request.
    public static let requestID = HTTPField.Name("request-id")!
    /// `Retry-Attempt`: the retry number (1 for the first retry), as the Graph SDKs send it.
    public static let retryAttempt = HTTPField.Name("Retry-Attempt")!
}

/// Sets `client-request-id` to a new UUID on each call that does not set one (outside the retry
/// middleware, so every retry of a call carries the same id).
public struct GraphClientRequestIDMiddleware: GraphMiddleware {
    /// The middleware.
    public init() {}

    public func intercept(
        _ request: HTTPRequest, body: GraphRequestBody?, context: GraphRequestContext, next: GraphNext
    ) async throws -> (HTTPResponse, GraphByteStream) {
        var request = request
        if request.headerFields[.clientRequestID] == nil {
            request.headerFields[.clientRequestID] = UUID().uuidString.lowercased()
        }
        return try await next(request, body, context)
    }
}

/// Names the runtime in `User-Agent` ("GraphRuntime/0.2.0 (docgen; Swift)"), appended to a User-Agent the
/// request already has.
public struct GraphUserAgentMiddleware: GraphMiddleware {
    /// The product token added.
    public var product: String

    /// The middleware adding `product`.
    public init(product: String = GraphRuntimeInfo.userAgent) { self.product = product }

    public func intercept(
        _ request: HTTPRequest, body: GraphRequestBody?, context: GraphRequestContext, next: GraphNext
    ) async throws -> (HTTPResponse, GraphByteStream) {
        var request = request
        if let existing = request.headerFields[.userAgent] {
            if !existing.contains(product) { request.headerFields[.userAgent] = existing + " " + product }
        } else {
            request.headerFields[.userAgent] = product
        }
        return try await next(request, body, context)
    }
}

/// The runtime's name and version.
public enum GraphRuntimeInfo {
    /// The runtime's version.
    public static let version = "0.2.0"
    /// The User-Agent product token.
    public static let userAgent = "GraphRuntime/\(version) (docgen; Swift)"
}
