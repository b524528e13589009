import DocgenModel

/// A node of the path tree: one per distinct path prefix of the version's operations. Literal segments
/// are children by text (ignoring case, as Graph does); all parameters of a node are one child, the item.
final class PathNode {
    let segment: PathSegment?
    /// Literal and keyword children by lowercased text, and the parameter child.
    var literalChildren: [String: PathNode] = [:]
    var parameterChild: PathNode?
    var operations: [Operation] = []
    /// For a function segment: its parameters, as the first operation through this node documents them.
    var functionParameters: [FunctionParameter]?
    /// The path as the first operation through this node documents it.
    let template: [PathSegment]

    init(segment: PathSegment?, template: [PathSegment]) {
        self.segment = segment
        self.template = template
    }

    func child(for segment: PathSegment) -> PathNode {
        if segment.kind == .parameter {
            if let child = parameterChild { return child }
            let child = PathNode(segment: segment, template: template + [segment])
            parameterChild = child
            return child
        }
        let key = segment.text.lowercased()
        if let child = literalChildren[key] { return child }
        let child = PathNode(segment: segment, template: template + [segment])
        literalChildren[key] = child
        return child
    }

    /// Children in a fixed order: literals by key, then the item.
    var children: [PathNode] {
        literalChildren.keys.sorted().map { literalChildren[$0]! } + (parameterChild.map { [$0] } ?? [])
    }

    var pathDescription: String { "/" + template.map(\.text).joined(separator: "/") }
}

extension ModuleEmitter {
    static let verbs = ["get", "post", "put", "patch", "delete", "head", "options"]

    func pathTree() -> PathNode {
        let root = PathNode(segment: nil, template: [])
        for operation in version.operations {
            var node = root
            for (position, segment) in operation.path.segments.enumerated() {
                node = node.child(for: segment)
                if segment.function != nil, node.functionParameters == nil {
                    node.functionParameters = operation.functionParameters.filter { $0.segmentIndex == position }
                }
            }
            node.operations.append(operation)
        }
        return root
    }

    /// Builder type names for every node below the root, in tree order.
    func builderNames(_ root: PathNode, scope: inout NameScope) -> [ObjectIdentifier: SwiftName] {
        var names: [ObjectIdentifier: SwiftName] = [:]
        var stack = root.children.reversed() as [PathNode]
        while let node = stack.popLast() {
            names[ObjectIdentifier(node)] = scope.claim(ModuleEmitter.builderName(for: node.template))
            stack.append(contentsOf: node.children.reversed())
        }
        return names
    }

    /// The longest builder name kept whole. Deep Intune paths with type casts would otherwise give names
    /// (and file names) past the 255-byte limit of file systems.
    static let maximumBuilderNameLength = 96

    /// `DeviceManagementDeviceConfigurationsItemAssignmentsRequestBuilder`: the path's segments, `Item` for
    /// a parameter, the `microsoft.graph.` of type casts left out. A name longer than
    /// `maximumBuilderNameLength` keeps its last words and gets a stable hash of the whole path, so it stays
    /// unique and the same from run to run.
    static func builderName(for template: [PathSegment]) -> SwiftName {
        let words = template.map { segment -> String in
            if segment.kind == .parameter { return "Item" }
            if let function = segment.function { return ([function.name] + function.arguments.map(\.name)).joined(separator: " ") }
            let text = segment.text
            return text.lowercased().hasPrefix("microsoft.graph.") ? String(text.dropFirst("microsoft.graph.".count)) : text
        }
        let full = SwiftNaming.typeName(words.joined(separator: " ") + " RequestBuilder")
        guard full.text.count > maximumBuilderNameLength else { return full }
        let suffix = SwiftNaming.stableHash(template.map({ $0.kind == .parameter ? "{}" : $0.text }).joined(separator: "/"))
        let tail = String(full.text.suffix(maximumBuilderNameLength - 24))
        return SwiftNaming.typeName("Path \(suffix) \(tail)")
    }

    mutating func requestBuilderFiles() -> [SwiftFile] {
        let root = pathTree()
        let names = builderNames(root, scope: &scope)
        var files: [SwiftFile] = [file(nil, clientName, .structure(clientStruct(root, names: names)))]
        var stack = root.children.reversed() as [PathNode]
        while let node = stack.popLast() {
            let name = names[ObjectIdentifier(node)]!
            files.append(file("RequestBuilders", name, .structure(builderStruct(node, name: name, names: names))))
            stack.append(contentsOf: node.children.reversed())
        }
        return files
    }

    static let client = SwiftNaming.fixed("client")
    static let pathSegments = SwiftNaming.fixed("pathSegments")
    static let graphClient = SwiftType.qualified(module: runtime, name: "GraphClient")
    static let segmentsType = SwiftType.array(.string)

    /// The property names that lead from `node` to its literal children, unique within the node's builder
    /// (which reserves `client`, `pathSegments` and the HTTP verbs).
    static func childPropertyNames(of node: PathNode, isClient: Bool) -> [ObjectIdentifier: SwiftName] {
        var scope = NameScope(reserved: isClient ? ["client", "pathSegments", "apiVersion"] : ["client", "pathSegments"] + verbs + verbs.map { $0 + "Request" })
        var names: [ObjectIdentifier: SwiftName] = [:]
        for child in node.children {
            guard let segment = child.segment, segment.kind != .parameter else { continue }
            names[ObjectIdentifier(child)] = scope.claim(SwiftNaming.memberName(segment.function?.name ?? segment.text))
        }
        return names
    }

    /// Members that lead from a node to its children: a property per literal segment, a subscript for the item.
    func navigationMembers(_ node: PathNode, names: [ObjectIdentifier: SwiftName], isClient: Bool) -> [SwiftDeclaration] {
        var members: [SwiftDeclaration] = []
        let propertyNames = ModuleEmitter.childPropertyNames(of: node, isClient: isClient)
        for child in node.children {
            let childName = names[ObjectIdentifier(child)]!
            guard let segment = child.segment else { continue }
            if segment.kind == .parameter {
                let parameter = SwiftNaming.memberName(segment.parameterName ?? "id")
                let value = ModuleEmitter.construct(childName, appending: .name(parameter))
                members.append(.subscriptDeclaration(SwiftSubscript(
                    documentation: ["`\(child.pathDescription)`: the item with the given `\(segment.parameterName ?? "id")`."],
                    parameters: [SwiftParameter(label: nil, name: parameter, type: .string)],
                    returnType: .local(childName), body: [.returnStatement(value)]
                )))
            } else if let function = segment.function {
                members.append(.function(functionMember(function, parameters: child.functionParameters ?? [], name: propertyNames[ObjectIdentifier(child)]!,
                                                        builder: childName, path: child.pathDescription)))
            } else {
                members.append(.property(SwiftProperty(
                    documentation: ["`\(child.pathDescription)`"], name: propertyNames[ObjectIdentifier(child)]!, type: .local(childName),
                    kind: .computed([.returnStatement(ModuleEmitter.construct(childName, appending: .stringLiteral(segment.text)))])
                )))
            }
        }
        return members
    }

    /// `Builder(client: self.client, pathSegments: self.pathSegments + [segment])`
    static func construct(_ builder: SwiftName, appending segment: SwiftExpression) -> SwiftExpression {
        .call(.type(.local(builder)), [
            SwiftArgument(client, .member(.selfReference, client)),
            SwiftArgument(pathSegments, .binary(.member(.selfReference, pathSegments), .plus, .arrayLiteral([segment]))),
        ])
    }

    func clientStruct(_ root: PathNode, names: [ObjectIdentifier: SwiftName]) -> SwiftStruct {
        var members: [SwiftDeclaration] = [
            .property(SwiftProperty(documentation: ["The API version this client addresses."], name: SwiftNaming.fixed("apiVersion"), type: .string, kind: .staticConstant(.stringLiteral(version.name)))),
            .property(SwiftProperty(documentation: ["Sends the requests."], name: ModuleEmitter.client, type: ModuleEmitter.graphClient, kind: .stored(isConstant: true))),
            .property(SwiftProperty(documentation: ["The path every request of this API starts with: its version."], name: ModuleEmitter.pathSegments, type: ModuleEmitter.segmentsType,
                                    kind: .computed([.returnStatement(.arrayLiteral([.stringLiteral(version.name)]))]))),
            .initializer(SwiftInitializer(
                documentation: ["A client of the `\(version.name)` API that sends its requests with `client`."],
                parameters: [SwiftParameter(label: nil, name: ModuleEmitter.client, type: ModuleEmitter.graphClient)],
                isThrowing: false, body: [.assignment(.member(.selfReference, ModuleEmitter.client), .name(ModuleEmitter.client))]
            )),
        ]
        members += navigationMembers(root, names: names, isClient: true)
        return SwiftStruct(
            documentation: ["The Microsoft Graph `\(version.name)` API, generated from its reference pages.",
                            "",
                            "Start here: `\(clientName.text)(GraphClient()).deviceManagement...` and so on, one property per path segment."],
            name: clientName, conformances: [.qualified(module: "Swift", name: "Sendable")], members: members
        )
    }

    func builderStruct(_ node: PathNode, name: SwiftName, names: [ObjectIdentifier: SwiftName]) -> SwiftStruct {
        var members: [SwiftDeclaration] = [
            .property(SwiftProperty(documentation: ["Sends the requests."], name: ModuleEmitter.client, type: ModuleEmitter.graphClient, kind: .stored(isConstant: true))),
            .property(SwiftProperty(documentation: ["The path so far, unencoded, starting with the API version."], name: ModuleEmitter.pathSegments, type: ModuleEmitter.segmentsType, kind: .stored(isConstant: true))),
            .initializer(SwiftInitializer(
                documentation: [],
                parameters: [SwiftParameter(label: ModuleEmitter.client, name: ModuleEmitter.client, type: ModuleEmitter.graphClient),
                             SwiftParameter(label: ModuleEmitter.pathSegments, name: ModuleEmitter.pathSegments, type: ModuleEmitter.segmentsType)],
                isThrowing: false,
                body: [.assignment(.member(.selfReference, ModuleEmitter.client), .name(ModuleEmitter.client)),
                       .assignment(.member(.selfReference, ModuleEmitter.pathSegments), .name(ModuleEmitter.pathSegments))]
            )),
        ]
        for operation in node.operations.sorted(by: { $0.method < $1.method }) {
            members += requestFunctions(operation).map { .function($0) }
        }
        members += navigationMembers(node, names: names, isClient: false)
        return SwiftStruct(documentation: ["Requests on `\(node.pathDescription)`."], name: name,
                           conformances: [.qualified(module: "Swift", name: "Sendable")], members: members)
    }

    /// What an operation's function returns: nothing, a collection page, a type, or untyped JSON when the
    /// page documents a response body of no known type.
    func responseType(_ operation: Operation) -> SwiftType? { names.responseType(of: operation) }

    static func methodName(_ operation: Operation) -> SwiftName { SwiftModuleNames.functionName(of: operation) }

    func operationFunction(_ operation: Operation) -> SwiftFunction {
        requestFunctions(operation)[0]
    }

    /// Each operation is two functions: `get(...)` sends and returns the value; `getRequest(...)` returns the
    /// `GraphCall`, for the response's status and headers (`sendWithResponse()`), every page (`pages()`,
    /// `items()`) or a streamed download (`downloadStream()`).
    func requestFunctions(_ operation: Operation) -> [SwiftFunction] {
        let signature = operationSignature(operation)
        let name = ModuleEmitter.methodName(operation)
        let requestName = SwiftNaming.fixed(name.text.filter { $0 != "`" } + "Request")
        let callType = SwiftType.generic(module: ModuleEmitter.runtime, name: "GraphCall", arguments: [signature.response])
        let arguments = signature.parameters.map { SwiftArgument($0.label, .name($0.name)) }
        let call: SwiftExpression = .call(.member(.selfReference, requestName), arguments)
        let sending = SwiftExpression.tryExpression(.awaitExpression(.call(.member(call, SwiftNaming.fixed("send")), [])))
        // An answer without a body returns nothing (no unused `GraphNoContent` at call sites).
        let returnsNothing = signature.response == .qualified(module: ModuleEmitter.runtime, name: "GraphNoContent")
        let send = SwiftFunction(
            documentation: ModuleEmitter.documentation(of: operation) + signature.documentation + ["", "`\(requestName.text)(...)` makes the same request as a `GraphCall`, for the status and headers of the response\(signature.isCollection ? ", every page" : "")\(signature.isBinary ? ", a streamed download" : "")."],
            isStatic: false, name: name, parameters: signature.parameters, isAsync: true, isThrowing: true, returnType: returnsNothing ? nil : signature.response,
            body: [returnsNothing ? .assignment(.discard, sending) : .returnStatement(sending)]
        )
        let request = SwiftFunction(
            documentation: ["`\(operation.method) \(operation.path)` as a call: `send()`, `sendWithResponse()`\(signature.isCollection ? ", `pages()`, `items()`" : "")\(signature.isBinary ? ", `downloadStream()`" : ""). See `\(name.text)`."],
            isStatic: false, name: requestName, parameters: signature.parameters, isAsync: false, isThrowing: signature.throwsBuilding,
            returnType: callType, body: signature.body
        )
        return [send, request]
    }

    struct OperationSignature {
        var parameters: [SwiftParameter]
        var response: SwiftType
        var body: [SwiftStatement]
        var documentation: [String]
        var throwsBuilding: Bool
        var isCollection: Bool
        var isBinary: Bool
        var queryType: SwiftType
        /// The custom query parameters in argument order, with their Swift names.
        var customParameters: [(parameter: QueryParameter, name: SwiftName)]
    }

    static let queryParameter = SwiftNaming.fixed("query")
    static let headersParameter = SwiftNaming.fixed("headers")

    /// The parameters, the response type and the body of an operation's `...Request` function.
    func operationSignature(_ operation: Operation) -> OperationSignature {
        let runtime = ModuleEmitter.runtime
        let client = ModuleEmitter.client
        var parameters: [SwiftParameter] = []
        var documentation: [String] = []
        var throwsBuilding = false
        var bodyArgument: SwiftExpression?
        var parameterScope = NameScope(reserved: ["query", "headers", "body", "content"])
        if operation.requestContent == .binary {
            let content = SwiftNaming.fixed("content")
            parameters.append(SwiftParameter(label: nil, name: content, type: .qualified(module: runtime, name: "GraphRequestBody")))
            bodyArgument = .name(content)
            documentation += ["", "`content`: the bytes to upload, `.bytes(data, contentType:)` or `.file(url, contentType:)`."]
        } else if let bodyType = operation.requestBody {
            let body = SwiftNaming.fixed("body")
            parameters.append(SwiftParameter(label: nil, name: body, type: swiftType(bodyType)))
            bodyArgument = .tryExpression(.call(.member(.member(.selfReference, client), SwiftNaming.fixed("jsonBody")), [SwiftArgument(nil, .name(body))]))
            throwsBuilding = true
        }
        // Custom query parameters: required ones first, as arguments without defaults.
        var customItems: [SwiftExpression] = []
        var customNames: [(parameter: QueryParameter, name: SwiftName)] = []
        let custom = operation.queryParameters.filter(\.isRequired) + operation.queryParameters.filter { !$0.isRequired }
        if !custom.isEmpty { documentation += ["", "Query parameters:"] }
        for parameter in custom {
            let name = parameterScope.claim(SwiftNaming.memberName(parameter.name))
            customNames.append((parameter, name))
            let type = ModuleEmitter.queryParameterType(parameter.type)
            parameters.append(SwiftParameter(label: name, name: name, type: parameter.isRequired ? type : .optional(type), defaultValue: parameter.isRequired ? nil : .nilLiteral))
            customItems.append(.call(.member(.type(.qualified(module: runtime, name: "GeneratedArguments")), SwiftNaming.fixed("queryItem")),
                                     [SwiftArgument(nil, .stringLiteral(parameter.name)), SwiftArgument(nil, .name(name))]))
            documentation.append("- `\(parameter.name)`\(parameter.isRequired ? " (required)" : ""): \(parameter.description ?? parameter.type.displayName)")
        }
        // OData options: one generic value, typed by the response's properties.
        let properties = queryPropertyType(operation)
        let queryType: SwiftType
        let options = operation.queryOptions
        if options.isEmpty {
            queryType = .qualified(module: runtime, name: "GraphCustomQuery")
        } else if Set(options).isSubset(of: [.select, .expand]) {
            queryType = .generic(module: runtime, name: "GraphSelectQuery", arguments: [properties])
        } else {
            queryType = .generic(module: runtime, name: "GraphQuery", arguments: [properties])
        }
        documentation += ["", options.isEmpty ? "The page documents no OData query option; `query` sends any item added to it."
                                              : "OData query options the page documents: \(options.map { "`\($0.rawValue)`" }.joined(separator: ", "))."]
        parameters.append(SwiftParameter(label: nil, name: ModuleEmitter.queryParameter, type: queryType, defaultValue: .call(.type(queryType), [])))
        let headers = operation.requestHeaders.filter { !["authorization", "content-type", "content-length"].contains($0.name.lowercased()) }
        if !headers.isEmpty {
            documentation += ["", "Request headers the page documents:"] + headers.map { "- `\($0.name)`: \($0.value)" }
        }
        parameters.append(SwiftParameter(label: ModuleEmitter.headersParameter, name: ModuleEmitter.headersParameter,
                                         type: .qualified(module: runtime, name: "GraphHeaders"), defaultValue: .call(.type(.qualified(module: runtime, name: "GraphHeaders")), [])))

        var queryItems: SwiftExpression = .member(.name(ModuleEmitter.queryParameter), SwiftNaming.fixed("queryItems"))
        for item in customItems.reversed() { queryItems = .binary(item, .plus, queryItems) }
        var requestArguments = [
            SwiftArgument(SwiftNaming.fixed("verb"), .stringLiteral(operation.method)),
            SwiftArgument(ModuleEmitter.pathSegments, .member(.selfReference, ModuleEmitter.pathSegments)),
            SwiftArgument(SwiftNaming.fixed("queryItems"), queryItems),
            SwiftArgument(ModuleEmitter.headersParameter, .name(ModuleEmitter.headersParameter)),
        ]
        if let bodyArgument { requestArguments.append(SwiftArgument(SwiftNaming.fixed("body"), bodyArgument)) }
        let request = SwiftExpression.call(.type(.qualified(module: runtime, name: "GraphRequest")), requestArguments)
        let (response, factory) = callResponse(operation)
        let make = SwiftExpression.call(.member(.type(.generic(module: runtime, name: "GraphCall", arguments: [response])), SwiftNaming.fixed(factory)),
                                        [SwiftArgument(nil, .member(.selfReference, client)), SwiftArgument(nil, request)])
        return OperationSignature(parameters: parameters, response: response, body: [.returnStatement(make)], documentation: documentation,
                                  throwsBuilding: throwsBuilding, isCollection: operation.responseKind == .collection && operation.responseBody != nil,
                                  isBinary: operation.responseKind == .binary, queryType: queryType, customParameters: customNames)
    }

    /// The Swift type of a custom query parameter: a primitive's, else text.
    static func queryParameterType(_ type: TypeReference) -> SwiftType {
        switch type.primitive {
        case .boolean?: .bool
        case .int16?, .int32?, .int64?, .byte?, .sbyte?: .int
        case .single?, .double?, .decimal?: .qualified(module: "Swift", name: "Double")
        default: .string
        }
    }

    /// What `$select`, `$expand` and `$orderby` name: the properties of the response's struct (its element's,
    /// for a collection; the base struct's for a polymorphic type), else any name.
    func queryPropertyType(_ operation: Operation) -> SwiftType {
        if [.entity, .collection].contains(operation.responseKind), let body = operation.responseBody, body.primitive == nil,
           let name = names.structNames[body.lookupKey] {
            return .qualified(module: name.text, name: "CodingKeys")
        }
        return .qualified(module: ModuleEmitter.runtime, name: "GraphPropertyName")
    }

    /// The call's value type and the `GraphCall` factory that reads it.
    func callResponse(_ operation: Operation) -> (SwiftType, String) {
        switch operation.responseKind {
        case .binary: return (.qualified(module: ModuleEmitter.runtime, name: "GraphBytes"), "bytes")
        case .count: return (.int, "count")
        case .wrappedValue:
            if let body = operation.responseBody { return (swiftType(body), "wrappedValue") }
        case .noContent, .entity, .collection:
            break
        }
        if let type = responseType(operation) { return (type, "json") }
        return (.qualified(module: ModuleEmitter.runtime, name: "GraphNoContent"), "noContent")
    }

    /// A function segment as a method: `getEffectivePermissions(scope:)` appends
    /// `getEffectivePermissions(scope='...')`, each argument an OData literal of its documented type.
    func functionMember(_ function: FunctionCall, parameters: [FunctionParameter], name: SwiftName, builder: SwiftName, path: String) -> SwiftFunction {
        var scope = NameScope(reserved: [])
        var swiftParameters: [SwiftParameter] = []
        var literals: [SwiftExpression] = []
        var documentation = ["`\(path)`: calls the function `\(function.name)`."]
        for argument in function.arguments {
            let parameter = parameters.first { $0.name.lowercased() == argument.name.lowercased() }
            let (type, literal) = functionArgumentEncoding(parameter?.type ?? (argument.isQuoted ? .primitive(.string) : .primitive(.json)), isQuoted: argument.isQuoted)
            let swiftName = scope.claim(SwiftNaming.memberName(argument.name))
            swiftParameters.append(SwiftParameter(label: swiftName, name: swiftName, type: type))
            literals.append(.binary(.stringLiteral(argument.name + "="), .plus,
                                    .call(.member(.type(.qualified(module: ModuleEmitter.runtime, name: "ODataLiteral")), SwiftNaming.fixed(literal)), [SwiftArgument(nil, .name(swiftName))])))
            if let description = parameter?.description { documentation.append("- `\(swiftName.text)`: \(description)") }
        }
        let segment = SwiftExpression.call(.member(.type(.qualified(module: ModuleEmitter.runtime, name: "ODataLiteral")), SwiftNaming.fixed("call")),
                                           [SwiftArgument(nil, .stringLiteral(function.name)), SwiftArgument(nil, .arrayLiteral(literals))])
        return SwiftFunction(documentation: documentation, isStatic: false, name: name, parameters: swiftParameters, isAsync: false, isThrowing: false,
                             returnType: .local(builder), body: [.returnStatement(ModuleEmitter.construct(builder, appending: segment))])
    }

    /// The Swift type of a function argument and the `ODataLiteral` function that writes it.
    func functionArgumentEncoding(_ type: TypeReference, isQuoted: Bool) -> (SwiftType, String) {
        if let primitive = type.primitive, !type.isCollection {
            switch primitive {
            case .string, .binary, .stream: return (.string, "string")
            case .guid: return (.string, isQuoted ? "string" : "guid")
            case .boolean: return (.bool, "boolean")
            case .byte, .sbyte, .int16, .int32, .int64: return (SwiftModuleNames.swiftType(primitive), "integer")
            case .single, .double, .decimal: return (SwiftModuleNames.swiftType(primitive), "double")
            case .dateTimeOffset, .date, .timeOfDay: return (SwiftModuleNames.swiftType(primitive), "temporal")
            case .duration, .json: return (.string, isQuoted ? "string" : "raw")
            }
        }
        if !type.isCollection, names.enumNames[type.lookupKey] != nil { return (swiftType(type), "enumMember") }
        return (.string, isQuoted ? "string" : "raw")
    }

    static func documentation(of operation: Operation) -> [String] {
        var lines: [String] = []
        if let title = operation.title { lines.append(title + ".") }
        if let description = operation.description, description != operation.title { lines += ["", description] }
        lines += ["", "`\(operation.method) \(operation.path)`"]
        if !operation.permissions.isEmpty {
            lines += ["", "Permissions:"]
            for permission in operation.permissions {
                let kind = switch permission.kind {
                case .delegatedWorkOrSchool: "Delegated (work or school account)"
                case .delegatedPersonal: "Delegated (personal Microsoft account)"
                case .application: "Application"
                }
                let value = switch permission.status {
                case .scopes: permission.scopes.joined(separator: ", ")
                case .notSupported: "not supported"
                case .undetermined: "not yet determined by the docs"
                }
                lines.append("- \(kind): \(value)")
            }
        }
        if let status = operation.responseStatus { lines += ["", "Succeeds with HTTP \(status)."] }
        lines += ["", "Documented in \(operation.location.path)."]
        return lines
    }
}
