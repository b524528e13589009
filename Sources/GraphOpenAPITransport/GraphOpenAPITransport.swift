import Foundation
import GraphRuntime
import HTTPTypes
import OpenAPIRuntime

/// A `GraphTransport` over any swift-openapi-runtime `ClientTransport` (swift-openapi-urlsession's
/// `URLSessionTransport`, swift-openapi-async-http-client's `AsyncHTTPClientTransport`, …), so a Graph
/// client shares the HTTP stack of an app's other OpenAPI clients. The middleware pipeline and the
/// allowed-host rule run before it, as with every transport.
///
/// The wrapped transport must not follow redirects itself, or it would send the request's headers to the
/// new host before the pipeline sees it: give swift-openapi-urlsession a session made with
/// `GraphOpenAPITransport.redirectRefusingSession()`.
public struct GraphOpenAPITransport: GraphTransport {
    /// The wrapped transport.
    public let transport: any ClientTransport
    /// The operation id handed to the wrapped transport (and its middlewares).
    public var operationID: String
    /// The chunk size in which `.file` bodies are read.
    public var fileChunkSize: Int

    /// A transport sending through `transport`.
    public init(_ transport: any ClientTransport, operationID: String = "graph", fileChunkSize: Int = 64 * 1024) {
        self.transport = transport
        self.operationID = operationID
        self.fileChunkSize = fileChunkSize
    }

    /// Sends `request` through the wrapped transport: base URL = scheme and authority, the request's path
    /// (query included) as it is.
    public func send(_ request: HTTPRequest, body: GraphRequestBody?) async throws -> (HTTPResponse, GraphByteStream) {
        guard let scheme = request.scheme, let authority = request.authority,
              let baseURL = URL(string: "\(scheme)://\(authority)")
        else { throw GraphTransportError(message: "request has no scheme or authority: \(request)") }
        let httpBody: HTTPBody?
        switch body {
        case nil:
            httpBody = nil
        case .json(let data), .bytes(let data, _):
            httpBody = HTTPBody(data)
        case .file, .stream:
            let length = body?.length.map { HTTPBody.Length.known($0) } ?? .unknown
            let chunks = body!.chunks(chunkSize: fileChunkSize).map { ArraySlice<UInt8>($0) }
            httpBody = HTTPBody(chunks, length: length, iterationBehavior: .single)
        }
        let (response, responseBody) = try await transport.send(request, body: httpBody, baseURL: baseURL, operationID: operationID)
        guard let responseBody else { return (response, .empty) }
        return (response, GraphByteStream(responseBody.map { Data($0) }))
    }
}
