import Foundation
import HTTPTypes

/// The hosts that may receive the token.
///
/// A request carries `Authorization` only when its URL has the client's base-URL origin (scheme, host and
/// port, compared case-insensitively), or is https to one of `hosts` (Graph's national clouds unless
/// turned off, plus the hosts you add). Every other request — an `@odata.nextLink`, a redirect, an upload
/// URL, a `GraphRequest(url:)` to another host — is sent without a token: the header is removed, also
/// when the request or a middleware set it. That stage comes after every middleware, so none can bypass it.
public struct GraphAllowedHosts: Sendable, Hashable {
    /// Host names (lowercase) that get the token over https, besides the base URL's host.
    public var hosts: Set<String>

    /// Graph's public and national-cloud hosts.
    public static let nationalClouds: Set<String> = [
        "graph.microsoft.com",
        "graph.microsoft.us",
        "dod-graph.microsoft.us",
        "graph.microsoft.de",
        "microsoftgraph.chinacloudapi.cn",
        "canary.graph.microsoft.com",
    ]

    /// The national clouds (when `includingNationalClouds`) plus `additional`.
    public init(_ additional: [String] = [], includingNationalClouds: Bool = true) {
        var hosts = includingNationalClouds ? Self.nationalClouds : []
        for host in additional { hosts.insert(host.lowercased()) }
        self.hosts = hosts
    }

    /// True when `request` may carry the token, for a client whose base URL is `baseURL`.
    public func allows(_ request: HTTPRequest, baseURL: URL) -> Bool {
        guard let url = request.graphURL else { return false }
        return allows(url, baseURL: baseURL)
    }

    /// True when a request to `url` may carry the token, for a client whose base URL is `baseURL`.
    public func allows(_ url: URL, baseURL: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else { return false }
        if scheme == baseURL.scheme?.lowercased(), host == baseURL.host?.lowercased(),
           Self.port(of: url) == Self.port(of: baseURL) {
            return true
        }
        return scheme == "https" && hosts.contains(host) && Self.port(of: url) == 443
    }

    static func port(of url: URL) -> Int? {
        if let port = url.port { return port }
        switch url.scheme?.lowercased() {
        case "https": return 443
        case "http": return 80
        default: return nil
        }
    }
}

/// The last stage before the transport (not a removable middleware): adds the token to requests for
/// allowed hosts and strips `Authorization` from every other request.
struct AuthorizationStage: Sendable {
    let authorization: (@Sendable () async throws -> String)?
    let transport: any GraphTransport

    func send(_ request: HTTPRequest, body: GraphRequestBody?, context: GraphRequestContext) async throws -> (HTTPResponse, GraphByteStream) {
        var request = request
        if context.options.sendsAuthorization, context.allowedHosts.allows(request, baseURL: context.baseURL) {
            if request.headerFields[.authorization] == nil, let authorization {
                request.headerFields[.authorization] = try await authorization()
            }
        } else if request.headerFields[.authorization] != nil || authorization != nil {
            request.headerFields[.authorization] = nil
            context.logger.debug("sending without Authorization: host not allowed or token turned off for the call",
                                 metadata: ["host": "\(request.authority ?? "")"])
        }
        return try await transport.send(request, body: body)
    }
}
