import DocgenModel

extension DiagnosticCode {
    /// A function segment's argument whose type neither the parameter table nor the request line gives.
    public static let functionParameterUntyped: DiagnosticCode = "function-parameter-untyped"
    /// A request line's query string part that is not `name=value`.
    public static let queryStringMalformed: DiagnosticCode = "query-string-malformed"
}

extension VersionLinker {
    /// What a page says of one request line's query options, parameters, function parameters and content.
    struct QueryFacts {
        var options: [SystemQueryOption]
        var parameters: [QueryParameter]
        var functionParameters: [FunctionParameter]
        var responseKind: ResponseKind?
        var requestContent: RequestContentKind?
    }

    mutating func queryFacts(page: ParsedPage, line: RequestLine, sendsBody: Bool) -> QueryFacts {
        let specification = page.queryOptions
        var options = Set(specification?.systemOptions ?? [])
        var parameters = specification?.customParameters ?? []
        // The request line's own query string: `?startDateTime={start}&endDateTime={end}` names required
        // parameters; a fixed `?$top=1` names an option.
        if let query = line.query, !query.isEmpty {
            for part in query.split(separator: "&") {
                let item = String(part)
                let equals = item.firstIndex(of: "=")
                let name = String(item[..<(equals ?? item.endIndex)]).trimmed
                let value = equals.map { String(item[item.index(after: $0)...]).trimmed } ?? ""
                if name.isEmpty || name.contains(" ") || name.contains(":") {
                    warn(.queryStringMalformed, "request line's query string has '\(item)', which is not name=value; it is ignored", at: line.location)
                    continue
                }
                if name.hasPrefix("$") || SystemQueryOption(docsName: name) != nil {
                    if let option = SystemQueryOption(docsName: name) { options.insert(option) }
                    continue
                }
                let isPlaceholder = (value.hasPrefix("{") && value.hasSuffix("}")) || (value.hasPrefix("<") && value.hasSuffix(">"))
                if let index = parameters.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                    if isPlaceholder { parameters[index].isRequired = true }
                } else {
                    let type: TypeReference = value == "true" || value == "false" ? .primitive(.boolean) : .primitive(.string)
                    parameters.append(QueryParameter(name: name, type: type, isRequired: isPlaceholder, description: nil, location: line.location))
                }
            }
        }
        let isGet = line.method == "GET"
        let isCollection = page.response?.type?.isCollection ?? false
        if specification?.support == .unnamed, isGet {
            options.formUnion(isCollection ? SystemQueryOption.collectionOptions : SystemQueryOption.itemOptions)
        }
        if specification?.support == .notSupported { options.removeAll() }
        if line.path.addressesCount || line.path.addressesRawValue {
            // `$count` takes `$filter` and `$search`; `$value` takes none.
            options = options.intersection(line.path.addressesCount ? [.filter, .search] : [])
        }

        // Function parameters: each argument of each function segment, typed by the parameter table.
        var functionParameters: [FunctionParameter] = []
        for (position, segment) in line.path.segments.enumerated() {
            guard let function = segment.function else { continue }
            for argument in function.arguments {
                let row = page.functionParameters?.first { $0.name.lowercased() == argument.name.lowercased() }
                var type = row?.type
                if type == nil {
                    if argument.isQuoted {
                        type = .primitive(.string)
                    } else {
                        warn(.functionParameterUntyped, "function parameter '\(argument.name)' of \(function.name) has no type in a parameter table and is not quoted; it is sent as written", at: line.location)
                        type = .primitive(.json)
                    }
                }
                functionParameters.append(FunctionParameter(
                    name: argument.name, type: type!, isQuoted: argument.isQuoted, description: row?.description,
                    segmentIndex: position, location: row?.location ?? line.location
                ))
            }
        }

        var responseKind: ResponseKind?
        if line.path.addressesCount, isGet {
            responseKind = .count
        } else if line.path.addressesRawValue, isGet {
            responseKind = .binary
        } else if page.response?.type?.primitive == .stream, page.response?.type?.isCollection == false {
            responseKind = .binary
        } else if isGet, VersionLinker.showsBinaryResponse(page) {
            responseKind = .binary
        }
        var requestContent: RequestContentKind?
        if ["PUT", "POST", "PATCH"].contains(line.method), line.path.addressesRawValue || VersionLinker.documentsBinaryContentType(page) {
            requestContent = .binary
        } else if !sendsBody {
            requestContent = RequestContentKind.none
        }
        return QueryFacts(options: options.sorted(), parameters: parameters, functionParameters: functionParameters,
                          responseKind: responseKind, requestContent: requestContent)
    }

    /// The page's example responses carry a `Content-Type` that is not JSON (an image, `application/octet-stream`).
    static func showsBinaryResponse(_ page: ParsedPage) -> Bool {
        let types = page.examples.compactMap { $0.response?.headers.first { $0.name.lowercased() == "content-type" }?.value.lowercased() }
        guard !types.isEmpty else { return false }
        return types.allSatisfy { !$0.containsText("json") && !$0.containsText("text/plain") && !$0.containsText("multipart") }
    }

    /// The request-headers table documents a `Content-Type` that is not JSON (`image/jpeg`, `text/plain`).
    static func documentsBinaryContentType(_ page: ParsedPage) -> Bool {
        guard let header = page.requestHeaders.first(where: { $0.name.lowercased() == "content-type" }) else { return false }
        let value = header.value.lowercased()
        if value.containsText("json") || value.containsText("multipart") { return false }
        // A media type written out (`application/zip`, `image/jpeg`, `text/plain`), not a description.
        return value.split(whereSeparator: { $0 == " " || $0 == "`" || $0 == "," || $0 == ";" }).contains { word in
            let parts = word.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == 2 && ["application", "image", "text", "audio", "video", "font"].contains(String(parts[0]))
                && !parts[1].isEmpty && parts[1].allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "+" || $0 == "-" }
        }
    }

    /// A response of a primitive or an enum type (not a collection) comes as `{"value": x}`.
    static func settleResponseKinds(_ operations: inout [Operation], index: TypeIndex) {
        for position in operations.indices {
            let operation = operations[position]
            guard operation.responseKind == .entity, let body = operation.responseBody, !body.isCollection else { continue }
            if let primitive = body.primitive, primitive != .json {
                operations[position].responseKind = .wrappedValue
            } else if body.primitive == nil, index.type(named: body.name) == nil, index.enumeration(named: body.name) != nil {
                operations[position].responseKind = .wrappedValue
            }
        }
    }
}
