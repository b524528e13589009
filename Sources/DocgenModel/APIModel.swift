/// The linked model of a whole docs tree: every page read, joined per API version, with types resolved,
/// inferred and merged. This is what the emitter turns into Swift and what `docgen model` prints.
public struct APIModel: Codable, Hashable, Sendable {
    /// Sorted by name (`beta` before `v1.0`).
    public var versions: [APIVersionModel]
    /// All diagnostics of all stages, sorted.
    public var diagnostics: [Diagnostic]

    public init(versions: [APIVersionModel], diagnostics: [Diagnostic]) {
        self.versions = versions
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public struct APIVersionModel: Codable, Hashable, Sendable {
    /// `v1.0`, `beta`.
    public var name: String
    /// Sorted by path shape, then method.
    public var operations: [Operation]
    /// Sorted by name (case-insensitively, then exactly).
    public var types: [TypeDefinition]
    public var enums: [EnumDefinition]
    /// Every example of the version's pages, in page order, with what the linker found out about it.
    public var examples: [LinkedExample]

    public init(
        name: String, operations: [Operation], types: [TypeDefinition], enums: [EnumDefinition],
        examples: [LinkedExample]
    ) {
        self.name = name
        self.operations = operations
        self.types = types
        self.enums = enums
        self.examples = examples
    }
}

/// One HTTP operation: a method on a path, documented by a method page.
public struct Operation: Codable, Hashable, Sendable {
    /// Stable identity: the method and the path shape, `POST /deviceManagement/deviceConfigurations/{}/assignments`.
    public var id: String
    public var method: String
    public var path: PathTemplate
    public var title: String?
    public var description: String?
    public var permissions: [Permission]
    public var requestHeaders: [HeaderSpecification]
    public var requestBody: TypeReference?
    public var responseStatus: Int?
    public var responseBody: TypeReference?
    /// The request line that documents the operation.
    public var location: SourceLocation
    /// The OData system query options the page documents for the operation (what "supports the OData query
    /// parameters" without names means is settled by the linker), sorted.
    public var queryOptions: [SystemQueryOption]
    /// Custom query parameters: from the page's table and the request line's query string.
    public var queryParameters: [QueryParameter]
    /// Parameters of function segments of the path, in path order.
    public var functionParameters: [FunctionParameter]
    public var responseKind: ResponseKind
    public var requestContent: RequestContentKind

    public init(
        id: String, method: String, path: PathTemplate, title: String?, description: String?,
        permissions: [Permission], requestHeaders: [HeaderSpecification], requestBody: TypeReference?,
        responseStatus: Int?, responseBody: TypeReference?, location: SourceLocation,
        queryOptions: [SystemQueryOption] = [], queryParameters: [QueryParameter] = [],
        functionParameters: [FunctionParameter] = [], responseKind: ResponseKind? = nil,
        requestContent: RequestContentKind? = nil
    ) {
        self.queryOptions = queryOptions
        self.queryParameters = queryParameters
        self.functionParameters = functionParameters
        self.responseKind = responseKind ?? (responseBody == nil ? .noContent : responseBody!.isCollection ? .collection : .entity)
        self.requestContent = requestContent ?? (requestBody == nil ? .none : .json)
        self.id = id
        self.method = method
        self.path = path
        self.title = title
        self.description = description
        self.permissions = permissions
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.responseStatus = responseStatus
        self.responseBody = responseBody
        self.location = location
    }

    public static func identifier(method: String, path: PathTemplate) -> String { "\(method) \(path.shape)" }
}

/// An example with the operation it exercises and the types of its bodies, as the golden tests use it.
public struct LinkedExample: Codable, Hashable, Sendable {
    public var example: Example
    /// The operation whose request line the example's URL matches, if any.
    public var operationID: String?
    /// The example's values for the operation's path parameters, in path order.
    public var pathValues: [String]
    /// The types the bodies decode as.
    public var requestBodyType: TypeReference?
    public var responseBodyType: TypeReference?
    /// The response body is `{"value": x}` with x of `responseBodyType` (a primitive or enum result); nil
    /// when it is not.
    public var responseIsWrappedValue: Bool?

    public init(
        example: Example, operationID: String?, pathValues: [String], requestBodyType: TypeReference?,
        responseBodyType: TypeReference?
    ) {
        self.example = example
        self.operationID = operationID
        self.pathValues = pathValues
        self.requestBodyType = requestBodyType
        self.responseBodyType = responseBodyType
    }
}
