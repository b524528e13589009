import Foundation
import Testing
import GraphRuntime

@Suite struct JSONValueTests {
    @Test func decodesEveryKindIntoTheMatchingCaseIncludingNesting() throws {
        let json = """
        {"n": null, "t": true, "f": false, "zero": 0, "one": 1, "neg": -7,
         "max": 9223372036854775807, "min": -9223372036854775808,
         "d": 1.5, "e": -2.25e-3, "s": "h\\u00e9llo \\"q\\"",
         "a": [1, "x", [true, null], {"k": {}}], "o": {"inner": {"deep": [false]}}}
        """
        let expected: JSONValue = [
            "n": nil, "t": true, "f": false, "zero": 0, "one": 1, "neg": -7,
            "max": .integer(Int64.max), "min": .integer(Int64.min),
            "d": 1.5, "e": -0.00225, "s": "héllo \"q\"",
            "a": [1, "x", [true, nil], ["k": [:]]], "o": ["inner": ["deep": [false]]],
        ]
        #expect(try parsed(bytes(json)) == expected)
    }

    @Test(arguments: [
        ("true", JSONValue.bool(true)), ("false", .bool(false)),
        ("1", .integer(1)), ("0", .integer(0)), ("-1", .integer(-1)),
        ("1.5", .double(1.5)), ("null", .null), ("\"1\"", .string("1")), ("\"true\"", .string("true")),
    ])
    func booleansNumbersAndStringsAreNotConfused(json: String, expected: JSONValue) throws {
        #expect(try parsed(bytes(json)) == expected)
        #expect(try parsed(bytes("[\(json)]")) == .array([expected]))
    }

    @Test func integerBeyondInt64DecodesAsDouble() throws {
        #expect(try parsed(bytes("9223372036854775808")) == .double(9_223_372_036_854_775_808))
    }

    @Test func encodeThenDecodeReturnsTheSameValueForEveryKind() throws {
        let value: JSONValue = [
            "null": nil, "bool": true, "false": false, "int": 42, "big": .integer(Int64.max),
            "small": .integer(Int64.min), "double": 0.25, "string": "a/b\n",
            "array": [nil, 1, 2.5, "three", [false]], "object": ["nested": ["x": [:], "y": []]],
        ]
        let encoded = try JSONEncoder().encode(value)
        #expect(try parsed(encoded) == value)
    }

    @Test func bigIntegersAndBooleansEncodeAsJSONIntegersAndBooleans() throws {
        let encoded = text(try JSONEncoder().encode([JSONValue.integer(Int64.max), .integer(Int64.min), .bool(true), .integer(1)]))
        #expect(encoded == "[9223372036854775807,-9223372036854775808,true,1]")
    }

    @Test func literalsBuildTheMatchingCases() {
        let fromNil: JSONValue = nil
        let fromBool: JSONValue = false
        let fromInt: JSONValue = 3
        let fromFloat: JSONValue = 3.5
        let fromString: JSONValue = "s"
        let fromArray: JSONValue = [1, "a"]
        let fromDictionary: JSONValue = ["k": 1]
        #expect(fromNil == .null)
        #expect(fromBool == .bool(false))
        #expect(fromInt == .integer(3))
        #expect(fromFloat == .double(3.5))
        #expect(fromString == .string("s"))
        #expect(fromArray == .array([.integer(1), .string("a")]))
        #expect(fromDictionary == .object(["k": .integer(1)]))
    }

    @Test func accessorsReadObjectMembersAndStrings() {
        let value: JSONValue = ["error": ["code": "x"], "n": 1]
        #expect(value["error"]?["code"]?.stringValue == "x")
        #expect(value["n"]?.stringValue == nil)
        #expect(value["missing"] == nil)
        #expect(JSONValue.array([])["error"] == nil)
        #expect(value.objectValue?.count == 2)
    }
}
