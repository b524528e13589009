import Foundation
import HTTPTypes

extension GraphClient {
    /// The request for the page at `link` (an `@odata.nextLink` or `@odata.deltaLink`, absolute or relative to
    /// the base URL), with the header fields and options of `first`. The allowed-host rule decides from
    /// `link`'s host whether it carries the token.
    public func followUpRequest(_ link: String, after first: GraphRequest) throws -> GraphRequest {
        guard let url = URL(string: link, relativeTo: baseURL)?.absoluteURL else {
            throw GraphTransportError(message: "link is not a URL: \(link)")
        }
        return GraphRequest(method: .get, url: url, headerFields: first.headerFields, options: first.options)
    }

    /// The pages of the collection `request` returns: the first response, then each `@odata.nextLink`, fetched
    /// as the sequence is iterated, every one with `request`'s header fields and options.
    public func pages<Item>(_ request: GraphRequest, of type: Item.Type) -> GraphPages<Item> {
        GraphPages(client: self, first: request)
    }

    /// The items of every page of the collection `request` returns, in order, fetched page by page as the
    /// sequence is iterated.
    public func items<Item>(_ request: GraphRequest, of type: Item.Type) -> GraphItems<Item> {
        GraphItems(pages: pages(request, of: Item.self))
    }

    /// Runs a delta query to its end: follows `@odata.nextLink` from `request` (the first delta request, or
    /// `GraphRequest(deltaLink:)` for a stored link) until a page carries `@odata.deltaLink`, and returns the
    /// items of every page with that new link, to be stored for the next round.
    public func delta<Item: Codable & Hashable & Sendable>(_ request: GraphRequest, of type: Item.Type) async throws -> GraphDeltaResult<Item> {
        var items: [Item] = []
        for try await page in pages(request, of: Item.self) {
            items.append(contentsOf: page.value)
            if page.nextLink == nil {
                guard let deltaLink = page.deltaLink else { throw GraphDeltaError.noDeltaLink }
                return GraphDeltaResult(items: items, deltaLink: deltaLink)
            }
        }
        throw GraphDeltaError.noDeltaLink
    }

    /// Resumes a delta query from the `@odata.deltaLink` stored after the previous round: the changes since
    /// then, and the link for the next round.
    public func delta<Item: Codable & Hashable & Sendable>(
        resumingFrom deltaLink: String,
        of type: Item.Type,
        headerFields: HTTPFields = [:],
        options: GraphRequestOptions = GraphRequestOptions()
    ) async throws -> GraphDeltaResult<Item> {
        let first = GraphRequest(pathSegments: [], headerFields: headerFields, options: options)
        return try await delta(followUpRequest(deltaLink, after: first), of: Item.self)
    }
}

/// The result of one round of a delta query.
public struct GraphDeltaResult<Item: Sendable>: Sendable {
    /// The items of every page of the round (changed, added, and removed ones marked `@removed`).
    public var items: [Item]
    /// The `@odata.deltaLink` of the last page: store it to resume.
    public var deltaLink: String
}

/// A delta query that ended without a delta link.
public enum GraphDeltaError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The last page had neither `@odata.nextLink` nor `@odata.deltaLink`.
    case noDeltaLink

    public var description: String { "the last page of the delta query has no @odata.deltaLink" }
}

/// The pages of a collection, fetched on demand (see `GraphClient.pages`).
public struct GraphPages<Item: Codable & Hashable & Sendable>: AsyncSequence, Sendable {
    /// One page.
    public typealias Element = CollectionPage<Item>

    let client: GraphClient
    let first: GraphRequest

    /// An iterator that fetches the first page on its first `next()`.
    public func makeAsyncIterator() -> Iterator { Iterator(client: client, first: first, pending: first) }

    /// Fetches one page per `next()`.
    public struct Iterator: AsyncIteratorProtocol, Sendable {
        let client: GraphClient
        let first: GraphRequest
        var pending: GraphRequest?

        /// The next page; nil after the last. After an error, iteration is over.
        public mutating func next() async throws -> CollectionPage<Item>? {
            guard let request = pending else { return nil }
            pending = nil
            try Task.checkCancellation()
            let page = try await client.send(request, expecting: CollectionPage<Item>.self)
            if let link = page.nextLink {
                pending = try client.followUpRequest(link, after: first)
            }
            return page
        }
    }
}

/// The items of every page of a collection (see `GraphClient.items`).
public struct GraphItems<Item: Codable & Hashable & Sendable>: AsyncSequence, Sendable {
    /// One item.
    public typealias Element = Item

    let pages: GraphPages<Item>

    /// An iterator over the items, fetching the next page when a page is used up.
    public func makeAsyncIterator() -> Iterator { Iterator(pages: pages.makeAsyncIterator()) }

    /// Yields the items of a page, then fetches the next page.
    public struct Iterator: AsyncIteratorProtocol, Sendable {
        var pages: GraphPages<Item>.Iterator
        var buffer: [Item] = []
        var index = 0

        /// The next item; nil after the last item of the last page.
        public mutating func next() async throws -> Item? {
            while index >= buffer.count {
                guard let page = try await pages.next() else { return nil }
                buffer = page.value
                index = 0
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}

extension GraphRequest {
    /// A GET of a stored `@odata.deltaLink` (absolute).
    public init(deltaLink: URL, headerFields: HTTPFields = [:], options: GraphRequestOptions = GraphRequestOptions()) {
        self.init(method: .get, url: deltaLink, headerFields: headerFields, options: options)
    }
}
