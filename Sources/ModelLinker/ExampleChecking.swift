import DocgenModel

extension VersionLinker {
    /// Compares an example body with the documented type, the way a docs reviewer would: members the type
    /// does not document, and values whose JSON kind does not fit the documented type.
    mutating func check(_ value: JSONValue, against reference: TypeReference, index: TypeIndex, at location: SourceLocation, path: ExampleValuePath) {
        if case .null = value { return }
        if reference.isCollection {
            var element = reference
            element.isCollection = false
            switch value {
            case .array(let items):
                for (offset, item) in items.enumerated() {
                    check(item, against: element, index: index, at: location, path: .element(path, offset))
                }
            case .object(let members) where members.contains(where: { $0.key == "value" }):
                // A collection response: { "value": [ ... ] }.
                if let items = value["value"] { check(items, against: reference, index: index, at: location, path: .member(path, "value")) }
            default:
                mismatch(path: path, expected: reference.displayName, found: value, at: location)
            }
            return
        }
        if let primitive = reference.primitive {
            if !VersionLinker.fits(value, primitive) { mismatch(path: path, expected: primitive.rawValue, found: value, at: location) }
            return
        }
        if let enumeration = index.enumeration(named: reference.name) {
            guard case .string(let text) = value else {
                mismatch(path: path, expected: "\(enumeration.name) (a string)", found: value, at: location)
                return
            }
            let names = Set(enumeration.members.map(\.name))
            let parts = text.split(separator: ",").map { String($0).trimmed }
            for part in parts where !names.contains(part) && !part.isEmpty {
                warn(.exampleTypeMismatch, "example value '\(part)' at \(path) is not a member of \(enumeration.name) (\(enumeration.members.map(\.name).joined(separator: ", ")))", at: location)
            }
            return
        }
        guard var type = index.type(named: reference.name) else { return }
        guard case .object(let members) = value else {
            if reference.lookupKey == "entity" { return }
            mismatch(path: path, expected: "\(type.name) (an object)", found: value, at: location)
            return
        }
        if case .object(let outer) = value, outer.count == 1 || outer.contains(where: { $0.key == "@odata.context" }),
           let items = value["value"], case .array = items, !index.allProperties(of: type).contains(where: { $0.name == "value" }) {
            // A collection response documented with the element's type.
            var collection = reference
            collection.isCollection = true
            check(items, against: collection, index: index, at: location, path: .member(path, "value"))
            return
        }
        if let discriminator = value["@odata.type"]?.stringValue, let derived = index.type(named: discriminator),
           derived.name != type.name {
            if index.ancestors(of: derived).contains(where: { $0.name == type.name }) {
                type = derived
            } else {
                warn(.exampleTypeMismatch, "example at \(path) says @odata.type '\(discriminator)', which does not derive from the documented \(type.name)", at: location)
            }
        }
        let properties = index.allProperties(of: type)
        var byName: [String: PropertyDefinition] = [:]
        for property in properties where byName[property.name] == nil { byName[property.name] = property }
        var undocumented: [String] = []
        for member in members {
            if member.key.hasPrefix("@") || member.key.containsText("@odata.") { continue }
            guard let property = byName[member.key] else {
                undocumented.append(member.key)
                continue
            }
            check(member.value, against: property.type, index: index, at: location, path: .member(path, member.key))
        }
        if !undocumented.isEmpty, !properties.isEmpty || type.origin == .typePage {
            let names = undocumented.map { "'\($0)'" }.joined(separator: ", ")
            warn(.examplePropertyUndocumented, "example at \(path) has \(undocumented.count == 1 ? "property" : "properties") \(names) that \(type.name) does not document", at: location)
        }
    }

    private mutating func mismatch(path: ExampleValuePath, expected: String, found value: JSONValue, at location: SourceLocation) {
        warn(.exampleTypeMismatch, "example value at \(path) is a JSON \(value.kindName) but the documented type is \(expected)", at: location)
    }

    static func childPath(_ path: String, _ key: String) -> String {
        key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) ? "\(path).\(key)" : "\(path)[\"\(key)\"]"
    }

    /// Whether a JSON value can stand for a primitive of the given type.
    static func fits(_ value: JSONValue, _ primitive: PrimitiveType) -> Bool {
        switch (primitive, value) {
        case (.json, _): true
        case (.boolean, .bool): true
        case (.byte, .number(let literal)), (.sbyte, .number(let literal)), (.int16, .number(let literal)),
             (.int32, .number(let literal)), (.int64, .number(let literal)):
            !literal.contains(".") && !literal.lowercased().contains("e")
        case (.single, .number), (.double, .number), (.decimal, .number): true
        case (.single, .string(let text)), (.double, .string(let text)):
            ["NaN", "INF", "-INF", "Infinity", "-Infinity"].contains(text)
        case (.int64, .string(let text)), (.decimal, .string(let text)):
            // OData may write 64-bit and decimal numbers as strings (IEEE754Compatible).
            Double(text) != nil
        case (.string, .string), (.guid, .string), (.dateTimeOffset, .string), (.date, .string), (.timeOfDay, .string),
             (.duration, .string), (.binary, .string), (.stream, .string):
            true
        default: false
        }
    }
}

/// Where a value sits in an example body (`$.target[0]["@odata.type"]`), spelled out only when a diagnostic
/// names it.
indirect enum ExampleValuePath: CustomStringConvertible {
    case root
    case element(ExampleValuePath, Int)
    case member(ExampleValuePath, String)

    var description: String {
        switch self {
        case .root: "$"
        case .element(let parent, let offset): "\(parent)[\(offset)]"
        case .member(let parent, let key): VersionLinker.childPath(parent.description, key)
        }
    }
}
