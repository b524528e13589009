import DocgenModel

extension VersionLinker {
    /// Types that examples show but no page defines: an object whose `@odata.type` names an unknown type, in
    /// a place where a known type is expected, is taken as a type derived from the expected one, with the
    /// properties the example shows. Each gets a warning.
    mutating func inferFromExamples(index: TypeIndex, operations: OperationMatcher) -> [TypeDefinition] {
        var inferred: [String: TypeDefinition] = [:]
        for page in pages {
            let ownIDs = Set(page.requestLines.map { Operation.identifier(method: $0.method, path: $0.path) })
            for example in page.examples {
                // The operation `linkExamples` links the example to: the page's own first, then any (sorted).
                let operation = example.request.flatMap { request in
                    let candidates = operations.operations(matching: request.path).filter { $0.method == request.method }
                    return candidates.first { ownIDs.contains($0.id) } ?? candidates.first
                }
                // The types the bodies are checked against.
                if let body = example.request?.body, let json = body.json, let type = requestBodyType(example: example, operation: operation) {
                    collect(json, expected: type, index: index, at: body.location, into: &inferred)
                }
                if let body = example.response?.body, let json = body.json, let type = responseBodyType(example: example, operation: operation) {
                    collect(json, expected: type, index: index, at: body.location, into: &inferred)
                }
            }
        }
        for type in inferred.values.sorted(by: VersionLinker.definitionOrder) {
            let names = type.properties.map(\.name).joined(separator: ", ")
            warn(.typeInferred, "no page defines type '\(type.name)'; inferred from an example as derived from '\(type.baseType?.name ?? "?")' with \(names.isEmpty ? "no properties" : "properties \(names)")", at: type.location)
        }
        return inferred.values.sorted(by: VersionLinker.definitionOrder)
    }

    private func collect(_ value: JSONValue, expected: TypeReference, index: TypeIndex, at location: SourceLocation, into inferred: inout [String: TypeDefinition]) {
        switch value {
        case .array(let items):
            var element = expected
            element.isCollection = false
            for item in items { collect(item, expected: element, index: index, at: location, into: &inferred) }
        case .object(let members):
            if expected.isCollection, let items = value["value"] {
                // A collection response: { "value": [ ... ] }.
                collect(items, expected: expected, index: index, at: location, into: &inferred)
                return
            }
            guard expected.primitive == nil, let expectedType = index.type(named: expected.name) else { return }
            var type = expectedType
            if let discriminator = value["@odata.type"]?.stringValue {
                let key = TypeReference.lookupKey(for: discriminator)
                if let known = index.type(named: discriminator) {
                    type = known
                } else if index.enumeration(named: discriminator) == nil, inferred[key] == nil, !key.isEmpty,
                          key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                    let name = String(discriminator.drop { $0 == "#" }.split(separator: ".").last ?? "")
                    let documented = Set(index.allProperties(of: expectedType).map(\.name))
                    let properties = members.filter { !$0.key.hasPrefix("@") && !documented.contains($0.key) }.map { member in
                        PropertyDefinition(name: member.key, type: VersionLinker.guessType(member.value), location: location)
                    }
                    inferred[key] = TypeDefinition(name: name, baseType: .named(expectedType.name), properties: properties, origin: .example, location: location)
                    return
                }
            }
            let properties = index.allProperties(of: type)
            for member in members {
                guard let property = properties.first(where: { $0.name == member.key }) else { continue }
                collect(member.value, expected: property.type, index: index, at: location, into: &inferred)
            }
        default:
            return
        }
    }

    /// The type a JSON value suggests: strings, booleans, integers, doubles, and untyped JSON for the rest.
    static func guessType(_ value: JSONValue) -> TypeReference {
        switch value {
        case .string: .primitive(.string)
        case .bool: .primitive(.boolean)
        case .number(let literal): literal.contains(".") || literal.lowercased().contains("e") ? .primitive(.double) : .primitive(.int64)
        case .array(let items): {
            var element = items.first.map(guessType) ?? .primitive(.json)
            if items.contains(where: { guessType($0) != element }) { element = .primitive(.json) }
            element.isCollection = true
            return element
        }()
        default: .primitive(.json)
        }
    }
}
