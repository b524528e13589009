import Foundation
import Testing
import GraphRuntime

private func page(_ ids: [String], nextLink: String?) -> Data {
    let value = JSONValue.array(ids.map { ["id": .string($0)] })
    var members: [String: JSONValue] = ["value": value]
    if let nextLink { members["@odata.nextLink"] = .string(nextLink) }
    return try! JSONEncoder().encode(JSONValue.object(members))
}

@Suite struct CollectionPageTests {
    @Test func roundTripKeepsODataMembersUnknownMembersAndElementExtras() throws {
        let json = bytes("""
        {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
         "@odata.count": 12345678901,
         "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=abc%2B1",
         "@odata.deltaLink": null,
         "@custom.annotation": {"a": [1]},
         "value": [{"id": "1", "extra": true}, {"id": null, "displayName": "B"}]}
        """)
        let page = try JSONDecoder().decode(CollectionPage<Widget>.self, from: json)
        #expect(page.context == "https://graph.microsoft.com/v1.0/$metadata#users")
        #expect(page.count == 12_345_678_901)
        #expect(page.nextLink == "https://graph.microsoft.com/v1.0/users?$skiptoken=abc%2B1")
        #expect(page.value == [
            Widget(id: "1", additionalData: ["extra": true]),
            Widget(displayName: "B", additionalData: ["id": nil]),
        ])
        #expect(page.additionalData == ["@odata.deltaLink": nil, "@custom.annotation": ["a": [1]]])
        #expect(try parsed(JSONEncoder().encode(page)) == parsed(json))
    }

    @Test func deltaLinkIsReadFromAdditionalData() throws {
        let page = try JSONDecoder().decode(
            CollectionPage<Widget>.self,
            from: bytes(#"{"value": [], "@odata.deltaLink": "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=t"}"#)
        )
        #expect(page.deltaLink == "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=t")
        #expect(page.nextLink == nil)
    }

    @Test func nextPageGETsTheAbsoluteNextLinkUnchanged() async throws {
        let link = "https://graph.microsoft.com/v1.0/users?$top=2&$skiptoken=X%2BY"
        let transport = RecordingTransport(statusCode: 200, body: page(["3", "4"], nextLink: nil))
        let client = GraphClient(transport: transport, authorization: { "Bearer t" })
        let first = try JSONDecoder().decode(CollectionPage<Widget>.self, from: page(["1", "2"], nextLink: link))
        let second = try #require(try await client.nextPage(after: first))
        #expect(second.value.map(\.id) == ["3", "4"])
        #expect(second.nextLink == nil)
        let sent = try #require(transport.requests.first)
        #expect(transport.requests.count == 1)
        #expect(sent.method == .get)
        #expect(sent.url.absoluteString == link)
        #expect(sent.body == nil)
        #expect(sent.headers["Authorization"] == "Bearer t")
    }

    @Test func nextPageIsNilAndSendsNothingOnTheLastPage() async throws {
        let transport = RecordingTransport()
        let client = GraphClient(transport: transport)
        #expect(try await client.nextPage(after: CollectionPage<Widget>(value: [])) == nil)
        #expect(transport.requests.isEmpty)
    }

    @Test func allPagesFollowsNextLinksUntilTheLastPage() async throws {
        let transport = RecordingTransport()
        transport.enqueue(statusCode: 200, body: page(["2"], nextLink: "https://graph.microsoft.com/v1.0/items?page=3"))
        transport.enqueue(statusCode: 200, body: page(["3"], nextLink: nil))
        let client = GraphClient(transport: transport)
        let first = CollectionPage<Widget>(value: [Widget(id: "1")], nextLink: "https://graph.microsoft.com/v1.0/items?page=2")
        var ids: [[String?]] = []
        for try await page in client.allPages(startingWith: first) {
            ids.append(page.value.map(\.id))
            if ids.count > 5 { break }  // a paging bug must fail here, not hang
        }
        #expect(ids == [["1"], ["2"], ["3"]])
        #expect(transport.requests.map(\.url.absoluteString) == [
            "https://graph.microsoft.com/v1.0/items?page=2", "https://graph.microsoft.com/v1.0/items?page=3",
        ])
    }

    @Test func allValuesConcatenatesEveryPage() async throws {
        let transport = RecordingTransport(statusCode: 200, body: page(["b", "c"], nextLink: nil))
        let client = GraphClient(transport: transport)
        let first = CollectionPage<Widget>(value: [Widget(id: "a")], nextLink: "https://graph.microsoft.com/v1.0/next")
        #expect(try await client.allValues(startingWith: first).map(\.id) == ["a", "b", "c"])
    }

    @Test func allPagesYieldsFirstPageThenThrowsAndStops() async throws {
        let transport = RecordingTransport(statusCode: 429, body: bytes(#"{"error": {"code": "TooManyRequests", "message": "slow"}}"#))
        let client = GraphClient(transport: transport, middleware: GraphClient.defaultMiddleware(retry: .disabled))
        let first = CollectionPage<Widget>(value: [Widget(id: "1")], nextLink: "https://graph.microsoft.com/v1.0/next")
        var iterator = client.allPages(startingWith: first).makeAsyncIterator()
        #expect(try await iterator.next()?.value == [Widget(id: "1")])
        await #expect(throws: ODataError.self) { _ = try await iterator.next() }
        #expect(try await iterator.next() == nil)
        #expect(transport.requests.count == 1)
    }
}
