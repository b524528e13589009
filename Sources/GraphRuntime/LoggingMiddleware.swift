import Foundation
import HTTPTypes
import Logging

/// What the logging middleware writes besides method, URL path, status, duration and the two request ids.
public struct GraphLoggingOptions: Sendable, Hashable {
    /// The level of the request and response lines (debug: silent under swift-log's default handler).
    public var level: Logger.Level
    /// Log the URL's query (it may hold personal data, e.g. a `$filter` on a mail address).
    public var includeQuery: Bool
    /// Log header fields. `Authorization`, `Cookie` and `Set-Cookie` are always written as "<redacted>".
    public var includeHeaders: Bool
    /// Log bodies held in memory (request `.json`/`.bytes`; responses up to `maxBodyBytes`, buffered for
    /// that): off by default, since bodies carry personal data.
    public var includeBodies: Bool
    /// The most body bytes logged (and, for responses, buffered).
    public var maxBodyBytes: Int

    /// Options with the given settings.
    public init(
        level: Logger.Level = .debug,
        includeQuery: Bool = false,
        includeHeaders: Bool = false,
        includeBodies: Bool = false,
        maxBodyBytes: Int = 16 * 1024
    ) {
        self.level = level
        self.includeQuery = includeQuery
        self.includeHeaders = includeHeaders
        self.includeBodies = includeBodies
        self.maxBodyBytes = maxBodyBytes
    }
}

/// Writes one line per HTTP exchange to the client's logger (innermost by default, so each retry and
/// redirect is a line of its own). Tokens are never written; bodies only when asked.
public struct GraphLoggingMiddleware: GraphMiddleware {
    /// What is written.
    public var options: GraphLoggingOptions

    /// The middleware with `options`.
    public init(options: GraphLoggingOptions = GraphLoggingOptions()) { self.options = options }

    static let redacted: Set<HTTPField.Name> = [.authorization, .cookie, .setCookie, .proxyAuthorization]

    func describe(_ fields: HTTPFields) -> String {
        fields.map { field in
            "\(field.name.canonicalName): \(Self.redacted.contains(field.name) ? "<redacted>" : field.value)"
        }.joined(separator: "; ")
    }

    func describe(_ request: HTTPRequest) -> String {
        var path = request.path ?? "/"
        if !options.includeQuery, let question = path.firstIndex(of: "?") { path = String(path[..<question]) }
        return "\(request.method) \(request.scheme ?? "")://\(request.authority ?? "")\(path)"
    }

    public func intercept(
        _ request: HTTPRequest, body: GraphRequestBody?, context: GraphRequestContext, next: GraphNext
    ) async throws -> (HTTPResponse, GraphByteStream) {
        let logger = context.logger
        let level = options.level
        guard logger.logLevel <= level else { return try await next(request, body, context) }
        var metadata: Logger.Metadata = ["client-request-id": "\(request.headerFields[.clientRequestID] ?? "")"]
        if options.includeHeaders { metadata["headers"] = "\(describe(request.headerFields))" }
        if options.includeBodies, let body {
            switch body {
            case .json(let data), .bytes(let data, _):
                metadata["body"] = "\(String(decoding: data.prefix(options.maxBodyBytes), as: UTF8.self))"
            case .file(let url, _): metadata["body"] = "<file \(url.lastPathComponent)>"
            case .stream: metadata["body"] = "<stream>"
            }
        }
        logger.log(level: level, "→ \(describe(request))", metadata: metadata)
        let start = ContinuousClock.now
        do {
            let (response, responseBody) = try await next(request, body, context)
            var responseMetadata: Logger.Metadata = [
                "status": "\(response.status.code)",
                "duration_ms": "\((ContinuousClock.now - start).milliseconds)",
                "client-request-id": "\(request.headerFields[.clientRequestID] ?? "")",
                "request-id": "\(response.headerFields[.requestID] ?? "")",
            ]
            if options.includeHeaders { responseMetadata["headers"] = "\(describe(response.headerFields))" }
            var passedBody = responseBody
            if options.includeBodies {
                let (prefix, complete, stream) = try await responseBody.peek(upTo: options.maxBodyBytes)
                responseMetadata["body"] = "\(String(decoding: prefix, as: UTF8.self))\(complete ? "" : "…")"
                passedBody = stream
            }
            logger.log(level: level, "← \(response.status.code) \(describe(request))", metadata: responseMetadata)
            return (response, passedBody)
        } catch {
            logger.log(level: level, "✕ \(describe(request)): \(type(of: error))", metadata: [
                "duration_ms": "\((ContinuousClock.now - start).milliseconds)",
                "client-request-id": "\(request.headerFields[.clientRequestID] ?? "")",
            ])
            throw error
        }
    }
}
