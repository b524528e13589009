/// The OData system query options Graph pages name (`$select`, `$filter`, ...), in a fixed order.
public enum SystemQueryOption: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    case count = "$count"
    case expand = "$expand"
    case filter = "$filter"
    case orderBy = "$orderby"
    case search = "$search"
    case select = "$select"
    case skip = "$skip"
    case top = "$top"

    /// `$orderBy`, `orderby`, `$Select` -> the option; nil for anything else (`$skipToken`, `$format`).
    public init?(docsName: String) {
        var name = Substring(docsName)
        if name.hasPrefix("$") { name = name.dropFirst() }
        guard let option = SystemQueryOption(rawValue: "$" + name.lowercased()) else { return nil }
        self = option
    }

    /// The options that fit a GET of a collection: every one.
    public static let collectionOptions: [SystemQueryOption] = allCases
    /// The options that fit a GET of one item.
    public static let itemOptions: [SystemQueryOption] = [.expand, .select]

    private var rank: Int { SystemQueryOption.allCases.firstIndex(of: self)! }
    public static func < (lhs: SystemQueryOption, rhs: SystemQueryOption) -> Bool { lhs.rank < rhs.rank }
}

/// What a method page's "Optional query parameters" (or "Query parameters") section says.
public struct QueryOptionSpecification: Codable, Hashable, Sendable {
    public enum Support: String, Codable, Hashable, Sendable {
        /// The section names the system options it supports (`$filter`, `$select`).
        case named
        /// "supports the OData query parameters" without naming any: the linker applies the options that fit
        /// the operation.
        case unnamed
        /// "does not support the OData query parameters".
        case notSupported
    }

    public var support: Support
    /// The named options, sorted; empty unless `support == .named`.
    public var systemOptions: [SystemQueryOption]
    /// Custom query parameters of the section's table (`startDateTime`).
    public var customParameters: [QueryParameter]
    public var location: SourceLocation

    public init(support: Support, systemOptions: [SystemQueryOption], customParameters: [QueryParameter], location: SourceLocation) {
        self.support = support
        self.systemOptions = systemOptions
        self.customParameters = customParameters
        self.location = location
    }
}

/// A custom (non-OData) query parameter: a row of a query-parameter table, or a `name={value}` of a
/// request line's query string.
public struct QueryParameter: Codable, Hashable, Sendable {
    public var name: String
    public var type: TypeReference
    public var isRequired: Bool
    public var description: String?
    public var location: SourceLocation

    public init(name: String, type: TypeReference, isRequired: Bool, description: String?, location: SourceLocation) {
        self.name = name
        self.type = type
        self.isRequired = isRequired
        self.description = description
        self.location = location
    }
}

/// A function call written as a path segment: `getEffectivePermissions(scope='{scope}')`.
public struct FunctionCall: Codable, Hashable, Sendable {
    /// `getEffectivePermissions`.
    public var name: String
    public var arguments: [FunctionArgument]

    public init(name: String, arguments: [FunctionArgument]) {
        self.name = name
        self.arguments = arguments
    }

    /// What examples and request lines of the same function have in common: the name and the argument
    /// names, lowercased (Graph overloads functions by their parameters).
    public var matchKey: String { name.lowercased() + "(" + arguments.map { $0.name.lowercased() }.sorted().joined(separator: ",") + ")" }
}

/// One `name=value` of a function segment.
public struct FunctionArgument: Codable, Hashable, Sendable {
    /// The function parameter's name (`scope`).
    public var name: String
    /// The value as written (`'{scope}'`, `{n}`, `'abc'`, `5`).
    public var text: String
    /// The placeholder's name when the value is one (`scope` of `'{scope}'`).
    public var placeholder: String?
    /// The value is written in single quotes (a string, or an enum member).
    public var isQuoted: Bool

    public init(name: String, text: String, placeholder: String?, isQuoted: Bool) {
        self.name = name
        self.text = text
        self.placeholder = placeholder
        self.isQuoted = isQuoted
    }

    /// The value without its OData literal syntax: `'it''s'` -> `it's`, `5` -> `5`.
    public var unquotedValue: String {
        guard isQuoted, text.count >= 2, text.first == "'", text.last == "'" else { return text }
        var result = ""
        var pendingQuote = false
        for character in text.dropFirst().dropLast() {
            if character == "'", pendingQuote {
                pendingQuote = false
                continue
            }
            pendingQuote = character == "'"
            result.append(character)
        }
        return result
    }
}

/// A row of a method page's "Function parameters" (or "Parameters") table.
public struct ParameterRow: Codable, Hashable, Sendable {
    public var name: String
    public var type: TypeReference?
    public var isRequired: Bool
    public var description: String?
    public var location: SourceLocation

    public init(name: String, type: TypeReference?, isRequired: Bool, description: String?, location: SourceLocation) {
        self.name = name
        self.type = type
        self.isRequired = isRequired
        self.description = description
        self.location = location
    }
}

/// A function parameter of an operation, as the generated function takes it.
public struct FunctionParameter: Codable, Hashable, Sendable {
    public var name: String
    /// From the parameter table, else `String` for a quoted value, else unknown (sent as written).
    public var type: TypeReference
    /// The request line writes the value in quotes.
    public var isQuoted: Bool
    public var description: String?
    /// Position in the path: the index of the function segment.
    public var segmentIndex: Int
    public var location: SourceLocation

    public init(name: String, type: TypeReference, isQuoted: Bool, description: String?, segmentIndex: Int, location: SourceLocation) {
        self.name = name
        self.type = type
        self.isQuoted = isQuoted
        self.description = description
        self.segmentIndex = segmentIndex
        self.location = location
    }
}

/// What an operation's successful response carries.
public enum ResponseKind: String, Codable, Hashable, Sendable {
    /// No body (204, or nothing documented).
    case noContent
    /// A JSON entity or complex value.
    case entity
    /// A page of a collection (`{"value": [...], "@odata.nextLink": ...}`).
    case collection
    /// A primitive or enum value wrapped as `{"value": x}`.
    case wrappedValue
    /// Bytes (`$value`, or an example response whose `Content-Type` is not JSON).
    case binary
    /// A `$count` segment: the number as plain text.
    case count
}

/// What an operation's request carries.
public enum RequestContentKind: String, Codable, Hashable, Sendable {
    case none
    /// A JSON body of `requestBody`'s type.
    case json
    /// Bytes with a content type (`PUT .../$value`).
    case binary
}
