import DocgenModel

/// What a package that generates its own client can change about the Swift it gets (docgen's configuration
/// file, `docgen.json`). The defaults give the client committed in `Generated/`.
public struct EmitterOptions: Hashable, Sendable {
    /// The access level of every generated declaration.
    public enum AccessModifier: String, Hashable, Sendable, CaseIterable {
        case `public`, `package`, `internal`
    }

    public var accessModifier: AccessModifier
    /// Module names by API version (`v1.0` -> `MyGraph`) instead of `GraphV1`: a package that depends on
    /// docgen cannot reuse the names of docgen's own modules (SwiftPM wants target names unique).
    public var moduleNames: [String: String] = [:]
    /// Swift names for types and enums, by OData name (compared as OData compares names: any case,
    /// `microsoft.graph.` optional): `deviceConfigurationAssignment` -> `ConfigurationAssignment`.
    public var typeNames: [String: String] {
        get { typeNameStorage }
        set { typeNameStorage = EmitterOptions.byLookupKey(newValue) }
    }
    /// Swift names for properties: by type (the type declaring or inheriting it), then wire name.
    public var propertyNames: [String: [String: String]] {
        get { propertyNameStorage }
        set { propertyNameStorage = EmitterOptions.byLookupKey(newValue) }
    }
    /// Swift names for enum cases: by enum, then member.
    public var enumCaseNames: [String: [String: String]] {
        get { enumCaseNameStorage }
        set { enumCaseNameStorage = EmitterOptions.byLookupKey(newValue) }
    }
    private var typeNameStorage: [String: String] = [:]
    private var propertyNameStorage: [String: [String: String]] = [:]
    private var enumCaseNameStorage: [String: [String: String]] = [:]

    private static func byLookupKey<Value>(_ table: [String: Value]) -> [String: Value] {
        // Sorted first, so that of two keys naming one type the same one wins every time.
        Dictionary(table.sorted { $0.key < $1.key }.map { (TypeReference.lookupKey(for: $0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
    }
    /// The Swift type of a primitive, as a qualified name (`DateTimeOffset` -> `Foundation.Date`). The type
    /// must be `Codable`, `Hashable`, `Sendable` and `GraphRuntime.JSONRepresentable` (the runtime makes
    /// `Foundation.Date` and `Foundation.UUID` conform), reading what Graph sends.
    public var primitiveTypes: [PrimitiveType: String]
    /// Modules every generated file imports besides `GraphRuntime` (for the types of `primitiveTypes`).
    public var additionalImports: [String]
    /// Whether the `GeneratedCatalog` module that lists the version modules is generated (it needs the
    /// version modules' declarations to be visible to it: not with `internal`).
    public var generatesCatalog: Bool

    public init(
        accessModifier: AccessModifier = .public, typeNames: [String: String] = [:], propertyNames: [String: [String: String]] = [:],
        enumCaseNames: [String: [String: String]] = [:], primitiveTypes: [PrimitiveType: String] = [:], additionalImports: [String] = [],
        generatesCatalog: Bool = true
    ) {
        self.accessModifier = accessModifier
        self.primitiveTypes = primitiveTypes
        self.additionalImports = additionalImports
        self.generatesCatalog = generatesCatalog
        self.typeNames = typeNames
        self.propertyNames = propertyNames
        self.enumCaseNames = enumCaseNames
    }

    /// Whether `text` can be given as a Swift name (a plain identifier, not a keyword).
    public static func isUsableName(_ text: String) -> Bool {
        SwiftNaming.isValidIdentifier(text) && !SwiftNaming.keywords.contains(text)
    }

    /// Whether `text` can name a type (`Foundation.Date`, `MyModule.Stamp`): identifiers joined by dots.
    public static func isQualifiedTypeName(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 1 && parts.allSatisfy { isUsableName(String($0)) } && !(parts.count == 1 && text.isEmpty)
    }

    /// Whether `text` can be imported (`Foundation`, `MyModule`).
    public static func isModuleName(_ text: String) -> Bool { isUsableName(text) }

    func typeName(_ odataName: String) -> SwiftName? {
        usable(typeNameStorage[TypeReference.lookupKey(for: odataName)])
    }

    func propertyName(type odataName: String, wireName: String) -> SwiftName? {
        usable(propertyNameStorage[TypeReference.lookupKey(for: odataName)]?[wireName])
    }

    func caseName(enumeration odataName: String, member: String) -> SwiftName? {
        usable(enumCaseNameStorage[TypeReference.lookupKey(for: odataName)]?[member])
    }

    private func usable(_ name: String?) -> SwiftName? {
        guard let name, EmitterOptions.isUsableName(name) else { return nil }
        return SwiftName(verified: name)
    }

    func primitiveType(_ primitive: PrimitiveType) -> SwiftType? {
        guard let text = primitiveTypes[primitive], EmitterOptions.isQualifiedTypeName(text) else { return nil }
        let parts = text.split(separator: ".")
        if parts.count == 1 { return .local(SwiftName(verified: text)) }
        return .qualified(module: String(parts[0]), name: parts.dropFirst().joined(separator: "."))
    }
}
