/// What a CSDL document (the EDMX `$metadata` a Microsoft Graph service publishes) says about the API: its
/// types, enums, actions and functions, with the line of each element. Type names are kept as written
/// (`graph.user`, `Collection(microsoft.graph.x)`, `Edm.String`); `CSDLDocument.qualified(_:)` resolves
/// aliases.
public struct CSDLDocument: Hashable, Sendable {
    public var schemas: [CSDLSchema]

    public init(schemas: [CSDLSchema]) { self.schemas = schemas }

    /// `graph.user` -> `microsoft.graph.user` (an alias replaced by its namespace); other names unchanged.
    public func qualified(_ name: String) -> String {
        for schema in schemas {
            if let alias = schema.alias, name.hasPrefix(alias + "."), !name.hasPrefix(schema.namespace + ".") {
                return schema.namespace + name.dropFirst(alias.count)
            }
        }
        return name
    }
}

public struct CSDLSchema: Hashable, Sendable {
    public var namespace: String
    public var alias: String?
    public var structuredTypes: [CSDLStructuredType] = []
    public var enumTypes: [CSDLEnumType] = []
    public var operations: [CSDLOperation] = []

    public init(namespace: String, alias: String?) {
        self.namespace = namespace
        self.alias = alias
    }
}

public struct CSDLStructuredType: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case entity, complex }
    public var kind: Kind
    public var name: String
    public var baseType: String?
    public var isAbstract: Bool
    public var isOpenType: Bool
    public var properties: [CSDLProperty] = []
    public var line: Int

    public init(kind: Kind, name: String, baseType: String?, isAbstract: Bool, isOpenType: Bool, line: Int) {
        self.kind = kind
        self.name = name
        self.baseType = baseType
        self.isAbstract = isAbstract
        self.isOpenType = isOpenType
        self.line = line
    }
}

/// A `Property` or `NavigationProperty`.
public struct CSDLProperty: Hashable, Sendable {
    public var name: String
    /// As written: `Edm.String`, `Collection(graph.x)`.
    public var type: String
    public var isNavigation: Bool
    public var line: Int

    public init(name: String, type: String, isNavigation: Bool, line: Int) {
        self.name = name
        self.type = type
        self.isNavigation = isNavigation
        self.line = line
    }

    public var isCollection: Bool { CSDLTypeName(type).isCollection }
    /// The type without `Collection(...)`.
    public var elementType: String { CSDLTypeName(type).element }
}

/// `Collection(x)` split into its element and collection-ness.
public struct CSDLTypeName: Hashable, Sendable {
    public var element: String
    public var isCollection: Bool

    public init(_ text: String) {
        let trimmed = text.trimmingSpaces
        if trimmed.lowercased().hasPrefix("collection("), trimmed.hasSuffix(")") {
            element = String(trimmed.dropFirst("collection(".count).dropLast()).trimmingSpaces
            isCollection = true
        } else {
            element = trimmed
            isCollection = false
        }
    }
}

public struct CSDLEnumType: Hashable, Sendable {
    public var name: String
    public var isFlags: Bool
    public var members: [CSDLEnumMember] = []
    public var line: Int

    public init(name: String, isFlags: Bool, line: Int) {
        self.name = name
        self.isFlags = isFlags
        self.line = line
    }
}

public struct CSDLEnumMember: Hashable, Sendable {
    public var name: String
    public var value: String?
    public var line: Int

    public init(name: String, value: String?, line: Int) {
        self.name = name
        self.value = value
        self.line = line
    }
}

/// An `Action` or `Function`.
public struct CSDLOperation: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case action, function }
    public var kind: Kind
    public var name: String
    public var isBound: Bool
    /// In order; for a bound operation the first is the binding parameter.
    public var parameters: [CSDLParameter] = []
    public var returnType: String?
    public var line: Int

    public init(kind: Kind, name: String, isBound: Bool, line: Int) {
        self.kind = kind
        self.name = name
        self.isBound = isBound
        self.line = line
    }

    /// The parameters a caller passes: all but the binding parameter of a bound operation.
    public var callerParameters: [CSDLParameter] { isBound ? Array(parameters.dropFirst()) : parameters }
}

public struct CSDLParameter: Hashable, Sendable {
    public var name: String
    public var type: String
    public var line: Int

    public init(name: String, type: String, line: Int) {
        self.name = name
        self.type = type
        self.line = line
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
