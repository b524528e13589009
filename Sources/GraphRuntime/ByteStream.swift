import Foundation

/// A sequence of byte chunks: response bodies, streamed request bodies, upload sources. Each value is
/// meant to be iterated once (a network body cannot be read twice); one made from `Data` or a file can be
/// iterated again.
public struct GraphByteStream: AsyncSequence, Sendable {
    public typealias Element = Data

    private let makeNext: @Sendable () -> (() async throws -> Data?)

    /// Chunks produced by `makeNext()`'s function, one per call, until it returns nil.
    public init(makeNext: @escaping @Sendable () -> (() async throws -> Data?)) {
        self.makeNext = makeNext
    }

    /// The chunks of `sequence`.
    public init<S: AsyncSequence & Sendable>(_ sequence: S) where S.Element == Data {
        self.makeNext = {
            let box = IteratorBox(sequence.makeAsyncIterator())
            return { try await box.next() }
        }
    }

    /// `data` as one chunk (none when empty).
    public init(data: Data) {
        self.makeNext = {
            var pending: Data? = data.isEmpty ? nil : data
            return {
                defer { pending = nil }
                return pending
            }
        }
    }

    /// No bytes.
    public static var empty: GraphByteStream { GraphByteStream(data: Data()) }

    /// The file at `url` read `chunkSize` bytes at a time, from `offset`, at most `length` bytes.
    public init(fileAt url: URL, offset: Int64 = 0, length: Int64? = nil, chunkSize: Int = 64 * 1024) {
        self.makeNext = {
            let reader = FileChunkReader(url: url, offset: offset, length: length, chunkSize: chunkSize)
            return { try reader.next() }
        }
    }

    /// An iterator over the chunks.
    public func makeAsyncIterator() -> Iterator { Iterator(next: makeNext()) }

    /// Yields chunks until the source is exhausted.
    public struct Iterator: AsyncIteratorProtocol {
        let nextChunk: () async throws -> Data?

        init(next: @escaping () async throws -> Data?) { self.nextChunk = next }

        /// The next chunk, nil at the end.
        public mutating func next() async throws -> Data? {
            try Task.checkCancellation()
            return try await nextChunk()
        }
    }

    /// Every chunk joined; throws `GraphBodyTooLargeError` past `limit` bytes.
    public func collect(upTo limit: Int = .max) async throws -> Data {
        var data = Data()
        for try await chunk in self {
            if data.count + chunk.count > limit { throw GraphBodyTooLargeError(limit: limit) }
            data.append(chunk)
        }
        return data
    }
}

extension GraphByteStream {
    /// Reads up to `limit` bytes (or to the end) and returns them, whether the end was reached, and a stream
    /// that yields everything again: the bytes read, then the rest. Iterate the returned stream once.
    public func peek(upTo limit: Int) async throws -> (prefix: Data, complete: Bool, stream: GraphByteStream) {
        var iterator = makeAsyncIterator()
        var prefix = Data()
        var complete = false
        while prefix.count < limit {
            guard let chunk = try await iterator.next() else {
                complete = true
                break
            }
            prefix.append(chunk)
        }
        if complete { return (prefix, true, GraphByteStream(data: prefix)) }
        let rest = PrefixedIterator(prefix: prefix, rest: iterator)
        return (prefix.prefix(limit), false, GraphByteStream(makeNext: { { try await rest.next() } }))
    }
}

/// The bytes already read, then the rest of an iterator.
private final class PrefixedIterator: @unchecked Sendable {
    var prefix: Data?
    var rest: GraphByteStream.Iterator
    init(prefix: Data, rest: GraphByteStream.Iterator) {
        self.prefix = prefix.isEmpty ? nil : prefix
        self.rest = rest
    }
    func next() async throws -> Data? {
        if let prefix {
            self.prefix = nil
            return prefix
        }
        return try await rest.next()
    }
}

/// A body was longer than the limit it was collected with.
public struct GraphBodyTooLargeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The limit in bytes.
    public var limit: Int
    /// "body longer than N bytes".
    public var description: String { "body longer than \(limit) bytes" }
}

/// Holds a non-Sendable iterator so that the chunk function can call it; used by one consumer at a time.
private final class IteratorBox<Base: AsyncIteratorProtocol>: @unchecked Sendable where Base.Element == Data {
    var base: Base
    init(_ base: Base) { self.base = base }
    func next() async throws -> Data? { try await base.next() }
}

/// Reads a file in chunks, opened on the first read and closed at the end.
private final class FileChunkReader: @unchecked Sendable {
    let url: URL
    let offset: Int64
    var remaining: Int64?
    let chunkSize: Int
    var handle: FileHandle?
    var finished = false

    init(url: URL, offset: Int64, length: Int64?, chunkSize: Int) {
        self.url = url
        self.offset = offset
        self.remaining = length
        self.chunkSize = max(1, chunkSize)
    }

    deinit { try? handle?.close() }

    func next() throws -> Data? {
        if finished { return nil }
        if handle == nil {
            let opened = try FileHandle(forReadingFrom: url)
            try opened.seek(toOffset: UInt64(offset))
            handle = opened
        }
        var count = chunkSize
        if let remaining { count = Int(min(Int64(count), remaining)) }
        let data = count == 0 ? Data() : (try handle?.read(upToCount: count) ?? Data())
        if data.isEmpty {
            finished = true
            try? handle?.close()
            handle = nil
            return nil
        }
        if let remaining { self.remaining = remaining - Int64(data.count) }
        return data
    }
}
