import DocgenModel
import JSONText

/// The model of one API version as an OpenAPI 3.0 document, so that every OpenAPI tool (mock servers,
/// documentation sites, other generators) can use what the reference pages say.
///
/// - `paths`: one path item per path shape (`/users/{}`; the first operation's parameter names), each
///   operation with its path parameters, headers, query options and custom query parameters, request
///   body, response and the OData error as `default` response;
/// - `components.schemas`: every type and enum; a base type as `allOf`; a type with derived types has an
///   `@odata.type` discriminator mapping `#microsoft.graph.x` to each; a collection response is
///   `x.collectionResponse` (`value` and `@odata.nextLink`); the OData error is `odata.error`;
/// - permissions: each scope an alternative security requirement (`delegated`, `application`; any one of
///   them suffices, as the pages mean it) and the whole table as `x-ms-permissions`;
/// - `x-docgen-source`: the page and line of each operation, type and enum, and of each property in
///   `x-docgen-properties`.
///
/// Deterministic: every object's keys are sorted, arrays keep the model's (sorted) order.
public enum OpenAPIWriter {
    public static let openAPIVersion = "3.0.3"

    /// The document for `version` as JSON text (2-space indents, keys sorted, a final line feed).
    public static func json(for version: APIVersionModel, server: String = "https://graph.microsoft.com") -> String {
        JSONWriter.write(sorted(document(for: version, server: server)), pretty: true) + "\n"
    }

    /// The document as a JSON value.
    public static func document(for version: APIVersionModel, server: String = "https://graph.microsoft.com") -> JSONValue {
        var builder = DocumentBuilder(version: version)
        return builder.build(server: server)
    }

    /// Every object's members sorted by key, recursively.
    static func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(members.map { JSONMember(key: $0.key, value: sorted($0.value)) }.sorted { $0.key < $1.key })
        case .array(let elements):
            return .array(elements.map(sorted))
        default:
            return value
        }
    }
}

/// JSON helpers: objects from pairs, strings, references.
func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
    .object(pairs.compactMap { key, value in value.map { JSONMember(key: key, value: $0) } })
}

func string(_ text: String?) -> JSONValue? { text.map { .string($0) } }

func componentReference(_ component: String) -> JSONValue { object([("$ref", .string("#/components/schemas/" + component))]) }

func source(_ location: SourceLocation) -> JSONValue {
    object([("page", .string(location.path)), ("line", .number(String(location.line)))])
}

struct DocumentBuilder {
    let version: APIVersionModel
    let index: TypeIndex
    /// Component names by lookup key.
    var componentNames: [String: String] = [:]
    /// Collection responses used, by element component name.
    var collectionResponses: Set<String> = []

    static let errorSchema = "odata.error"
    static let mainErrorSchema = "odata.mainError"
    static let errorDetailSchema = "odata.errorDetail"
    static let errorResponse = "error"

    init(version: APIVersionModel) {
        self.version = version
        self.index = TypeIndex(version)
        var taken = Set<String>()
        for name in (version.types.map(\.name) + version.enums.map(\.name)).sorted() {
            let key = TypeReference.lookupKey(for: name)
            guard componentNames[key] == nil else { continue }
            var component = DocumentBuilder.componentName(name)
            var counter = 2
            while !taken.insert(component).inserted {
                component = DocumentBuilder.componentName(name) + "_\(counter)"
                counter += 1
            }
            componentNames[key] = component
        }
    }

    /// A component name OpenAPI accepts (`^[a-zA-Z0-9._-]+$`), without the `microsoft.graph.` namespace.
    static func componentName(_ name: String) -> String {
        var key = Substring(name)
        if key.hasPrefix("#") { key = key.dropFirst() }
        if key.lowercased().hasPrefix("microsoft.graph.") { key = key.dropFirst("microsoft.graph.".count) }
        let cleaned = String(key.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-") ? Character(scalar) : "_"
        })
        return cleaned.isEmpty ? "_unnamed" : cleaned
    }

    mutating func build(server: String) -> JSONValue {
        let paths = pathItems()
        var schemas: [JSONMember] = []
        for type in version.types {
            schemas.append(JSONMember(key: componentNames[TypeReference.lookupKey(for: type.name)]!, value: schema(for: type)))
        }
        for enumeration in version.enums where index.types[TypeReference.lookupKey(for: enumeration.name)] == nil {
            schemas.append(JSONMember(key: componentNames[TypeReference.lookupKey(for: enumeration.name)]!, value: schema(for: enumeration)))
        }
        for element in collectionResponses.sorted() {
            schemas.append(JSONMember(key: element + ".collectionResponse", value: object([
                ("type", .string("object")),
                ("description", .string("A page of a collection: the values, and the link to the next page while there is one.")),
                ("properties", object([
                    ("value", object([("type", .string("array")), ("items", componentReference(element))])),
                    ("@odata.nextLink", object([("type", .string("string")), ("description", .string("The URL of the next page; absent on the last page."))])),
                    ("@odata.count", object([("type", .string("integer")), ("format", .string("int64"))])),
                ])),
            ])))
        }
        schemas += DocumentBuilder.errorSchemas()
        return object([
            ("openapi", .string(OpenAPIWriter.openAPIVersion)),
            ("info", object([
                ("title", .string("Microsoft Graph \(version.name)")),
                ("description", .string("Generated by docgen from the Microsoft Graph reference pages. Do not edit.")),
                ("version", .string(version.name)),
            ])),
            ("servers", .array([object([("url", .string(server + "/" + version.name))])])),
            ("paths", paths),
            ("components", object([
                ("schemas", .object(schemas)),
                ("responses", object([(DocumentBuilder.errorResponse, object([
                    ("description", .string("An OData error: what the service said went wrong.")),
                    ("content", object([("application/json", object([("schema", componentReference(DocumentBuilder.errorSchema))]))])),
                ]))])),
                ("securitySchemes", securitySchemes()),
            ])),
        ])
    }

    // MARK: Paths

    /// Path items keyed by the template of the first operation of each shape.
    mutating func pathItems() -> JSONValue {
        let byShape = Dictionary(grouping: version.operations, by: { $0.path.shape })
        var items: [JSONMember] = []
        var operationIDs = Set<String>()
        for shape in byShape.keys.sorted() {
            let operations = byShape[shape]!.sorted { ($0.method, $0.location) < ($1.method, $1.location) }
            let (template, parameterNames) = DocumentBuilder.template(for: operations[0].path)
            var members: [JSONMember] = []
            for operation in operations {
                let method = operation.method.lowercased()
                guard ["get", "put", "post", "delete", "options", "head", "patch", "trace"].contains(method),
                      !members.contains(where: { $0.key == method }) else { continue }
                var id = DocumentBuilder.operationID(operation)
                var counter = 2
                while !operationIDs.insert(id).inserted {
                    id = DocumentBuilder.operationID(operation) + "_\(counter)"
                    counter += 1
                }
                members.append(JSONMember(key: method, value: self.operation(operation, id: id, parameterNames: parameterNames)))
            }
            let pathParameters = parameterNames.map { name in
                object([
                    ("name", .string(name)), ("in", .string("path")), ("required", .bool(true)),
                    ("schema", object([("type", .string("string"))])),
                ])
            }
            if !pathParameters.isEmpty { members.append(JSONMember(key: "parameters", value: .array(pathParameters))) }
            items.append(JSONMember(key: template, value: .object(members)))
        }
        return .object(items)
    }

    /// `/users/{id}` and its parameter names: each a name OpenAPI can template (`{id | userPrincipalName}`
    /// becomes `{id}`, `<id>` `{id}`), unique in the path.
    static func template(for path: PathTemplate) -> (String, [String]) {
        var names: [String] = []
        func claim(_ written: String) -> String {
            var name = String(written.unicodeScalars.prefix { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }.map(Character.init))
            if name.isEmpty { name = "id" }
            let base = name
            var counter = 2
            while names.contains(name) {
                name = base + "\(counter)"
                counter += 1
            }
            names.append(name)
            return "{\(name)}"
        }
        var text = ""
        for segment in path.segments {
            text += "/"
            if segment.kind == .parameter {
                text += claim(segment.parameterName ?? "id")
            } else {
                // OData key and function syntax keeps parameters inside a segment: `roleTemplateId={roleTemplateId}`,
                // `range(address='{address}')`.
                var rest = Substring(segment.text)
                while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                    text += rest[..<open]
                    text += claim(String(rest[rest.index(after: open)..<close]))
                    rest = rest[rest.index(after: close)...]
                }
                text += rest
            }
        }
        return (text.isEmpty ? "/" : text, names)
    }

    /// `get.deviceManagement.deviceConfigurations.item.assignments`
    static func operationID(_ operation: Operation) -> String {
        let parts = operation.path.segments.map { segment -> String in
            switch segment.kind {
            case .parameter: "item"
            case .keyword: String(segment.text.drop { $0 == "$" })
            case .literal: componentName(segment.text)
            }
        }
        return ([operation.method.lowercased()] + parts).joined(separator: ".")
    }

    mutating func operation(_ operation: Operation, id: String, parameterNames: [String]) -> JSONValue {
        let parameters = headerParameters(of: operation) + queryParameters(of: operation)
        return object([
            ("operationId", .string(id)),
            ("summary", string(operation.title)),
            ("description", string(operation.description)),
            ("tags", operation.path.segments.first.map { .array([.string($0.text)]) }),
            ("parameters", parameters.isEmpty ? nil : .array(parameters)),
            ("requestBody", operation.requestBody.map { body in
                object([
                    ("required", .bool(true)),
                    ("content", object([("application/json", object([("schema", schema(for: body))]))])),
                ])
            }),
            ("responses", responses(of: operation)),
            ("security", security(of: operation)),
            ("x-ms-permissions", permissions(of: operation)),
            ("x-docgen-source", source(operation.location)),
        ])
    }

    /// Required headers other than those the transport sets (`Authorization`, `Content-Type`).
    func headerParameters(of operation: Operation) -> [JSONValue] {
        var seen = Set<String>()
        return operation.requestHeaders.compactMap { header in
            let name = header.name.trimmed
            guard !name.isEmpty, !["authorization", "content-type"].contains(name.lowercased()), seen.insert(name.lowercased()).inserted else { return nil }
            return object([
                ("name", .string(name)), ("in", .string("header")), ("required", .bool(header.isRequired)),
                ("description", string(header.value.isEmpty ? nil : header.value)),
                ("schema", object([("type", .string("string"))])),
            ])
        }
    }

    /// The OData system query options the operation documents (`$top` and `$skip` integers, `$count` a
    /// boolean, the others text), then its custom query parameters with their documented types, each an
    /// `in: query` parameter; a name is listed once (options first, case ignored, as OData does).
    func queryParameters(of operation: Operation) -> [JSONValue] {
        var seen = Set<String>()
        var parameters: [JSONValue] = []
        for option in operation.queryOptions where seen.insert(option.rawValue.lowercased()).inserted {
            let type: String
            switch option {
            case .top, .skip: type = "integer"
            case .count: type = "boolean"
            case .expand, .filter, .orderBy, .search, .select: type = "string"
            }
            parameters.append(object([
                ("name", .string(option.rawValue)), ("in", .string("query")), ("required", .bool(false)),
                ("description", .string("The OData system query option \(option.rawValue).")),
                ("schema", object([("type", .string(type))])),
            ]))
        }
        for parameter in operation.queryParameters {
            let name = parameter.name.trimmed
            guard !name.isEmpty, seen.insert(name.lowercased()).inserted else { continue }
            parameters.append(object([
                ("name", .string(name)), ("in", .string("query")), ("required", .bool(parameter.isRequired)),
                ("description", string(parameter.description)),
                ("schema", schema(for: parameter.type)),
                ("x-docgen-source", source(parameter.location)),
            ]))
        }
        return parameters
    }

    mutating func responses(of operation: Operation) -> JSONValue {
        let status = operation.responseStatus ?? (operation.responseBody == nil && ["DELETE", "PATCH", "PUT"].contains(operation.method) ? 204 : operation.method == "POST" && operation.responseBody != nil ? 201 : 200)
        var success: [(String, JSONValue?)] = [("description", .string(operation.responseBody.map { "The \($0.displayName)." } ?? "Success."))]
        if let body = operation.responseBody {
            let schema: JSONValue
            if body.isCollection, body.primitive == nil, let element = componentNames[body.lookupKey] {
                collectionResponses.insert(element)
                schema = componentReference(element + ".collectionResponse")
            } else {
                schema = self.schema(for: body)
            }
            success.append(("content", object([("application/json", object([("schema", schema)]))])))
        }
        return object([
            (String(status), object(success)),
            ("default", object([("$ref", .string("#/components/responses/\(DocumentBuilder.errorResponse)"))])),
        ])
    }

    // MARK: Permissions

    static func schemeName(_ kind: PermissionKind) -> String? {
        switch kind {
        case .delegatedWorkOrSchool, .delegatedPersonal: "delegated"
        case .application: "application"
        }
    }

    /// Each documented scope as an alternative: any one of them grants the operation.
    func security(of operation: Operation) -> JSONValue? {
        var alternatives: [JSONValue] = []
        var seen = Set<String>()
        for permission in operation.permissions where permission.status == .scopes {
            guard let scheme = DocumentBuilder.schemeName(permission.kind) else { continue }
            for scope in permission.scopes where seen.insert(scheme + " " + scope).inserted {
                alternatives.append(object([(scheme, .array([.string(scope)]))]))
            }
        }
        return alternatives.isEmpty ? nil : .array(alternatives)
    }

    func permissions(of operation: Operation) -> JSONValue? {
        guard !operation.permissions.isEmpty else { return nil }
        return .array(operation.permissions.map { permission in
            object([
                ("kind", .string(permission.kind.rawValue)), ("status", .string(permission.status.rawValue)),
                ("scopes", .array(permission.scopes.map { .string($0) })), ("text", .string(permission.text)),
                ("x-docgen-source", source(permission.location)),
            ])
        })
    }

    func securitySchemes() -> JSONValue {
        var delegated = Set<String>()
        var application = Set<String>()
        for permission in version.operations.flatMap(\.permissions) where permission.status == .scopes {
            if DocumentBuilder.schemeName(permission.kind) == "application" {
                application.formUnion(permission.scopes)
            } else {
                delegated.formUnion(permission.scopes)
            }
        }
        let scopes = { (names: Set<String>) in JSONValue.object(names.sorted().map { JSONMember(key: $0, value: .string($0)) }) }
        let login = "https://login.microsoftonline.com/common/oauth2/v2.0"
        return object([
            ("delegated", object([
                ("type", .string("oauth2")),
                ("description", .string("Delegated permissions: a user signed in (work or school, or personal account).")),
                ("flows", object([("authorizationCode", object([
                    ("authorizationUrl", .string(login + "/authorize")), ("tokenUrl", .string(login + "/token")), ("scopes", scopes(delegated)),
                ]))])),
            ])),
            ("application", object([
                ("type", .string("oauth2")),
                ("description", .string("Application permissions: an app without a signed-in user.")),
                ("flows", object([("clientCredentials", object([
                    ("tokenUrl", .string(login + "/token")), ("scopes", scopes(application)),
                ]))])),
            ])),
        ])
    }

    // MARK: Schemas

    /// The schema of a type reference: a primitive's, a component reference, untyped for an unknown name.
    func schema(for reference: TypeReference) -> JSONValue {
        var element = reference
        element.isCollection = false
        let single: JSONValue
        if let primitive = reference.primitive {
            single = DocumentBuilder.schema(for: primitive)
        } else if let component = componentNames[reference.lookupKey] {
            single = componentReference(component)
        } else {
            single = object([("description", .string("\(reference.name): no page defines this type.")), ("x-docgen-unresolved", .string(reference.name))])
        }
        return reference.isCollection ? object([("type", .string("array")), ("items", single)]) : single
    }

    static func schema(for primitive: PrimitiveType) -> JSONValue {
        let (type, format): (String?, String?) = switch primitive {
        case .string: ("string", nil)
        case .boolean: ("boolean", nil)
        case .byte: ("integer", "uint8")
        case .sbyte: ("integer", "int8")
        case .int16: ("integer", "int16")
        case .int32: ("integer", "int32")
        case .int64: ("integer", "int64")
        case .single: ("number", "float")
        case .double: ("number", "double")
        case .decimal: ("number", "decimal")
        case .guid: ("string", "uuid")
        case .dateTimeOffset: ("string", "date-time")
        case .date: ("string", "date")
        case .timeOfDay: ("string", "time")
        case .duration: ("string", "duration")
        case .binary: ("string", "base64url")
        case .stream: ("string", "binary")
        case .json: (nil, nil)
        }
        return object([("type", string(type)), ("format", string(format))])
    }

    func schema(for type: TypeDefinition) -> JSONValue {
        let key = TypeReference.lookupKey(for: type.name)
        let ancestors = index.ancestors(of: type)
        // A base type in an inheritance cycle is flattened: `allOf` must not refer back to itself.
        let base = ancestors.first.flatMap { base in
            index.ancestors(of: base).contains { TypeReference.lookupKey(for: $0.name) == key } ? nil : base
        }
        let inherited = Set(base.map { index.allProperties(of: $0).map(\.name) } ?? [])
        var own = (base == nil ? index.allProperties(of: type) : type.properties).filter { !inherited.contains($0.name) }
        var seen = Set<String>()
        own = own.filter { seen.insert($0.name).inserted }
        let isRoot = base == nil
        var properties: [JSONMember] = []
        if isRoot && !own.contains(where: { $0.name == "@odata.type" }) {
            properties.append(JSONMember(key: "@odata.type", value: object([("type", .string("string")), ("description", .string("The OData type of the value, `#microsoft.graph.x`."))])))
        }
        for property in own {
            var value = schema(for: property.type)
            if case .object(var members) = value, !members.contains(where: { $0.key == "$ref" }) {
                if let description = property.description { members.append(JSONMember(key: "description", value: .string(description))) }
                if property.isNavigation { members.append(JSONMember(key: "x-ms-navigationProperty", value: .bool(true))) }
                value = .object(members)
            }
            properties.append(JSONMember(key: property.name, value: value))
        }
        let propertySources = JSONValue.object(own.map { JSONMember(key: $0.name, value: source($0.location)) })
        let descendants = index.descendants(of: type)
        let discriminator: JSONValue? = descendants.isEmpty ? nil : object([
            ("propertyName", .string("@odata.type")),
            ("mapping", .object(([type] + descendants).map { member in
                JSONMember(key: "#microsoft.graph." + member.name, value: .string("#/components/schemas/" + componentNames[TypeReference.lookupKey(for: member.name)]!))
            })),
        ])
        let body = object([("type", .string("object")), ("properties", .object(properties))])
        var members: [(String, JSONValue?)] = [
            ("description", string(type.description)),
            ("x-docgen-source", source(type.location)),
            ("x-docgen-properties", own.isEmpty ? nil : propertySources),
            ("x-docgen-origin", .string(type.origin.rawValue)),
            ("x-ms-abstract", type.isAbstract ? .bool(true) : nil),
            ("discriminator", discriminator),
        ]
        if let base {
            members.append(("allOf", .array([componentReference(componentNames[TypeReference.lookupKey(for: base.name)]!), body])))
        } else {
            members.append(("type", .string("object")))
            members.append(("properties", .object(properties)))
        }
        return object(members)
    }

    func schema(for enumeration: EnumDefinition) -> JSONValue {
        var seen = Set<String>()
        let members = enumeration.members.filter { seen.insert($0.name).inserted }
        return object([
            ("type", .string("string")),
            ("description", string(enumeration.description)),
            ("enum", .array(members.map { .string($0.name) })),
            ("x-docgen-source", source(enumeration.location)),
            ("x-docgen-origin", .string(enumeration.origin.rawValue)),
        ])
    }

    /// `odata.error` (`{"error": {...}}`), as Graph sends it.
    static func errorSchemas() -> [JSONMember] {
        let text = object([("type", .string("string"))])
        return [
            JSONMember(key: errorSchema, value: object([
                ("type", .string("object")), ("required", .array([.string("error")])),
                ("properties", object([("error", componentReference(mainErrorSchema))])),
            ])),
            JSONMember(key: mainErrorSchema, value: object([
                ("type", .string("object")), ("required", .array([.string("code"), .string("message")])),
                ("properties", object([
                    ("code", text), ("message", text), ("target", text),
                    ("details", object([("type", .string("array")), ("items", componentReference(errorDetailSchema))])),
                    ("innerError", object([("type", .string("object")), ("additionalProperties", .bool(true))])),
                ])),
            ])),
            JSONMember(key: errorDetailSchema, value: object([
                ("type", .string("object")), ("required", .array([.string("code"), .string("message")])),
                ("properties", object([("code", text), ("message", text), ("target", text)])),
            ])),
        ]
    }
}

