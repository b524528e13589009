import DocgenModel

/// The outcome of `JSONReader.read`: the value (unless a fatal issue stopped the read) and every defect found.
public struct JSONReadResult: Sendable {
    /// The value read, or nil when a fatal issue stopped the read.
    public var value: JSONValue?
    /// Every defect, in text order (by position; issues at the same position in the order they were found).
    public var issues: [JSONIssue]
    /// With `Options.recordsPositions`: where each value (and each member's name) starts, by JSON pointer
    /// (RFC 6901: `""` the document, `/a/0/b`); empty otherwise.
    public var positions: [String: JSONPosition]

    public init(value: JSONValue?, issues: [JSONIssue], positions: [String: JSONPosition] = [:]) {
        self.value = value
        self.issues = issues
        self.positions = positions
    }

    /// True when the text is RFC 8259 JSON without any defect.
    public var isStrictlyValid: Bool { issues.isEmpty }

    /// The issue that stopped the read, if any.
    public var fatalIssue: JSONIssue? { issues.first { $0.isFatal } }
}

/// One defect in a JSON text, with its exact position.
///
/// Position convention: `line` and `column` are 1-based and relative to the start of the text that was read.
/// Lines are separated by LF, CRLF or a lone CR. Columns count Unicode scalars (so `é` and `😀` are one column
/// each, a tab is one column; a flag or other multi-scalar emoji counts one column per scalar), never bytes.
/// The position is that of the first character of the faulty construct:
/// - repairs: the trailing comma itself; the `//` or `/*` of a comment; the first character of an elision
///   (`...`, `…`) or of a run of Unicode spaces; the raw control character itself; the opening quote of a
///   single-quoted string; the backslash of a lone-surrogate escape; for `missingComma`, the place where the
///   comma belongs, i.e. right after the end of the value before it;
/// - fatal: the unexpected character; the start of an invalid literal or number token; the backslash of an
///   invalid escape; the bracket that exceeds the maximum depth; the first character after the value
///   (`trailingContent`); the end of the text (`unexpectedEnd`, `emptyDocument`), except that an unterminated
///   string is reported at its opening quote and an unclosed block comment at its `/*`.
public struct JSONIssue: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        // Repaired in lenient mode (fatal in strict mode):
        case trailingComma, lineComment, blockComment, ellipsis, nonBreakingSpace, rawControlCharacterInString
        case singleQuotedString, missingComma
        // Always fatal (except `invalidEscape` for a lone surrogate, which lenient mode repairs with U+FFFD):
        case unexpectedCharacter, unexpectedEnd, unterminatedString, invalidEscape, invalidNumber, invalidLiteral
        case tooDeep, trailingContent, emptyDocument
    }

    public var kind: Kind
    /// Human readable, e.g. "trailing comma before '}'".
    public var message: String
    /// 1-based, relative to the start of the text.
    public var line: Int
    /// 1-based, counted in Unicode scalars.
    public var column: Int
    public var isFatal: Bool
    /// Offset of the position in the text's UTF-8 bytes (0-based), for callers that slice the text.
    public var utf8Offset: Int

    public init(kind: Kind, message: String, line: Int, column: Int, isFatal: Bool, utf8Offset: Int = 0) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
        self.isFatal = isFatal
        self.utf8Offset = utf8Offset
    }

    /// "line:column: message", with "(fatal)" for a fatal issue.
    public var description: String {
        "\(line):\(column): \(message)\(isFatal ? " (fatal)" : "")"
    }
}

/// Where a value starts in a JSON text, and for an object member where its name starts (the convention of
/// `JSONIssue`: 1-based lines, columns in Unicode scalars).
public struct JSONPosition: Hashable, Sendable {
    public var line: Int
    public var column: Int
    /// The member name's position; the value's for an array element or the document.
    public var keyLine: Int
    public var keyColumn: Int

    public init(line: Int, column: Int, keyLine: Int? = nil, keyColumn: Int? = nil) {
        self.line = line
        self.column = column
        self.keyLine = keyLine ?? line
        self.keyColumn = keyColumn ?? column
    }
}
