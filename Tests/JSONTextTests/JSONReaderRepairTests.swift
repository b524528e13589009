import DocgenModel
import JSONText
import Testing

/// One defect that lenient mode repairs: the text, the value it must read as, and its issues (non-fatal).
struct RepairCase: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let value: JSONValue
    let issues: [String]
    var testDescription: String { name }
}

let repairCases: [RepairCase] = [
    RepairCase(name: "trailing comma in an object", text: #"{"a": 1,}"#,
               value: object(("a", number("1"))), issues: ["trailingComma@1:8"]),
    RepairCase(name: "trailing comma in a multi-line array", text: "[\n  1,\n  2,\n]",
               value: .array([number("1"), number("2")]), issues: ["trailingComma@3:4"]),
    RepairCase(name: "line comment after a member", text: "{\n  \"a\": 1 // the id\n}",
               value: object(("a", number("1"))), issues: ["lineComment@2:10"]),
    RepairCase(name: "block comment between elements", text: "[1, /* two */ 2]",
               value: .array([number("1"), number("2")]), issues: ["blockComment@1:5"]),
    RepairCase(name: "multi-line block comment before the value", text: "/* header\n */ {\"a\": true}",
               value: object(("a", .bool(true))), issues: ["blockComment@1:1"]),
    RepairCase(name: "elision after the last member", text: #"{"a": 1, ...}"#,
               value: object(("a", number("1"))), issues: ["ellipsis@1:10"]),
    RepairCase(name: "two-dot elision inside an element and elision after it", text: "[ {..}, ... ]",
               value: .array([.object([])]), issues: ["ellipsis@1:4", "ellipsis@1:9"]),
    RepairCase(name: "elision as the only array element", text: #"{"value": [ ... ]}"#,
               value: object(("value", .array([]))), issues: ["ellipsis@1:13"]),
    RepairCase(name: "horizontal ellipsis character alone in an object", text: "{ \u{2026} }",
               value: .object([]), issues: ["ellipsis@1:3"]),
    RepairCase(name: "five-dot elision between elements with its comma", text: "[1, ....., 2]",
               value: .array([number("1"), number("2")]), issues: ["ellipsis@1:5"]),
    RepairCase(name: "elision on its own line between members needs no comma",
               text: "{\n  \"a\": 1,\n  ...\n  \"b\": 2\n}",
               value: object(("a", number("1")), ("b", number("2"))), issues: ["ellipsis@3:3"]),
    RepairCase(name: "non-breaking spaces as whitespace", text: "{\u{A0}\"a\":\u{A0}1}",
               value: object(("a", number("1"))), issues: ["nonBreakingSpace@1:2", "nonBreakingSpace@1:7"]),
    RepairCase(name: "byte order mark before the value", text: "\u{FEFF}{}",
               value: .object([]), issues: ["nonBreakingSpace@1:1"]),
    RepairCase(name: "run of em spaces is one issue", text: "[1,\u{2003}\u{2003} \u{200B}2]",
               value: .array([number("1"), number("2")]), issues: ["nonBreakingSpace@1:4"]),
    RepairCase(name: "raw newline and tab kept inside a string", text: "{\"a\": \"line1\nline2\tx\"}",
               value: object(("a", .string("line1\nline2\tx"))),
               issues: ["rawControlCharacterInString@1:13", "rawControlCharacterInString@2:6"]),
    RepairCase(name: "missing comma between members on different lines", text: "{\n  \"a\": 1\n  \"b\": 2\n}",
               value: object(("a", number("1")), ("b", number("2"))), issues: ["missingComma@2:9"]),
    RepairCase(name: "missing comma between array objects on different lines",
               text: "[\n  {\"id\": 1}\n  {\"id\": 2}\n]",
               value: .array([object(("id", number("1"))), object(("id", number("2")))]),
               issues: ["missingComma@2:12"]),
    RepairCase(name: "single-quoted name and value", text: #"{'a': 'say "hi"'}"#,
               value: object(("a", .string("say \"hi\""))),
               issues: ["singleQuotedString@1:2", "singleQuotedString@1:7"]),
    RepairCase(name: "escaped apostrophe in a single-quoted string", text: #"['it\'s']"#,
               value: .array([.string("it's")]), issues: ["singleQuotedString@1:2"]),
    RepairCase(name: "lone high surrogate becomes a replacement character", text: #"["\uD800x"]"#,
               value: .array([.string("\u{FFFD}x")]), issues: ["invalidEscape@1:3"]),
    RepairCase(name: "lone low surrogate becomes a replacement character", text: #""\uDC00""#,
               value: .string("\u{FFFD}"), issues: ["invalidEscape@1:2"]),
]

@Test("lenient mode repairs the defect, reads the value and reports the defect's position",
      arguments: repairCases)
func lenientRepairsDefect(_ repair: RepairCase) {
    let result = readLenient(repair.text)
    #expect(result.value == repair.value)
    #expect(spots(result.issues) == repair.issues)
    #expect(result.fatalIssue == nil)
    #expect(!result.isStrictlyValid)
}

@Test("strict mode stops at the first of the same defects, with the same kind and position",
      arguments: repairCases)
func strictRejectsRepairableDefect(_ repair: RepairCase) throws {
    let result = readStrict(repair.text)
    #expect(result.value == nil)
    #expect(result.issues.count == 1)
    let fatal = try #require(result.fatalIssue)
    #expect(spot(fatal) == repair.issues[0] + "!")
}

@Test func missingCommaOnTheSameLineIsFatalEvenInLenientMode() {
    let result = readLenient(#"{"a": 1 "b": 2}"#)
    #expect(result.value == nil)
    #expect(spots(result.issues) == ["unexpectedCharacter@1:9!"])
}

@Test func missingCommaAfterALineCommentIsRepairedAndIssuesStayInTextOrder() {
    let result = readLenient("{\"a\": 1 // one\n\"b\": 2}")
    #expect(result.value == object(("a", number("1")), ("b", number("2"))))
    #expect(spots(result.issues) == ["missingComma@1:8", "lineComment@1:9"])
}

@Test func elisionBeforeTheFirstMemberSkipsItsComma() {
    let result = readLenient(#"{..., "a": 1}"#)
    #expect(result.value == object(("a", number("1"))))
    #expect(spots(result.issues) == ["ellipsis@1:2"])
}

@Test func elisionDirectlyAfterANumberEndsTheNumber() {
    let result = readLenient("[1, 2...]")
    #expect(result.value == .array([number("1"), number("2")]))
    #expect(spots(result.issues) == ["ellipsis@1:6"])
}

@Test func commaAfterAnElisionFollowedByCloserIsATrailingComma() {
    let result = readLenient("[1, ..., ]")
    #expect(result.value == .array([number("1")]))
    #expect(spots(result.issues) == ["ellipsis@1:5", "trailingComma@1:8"])
}

@Test func elisionStandingForAValueIsFatal() {
    let result = readLenient(#"{"a": ...}"#)
    #expect(result.value == nil)
    #expect(spot(result.fatalIssue) == "unexpectedCharacter@1:7!")
}

@Test func unquotedMemberNameIsFatalEvenInLenientMode() {
    let result = readLenient("{ id: 1 }")
    #expect(result.value == nil)
    #expect(spot(result.fatalIssue) == "unexpectedCharacter@1:3!")
}

@Test func cleanDocumentHasNoIssuesInEitherMode() {
    let text = "{\"a\": [1, {\"b\": null}], \"c\": \"d\"}\n"
    for result in [readStrict(text), readLenient(text)] {
        #expect(result.issues.isEmpty)
        #expect(result.isStrictlyValid)
        #expect(result.value == object(("a", .array([number("1"), object(("b", .null))])), ("c", .string("d"))))
    }
}

@Test func issueMessagesNameTheDefect() {
    let result = readLenient(#"{"a": [1,], "b": 2,}"#)
    #expect(result.issues.map(\.message) == ["trailing comma before ']'", "trailing comma before '}'"])
    #expect(result.issues.first?.description == "1:9: trailing comma before ']'")
}

@Test func issuesCarryTheirUTF8Offset() {
    let result = readLenient("[\"é\", 1,]")
    #expect(result.issues.map(\.utf8Offset) == [8])
    #expect(spots(result.issues) == ["trailingComma@1:8"])
}
