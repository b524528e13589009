import Foundation
import HTTPTypes
import Logging
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Builds, sends and decodes Microsoft Graph requests. The generated API modules call this.
///
/// A call goes: `GraphRequest` → `HTTPRequest` (URL encoded, Accept and Content-Type added) → the
/// `middleware`, first to last (by default client-request-id, User-Agent, retry, redirect, logging) → the
/// authorization stage (the token only for allowed hosts) → `transport`. The whole call is bounded by the
/// call's timeout, else the client's.
public struct GraphClient: Sendable {
    /// Scheme, host and optional path prefix that request paths are appended to.
    public let baseURL: URL
    /// Where requests go.
    public let transport: any GraphTransport
    /// Produces the complete "Authorization" header value (e.g. "Bearer eyJ0…"); nil sends none.
    public let authorization: (@Sendable () async throws -> String)?
    /// The hosts the token may go to besides the base URL's origin.
    public var allowedHosts: GraphAllowedHosts
    /// The pipeline, outermost first. Insert your own middleware or replace these.
    public var middleware: [any GraphMiddleware]
    /// The time limit of each call (retries and redirects included) when the call sets none; nil: none.
    public var timeout: Duration?
    /// Where the logging middleware and the retry middleware write.
    public var logger: Logger

    /// The Graph host of the public cloud.
    public static let defaultBaseURL = URL(string: "https://graph.microsoft.com")!

    /// A client for `baseURL` sending through `transport`. `authorization` returns the complete header value
    /// (scheme included, e.g. "Bearer …") and is called once per request to an allowed host.
    public init(
        baseURL: URL = GraphClient.defaultBaseURL,
        transport: any GraphTransport = URLSessionTransport.shared,
        authorization: (@Sendable () async throws -> String)? = nil,
        allowedHosts: GraphAllowedHosts = GraphAllowedHosts(),
        middleware: [any GraphMiddleware] = GraphClient.defaultMiddleware(),
        timeout: Duration? = .seconds(100),
        logger: Logger = Logger(label: "GraphRuntime")
    ) {
        self.baseURL = baseURL
        self.transport = transport
        self.authorization = authorization
        self.allowedHosts = allowedHosts
        self.middleware = middleware
        self.timeout = timeout
        self.logger = logger
    }

    /// The default pipeline: client-request-id, User-Agent, retry (`retry`), redirects (`redirect`),
    /// logging (`logging`), outermost first.
    public static func defaultMiddleware(
        retry: GraphRetryPolicy = .default,
        redirect: GraphRedirectPolicy = .default,
        logging: GraphLoggingOptions = GraphLoggingOptions()
    ) -> [any GraphMiddleware] {
        [
            GraphClientRequestIDMiddleware(),
            GraphUserAgentMiddleware(),
            GraphRetryMiddleware(policy: retry),
            GraphRedirectMiddleware(policy: redirect),
            GraphLoggingMiddleware(options: logging),
        ]
    }

    // MARK: Building requests

    /// Bytes left as they are in one path segment: RFC 3986 unreserved plus "$()'=,:@" (OData key syntax).
    static let pathSegmentAllowed: Set<UInt8> = unreserved.union("$()'=,:@".utf8)
    /// Bytes left as they are in a query name or value: everything that cannot end or split a name or value.
    static let queryAllowed: Set<UInt8> = unreserved.union("$()',:@/!*;?".utf8)
    private static let unreserved: Set<UInt8> =
        Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// Percent-encodes every UTF-8 byte of `text` that is not in `allowed` (uppercase hex).
    static func percentEncode(_ text: String, allowing allowed: Set<UInt8>) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if allowed.contains(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `segment` encoded as exactly one path segment. Segments made only of dots ("." and "..") are encoded
    /// too, so a value can never move the request to another path.
    public static func encodePathSegment(_ segment: String) -> String {
        if !segment.isEmpty, segment.allSatisfy({ $0 == "." }) {
            return String(repeating: "%2E", count: segment.count)
        }
        return percentEncode(segment, allowing: pathSegmentAllowed)
    }

    /// `items` as a query string without the leading "?" ("name=value&name2"), each part percent-encoded.
    public static func encodeQuery(_ items: [URLQueryItem]) -> String {
        items.map { item in
            let name = percentEncode(item.name, allowing: queryAllowed)
            guard let value = item.value else { return name }
            return name + "=" + percentEncode(value, allowing: queryAllowed)
        }.joined(separator: "&")
    }

    /// A request for `baseURL` + "/" + each segment + "?" + query (no "?" when `query` is empty).
    ///
    /// `pathSegments` are raw values, e.g. ["v1.0", "deviceManagement", "deviceConfigurations", "a b/c",
    /// "assignments", "$ref"]; each is percent-encoded as one segment ("/", "?", "#", "%", space and
    /// non-ASCII are encoded; "$", "(", ")", "'", "=", ",", ":", "@" stay).
    public func makeRequest(
        method: GraphHTTPMethod,
        pathSegments: [String],
        query: [URLQueryItem] = [],
        body: Data? = nil
    ) -> GraphHTTPRequest {
        var text = baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        for segment in pathSegments {
            text += "/" + Self.encodePathSegment(segment)
        }
        if !query.isEmpty {
            text += "?" + Self.encodeQuery(query)
        }
        guard let url = URL(string: text) else {
            preconditionFailure("GraphClient built an invalid URL from a percent-encoded path: \(text)")
        }
        return GraphHTTPRequest(method: method, url: url, headers: [:], body: body)
    }

    /// `body` as JSON (JSONEncoder, slashes not escaped).
    public func encodeBody<Body: Encodable>(_ body: Body) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try encoder.encode(body)
    }

    // MARK: Paging

    /// The page at `page.nextLink` (an absolute URL; a relative one is resolved against `baseURL`),
    /// fetched with GET; nil when there is no next link.
    public func nextPage<Element>(after page: CollectionPage<Element>) async throws -> CollectionPage<Element>? {
        guard let link = page.nextLink else { return nil }
        guard let url = URL(string: link, relativeTo: baseURL)?.absoluteURL else {
            throw GraphTransportError(message: "@odata.nextLink is not a URL: \(link)")
        }
        return try await send(GraphRequest(url: url), expecting: CollectionPage<Element>.self)
    }

    /// `first`, then every page reached by following `@odata.nextLink`, fetched lazily as the sequence is
    /// iterated. Iteration ends after the last page or after the first error.
    public func allPages<Element>(startingWith first: CollectionPage<Element>) -> CollectionPages<Element> {
        CollectionPages(client: self, first: first)
    }

    /// The elements of `first` and every following page, in order.
    public func allValues<Element>(startingWith first: CollectionPage<Element>) async throws -> [Element] {
        var values: [Element] = []
        for try await page in allPages(startingWith: first) {
            values.append(contentsOf: page.value)
        }
        return values
    }
}

/// The pages of a collection: the first page, then each `@odata.nextLink` fetched on demand.
public struct CollectionPages<Item: Codable & Hashable & Sendable>: AsyncSequence, Sendable {
    /// One page.
    public typealias Element = CollectionPage<Item>

    private let client: GraphClient
    private let first: CollectionPage<Item>

    init(client: GraphClient, first: CollectionPage<Item>) {
        self.client = client
        self.first = first
    }

    /// An iterator starting at the first page.
    public func makeAsyncIterator() -> Iterator {
        Iterator(client: client, state: .first(first))
    }

    /// Yields the first page, then fetches each next page when asked.
    public struct Iterator: AsyncIteratorProtocol, Sendable {
        enum State: Sendable {
            case first(CollectionPage<Item>)
            case after(CollectionPage<Item>)
            case finished
        }

        let client: GraphClient
        var state: State

        /// The next page; nil after the last one. After an error, iteration is over.
        public mutating func next() async throws -> CollectionPage<Item>? {
            switch state {
            case .finished:
                return nil
            case .first(let page):
                state = .after(page)
                return page
            case .after(let previous):
                state = .finished
                try Task.checkCancellation()
                guard let page = try await client.nextPage(after: previous) else { return nil }
                state = .after(page)
                return page
            }
        }
    }
}
