import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes

/// The default transport: `URLSession` (FoundationNetworking on Linux, Foundation on Apple platforms).
///
/// - Responses are streamed: the head is returned as soon as it arrives and the body is handed on chunk by
///   chunk as URLSession delivers it. At most `bufferLimit` bytes wait for a slow reader; past that the
///   URLSession task is suspended until the reader catches up. A body that is dropped unread cancels its
///   task.
/// - Redirects are not followed here (the redirect middleware does, so that the allowed-host rule sees
///   every hop); a 3xx comes back as it is.
/// - `.file` bodies are streamed from disk (an upload task from the file); `.stream` bodies are collected
///   into memory first, because URLSession on Linux cannot stream a body of unknown origin.
/// - Cookies and the URL cache are off: Graph uses neither.
public final class URLSessionTransport: GraphTransport, Sendable {
    /// The transport clients use unless told otherwise.
    public static let shared = URLSessionTransport()

    /// The session requests go through (its delegate is this transport's).
    public let session: URLSession
    /// Bytes of a response body buffered for a slow reader before the task is suspended.
    public let bufferLimit: Int
    private let delegate: SessionDelegate

    /// A transport over a new session made from `configuration` (cookies and cache turned off).
    public init(configuration: URLSessionConfiguration = .default, bufferLimit: Int = 1 << 20) {
        let configuration = configuration
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let delegate = SessionDelegate()
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        self.delegate = delegate
        self.bufferLimit = max(1, bufferLimit)
        self.session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Sends `request` and returns as soon as the response head has arrived.
    public func send(_ request: HTTPRequest, body: GraphRequestBody?) async throws -> (HTTPResponse, GraphByteStream) {
        guard let url = request.graphURL else {
            throw GraphTransportError(message: "request has no scheme or authority: \(request)")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method.rawValue
        for field in request.headerFields {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name.rawName)
        }
        let task: URLSessionTask
        switch body {
        case nil:
            task = session.dataTask(with: urlRequest)
        case .json(let data), .bytes(let data, _):
            urlRequest.httpBody = data
            task = session.dataTask(with: urlRequest)
        case .file(let file, _):
            task = session.uploadTask(with: urlRequest, fromFile: file)
        case .stream(let stream, _, _):
            urlRequest.httpBody = try await stream.collect()
            task = session.dataTask(with: urlRequest)
        }
        let state = TaskState(task: task, limit: bufferLimit)
        delegate.register(state, for: task)
        do {
            let head = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    state.waitForHead(continuation)
                    task.resume()
                }
            } onCancel: {
                task.cancel()
            }
            let handle = BodyHandle(state: state)
            return (head, GraphByteStream(makeNext: { { try await handle.next() } }))
        } catch {
            task.cancel()
            if Task.isCancelled { throw CancellationError() }
            throw error
        }
    }
}

/// Keeps a response body alive while someone can still read it; when the last copy of the stream goes, the
/// URLSession task is cancelled (a no-op when it has finished).
private final class BodyHandle: Sendable {
    let state: TaskState
    init(state: TaskState) { self.state = state }
    deinit { state.task.cancel() }

    func next() async throws -> Data? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                state.nextChunk(continuation)
            }
        } onCancel: {
            state.task.cancel()
        }
    }
}

/// What one URLSession task has delivered and who waits for it. All access is behind `lock`.
private final class TaskState: @unchecked Sendable {
    let task: URLSessionTask
    let limit: Int
    private let lock = NSLock()
    private var head: Result<HTTPResponse, any Error>?
    private var headWaiter: CheckedContinuation<HTTPResponse, any Error>?
    private var chunks: [Data] = []
    private var buffered = 0
    private var end: Result<Void, any Error>?
    private var chunkWaiter: CheckedContinuation<Data?, any Error>?
    private var suspended = false

    init(task: URLSessionTask, limit: Int) {
        self.task = task
        self.limit = limit
    }

    func waitForHead(_ continuation: CheckedContinuation<HTTPResponse, any Error>) {
        let ready: Result<HTTPResponse, any Error>? = lock.withLock {
            if let head { return head }
            headWaiter = continuation
            return nil
        }
        if let ready { continuation.resume(with: ready) }
    }

    func received(_ response: URLResponse) {
        let result: Result<HTTPResponse, any Error>
        if let http = response as? HTTPURLResponse {
            result = .success(HTTPResponse(http))
        } else {
            result = .failure(GraphTransportError(message: "response to \(task.originalRequest?.url?.absoluteString ?? "?") is not HTTP"))
        }
        deliverHead(result)
    }

    private func deliverHead(_ result: Result<HTTPResponse, any Error>) {
        let waiter: CheckedContinuation<HTTPResponse, any Error>? = lock.withLock {
            guard head == nil else { return nil }
            head = result
            defer { headWaiter = nil }
            return headWaiter
        }
        waiter?.resume(with: result)
    }

    func received(_ data: Data) {
        let waiter: CheckedContinuation<Data?, any Error>? = lock.withLock {
            if let chunkWaiter {
                self.chunkWaiter = nil
                return chunkWaiter
            }
            chunks.append(data)
            buffered += data.count
            if buffered > limit, !suspended {
                suspended = true
                task.suspend()
            }
            return nil
        }
        waiter?.resume(returning: data)
    }

    func completed(_ error: (any Error)?) {
        deliverHead(.failure(error ?? GraphTransportError(message: "connection closed before a response")))
        let waiter: CheckedContinuation<Data?, any Error>? = lock.withLock {
            end = error.map { .failure($0) } ?? .success(())
            defer { chunkWaiter = nil }
            return chunkWaiter
        }
        if let waiter {
            if let error { waiter.resume(throwing: error) } else { waiter.resume(returning: nil) }
        }
    }

    func nextChunk(_ continuation: CheckedContinuation<Data?, any Error>) {
        enum Answer { case chunk(Data), end(Result<Void, any Error>), wait }
        let answer: Answer = lock.withLock {
            if !chunks.isEmpty {
                let chunk = chunks.removeFirst()
                buffered -= chunk.count
                if suspended, buffered <= limit / 2 {
                    suspended = false
                    task.resume()
                }
                return .chunk(chunk)
            }
            if let end { return .end(end) }
            if suspended {
                suspended = false
                task.resume()
            }
            chunkWaiter = continuation
            return .wait
        }
        switch answer {
        case .chunk(let chunk): continuation.resume(returning: chunk)
        case .end(.success): continuation.resume(returning: nil)
        case .end(.failure(let error)): continuation.resume(throwing: error)
        case .wait: break
        }
    }
}

/// Routes URLSession's delegate calls to the task's state.
private final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var states: [Int: TaskState] = [:]

    func register(_ state: TaskState, for task: URLSessionTask) {
        lock.withLock { states[task.taskIdentifier] = state }
    }

    private func state(_ task: URLSessionTask) -> TaskState? {
        lock.withLock { states[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        state(dataTask)?.received(response)
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        state(dataTask)?.received(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let finished = lock.withLock { states.removeValue(forKey: task.taskIdentifier) }
        finished?.completed(error)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

extension HTTPResponse {
    /// The status and header fields of `response`.
    init(_ response: HTTPURLResponse) {
        var fields = HTTPFields()
        for (key, value) in response.allHeaderFields {
            guard let name = HTTPField.Name(String(describing: key)) else { continue }
            fields.append(HTTPField(name: name, value: String(describing: value)))
        }
        self.init(status: HTTPResponse.Status(code: response.statusCode), headerFields: fields)
    }
}
