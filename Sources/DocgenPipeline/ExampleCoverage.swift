import DocgenModel

/// How much of the example bodies the documented types cover: each member of a JSON object whose type is
/// known (the example's request or response type, then the declared type of each property on the way
/// down, a `@odata.type` naming a derived type where there is one) either lands in a declared property of
/// that type (typed) or only in the generated struct's `additionalData` (untyped). Annotations
/// (`@odata.context`, `x@odata.type`) count as neither.
public struct ExampleCoverage: Codable, Hashable, Sendable {
    public var typedMembers = 0
    public var untypedMembers = 0
    /// The most frequent undeclared members, `type.member`, most frequent first (at most `topCount`).
    public var topUndeclared: [UndeclaredMember] = []

    public struct UndeclaredMember: Codable, Hashable, Sendable {
        public var type: String
        public var member: String
        public var count: Int
    }

    public static let topCount = 15

    /// Typed members in thousandths of all members counted.
    public var typedPerMille: Int { typedMembers + untypedMembers == 0 ? 0 : typedMembers * 1000 / (typedMembers + untypedMembers) }

    public init(model: APIModel) {
        var undeclared: [String: (type: String, member: String, count: Int)] = [:]
        for version in model.versions {
            let index = TypeIndex(version)
            var walker = Walker(index: index)
            for linked in version.examples {
                if let body = linked.example.request?.body?.json, let type = linked.requestBodyType {
                    walker.walk(body, type)
                }
                if let body = linked.example.response?.body?.json, let type = linked.responseBodyType {
                    if type.isCollection, let values = body["value"] {
                        walker.walk(values, type)
                    } else {
                        walker.walk(body, TypeReference(name: type.name, primitive: type.primitive, isCollection: false, link: type.link))
                    }
                }
            }
            typedMembers += walker.typed
            untypedMembers += walker.untyped
            for (key, entry) in walker.undeclared {
                undeclared["\(version.name) \(key)", default: (entry.type, entry.member, 0)].count += entry.count
            }
        }
        var merged: [String: UndeclaredMember] = [:]
        for entry in undeclared.values {
            merged["\(entry.type).\(entry.member)", default: UndeclaredMember(type: entry.type, member: entry.member, count: 0)].count += entry.count
        }
        topUndeclared = Array(merged.values.sorted { ($1.count, $0.type, $0.member) < ($0.count, $1.type, $1.member) }.prefix(Self.topCount))
    }

    private struct Walker {
        let index: TypeIndex
        var typed = 0
        var untyped = 0
        var undeclared: [String: (type: String, member: String, count: Int)] = [:]
        var depth = 0

        init(index: TypeIndex) { self.index = index }

        mutating func walk(_ value: JSONValue, _ type: TypeReference) {
            guard type.primitive == nil, depth < 64 else { return }
            depth += 1
            defer { depth -= 1 }
            switch value {
            case .array(let elements):
                let element = TypeReference(name: type.name, primitive: nil, isCollection: false, link: type.link)
                for item in elements { walk(item, element) }
            case .object(let members):
                guard var definition = index.type(named: type.name) else { return }
                if let cast = value["@odata.type"]?.stringValue, let derived = index.type(named: cast),
                   index.ancestors(of: derived).contains(where: { TypeReference.lookupKey(for: $0.name) == TypeReference.lookupKey(for: definition.name) }) {
                    definition = derived
                }
                var properties: [String: PropertyDefinition] = [:]
                for property in index.allProperties(of: definition) { properties[property.name] = property }
                for member in members where !member.key.contains("@") {
                    if let property = properties[member.key] {
                        typed += 1
                        walk(member.value, property.type)
                    } else {
                        untyped += 1
                        undeclared["\(definition.name).\(member.key)", default: (definition.name, member.key, 0)].count += 1
                    }
                }
            default:
                return
            }
        }
    }
}
