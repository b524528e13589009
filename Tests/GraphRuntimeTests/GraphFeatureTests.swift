import FlyingFox
import Foundation
import GraphRuntime
import HTTPTypes
import Testing

/// A `$batch` endpoint: answers each item by its URL ("/widgets/N" → {"id": "N"}); `answer` can override.
func batchResponder(_ answer: @escaping @Sendable (_ item: [String: Any]) -> (status: Int, headers: [String: String], body: Any?)?) -> LoopbackServer.Responder {
    { request, _ in
        guard request.path == "/v1.0/$batch",
              let envelope = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
              let items = envelope["requests"] as? [[String: Any]]
        else { return json(400, #"{"error":{"code":"badBatch"}}"#) }
        var responses: [[String: Any]] = []
        for item in items {
            let id = item["id"] as? String ?? ""
            let url = item["url"] as? String ?? ""
            if let (status, headers, body) = answer(item) {
                var response: [String: Any] = ["id": id, "status": status, "headers": headers]
                if let body { response["body"] = body }
                responses.append(response)
            } else {
                let name = url.split(separator: "?").first.flatMap { $0.split(separator: "/").last }.map(String.init) ?? ""
                responses.append(["id": id, "status": 200, "headers": ["Content-Type": "application/json"], "body": ["id": name]])
            }
        }
        let data = try JSONSerialization.data(withJSONObject: ["responses": Array(responses.reversed())])
        return json(200, String(decoding: data, as: UTF8.self))
    }
}

@Suite("JSON batching against a loopback $batch endpoint", .timeLimit(.minutes(1)))
struct BatchTests {
    @Test("45 requests go in three $batch calls, dependsOn kept together, each item decoded or its own error")
    func fortyFive() async throws {
        try await withLoopbackServer(batchResponder { item in
            (item["url"] as? String) == "/widgets/13" ? (404, ["Content-Type": "application/json"], ["error": ["code": "itemNotFound", "message": "no 13"]]) : nil
        }) { server in
            let client = testClient(server)
            var batch = GraphBatch()
            var handles: [GraphBatchHandle<Widget>] = []
            for index in 1...45 {
                let dependsOn = index == 21 ? [handles[19].batchID] : []
                var fields = HTTPFields()
                if index == 2 { fields[HTTPField.Name("ConsistencyLevel")!] = "eventual" }
                let request = GraphRequest(pathSegments: ["v1.0", "widgets", String(index)], queryItems: index == 3 ? [URLQueryItem(name: "$select", value: "id,name")] : [], headerFields: fields)
                handles.append(batch.add(request, expecting: Widget.self, dependsOn: dependsOn))
            }
            let results = try await client.send(batch)
            #expect(results.batchCalls == 3)
            let calls = server.requests
            #expect(calls.count == 3)
            let sizes = try calls.map { call -> Int in
                let envelope = try #require(try JSONSerialization.jsonObject(with: call.body) as? [String: Any])
                return (envelope["requests"] as? [Any])?.count ?? 0
            }
            // Item 21 depends on 20, so 20 moves to the second call with it.
            #expect(sizes == [19, 20, 6])
            let second = try #require(try JSONSerialization.jsonObject(with: calls[1].body) as? [String: Any])
            let secondItems = try #require(second["requests"] as? [[String: Any]])
            #expect(secondItems.first?["id"] as? String == "20")
            #expect(secondItems[1]["dependsOn"] as? [String] == ["20"])
            let first = try #require(try JSONSerialization.jsonObject(with: calls[0].body) as? [String: Any])
            let firstItems = try #require(first["requests"] as? [[String: Any]])
            #expect(firstItems[1]["headers"] as? [String: String] == ["ConsistencyLevel": "eventual"])
            #expect(firstItems[2]["url"] as? String == "/widgets/3?$select=id,name")
            #expect(calls.allSatisfy { $0.header("Authorization") == "Bearer secret-token" })
            for (offset, handle) in handles.enumerated() where offset != 12 {
                #expect(try results.value(handle).id == String(offset + 1))
            }
            let error = #expect(throws: ODataError.self) { try results.value(handles[12]) }
            #expect(error?.statusCode == 404)
            #expect(error?.code == "itemNotFound")
            #expect(error?.message == "no 13")
        }
    }

    @Test("a throttled item and the item that failed because it depended on it are sent again; the rest are not")
    func throttledItems() async throws {
        let throttledOnce = Locked(false)
        let failedDependency = Locked(false)
        try await withLoopbackServer(batchResponder { item in
            let url = item["url"] as? String
            if url == "/widgets/b", !throttledOnce.withLock({ value -> Bool in defer { value = true }; return value }) {
                return (429, ["Retry-After": "1"], ["error": ["code": "TooManyRequests"]])
            }
            // Graph answers 424 to a request whose dependency failed in the same call.
            if url == "/widgets/c", throttledOnce.value, !failedDependency.withLock({ value -> Bool in defer { value = true }; return value }) {
                return (424, [:], ["error": ["code": "FailedDependency"]])
            }
            return nil
        }) { server in
            let client = testClient(server)
            var batch = GraphBatch()
            let a = batch.add(GraphRequest(pathSegments: ["v1.0", "widgets", "a"]), expecting: Widget.self)
            let b = batch.add(GraphRequest(pathSegments: ["v1.0", "widgets", "b"]), expecting: Widget.self)
            let c = batch.add(GraphRequest(method: .patch, pathSegments: ["v1.0", "widgets", "c"], body: try client.jsonBody(Widget(displayName: "C"))),
                              expecting: Widget.self, dependsOn: [b.batchID])
            let results = try await client.send(batch)
            #expect(results.batchCalls == 2)
            #expect(try results.value(a).id == "a")
            #expect(try results.value(b).id == "b")
            #expect(try results.value(c).id == "c")
            let calls = server.requests
            #expect(calls.count == 2)
            guard calls.count == 2 else { return }
            #expect(calls[1].receivedAt - calls[0].receivedAt >= .milliseconds(950))
            let resent = try #require(try JSONSerialization.jsonObject(with: calls[1].body) as? [String: Any])
            let items = try #require(resent["requests"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == ["2", "3"])
            #expect(items[1]["dependsOn"] as? [String] == ["2"])
            #expect((items[1]["body"] as? [String: String]) == ["displayName": "C"])
        }
    }

    @Test("requests that cannot share a batch are refused before anything is sent")
    func refusals() async throws {
        try await withLoopbackServer(batchResponder { _ in nil }) { server in
            let client = testClient(server)
            var mixed = GraphBatch()
            mixed.add(GraphRequest(pathSegments: ["v1.0", "a"]))
            mixed.add(GraphRequest(pathSegments: ["beta", "b"]))
            await #expect(throws: GraphBatchError.mixedAPIVersions(["beta", "v1.0"])) { try await client.send(mixed) }
            var chain = GraphBatch()
            var previous: [GraphBatchID] = []
            for index in 0..<21 {
                previous = [chain.add(GraphRequest(pathSegments: ["v1.0", "w", String(index)]), dependsOn: previous)]
            }
            await #expect(throws: GraphBatchError.self) { try await client.send(chain) }
            var foreign = GraphBatch()
            foreign.add(GraphRequest(url: URL(string: "https://evil.example/v1.0/me")!))
            await #expect(throws: GraphBatchError.notBatchable(id: "1", url: "https://evil.example/v1.0/me")) { try await client.send(foreign) }
            #expect(server.requests.isEmpty)
        }
    }
}

/// An upload-session endpoint: PUT /upload/s1 with Content-Range appends the range; GET says what it has;
/// the PUT numbered `failing` is answered 500 without keeping its bytes.
final class UploadEndpoint: Sendable {
    let received = Locked(Data())
    let puts = Locked(0)
    let failing: Int
    let total: Int

    init(total: Int, failing: Int) {
        self.total = total
        self.failing = failing
    }

    var responder: LoopbackServer.Responder {
        { [self] request, _ in
            guard request.path == "/upload/s1" else { return json(404, "{}") }
            if request.method == "GET" {
                return json(200, #"{"expirationDateTime":"2030-01-01T00:00:00Z","nextExpectedRanges":["\#(received.value.count)-"]}"#)
            }
            let number = puts.withLock { value -> Int in value += 1; return value }
            if number == failing { return json(500, #"{"error":{"code":"generalException"}}"#) }
            guard let range = request.header("Content-Range"),
                  let match = range.wholeMatch(of: /bytes (\d+)-(\d+)\/(\d+)/),
                  Int(match.1) == received.value.count, Int(match.3) == total,
                  Int(match.2)! - Int(match.1)! + 1 == request.body.count
            else { return json(416, #"{"error":{"code":"invalidRange"}}"#) }
            received.withLock { $0.append(request.body) }
            if received.value.count == total { return json(201, #"{"id":"file-1","size":\#(total)}"#) }
            return json(202, #"{"expirationDateTime":"2030-01-01T00:00:00Z","nextExpectedRanges":["\#(received.value.count)-"]}"#)
        }
    }
}

@Suite("Upload sessions against a loopback endpoint", .timeLimit(.minutes(1)))
struct UploadTests {
    @Test("an upload interrupted by a failed range resumes from the server's nextExpectedRanges", arguments: ["file", "stream"])
    func interruptedAndResumed(sourceKind: String) async throws {
        let content = Data((0..<350_000).map { UInt8(($0 * 7) % 256) })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("upload-\(UUID().uuidString).bin")
        try content.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let opened = Locked<[Int64]>([])
        let source: GraphUploadSource = sourceKind == "file" ? .file(file) : .stream(length: Int64(content.count)) { offset in
            opened.withLock { $0.append(offset) }
            return GraphByteStream(fileAt: file, offset: offset, chunkSize: 30_000)
        }
        let endpoint = UploadEndpoint(total: content.count, failing: 3)
        try await withLoopbackServer(endpoint.responder) { server in
            let client = testClient(server)
            let session = GraphUploadSession(uploadUrl: server.baseURL.appendingPathComponent("upload/s1").absoluteString)
            let progress = Locked<[Int64]>([])
            let failure = await #expect(throws: GraphUploadError.self) {
                try await client.upload(source, to: session, chunkSize: 100_000) { step in progress.withLock { $0.append(step.uploaded) } }
            }
            #expect(failure?.uploaded == 200_000)
            #expect((failure?.underlying as? ODataError)?.statusCode == 500)
            #expect(endpoint.received.value.count == 200_000)

            let final = try await client.resumeUpload(source, session: try #require(failure?.session), chunkSize: 100_000) { step in
                progress.withLock { $0.append(step.uploaded) }
            }
            #expect(final.status == .created)
            #expect(String(decoding: final.body, as: UTF8.self) == #"{"id":"file-1","size":350000}"#)
            #expect(endpoint.received.value == content)
            #expect(progress.value == [100_000, 200_000, 300_000, 350_000])
            #expect(server.requests.allSatisfy { $0.header("Authorization") == nil })
            #expect(server.requests.map(\.method) == ["PUT", "PUT", "PUT", "GET", "PUT", "PUT"])
            if sourceKind == "stream" { #expect(opened.value == [0, 200_000]) }
        }
    }
}

@Suite("Delta queries against a loopback server", .timeLimit(.minutes(1)))
struct DeltaTests {
    @Test("a delta round follows next links to the delta link; a stored delta link resumes and hands back the next")
    func resumeFromStoredLink() async throws {
        try await withLoopbackServer({ request, server in
            let base = "http://127.0.0.1:\(server.port)/v1.0/users/delta"
            switch (request.query["$skiptoken"], request.query["$deltatoken"]) {
            case (nil, nil): return json(200, #"{"value":[{"id":"a"}],"@odata.nextLink":"\#(base)?$skiptoken=s1"}"#)
            case ("s1", nil): return json(200, #"{"value":[{"id":"b"}],"@odata.deltaLink":"\#(base)?$deltatoken=T1"}"#)
            case (nil, "T1"): return json(200, #"{"value":[{"id":"a","@removed":{"reason":"deleted"}}],"@odata.deltaLink":"\#(base)?$deltatoken=T2"}"#)
            default: return json(400, #"{"error":{"code":"badToken"}}"#)
            }
        }) { server in
            let client = testClient(server)
            var fields = HTTPFields()
            fields[HTTPField.Name("Prefer")!] = "odata.maxpagesize=1"
            let first = try await client.delta(GraphRequest(pathSegments: ["v1.0", "users", "delta"], headerFields: fields), of: Widget.self)
            #expect(first.items.map(\.id) == ["a", "b"])
            #expect(first.deltaLink.hasSuffix("/v1.0/users/delta?$deltatoken=T1"))

            let stored = first.deltaLink  // e.g. written to disk and read back on the next run
            let next = try await client.delta(resumingFrom: stored, of: Widget.self, headerFields: fields)
            #expect(next.items.map(\.id) == ["a"])
            #expect(next.items.first?.additionalData["@removed"] == ["reason": "deleted"])
            #expect(next.deltaLink.hasSuffix("$deltatoken=T2"))
            #expect(server.requests.count == 3)
            #expect(server.requests.last?.query["$deltatoken"] == "T1")
            #expect(server.requests.allSatisfy { $0.header("Prefer") == "odata.maxpagesize=1" && $0.header("Authorization") == "Bearer secret-token" })
        }
    }
}
