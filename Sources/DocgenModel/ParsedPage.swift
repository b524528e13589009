/// What the page parser read from one page, before any other page is consulted.
public struct ParsedPage: Codable, Hashable, Sendable {
    /// The page's path relative to the docs root, with `/` separators.
    public var path: String
    public var kind: PageKind
    public var title: String?
    public var description: String?
    public var apiVersion: APIVersionEvidence

    // Method pages.
    public var requestLines: [RequestLine]
    public var permissions: [Permission]
    public var requestHeaders: [HeaderSpecification]
    public var requestBody: RequestBodySpecification?
    public var response: ResponseSpecification?
    public var examples: [Example]
    /// The "Optional query parameters" / "Query parameters" section, if the page has one.
    public var queryOptions: QueryOptionSpecification?
    /// The rows of the "Function parameters" table, if the page has one.
    public var functionParameters: [ParameterRow]?

    // Resource and enum pages (and enum sections of any page).
    public var types: [TypeDefinition]
    public var enums: [EnumDefinition]

    public var diagnostics: [Diagnostic]

    public init(path: String, kind: PageKind, apiVersion: APIVersionEvidence) {
        self.path = path
        self.kind = kind
        self.title = nil
        self.description = nil
        self.apiVersion = apiVersion
        self.requestLines = []
        self.permissions = []
        self.requestHeaders = []
        self.requestBody = nil
        self.response = nil
        self.examples = []
        self.types = []
        self.enums = []
        self.diagnostics = []
    }
}

public enum PageKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// Documents one or more HTTP operations.
    case method
    /// Documents a resource or complex type.
    case resource
    /// Documents one or more enum types.
    case enumeration
    /// Anything else (conceptual pages, overviews, unreadable pages).
    case other
}

/// Which API version a page belongs to, and why docgen thinks so.
public struct APIVersionEvidence: Codable, Hashable, Sendable {
    public enum Source: String, Codable, Hashable, Sendable {
        /// A folder of the page's path is named `v1.0`, `beta`, ...
        case folder
        /// The URL of the page's first example request.
        case exampleURL
        /// Neither said; the run's default version applies.
        case defaulted
    }

    public var version: String
    public var source: Source
    /// With `.defaulted`: what stood where a version belongs (`docs\api`, `localtest`), if anything.
    public var found: String?

    public init(version: String, source: Source, found: String? = nil) {
        self.version = version
        self.source = source
        self.found = found
    }
}
