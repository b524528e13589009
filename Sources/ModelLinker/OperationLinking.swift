import DocgenModel

extension VersionLinker {
    /// One operation per request line. Two lines with the same method and path shape are the same operation
    /// (ignoring case, as Graph and the generated request builders do); the first (by page path and line)
    /// documents it. The others are kept in `duplicates` and settled by `unifyDuplicates` once the types are
    /// known.
    mutating func collectOperations() -> [Operation] {
        var byID: [String: Operation] = [:]
        for page in pages where page.kind == .method {
            let hasBody = page.requestBody.map { !$0.isEmpty } ?? false
            for line in page.requestLines {
                let id = Operation.identifier(method: line.method, path: line.path)
                let sendsBody = ["POST", "PUT", "PATCH"].contains(line.method) && hasBody
                let facts = queryFacts(page: page, line: line, sendsBody: sendsBody)
                let sendsJSON = sendsBody && facts.requestContent != .binary
                let operation = Operation(
                    id: id, method: line.method, path: line.path, title: page.title, description: page.description,
                    permissions: page.permissions, requestHeaders: page.requestHeaders,
                    requestBody: sendsJSON ? page.requestBody?.type ?? unnamedBodyTypes[line.location] : nil,
                    responseStatus: page.response?.statusCode,
                    responseBody: facts.responseKind == .binary || facts.responseKind == .count ? nil : page.response?.type,
                    location: line.location,
                    queryOptions: facts.options, queryParameters: facts.parameters, functionParameters: facts.functionParameters,
                    responseKind: facts.responseKind, requestContent: facts.requestContent
                )
                if let first = byID[id.lowercased()] {
                    duplicates[first.id, default: []].append(operation)
                } else {
                    byID[id.lowercased()] = operation
                }
            }
        }
        return byID.values.map { ($0.path.shape, $0) }.sorted { ($0.0, $0.1.method) < ($1.0, $1.1.method) }.map(\.1)
    }

    /// Operations documented on several pages. Intune documents a collection once per derived type
    /// (`POST /deviceAppManagement/mobileApps` on the androidLobApp page, the iosLobApp page, ...): when the
    /// pages' body types share a base type, the operation takes that base (so the generated function accepts
    /// every derived type) and no warning is due. Pages that disagree otherwise get `duplicate-operation`.
    mutating func unifyDuplicates(_ operations: inout [Operation], index: TypeIndex) {
        for position in operations.indices {
            guard let others = duplicates[operations[position].id] else { continue }
            var operation = operations[position]
            var consistent = true
            for other in others {
                if let body = VersionLinker.commonBase(operation.requestBody, other.requestBody, index: index) {
                    operation.requestBody = body
                } else {
                    consistent = false
                }
                if let body = VersionLinker.commonBase(operation.responseBody, other.responseBody, index: index) {
                    operation.responseBody = body
                } else {
                    consistent = false
                }
            }
            if !consistent {
                for other in others {
                    warn(.duplicateOperation, "\(other.id) is also documented at \(operation.location) with other body types; that page's types are used", at: other.location)
                }
            }
            operations[position] = operation
        }
    }

    /// The lookup key of `microsoft.graph.entity`, the OData base type of every Graph entity.
    static let universalBaseKey = TypeReference.lookupKey(for: "entity")

    /// The nearest type both references are or derive from (same collection-ness); `.some(nil)` when both are
    /// nil, nil when they have nothing in common.
    static func commonBase(_ a: TypeReference?, _ b: TypeReference?, index: TypeIndex) -> TypeReference?? {
        guard let a, let b else { return a == nil && b == nil ? .some(nil) : (a ?? b).map { .some($0) } ?? nil }
        if a.lookupKey == b.lookupKey, a.isCollection == b.isCollection { return .some(a) }
        guard a.isCollection == b.isCollection, let typeA = index.type(named: a.name), let typeB = index.type(named: b.name) else { return nil }
        // Two pages documenting one action each make a body type of its parameter table, named after their
        // own first request line: the same parameters are the same body.
        if typeA.origin == .unnamedRequestBody, typeB.origin == .unnamedRequestBody,
           typeA.properties.map(\.name) == typeB.properties.map(\.name),
           zip(typeA.properties, typeB.properties).allSatisfy({ $0.type.lookupKey == $1.type.lookupKey && $0.type.isCollection == $1.type.isCollection }) {
            return .some(a)
        }
        let chainB = Set(([typeB] + index.ancestors(of: typeB)).map { TypeReference.lookupKey(for: $0.name) })
        guard let shared = ([typeA] + index.ancestors(of: typeA)).first(where: { chainB.contains(TypeReference.lookupKey(for: $0.name)) }) else { return nil }
        // `microsoft.graph.entity` is the base of every entity type (it holds only `id`): two bodies that share
        // nothing closer are different things, not one operation documented per derived type.
        if TypeReference.lookupKey(for: shared.name) == VersionLinker.universalBaseKey,
           shared.name != typeA.name, shared.name != typeB.name { return nil }
        var result = a
        result.name = shared.name
        result.link = nil
        return .some(result)
    }

    /// Whether an example path matches a request line's template: same length, equal literal segments
    /// (ignoring case, as Graph does), anything where the template has a parameter.
    static func matches(_ path: PathTemplate, _ template: PathTemplate) -> Bool {
        guard path.segments.count == template.segments.count else { return false }
        for (segment, expected) in zip(path.segments, template.segments) where expected.kind != .parameter {
            if segment.matchKey != expected.matchKey { return false }
        }
        return true
    }

    /// Links each example to the operation its URL addresses: one of its own page's request lines, else any
    /// operation of the version (with a warning, since the page then documents one path and shows another).
    mutating func linkExamples(operations: OperationMatcher, index: TypeIndex) -> [LinkedExample] {
        var linked: [LinkedExample] = []
        for page in pages {
            let ownIDs = Set(page.requestLines.map { Operation.identifier(method: $0.method, path: $0.path) })
            for example in page.examples {
                var operation: Operation?
                if let request = example.request {
                    let candidates = operations.operations(matching: request.path)
                    let own = candidates.filter { ownIDs.contains($0.id) }
                    if let match = own.first(where: { $0.method == request.method }) {
                        operation = match
                    } else if let match = candidates.first(where: { $0.method == request.method }) {
                        operation = match
                        let documented = page.requestLines.map { "\($0.method) \($0.path)" }.joined(separator: ", ")
                        warn(.exampleURLMismatch, "example \(request.method) \(request.path) matches none of this page's request lines (\(documented)); it matches \(match.method) \(match.path) documented at \(match.location)", at: request.location)
                    } else if let match = own.first ?? candidates.first {
                        warn(.exampleMethodMismatch, "example uses \(request.method) but \(match.path) is documented with \(match.method)", at: request.location)
                    } else {
                        let documented = page.requestLines.map { "\($0.method) \($0.path)" }.joined(separator: ", ")
                        warn(.exampleURLMismatch, "example \(request.method) \(request.path) matches no documented request line\(documented.isEmpty ? "" : " (this page documents \(documented))")", at: request.location)
                    }
                }
                // Path parameters, then each function argument (unquoted: the value a caller passes), in path order.
                let pathValues: [String] = operation.map { operation in
                    zip(example.request!.path.segments, operation.path.segments).flatMap { segment, template -> [String] in
                        if template.kind == .parameter { return [segment.text] }
                        guard let function = template.function else { return [] }
                        return function.arguments.map { argument in
                            segment.function?.arguments.first { $0.name.lowercased() == argument.name.lowercased() }?.unquotedValue ?? ""
                        }
                    }
                } ?? []
                let requestType = requestBodyType(example: example, operation: operation)
                let responseType = responseBodyType(example: example, operation: operation)
                if let request = example.request, let body = request.body?.json, let type = requestType {
                    check(body, against: type, index: index, at: body.locationHint(request.body!.location), path: .root)
                }
                // A primitive or enum result comes as `{"value": x}`: x is what has the documented type.
                let isWrapped = operation?.responseKind == .wrappedValue && responseType == operation?.responseBody
                if let response = example.response, let body = response.body?.json, let type = responseType {
                    check(isWrapped ? body["value"] ?? body : body, against: type, index: index, at: response.body!.location, path: .root)
                }
                var linkedExample = LinkedExample(example: example, operationID: operation?.id, pathValues: pathValues, requestBodyType: requestType, responseBodyType: responseType)
                if isWrapped, example.response?.body?.json != nil { linkedExample.responseIsWrappedValue = true }
                linked.append(linkedExample)
            }
        }
        return linked
    }

    /// The operation's body type, else the annotation's `@odata.type`, else the body's own `@odata.type`.
    func requestBodyType(example: Example, operation: Operation?) -> TypeReference? {
        guard let request = example.request, let body = request.body, body.json != nil else { return nil }
        if let type = operation?.requestBody { return type }
        if let name = request.annotation?.odataType { return .odata(name, isCollection: request.annotation?.isCollection ?? false) }
        if let name = body.json?["@odata.type"]?.stringValue { return .odata(name) }
        return nil
    }

    /// The response annotation's `@odata.type` (the docs' own statement of the body's type), else the
    /// operation's response type, else the body's `@odata.type`. A collection response is a page of values.
    func responseBodyType(example: Example, operation: Operation?) -> TypeReference? {
        guard let response = example.response, let body = response.body, body.json != nil else { return nil }
        if let annotation = response.annotation, let name = annotation.odataType {
            var type = TypeReference.odata(name, isCollection: annotation.isCollection ?? false)
            if type.primitive == nil, type.lookupKey == operation?.responseBody?.lookupKey { type.name = operation!.responseBody!.name }
            return type
        }
        if let type = operation?.responseBody { return type }
        if let name = body.json?["@odata.type"]?.stringValue { return .odata(name) }
        return nil
    }
}

extension JSONValue {
    /// Examples carry positions only for the body as a whole.
    func locationHint(_ location: SourceLocation) -> SourceLocation { location }
}

/// The operations whose templates an example path matches (`VersionLinker.matches`), found without comparing
/// the path with every operation: the templates' segments form a tree, literals by lowercased text and one
/// child for any parameter, and a path walks down every branch it matches.
struct OperationMatcher {
    private final class Node {
        var literals: [String: Node] = [:]
        var parameter: Node?
        /// Positions in `operations` of the templates that end here.
        var ends: [Int] = []
    }

    let operations: [Operation]
    private let root = Node()

    init(_ operations: [Operation]) {
        self.operations = operations
        for (position, operation) in operations.enumerated() {
            var node = root
            for segment in operation.path.segments {
                if segment.kind == .parameter {
                    if node.parameter == nil { node.parameter = Node() }
                    node = node.parameter!
                } else {
                    let key = segment.matchKey
                    if let child = node.literals[key] {
                        node = child
                    } else {
                        let child = Node()
                        node.literals[key] = child
                        node = child
                    }
                }
            }
            node.ends.append(position)
        }
    }

    /// The operations `path` matches, in the order of `operations`.
    func operations(matching path: PathTemplate) -> [Operation] {
        var nodes = [root]
        for segment in path.segments {
            let key = segment.matchKey
            var next: [Node] = []
            for node in nodes {
                if let literal = node.literals[key] { next.append(literal) }
                if let parameter = node.parameter { next.append(parameter) }
            }
            nodes = next
            if nodes.isEmpty { return [] }
        }
        return nodes.flatMap(\.ends).sorted().map { operations[$0] }
    }
}
