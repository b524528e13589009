import DocgenModel

/// What one API version's module calls the model's types and enums, and the Swift types it gives properties,
/// request bodies and responses. The emitter declares exactly these; tools that talk about the generated
/// client (`docgen diff`) ask here instead of guessing, so they use the names a reader finds in `Generated/`.
public struct SwiftModuleNames: Sendable {
    public let moduleName: String
    /// Lookups over the version's types and enums.
    public let index: TypeIndex
    /// Struct names by lookup key (`TypeReference.lookupKey`).
    public let structNames: [String: SwiftName]
    /// Open-enum names by lookup key; a name that is also a type's gets no enum.
    public let enumNames: [String: SwiftName]
    /// `AnyX` wrapper names by lookup key: one for each type that has derived types.
    public let polymorphicNames: [String: SwiftName]
    /// The module scope once the type names are taken; the request builders claim their names from it.
    let scope: NameScope
    /// Name and type overrides, the access level.
    public let options: EmitterOptions

    /// `otherModules`: the other generated modules, whose names a type must not take.
    public init(version: APIVersionModel, moduleName: String, otherModules: [String] = [], options: EmitterOptions = EmitterOptions()) {
        self.options = options
        // Names are handed out in a fixed order (rule 7), whatever order the model lists things in.
        let order = { (lhs: String, rhs: String) in (TypeReference.lookupKey(for: lhs), lhs) < (TypeReference.lookupKey(for: rhs), rhs) }
        let types = version.types.sorted { order($0.name, $1.name) }
        let enums = version.enums.sorted { order($0.name, $1.name) }
        let index = TypeIndex(types: types, enums: enums)
        // Member types that generated types refer to by plain name (`CodingKeys`, `RawValue`; rule 6) would hide
        // a module type of that name inside them. Its names become file names, which macOS's file system does
        // not tell apart by case, and which must fit 255 bytes (rule 9).
        var scope = NameScope(reserved: [moduleName, moduleName + "Client", moduleName + "Module"] + SwiftNaming.importedModules
                                  + SwiftNaming.moduleReserved + otherModules,
                              ignoringCase: true)
        let typeName = { (text: String) in SwiftNaming.fittingFileName(SwiftNaming.typeName(text), identity: text) }
        var structNames: [String: SwiftName] = [:]
        for type in types {
            structNames[TypeReference.lookupKey(for: type.name)] = scope.claim(options.typeName(type.name) ?? typeName(type.name))
        }
        var enumNames: [String: SwiftName] = [:]
        for enumeration in enums where structNames[TypeReference.lookupKey(for: enumeration.name)] == nil {
            enumNames[TypeReference.lookupKey(for: enumeration.name)] = scope.claim(options.typeName(enumeration.name) ?? typeName(enumeration.name))
        }
        var polymorphicNames: [String: SwiftName] = [:]
        for type in types where index.hasDescendants(type) {
            // A renamed type's wrapper follows its new name (`Gadget` -> `AnyGadget`).
            let wrapper = options.typeName(type.name).map { SwiftName(verified: "Any" + $0.text) } ?? typeName("Any " + type.name)
            polymorphicNames[TypeReference.lookupKey(for: type.name)] = scope.claim(wrapper)
        }
        self.moduleName = moduleName
        self.index = index
        self.structNames = structNames
        self.enumNames = enumNames
        self.polymorphicNames = polymorphicNames
        self.scope = scope
    }

    static let runtime = "GraphRuntime"
    static let jsonValue = SwiftType.qualified(module: runtime, name: "JSONValue")

    /// The Swift type of a documented type reference (not optional): a primitive's Swift type, the `AnyX`
    /// wrapper of a type with derived types, a struct or an enum, untyped JSON for a name the version does
    /// not define; an array for a collection.
    public func swiftType(_ reference: TypeReference) -> SwiftType {
        var element: SwiftType
        if let primitive = reference.primitive {
            element = options.primitiveType(primitive) ?? SwiftModuleNames.swiftType(primitive)
        } else {
            let key = reference.lookupKey
            if let name = polymorphicNames[key] ?? structNames[key] ?? enumNames[key] {
                element = .local(name)
            } else {
                element = SwiftModuleNames.jsonValue
            }
        }
        return reference.isCollection ? .array(element) : element
    }

    public static func swiftType(_ primitive: PrimitiveType) -> SwiftType {
        let swift = { (name: String) in SwiftType.qualified(module: "Swift", name: name) }
        let runtime = { (name: String) in SwiftType.qualified(module: SwiftModuleNames.runtime, name: name) }
        switch primitive {
        case .string, .guid, .binary, .stream: return swift("String")
        case .boolean: return swift("Bool")
        case .byte: return swift("UInt8")
        case .sbyte: return swift("Int8")
        case .int16: return swift("Int16")
        case .int32: return swift("Int32")
        case .int64: return swift("Int64")
        // Single as Double: pages write Single values with double precision (4.666666666666667), which a
        // Float would not keep.
        case .single, .double, .decimal: return swift("Double")
        case .dateTimeOffset: return runtime("GraphDateTimeOffset")
        case .date: return runtime("GraphDate")
        case .timeOfDay: return runtime("GraphTimeOfDay")
        case .duration: return runtime("GraphDuration")
        case .json: return jsonValue
        }
    }

    /// The type of an operation function's body parameter; nil when it takes none.
    public func requestBodyType(of operation: Operation) -> SwiftType? {
        operation.requestBody.map(swiftType)
    }

    /// What an operation's function returns: nothing (nil), a collection page, a type, or untyped JSON when
    /// the page documents a response body of no known type.
    public func responseType(of operation: Operation) -> SwiftType? {
        // Bytes of `$value` and media results, the number of `$count`.
        if operation.responseKind == .binary { return .qualified(module: SwiftModuleNames.runtime, name: "GraphBytes") }
        if operation.responseKind == .count { return .int }
        guard let body = operation.responseBody else {
            if operation.method == "DELETE" || operation.responseStatus == 204 || operation.method == "PATCH" || operation.method == "PUT" {
                return nil
            }
            return SwiftModuleNames.jsonValue
        }
        if body.isCollection {
            var element = body
            element.isCollection = false
            return .generic(module: SwiftModuleNames.runtime, name: "CollectionPage", arguments: [swiftType(element)])
        }
        return swiftType(body)
    }

    /// The name of an operation's function on its request builder (`post`).
    public static func functionName(of operation: Operation) -> SwiftName { SwiftNaming.memberName(operation.method.lowercased()) }

    /// The stored properties of a type's struct, by wire name and Swift name: `@odata.type` first, then every
    /// documented property, inherited ones first (rule 7's order).
    public func propertyNames(of type: TypeDefinition) -> [(wireName: String, name: SwiftName)] {
        // `jsonObject` is the struct's storage, `graphJSON` and `additionalData` come with
        // `GraphRuntime.JSONBackedObject`; `wireNames` was a member of CodingKeys (kept so that names stay).
        var memberScope = NameScope(reserved: ["additionalData", "wireNames", "jsonObject", "graphJSON"])
        var result = [(wireName: "@odata.type", name: memberScope.claim(SwiftNaming.memberName("@odata.type")))]
        // An override given for the type itself wins over one given for a type it inherits from.
        let owners = [type.name] + index.ancestors(of: type).map(\.name)
        for property in index.allProperties(of: type) where property.name != "@odata.type" {
            let override = owners.lazy.compactMap { options.propertyName(type: $0, wireName: property.name) }.first
            result.append((property.name, memberScope.claim(override ?? SwiftNaming.memberName(property.name))))
        }
        return result
    }

    /// The case names of an enum's members, in member order; `unrecognized` (the catch-all case) and
    /// `rawValue` are taken.
    public static func caseNames(of enumeration: EnumDefinition, options: EmitterOptions = EmitterOptions()) -> [SwiftName] {
        var caseScope = NameScope(reserved: ["unrecognized", "rawValue"])
        return enumeration.members.map {
            caseScope.claim(options.caseName(enumeration: enumeration.name, member: $0.name) ?? SwiftNaming.caseName($0.name))
        }
    }

    /// `caseNames(of:options:)` with this module's options.
    public func caseNames(of enumeration: EnumDefinition) -> [SwiftName] {
        SwiftModuleNames.caseNames(of: enumeration, options: options)
    }
}
