import Foundation
import HTTPTypes

/// Requests to send together through Graph's JSON batching (`POST /{version}/$batch`).
///
/// Add requests built as for single calls (a `GraphRequest` from path segments, or the request a generated
/// builder makes); `GraphClient.send(_:options:)` sends them 20 to a batch (Graph's limit), splitting a
/// larger set and keeping every request in the batch of the requests it depends on, retries items that
/// were throttled, and returns every item's own response.
public struct GraphBatch: Sendable {
    struct Step: Sendable {
        var id: String
        var request: GraphRequest
        var dependsOn: [String]
    }

    private(set) var steps: [Step] = []

    /// An empty batch.
    public init() {}

    /// The number of requests.
    public var count: Int { steps.count }

    /// Adds `request`, whose response decodes as `T`, to run after the requests `dependsOn` (Graph runs a
    /// request whose dependency failed not at all: its status is 424). Ids are "1", "2", … in order.
    @discardableResult
    public mutating func add<T: Decodable>(
        _ request: GraphRequest,
        expecting type: T.Type,
        dependsOn: [GraphBatchID] = []
    ) -> GraphBatchHandle<T> {
        let id = String(steps.count + 1)
        steps.append(Step(id: id, request: request, dependsOn: dependsOn.map(\.id)))
        return GraphBatchHandle(id: id)
    }

    /// Adds `request`, whose response body is not decoded (see `GraphBatchResponses.response(for:)`).
    @discardableResult
    public mutating func add(_ request: GraphRequest, dependsOn: [GraphBatchID] = []) -> GraphBatchID {
        let id = String(steps.count + 1)
        steps.append(Step(id: id, request: request, dependsOn: dependsOn.map(\.id)))
        return GraphBatchID(id: id)
    }
}

/// The id of a request in a batch.
public struct GraphBatchID: Hashable, Sendable {
    /// The id sent in the batch.
    public let id: String
}

/// The id of a request in a batch, with the type its response decodes to.
public struct GraphBatchHandle<T: Decodable>: Hashable, Sendable {
    /// The id sent in the batch.
    public let id: String
    /// The untyped id (for `dependsOn`).
    public var batchID: GraphBatchID { GraphBatchID(id: id) }
}

/// How a batch is sent.
public struct GraphBatchOptions: Sendable {
    /// Requests per `$batch` call (Graph accepts at most 20).
    public var maxRequestsPerBatch: Int
    /// Rounds of resending items answered with a retried status (429, 503, 504) and the wait between them
    /// (the longest `Retry-After` of the items, else backoff). The `$batch` call itself goes through the
    /// client's retry middleware as every call does.
    public var itemRetry: GraphRetryPolicy
    /// Options of each `$batch` call.
    public var requestOptions: GraphRequestOptions

    /// Options with the given settings.
    public init(maxRequestsPerBatch: Int = 20, itemRetry: GraphRetryPolicy = .default, requestOptions: GraphRequestOptions = GraphRequestOptions()) {
        self.maxRequestsPerBatch = max(1, min(20, maxRequestsPerBatch))
        self.itemRetry = itemRetry
        self.requestOptions = requestOptions
    }
}

/// A batch that cannot be sent as given.
public enum GraphBatchError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Requests linked by `dependsOn` must share one `$batch` call, and these are more than fit in one.
    case dependencyGroupTooLarge(ids: [String], limit: Int)
    /// A `dependsOn` names no request of the batch.
    case unknownDependency(id: String, dependsOn: String)
    /// The requests are for different API versions (one `$batch` call serves one version).
    case mixedAPIVersions([String])
    /// A request for an absolute URL outside the client's base URL and API version.
    case notBatchable(id: String, url: String)
    /// The `$batch` response has no response for this request.
    case missingResponse(id: String)

    public var description: String {
        switch self {
        case .dependencyGroupTooLarge(let ids, let limit): return "requests \(ids.joined(separator: ", ")) depend on each other and are more than \(limit)"
        case .unknownDependency(let id, let dependsOn): return "request \(id) depends on \(dependsOn), which is not in the batch"
        case .mixedAPIVersions(let versions): return "a batch serves one API version, these requests use \(versions.joined(separator: ", "))"
        case .notBatchable(let id, let url): return "request \(id) (\(url)) is not under the client's base URL"
        case .missingResponse(let id): return "the $batch response has no response for request \(id)"
        }
    }
}

/// Every item's response, by id.
public struct GraphBatchResponses: Sendable {
    /// The responses by request id.
    public var responses: [String: GraphResponse]
    /// How many `$batch` calls were made (retries of throttled items included).
    public var batchCalls: Int

    /// The response to the request `id`.
    public func response(for id: GraphBatchID) -> GraphResponse? { responses[id.id] }

    /// The value of the request `handle`: its body decoded as `T` when its status is 2xx; its own
    /// `ODataError` otherwise.
    public func value<T: Decodable>(_ handle: GraphBatchHandle<T>) throws -> T {
        guard let response = responses[handle.id] else { throw GraphBatchError.missingResponse(id: handle.id) }
        guard response.status.kind == .successful else { throw ODataError(response: response) }
        return try GraphClient.decode(T.self, from: response)
    }

    /// The request `handle` succeeded (or throws its `ODataError`); for requests without a decoded body.
    public func check(_ id: GraphBatchID) throws {
        guard let response = responses[id.id] else { throw GraphBatchError.missingResponse(id: id.id) }
        guard response.status.kind == .successful else { throw ODataError(response: response) }
    }
}

extension GraphClient {
    /// Sends `batch` through `$batch` calls of at most `options.maxRequestsPerBatch` requests (requests linked
    /// by `dependsOn` share a call; the calls go one after the other), resends the items answered 429, 503 or
    /// 504 (with the items that failed with 424 because they depended on them) as `options.itemRetry` allows,
    /// and returns every item's response. Throws only when a `$batch` call itself fails.
    public func send(_ batch: GraphBatch, options: GraphBatchOptions = GraphBatchOptions()) async throws -> GraphBatchResponses {
        let steps = batch.steps
        let known = Set(steps.map(\.id))
        for step in steps {
            for dependency in step.dependsOn where !known.contains(dependency) {
                throw GraphBatchError.unknownDependency(id: step.id, dependsOn: dependency)
            }
        }
        let versions = Set(steps.compactMap { $0.request.apiVersion })
        guard versions.count <= 1 else { throw GraphBatchError.mixedAPIVersions(versions.sorted()) }
        guard let version = versions.first else { return GraphBatchResponses(responses: [:], batchCalls: 0) }

        var responses: [String: GraphResponse] = [:]
        var calls = 0
        var pending = steps
        var round = 0
        var waited = Duration.zero
        while true {
            for chunk in try Self.chunks(of: pending, limit: options.maxRequestsPerBatch) {
                let answers = try await sendBatchCall(chunk, version: version, options: options.requestOptions)
                calls += 1
                for step in chunk {
                    guard let answer = answers[step.id] else { throw GraphBatchError.missingResponse(id: step.id) }
                    responses[step.id] = answer
                }
            }
            // Throttled items, and the items that failed only because they depended on one.
            let policy = options.itemRetry
            var retried = Set(pending.filter { policy.statuses.contains(responses[$0.id]?.status.code ?? 0) }.map(\.id))
            guard !retried.isEmpty, round < policy.maxRetries else { break }
            var grew = true
            while grew {
                grew = false
                for step in pending where !retried.contains(step.id) && responses[step.id]?.status.code == 424
                    && step.dependsOn.contains(where: retried.contains) {
                    retried.insert(step.id)
                    grew = true
                }
            }
            round += 1
            var delay = Duration.zero
            for id in retried {
                guard let response = responses[id] else { continue }
                let head = HTTPResponse(status: response.status, headerFields: response.headerFields)
                delay = max(delay, policy.delay(before: round, after: head))
            }
            guard waited + delay <= policy.maxTotalDelay else { break }
            try await Task.sleep(for: delay)
            waited += delay
            pending = pending.filter { retried.contains($0.id) }.map { step in
                var step = step
                step.dependsOn = step.dependsOn.filter(retried.contains)
                return step
            }
        }
        return GraphBatchResponses(responses: responses, batchCalls: calls)
    }

    /// `steps` in groups of at most `limit`, in order, each group holding whole `dependsOn` components.
    static func chunks(of steps: [GraphBatch.Step], limit: Int) throws -> [[GraphBatch.Step]] {
        var parent: [String: String] = [:]
        func root(_ id: String) -> String {
            var id = id
            while let up = parent[id], up != id { id = up }
            return id
        }
        for step in steps { parent[step.id] = step.id }
        for step in steps {
            for dependency in step.dependsOn where parent[dependency] != nil {
                let (a, b) = (root(step.id), root(dependency))
                if a != b { parent[a] = b }
            }
        }
        var components: [[GraphBatch.Step]] = []
        var index: [String: Int] = [:]
        for step in steps {
            let key = root(step.id)
            if let position = index[key] {
                components[position].append(step)
            } else {
                index[key] = components.count
                components.append([step])
            }
        }
        var chunks: [[GraphBatch.Step]] = []
        var current: [GraphBatch.Step] = []
        for component in components {
            guard component.count <= limit else {
                throw GraphBatchError.dependencyGroupTooLarge(ids: component.map(\.id), limit: limit)
            }
            if current.count + component.count > limit {
                chunks.append(current)
                current = []
            }
            current += component
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    /// The URL of `step` relative to the version ("/users/a?$select=id"), as `$batch` wants it.
    func batchURL(of step: GraphBatch.Step, version: String) throws -> String {
        var request = step.request
        if let absolute = request.url {
            let url = try self.url(for: request)
            let prefix = try self.url(for: GraphRequest(pathSegments: [version])).absoluteString
            let text = url.absoluteString
            guard text.hasPrefix(prefix + "/") || text.hasPrefix(prefix + "?") else {
                throw GraphBatchError.notBatchable(id: step.id, url: absolute.absoluteString)
            }
            return String(text.dropFirst(prefix.count))
        }
        request.pathSegments = Array(request.pathSegments.dropFirst())
        var text = request.pathSegments.map { "/" + Self.encodePathSegment($0) }.joined()
        if text.isEmpty { text = "/" }
        if !request.queryItems.isEmpty { text += "?" + Self.encodeQuery(request.queryItems) }
        return text
    }

    /// One `$batch` call; the responses by id.
    func sendBatchCall(_ steps: [GraphBatch.Step], version: String, options: GraphRequestOptions) async throws -> [String: GraphResponse] {
        var text = #"{"requests":["#
        for (offset, step) in steps.enumerated() {
            if offset > 0 { text += "," }
            var members: [String] = [
                #""id":"# + Self.jsonString(step.id),
                #""method":"# + Self.jsonString(step.request.method.rawValue),
                #""url":"# + Self.jsonString(try batchURL(of: step, version: version)),
            ]
            var headers = step.request.headerFields
            headers[.authorization] = nil
            var bodyText: String?
            if let body = step.request.body {
                if headers[.contentType] == nil { headers[.contentType] = body.contentType }
                switch body {
                case .json(let data):
                    bodyText = String(decoding: data, as: UTF8.self)
                default:
                    bodyText = Self.jsonString(try await body.collect().base64EncodedString())
                }
            }
            if !headers.isEmpty {
                let pairs = headers.map { Self.jsonString($0.name.rawName) + ":" + Self.jsonString($0.value) }
                members.append(#""headers":{"# + pairs.joined(separator: ",") + "}")
            }
            if let bodyText { members.append(#""body":"# + bodyText) }
            if !step.dependsOn.isEmpty {
                members.append(#""dependsOn":["# + step.dependsOn.map(Self.jsonString).joined(separator: ",") + "]")
            }
            text += "{" + members.joined(separator: ",") + "}"
        }
        text += "]}"
        let request = GraphRequest(method: .post, pathSegments: [version, "$batch"], body: .json(Data(text.utf8)), options: options)
        let response = try await send(request)
        let envelope: JSONValue
        do {
            envelope = try JSONDecoder().decode(JSONValue.self, from: response.body)
        } catch {
            throw GraphDecodingError(statusCode: response.status.code, underlying: error, body: response.body)
        }
        guard case .array(let items)? = envelope["responses"] else {
            throw GraphDecodingError(statusCode: response.status.code, underlying: GraphTransportError(message: "no responses array"), body: response.body)
        }
        var answers: [String: GraphResponse] = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        for item in items {
            guard let id = item["id"]?.stringValue, case .integer(let status)? = item["status"] else { continue }
            var fields = HTTPFields()
            for (name, value) in (item["headers"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let fieldName = HTTPField.Name(name), let value = value.stringValue else { continue }
                fields.append(HTTPField(name: fieldName, value: value))
            }
            var body = Data()
            switch item["body"] {
            case nil, .null?: break
            case .string(let text)?:
                let isJSON = fields[.contentType]?.lowercased().contains("json") ?? false
                if !isJSON, let decoded = Data(base64Encoded: text) {
                    body = decoded
                } else {
                    body = try encoder.encode(JSONValue.string(text))
                }
            case let value?:
                body = try encoder.encode(value)
            }
            answers[id] = GraphResponse(status: HTTPResponse.Status(code: Int(status)), headerFields: fields, body: body)
        }
        return answers
    }

    static func jsonString(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}
