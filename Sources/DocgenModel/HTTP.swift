/// The path of a request line, split into segments. `{deviceConfigurationId}` is a parameter; `$ref`,
/// `$value` and `$count` are OData keywords; everything else is a literal segment.
public struct PathTemplate: Codable, Hashable, Sendable, CustomStringConvertible {
    public var segments: [PathSegment]

    public init(segments: [PathSegment]) { self.segments = segments }

    /// `/a/{id}/b`, as the docs write it.
    public var description: String { "/" + segments.map(\.text).joined(separator: "/") }

    /// The path with every parameter written `{}`: two templates that differ only in parameter names
    /// address the same resource.
    public var shape: String {
        "/" + segments.map { $0.kind == .parameter ? "{}" : $0.text }.joined(separator: "/")
    }

    public var parameterNames: [String] { segments.compactMap { $0.kind == .parameter ? $0.parameterName : nil } }

    /// The path has a `$value` segment: its content is bytes.
    public var addressesRawValue: Bool { segments.last.map { $0.kind == .keyword && $0.text.lowercased() == "$value" } ?? false }
    /// The path ends in `$count`.
    public var addressesCount: Bool { segments.last.map { $0.kind == .keyword && $0.text.lowercased() == "$count" } ?? false }
}

public struct PathSegment: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        /// `deviceManagement`
        case literal
        /// `{deviceConfigurationId}`, `{id | userPrincipalName}`, `<id>`
        case parameter
        /// `$ref`, `$value`, `$count`
        case keyword
    }

    public var kind: Kind
    /// The segment as written (`{deviceConfigurationId}`, `$ref`).
    public var text: String
    /// For a parameter: its name without braces (`deviceConfigurationId`).
    public var parameterName: String?
    /// For a literal written as a function call (`getEffectivePermissions(scope='{scope}')`): its name and
    /// arguments.
    public var function: FunctionCall?

    public init(kind: Kind, text: String, parameterName: String? = nil, function: FunctionCall? = nil) {
        self.kind = kind
        self.text = text
        self.parameterName = parameterName
        self.function = function
    }

    /// What two segments that address the same thing have in common: the lowercased text, or for a function
    /// call its name and argument names (the values differ between a request line and an example).
    public var matchKey: String { function?.matchKey ?? text.lowercased() }

    public static func literal(_ text: String) -> PathSegment { PathSegment(kind: .literal, text: text) }
    public static func keyword(_ text: String) -> PathSegment { PathSegment(kind: .keyword, text: text) }
    public static func parameter(_ name: String, text: String? = nil) -> PathSegment {
        PathSegment(kind: .parameter, text: text ?? "{\(name)}", parameterName: name)
    }
}

/// One line of a method page's "HTTP request" block: `POST /deviceManagement/.../assignments`.
public struct RequestLine: Codable, Hashable, Sendable {
    public var method: String
    public var path: PathTemplate
    /// A query string written after the path (`?$filter=...`), without the `?`.
    public var query: String?
    public var location: SourceLocation

    public init(method: String, path: PathTemplate, query: String? = nil, location: SourceLocation) {
        self.method = method
        self.path = path
        self.query = query
        self.location = location
    }
}

/// The kinds of permission a Graph method page lists.
public enum PermissionKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// "Delegated (work or school account)"
    case delegatedWorkOrSchool
    /// "Delegated (personal Microsoft account)"
    case delegatedPersonal
    /// "Application"
    case application
}

public struct Permission: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Hashable, Sendable {
        /// The row names scopes.
        case scopes
        /// "Not supported."
        case notSupported
        /// "**TODO: Determine scopes **" and the like: the docs have not decided yet.
        case undetermined
    }

    public var kind: PermissionKind
    public var status: Status
    /// The scope names, in page order; empty unless `status == .scopes`.
    public var scopes: [String]
    /// The cell's text as written.
    public var text: String
    public var location: SourceLocation

    public init(kind: PermissionKind, status: Status, scopes: [String], text: String, location: SourceLocation) {
        self.kind = kind
        self.status = status
        self.scopes = scopes
        self.text = text
        self.location = location
    }
}

/// A row of a method page's "Request headers" table.
public struct HeaderSpecification: Codable, Hashable, Sendable {
    public var name: String
    public var value: String
    /// The value cell says "Required."
    public var isRequired: Bool
    public var location: SourceLocation

    public init(name: String, value: String, isRequired: Bool, location: SourceLocation) {
        self.name = name
        self.value = value
        self.isRequired = isRequired
        self.location = location
    }
}

/// What a method page says of its request body.
public struct RequestBodySpecification: Codable, Hashable, Sendable {
    /// The body's type, when the section names one ("a JSON representation for the x object").
    public var type: TypeReference?
    /// The rows of the section's property table.
    public var properties: [PropertyDefinition]
    /// The section has no body ("Do not supply a request body for this method.").
    public var isEmpty: Bool
    public var location: SourceLocation

    public init(type: TypeReference?, properties: [PropertyDefinition], isEmpty: Bool, location: SourceLocation) {
        self.type = type
        self.properties = properties
        self.isEmpty = isEmpty
        self.location = location
    }
}

/// What a method page says of its response.
public struct ResponseSpecification: Codable, Hashable, Sendable {
    /// `201` from "returns a `201 Created` response code".
    public var statusCode: Int?
    public var type: TypeReference?
    public var location: SourceLocation

    public init(statusCode: Int?, type: TypeReference?, location: SourceLocation) {
        self.statusCode = statusCode
        self.type = type
        self.location = location
    }
}
