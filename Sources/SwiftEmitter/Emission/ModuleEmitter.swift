import DocgenModel

/// Emits one API version's module.
struct ModuleEmitter {
    let version: APIVersionModel
    let moduleName: String
    let index: TypeIndex

    /// The names of the module's types and enums, and the Swift types of the model's references.
    let names: SwiftModuleNames
    /// Swift names of the module's top-level declarations, by lookup key.
    var structNames: [String: SwiftName] { names.structNames }
    var enumNames: [String: SwiftName] { names.enumNames }
    /// Types with derived types get a wrapper enum that decodes by `@odata.type`.
    var polymorphicNames: [String: SwiftName] { names.polymorphicNames }
    /// `typeKey.wireName` of the properties that close a cycle of structs holding each other by value; they
    /// are stored as `GraphRuntime.Indirect<T>`.
    private(set) var indirectProperties: Set<String> = []
    var scope: NameScope

    // The module name is already an identifier (`GraphV2_1`); `typeName` would drop its `_`.
    var clientName: SwiftName { SwiftNaming.fixed(moduleName + "Client") }
    var catalogName: SwiftName { SwiftNaming.fixed(moduleName + "Module") }

    /// `otherModules`: the other generated modules, which the catalog module names next to this one's types.
    init(version: APIVersionModel, moduleName: String, otherModules: [String] = [], options: EmitterOptions = EmitterOptions()) {
        // Names are handed out in a fixed order (rule 7), whatever order the model lists things in.
        var version = version
        version.types.sort { (TypeReference.lookupKey(for: $0.name), $0.name) < (TypeReference.lookupKey(for: $1.name), $1.name) }
        version.enums.sort { (TypeReference.lookupKey(for: $0.name), $0.name) < (TypeReference.lookupKey(for: $1.name), $1.name) }
        version.operations = version.operations.map { (shape: $0.path.shape, description: $0.path.description, operation: $0) }
            .sorted { ($0.shape, $0.operation.method, $0.description) < ($1.shape, $1.operation.method, $1.description) }
            .map(\.operation)
        self.version = version
        self.moduleName = moduleName
        self.names = SwiftModuleNames(version: version, moduleName: moduleName, otherModules: otherModules, options: options)
        self.index = names.index
        self.scope = names.scope
        indirectProperties = ModuleEmitter.cycleClosingProperties(version: version, index: index, polymorphic: Set(polymorphicNames.keys))
    }

    /// Single-valued properties whose struct type can reach the declaring struct again through other
    /// single-valued struct properties. Polymorphic wrappers are indirect enums and break cycles already.
    /// Such a property is an edge inside one strongly connected component of the graph "struct -> struct it
    /// holds by value", so the components are found once (`StronglyConnectedComponents`, linear in types
    /// plus properties) and each edge is checked against them.
    static func cycleClosingProperties(version: APIVersionModel, index: TypeIndex, polymorphic: Set<String>) -> Set<String> {
        var keys: [String] = []
        var edges: [[(wireName: String, target: String)]] = []
        for type in version.types {
            keys.append(TypeReference.lookupKey(for: type.name))
            edges.append(index.allProperties(of: type).compactMap { property in
                let target = property.type.lookupKey
                guard property.type.primitive == nil, !property.type.isCollection, index.types[target] != nil, !polymorphic.contains(target) else { return nil }
                return (property.name, target)
            })
        }
        var position: [String: Int] = [:]
        for (offset, key) in keys.enumerated() where position[key] == nil { position[key] = offset }
        let successors = edges.map { outgoing in outgoing.compactMap { position[$0.target] } }
        let component = StronglyConnectedComponents.components(successors)
        var result: Set<String> = []
        for (node, outgoing) in edges.enumerated() {
            for edge in outgoing {
                if let target = position[edge.target], component[target] == component[node] {
                    result.insert("\(keys[node]).\(edge.wireName)")
                }
            }
        }
        return result
    }

    mutating func files() -> [SwiftFile] {
        var files: [SwiftFile] = []
        for type in version.types {
            files.append(file("Types", structNames[TypeReference.lookupKey(for: type.name)]!, .structure(structure(for: type))))
            if let name = polymorphicNames[TypeReference.lookupKey(for: type.name)] {
                files.append(file("Types", name, .enumeration(polymorphicEnum(for: type, name: name))))
            }
        }
        for enumeration in version.enums {
            guard let name = enumNames[TypeReference.lookupKey(for: enumeration.name)] else { continue }
            files.append(file("Enums", name, .enumeration(openEnum(for: enumeration, name: name))))
        }
        files += requestBuilderFiles()
        files.append(file(nil, catalogName, .enumeration(catalog()), imports: ["Foundation", "GraphRuntime"]))
        return files
    }

    func file(_ folder: String?, _ name: SwiftName, _ declaration: SwiftDeclaration, imports: [String] = ["GraphRuntime"]) -> SwiftFile {
        let path = [moduleName, folder, "\(name.text).swift"].compactMap { $0 }.joined(separator: "/")
        let allImports = imports + names.options.additionalImports.filter { !imports.contains($0) }
        return SwiftFile(path: path, imports: allImports, declaration: declaration, accessModifier: names.options.accessModifier)
    }

    // MARK: Types

    static let runtime = SwiftModuleNames.runtime
    static let jsonValue = SwiftModuleNames.jsonValue

    /// The Swift type of a documented type reference (not optional).
    func swiftType(_ reference: TypeReference) -> SwiftType { names.swiftType(reference) }

    static func swiftType(_ primitive: PrimitiveType) -> SwiftType { SwiftModuleNames.swiftType(primitive) }

    /// Where a definition comes from, for doc comments: the page, relative to the docs root. Only the page,
    /// not the line: a line inserted above would otherwise touch the comments of everything below it, and
    /// the diff of `Generated/` is how reviewers see API drift. (`docgen diff` reports lines.)
    static func sourceNote(_ location: SourceLocation, origin: DefinitionOrigin) -> String {
        switch origin {
        case .typePage, .enumSection: "Documented in \(location.path)."
        case .requestBodyTable: "Inferred from the request-body table in \(location.path): no page defines this type."
        case .unnamedRequestBody: "The request body documented in \(location.path), which names no type for it."
        case .possibleValues: "Inferred from 'Possible values' in \(location.path): no page defines this enum."
        case .example: "Inferred from an example in \(location.path): no page defines this type; it keeps every member it receives."
        }
    }

    struct StoredProperty {
        let wireName: String
        let name: SwiftName
        let type: SwiftType
        let documentation: [String]
    }

    /// The stored properties of a type's struct: `@odata.type` first, then every documented property,
    /// inherited ones first, each optional (examples and responses are partial).
    func storedProperties(of type: TypeDefinition) -> [StoredProperty] {
        let propertyNames = names.propertyNames(of: type)
        var result: [StoredProperty] = [StoredProperty(
            wireName: "@odata.type", name: propertyNames[0].name, type: .string,
            documentation: ["The OData type of the value (`@odata.type`), as received or as set."]
        )]
        let documented = index.allProperties(of: type).filter { $0.name != "@odata.type" }
        for (property, named) in zip(documented, propertyNames.dropFirst()) {
            var documentation: [String] = []
            if let description = property.description { documentation.append(description) }
            documentation.append("Wire name `\(property.name)`, documented as \(property.type.displayName) in \(property.location.path).")
            var propertyType = swiftType(property.type)
            if indirectProperties.contains("\(TypeReference.lookupKey(for: type.name)).\(property.name)") {
                propertyType = .generic(module: ModuleEmitter.runtime, name: "Indirect", arguments: [propertyType])
                documentation.append("Stored out of line (`GraphRuntime.Indirect`): a `\(property.type.name)` can hold this type again.")
            }
            result.append(StoredProperty(wireName: property.name, name: named.name, type: propertyType, documentation: documentation))
        }
        return result
    }

    static let jsonObjectType = SwiftType.dictionary(key: .string, value: ModuleEmitter.jsonValue)

    /// A struct backed by its JSON object (`GraphRuntime.JSONBackedObject`, issue 14): one stored property, the
    /// object, and a typed computed property per documented property that reads and writes its member through
    /// the runtime. Coding, equality and hashing come from the runtime, written once for every type, so the
    /// compiler does per type only what is specific to it; a round trip is lossless by construction.
    func structure(for type: TypeDefinition) -> SwiftStruct {
        let properties = storedProperties(of: type)
        let jsonObject = SwiftNaming.fixed("jsonObject")
        let additionalData = SwiftNaming.fixed("additionalData")
        let member = SwiftNaming.fixed("member")
        let newValue = SwiftNaming.fixed("newValue")
        var members: [SwiftDeclaration] = [
            .property(SwiftProperty(
                documentation: ["The members of the JSON object, as received or as set: what the value encodes to. Unknown members and explicit nulls stay in it."],
                name: jsonObject, type: ModuleEmitter.jsonObjectType, kind: .stored(isConstant: false)
            )),
            .initializer(SwiftInitializer(
                documentation: ["A value of the members of a JSON object, kept as they are."],
                parameters: [SwiftParameter(label: jsonObject, name: jsonObject, type: ModuleEmitter.jsonObjectType)],
                isThrowing: false, body: [.assignment(.member(.selfReference, jsonObject), .name(jsonObject))]
            )),
        ]
        members += properties.map { property in
            let access = SwiftExpression.subscriptCall(.selfReference, [SwiftArgument(member, .implicitMember(property.name))])
            return .property(SwiftProperty(
                documentation: property.documentation, name: property.name, type: .optional(property.type),
                kind: .accessors(get: [.expression(access)], set: [.assignment(access, .name(newValue))])
            ))
        }

        // Memberwise initializer: every parameter optional, `@odata.type` defaulting to this type's name. A
        // body type made from a page's table is no OData type: Graph would refuse a made-up `@odata.type`;
        // nor is an abstract type ever the type of a value.
        let isODataType = type.origin != .unnamedRequestBody
        let defaultsODataType = isODataType && !type.isAbstract
        let odataName = "#microsoft.graph.\(type.name)"
        var parameters = properties.map { property in
            SwiftParameter(label: property.name, name: property.name, type: .optional(property.type),
                           defaultValue: property.wireName == "@odata.type" && defaultsODataType ? .stringLiteral(odataName) : .nilLiteral)
        }
        parameters.append(SwiftParameter(label: additionalData, name: additionalData, type: ModuleEmitter.jsonObjectType, defaultValue: .dictionaryLiteral([:])))
        // Members of `additionalData` first: a property that is set replaces a member of its name. The object
        // is built in a local and stored once: definite initialization checks every use of `self` in an
        // initializer, which made one `self[member:] = ` per property the costliest part of a large type.
        // The local is `additionalData` itself: that name is reserved, so no parameter of a property has it.
        let local = additionalData
        var body: [SwiftStatement] = [.variable(local, .name(additionalData))]
        body += properties.map { property in
            .expression(.call(.member(.type(.qualified(module: ModuleEmitter.runtime, name: "JSONMembers")), SwiftNaming.fixed("put")), [
                SwiftArgument(nil, .name(property.name)), SwiftArgument(nil, .stringLiteral(property.wireName)), SwiftArgument(nil, .inout(local)),
            ]))
        }
        body.append(.assignment(.member(.selfReference, jsonObject), .name(local)))
        members.append(.initializer(SwiftInitializer(
            documentation: [defaultsODataType ? "Creates a value; `odataType` defaults to `\(odataName)`."
                            : "Creates a value; `odataType` is sent only when set\(type.isAbstract ? " (the type is abstract: a value is always of a type derived from it)" : "").",
                            "",
                            "A parameter left nil sends no member; `additionalData` adds members the type does not declare, and explicit nulls."],
            parameters: parameters, isThrowing: false, body: body
        )))

        // CodingKeys with the wire names: what the runtime reads and writes, and the type's list of properties.
        let codingKeys = SwiftNaming.fixed("CodingKeys")
        let keyCases: [SwiftDeclaration] = properties.map { property in
            .enumCase(SwiftEnumCase(documentation: [], name: property.name, rawValue: property.wireName == property.name.text ? nil : property.wireName, associatedValue: nil))
        }
        members.append(.enumeration(SwiftEnum(
            documentation: ["The documented properties, by wire name."], name: codingKeys, isIndirect: false, rawType: .string,
            conformances: [.qualified(module: "Swift", name: "CodingKey"), .qualified(module: "Swift", name: "CaseIterable")],
            members: keyCases
        )))

        var documentation: [String] = []
        if let description = type.description { documentation.append(description) }
        if isODataType {
            documentation.append("\(type.isAbstract ? "Abstract OData type" : "OData type") `microsoft.graph.\(type.name)`\(type.baseType.map { ", derived from `\($0.name)`" } ?? "").")
        }
        documentation.append(ModuleEmitter.sourceNote(type.location, origin: type.origin))
        return SwiftStruct(documentation: documentation.joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                           name: structNames[TypeReference.lookupKey(for: type.name)]!, conformances: [ModuleEmitter.jsonBackedObject], members: members)
    }

    static let jsonBackedObject = SwiftType.qualified(module: runtime, name: "JSONBackedObject")
    static let jsonObjectRepresentable = SwiftType.qualified(module: runtime, name: "JSONObjectRepresentable")
    static let openStringEnum = SwiftType.qualified(module: runtime, name: "OpenStringEnum")

    /// `AnyX`: an `x` or any type derived from it, picked by `@odata.type` when decoding. An absent, abstract
    /// or unknown `@odata.type` decodes as `x` itself, which keeps every member, so nothing is lost.
    func polymorphicEnum(for base: TypeDefinition, name: SwiftName) -> SwiftEnum {
        let variants = [base] + index.descendants(of: base)
        // `jsonObject` is the enum's property.
        var caseScope = NameScope(reserved: ["jsonObject"])
        // A renamed type's case follows its new name (`Gadget` -> `.gadget`).
        let cases = variants.map { variant in
            (variant, caseScope.claim(names.options.typeName(variant.name).map { SwiftNaming.caseName($0.text) } ?? SwiftNaming.caseName(variant.name)))
        }
        var members: [SwiftDeclaration] = cases.map { type, caseName in
            .enumCase(SwiftEnumCase(documentation: [], name: caseName, rawValue: nil,
                                    associatedValue: .local(structNames[TypeReference.lookupKey(for: type.name)]!)))
        }
        let jsonObject = SwiftNaming.fixed("jsonObject")
        let value = SwiftNaming.fixed("value")
        var decodeCases: [SwiftSwitchCase] = cases.dropFirst().map { type, caseName in
            SwiftSwitchCase(.stringLiteral(TypeReference.lookupKey(for: type.name)), [
                .assignment(.selfReference, .call(.implicitMember(caseName), [SwiftArgument(nil, .call(.type(.local(structNames[TypeReference.lookupKey(for: type.name)]!)), [SwiftArgument(jsonObject, .name(jsonObject))]))])),
            ])
        }
        decodeCases.append(SwiftSwitchCase(.defaultCase, [
            .assignment(.selfReference, .call(.implicitMember(cases[0].1), [SwiftArgument(nil, .call(.type(.local(structNames[TypeReference.lookupKey(for: base.name)]!)), [SwiftArgument(jsonObject, .name(jsonObject))]))])),
        ]))
        members.append(.initializer(SwiftInitializer(
            documentation: ["The case that `@odata.type` in `jsonObject` names; the base type's for any other."],
            parameters: [SwiftParameter(label: jsonObject, name: jsonObject, type: ModuleEmitter.jsonObjectType)],
            isThrowing: false,
            body: [.switchStatement(.call(.member(.type(.qualified(module: ModuleEmitter.runtime, name: "ODataType")), SwiftNaming.fixed("discriminator")), [SwiftArgument(SwiftNaming.fixed("in"), .name(jsonObject))]), decodeCases)]
        )))
        members.append(.property(SwiftProperty(
            documentation: ["The JSON object of the value in the case."], name: jsonObject, type: ModuleEmitter.jsonObjectType,
            kind: .computed([.switchStatement(.selfReference, cases.map { _, caseName in
                SwiftSwitchCase(.enumCaseBinding(caseName, value), [.returnStatement(.member(.name(value), jsonObject))])
            })])
        )))
        return SwiftEnum(
            documentation: ["A `\(base.name)` or a type derived from it, chosen by `@odata.type` when decoding.",
                            "",
                            "An absent, abstract or unknown `@odata.type` decodes as `\(structNames[TypeReference.lookupKey(for: base.name)]!.text)`, which keeps every member."],
            name: name, isIndirect: false, rawType: nil, conformances: [ModuleEmitter.jsonObjectRepresentable], members: members
        )
    }

    /// An open enum: a case per documented member and `unrecognized` for any other value, which survives
    /// a round trip unchanged.
    func openEnum(for enumeration: EnumDefinition, name: SwiftName) -> SwiftEnum {
        let cases = Array(zip(enumeration.members, names.caseNames(of: enumeration)))
        let unrecognized = SwiftNaming.fixed("unrecognized")
        let rawValue = SwiftNaming.fixed("rawValue")
        var members: [SwiftDeclaration] = cases.map { member, caseName in
            var documentation: [String] = []
            if let description = member.description { documentation.append(description) }
            documentation.append("Wire value `\(member.name)`\(member.value.map { " (\($0))" } ?? "").")
            return .enumCase(SwiftEnumCase(documentation: documentation, name: caseName, rawValue: nil, associatedValue: nil))
        }
        members.append(.enumCase(SwiftEnumCase(documentation: ["A value this client does not know, kept as received."], name: unrecognized, rawValue: nil, associatedValue: .string)))
        var fromRaw: [SwiftSwitchCase] = cases.map { member, caseName in
            SwiftSwitchCase(.stringLiteral(member.name), [.assignment(.selfReference, .implicitMember(caseName))])
        }
        fromRaw.append(SwiftSwitchCase(.defaultCase, [.assignment(.selfReference, .call(.implicitMember(unrecognized), [SwiftArgument(nil, .name(rawValue))]))]))
        members.append(.initializer(SwiftInitializer(
            documentation: ["The case of the wire value `rawValue`; `unrecognized` for a value this client does not know."], parameters: [SwiftParameter(label: rawValue, name: rawValue, type: .string)],
            isThrowing: false, body: [.switchStatement(.name(rawValue), fromRaw)]
        )))
        let value = SwiftNaming.fixed("value")
        var toRaw: [SwiftSwitchCase] = cases.map { member, caseName in
            SwiftSwitchCase(.enumCase(caseName), [.returnStatement(.stringLiteral(member.name))])
        }
        toRaw.append(SwiftSwitchCase(.enumCaseBinding(unrecognized, value), [.returnStatement(.name(value))]))
        members.append(.property(SwiftProperty(documentation: ["The wire value."], name: rawValue, type: .string, kind: .computed([.switchStatement(.selfReference, toRaw)]))))
        var documentation: [String] = []
        if let description = enumeration.description { documentation += [description, ""] }
        documentation.append("OData enum `microsoft.graph.\(enumeration.name)`.")
        documentation.append("")
        documentation.append(ModuleEmitter.sourceNote(enumeration.location, origin: enumeration.origin))
        return SwiftEnum(
            documentation: documentation, name: name, isIndirect: false, rawType: nil,
            conformances: [ModuleEmitter.openStringEnum],
            members: members
        )
    }
}
