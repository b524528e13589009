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

        // Primitive and enum results, `{"value": x}` on the wire.
        var wrappedCases: [String: SwiftType] = [:]
        for operation in version.operations where operation.responseKind == .wrappedValue {
            guard let body = operation.responseBody else { continue }
            wrappedCases[body.lookupKey] = swiftType(body)
        }
        var wrappedSwitch: [SwiftSwitchCase] = wrappedCases.keys.sorted().map { key in
            SwiftSwitchCase(.stringLiteral(key), [.returnStatement(.tryExpression(
                .call(.member(.type(roundTrip), SwiftNaming.fixed("roundTrip")), [
                    SwiftArgument(nil, .metatype(.generic(module: ModuleEmitter.runtime, name: "GraphValueWrapper", arguments: [wrappedCases[key]!]))),
                    SwiftArgument(json, .name(json)),
                ])
            ))])
        }
        wrappedSwitch.append(SwiftSwitchCase(.defaultCase, [.throwStatement(.call(
            .member(.type(.qualified(module: ModuleEmitter.runtime, name: "GeneratedTypeLookupError")), SwiftNaming.fixed("unknownType")),
            [SwiftArgument(nil, .name(typeName))]
        ))]))
        let wrappedFunction = SwiftFunction(
            documentation: ["Decodes `json` as `{\"value\": x}` with x of the documented type `typeName` and encodes it again."],
            isStatic: true, name: SwiftNaming.fixed("roundTripWrappedValue"),
            parameters: [SwiftParameter(label: typeName, name: typeName, type: .string), SwiftParameter(label: json, name: json, type: .data)],
            isAsync: false, isThrowing: true, returnType: .data,
            body: [.switchStatement(.call(.member(.type(.qualified(module: ModuleEmitter.runtime, name: "ODataType")), SwiftNaming.fixed("lookupKey")), [SwiftArgument(nil, .name(typeName))]), wrappedSwitch)]
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
            conformances: [.qualified(module: ModuleEmitter.runtime, name: "GeneratedAPIModule"), .qualified(module: ModuleEmitter.runtime, name: "GeneratedWrappedValues")],
            members: [
                .property(SwiftProperty(documentation: ["The API version."], name: SwiftNaming.fixed("apiVersion"), type: .string, kind: .staticConstant(.stringLiteral(version.name)))),
                .function(roundTripFunction),
                .function(wrappedFunction),
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
        let runtime = ModuleEmitter.runtime
        let arguments = SwiftExpression.type(.qualified(module: runtime, name: "GeneratedArguments"))
        let exampleQuery = SwiftExpression.member(.type(.qualified(module: runtime, name: "GeneratedOperation")), SwiftNaming.fixed("exampleQuery"))
        let exampleHeaders = SwiftExpression.member(.type(.qualified(module: runtime, name: "GeneratedOperation")), SwiftNaming.fixed("exampleHeaders"))
        /// `try GeneratedArguments.parse(text, as: T.self)` for numbers and flags, `T(rawValue: text)` for enums
        /// and dates, the text itself for strings.
        func typed(_ text: SwiftExpression, as type: SwiftType, literal: String) -> SwiftExpression {
            switch literal {
            case "integer", "double", "boolean":
                return .tryExpression(.call(.member(arguments, SwiftNaming.fixed("parse")), [SwiftArgument(nil, text), SwiftArgument(SwiftNaming.fixed("as"), .metatype(type))]))
            case "enumMember", "temporal":
                return .call(.type(type), [SwiftArgument(SwiftNaming.fixed("rawValue"), text)])
            default:
                return text
            }
        }
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
                if let function = segment.function {
                    // The example's argument values follow its path values, in path order.
                    var scope = NameScope(reserved: [])
                    var callArguments: [SwiftArgument] = []
                    for argument in function.arguments {
                        let parameter = child.functionParameters?.first { $0.name.lowercased() == argument.name.lowercased() }
                        let (type, literal) = functionArgumentEncoding(parameter?.type ?? (argument.isQuoted ? .primitive(.string) : .primitive(.json)), isQuoted: argument.isQuoted)
                        let value = SwiftExpression.subscriptAccess(.name(pathValues), .integerLiteral(parameterIndex))
                        parameterIndex += 1
                        callArguments.append(SwiftArgument(scope.claim(SwiftNaming.memberName(argument.name)), typed(value, as: type, literal: literal)))
                    }
                    chain = .call(chain, callArguments)
                }
            }
            node = child
        }
        let signature = operationSignature(operation)
        var callArguments: [SwiftArgument] = []
        if operation.requestContent == .binary {
            callArguments.append(SwiftArgument(nil, .call(.member(arguments, SwiftNaming.fixed("upload")), [SwiftArgument(nil, .name(body))])))
        } else if let bodyType = operation.requestBody {
            callArguments.append(SwiftArgument(nil, .tryExpression(.call(
                .member(.type(.qualified(module: runtime, name: "GeneratedRoundTrip")), SwiftNaming.fixed("decode")),
                [SwiftArgument(nil, .metatype(swiftType(bodyType))), SwiftArgument(SwiftNaming.fixed("from"), .name(body))]
            ))))
        }
        for (parameter, name) in signature.customParameters {
            let text = SwiftExpression.call(.member(arguments, SwiftNaming.fixed(parameter.isRequired ? "value" : "optionalValue")),
                                            [SwiftArgument(nil, .stringLiteral(parameter.name)), SwiftArgument(SwiftNaming.fixed("in"), exampleQuery)])
            let swiftType = ModuleEmitter.queryParameterType(parameter.type)
            let value: SwiftExpression = swiftType == .string
                ? (parameter.isRequired ? .tryExpression(text) : text)
                : .tryExpression(.call(.member(arguments, SwiftNaming.fixed("parse")), [SwiftArgument(nil, text), SwiftArgument(SwiftNaming.fixed("as"), .metatype(swiftType))]))
            callArguments.append(SwiftArgument(name, value))
        }
        let rest = signature.customParameters.isEmpty ? exampleQuery
            : .call(.member(arguments, SwiftNaming.fixed("removing")), [SwiftArgument(nil, .arrayLiteral(signature.customParameters.map { .stringLiteral($0.parameter.name) })),
                                                                        SwiftArgument(SwiftNaming.fixed("from"), exampleQuery)])
        callArguments.append(SwiftArgument(nil, .call(.type(signature.queryType), [SwiftArgument(SwiftNaming.fixed("parsing"), rest)])))
        callArguments.append(SwiftArgument(ModuleEmitter.headersParameter, .call(.member(arguments, SwiftNaming.fixed("headers")), [SwiftArgument(nil, exampleHeaders)])))
        let call = SwiftExpression.tryExpression(.awaitExpression(.call(.member(chain, ModuleEmitter.methodName(operation)), callArguments)))
        let statement: SwiftStatement = .assignment(.discard, call)
        return .call(.type(.qualified(module: ModuleEmitter.runtime, name: "GeneratedOperation")),
                     [SwiftArgument(SwiftNaming.fixed("id"), .stringLiteral(operation.id))],
                     trailingClosure: SwiftClosure(parameters: [client, pathValues, body], body: [statement]))
    }
}
