import FlyingFox
import Foundation
import GraphRuntime
import HTTPTypes
import Testing

@Suite("URLSessionTransport against a loopback server", .timeLimit(.minutes(1)))
struct URLSessionTransportTests {
    @Test("sends method, URL, headers and body; returns status, headers and body, a 3xx not followed")
    func sendsAndReceives() async throws {
        try await withLoopbackServer({ request, _ in
            if request.path == "/moved" { return empty(302, headers: ["Location": "/elsewhere"]) }
            return json(418, #"{"method":"\#(request.method)","echo":"\#(request.header("X-Echo") ?? "")","body":"\#(String(decoding: request.body, as: UTF8.self))"}"#, headers: ["X-Answer": "42"])
        }) { server in
            let transport = URLSessionTransport()
            var request = try HTTPRequest(method: .patch, graphURL: server.baseURL.appendingPathComponent("a"))
            request.headerFields[HTTPField.Name("X-Echo")!] = "hello"
            let (response, body) = try await transport.send(request, body: .bytes(Data("abc".utf8), contentType: "text/plain"))
            #expect(response.status.code == 418)
            #expect(response.headerFields[HTTPField.Name("x-answer")!] == "42")
            let answer = try JSONDecoder().decode([String: String].self, from: try await body.collect())
            #expect(answer == ["method": "PATCH", "echo": "hello", "body": "abc"])

            let (moved, _) = try await transport.send(try HTTPRequest(method: .get, graphURL: server.baseURL.appendingPathComponent("moved")), body: nil)
            #expect(moved.status.code == 302)
            #expect(server.requests.map(\.path) == ["/a", "/moved"])
        }
    }

    @Test("a file body is sent from disk")
    func fileBody() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("graph-upload-\(UUID().uuidString).bin")
        let content = Data((0..<200_000).map { UInt8($0 % 251) })
        try content.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try await withLoopbackServer({ request, _ in
            json(200, #"{"count":\#(request.body.count)}"#)
        }) { server in
            let (_, body) = try await URLSessionTransport().send(
                try HTTPRequest(method: .put, graphURL: server.baseURL), body: .file(file, contentType: "application/octet-stream"))
            #expect(String(decoding: try await body.collect(), as: UTF8.self) == #"{"count":200000}"#)
            #expect(server.requests.first?.body == content)
        }
    }
}
