import DocgenModel

/// A right-sized client: the operations of the pages a filter selects, and every type they need — the types
/// of their bodies and of those types' properties, base types and derived types, transitively — so that
/// each generated type is the same as in the whole client.
public struct ModelSubset: Sendable {
    /// Each selector is a path prefix (`v1.0/api/`) when it contains `/`, else a file-name prefix (`intune-`).
    public var selectors: [String]

    public init(selectors: [String]) { self.selectors = selectors }

    public func selects(_ path: String) -> Bool {
        selectors.contains { selector in
            selector.contains("/") ? path.hasPrefix(selector) : (path.split(separator: "/").last.map { $0.hasPrefix(selector) } ?? false)
        }
    }

    public func apply(to model: APIModel) -> APIModel {
        var keptPaths = Set<String>()
        let versions = model.versions.map { version -> APIVersionModel in
            let index = TypeIndex(version)
            let operations = version.operations.filter { selects($0.location.path) }
            var queue: [String] = operations.flatMap { [$0.requestBody, $0.responseBody].compactMap { $0?.lookupKey } }
            queue += version.types.filter { selects($0.location.path) }.map { TypeReference.lookupKey(for: $0.name) }
            queue += version.enums.filter { selects($0.location.path) }.map { TypeReference.lookupKey(for: $0.name) }
            var keep = Set<String>()
            while let key = queue.popLast() {
                guard keep.insert(key).inserted, let type = index.types[key] else { continue }
                queue += index.allProperties(of: type).compactMap { $0.type.primitive == nil ? $0.type.lookupKey : nil }
                queue += index.ancestors(of: type).map { TypeReference.lookupKey(for: $0.name) }
                queue += index.descendants(of: type).map { TypeReference.lookupKey(for: $0.name) }
            }
            let types = version.types.filter { keep.contains(TypeReference.lookupKey(for: $0.name)) }
            let enums = version.enums.filter { keep.contains(TypeReference.lookupKey(for: $0.name)) }
            let examples = version.examples.filter { example in example.example.location.map { selects($0.path) } ?? false }
            keptPaths.formUnion(operations.map(\.location.path))
            keptPaths.formUnion(types.map(\.location.path))
            keptPaths.formUnion(enums.map(\.location.path))
            return APIVersionModel(name: version.name, operations: operations, types: types, enums: enums, examples: examples)
        }.filter { !$0.operations.isEmpty || !$0.types.isEmpty || !$0.enums.isEmpty }
        let diagnostics = model.diagnostics.filter { selects($0.location.path) || keptPaths.contains($0.location.path) }
        return APIModel(versions: versions, diagnostics: diagnostics)
    }
}
