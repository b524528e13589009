import Foundation
import Testing
import GraphRuntime

@Suite struct AdditionalDataTests {
    @Test func unknownMembersAreKeptAndReencoded() throws {
        let json = """
        {"id": "1", "displayName": "W", "@odata.type": "#microsoft.graph.widget",
         "extra": {"nested": [1, true, null]}, "size": 3, "tags": ["a"]}
        """
        let widget = try JSONDecoder().decode(Widget.self, from: bytes(json))
        #expect(widget.id == "1")
        #expect(widget.displayName == "W")
        #expect(widget.size == 3)
        #expect(widget.additionalData == [
            "@odata.type": "#microsoft.graph.widget",
            "extra": ["nested": [1, true, nil]],
            "tags": ["a"],
        ])
        #expect(try parsed(JSONEncoder().encode(widget)) == parsed(bytes(json)))
    }

    @Test func explicitNullOfAKnownPropertySurvivesRoundTrip() throws {
        let json = #"{"id": null, "displayName": "W"}"#
        let widget = try JSONDecoder().decode(Widget.self, from: bytes(json))
        #expect(widget.id == nil)
        #expect(widget.additionalData == ["id": nil])
        let reencoded = try parsed(JSONEncoder().encode(widget))
        #expect(reencoded == ["id": nil, "displayName": "W"])
    }

    @Test func absentKnownPropertyIsNotInventedAsNull() throws {
        let widget = try JSONDecoder().decode(Widget.self, from: bytes(#"{"displayName": "W"}"#))
        #expect(widget.additionalData.isEmpty)
        #expect(try parsed(JSONEncoder().encode(widget)) == ["displayName": "W"])
    }

    @Test func twoKeyedContainersOnOneEncoderMergeIntoOneObject() throws {
        let widget = Widget(id: "a", additionalData: ["extra": 1, "other": "x"])
        #expect(try parsed(JSONEncoder().encode(widget)) == ["id": "a", "extra": 1, "other": "x"])
    }

    @Test func propertySetAfterDecodingWinsOverStoredNullAndAppearsOnce() throws {
        var widget = try JSONDecoder().decode(Widget.self, from: bytes(#"{"id": null}"#))
        widget.id = "x"
        let encoded = text(try JSONEncoder().encode(widget))
        #expect(occurrences(of: "\"id\"", in: encoded) == 1)
        #expect(try parsed(bytes(encoded)) == ["id": "x"])
    }

    @Test func anyCodingKeyUsesTheStringUnchanged() {
        #expect(AnyCodingKey("@odata.type").stringValue == "@odata.type")
        #expect(AnyCodingKey(stringValue: "a.b")?.stringValue == "a.b")
        #expect(AnyCodingKey(intValue: 7)?.stringValue == "7")
        #expect(AnyCodingKey("x").intValue == nil)
    }
}

/// Captures what `ODataType.discriminator` sees for the value it is decoded from.
private struct DiscriminatorProbe: Decodable {
    let key: String?
    init(from decoder: any Decoder) throws {
        key = try ODataType.discriminator(in: decoder)
    }
}

@Suite struct ODataTypeTests {
    @Test(arguments: [
        ("#microsoft.graph.groupAssignmentTarget", "groupassignmenttarget"),
        ("microsoft.graph.user", "user"),
        ("#Microsoft.Graph.User", "user"),
        ("groupAssignmentTarget", "groupassignmenttarget"),
        ("#microsoft.graph.callRecords.session", "callrecords.session"),
        ("microsoft.graphx.thing", "microsoft.graphx.thing"),
        ("#other.ns.Thing", "other.ns.thing"),
    ])
    func lookupKeyStripsHashAndGraphNamespaceAndLowercases(name: String, key: String) {
        #expect(ODataType.lookupKey(name) == key)
    }

    @Test func discriminatorReturnsLookupKeyOfODataTypeMember() throws {
        let json = ##"{"@odata.type": "#microsoft.graph.iosGeneralDeviceConfiguration", "id": "1"}"##
        #expect(try JSONDecoder().decode(DiscriminatorProbe.self, from: bytes(json)).key == "iosgeneraldeviceconfiguration")
    }

    @Test(arguments: [
        #"{"id": "1"}"#, #"{"@odata.type": 5}"#, #"{"@odata.type": null}"#, ##"["#microsoft.graph.user"]"##, #""text""#,
    ])
    func discriminatorIsNilWithoutAStringODataTypeMember(json: String) throws {
        #expect(try JSONDecoder().decode(DiscriminatorProbe.self, from: bytes(json)).key == nil)
    }
}
