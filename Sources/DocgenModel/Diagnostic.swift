/// A finding about the input: something malformed, inconsistent or guessed. Printed as
/// `path:line:column: error|warning: message [code]`. The code is stable across releases so that people can
/// search for it, filter on it and suppress it; the message may be reworded.
public struct Diagnostic: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Severity: String, Codable, Hashable, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var location: SourceLocation

    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    public static func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location)
    }

    public static func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, code, message, at: location)
    }

    /// The diagnostic as printed: always exactly one line, whatever the page's path or text holds
    /// (`Diagnostic.oneLine`).
    public var description: String {
        Diagnostic.oneLine("\(location): \(severity.rawValue): \(message) [\(code.rawValue)]")
    }

    /// `text` with every character that could end a line, forge one, or hide what it says written as
    /// `\u{XX}`: control characters (C0, DEL, C1: newline, carriage return, escape sequences), the Unicode
    /// line and paragraph separators, and bidirectional and invisible format characters. Everything that
    /// prints diagnostics or messages about page paths goes through here, so a page named
    /// `a.md\nx.md:1:1: error: ...` cannot add a line to a CI log.
    public static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F: return true
        case 0x2028, 0x2029: return true
        // Bidirectional controls and zero-width characters.
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// Sorted by place, then code, then message: the order in which diagnostics are printed.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location, lhs.code.rawValue, lhs.message) < (rhs.location, rhs.code.rawValue, rhs.message)
    }
}

/// The stable codes of all diagnostics. Grouped by the stage that emits them.
public struct DiagnosticCode: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    // Reading files and pages.
    public static let unreadableFile: DiagnosticCode = "unreadable-file"
    public static let frontMatterMalformed: DiagnosticCode = "front-matter-malformed"
    public static let pageWithoutTitle: DiagnosticCode = "page-without-title"
    public static let pageKindUnknown: DiagnosticCode = "page-kind-unknown"
    public static let apiVersionDefaulted: DiagnosticCode = "api-version-defaulted"
    public static let apiVersionConflict: DiagnosticCode = "api-version-conflict"

    // Limits that keep one bad page from taking the run down: what is cut is reported, the rest is read.
    public static let pageTooLarge: DiagnosticCode = "page-too-large"
    public static let lineTooLong: DiagnosticCode = "line-too-long"
    public static let nestingTooDeep: DiagnosticCode = "nesting-too-deep"
    public static let tableTooManyRows: DiagnosticCode = "table-too-many-rows"
    public static let jsonTooDeep: DiagnosticCode = "json-too-deep"

    // Tables.
    public static let tableRowTooShort: DiagnosticCode = "table-row-too-short"
    public static let tableRowTooLong: DiagnosticCode = "table-row-too-long"
    public static let tableHeaderUnknown: DiagnosticCode = "table-header-unknown"

    // Method pages.
    public static let requestLineMalformed: DiagnosticCode = "request-line-malformed"
    public static let noRequestLines: DiagnosticCode = "no-request-lines"
    public static let permissionUndetermined: DiagnosticCode = "permission-undetermined"
    public static let permissionKindUnknown: DiagnosticCode = "permission-kind-unknown"
    public static let permissionScopeMalformed: DiagnosticCode = "permission-scope-malformed"
    public static let typeCellMalformed: DiagnosticCode = "type-cell-malformed"
    /// A type cell that names several types (`String or Int32`): the first is read.
    public static let typeCellAlternatives: DiagnosticCode = "type-cell-alternatives"
    /// A `String` property whose description lists its possible values, as an enum's would (the values are
    /// kept in the model's `possibleValues`).
    public static let stringWithPossibleValues: DiagnosticCode = "string-with-possible-values"

    // Annotations and examples.
    public static let annotationMalformed: DiagnosticCode = "annotation-malformed"
    public static let exampleMalformed: DiagnosticCode = "example-malformed"
    public static let exampleUnpaired: DiagnosticCode = "example-unpaired"
    public static let jsonLenient: DiagnosticCode = "json-lenient"
    public static let jsonInvalid: DiagnosticCode = "json-invalid"

    // Linking pages into the model.
    public static let exampleURLMismatch: DiagnosticCode = "example-url-mismatch"
    public static let exampleMethodMismatch: DiagnosticCode = "example-method-mismatch"
    public static let examplePropertyUndocumented: DiagnosticCode = "example-property-undocumented"
    public static let exampleTypeMismatch: DiagnosticCode = "example-type-mismatch"
    public static let typeInferred: DiagnosticCode = "type-inferred"
    public static let typeUnresolved: DiagnosticCode = "type-unresolved"
    public static let typeConflict: DiagnosticCode = "type-conflict"
    public static let enumInferred: DiagnosticCode = "enum-inferred"
    public static let baseTypeUnresolved: DiagnosticCode = "base-type-unresolved"
    public static let inheritanceCycle: DiagnosticCode = "inheritance-cycle"
    public static let duplicateOperation: DiagnosticCode = "duplicate-operation"
    public static let duplicateDefinition: DiagnosticCode = "duplicate-definition"
    public static let duplicateProperty: DiagnosticCode = "duplicate-property"
    public static let duplicateEnumMember: DiagnosticCode = "duplicate-enum-member"
    public static let inheritanceTooDeep: DiagnosticCode = "inheritance-too-deep"

    // Generating the client.
    public static let moduleNameConflict: DiagnosticCode = "module-name-conflict"
}
