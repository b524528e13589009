import DocgenModel

/// Request bodies whose page names no type: an action's parameter table ("supply JSON representation of the
/// parameters"), an update page that only says "supply the values for relevant fields". Without a type the
/// generated function could send no body at all.
///
/// - A `PATCH` or `PUT` writes the resource at its path, so its body is the resource's type: the type the
///   page says a `PATCH` returns, else the type a `GET` on the same path returns. A `POST` to a collection
///   that a `GET` on the same path lists creates a member: its body is the members' type.
/// - Otherwise, when the page has a request-body table, the table becomes a type of its own
///   (`DefinitionOrigin.unnamedRequestBody`), named after the request path: the resource the request is
///   bound to and the last segment, `managedDeviceWipeRequestBody` for
///   `POST /deviceManagement/managedDevices/{managedDeviceId}/wipe`. Pages that give the same name (one
///   action documented once per derived type) describe one type; their tables are merged.
struct UnnamedRequestBodies {
    /// The body type of each request line that sends one, by the line's location.
    private(set) var bodyTypes: [SourceLocation: TypeReference] = [:]
    /// The types made from request-body tables.
    private(set) var definitions: [TypeDefinition] = []

    static let methodsWithBody: Set<String> = ["POST", "PUT", "PATCH"]

    init(pages: [ParsedPage]) {
        let resources = Self.resourceTypesByPath(pages)
        for page in pages where page.kind == .method {
            guard let body = page.requestBody, body.type == nil, !body.isEmpty else { continue }
            var definition: TypeDefinition?
            for line in page.requestLines where Self.methodsWithBody.contains(line.method) {
                if let resource = Self.resourceType(of: line, page: page, resources: resources) {
                    bodyTypes[line.location] = resource
                    continue
                }
                guard !body.properties.isEmpty else { continue }
                if definition == nil {
                    let name = Self.typeName(method: line.method, path: line.path)
                    definition = TypeDefinition(
                        name: name, description: "The request body of `\(line.method) \(line.path)`.",
                        properties: body.properties, origin: .unnamedRequestBody, location: body.location
                    )
                }
                bodyTypes[line.location] = .named(definition!.name)
            }
            if let definition { definitions.append(definition) }
        }
    }

    /// The resource a request line writes, when the docs know its type: a `PATCH` or `PUT` sends the
    /// resource at its path (the type the page says a `PATCH` returns, else what a `GET` on the path returns);
    /// a `POST` to a collection that a `GET` lists creates one of its members.
    private static func resourceType(of line: RequestLine, page: ParsedPage, resources: [String: TypeReference]) -> TypeReference? {
        let listed = resources[line.path.shape.lowercased()]
        switch line.method {
        case "PATCH":
            if let returned = singleNamedType(page.response?.type) { return returned }
            return listed.flatMap { $0.isCollection ? nil : $0 }
        case "PUT":
            return listed.flatMap { $0.isCollection ? nil : $0 }
        default:
            return listed.flatMap { $0.isCollection ? .named($0.name, link: $0.link) : nil }
        }
    }

    /// What a `GET` returns, by path shape (lowercased), for the lines that return objects of one named type.
    private static func resourceTypesByPath(_ pages: [ParsedPage]) -> [String: TypeReference] {
        var types: [String: TypeReference] = [:]
        for page in pages where page.kind == .method {
            guard let type = page.response?.type, type.primitive == nil, !type.name.isEmpty else { continue }
            for line in page.requestLines where line.method == "GET" {
                let shape = line.path.shape.lowercased()
                if types[shape] == nil { types[shape] = type }
            }
        }
        return types
    }

    private static func singleNamedType(_ type: TypeReference?) -> TypeReference? {
        guard let type, type.primitive == nil, !type.isCollection, !type.name.isEmpty else { return nil }
        return .named(type.name, link: type.link)
    }

    /// `managedDeviceWipeRequestBody` for `POST .../managedDevices/{managedDeviceId}/wipe`,
    /// `usersAssignLicenseRequestBody` for `POST /users/{id | userPrincipalName}/assignLicense`,
    /// `printerPutRequestBody` for `PUT /print/printers/{printerId}`: the resource the request is bound to
    /// (the entity a `{xId}` parameter names, else the segment before it), the last segment when it is not
    /// that resource, and the method unless it is `POST`. Only letters and digits of the segments are kept, after
    /// a namespace (`microsoft.graph.x` gives `x`).
    static func typeName(method: String, path: PathTemplate) -> String {
        let segments = path.segments.filter { $0.kind != .keyword }
        var words: [String] = []
        if let last = segments.indices.last {
            if segments[last].kind == .literal {
                if last > 0 { words.append(resourceWord(segments, at: last - 1)) }
                words.append(word(segments[last].text))
            } else {
                words.append(resourceWord(segments, at: last))
            }
        }
        if method != "POST" { words.append(method.lowercased()) }
        words.append("requestBody")
        let nonEmpty = words.filter { !$0.isEmpty }
        guard let first = nonEmpty.first else { return "requestBody" }
        return lowercasingFirst(first) + nonEmpty.dropFirst().map(uppercasingFirst).joined()
    }

    /// The resource a segment addresses: `{managedDeviceId}` names `managedDevice`; a parameter that names no
    /// entity (`{id}`, `{id | userPrincipalName}`) is the collection before it.
    private static func resourceWord(_ segments: [PathSegment], at index: Int) -> String {
        let segment = segments[index]
        guard segment.kind == .parameter else { return word(segment.text) }
        let name = word(segment.parameterName ?? "")
        for suffix in ["Id", "ID"] where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        if index > 0 { return resourceWord(segments, at: index - 1) }
        return name
    }

    /// The letters and digits of a segment's last dot-separated part, in camel case at the other characters
    /// (`microsoft.graph.getByIds()` gives `getByIds`, `user-profile` gives `userProfile`).
    private static func word(_ text: String) -> String {
        let base = text.split(separator: "(", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? text
        let namePart = base.split(separator: ".").last.map(String.init) ?? base
        var result = ""
        var upperNext = false
        for character in namePart {
            if character.isASCII, character.isLetter || character.isNumber {
                result.append(upperNext ? Character(character.uppercased()) : character)
                upperNext = false
            } else {
                upperNext = !result.isEmpty
            }
        }
        return result
    }

    private static func lowercasingFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    private static func uppercasingFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
