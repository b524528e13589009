import Foundation
import Testing
import GraphRuntime

/// A module written the way docgen generates one, to exercise the catalog protocol.
private enum FakeModule: GeneratedAPIModule {
    static let apiVersion = "v1.0"

    static func roundTrip(typeName: String, isCollection: Bool, json: Data) throws -> Data {
        switch ODataType.lookupKey(typeName) {
        case "widget":
            return isCollection
                ? try GeneratedRoundTrip.roundTrip([Widget].self, json: json)
                : try GeneratedRoundTrip.roundTrip(Widget.self, json: json)
        default:
            throw GeneratedTypeLookupError.unknownType(typeName)
        }
    }

    static let operations: [GeneratedOperation] = [
        GeneratedOperation(id: "POST /widgets/{}/assignments") { client, pathValues, body in
            let payload = try JSONDecoder().decode(Widget.self, from: body ?? Data("{}".utf8))
            let request = client.makeRequest(
                method: .post,
                pathSegments: ["v1.0", "widgets", pathValues[0], "assignments"],
                body: try client.encodeBody(payload)
            )
            _ = try await client.send(request, expecting: Widget.self)
        },
    ]
}

@Suite struct CatalogTests {
    @Test func generatedRoundTripDecodesAndReencodesSortedWithUnescapedSlashes() throws {
        let json = bytes(##"{"displayName": "a/b", "@odata.type": "#microsoft.graph.widget", "id": null, "size": 2}"##)
        let output = try GeneratedRoundTrip.roundTrip(Widget.self, json: json)
        #expect(text(output) == ##"{"@odata.type":"#microsoft.graph.widget","displayName":"a/b","id":null,"size":2}"##)
    }

    @Test func generatedRoundTripPropagatesDecodingErrors() {
        #expect(throws: DecodingError.self) {
            try GeneratedRoundTrip.roundTrip(Widget.self, json: bytes(#"{"size": "not a number"}"#))
        }
    }

    @Test func moduleRoundTripsKnownTypesAndCollections() throws {
        let single = try FakeModule.roundTrip(typeName: "#microsoft.graph.Widget", isCollection: false, json: bytes(#"{"id":"1"}"#))
        #expect(try parsed(single) == ["id": "1"])
        let many = try FakeModule.roundTrip(typeName: "microsoft.graph.widget", isCollection: true, json: bytes(#"[{"id":"1"},{"x":2}]"#))
        #expect(try parsed(many) == [["id": "1"], ["x": 2]])
    }

    @Test func unknownTypeThrowsLookupErrorNamingTheType() {
        let error = #expect(throws: GeneratedTypeLookupError.unknownType("#microsoft.graph.nope")) {
            try FakeModule.roundTrip(typeName: "#microsoft.graph.nope", isCollection: false, json: bytes("{}"))
        }
        #expect(error?.typeName == "#microsoft.graph.nope")
        #expect(error?.kind == .unknownType("#microsoft.graph.nope"))
        #expect(error?.description == "unknown OData type '#microsoft.graph.nope'")
    }

    @Test func operationInvokeSendsThroughTheClient() async throws {
        let transport = RecordingTransport(statusCode: 200, body: bytes(#"{"id": "a1"}"#))
        let client = GraphClient(transport: transport)
        let operation = try #require(FakeModule.operation(id: "POST /widgets/{}/assignments"))
        try await operation.invoke(client, ["w/1"], bytes(#"{"displayName": "D"}"#))
        let sent = try #require(transport.requests.first)
        #expect(sent.method == .post)
        #expect(sent.url.absoluteString == "https://graph.microsoft.com/v1.0/widgets/w%2F1/assignments")
        #expect(try parsed(#require(sent.body)) == ["displayName": "D"])
        #expect(FakeModule.operation(id: "GET /nothing") == nil)
    }
}
