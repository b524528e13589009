import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import GraphRuntime

/// Answers every request in-process (no network): status 418, echoing the method and a request header,
/// with the URL as the body.
private final class EchoURLProtocol: URLProtocol {
    override class func canInit(with request: URLRequest) -> Bool { true }
    override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }

    override func startLoading() {
        let url = request.url!
        let response = HTTPURLResponse(
            url: url,
            statusCode: 418,
            httpVersion: "HTTP/1.1",
            headerFields: [
                "X-Echo-Method": request.httpMethod ?? "",
                "X-Echo-Authorization": request.value(forHTTPHeaderField: "Authorization") ?? "",
            ]
        )!
        client?.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
        client?.urlProtocol(self, didLoad: Data(url.absoluteString.utf8))
        client?.urlProtocolDidFinishLoading(self)
    }

    override func stopLoading() {}
}

@Suite struct URLSessionTransportTests {
    @Test func sendsMethodURLAndHeadersAndReturnsStatusHeadersAndBody() async throws {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.protocolClasses = [EchoURLProtocol.self]
        let transport = URLSessionTransport(session: URLSession(configuration: configuration))
        let url = URL(string: "https://graph.example.invalid/v1.0/a%2Fb?$top=1")!
        let response = try await transport.send(
            GraphHTTPRequest(method: .patch, url: url, headers: ["Authorization": "Bearer z"], body: Data("{}".utf8))
        )
        #expect(response.statusCode == 418)
        #expect(response.header("x-echo-method") == "PATCH")
        #expect(response.header("X-Echo-Authorization") == "Bearer z")
        #expect(text(response.body) == url.absoluteString)
    }
}
