import Foundation
import HTTPTypes

/// An upload session as `createUploadSession` returns it (OneDrive items, mail attachments, print
/// documents): a pre-authenticated URL to send the bytes to in ranges.
public struct GraphUploadSession: Codable, Hashable, Sendable {
    /// `uploadUrl`: where the ranges go. It carries its own authentication: the runtime sends no token to it.
    public var uploadUrl: String
    /// `expirationDateTime`, as the server wrote it.
    public var expirationDateTime: String?
    /// `nextExpectedRanges`: the ranges the server still needs ("26-", "26-99"); nil or empty: from 0.
    public var nextExpectedRanges: [String]?

    /// A session with the given parts.
    public init(uploadUrl: String, expirationDateTime: String? = nil, nextExpectedRanges: [String]? = nil) {
        self.uploadUrl = uploadUrl
        self.expirationDateTime = expirationDateTime
        self.nextExpectedRanges = nextExpectedRanges
    }

    /// The first byte the server still needs (the start of the first expected range; 0 when none is given).
    public var nextOffset: Int64 {
        guard let first = nextExpectedRanges?.first, let start = first.split(separator: "-", omittingEmptySubsequences: false).first
        else { return 0 }
        return Int64(start.trimmingCharacters(in: .whitespaces)) ?? 0
    }

    /// The end (exclusive) of the first expected range, when it has one.
    var nextRangeEnd: Int64? {
        guard let first = nextExpectedRanges?.first else { return nil }
        let parts = first.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let end = Int64(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        return end + 1
    }
}

/// What is uploaded.
public enum GraphUploadSource: Sendable {
    /// A local file, read range by range.
    case file(URL)
    /// Bytes in memory.
    case data(Data)
    /// A byte stream of `length` bytes; `open(offset)` returns the stream from byte `offset` on (called
    /// once at the start and once per resume).
    case stream(length: Int64, open: @Sendable (_ offset: Int64) async throws -> GraphByteStream)

    /// The size in bytes.
    public func length() throws -> Int64 {
        switch self {
        case .file(let url):
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            return (attributes[.size] as? NSNumber)?.int64Value ?? 0
        case .data(let data): return Int64(data.count)
        case .stream(let length, _): return length
        }
    }
}

/// Progress of an upload: bytes the server has confirmed, of the total.
public struct GraphUploadProgress: Hashable, Sendable {
    /// Bytes the server has.
    public var uploaded: Int64
    /// The size of the upload.
    public var total: Int64
}

/// An upload that stopped before the end. `session` says what the server had at the last answer; pass it
/// to `GraphClient.resumeUpload`, which asks the server for its `nextExpectedRanges` and goes on.
public struct GraphUploadError: Error, CustomStringConvertible, @unchecked Sendable {
    /// The session, with the ranges last known to be expected.
    public var session: GraphUploadSession
    /// Bytes the server had confirmed.
    public var uploaded: Int64
    /// Why it stopped (`ODataError`, a transport error, `CancellationError`, `GraphTimeoutError`).
    public var underlying: any Error

    public var description: String { "upload stopped after \(uploaded) bytes: \(underlying)" }
}

extension GraphClient {
    /// Uploads `source` to `session` in ranges of `chunkSize` bytes (Graph wants a multiple of 320 KiB,
    /// except for the last range; the default is 5 × 320 KiB), starting at the session's first expected
    /// range, calling `progress` after each confirmed range. Returns the final response (200 or 201 with
    /// the created item). Throws `GraphUploadError` when a range fails.
    public func upload(
        _ source: GraphUploadSource,
        to session: GraphUploadSession,
        chunkSize: Int = 5 * 320 * 1024,
        progress: (@Sendable (GraphUploadProgress) -> Void)? = nil
    ) async throws -> GraphResponse {
        let total = try source.length()
        var session = session
        var offset = session.nextOffset
        guard let url = URL(string: session.uploadUrl) else {
            throw GraphTransportError(message: "uploadUrl is not a URL: \(session.uploadUrl)")
        }
        let reader = UploadReader(source: source)
        let chunkSize = max(1, chunkSize)
        while true {
            var length = min(Int64(chunkSize), total - offset)
            if let end = session.nextRangeEnd { length = min(length, end - offset) }
            let chunk: Data
            let response: GraphResponse
            do {
                chunk = try await reader.read(from: offset, count: Int(max(0, length)))
                var fields = HTTPFields()
                let last = offset + Int64(chunk.count) - 1
                fields[.contentRange] = "bytes \(offset)-\(last)/\(total)"
                let request = GraphRequest(
                    method: .put, url: url, headerFields: fields,
                    body: .bytes(chunk, contentType: "application/octet-stream"),
                    options: GraphRequestOptions(sendsAuthorization: false)
                )
                response = try await send(request)
            } catch {
                throw GraphUploadError(session: session, uploaded: offset, underlying: error)
            }
            if response.status.code == 200 || response.status.code == 201 {
                progress?(GraphUploadProgress(uploaded: total, total: total))
                return response
            }
            let next = try? JSONDecoder().decode(GraphUploadSession.self, from: Self.withUploadURL(response.body, session.uploadUrl))
            session.nextExpectedRanges = next?.nextExpectedRanges ?? ["\(offset + Int64(chunk.count))-"]
            if let expiry = next?.expirationDateTime { session.expirationDateTime = expiry }
            let newOffset = session.nextOffset
            progress?(GraphUploadProgress(uploaded: newOffset, total: total))
            guard newOffset < total else {
                throw GraphUploadError(session: session, uploaded: newOffset,
                                       underlying: GraphTransportError(message: "the server took every byte but did not finish the upload"))
            }
            offset = newOffset
        }
    }

    /// The session as the server has it now (a GET of the upload URL): its `nextExpectedRanges`.
    public func uploadStatus(_ session: GraphUploadSession) async throws -> GraphUploadSession {
        guard let url = URL(string: session.uploadUrl) else {
            throw GraphTransportError(message: "uploadUrl is not a URL: \(session.uploadUrl)")
        }
        let response = try await send(GraphRequest(method: .get, url: url, options: GraphRequestOptions(sendsAuthorization: false)))
        var status = try JSONDecoder().decode(GraphUploadSession.self, from: Self.withUploadURL(response.body, session.uploadUrl))
        status.uploadUrl = session.uploadUrl
        return status
    }

    /// Goes on with an upload that stopped: asks the server which ranges it still needs and sends them.
    public func resumeUpload(
        _ source: GraphUploadSource,
        session: GraphUploadSession,
        chunkSize: Int = 5 * 320 * 1024,
        progress: (@Sendable (GraphUploadProgress) -> Void)? = nil
    ) async throws -> GraphResponse {
        let status = try await uploadStatus(session)
        return try await upload(source, to: status, chunkSize: chunkSize, progress: progress)
    }

    /// Ends an upload session without finishing it (a DELETE of the upload URL).
    public func cancelUpload(_ session: GraphUploadSession) async throws {
        guard let url = URL(string: session.uploadUrl) else {
            throw GraphTransportError(message: "uploadUrl is not a URL: \(session.uploadUrl)")
        }
        _ = try await send(GraphRequest(method: .delete, url: url, options: GraphRequestOptions(sendsAuthorization: false)))
    }

    /// `body` (a JSON object, possibly without `uploadUrl`) with `uploadUrl` set, so it decodes as a session.
    static func withUploadURL(_ body: Data, _ uploadURL: String) -> Data {
        guard var object = (try? JSONDecoder().decode(JSONValue.self, from: body))?.objectValue else {
            return Data(#"{"uploadUrl":\#(jsonString(uploadURL))}"#.utf8)
        }
        if object["uploadUrl"] == nil { object["uploadUrl"] = .string(uploadURL) }
        return (try? JSONEncoder().encode(JSONValue.object(object))) ?? body
    }
}

/// Reads the ranges of an upload source in order; a stream is reopened when a range does not follow on.
private final class UploadReader: @unchecked Sendable {
    let source: GraphUploadSource
    var iterator: GraphByteStream.Iterator?
    var position: Int64 = 0
    var leftover = Data()

    init(source: GraphUploadSource) { self.source = source }

    func read(from offset: Int64, count: Int) async throws -> Data {
        switch source {
        case .data(let data):
            let start = data.startIndex + Int(offset)
            return data[start ..< min(data.endIndex, start + count)]
        case .file(let url):
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(offset))
            return try handle.read(upToCount: count) ?? Data()
        case .stream(_, let open):
            if iterator == nil || position != offset {
                iterator = try await open(offset).makeAsyncIterator()
                position = offset
                leftover = Data()
            }
            var chunk = leftover
            leftover = Data()
            while chunk.count < count, let next = try await iterator?.next() {
                chunk.append(next)
            }
            if chunk.count > count {
                leftover = chunk.subdata(in: chunk.startIndex + count ..< chunk.endIndex)
                chunk = chunk.subdata(in: chunk.startIndex ..< chunk.startIndex + count)
            }
            position += Int64(chunk.count)
            return chunk
        }
    }
}
