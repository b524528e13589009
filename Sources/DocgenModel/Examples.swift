/// The HTML comment before an example's code block: `<!-- { "blockType": "request", "name": "x" } -->`.
public struct ExampleAnnotation: Codable, Hashable, Sendable {
    /// `request`, `response`, `resource`, `example`, `ignored`.
    public var blockType: String?
    /// `name`, given as a string or an array of strings.
    public var names: [String]
    /// `@odata.type`: the type of the body.
    public var odataType: String?
    /// `truncated`: the body shows only some properties.
    public var truncated: Bool?
    /// `isCollection`: the body is a collection of `@odata.type`.
    public var isCollection: Bool?
    public var location: SourceLocation

    public init(
        blockType: String? = nil, names: [String] = [], odataType: String? = nil, truncated: Bool? = nil,
        isCollection: Bool? = nil, location: SourceLocation
    ) {
        self.blockType = blockType
        self.names = names
        self.odataType = odataType
        self.truncated = truncated
        self.isCollection = isCollection
        self.location = location
    }
}

public struct HTTPHeaderLine: Codable, Hashable, Sendable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The body of an example request or response.
public struct ExampleBody: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        /// Read as JSON without complaint.
        case json
        /// Read as JSON after repairing defects (trailing commas, comments, `...`); see the diagnostics.
        case lenientJSON
        /// Meant to be JSON, but broken beyond repair; see the diagnostics.
        case brokenJSON
        /// Not JSON by design (text, binary, multipart, XML).
        case text
    }

    public var kind: Kind
    /// The value, for `json` and `lenientJSON`.
    public var json: JSONValue?
    /// The body as written.
    public var text: String
    /// Where the body starts.
    public var location: SourceLocation

    public init(kind: Kind, json: JSONValue?, text: String, location: SourceLocation) {
        self.kind = kind
        self.json = json
        self.text = text
        self.location = location
    }
}

public struct ExampleRequest: Codable, Hashable, Sendable {
    public var method: String
    /// The URL as written (`https://graph.microsoft.com/v1.0/deviceManagement/...`).
    public var url: String
    /// The segment where the API version belongs (`v1.0`, `beta`, or what was found instead, such as
    /// `docs\api`), for absolute URLs.
    public var versionSegment: String?
    /// The path without host and version, split like a request line's.
    public var path: PathTemplate
    public var query: String?
    public var headers: [HTTPHeaderLine]
    public var body: ExampleBody?
    public var annotation: ExampleAnnotation?
    public var location: SourceLocation

    public init(
        method: String, url: String, versionSegment: String?, path: PathTemplate, query: String?,
        headers: [HTTPHeaderLine], body: ExampleBody?, annotation: ExampleAnnotation?, location: SourceLocation
    ) {
        self.method = method
        self.url = url
        self.versionSegment = versionSegment
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.annotation = annotation
        self.location = location
    }
}

public struct ExampleResponse: Codable, Hashable, Sendable {
    /// From the status line (`HTTP/1.1 201 Created`); nil when the block has none.
    public var statusCode: Int?
    public var headers: [HTTPHeaderLine]
    public var body: ExampleBody?
    public var annotation: ExampleAnnotation?
    public var location: SourceLocation

    public init(
        statusCode: Int?, headers: [HTTPHeaderLine], body: ExampleBody?, annotation: ExampleAnnotation?,
        location: SourceLocation
    ) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
        self.annotation = annotation
        self.location = location
    }
}

/// A request and the response that answers it. Paired by annotation name where the page has annotations,
/// by order where it has none.
public struct Example: Codable, Hashable, Sendable {
    public var name: String?
    public var request: ExampleRequest?
    public var response: ExampleResponse?

    public init(name: String?, request: ExampleRequest?, response: ExampleResponse?) {
        self.name = name
        self.request = request
        self.response = response
    }

    public var location: SourceLocation? { request?.location ?? response?.location }
}
