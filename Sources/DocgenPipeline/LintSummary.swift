import DocgenModel

/// What `docgen lint` reports about a docs tree: how much of it was understood, and what was not.
public struct LintSummary: Codable, Hashable, Sendable {
    public var pages: Int
    /// Pages by kind (`method`, `resource`, `enumeration`, `other`).
    public var pagesByKind: [String: Int]
    public var operations: Int
    public var types: Int
    public var enums: Int
    public var examples: Int
    /// Example bodies by how they read: `json` (strict), `lenientJSON`, `text` (not JSON by design), `brokenJSON`.
    public var bodiesByKind: [String: Int]
    /// Named type references (properties, request and response bodies, base types) whose type a page
    /// defines, and those docgen had to infer or could not resolve.
    public var typeReferencesResolved: Int
    public var typeReferencesUnresolved: Int
    /// Members of example bodies that land in a declared property of their documented type, against those
    /// that only reach `additionalData`.
    public var exampleCoverage: ExampleCoverage
    /// Operations that take OData query options, custom query parameters, or function parameters; functions
    /// whose every parameter has a documented type; operations that answer with bytes, a `$count`, a wrapped
    /// primitive or enum; operations that upload bytes.
    public var operationsWithQueryOptions: Int
    public var operationsWithQueryParameters: Int
    public var functionsWithParameters: Int
    public var functionsWithTypedParameters: Int
    public var binaryResponses: Int
    public var countResponses: Int
    public var wrappedValueResponses: Int
    public var binaryUploads: Int
    public var errors: Int
    public var warnings: Int
    public var diagnosticsByCode: [String: Int]

    public init(pages parsed: [ParsedPage], model: APIModel) {
        pages = parsed.count
        pagesByKind = Dictionary(grouping: parsed, by: \.kind.rawValue).mapValues(\.count)
        operations = model.versions.map(\.operations.count).reduce(0, +)
        types = model.versions.map(\.types.count).reduce(0, +)
        enums = model.versions.map(\.enums.count).reduce(0, +)
        examples = model.versions.map(\.examples.count).reduce(0, +)
        var bodies: [String: Int] = [:]
        for example in model.versions.flatMap(\.examples) {
            for body in [example.example.request?.body, example.example.response?.body].compactMap({ $0 }) {
                bodies[body.kind.rawValue, default: 0] += 1
            }
        }
        bodiesByKind = bodies
        var resolved = 0
        var unresolved = 0
        for version in model.versions {
            let index = TypeIndex(version)
            var references: [TypeReference] = version.types.flatMap { type in type.properties.map(\.type) + (type.baseType.map { [$0] } ?? []) }
            references += version.operations.flatMap { [$0.requestBody, $0.responseBody].compactMap { $0 } }
            for reference in references where reference.primitive == nil {
                // A body type made from its page's request-body table is documented there.
                let documented = index.type(named: reference.name).map { $0.origin <= .enumSection || $0.origin == .unnamedRequestBody }
                    ?? index.enumeration(named: reference.name).map { $0.origin <= .enumSection } ?? false
                if documented { resolved += 1 } else { unresolved += 1 }
            }
        }
        let allOperations = model.versions.flatMap(\.operations)
        operationsWithQueryOptions = allOperations.filter { !$0.queryOptions.isEmpty }.count
        operationsWithQueryParameters = allOperations.filter { !$0.queryParameters.isEmpty }.count
        let functions = allOperations.filter { !$0.functionParameters.isEmpty }
        functionsWithParameters = functions.count
        functionsWithTypedParameters = functions.filter { $0.functionParameters.allSatisfy { $0.type.primitive != .json } }.count
        binaryResponses = allOperations.filter { $0.responseKind == .binary }.count
        countResponses = allOperations.filter { $0.responseKind == .count }.count
        wrappedValueResponses = allOperations.filter { $0.responseKind == .wrappedValue }.count
        binaryUploads = allOperations.filter { $0.requestContent == .binary }.count
        typeReferencesResolved = resolved
        typeReferencesUnresolved = unresolved
        exampleCoverage = ExampleCoverage(model: model)
        errors = model.diagnostics.filter { $0.severity == .error }.count
        warnings = model.diagnostics.count - errors
        diagnosticsByCode = Dictionary(grouping: model.diagnostics, by: \.code.rawValue).mapValues(\.count)
    }

    /// The summary as aligned text lines.
    public var text: String {
        func sorted(_ table: [String: Int]) -> String {
            table.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        var lines = [
            "pages:        \(pages) (\(sorted(pagesByKind)))",
            "operations:   \(operations)",
            "types:        \(types)",
            "enums:        \(enums)",
            "examples:     \(examples)",
            "bodies:       \(sorted(bodiesByKind))",
            "type refs:    \(typeReferencesResolved) resolved, \(typeReferencesUnresolved) inferred or unresolved",
            "typed:        \(exampleCoverage.typedMembers) example members in a declared property (\(exampleCoverage.typedPerMille / 10).\(exampleCoverage.typedPerMille % 10) %), \(exampleCoverage.untypedMembers) only in additionalData",
            "query:        \(operationsWithQueryOptions) operations with OData query options, \(operationsWithQueryParameters) with custom query parameters",
            "functions:    \(functionsWithParameters) with parameters, \(functionsWithTypedParameters) of them with every parameter typed",
            "content:      \(binaryResponses) binary responses, \(binaryUploads) binary uploads, \(countResponses) $count, \(wrappedValueResponses) wrapped primitive or enum results",
        ]
        if !exampleCoverage.topUndeclared.isEmpty {
            lines.append("  most frequent undeclared members: " + exampleCoverage.topUndeclared.map { "\($0.type).\($0.member) \($0.count)" }.joined(separator: ", "))
        }
        lines.append("diagnostics:  \(errors) errors, \(warnings) warnings")
        for (code, count) in diagnosticsByCode.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            lines.append("  \(String(count).leftPadded(to: 6)) \(code)")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
