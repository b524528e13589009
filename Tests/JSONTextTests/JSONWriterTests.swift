import DocgenModel
import JSONText
import Testing

private let sample = object(
    ("a", .array([number("1"), .bool(true), .null])),
    ("b", .string("x\"y")),
    ("c", .object([])),
    ("d", .array([])),
    ("e", object(("f", number("-1.50e3"))))
)

@Test func compactOutputHasNoWhitespaceAndKeepsMemberOrder() {
    #expect(JSONWriter.write(sample) == #"{"a":[1,true,null],"b":"x\"y","c":{},"d":[],"e":{"f":-1.50e3}}"#)
}

@Test func prettyOutputIndentsByTwoSpaces() {
    let expected = """
    {
      "a": [
        1,
        true,
        null
      ],
      "b": "x\\"y",
      "c": {},
      "d": [],
      "e": {
        "f": -1.50e3
      }
    }
    """
    #expect(JSONWriter.write(sample, pretty: true) == expected)
}

@Test func stringsAreEscapedPerRFC8259AndSlashIsNot() {
    let value = JSONValue.string("q\"b\\s/\n\r\t\u{8}\u{C}\u{1}\u{1F}é😀")
    #expect(JSONWriter.write(value) == #""q\"b\\s/\n\r\t\b\f\u0001\u001fé😀""#)
}

@Test func memberNamesAreEscapedLikeStrings() {
    #expect(JSONWriter.write(object(("a\"b\n", .null))) == #"{"a\"b\n":null}"#)
}

@Test func numbersAreWrittenAsTheirLiteral() {
    #expect(JSONWriter.write(.array([number("1.50E+3"), number("-0"), number("12345678901234567890123")]))
            == "[1.50E+3,-0,12345678901234567890123]")
}

@Test func duplicateMembersAreWrittenInStoredOrder() {
    #expect(JSONWriter.write(object(("a", number("1")), ("a", number("2")))) == #"{"a":1,"a":2}"#)
}

@Test(arguments: [false, true])
func writtenTextReadsBackToTheSameValue(pretty: Bool) {
    let value = object(
        ("plain", .string("text")),
        ("escapes", .string("quote \" backslash \\ slash / newline \n tab \t bell \u{7} nul \u{0}")),
        ("unicode", .string("é 😀 \u{2028} \u{FEFF}")),
        ("a\tkey \"quoted\"", .array([
            .null, .bool(false), number("-0.5e-7"), .array([]), .object([]),
            .array([object(("deep", .array([.array([number("1")])])))]),
        ])),
        ("dup", number("1")),
        ("dup", number("2"))
    )
    let text = JSONWriter.write(value, pretty: pretty)
    let result = readStrict(text)
    #expect(result.isStrictlyValid)
    #expect(result.value == value)
}

@Test func quotedProducesAJSONStringLiteral() {
    #expect(JSONWriter.quoted("@odata.type") == #""@odata.type""#)
    #expect(JSONWriter.quoted("a\"b") == #""a\"b""#)
}
