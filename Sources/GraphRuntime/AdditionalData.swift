import Foundation

/// Keeps the JSON members a generated type does not model, so decode -> encode loses nothing.
///
/// Generated types call `decode` after reading their own properties and `encode` *before* writing them:
/// JSONEncoder merges keyed containers of different key types on one encoder into one object, and a member
/// written later replaces one written earlier, so a property that is set wins over a stored explicit null.
public enum AdditionalData {
    /// Every member of the object being decoded whose key is not in `knownKeys`, plus every member whose key
    /// is in `knownKeys` but whose value is JSON null (so an explicit `"x": null` survives a round trip even
    /// though the Swift property reads nil).
    public static func decode(from decoder: any Decoder, knownKeys: Set<String>) throws -> [String: JSONValue] {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        var result: [String: JSONValue] = [:]
        for key in container.allKeys {
            if knownKeys.contains(key.stringValue) {
                if try container.decodeNil(forKey: key) {
                    result[key.stringValue] = .null
                }
            } else {
                result[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
            }
        }
        return result
    }

    /// Writes every member of `data` into the object being encoded.
    public static func encode(_ data: [String: JSONValue], to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for (key, value) in data {
            try container.encode(value, forKey: AnyCodingKey(key))
        }
    }
}

/// OData type names: the `@odata.type` discriminator of polymorphic values.
public enum ODataType {
    /// The JSON member that names a value's concrete OData type.
    public static let memberName = "@odata.type"

    /// The `lookupKey` of the `@odata.type` member when the value being decoded is an object that has that
    /// member as a string; nil otherwise (not an object, member absent, null or not a string).
    public static func discriminator(in decoder: any Decoder) throws -> String? {
        guard let container = try? decoder.container(keyedBy: AnyCodingKey.self),
              let name = try? container.decodeIfPresent(String.self, forKey: AnyCodingKey(memberName))
        else { return nil }
        return lookupKey(name)
    }

    /// A type name normalised for lookup: without a leading "#", lowercased, without a leading
    /// "microsoft.graph." namespace ("#microsoft.graph.groupAssignmentTarget" -> "groupassignmenttarget").
    public static func lookupKey(_ name: String) -> String {
        var key = name.hasPrefix("#") ? String(name.dropFirst()) : name
        key = key.lowercased()
        let namespace = "microsoft.graph."
        if key.hasPrefix(namespace) {
            key.removeFirst(namespace.count)
        }
        return key
    }
}
