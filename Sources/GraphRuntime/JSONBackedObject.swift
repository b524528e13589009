import Foundation

// The shapes of the generated types (issue 14): each generated struct stores the JSON object it was decoded from
// (or built up by its initializer and setters) and exposes typed, computed properties that convert on access.
// Coding, equality and hashing are written once here, not once per type: the compiler type-checks and emits
// one computed property per documented property and nothing else per type. Decoding then encoding is lossless
// by construction, because what is encoded is what was decoded, unknown members and explicit nulls included.

/// A value that generated types store as JSON and read back typed.
public protocol JSONRepresentable {
    /// The value `graphJSON` represents; nil when it is of another kind (a string where a number is expected, a
    /// number out of range, an array with an element of another kind) or null.
    init?(graphJSON: JSONValue)

    /// The value as JSON.
    var graphJSON: JSONValue { get }
}

/// A generated struct or `Any…` enum: a JSON object with typed access. Its coding, equality and hashing are
/// the JSON object's.
public protocol JSONObjectRepresentable: Codable, Hashable, Sendable, JSONRepresentable {
    /// A value made from the members of a JSON object, kept as they are.
    init(jsonObject: [String: JSONValue])

    /// The members of the JSON object the value represents.
    var jsonObject: [String: JSONValue] { get }
}

extension JSONObjectRepresentable {
    /// Decodes a JSON object, keeping every member; throws for anything that is not an object.
    public init(from decoder: any Decoder) throws {
        self.init(jsonObject: try decoder.singleValueContainer().decode([String: JSONValue].self))
    }

    /// Encodes the JSON object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(jsonObject)
    }

    /// Equal when the JSON objects are.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.jsonObject == rhs.jsonObject }

    /// Hashes the JSON object.
    public func hash(into hasher: inout Hasher) { hasher.combine(jsonObject) }

    /// The value of a JSON object; nil for any other JSON.
    public init?(graphJSON: JSONValue) {
        guard case .object(let members) = graphJSON else { return nil }
        self.init(jsonObject: members)
    }

    /// The JSON object.
    public var graphJSON: JSONValue { .object(jsonObject) }
}

/// A generated struct: its JSON object and, in `CodingKeys`, the wire names of its documented properties.
public protocol JSONBackedObject: JSONObjectRepresentable {
    /// One case per documented property; the raw value is the wire name.
    associatedtype CodingKeys: CodingKey, CaseIterable, RawRepresentable where CodingKeys.RawValue == String

    /// The members of the JSON object, as received or as set.
    var jsonObject: [String: JSONValue] { get set }
}

extension JSONBackedObject {
    /// The documented property `key`, typed: nil when the member is absent, null or of another kind (the
    /// member itself is kept and encoded unchanged).
    ///
    /// Setting a value replaces the member; setting nil removes it, except an explicit null, which stays (set it
    /// through `additionalData`), so that nil means "not sent", as it does for an initializer parameter.
    public subscript<Value: JSONRepresentable>(member key: CodingKeys) -> Value? {
        get {
            guard let json = jsonObject[key.rawValue], json != .null else { return nil }
            return Value(graphJSON: json)
        }
        set {
            if let newValue {
                jsonObject[key.rawValue] = newValue.graphJSON
            } else if let json = jsonObject[key.rawValue], json != .null {
                jsonObject[key.rawValue] = nil
            }
        }
    }

    /// Members the type does not declare, and explicit nulls: what the typed properties do not show.
    ///
    /// Setting it replaces those members; a member it names that a typed property holds a value for keeps the
    /// property's value (a property that is set wins over a stored null or an additional member of its name).
    public var additionalData: [String: JSONValue] {
        get {
            let declared = Set(CodingKeys.allCases.map(\.rawValue))
            return jsonObject.filter { !declared.contains($0.key) || $0.value == .null }
        }
        set {
            let declared = Set(CodingKeys.allCases.map(\.rawValue))
            jsonObject = jsonObject.filter { declared.contains($0.key) && $0.value != .null }
            jsonObject.merge(newValue) { current, _ in current }
        }
    }
}

/// A generated open enum: its wire value is its raw value, and a value the client does not know is a case of
/// its own that keeps the text. Coding, equality and hashing are the wire value's.
public protocol OpenStringEnum: RawRepresentable, Codable, Hashable, Sendable, JSONRepresentable where RawValue == String {
    /// The case for the wire value `rawValue`: a documented case, or the catch-all that keeps it.
    init(rawValue: String)
}

extension OpenStringEnum {
    /// Decodes a JSON string; throws for anything else.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the wire value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Equal when the wire values are.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }

    /// Hashes the wire value.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// The value of a JSON string; nil for any other JSON.
    public init?(graphJSON: JSONValue) {
        guard case .string(let text) = graphJSON else { return nil }
        self.init(rawValue: text)
    }

    /// The wire value as a JSON string.
    public var graphJSON: JSONValue { .string(rawValue) }
}

/// What generated memberwise initializers call to build their JSON object.
public enum JSONMembers {
    /// Adds `value` as the member `wireName` of `members` when it is not nil; nil leaves `members` as it is.
    ///
    /// Initializers build a local object and store it once: the compiler's checks of an initializer grow with
    /// every use of `self` in it, and a type can have hundreds of properties.
    public static func put<Value: JSONRepresentable>(_ value: Value?, _ wireName: String, _ members: inout [String: JSONValue]) {
        if let value { members[wireName] = value.graphJSON }
    }
}

extension ODataType {
    /// The `lookupKey` of the `@odata.type` member of `jsonObject` when it is a string; nil otherwise.
    public static func discriminator(in jsonObject: [String: JSONValue]) -> String? {
        guard case .string(let name)? = jsonObject[memberName] else { return nil }
        return lookupKey(name)
    }
}

// MARK: The property types of generated structs

extension JSONValue: JSONRepresentable {
    /// Any JSON; nil only for null (a null member reads as an absent property).
    public init?(graphJSON: JSONValue) {
        if graphJSON == .null { return nil }
        self = graphJSON
    }

    /// The value itself.
    public var graphJSON: JSONValue { self }
}

extension String: JSONRepresentable {
    /// The text of a JSON string.
    public init?(graphJSON: JSONValue) {
        guard case .string(let text) = graphJSON else { return nil }
        self = text
    }

    /// A JSON string.
    public var graphJSON: JSONValue { .string(self) }
}

extension Bool: JSONRepresentable {
    /// A JSON `true` or `false`.
    public init?(graphJSON: JSONValue) {
        guard case .bool(let value) = graphJSON else { return nil }
        self = value
    }

    /// JSON `true` or `false`.
    public var graphJSON: JSONValue { .bool(self) }
}

extension Double: JSONRepresentable {
    /// Any JSON number.
    public init?(graphJSON: JSONValue) {
        switch graphJSON {
        case .integer(let value): self = Double(value)
        case .double(let value): self = value
        default: return nil
        }
    }

    /// A JSON number: `.integer` when the value is integral and fits in Int64, as `JSONValue` decodes it, so
    /// a value set equals the same value decoded.
    public var graphJSON: JSONValue {
        if let integer = Int64(exactly: self) { return .integer(integer) }
        return .double(self)
    }
}

/// The integer property types of generated structs: a JSON integer within the type's range.
public protocol JSONInteger: FixedWidthInteger, JSONRepresentable {}

extension JSONInteger {
    /// A JSON integer within the type's range.
    public init?(graphJSON: JSONValue) {
        guard case .integer(let value) = graphJSON, let exact = Self(exactly: value) else { return nil }
        self = exact
    }

    /// A JSON integer.
    public var graphJSON: JSONValue { .integer(Int64(self)) }
}

extension Int64: JSONInteger {}
extension Int32: JSONInteger {}
extension Int16: JSONInteger {}
extension Int8: JSONInteger {}
extension UInt8: JSONInteger {}

extension GraphTextValue {
    /// The text of a JSON string, unchanged.
    public init?(graphJSON: JSONValue) {
        guard case .string(let text) = graphJSON else { return nil }
        self.init(rawValue: text)
    }

    /// A JSON string of the exact text.
    public var graphJSON: JSONValue { .string(rawValue) }
}

extension GraphDateTimeOffset: JSONRepresentable {}
extension GraphDate: JSONRepresentable {}
extension GraphTimeOfDay: JSONRepresentable {}
extension GraphDuration: JSONRepresentable {}

extension Array: JSONRepresentable where Element: JSONRepresentable {
    /// A JSON array whose every element is an `Element`; nil when one is not.
    public init?(graphJSON: JSONValue) {
        guard case .array(let items) = graphJSON else { return nil }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let element = Element(graphJSON: item) else { return nil }
            result.append(element)
        }
        self = result
    }

    /// A JSON array.
    public var graphJSON: JSONValue { .array(map(\.graphJSON)) }
}

extension Indirect: JSONRepresentable where Value: JSONRepresentable {
    /// The wrapped value's JSON.
    public init?(graphJSON: JSONValue) {
        guard let value = Value(graphJSON: graphJSON) else { return nil }
        self = .value(value)
    }

    /// The wrapped value's JSON.
    public var graphJSON: JSONValue { value.graphJSON }
}
