/// The type of a property, a request body or a response, as a page names it.
///
/// `String`, `Int32`, `Edm.Guid`, `DateTimeOffset` and their relatives are primitives; anything else is a
/// named type (a resource, complex or enum type) to be resolved by the linker, case-insensitively, by its
/// OData name (`deviceAndAppManagementAssignmentTarget`), never by the file name of the link.
public struct TypeReference: Codable, Hashable, Sendable {
    /// The name as written, without collection markers: `String`, `deviceAndAppManagementAssignmentTarget`.
    public var name: String
    /// Set when `name` is a primitive type.
    public var primitive: PrimitiveType?
    /// `String collection`, `Collection(x)`, `x collection`.
    public var isCollection: Bool
    /// The link target, when the page linked the name (`../resources/x.md`).
    public var link: String?

    public init(name: String, primitive: PrimitiveType? = nil, isCollection: Bool = false, link: String? = nil) {
        self.name = name
        self.primitive = primitive
        self.isCollection = isCollection
        self.link = link
    }

    public static func primitive(_ type: PrimitiveType, isCollection: Bool = false) -> TypeReference {
        TypeReference(name: type.rawValue, primitive: type, isCollection: isCollection)
    }

    public static func named(_ name: String, isCollection: Bool = false, link: String? = nil) -> TypeReference {
        TypeReference(name: name, isCollection: isCollection, link: link)
    }

    /// A type as OData and the annotations spell it: `Collection(microsoft.graph.x)`, `collection(x)`,
    /// `Collection(Edm.String)`, `Edm.String`, `string`, `String collection`, `#microsoft.graph.x`,
    /// `microsoft.graph.externalConnectors.x` (a namespace below `microsoft.graph` stays part of the name,
    /// as the type's page names it). `isCollection` adds collection-ness from elsewhere (an annotation's
    /// `isCollection`).
    public static func odata(_ text: String, isCollection: Bool = false) -> TypeReference {
        var name = Substring(text.trimmingCharactersInSet(" \t"))
        var collection = isCollection
        if name.lowercased().hasPrefix("collection("), name.hasSuffix(")") {
            name = Substring(name.dropFirst("collection(".count).dropLast().trimmingCharactersInSet(" \t"))
            collection = true
        }
        if name.lowercased().hasSuffix(" collection") {
            name = Substring(name.dropLast(" collection".count).trimmingCharactersInSet(" \t"))
            collection = true
        }
        if name.hasPrefix("#") { name = name.dropFirst() }
        if let primitive = PrimitiveType(docsName: String(name)) { return .primitive(primitive, isCollection: collection) }
        let namespace = "microsoft.graph."
        if name.lowercased().hasPrefix(namespace) { name = name.dropFirst(namespace.count) }
        return .named(String(name), isCollection: collection)
    }

    /// The key under which named types are looked up: OData type names are case-insensitive, and a
    /// `microsoft.graph.` namespace prefix (with or without `#`) names the same type.
    public var lookupKey: String { TypeReference.lookupKey(for: name) }

    public static func lookupKey(for name: String) -> String {
        if let key = asciiLookupKey(for: name) { return key }
        var key = Substring(name)
        if key.hasPrefix("#") { key = key.dropFirst() }
        let lowered = key.lowercased()
        let namespace = "microsoft.graph."
        return lowered.hasPrefix(namespace) ? String(lowered.dropFirst(namespace.count)) : lowered
    }

    /// `lookupKey(for:)` of an ASCII name, byte by byte (where lowercasing is A-Z to a-z); nil for others.
    private static func asciiLookupKey(for name: String) -> String? {
        var name = name
        return name.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let lowered = { (byte: UInt8) -> UInt8 in byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
            var start = bytes.first == UInt8(ascii: "#") ? 1 : 0
            let namespace = "microsoft.graph.".utf8
            if bytes.count - start >= namespace.count,
               zip(bytes[start...], namespace).allSatisfy({ lowered($0) == $1 }) {
                start += namespace.count
            }
            return String(unsafeUninitializedCapacity: bytes.count - start) { buffer in
                for offset in start..<bytes.count { buffer[offset - start] = lowered(bytes[offset]) }
                return bytes.count - start
            }
        }
    }

    /// `String`, `String collection`: how the docs would write it.
    public var displayName: String { isCollection ? "\(name) collection" : name }
}

/// The primitive (Edm) types of Microsoft Graph.
public enum PrimitiveType: String, Codable, Hashable, Sendable, CaseIterable {
    case string = "String"
    case boolean = "Boolean"
    case byte = "Byte"
    case sbyte = "SByte"
    case int16 = "Int16"
    case int32 = "Int32"
    case int64 = "Int64"
    case single = "Single"
    case double = "Double"
    case decimal = "Decimal"
    case guid = "Guid"
    case dateTimeOffset = "DateTimeOffset"
    case date = "Date"
    case timeOfDay = "TimeOfDay"
    case duration = "Duration"
    case binary = "Binary"
    case stream = "Stream"
    /// Untyped JSON (`Json`, `Edm.Untyped`, `Object`): any JSON value.
    case json = "Json"

    /// Recognises a primitive type name as the docs write it: any case, with or without `Edm.`, and the
    /// common aliases (`Int` for Int32, `Integer`, `Bool`, `Float`, `datetime`, `Timestamp`).
    public init?(docsName: String) {
        var name = Substring(docsName.trimmingCharactersInSet(" \t"))
        if name.lowercased().hasPrefix("edm.") { name = name.dropFirst(4) }
        switch name.lowercased() {
        case "string", "str": self = .string
        case "boolean", "bool": self = .boolean
        case "byte": self = .byte
        case "sbyte": self = .sbyte
        case "int16": self = .int16
        case "int32", "int", "integer": self = .int32
        case "int64", "long": self = .int64
        case "single", "float": self = .single
        case "double": self = .double
        case "decimal": self = .decimal
        case "guid", "uuid": self = .guid
        case "datetimeoffset", "datetime", "timestamp": self = .dateTimeOffset
        case "date": self = .date
        case "timeofday": self = .timeOfDay
        case "duration", "timespan": self = .duration
        case "binary": self = .binary
        case "stream": self = .stream
        case "json", "untyped", "object": self = .json
        default: return nil
        }
    }
}

extension StringProtocol {
    /// Trims the given characters from both ends (no Foundation dependency in the model).
    public func trimmingCharactersInSet(_ characters: String) -> String {
        let trimmable = characters.unicodeScalars
        let text = String(self)
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimmable.contains($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !trimmable.contains($0) })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    /// Trims spaces, tabs, newlines and no-break spaces from both ends.
    public var trimmed: String { trimmingCharactersInSet(" \t\n\r\u{00A0}") }
}
