/// Lookups over one API version's types and enums: by OData name (case-insensitively), with inherited
/// properties, and with the types derived from each. Built once per version by whoever needs it.
public struct TypeIndex: Sendable {
    public let types: [String: TypeDefinition]
    public let enums: [String: EnumDefinition]
    /// Lookup key of a type -> lookup keys of the types that inherit from it directly.
    private let directlyDerived: [String: [String]]

    public init(types: [TypeDefinition], enums: [EnumDefinition]) {
        var typeTable: [String: TypeDefinition] = [:]
        for type in types where typeTable[TypeReference.lookupKey(for: type.name)] == nil {
            typeTable[TypeReference.lookupKey(for: type.name)] = type
        }
        var enumTable: [String: EnumDefinition] = [:]
        for enumeration in enums where enumTable[TypeReference.lookupKey(for: enumeration.name)] == nil {
            enumTable[TypeReference.lookupKey(for: enumeration.name)] = enumeration
        }
        var derived: [String: [String]] = [:]
        for (key, type) in typeTable {
            if let base = type.baseType?.lookupKey, typeTable[base] != nil, base != key {
                derived[base, default: []].append(key)
            }
        }
        self.types = typeTable
        self.enums = enumTable
        self.directlyDerived = derived.mapValues { $0.sorted() }
    }

    public init(_ version: APIVersionModel) {
        self.init(types: version.types, enums: version.enums)
    }

    public func type(named name: String) -> TypeDefinition? { types[TypeReference.lookupKey(for: name)] }
    public func enumeration(named name: String) -> EnumDefinition? { enums[TypeReference.lookupKey(for: name)] }

    /// The chain of base types, nearest first, stopping at a cycle or an unknown name.
    public func ancestors(of type: TypeDefinition) -> [TypeDefinition] {
        var chain: [TypeDefinition] = []
        var seen: Set<String> = [TypeReference.lookupKey(for: type.name)]
        var current = type
        while let baseKey = current.baseType?.lookupKey, let base = types[baseKey], seen.insert(baseKey).inserted {
            chain.append(base)
            current = base
        }
        return chain
    }

    /// Every property a value of `type` can have: the farthest ancestor's first, then each nearer type's; a
    /// property declared again lower down replaces the inherited one in its place.
    public func allProperties(of type: TypeDefinition) -> [PropertyDefinition] {
        var result: [PropertyDefinition] = []
        var positions: [String: Int] = [:]
        for definition in ancestors(of: type).reversed() + [type] {
            for property in definition.properties {
                if let position = positions[property.name] {
                    result[position] = property
                } else {
                    positions[property.name] = result.count
                    result.append(property)
                }
            }
        }
        return result
    }

    /// Every type that inherits from `type`, directly or not, sorted by lookup key. Linear in their number.
    public func descendants(of type: TypeDefinition) -> [TypeDefinition] {
        var result: [String] = []
        var seen: Set<String> = [TypeReference.lookupKey(for: type.name)]
        var queue = directlyDerived[TypeReference.lookupKey(for: type.name)] ?? []
        var next = 0
        while next < queue.count {
            let key = queue[next]
            next += 1
            guard seen.insert(key).inserted else { continue }
            result.append(key)
            queue += directlyDerived[key] ?? []
        }
        return result.sorted().compactMap { types[$0] }
    }

    /// Whether any type inherits from `type`.
    public func hasDescendants(_ type: TypeDefinition) -> Bool {
        !(directlyDerived[TypeReference.lookupKey(for: type.name)] ?? []).isEmpty
    }
}
