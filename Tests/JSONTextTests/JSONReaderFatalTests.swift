import DocgenModel
import JSONText
import Testing

/// A defect that is fatal in both modes, with its expected "kind@line:column".
struct FatalCase: Sendable, CustomTestStringConvertible {
    let text: String
    let fatal: String
    var testDescription: String { "\(fatal) in \(text.debugDescription)" }
    init(_ text: String, _ fatal: String) {
        self.text = text
        self.fatal = fatal
    }
}

let fatalCases: [FatalCase] = [
    FatalCase(#"{"a": tru}"#, "invalidLiteral@1:7"),
    FatalCase("[True]", "invalidLiteral@1:2"),
    FatalCase("[NaN]", "invalidLiteral@1:2"),
    FatalCase("{\"a\": undefined}", "invalidLiteral@1:7"),
    FatalCase(#"{"a": 1 "b": 2}"#, "unexpectedCharacter@1:9"),
    FatalCase("{a: 1}", "unexpectedCharacter@1:2"),
    FatalCase(#"{"a" 1}"#, "unexpectedCharacter@1:6"),
    FatalCase("[1, }", "unexpectedCharacter@1:5"),
    FatalCase("[1,,2]", "unexpectedCharacter@1:4"),
    FatalCase("[1 2]", "unexpectedCharacter@1:4"),
    FatalCase(#"{"a": 1]"#, "unexpectedCharacter@1:8"),
    FatalCase("[.]", "unexpectedCharacter@1:2"),
    FatalCase(#"{"a": 1"#, "unexpectedEnd@1:8"),
    FatalCase("[", "unexpectedEnd@1:2"),
    FatalCase("{\"a\":\n", "unexpectedEnd@2:1"),
    FatalCase(#"{"a""#, "unexpectedEnd@1:5"),
    FatalCase(#"{"a": "abc"#, "unterminatedString@1:7"),
    FatalCase(#"["abc\"#, "unterminatedString@1:2"),
    FatalCase(#""a\qb""#, "invalidEscape@1:3"),
    FatalCase(#""\u12G4""#, "invalidEscape@1:2"),
    FatalCase(#"["\u12"]"#, "invalidEscape@1:3"),
    FatalCase("[01]", "invalidNumber@1:2"),
    FatalCase("[1.]", "invalidNumber@1:2"),
    FatalCase("[-]", "invalidNumber@1:2"),
    FatalCase("[1e+]", "invalidNumber@1:2"),
    FatalCase("[.5]", "invalidNumber@1:2"),
    FatalCase("[+1]", "invalidNumber@1:2"),
    FatalCase("[1.5.3]", "invalidNumber@1:2"),
    FatalCase("[12abc]", "invalidNumber@1:2"),
    FatalCase("{} x", "trailingContent@1:4"),
    FatalCase("1 2", "trailingContent@1:3"),
    FatalCase("[1]]", "trailingContent@1:4"),
    FatalCase("", "emptyDocument@1:1"),
    FatalCase(" \n  ", "emptyDocument@2:3"),
]

@Test("the defect is fatal in strict mode at its exact position", arguments: fatalCases)
func strictReportsFatalDefect(_ fatal: FatalCase) {
    let result = readStrict(fatal.text)
    #expect(result.value == nil)
    #expect(spots(result.issues) == [fatal.fatal + "!"])
}

@Test("the defect stays fatal in lenient mode at the same position", arguments: fatalCases)
func lenientReportsFatalDefect(_ fatal: FatalCase) {
    let result = readLenient(fatal.text)
    #expect(result.value == nil)
    #expect(spot(result.fatalIssue) == fatal.fatal + "!")
}

@Test func invalidLiteralMessageQuotesTheToken() {
    let result = readStrict(#"{"a": tru}"#)
    #expect(result.fatalIssue?.message == "invalid literal 'tru' (expected true, false or null)")
}

@Test func invalidNumberMessageGivesTheReason() {
    #expect(readStrict("[01]").fatalIssue?.message == "invalid number '01': leading zero")
    #expect(readStrict("[1.]").fatalIssue?.message == "invalid number '1.': digit expected after '.'")
}

@Test func unterminatedStringIsReportedAtItsOpeningQuoteEvenAcrossLines() {
    let result = readLenient("{\"a\": 1,\n \"b\": \"never\nclosed}")
    #expect(result.value == nil)
    #expect(spot(result.fatalIssue) == "unterminatedString@2:7!")
}

@Test func unclosedBlockCommentIsAnUnexpectedEndReportedAtItsOpening() {
    let result = readLenient("[1 /* no end")
    #expect(result.value == nil)
    #expect(spots(result.issues) == ["blockComment@1:4", "unexpectedEnd@1:4!"])
    #expect(result.fatalIssue?.message == "block comment is never closed ('*/' missing)")
}

@Test func documentOfOnlyCommentsIsEmpty() {
    let result = readLenient("// nothing here\n")
    #expect(result.value == nil)
    #expect(spots(result.issues) == ["lineComment@1:1", "emptyDocument@2:1!"])
}

@Test func issuesBeforeTheFatalOneAreKeptInLenientMode() {
    let result = readLenient("[1, // c\n tru]")
    #expect(spots(result.issues) == ["lineComment@1:5", "invalidLiteral@2:2!"])
    #expect(result.fatalIssue?.kind == .invalidLiteral)
}

// MARK: - Depth

@Test func tenThousandNestedArraysStopAtTheDepthLimit() {
    let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    for result in [readStrict(text), readLenient(text)] {
        #expect(result.value == nil)
        #expect(spots(result.issues) == ["tooDeep@1:513!"])
    }
}

@Test func oneMillionOpeningBracketsDoNotCrash() {
    let result = readStrict(String(repeating: "[", count: 1_000_000))
    #expect(spots(result.issues) == ["tooDeep@1:513!"])
}

@Test func readerUsesAnExplicitStackWhenTheDepthLimitIsHuge() {
    let result = JSONReader.read(String(repeating: "[", count: 200_000),
                                 options: JSONReader.Options(maximumDepth: .max))
    #expect(result.value == nil)
    #expect(spots(result.issues) == ["unexpectedEnd@1:200001!"])
}

@Test func nestingExactlyAtTheDefaultLimitIsAccepted() {
    let text = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    let result = readStrict(text)
    #expect(result.issues.isEmpty)
    #expect(result.value != nil)
}

@Test func customDepthLimitCountsArraysAndObjects() {
    let options = JSONReader.Options(maximumDepth: 3)
    #expect(JSONReader.read("[[[1]]]", options: options).value == .array([.array([.array([number("1")])])]))
    #expect(spots(JSONReader.read("[[[[1]]]]", options: options).issues) == ["tooDeep@1:4!"])
    #expect(spots(JSONReader.read(#"{"a":{"b":{"c":{}}}}"#, options: options).issues) == ["tooDeep@1:16!"])
}

// MARK: - Positions

@Test func columnsCountCharactersNotBytesAfterAnAccentedLetter() {
    #expect(spot(readStrict(#"{"é": tru}"#).fatalIssue) == "invalidLiteral@1:7!")
}

@Test func columnsCountAnEmojiAsOneCharacter() {
    #expect(spot(readStrict(#"{"😀": tru}"#).fatalIssue) == "invalidLiteral@1:7!")
}

@Test func columnsCountCJKCharactersAsOneEach() {
    #expect(spot(readStrict(#"["日本語", tru]"#).fatalIssue) == "invalidLiteral@1:9!")
}

@Test func columnsCountANonBreakingSpaceAsOneCharacter() {
    let result = readLenient("{\"a\":\u{A0}tru}")
    #expect(spots(result.issues) == ["nonBreakingSpace@1:6", "invalidLiteral@1:7!"])
}

@Test func crlfCountsAsOneLineBreak() {
    #expect(spot(readStrict("{\r\n  \"a\": tru}").fatalIssue) == "invalidLiteral@2:8!")
}

@Test func loneCarriageReturnCountsAsALineBreak() {
    #expect(spots(readLenient("[1,\r2,]").issues) == ["trailingComma@2:2"])
}

@Test func linesAreCountedAcrossRawNewlinesInStrings() {
    let result = readLenient("[\"a\nb\", tru]")
    #expect(spots(result.issues) == ["rawControlCharacterInString@1:4", "invalidLiteral@2:5!"])
}
