/// A resource or complex type: a Swift struct in the generated client.
public struct TypeDefinition: Codable, Hashable, Sendable {
    /// The OData name as documented (`deviceConfigurationAssignment`).
    public var name: String
    /// The type this one inherits from ("Inherits from [x](...)"), by name.
    public var baseType: TypeReference?
    public var description: String?
    /// Properties declared by this type, including the relationships (navigation properties). Inherited
    /// properties the page repeats are kept too; the linker resolves them against the base type.
    public var properties: [PropertyDefinition]
    public var isAbstract: Bool
    /// How the type came to be known.
    public var origin: DefinitionOrigin
    public var location: SourceLocation

    public init(
        name: String, baseType: TypeReference? = nil, description: String? = nil,
        properties: [PropertyDefinition] = [], isAbstract: Bool = false,
        origin: DefinitionOrigin, location: SourceLocation
    ) {
        self.name = name
        self.baseType = baseType
        self.description = description
        self.properties = properties
        self.isAbstract = isAbstract
        self.origin = origin
        self.location = location
    }
}

/// Where a type or enum definition comes from, in order of authority: a type's own page beats a method
/// page's request-body table, which beats what an example shows.
public enum DefinitionOrigin: String, Codable, Hashable, Sendable, Comparable {
    /// The type's own resource or enum page.
    case typePage
    /// An enum section of a page that holds many (`### x values`).
    case enumSection
    /// A method page's request-body property table.
    case requestBodyTable
    /// The request-body table of a method page that names no type for its body (an action's parameters,
    /// "supply JSON representation of the parameters"): a type of its own, named after the request path
    /// (`managedDeviceWipeRequestBody` for `POST /deviceManagement/managedDevices/{managedDeviceId}/wipe`).
    case unnamedRequestBody
    /// "Possible values are: `a`, `b`" in a property description.
    case possibleValues
    /// The JSON of an example.
    case example

    private var rank: Int {
        switch self {
        case .typePage: 0
        case .enumSection: 1
        case .requestBodyTable: 2
        case .unnamedRequestBody: 3
        case .possibleValues: 4
        case .example: 5
        }
    }

    public static func < (lhs: DefinitionOrigin, rhs: DefinitionOrigin) -> Bool { lhs.rank < rhs.rank }
}

public struct PropertyDefinition: Codable, Hashable, Sendable {
    /// The wire name (`deviceAndAppManagementAssignmentFilterId`, `@odata.type`).
    public var name: String
    public var type: TypeReference
    public var description: String?
    /// From "Possible values are: `a`, `b`." in the description.
    public var possibleValues: [String]
    /// A relationship (navigation property) rather than a structural property.
    public var isNavigation: Bool
    public var location: SourceLocation

    public init(
        name: String, type: TypeReference, description: String? = nil, possibleValues: [String] = [],
        isNavigation: Bool = false, location: SourceLocation
    ) {
        self.name = name
        self.type = type
        self.description = description
        self.possibleValues = possibleValues
        self.isNavigation = isNavigation
        self.location = location
    }
}

/// An enum type: an open Swift enum in the generated client.
public struct EnumDefinition: Codable, Hashable, Sendable {
    public var name: String
    public var description: String?
    public var members: [EnumMember]
    public var origin: DefinitionOrigin
    public var location: SourceLocation

    public init(
        name: String, description: String? = nil, members: [EnumMember], origin: DefinitionOrigin,
        location: SourceLocation
    ) {
        self.name = name
        self.description = description
        self.members = members
        self.origin = origin
        self.location = location
    }
}

public struct EnumMember: Codable, Hashable, Sendable {
    /// The wire value (`include`).
    public var name: String
    /// The numeric value, when the page gives one.
    public var value: String?
    public var description: String?
    public var location: SourceLocation

    public init(name: String, value: String? = nil, description: String? = nil, location: SourceLocation) {
        self.name = name
        self.value = value
        self.description = description
        self.location = location
    }
}
