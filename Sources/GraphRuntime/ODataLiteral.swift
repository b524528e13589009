import Foundation

/// OData literals, as function arguments in a path segment are written
/// (`getEffectivePermissions(scope='it''s')`, `resizedRange(deltaRows=2,deltaColumns=-1)`): strings and enum
/// members in single quotes with every `'` doubled; numbers, booleans, GUIDs, dates and times as they are.
/// The segment is percent-encoded afterwards, as every path segment is.
public enum ODataLiteral {
    /// `'text'`, each `'` written twice.
    public static func string(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// An enum member: its wire name as a string literal (`'pending'`).
    public static func enumMember<Value: RawRepresentable>(_ value: Value) -> String where Value.RawValue == String {
        string(value.rawValue)
    }

    /// `true` / `false`.
    public static func boolean(_ value: Bool) -> String { value ? "true" : "false" }

    /// `42`, `-7`.
    public static func integer<Value: BinaryInteger>(_ value: Value) -> String { String(value) }

    /// `1.5`, `INF`, `-INF`, `NaN` (OData's spellings of the special values).
    public static func double(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        return String(value)
    }

    /// `1.5`, as `double`.
    public static func float(_ value: Float) -> String { double(Double(value)) }

    /// A GUID, unquoted: `01234567-89ab-cdef-0123-456789abcdef`.
    public static func guid(_ value: String) -> String { value }

    /// A GUID, unquoted and in lowercase.
    public static func guid(_ value: UUID) -> String { value.uuidString.lowercased() }

    /// A date-time, date or time of day, unquoted, with the exact text it holds (`2021-07-01T00:00:00Z`).
    public static func temporal<Value: RawRepresentable>(_ value: Value) -> String where Value.RawValue == String { value.rawValue }

    /// `duration'P1D'`.
    public static func duration(_ value: String) -> String { "duration" + string(value) }

    /// A value the docs give no type for, sent exactly as the caller wrote it.
    public static func raw(_ text: String) -> String { text }

    /// `name(a=1,b='x')`: a function call path segment from its `name=literal` arguments.
    public static func call(_ name: String, _ arguments: [String]) -> String {
        name + "(" + arguments.joined(separator: ",") + ")"
    }

    /// The value of a literal without its syntax: `'it''s'` -> `it's`; anything unquoted stays as it is.
    /// For tools and tests that read literals back.
    public static func unquote(_ literal: String) -> String {
        guard literal.count >= 2, literal.first == "'", literal.last == "'" else { return literal }
        return String(literal.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
    }
}
