import DocgenModel

extension ModuleEmitter {
    /// `<Module>Module`: the module's API version, a decode-encode round trip by OData type name, and every
    /// operation callable by its id, for the golden tests and for tools.
    func catalog() -> SwiftEnum {
        let typeName = SwiftNaming.fixed("typeName")
        let isCollection = SwiftNaming.fixed("isCollection")
        let json = SwiftNaming.fixed("json")
        let roundTrip = SwiftType.qualified(module: ModuleEmitter.runtime, name: "GeneratedRoundTrip")
        let tree = pathTree()
        var cases: [SwiftSwitchCase] = []
        var entries: [(String, SwiftType)] = []
        for type in version.types {
            let key = TypeReference.lookupKey(for: type.name)
            entries.append((key, .local(polymorphicNames[key] ?? structNames[key]!)))
        }
        for enumeration in version.enums {
            let key = TypeReference.lookupKey(for: enumeration.name)
            if let name = enumNames[key] { entries.append((key, .local(name))) }
        }
        for (key, type) in entries.sorted(by: { $0.0 < $1.0 }) {
            let call = { (target: SwiftType) -> SwiftExpression in
                .call(.member(.type(roundTrip), SwiftNaming.fixed("roundTrip")), [SwiftArgument(nil, .metatype(target)), SwiftArgument(json, .name(json))])
            }
            cases.append(SwiftSwitchCase(.stringLiteral(key), [.returnStatement(.tryExpression(.ternary(
                .name(isCollection),
                call(.generic(module: ModuleEmitter.runtime, name: "CollectionPage", arguments: [type])),
                call(type)
            )))]))
        }
        cases.append(SwiftSwitchCase(.defaultCase, [.throwStatement(.call(
            .member(.type(.qualified(module: ModuleEmitter.runtime, name: "GeneratedTypeLookupError")), SwiftNaming.fixed("unknownType")),
            [SwiftArgument(nil, .name(typeName))]
        ))]))
        let roundTripFunction = SwiftFunction(
            documentation: ["Decodes `json` as the generated type for the OData type `typeName` and encodes it again."],
            isStatic: true, name: SwiftNaming.fixed("roundTrip"),
            parameters: [SwiftParameter(label: typeName, name: typeName, type: .string),
                         SwiftParameter(label: isCollection, name: isCollection, type: .bool),
                         SwiftParameter(label: json, name: json, type: .data)],
            isAsync: false, isThrowing: true, returnType: .data,
            body: [.switchStatement(.call(.member(.type(.qualified(module: ModuleEmitter.runtime, name: "ODataType")), SwiftNaming.fixed("lookupKey")), [SwiftArgument(nil, .name(typeName))]), cases)]
        )

        // Built by one statement per operation: a single array literal of thousands of closures takes the
        // type checker minutes.
        let list = SwiftNaming.fixed("operations")
        let operationType = SwiftType.qualified(module: ModuleEmitter.runtime, name: "GeneratedOperation")
        var build: [SwiftStatement] = [.variable(list, .call(.type(.array(operationType)), []))]
        var propertyNames: [ObjectIdentifier: [ObjectIdentifier: SwiftName]] = [:]
        for operation in version.operations {
            build.append(.expression(.call(.member(.name(list), SwiftNaming.fixed("append")), [SwiftArgument(nil, operationEntry(operation, tree: tree, propertyNames: &propertyNames))])))
        }
        build.append(.returnStatement(.name(list)))
        let makeOperations = SwiftFunction(
            documentation: ["Builds `operations`."], isStatic: true, name: SwiftNaming.fixed("makeOperations"),
            parameters: [], isAsync: false, isThrowing: false, returnType: .array(operationType), body: build
        )
        let operations = SwiftProperty(
            documentation: ["Every operation, by id (`METHOD /path/{}/shape`), callable through the request builders."],
            name: SwiftNaming.fixed("operations"), type: .array(operationType),
            kind: .staticConstant(.call(.name(SwiftNaming.fixed("makeOperations")), []))
        )
        return SwiftEnum(
            documentation: ["The `\(version.name)` module's catalog: what the golden tests and tools need to reach every type and operation."],
            name: catalogName, isIndirect: false, rawType: nil,
            conformances: [.qualified(module: ModuleEmitter.runtime, name: "GeneratedAPIModule")],
            members: [
                .property(SwiftProperty(documentation: ["The API version."], name: SwiftNaming.fixed("apiVersion"), type: .string, kind: .staticConstant(.stringLiteral(version.name)))),
                .function(roundTripFunction),
                .property(operations),
                .function(makeOperations),
            ]
        )
    }

    /// `GeneratedOperation(id: "...") { client, pathValues, body in ... }`, calling the fluent builder.
    /// `propertyNames`: each node's `childPropertyNames`, kept from one operation to the next.
    private func operationEntry(_ operation: Operation, tree: PathNode, propertyNames: inout [ObjectIdentifier: [ObjectIdentifier: SwiftName]]) -> SwiftExpression {
        let client = SwiftNaming.fixed("client")
        let pathValues = SwiftNaming.fixed("pathValues")
        let body = SwiftNaming.fixed("body")
        var chain: SwiftExpression = .call(.type(.local(clientName)), [SwiftArgument(nil, .name(client))])
        var parameterIndex = 0
        var node = tree
        for segment in operation.path.segments {
            let child = node.child(for: segment)
            if segment.kind == .parameter {
                chain = .subscriptAccess(chain, .subscriptAccess(.name(pathValues), .integerLiteral(parameterIndex)))
                parameterIndex += 1
            } else {
                let names = propertyNames[ObjectIdentifier(node)] ?? ModuleEmitter.childPropertyNames(of: node, isClient: node === tree)
                propertyNames[ObjectIdentifier(node)] = names
                chain = .member(chain, names[ObjectIdentifier(child)]!)
            }
            node = child
        }
        var arguments: [SwiftArgument] = []
        if let bodyType = operation.requestBody {
            arguments.append(SwiftArgument(nil, .tryExpression(.call(
                .member(.type(.qualified(module: ModuleEmitter.runtime, name: "GeneratedRoundTrip")), SwiftNaming.fixed("decode")),
                [SwiftArgument(nil, .metatype(swiftType(bodyType))), SwiftArgument(SwiftNaming.fixed("from"), .name(body))]
            ))))
        }
        let call = SwiftExpression.tryExpression(.awaitExpression(.call(.member(chain, ModuleEmitter.methodName(operation)), arguments)))
        let statement: SwiftStatement = responseType(operation) == nil ? .expression(call) : .assignment(.discard, call)
        return .call(.type(.qualified(module: ModuleEmitter.runtime, name: "GeneratedOperation")),
                     [SwiftArgument(SwiftNaming.fixed("id"), .stringLiteral(operation.id))],
                     trailingClosure: SwiftClosure(parameters: [client, pathValues, body], body: [statement]))
    }
}
