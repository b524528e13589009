import DocgenModel

/// A node of the path tree: one per distinct path prefix of the version's operations. Literal segments
/// are children by text (ignoring case, as Graph does); all parameters of a node are one child, the item.
final class PathNode {
    let segment: PathSegment?
    /// Literal and keyword children by lowercased text, and the parameter child.
    var literalChildren: [String: PathNode] = [:]
    var parameterChild: PathNode?
    var operations: [Operation] = []
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
            for segment in operation.path.segments { node = node.child(for: segment) }
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
        var scope = NameScope(reserved: isClient ? ["client", "pathSegments", "apiVersion"] : ["client", "pathSegments"] + verbs)
        var names: [ObjectIdentifier: SwiftName] = [:]
        for child in node.children {
            guard let segment = child.segment, segment.kind != .parameter else { continue }
            names[ObjectIdentifier(child)] = scope.claim(SwiftNaming.memberName(segment.text))
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
            members.append(.function(operationFunction(operation)))
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
        let client = ModuleEmitter.client
        let request = SwiftNaming.fixed("request")
        let body = SwiftNaming.fixed("body")
        var parameters: [SwiftParameter] = []
        var requestArguments = [
            SwiftArgument(SwiftNaming.fixed("method"), .call(.type(.qualified(module: ModuleEmitter.runtime, name: "GraphHTTPMethod")), [SwiftArgument(SwiftNaming.fixed("rawValue"), .stringLiteral(operation.method))])),
            SwiftArgument(ModuleEmitter.pathSegments, .member(.selfReference, ModuleEmitter.pathSegments)),
        ]
        if let bodyType = operation.requestBody {
            parameters.append(SwiftParameter(label: nil, name: body, type: swiftType(bodyType)))
            requestArguments.append(SwiftArgument(body, .tryExpression(.call(.member(.member(.selfReference, client), SwiftNaming.fixed("encodeBody")), [SwiftArgument(nil, .name(body))]))))
        }
        var statements: [SwiftStatement] = [.constant(request, .call(.member(.member(.selfReference, client), SwiftNaming.fixed("makeRequest")), requestArguments))]
        let returnType = responseType(operation)
        if let returnType {
            statements.append(.returnStatement(.tryExpression(.awaitExpression(.call(.member(.member(.selfReference, client), SwiftNaming.fixed("send")), [
                SwiftArgument(nil, .name(request)), SwiftArgument(SwiftNaming.fixed("expecting"), .metatype(returnType)),
            ])))))
        } else {
            statements.append(.expression(.tryExpression(.awaitExpression(.call(.member(.member(.selfReference, client), SwiftNaming.fixed("send")), [SwiftArgument(nil, .name(request))])))))
        }
        return SwiftFunction(documentation: ModuleEmitter.documentation(of: operation), isStatic: false, name: ModuleEmitter.methodName(operation),
                             parameters: parameters, isAsync: true, isThrowing: true, returnType: returnType, body: statements)
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
