import DocgenModel
import JSONText
import Testing

private func value(_ text: String) throws -> JSONValue {
    try #require(readStrict(text).value, "not JSON: \(text)")
}

private func differences(_ expected: String, _ actual: String) throws -> [JSONDifference] {
    JSONComparison.differences(expected: try value(expected), actual: try value(actual))
}

@Test func memberOrderIsIgnored() throws {
    #expect(try differences(#"{"a": 1, "b": {"c": 2, "d": 3}}"#, #"{"b": {"d": 3, "c": 2}, "a": 1}"#).isEmpty)
}

@Test(arguments: [
    ("1", "1.0"), ("1", "1e0"), ("1.0", "1e0"), ("100", "1e2"), ("100", "1E+2"), ("0.1", "0.10"),
    ("-0", "0"), ("0", "0.000e5"), ("1500", "1.5e3"), ("-12.30", "-1.23E1"), ("0.001", "1e-3"),
    ("123456789012345678901234567890", "1.23456789012345678901234567890e29"),
])
func numbersDenotingTheSameValueAreEqual(_ a: String, _ b: String) throws {
    #expect(try differences(a, b).isEmpty)
    #expect(try differences(b, a).isEmpty)
}

@Test(arguments: [
    ("12345678901234567890", "12345678901234567891"), ("9007199254740993", "9007199254740992"),
    ("1", "-1"), ("0.1", "0.01"), ("1e2", "1e3"), ("10", "1"), ("1.5", "15"),
])
func numbersDenotingDifferentValuesDiffer(_ a: String, _ b: String) throws {
    let found = try differences(a, b)
    #expect(found == [JSONDifference(path: "$", kind: .changed, expected: number(a), actual: number(b))])
}

@Test func numberLiteralsThatAreNotJSONOnlyEqualTheSameText() {
    #expect(JSONComparison.numbersAreEqual("NaN", "NaN"))
    #expect(!JSONComparison.numbersAreEqual("1.", "1"))
}

@Test func escapedSlashEqualsPlainSlash() throws {
    #expect(try differences(#"{"url": "a\/b"}"#, #"{"url": "a/b"}"#).isEmpty)
    #expect(try differences(#""\u00e9""#, #""é""#).isEmpty)
}

@Test func stringsAreComparedByScalarsNotCanonicalEquivalence() {
    let found = JSONComparison.differences(expected: .string("\u{E9}"), actual: .string("e\u{301}"))
    #expect(found.map(\.kind) == [.changed])
}

@Test func missingUnexpectedAndChangedCarryTheirPaths() throws {
    let expected = #"""
    {"target": {"collectionId": "Collection Id value", "x": 1},
     "source": "policySets", "items": [1, 2], "@odata.type": "#a", "same": true}
    """#
    let actual = #"""
    {"source": "direct", "target": {"x": 1.0}, "items": [1, 2, {"a": 1}],
     "@odata.type": "#b", "same": true, "extra": null}
    """#
    let found = try differences(expected, actual)
    #expect(found == [
        JSONDifference(path: "$.target.collectionId", kind: .missing,
                       expected: .string("Collection Id value"), actual: nil),
        JSONDifference(path: "$.source", kind: .changed, expected: .string("policySets"), actual: .string("direct")),
        JSONDifference(path: "$.items[2]", kind: .unexpected, expected: nil, actual: object(("a", number("1")))),
        JSONDifference(path: #"$["@odata.type"]"#, kind: .changed, expected: .string("#a"), actual: .string("#b")),
        JSONDifference(path: "$.extra", kind: .unexpected, expected: nil, actual: .null),
    ])
    #expect(JSONComparison.report(found) == #"""
    $.target.collectionId: missing (expected "Collection Id value")
    $.source: expected "policySets", got "direct"
    $.items[2]: unexpected {"a":1}
    $["@odata.type"]: expected "#a", got "#b"
    $.extra: unexpected null
    """#)
}

@Test func missingArrayElementIsReportedAtItsIndex() throws {
    let found = try differences(#"{"value": [{"id": "1"}, {"id": "2"}]}"#, #"{"value": [{"id": "1"}]}"#)
    #expect(found == [JSONDifference(path: "$.value[1]", kind: .missing,
                                     expected: object(("id", .string("2"))), actual: nil)])
}

@Test func nestedPathCombinesIndicesAndKeys() throws {
    let found = try differences(#"{"value": [{"id": "1"}]}"#, #"{"value": [{"id": "2"}]}"#)
    #expect(found.map(\.path) == ["$.value[0].id"])
}

@Test func differentKindsAreChanged() throws {
    #expect(try differences(#"{"a": 1}"#, #"{"a": "1"}"#)
            == [JSONDifference(path: "$.a", kind: .changed, expected: number("1"), actual: .string("1"))])
    #expect(try differences("[]", "{}")
            == [JSONDifference(path: "$", kind: .changed, expected: .array([]), actual: .object([]))])
    #expect(try differences("null", "false").map(\.kind) == [.changed])
}

@Test func lastDuplicateKeyCounts() throws {
    #expect(try differences(#"{"a": 1, "a": 2}"#, #"{"a": 2}"#).isEmpty)
    #expect(try differences(#"{"a": 1, "a": 2}"#, #"{"a": 1}"#)
            == [JSONDifference(path: "$.a", kind: .changed, expected: number("2"), actual: number("1"))])
}

@Test func keysThatAreNotIdentifiersAreQuotedInPaths() throws {
    let found = try differences(#"{"a b": 1, "1x": 1, "": 1, "x_1": 1}"#, "{}")
    #expect(found.map(\.path) == [#"$["a b"]"#, #"$["1x"]"#, #"$[""]"#, "$.x_1"])
}

@Test func differenceDescriptionIsItsReportLine() {
    let difference = JSONDifference(path: "$.a", kind: .changed, expected: .bool(true), actual: .null)
    #expect(difference.description == "$.a: expected true, got null")
    #expect(JSONComparison.report([difference]) == difference.description)
}

@Test func equalValuesHaveAnEmptyReport() throws {
    let found = try differences(#"{"a": [1, {"b": null}]}"#, #"{"a": [1.0, {"b": null}]}"#)
    #expect(found.isEmpty)
    #expect(JSONComparison.report(found) == "")
    #expect(JSONComparison.areEquivalent(try value("[1e1]"), try value("[10]")))
}
