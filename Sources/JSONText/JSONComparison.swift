import DocgenModel

/// One semantic difference between an expected and an actual JSON value.
public struct JSONDifference: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Present in expected, absent in actual.
        case missing
        /// Present only in actual.
        case unexpected
        /// Present in both at the same path with another value or another kind of value.
        case changed
    }

    /// `$`, `$.a.b`, `$.items[2]`; keys that are not ASCII identifiers are quoted: `$["@odata.type"]`.
    public var path: String
    public var kind: Kind
    /// The expected value (nil for `unexpected`).
    public var expected: JSONValue?
    /// The actual value (nil for `missing`).
    public var actual: JSONValue?

    public init(path: String, kind: Kind, expected: JSONValue?, actual: JSONValue?) {
        self.path = path
        self.kind = kind
        self.expected = expected
        self.actual = actual
    }

    /// One report line, e.g. `$.source: expected "policySets", got "direct"`; values as compact JSON.
    public var description: String {
        let expectedText = expected.map { JSONWriter.write($0) } ?? "nothing"
        let actualText = actual.map { JSONWriter.write($0) } ?? "nothing"
        switch kind {
        case .missing: return "\(path): missing (expected \(expectedText))"
        case .unexpected: return "\(path): unexpected \(actualText)"
        case .changed: return "\(path): expected \(expectedText), got \(actualText)"
        }
    }
}

/// Semantic comparison of JSON values.
///
/// - object members: order ignored; of duplicate keys the last one counts (as JSON parsers do);
/// - numbers: equal when they denote the same decimal value (`1` == `1.0` == `1e0`, `100` == `1e2`,
///   `0.1` == `0.10`, `-0` == `0`), compared exactly on sign, significant digits and exponent, never through
///   `Double`, so big integers compare exactly; a literal that is not a JSON number (or whose exponent does not
///   fit in 15 digits) only equals the same text;
/// - strings and keys: by their decoded Unicode scalars (so `"\/"` == `"/"`, but precomposed `é` differs from
///   `e` + combining accent);
/// - arrays: element by element, in order; extra elements are `missing` or `unexpected`;
/// - values of different kinds (`1` vs `"1"`, `null` vs `{}`) are `changed`.
public enum JSONComparison {
    /// The semantic differences, in the order of `expected` (members only in `actual` after those of
    /// `expected` at the same level). Empty when the values are equivalent.
    public static func differences(expected: JSONValue, actual: JSONValue) -> [JSONDifference] {
        var differences: [JSONDifference] = []
        var path: [PathComponent] = []
        compare(expected, actual, path: &path, into: &differences)
        return differences
    }

    /// Whether the values are semantically equal.
    public static func areEquivalent(_ a: JSONValue, _ b: JSONValue) -> Bool {
        differences(expected: a, actual: b).isEmpty
    }

    /// Whether two number literals denote the same value (see the type's documentation).
    public static func numbersAreEqual(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let x = DecimalNumber(a), let y = DecimalNumber(b) else { return false }
        return x == y
    }

    /// Human-readable report: one line per difference (see `JSONDifference.description`), joined by newlines.
    public static func report(_ differences: [JSONDifference]) -> String {
        differences.map(\.description).joined(separator: "\n")
    }

    // MARK: - Implementation

    private enum PathComponent {
        case key(String)
        case index(Int)
    }

    private static func render(_ path: [PathComponent]) -> String {
        var text = "$"
        for component in path {
            switch component {
            case .key(let key):
                if isIdentifier(key) {
                    text += "." + key
                } else {
                    text += "[" + JSONWriter.quoted(key) + "]"
                }
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    private static func isIdentifier(_ key: String) -> Bool {
        var first = true
        for b in key.utf8 {
            let letter = (b | 0x20) &- 0x61 < 26 || b == 0x5F
            let digit = b &- 0x30 < 10
            if !(letter || (digit && !first)) { return false }
            first = false
        }
        return !first
    }

    private static func compare(_ expected: JSONValue, _ actual: JSONValue, path: inout [PathComponent],
                                into differences: inout [JSONDifference]) {
        func changed() {
            differences.append(JSONDifference(path: render(path), kind: .changed, expected: expected, actual: actual))
        }
        switch (expected, actual) {
        case (.null, .null):
            return
        case (.bool(let e), .bool(let a)):
            if e != a { changed() }
        case (.number(let e), .number(let a)):
            if !numbersAreEqual(e, a) { changed() }
        case (.string(let e), .string(let a)):
            if !e.utf8.elementsEqual(a.utf8) { changed() }
        case (.array(let e), .array(let a)):
            for index in 0..<max(e.count, a.count) {
                path.append(.index(index))
                if index >= a.count {
                    differences.append(JSONDifference(path: render(path), kind: .missing, expected: e[index], actual: nil))
                } else if index >= e.count {
                    differences.append(JSONDifference(path: render(path), kind: .unexpected, expected: nil, actual: a[index]))
                } else {
                    compare(e[index], a[index], path: &path, into: &differences)
                }
                path.removeLast()
            }
        case (.object(let e), .object(let a)):
            let expectedMembers = MemberTable(e)
            let actualMembers = MemberTable(a)
            for key in expectedMembers.keys {
                let expectedValue = expectedMembers.values[key]!
                path.append(.key(key.string))
                if let actualValue = actualMembers.values[key] {
                    compare(expectedValue, actualValue, path: &path, into: &differences)
                } else {
                    differences.append(JSONDifference(path: render(path), kind: .missing,
                                                      expected: expectedValue, actual: nil))
                }
                path.removeLast()
            }
            for key in actualMembers.keys where expectedMembers.values[key] == nil {
                path.append(.key(key.string))
                differences.append(JSONDifference(path: render(path), kind: .unexpected,
                                                  expected: nil, actual: actualMembers.values[key]!))
                path.removeLast()
            }
        default:
            changed()
        }
    }

    /// A key compared by Unicode scalars (Swift's `String ==` would equate canonically equivalent spellings).
    private struct ExactKey: Hashable {
        let string: String
        static func == (lhs: ExactKey, rhs: ExactKey) -> Bool { lhs.string.utf8.elementsEqual(rhs.string.utf8) }
        func hash(into hasher: inout Hasher) {
            for b in string.utf8 { hasher.combine(b) }
            hasher.combine(0xFF as UInt8) // terminator: never a UTF-8 byte
        }
    }

    /// An object's members with duplicates resolved: keys in order of first appearance, the last value counts.
    private struct MemberTable {
        var keys: [ExactKey] = []
        var values: [ExactKey: JSONValue] = [:]

        init(_ members: [JSONMember]) {
            keys.reserveCapacity(members.count)
            values.reserveCapacity(members.count)
            for member in members {
                let key = ExactKey(string: member.key)
                if values.updateValue(member.value, forKey: key) == nil { keys.append(key) }
            }
        }
    }

    /// A JSON number as exact decimal: sign, significant digits without leading or trailing zeros, exponent.
    private struct DecimalNumber: Equatable {
        var negative: Bool
        var digits: [UInt8]
        var exponent: Int

        init?(_ literal: String) {
            var bytes = Array(literal.utf8)[...]
            var negative = false
            if bytes.first == 0x2D {
                negative = true
                bytes = bytes.dropFirst()
            }
            var digits: [UInt8] = []
            var integerDigits = 0
            while let b = bytes.first, b &- 0x30 < 10 {
                digits.append(b)
                integerDigits += 1
                bytes = bytes.dropFirst()
            }
            guard integerDigits > 0 else { return nil }
            var fractionDigits = 0
            if bytes.first == 0x2E {
                bytes = bytes.dropFirst()
                while let b = bytes.first, b &- 0x30 < 10 {
                    digits.append(b)
                    fractionDigits += 1
                    bytes = bytes.dropFirst()
                }
                guard fractionDigits > 0 else { return nil }
            }
            var exponent = 0
            if let e = bytes.first, e == 0x65 || e == 0x45 {
                bytes = bytes.dropFirst()
                var exponentNegative = false
                if let sign = bytes.first, sign == 0x2B || sign == 0x2D {
                    exponentNegative = sign == 0x2D
                    bytes = bytes.dropFirst()
                }
                var exponentDigits = 0
                while let b = bytes.first, b &- 0x30 < 10 {
                    exponent = exponent * 10 + Int(b - 0x30)
                    if exponent > 999_999_999_999_999 { return nil }
                    exponentDigits += 1
                    bytes = bytes.dropFirst()
                }
                guard exponentDigits > 0 else { return nil }
                if exponentNegative { exponent = -exponent }
            }
            guard bytes.isEmpty else { return nil }
            exponent -= fractionDigits
            let firstSignificant = digits.firstIndex { $0 != 0x30 }
            guard let firstSignificant else {
                self.negative = false
                self.digits = []
                self.exponent = 0
                return
            }
            var lastSignificant = digits.count - 1
            while digits[lastSignificant] == 0x30 { lastSignificant -= 1 }
            exponent += digits.count - 1 - lastSignificant
            self.negative = negative
            self.digits = Array(digits[firstSignificant...lastSignificant])
            self.exponent = exponent
        }
    }
}
