import Foundation
import HTTPTypes
import Logging

/// When and how long to wait before sending a throttled request again.
public struct GraphRetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt (0: none).
    public var maxRetries: Int
    /// The first backoff delay, doubled on each retry, when the response has no `Retry-After`.
    public var baseDelay: Duration
    /// The longest single backoff delay (a `Retry-After` longer than the remaining total ends retrying).
    public var maxDelay: Duration
    /// The most time spent waiting between attempts over the whole call; a wait that would pass it is not
    /// made and the last response is returned.
    public var maxTotalDelay: Duration
    /// Statuses that are retried.
    public var statuses: Set<Int>
    /// Random extra backoff, as a fraction of the delay (0.25: up to 25 % more).
    public var jitter: Double

    /// A policy with the given limits. The defaults are the Graph SDKs': 3 retries, 3 s doubling, 429, 503
    /// and 504.
    public init(
        maxRetries: Int = 3,
        baseDelay: Duration = .seconds(3),
        maxDelay: Duration = .seconds(180),
        maxTotalDelay: Duration = .seconds(180),
        statuses: Set<Int> = [429, 503, 504],
        jitter: Double = 0.25
    ) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotalDelay = maxTotalDelay
        self.statuses = statuses
        self.jitter = jitter
    }

    /// The defaults.
    public static let `default` = GraphRetryPolicy()
    /// No retries.
    public static let disabled = GraphRetryPolicy(maxRetries: 0)

    /// The wait before retry number `retry` (1-based) after `response`: its `Retry-After` (seconds or an
    /// HTTP date, relative to `now`), else `baseDelay * 2^(retry-1)` plus jitter, at most `maxDelay`.
    public func delay(before retry: Int, after response: HTTPResponse, now: Date = Date()) -> Duration {
        if let header = response.headerFields[.retryAfter], let seconds = Self.retryAfterSeconds(header, now: now) {
            return .milliseconds(Int64((seconds * 1000).rounded(.up)))
        }
        let exponent = Double(1 << min(max(retry - 1, 0), 30))
        let base = baseDelay.seconds * exponent
        let withJitter = base + base * max(0, jitter) * Double.random(in: 0..<1)
        return .milliseconds(Int64((min(withJitter, maxDelay.seconds) * 1000).rounded(.up)))
    }

    /// `Retry-After` in seconds: a non-negative number, or an HTTP date (IMF-fixdate, RFC 850 or asctime)
    /// minus `now` (0 when in the past); nil when it is neither.
    public static func retryAfterSeconds(_ value: String, now: Date = Date()) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0, seconds.isFinite { return seconds }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) {
                return max(0, date.timeIntervalSince(now))
            }
        }
        return nil
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// Sends a request again after 429, 503 or 504, waiting as `Retry-After` says or with exponential backoff
/// and jitter, within the policy's count and total-delay limits. Each retry carries `Retry-Attempt: n`.
/// A request whose body cannot be sent again (`.stream`) is not retried. The call's
/// `GraphRequestOptions.retry` overrides the policy given here.
public struct GraphRetryMiddleware: GraphMiddleware {
    /// The policy used when the call sets none.
    public var policy: GraphRetryPolicy

    /// The middleware with `policy`.
    public init(policy: GraphRetryPolicy = .default) { self.policy = policy }

    public func intercept(
        _ request: HTTPRequest, body: GraphRequestBody?, context: GraphRequestContext, next: GraphNext
    ) async throws -> (HTTPResponse, GraphByteStream) {
        let policy = context.options.retry ?? self.policy
        var attempt = request
        var retry = 0
        var waited = Duration.zero
        while true {
            let (response, responseBody) = try await next(attempt, body, context)
            guard policy.statuses.contains(response.status.code), retry < policy.maxRetries,
                  body?.isReplayable ?? true
            else { return (response, responseBody) }
            retry += 1
            let delay = policy.delay(before: retry, after: response)
            guard waited + delay <= policy.maxTotalDelay else {
                context.logger.debug("not retrying: the wait would pass the total delay limit", metadata: [
                    "status": "\(response.status.code)", "delay_ms": "\(delay.milliseconds)",
                ])
                return (response, responseBody)
            }
            context.logger.debug("retrying after \(response.status.code)", metadata: [
                "retry": "\(retry)", "delay_ms": "\(delay.milliseconds)",
                "client-request-id": "\(request.headerFields[.clientRequestID] ?? "")",
            ])
            _ = responseBody  // dropped: the transport cancels an unread body
            try await Task.sleep(for: delay)
            waited += delay
            attempt.headerFields[.retryAttempt] = String(retry)
        }
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 {
        let parts = components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}
