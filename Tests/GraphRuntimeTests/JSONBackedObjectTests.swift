import Foundation
import Testing
import GraphRuntime

/// A struct in the shape docgen generates (issue 14): the JSON object and typed computed properties.
private struct Gadget: JSONBackedObject {
    var jsonObject: [String: JSONValue]
    init(jsonObject: [String: JSONValue]) { self.jsonObject = jsonObject }

    var odataType: String? {
        get { self[member: .odataType] }
        set { self[member: .odataType] = newValue }
    }
    var name: String? {
        get { self[member: .name] }
        set { self[member: .name] = newValue }
    }
    var size: Int32? {
        get { self[member: .size] }
        set { self[member: .size] = newValue }
    }
    var ratio: Double? {
        get { self[member: .ratio] }
        set { self[member: .ratio] = newValue }
    }
    var colour: Colour? {
        get { self[member: .colour] }
        set { self[member: .colour] = newValue }
    }
    var parts: [Gadget]? {
        get { self[member: .parts] }
        set { self[member: .parts] = newValue }
    }

    init(odataType: String? = "#microsoft.graph.gadget", name: String? = nil, size: Int32? = nil, additionalData: [String: JSONValue] = [:]) {
        self.init(jsonObject: additionalData)
        self[member: .odataType] = odataType
        self[member: .name] = name
        self[member: .size] = size
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case odataType = "@odata.type"
        case name, size, ratio, colour, parts
    }
}

private enum Colour: OpenStringEnum {
    case red
    case unrecognized(String)

    init(rawValue: String) {
        switch rawValue {
        case "red": self = .red
        default: self = .unrecognized(rawValue)
        }
    }

    var rawValue: String {
        switch self {
        case .red: return "red"
        case .unrecognized(let value): return value
        }
    }
}

private struct Widget2: JSONBackedObject {
    var jsonObject: [String: JSONValue]
    init(jsonObject: [String: JSONValue]) { self.jsonObject = jsonObject }
    enum CodingKeys: String, CodingKey, CaseIterable { case odataType = "@odata.type" }
}

private enum AnyGadget: JSONObjectRepresentable {
    case gadget(Gadget)
    case widget(Widget2)

    init(jsonObject: [String: JSONValue]) {
        switch ODataType.discriminator(in: jsonObject) {
        case "widget2": self = .widget(Widget2(jsonObject: jsonObject))
        default: self = .gadget(Gadget(jsonObject: jsonObject))
        }
    }

    var jsonObject: [String: JSONValue] {
        switch self {
        case .gadget(let value): return value.jsonObject
        case .widget(let value): return value.jsonObject
        }
    }
}

@Suite("JSON-backed generated types")
struct JSONBackedObjectTests {
    @Test("decoding then encoding gives back every member: unknown ones, explicit nulls and mistyped values")
    func lossless() throws {
        let json = ##"{"@odata.type":"#microsoft.graph.gadget","name":"G","size":"not a number","extra":{"a":[1,true,null]},"ratio":null,"parts":[{"name":"p"}]}"##
        let gadget = try JSONDecoder().decode(Gadget.self, from: Data(json.utf8))
        #expect(gadget.name == "G")
        #expect(gadget.size == nil, "a member of another kind reads as nil")
        #expect(gadget.ratio == nil, "an explicit null reads as nil")
        #expect(gadget.parts?.first?.name == "p")
        #expect(gadget.additionalData == ["extra": ["a": [1, true, nil]], "ratio": nil])
        let reencoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(gadget))
        #expect(try reencoded == JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)))
    }

    @Test("a number reads as the property's type only within its range; a Double set integral equals the same value decoded")
    func numbers() throws {
        var gadget = try JSONDecoder().decode(Gadget.self, from: Data(#"{"size":3000000000,"ratio":2}"#.utf8))
        #expect(gadget.size == nil, "out of Int32's range")
        #expect(gadget.ratio == 2)
        gadget.size = 7
        #expect(gadget.jsonObject["size"] == .integer(7))
        var other = Gadget(odataType: nil, size: 3)
        other.ratio = 2.0
        other.size = nil
        #expect(other.jsonObject == ["ratio": 2])
        #expect(other.jsonObject["ratio"] == gadget.jsonObject["ratio"])
        other.ratio = 0.5
        #expect(other.jsonObject["ratio"] == .double(0.5))
    }

    @Test("the initializer sends only the members it is given; setting nil removes a member but keeps an explicit null")
    func setters() throws {
        var gadget = Gadget(name: "a", additionalData: ["size": nil, "name": "replaced", "other": 1])
        #expect(gadget.jsonObject == ["@odata.type": "#microsoft.graph.gadget", "name": "a", "size": nil, "other": 1],
                "a parameter that is set wins over a member of its name")
        gadget.size = nil
        #expect(gadget.jsonObject["size"] == .null, "nil means not sent; the explicit null stays")
        gadget.name = nil
        #expect(gadget.jsonObject["name"] == nil)
        gadget.colour = .unrecognized("blue")
        #expect(gadget.jsonObject["colour"] == "blue")
        gadget.additionalData = ["more": true]
        #expect(gadget.jsonObject == ["@odata.type": "#microsoft.graph.gadget", "colour": "blue", "more": true],
                "setting additionalData replaces the undeclared members and nulls, not the properties")
    }

    @Test("open enums: a known value is its case, any other keeps its text; equality is the wire value's")
    func openEnum() throws {
        #expect(try JSONDecoder().decode(Colour.self, from: Data(#""red""#.utf8)) == .red)
        let other = try JSONDecoder().decode(Colour.self, from: Data(#""blue""#.utf8))
        #expect(other == .unrecognized("blue"))
        #expect(String(decoding: try JSONEncoder().encode(other), as: UTF8.self) == #""blue""#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Colour.self, from: Data("1".utf8)) }
    }

    @Test("an Any… enum picks its case by @odata.type; an unknown one decodes as the base and keeps every member")
    func polymorphic() throws {
        let widget = try JSONDecoder().decode(AnyGadget.self, from: Data(##"{"@odata.type":"#microsoft.graph.widget2","x":1}"##.utf8))
        guard case .widget(let value) = widget else { Issue.record("expected widget, got \(widget)"); return }
        #expect(value.additionalData == ["x": 1])
        let unknown = try JSONDecoder().decode(AnyGadget.self, from: Data(##"{"@odata.type":"#microsoft.graph.new","x":1}"##.utf8))
        guard case .gadget(let base) = unknown else { Issue.record("expected the base, got \(unknown)"); return }
        #expect(base.odataType == "#microsoft.graph.new")
        #expect(try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(unknown)) == ["@odata.type": "#microsoft.graph.new", "x": 1])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AnyGadget.self, from: Data("[1]".utf8)) }
    }

    @Test("values are equal and hash alike when their JSON objects are")
    func equality() {
        let a = Gadget(name: "a", size: 1)
        var b = Gadget(name: "a")
        #expect(a != b)
        b.size = 1
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
    }
}
