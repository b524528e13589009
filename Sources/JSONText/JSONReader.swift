import DocgenModel

/// Reads JSON text into an ordered `JSONValue`, strictly (RFC 8259) or leniently (repairing the defects that
/// Microsoft Graph documentation examples contain), reporting every defect with its exact position.
///
/// Strict mode: any defect is fatal and the value is nil.
///
/// Lenient mode repairs, with one non-fatal issue each:
/// - trailing commas before `}` or `]` (`trailingComma`);
/// - `//` and `/* */` comments wherever whitespace may be (`lineComment`, `blockComment`);
/// - an elision (`...`, `..`, `.....`, `…`) standing where a member or an array element would be; it is skipped
///   like an element that is not there, together with the comma after it (`ellipsis`);
/// - U+00A0 and other Unicode spaces (U+1680, U+2000–U+200B, U+2028, U+2029, U+202F, U+205F, U+2060, U+3000,
///   U+FEFF) wherever whitespace may be; one issue per run of them (`nonBreakingSpace`);
/// - raw control characters (U+0000–U+001F) inside strings, kept as they are (`rawControlCharacterInString`);
/// - a missing comma between two members or elements on different lines (`missingComma`);
/// - single-quoted strings, in which `\'` is also an escape (`singleQuotedString`);
/// - a lone UTF-16 surrogate escape, replaced by U+FFFD (`invalidEscape`).
/// Everything else is fatal in both modes. See `JSONIssue` for the position convention.
///
/// The reader never recurses: nesting is tracked on an explicit stack and limited by `maximumDepth`.
public enum JSONReader {
    public struct Options: Sendable {
        /// Repair the defects listed on `JSONReader` instead of stopping at them.
        public var lenient: Bool
        /// The deepest nesting of arrays and objects accepted; an opening bracket beyond it is a fatal `tooDeep`.
        /// The reader itself does not recurse, but destroying, writing and comparing a `JSONValue` do, so keep
        /// this moderate.
        public var maximumDepth: Int
        /// Record where each value and member name starts (`JSONReadResult.positions`), for readers of
        /// configuration files that name the line of a wrong value.
        public var recordsPositions: Bool

        public init(lenient: Bool = false, maximumDepth: Int = 512, recordsPositions: Bool = false) {
            self.lenient = lenient
            self.maximumDepth = maximumDepth
            self.recordsPositions = recordsPositions
        }

        public static var strict: Options { Options() }
        public static var lenient: Options { Options(lenient: true) }
    }

    public static func read(_ text: String, options: Options = Options()) -> JSONReadResult {
        var text = text
        return text.withUTF8 { bytes in
            var parser = JSONParser(bytes: bytes, options: options)
            let value = parser.parseDocument()
            return JSONReadResult(value: parser.failed ? nil : value, issues: parser.resolvedIssues(),
                                  positions: parser.resolvedPositions())
        }
    }
}

// MARK: - Parser

private enum Byte {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let apostrophe: UInt8 = 0x27
    static let asterisk: UInt8 = 0x2A
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let underscore: UInt8 = 0x5F
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }
}

private struct PendingIssue {
    var kind: JSONIssue.Kind
    var offset: Int
    var message: String
    var isFatal: Bool
}

private struct Frame {
    var isObject: Bool
    var elements: [JSONValue] = []
    var members: [JSONMember] = []
    var key: String = ""

    init(isObject: Bool) { self.isObject = isObject }
}

private enum Step {
    /// A value must start at the current position (trivia already skipped).
    case value
    /// Just after `{` or `[`.
    case containerStart
    /// After a member value or an element.
    case afterValue
    /// After the comma that separates members or elements.
    case afterComma
    /// After an elision standing for members or elements.
    case afterEllipsis
}

private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    let lenient: Bool
    let maximumDepth: Int
    let recordsPositions: Bool
    var i = 0
    var pending: [PendingIssue] = []
    /// With `recordsPositions`: (JSON pointer, is a member name, UTF-8 offset), in text order.
    var starts: [(pointer: String, isKey: Bool, offset: Int)] = []
    var failed = false
    /// Whether the last `skipTrivia` passed a line break.
    var crossedNewline = false
    var stack: [Frame] = []

    init(bytes: UnsafeBufferPointer<UInt8>, options: JSONReader.Options) {
        self.bytes = bytes
        self.end = bytes.count
        self.lenient = options.lenient
        self.maximumDepth = options.maximumDepth
        self.recordsPositions = options.recordsPositions
    }

    // MARK: Issues

    /// Records a defect that lenient mode repairs. Returns false when it is fatal (strict mode).
    mutating func repair(_ kind: JSONIssue.Kind, at offset: Int, _ message: String) -> Bool {
        pending.append(PendingIssue(kind: kind, offset: offset, message: message, isFatal: !lenient))
        if !lenient { failed = true }
        return lenient
    }

    /// Records a fatal defect.
    mutating func fail(_ kind: JSONIssue.Kind, at offset: Int, _ message: String) {
        pending.append(PendingIssue(kind: kind, offset: offset, message: message, isFatal: true))
        failed = true
    }

    /// The issues in text order with line and column, computed in one pass over the text.
    func resolvedIssues() -> [JSONIssue] {
        if pending.isEmpty { return [] }
        let order = pending.indices.sorted { a, b in
            pending[a].offset != pending[b].offset ? pending[a].offset < pending[b].offset : a < b
        }
        var issues: [JSONIssue] = []
        issues.reserveCapacity(pending.count)
        var line = 1, column = 1, position = 0
        for index in order {
            let issue = pending[index]
            let target = min(issue.offset, end)
            while position < target {
                let b = bytes[position]
                if b == Byte.lineFeed {
                    line += 1
                    column = 1
                } else if b == Byte.carriageReturn && !(position + 1 < end && bytes[position + 1] == Byte.lineFeed) {
                    line += 1
                    column = 1
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
                position += 1
            }
            issues.append(JSONIssue(kind: issue.kind, message: issue.message, line: line, column: column,
                                    isFatal: issue.isFatal, utf8Offset: issue.offset))
        }
        return issues
    }

    /// The JSON pointer (RFC 6901) of the value about to be read: each open object's current member name,
    /// each open array's next index.
    func currentPointer() -> String {
        var pointer = ""
        for frame in stack {
            if frame.isObject {
                pointer += "/" + frame.key.replacingTilde()
            } else {
                pointer += "/\(frame.elements.count)"
            }
        }
        return pointer
    }

    /// Line and column of every recorded start, computed in one pass (the convention of `JSONIssue`).
    func resolvedPositions() -> [String: JSONPosition] {
        var result: [String: JSONPosition] = [:]
        var line = 1, column = 1, position = 0
        for start in starts {
            while position < min(start.offset, end) {
                let b = bytes[position]
                if b == Byte.lineFeed || (b == Byte.carriageReturn && !(position + 1 < end && bytes[position + 1] == Byte.lineFeed)) {
                    line += 1
                    column = 1
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
                position += 1
            }
            var entry = result[start.pointer] ?? JSONPosition(line: line, column: column)
            if start.isKey {
                entry.keyLine = line
                entry.keyColumn = column
            } else {
                entry.line = line
                entry.column = column
            }
            result[start.pointer] = entry
        }
        return result
    }

    // MARK: Document

    mutating func parseDocument() -> JSONValue? {
        guard skipTrivia() else { return nil }
        if i == end {
            fail(.emptyDocument, at: i, "the text contains no JSON value")
            return nil
        }
        guard let value = parseValue() else { return nil }
        guard skipTrivia() else { return nil }
        if i < end {
            fail(.trailingContent, at: i, "unexpected \(describeCharacter(at: i)) after the end of the JSON value")
            return nil
        }
        return value
    }

    /// Reads one value, iteratively; nesting lives on `stack`.
    mutating func parseValue() -> JSONValue? {
        var step = Step.value
        var lastValueEnd = 0
        var lastComma = 0
        while true {
            var produced: JSONValue?
            switch step {
            case .value:
                if recordsPositions { starts.append((currentPointer(), false, i)) }
                guard i < end else {
                    fail(.unexpectedEnd, at: i, "unexpected end of text where a value is expected")
                    return nil
                }
                let b = bytes[i]
                switch b {
                case Byte.openBrace, Byte.openBracket:
                    if stack.count >= maximumDepth {
                        fail(.tooDeep, at: i, "nesting deeper than the maximum depth of \(maximumDepth)")
                        return nil
                    }
                    stack.append(Frame(isObject: b == Byte.openBrace))
                    i += 1
                    step = .containerStart
                    continue
                case Byte.quote:
                    guard let string = parseString(quote: Byte.quote) else { return nil }
                    produced = .string(string)
                case Byte.apostrophe:
                    guard repair(.singleQuotedString, at: i, "single-quoted string") else { return nil }
                    guard let string = parseString(quote: Byte.apostrophe) else { return nil }
                    produced = .string(string)
                case Byte.minus, Byte.zero...Byte.nine:
                    guard let literal = parseNumber() else { return nil }
                    produced = .number(literal)
                case Byte.plus where i + 1 < end && Byte.isDigit(bytes[i + 1]),
                     Byte.dot where i + 1 < end && Byte.isDigit(bytes[i + 1]):
                    _ = parseNumber()
                    return nil
                default:
                    if Byte.isLetter(b) {
                        guard let literal = parseLiteral() else { return nil }
                        produced = literal
                    } else if ellipsisLength(at: i) > 0 {
                        fail(.unexpectedCharacter, at: i,
                             "an elision ('...') cannot stand for a value; only for members or elements")
                        return nil
                    } else {
                        fail(.unexpectedCharacter, at: i, "unexpected \(describeCharacter(at: i)) where a value is expected")
                        return nil
                    }
                }

            case .containerStart:
                guard skipTrivia() else { return nil }
                guard i < end else { return failUnexpectedEnd() }
                let isObject = stack[stack.count - 1].isObject
                let b = bytes[i]
                if b == (isObject ? Byte.closeBrace : Byte.closeBracket) {
                    i += 1
                    produced = popContainer()
                } else if let length = Optional(ellipsisLength(at: i)), length > 0 {
                    guard skipEllipsis(length: length) else { return nil }
                    step = .afterEllipsis
                } else if isObject {
                    guard parseMemberName() else { return nil }
                    step = .value
                } else {
                    step = .value
                }

            case .afterValue:
                guard skipTrivia() else { return nil }
                guard i < end else { return failUnexpectedEnd() }
                let isObject = stack[stack.count - 1].isObject
                let b = bytes[i]
                if b == Byte.comma {
                    lastComma = i
                    i += 1
                    step = .afterComma
                } else if b == (isObject ? Byte.closeBrace : Byte.closeBracket) {
                    i += 1
                    produced = popContainer()
                } else if let length = Optional(ellipsisLength(at: i)), length > 0 {
                    guard skipEllipsis(length: length) else { return nil }
                    step = .afterEllipsis
                } else if crossedNewline && startsElement(b, inObject: isObject) {
                    let what = isObject ? "members" : "elements"
                    guard repair(.missingComma, at: lastValueEnd, "missing ',' between \(what) on different lines")
                    else { return nil }
                    if isObject {
                        guard parseMemberName() else { return nil }
                    }
                    step = .value
                } else {
                    let expected = isObject ? "',' or '}' after a member" : "',' or ']' after an element"
                    fail(.unexpectedCharacter, at: i, "expected \(expected), found \(describeCharacter(at: i))")
                    return nil
                }

            case .afterComma:
                guard skipTrivia() else { return nil }
                guard i < end else { return failUnexpectedEnd() }
                let isObject = stack[stack.count - 1].isObject
                let b = bytes[i]
                let closer = isObject ? Byte.closeBrace : Byte.closeBracket
                if b == closer {
                    guard repair(.trailingComma, at: lastComma, "trailing comma before '\(Character(Unicode.Scalar(closer)))'")
                    else { return nil }
                    i += 1
                    produced = popContainer()
                } else if let length = Optional(ellipsisLength(at: i)), length > 0 {
                    guard skipEllipsis(length: length) else { return nil }
                    step = .afterEllipsis
                } else if isObject {
                    guard parseMemberName() else { return nil }
                    step = .value
                } else {
                    step = .value
                }

            case .afterEllipsis:
                guard skipTrivia() else { return nil }
                guard i < end else { return failUnexpectedEnd() }
                let isObject = stack[stack.count - 1].isObject
                let b = bytes[i]
                if b == Byte.comma {
                    lastComma = i
                    i += 1
                    step = .afterComma
                } else if b == (isObject ? Byte.closeBrace : Byte.closeBracket) {
                    i += 1
                    produced = popContainer()
                } else if let length = Optional(ellipsisLength(at: i)), length > 0 {
                    guard skipEllipsis(length: length) else { return nil }
                } else if startsElement(b, inObject: isObject) {
                    // The elision separates what follows; no comma needed.
                    if isObject {
                        guard parseMemberName() else { return nil }
                    }
                    step = .value
                } else {
                    let expected = isObject ? "',' or '}' after an elision" : "',' or ']' after an elision"
                    fail(.unexpectedCharacter, at: i, "expected \(expected), found \(describeCharacter(at: i))")
                    return nil
                }
            }

            if let value = produced {
                if stack.isEmpty { return value }
                let top = stack.count - 1
                if stack[top].isObject {
                    stack[top].members.append(JSONMember(key: stack[top].key, value: value))
                } else {
                    stack[top].elements.append(value)
                }
                lastValueEnd = i
                step = .afterValue
            }
        }
    }

    mutating func popContainer() -> JSONValue {
        let frame = stack.removeLast()
        return frame.isObject ? .object(frame.members) : .array(frame.elements)
    }

    mutating func failUnexpectedEnd() -> JSONValue? {
        let isObject = stack[stack.count - 1].isObject
        fail(.unexpectedEnd, at: i, isObject ? "unexpected end of text inside an object ('}' missing)"
                                             : "unexpected end of text inside an array (']' missing)")
        return nil
    }

    func startsElement(_ b: UInt8, inObject: Bool) -> Bool {
        if inObject { return b == Byte.quote || b == Byte.apostrophe }
        switch b {
        case Byte.openBrace, Byte.openBracket, Byte.quote, Byte.apostrophe, Byte.minus, Byte.zero...Byte.nine:
            return true
        default:
            return Byte.isLetter(b)
        }
    }

    /// Reads a member name, the colon after it and the trivia after that. `i < end` on entry.
    mutating func parseMemberName() -> Bool {
        let b = bytes[i]
        let keyStart = i
        let key: String
        if b == Byte.quote {
            guard let string = parseString(quote: Byte.quote) else { return false }
            key = string
        } else if b == Byte.apostrophe {
            guard repair(.singleQuotedString, at: i, "single-quoted string") else { return false }
            guard let string = parseString(quote: Byte.apostrophe) else { return false }
            key = string
        } else {
            let found = describeCharacter(at: i)
            fail(.unexpectedCharacter, at: i, Byte.isLetter(b) || b == Byte.underscore
                 ? "expected a member name in double quotes, found the unquoted \(found)"
                 : "expected a member name in double quotes, found \(found)")
            return false
        }
        stack[stack.count - 1].key = key
        if recordsPositions { starts.append((currentPointer(), true, keyStart)) }
        guard skipTrivia() else { return false }
        guard i < end else {
            fail(.unexpectedEnd, at: i, "unexpected end of text where ':' is expected")
            return false
        }
        guard bytes[i] == Byte.colon else {
            fail(.unexpectedCharacter, at: i, "expected ':' after a member name, found \(describeCharacter(at: i))")
            return false
        }
        i += 1
        return skipTrivia()
    }

    // MARK: Trivia

    /// Skips whitespace and, leniently, comments and Unicode spaces. Returns false on a fatal issue.
    mutating func skipTrivia() -> Bool {
        crossedNewline = false
        while i < end {
            let b = bytes[i]
            switch b {
            case Byte.space, Byte.tab:
                i += 1
            case Byte.lineFeed, Byte.carriageReturn:
                crossedNewline = true
                i += 1
            case Byte.slash:
                guard i + 1 < end else { return true }
                let next = bytes[i + 1]
                if next == Byte.slash {
                    guard repair(.lineComment, at: i, "line comment") else { return false }
                    i += 2
                    while i < end && bytes[i] != Byte.lineFeed && bytes[i] != Byte.carriageReturn { i += 1 }
                } else if next == Byte.asterisk {
                    let start = i
                    guard repair(.blockComment, at: i, "block comment") else { return false }
                    i += 2
                    var closed = false
                    while i < end {
                        let c = bytes[i]
                        if c == Byte.asterisk && i + 1 < end && bytes[i + 1] == Byte.slash {
                            i += 2
                            closed = true
                            break
                        }
                        if c == Byte.lineFeed || c == Byte.carriageReturn { crossedNewline = true }
                        i += 1
                    }
                    if !closed {
                        fail(.unexpectedEnd, at: start, "block comment is never closed ('*/' missing)")
                        return false
                    }
                } else {
                    return true
                }
            case 0xC2, 0xE1, 0xE2, 0xE3, 0xEF:
                guard let (scalar, length) = unicodeSpace(at: i) else { return true }
                guard repair(.nonBreakingSpace, at: i, "\(spaceName(scalar)) treated as whitespace") else { return false }
                i += length
                // One issue for a run of such spaces (ASCII blanks in between included).
                while i < end {
                    if bytes[i] == Byte.space || bytes[i] == Byte.tab {
                        i += 1
                    } else if let (_, next) = unicodeSpace(at: i) {
                        i += next
                    } else {
                        break
                    }
                }
            default:
                return true
            }
        }
        return true
    }

    /// The Unicode space (other than ASCII whitespace) starting at `offset`, with its UTF-8 length.
    func unicodeSpace(at offset: Int) -> (UInt32, Int)? {
        let b0 = bytes[offset]
        if b0 == 0xC2 {
            if offset + 1 < end && bytes[offset + 1] == 0xA0 { return (0xA0, 2) }
            return nil
        }
        guard offset + 2 < end else { return nil }
        let b1 = bytes[offset + 1], b2 = bytes[offset + 2]
        switch (b0, b1) {
        case (0xE1, 0x9A) where b2 == 0x80: return (0x1680, 3)
        case (0xE2, 0x80) where b2 <= 0x8B || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF:
            return (0x2000 + UInt32(b2 & 0x3F), 3)
        case (0xE2, 0x81) where b2 == 0x9F || b2 == 0xA0: return (0x2040 + UInt32(b2 & 0x3F), 3)
        case (0xE3, 0x80) where b2 == 0x80: return (0x3000, 3)
        case (0xEF, 0xBB) where b2 == 0xBF: return (0xFEFF, 3)
        default: return nil
        }
    }

    func spaceName(_ scalar: UInt32) -> String {
        switch scalar {
        case 0xA0: return "non-breaking space (U+00A0)"
        case 0xFEFF: return "byte order mark (U+FEFF)"
        case 0x2028: return "line separator (U+2028)"
        case 0x2029: return "paragraph separator (U+2029)"
        default: return "Unicode space (\(hexScalar(scalar)))"
        }
    }

    // MARK: Elision

    /// The UTF-8 length of an elision (two or more '.', or one or more '…', in any mix) at `offset`, else 0.
    func ellipsisLength(at offset: Int) -> Int {
        var j = offset
        var dots = 0
        var ellipses = 0
        while j < end {
            if bytes[j] == Byte.dot {
                dots += 1
                j += 1
            } else if bytes[j] == 0xE2 && j + 2 < end && bytes[j + 1] == 0x80 && bytes[j + 2] == 0xA6 {
                ellipses += 1
                j += 3
            } else {
                break
            }
        }
        return dots >= 2 || ellipses > 0 ? j - offset : 0
    }

    mutating func skipEllipsis(length: Int) -> Bool {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]), as: UTF8.self)
        guard repair(.ellipsis, at: i, "elision '\(text)' skipped") else { return false }
        i += length
        return true
    }

    // MARK: Strings

    /// Reads a string whose opening `quote` is at `i`; returns nil on a fatal issue.
    mutating func parseString(quote: UInt8) -> String? {
        let open = i
        i += 1
        var segmentStart = i
        var buffer: [UInt8] = []
        var buffered = false
        while true {
            guard i < end else {
                fail(.unterminatedString, at: open, "string is never closed (no closing quote before the end of text)")
                return nil
            }
            let b = bytes[i]
            if b == quote {
                let result: String
                if buffered {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<i]))
                    result = String(decoding: buffer, as: UTF8.self)
                } else {
                    result = String(decoding: UnsafeBufferPointer(rebasing: bytes[segmentStart..<i]), as: UTF8.self)
                }
                i += 1
                return result
            } else if b == Byte.backslash {
                if !buffered {
                    buffered = true
                    buffer.reserveCapacity(i - segmentStart + 32)
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<i]))
                guard parseEscape(into: &buffer, quote: quote, open: open) else { return nil }
                segmentStart = i
            } else {
                if b < 0x20 {
                    guard repair(.rawControlCharacterInString, at: i,
                                 "raw \(controlName(b)) inside a string (must be escaped)") else { return nil }
                }
                i += 1
            }
        }
    }

    /// Reads the escape whose backslash is at `i`, appending its UTF-8 to `buffer`.
    mutating func parseEscape(into buffer: inout [UInt8], quote: UInt8, open: Int) -> Bool {
        let start = i
        guard i + 1 < end else {
            fail(.unterminatedString, at: open, "string is never closed (no closing quote before the end of text)")
            return false
        }
        let e = bytes[i + 1]
        switch e {
        case Byte.quote, Byte.backslash, Byte.slash: buffer.append(e)
        case 0x62: buffer.append(0x08) // b
        case 0x66: buffer.append(0x0C) // f
        case 0x6E: buffer.append(0x0A) // n
        case 0x72: buffer.append(0x0D) // r
        case 0x74: buffer.append(0x09) // t
        case Byte.apostrophe where quote == Byte.apostrophe: buffer.append(e)
        case 0x75: // u
            guard let unit = hex4(at: i + 2) else {
                fail(.invalidEscape, at: start, "invalid \\u escape: four hexadecimal digits expected")
                return false
            }
            i += 6
            if unit >= 0xD800 && unit <= 0xDBFF {
                if i + 1 < end && bytes[i] == Byte.backslash && bytes[i + 1] == 0x75,
                   let low = hex4(at: i + 2), low >= 0xDC00 && low <= 0xDFFF {
                    i += 6
                    appendUTF8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), to: &buffer)
                    return true
                }
                guard repair(.invalidEscape, at: start,
                             "lone high surrogate \\u\(hex4Text(unit)) (replaced by U+FFFD)") else { return false }
                appendUTF8(0xFFFD, to: &buffer)
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                guard repair(.invalidEscape, at: start,
                             "lone low surrogate \\u\(hex4Text(unit)) (replaced by U+FFFD)") else { return false }
                appendUTF8(0xFFFD, to: &buffer)
            } else {
                appendUTF8(unit, to: &buffer)
            }
            return true
        default:
            let what = e < 0x20 ? controlName(e) : describeCharacter(at: i + 1)
            fail(.invalidEscape, at: start, "invalid escape: backslash followed by \(what)")
            return false
        }
        i += 2
        return true
    }

    func hex4(at offset: Int) -> UInt32? {
        guard offset + 4 <= end else { return nil }
        var value: UInt32 = 0
        for j in offset..<(offset + 4) {
            let b = bytes[j]
            let digit: UInt32
            if Byte.isDigit(b) {
                digit = UInt32(b - Byte.zero)
            } else if Byte.isHexDigit(b) {
                digit = UInt32((b | 0x20) - 0x61 + 10)
            } else {
                return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            buffer.append(UInt8(scalar))
        case 0x80..<0x800:
            buffer.append(UInt8(0xC0 | scalar >> 6))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            buffer.append(UInt8(0xE0 | scalar >> 12))
            buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        default:
            buffer.append(UInt8(0xF0 | scalar >> 18))
            buffer.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    // MARK: Numbers and literals

    /// Whether `b` can continue a number-like token (used to delimit the token named in a message).
    func isNumberish(_ b: UInt8) -> Bool {
        Byte.isDigit(b) || Byte.isLetter(b) || b == Byte.dot || b == Byte.plus || b == Byte.minus
    }

    /// Reads an RFC 8259 number at `i`, returning its literal text; nil (with `invalidNumber`) otherwise.
    mutating func parseNumber() -> String? {
        let start = i
        var k = i
        var reason: String?
        if bytes[k] == Byte.minus { k += 1 }
        if k < end && Byte.isDigit(bytes[k]) {
            if bytes[k] == Byte.zero {
                k += 1
                if k < end && Byte.isDigit(bytes[k]) { reason = "leading zero" }
            } else {
                while k < end && Byte.isDigit(bytes[k]) { k += 1 }
            }
        } else {
            reason = k > start ? "digit expected after '-'" : "a number starts with '-' or a digit"
        }
        // A '.' that starts an elision ends the number instead.
        if reason == nil && k < end && bytes[k] == Byte.dot && ellipsisLength(at: k) == 0 {
            k += 1
            if k < end && Byte.isDigit(bytes[k]) {
                while k < end && Byte.isDigit(bytes[k]) { k += 1 }
            } else {
                reason = "digit expected after '.'"
            }
        }
        if reason == nil && k < end && (bytes[k] == 0x65 || bytes[k] == 0x45) {
            k += 1
            if k < end && (bytes[k] == Byte.plus || bytes[k] == Byte.minus) { k += 1 }
            if k < end && Byte.isDigit(bytes[k]) {
                while k < end && Byte.isDigit(bytes[k]) { k += 1 }
            } else {
                reason = "digit expected in the exponent"
            }
        }
        if reason == nil && k < end && isNumberish(bytes[k]) && ellipsisLength(at: k) == 0 {
            reason = "unexpected \(describeCharacter(at: k))"
        }
        guard let reason else {
            i = k
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<k]), as: UTF8.self)
        }
        var tokenEnd = start + 1
        while tokenEnd < end && tokenEnd - start < 40 && isNumberish(bytes[tokenEnd]) { tokenEnd += 1 }
        let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<tokenEnd]), as: UTF8.self)
        fail(.invalidNumber, at: start, "invalid number '\(token)': \(reason)")
        return nil
    }

    /// Reads `true`, `false` or `null` at `i` (which holds a letter).
    mutating func parseLiteral() -> JSONValue? {
        let start = i
        var k = i
        while k < end && (Byte.isLetter(bytes[k]) || Byte.isDigit(bytes[k]) || bytes[k] == Byte.underscore) { k += 1 }
        let token = UnsafeBufferPointer(rebasing: bytes[start..<k])
        if token.elementsEqual("true".utf8) {
            i = k
            return .bool(true)
        } else if token.elementsEqual("false".utf8) {
            i = k
            return .bool(false)
        } else if token.elementsEqual("null".utf8) {
            i = k
            return .null
        }
        let shown = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<min(k, start + 40)]), as: UTF8.self)
        fail(.invalidLiteral, at: start, "invalid literal '\(shown)' (expected true, false or null)")
        return nil
    }

    // MARK: Descriptions

    /// The character at `offset` for a message: `'x'`, `'é' (U+00E9)`, or `U+0001` for a control character.
    func describeCharacter(at offset: Int) -> String {
        guard offset < end else { return "the end of text" }
        let b = bytes[offset]
        if b < 0x20 || b == 0x7F { return controlName(b) }
        if b < 0x80 { return "'\(Character(Unicode.Scalar(b)))'" }
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<min(offset + length, end)]),
                          as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return "'\(text)'" }
        return "'\(text)' (\(hexScalar(scalar.value)))"
    }

    func controlName(_ b: UInt8) -> String {
        switch b {
        case Byte.lineFeed: return "line feed (U+000A)"
        case Byte.carriageReturn: return "carriage return (U+000D)"
        case Byte.tab: return "tab (U+0009)"
        default: return "control character \(hexScalar(UInt32(b)))"
        }
    }
}

private func hex4Text(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

private func hexScalar(_ value: UInt32) -> String {
    "U+" + hex4Text(value)
}

extension String {
    /// A member name as a JSON pointer token: `~` as `~0`, `/` as `~1`.
    fileprivate func replacingTilde() -> String {
        guard contains("~") || contains("/") else { return self }
        var result = ""
        for character in self {
            switch character {
            case "~": result += "~0"
            case "/": result += "~1"
            default: result.append(character)
            }
        }
        return result
    }
}
