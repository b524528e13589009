import DocgenModel
import MarkdownSyntax

extension PageReader {
    /// Every line of the code blocks in the "HTTP request" section that starts with an HTTP method. A block's
    /// request lines end at its first blank, header or body line (some pages show a whole request there).
    /// Pages without such a section (a few hand-written ones put request lines under headings of their own)
    /// contribute the `http` blocks outside their examples that hold nothing but request lines.
    mutating func readRequestLines() -> [RequestLine] {
        var lines: [RequestLine] = []
        let sections = outline.sections(matching: PageOutline.isHTTPRequestHeading)
        if sections.isEmpty {
            for section in outline.sections where !PageOutline.isExampleOrBodyHeading(section.name) {
                let ownBlocks = section.blocks.prefix { $0.kind != .heading }
                for block in ownBlocks where block.kind == .codeBlock && (block.fenceInfo ?? "").lowercased().hasPrefix("http") {
                    let content = (block.literal ?? "").splitAtLineFeeds().map { $0.trimmed }.filter { !$0.isEmpty }
                    guard !content.isEmpty, content.allSatisfy({ PathParsing.splitMethod($0) != nil }) else { continue }
                    lines += readRequestLines(in: block)
                }
            }
            var seen = Set<SourceLocation>()
            return lines.filter { seen.insert($0.location).inserted }
        }
        for section in sections {
            for block in section.blocks where block.kind == .codeBlock {
                lines += readRequestLines(in: block)
            }
        }
        return lines
    }

    private mutating func readRequestLines(in block: MarkdownNode) -> [RequestLine] {
        var lines: [RequestLine] = []
        let text = block.literal ?? ""
        for (offset, rawLine) in text.splitAtLineFeeds().enumerated() {
            let line = String(rawLine)
            let trimmed = line.trimmed
            if trimmed.hasPrefix("#") || trimmed.hasPrefix("//") { continue }
            if trimmed.isEmpty {
                if lines.isEmpty { continue } else { break }
            }
            let lineNumber = block.range.startLine + 1 + offset
            let column = (line.unicodeScalars.firstIndex { $0 != " " && $0 != "\t" })
                .map { line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: $0) + 1 } ?? 1
            let here = location(line: lineNumber, column: block.range.startColumn + column - 1)
            guard let (method, target) = PathParsing.splitMethod(trimmed) else {
                if !lines.isEmpty && (PageReader.headerLine(trimmed) != nil || trimmed.hasPrefix("{") || trimmed.hasPrefix("[")) { break }
                warn(.requestLineMalformed, "line in the HTTP request block does not start with an HTTP method: '\(trimmed)'", at: here)
                continue
            }
            let parsed = PathParsing.parseTarget(target)
            if parsed.path.segments.isEmpty {
                warn(.requestLineMalformed, "request line has no path: '\(trimmed)'", at: here)
                continue
            }
            // A client would send `..` as written, and URL normalisation would turn it into another path.
            if PathParsing.hasDotSegment(parsed.path) {
                warn(.requestLineMalformed, "request line has a '.' or '..' segment, which no Graph path has; the line is ignored: '\(trimmed)'", at: here)
                continue
            }
            if let version = parsed.versionSegment, !PageParser.isAPIVersionName(version) {
                warn(.requestLineMalformed, "request line URL has '\(version)' where the API version belongs", at: here)
            }
            lines.append(RequestLine(method: method, path: parsed.path, query: parsed.query, location: here))
        }
        return lines
    }

    /// The permissions table, in the "Permissions" or "Prerequisites" section.
    mutating func readPermissions() -> [Permission] {
        let sections = outline.sections(matching: { $0.hasPrefix("permission") || $0 == "prerequisites" })
        let isPermissionColumn = { (name: String) in name.hasPrefix("permission type") || name == "permission" || name == "type" }
        guard let table = sections.compactMap({ table(in: $0.blocks, firstColumn: isPermissionColumn) }).first else { return [] }
        let fitted = fit(table)
        var permissions: [Permission] = []
        // Intune pages split a kind into indented sub-rows, one per area (`| &nbsp; &nbsp; **Policy Set** | X |`),
        // after a kind row with an empty value; the sub-rows' scopes belong to that kind.
        var openKind: (kind: PermissionKind, location: SourceLocation, text: String)?
        func closeOpenKind(_ permissions: inout [Permission], _ reader: inout PageReader) {
            guard let open = openKind else { return }
            reader.warn(.permissionUndetermined, "no permissions are given for this kind", at: open.location)
            permissions.append(Permission(kind: open.kind, status: .undetermined, scopes: [], text: open.text, location: open.location))
            openKind = nil
        }
        for row in fitted.rows where !row.isGroupLabel && row.cells.count >= 2 {
            let rawKind = row.cells[0].plainText
            let kindText = rawKind.lowercased()
            let cell = row.cells[1]
            let text = cell.plainText
            let here = location(line: cell.line, column: cell.column)
            let isSubRow = rawKind.first.map { $0 == " " || $0 == "\u{00A0}" || $0 == "\t" } ?? false
            if isSubRow, let open = openKind ?? permissions.last.map({ ($0.kind, $0.location, $0.text) }) {
                let scopes = readScopes(text, at: here)
                if let index = permissions.lastIndex(where: { $0.kind == open.kind && $0.status == .scopes }), openKind == nil {
                    for scope in scopes where !permissions[index].scopes.contains(scope) { permissions[index].scopes.append(scope) }
                } else if !scopes.isEmpty {
                    permissions.append(Permission(kind: open.kind, status: .scopes, scopes: scopes, text: text, location: here))
                    openKind = nil
                }
                continue
            }
            let kind: PermissionKind
            if kindText.containsText("work or school") || kindText.containsText("work/school") {
                kind = .delegatedWorkOrSchool
            } else if kindText.containsText("personal") {
                kind = .delegatedPersonal
            } else if kindText.containsText("application") {
                kind = .application
            } else {
                warn(.permissionKindUnknown, "unknown permission type '\(rawKind.trimmed)'", at: location(line: row.line, column: row.cells[0].column))
                continue
            }
            closeOpenKind(&permissions, &self)
            let lowered = text.lowercased()
            if lowered.trimmed.isEmpty {
                openKind = (kind, here, text)
            } else if lowered.containsText("not supported") || lowered.containsText("not available") {
                permissions.append(Permission(kind: kind, status: .notSupported, scopes: [], text: text, location: here))
            } else if lowered.containsText("todo") || lowered.containsText("determine") {
                warn(.permissionUndetermined, "permissions are not decided yet: '\(text.trimmed)'", at: here)
                permissions.append(Permission(kind: kind, status: .undetermined, scopes: [], text: text, location: here))
            } else {
                let scopes = readScopes(text, at: here)
                if scopes.isEmpty {
                    warn(.permissionUndetermined, "permission cell names no scope: '\(text.trimmed)'", at: here)
                    permissions.append(Permission(kind: kind, status: .undetermined, scopes: [], text: text, location: here))
                } else {
                    permissions.append(Permission(kind: kind, status: .scopes, scopes: scopes, text: text, location: here))
                }
            }
        }
        closeOpenKind(&permissions, &self)
        return permissions
    }

    /// Scope names of a permission cell: `A.Read.All, B.ReadWrite.All`.
    private mutating func readScopes(_ text: String, at here: SourceLocation) -> [String] {
        var scopes: [String] = []
        for word in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == ";" }) {
            let scope = String(word).trimmingCharactersInSet(".*`")
            if scope.isEmpty || scope.lowercased() == "and" || scope.lowercased() == "or" { continue }
            if scope.first?.isLetter == true, scope.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" }) {
                scopes.append(scope)
            } else {
                warn(.permissionScopeMalformed, "'\(scope)' is not a permission scope name", at: here)
            }
        }
        return scopes
    }

    /// The "Request headers" table.
    mutating func readRequestHeaders() -> [HeaderSpecification] {
        guard let section = outline.section(matching: { $0 == "request headers" || $0 == "request header" }),
              let table = table(in: section.blocks, firstColumn: { $0 == "header" || $0 == "name" || $0 == "headers" })
        else { return [] }
        let fitted = fit(table)
        // `| Name | Type | Description |` tables put the value in the description, after the type `string`.
        let valueColumn = fitted.column { $0 == "value" || $0 == "values" } ?? fitted.column { $0 == "description" } ?? 1
        return fitted.rows.filter { !$0.isGroupLabel && $0.cells.count > valueColumn }.compactMap { row in
            let name = row.cells[0].plainText.trimmed
            guard !name.isEmpty else { return nil }
            let value = row.cells[valueColumn].plainText.trimmed
            let isRequired = value.lowercased().containsText("required") && !value.lowercased().containsText("not required")
            return HeaderSpecification(name: name, value: value, isRequired: isRequired, location: location(line: row.line, column: row.cells[0].column))
        }
    }

    /// The "Request body" section: the body's type and its property table.
    mutating func readRequestBody() -> RequestBodySpecification? {
        guard let section = outline.section(matching: { $0 == "request body" }) else { return nil }
        let paragraphs = section.blocks.filter { $0.kind == .paragraph }
        let text = paragraphs.map(\.plainText).joined(separator: " ")
        let lowered = text.lowercased()
        let isEmpty = lowered.containsText("do not supply a request body") || lowered.containsText("don't supply a request body")
            || lowered.containsText("no request body")
        var type: TypeReference?
        if !isEmpty {
            type = PageReader.namedType(inProse: paragraphs)
        }
        var properties: [PropertyDefinition] = []
        if let table = table(in: section.blocks, firstColumn: { $0 == "property" || $0 == "parameter" || $0 == "name" }) {
            properties = readProperties(table, isNavigation: false)
        }
        return RequestBodySpecification(type: type, properties: properties, isEmpty: isEmpty, location: location(of: section.heading))
    }

    /// The "Response" section: the status code and the returned type.
    mutating func readResponse() -> ResponseSpecification? {
        guard let section = outline.section(matching: { $0 == "response" || $0 == "responses" }) else { return nil }
        let paragraphs = section.blocks.filter { $0.kind == .paragraph }
        var status: Int?
        for node in paragraphs.flatMap(\.descendants) where node.kind == .code || node.kind == .text {
            if let code = PageReader.statusCode(in: node.literal ?? "") {
                status = code
                break
            }
        }
        let type = PageReader.namedType(inProse: paragraphs)
        return ResponseSpecification(statusCode: status, type: type, location: location(of: section.heading))
    }

    /// `201 Created` -> 201; the first three-digit number from 100 to 599 that starts a word.
    static func statusCode(in text: String) -> Int? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index + 3 <= scalars.count {
            let isStart = index == 0 || !CharacterSet.isDigit(scalars[index - 1])
            if isStart, CharacterSet.isDigit(scalars[index]), CharacterSet.isDigit(scalars[index + 1]), CharacterSet.isDigit(scalars[index + 2]),
               index + 3 == scalars.count || !CharacterSet.isDigit(scalars[index + 3]) {
                let value = Int(String(String.UnicodeScalarView(scalars[index..<(index + 3)])))!
                if (100...599).contains(value) { return value }
            }
            index += 1
        }
        return nil
    }

    /// The type named in prose like "returns a [x](../resources/x.md) object", "supply a JSON representation
    /// of the x object", "a collection of [x](...) objects": the first link to a page, else the word before
    /// "object".
    static func namedType(inProse paragraphs: [MarkdownNode]) -> TypeReference? {
        for paragraph in paragraphs {
            let text = paragraph.plainText
            let lowered = text.lowercased()
            for link in paragraph.descendants where link.kind == .link {
                guard let destination = link.destination?.lowercased(), destination.hasSuffix(".md") || destination.containsText(".md#") else { continue }
                if destination.containsText("permission") || destination.containsText("concepts/") || destination.containsText("/overview") { continue }
                let name = cleanTypeName(link.plainText)
                guard !name.isEmpty, name.first?.isLetter == true, !name.contains(" ") else { continue }
                let isCollection = lowered.containsText("collection of") || lowered.containsText("\(name.lowercased()) collection")
                    || lowered.containsText("array of")
                if let primitive = PrimitiveType(docsName: name) { return .primitive(primitive, isCollection: isCollection) }
                return .named(name, isCollection: isCollection, link: link.destination)
            }
            for phrase in ["representation of the ", "representation for the ", "representation of a ", "representation of an "] {
                guard let range = lowered.firstRangeOfText(phrase) else { continue }
                let offset = lowered.distance(from: lowered.startIndex, to: range.upperBound)
                var word = text.dropFirst(offset).prefix { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }
                while word.last == "." { word = word.dropLast() }
                let name = cleanTypeName(String(word))
                // "a JSON representation of the parameters" describes an action's parameter table, not a type.
                if !name.isEmpty, !PageReader.wordsThatNameNoType.contains(name.lowercased()) {
                    return .named(name, isCollection: false)
                }
            }
        }
        return nil
    }
}

extension PageReader {
    /// Words that follow "representation of the" without naming a type.
    static let wordsThatNameNoType: Set<String> = ["object", "objects", "parameter", "parameters", "property", "properties", "following"]
}

/// Digit tests on scalars, without Foundation.
enum CharacterSet {
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }
}
