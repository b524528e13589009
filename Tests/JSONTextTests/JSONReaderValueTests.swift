import DocgenModel
import JSONText
import Testing

@Test func numbersKeepTheirLiteralText() {
    let result = readStrict("[-0, 1.50, 1E+2, 12345678901234567890123, 0.000e-0, -7]")
    #expect(result.value == .array(["-0", "1.50", "1E+2", "12345678901234567890123", "0.000e-0", "-7"].map(number)))
}

@Test func escapesAreDecodedIncludingSurrogatePairs() {
    let result = readStrict(#""\"\\\/\b\f\n\r\t\u00e9\u00C9\uD83D\uDE00""#)
    #expect(result.value == .string("\"\\/\u{8}\u{C}\n\r\t\u{E9}\u{C9}\u{1F600}"))
}

@Test func nonASCIICharactersInStringsArePreserved() {
    #expect(readStrict(#"{"clé": "naïve 😀 日本"}"#).value == object(("clé", .string("naïve 😀 日本"))))
}

@Test func duplicateKeysAreKeptInPageOrder() {
    let result = readStrict(#"{"a": 1, "b": 2, "a": 3}"#)
    #expect(result.value == object(("a", number("1")), ("b", number("2")), ("a", number("3"))))
}

@Test func scalarsAreValidTopLevelValues() {
    #expect(readStrict("true").value == .bool(true))
    #expect(readStrict("false").value == .bool(false))
    #expect(readStrict(" null ").value == .null)
    #expect(readStrict("\n42\n").value == number("42"))
    #expect(readStrict(#""x""#).value == .string("x"))
}

@Test func emptyContainersAndNestingAreRead() {
    let result = readStrict(#"{"a": [], "b": {}, "c": [[{}]]}"#)
    #expect(result.value == object(("a", .array([])), ("b", .object([])), ("c", .array([.array([.object([])])]))))
}

@Test func apostropheInsideADoubleQuotedStringIsPlainText() {
    #expect(readStrict(#"["it's"]"#).value == .array([.string("it's")]))
}

@Test func escapedApostropheInADoubleQuotedStringIsInvalid() {
    #expect(spot(readLenient(#"["it\'s"]"#).fatalIssue) == "invalidEscape@1:5!")
}
