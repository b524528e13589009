import DocgenModel
import MarkdownSyntax

extension DiagnosticCode {
    /// A query-parameter section that says nothing docgen can read: no option named, no "supports" or "does
    /// not support", no parameter table.
    public static let queryOptionsUnreadable: DiagnosticCode = "query-options-unreadable"
    /// A row of a query-parameter or function-parameter table whose name or type cannot be read.
    public static let parameterRowMalformed: DiagnosticCode = "parameter-row-malformed"
}

extension PageReader {
    /// Headings of the sections that document query options.
    static func isQueryOptionHeading(_ name: String) -> Bool {
        name == "optional query parameters" || name == "query parameters" || name == "odata query parameters"
            || name == "optional odata query parameters" || name == "optional query parameter"
    }

    /// The "Optional query parameters" section: which OData system options it names, whether it supports
    /// them without naming any or does not support them, and the custom parameters of its table.
    mutating func readQueryOptions() -> QueryOptionSpecification? {
        let sections = outline.sections(matching: PageReader.isQueryOptionHeading)
        guard let first = sections.first else { return nil }
        var named = Set<SystemQueryOption>()
        var custom: [QueryParameter] = []
        var supports = false
        var refuses = false
        var sectionSaysRequired = false
        for section in sections {
            for block in section.blocks where block.kind == .paragraph || block.kind == .blockQuote || block.kind == .list {
                let text = block.plainText
                let lowered = text.lowercased()
                let mentionsQueryParameters = lowered.containsText("query param") || lowered.containsText("query option")
                if mentionsQueryParameters, lowered.containsText("not support") || lowered.containsText("doesn't support") || lowered.containsText("don't support") {
                    refuses = true
                } else if lowered.containsText("support") && mentionsQueryParameters {
                    supports = true
                }
                if lowered.containsText("required query parameter") { sectionSaysRequired = true }
                // Notes (`> [!NOTE]`) often say which option does *not* work; only the section's own prose names
                // the supported ones.
                guard block.kind == .paragraph, !refuses || supports else { continue }
                for option in PageReader.systemOptions(in: block, mentionsQueryParameters: mentionsQueryParameters) where !PageReader.isNegated(option, in: lowered) {
                    named.insert(option)
                }
            }
            if let table = table(in: section.blocks, firstColumn: { $0 == "parameter" || $0 == "name" || $0 == "query parameter" || $0 == "parameters" }) {
                let (options, parameters) = readQueryParameterTable(table, sectionSaysRequired: sectionSaysRequired)
                named.formUnion(options)
                custom += parameters
            }
        }
        let here = location(of: first.heading)
        let support: QueryOptionSpecification.Support
        if !named.isEmpty {
            support = .named
        } else if refuses {
            support = .notSupported
        } else if supports {
            support = .unnamed
        } else if !custom.isEmpty {
            support = .named
        } else {
            warn(.queryOptionsUnreadable, "the query-parameter section names no option, says neither that the OData query parameters are supported nor that they are not, and has no parameter table", at: here)
            support = .named
        }
        return QueryOptionSpecification(support: support, systemOptions: named.sorted(), customParameters: custom, location: here)
    }

    /// `$filter`, `$select` in a paragraph: in code spans and in plain words; `select` without the dollar only
    /// as a code span in a paragraph that speaks of query parameters.
    static func systemOptions(in block: MarkdownNode, mentionsQueryParameters: Bool) -> [SystemQueryOption] {
        var found: [SystemQueryOption] = []
        for node in block.descendants where node.kind == .code {
            let text = (node.literal ?? "").trimmed
            let name = String(text.prefix { $0 != "=" && $0 != " " })
            if name.hasPrefix("$") || mentionsQueryParameters, let option = SystemQueryOption(docsName: name) { found.append(option) }
        }
        let text = block.plainText
        var index = text.startIndex
        while let dollar = text[index...].firstIndex(of: "$") {
            let after = text.index(after: dollar)
            let word = text[after...].prefix { $0.isLetter }
            if let option = SystemQueryOption(docsName: "$" + word) { found.append(option) }
            index = after
        }
        return found
    }

    /// "... except `$top`", "`$search` is not supported": an option named in a negation is not supported.
    static func isNegated(_ option: SystemQueryOption, in lowered: String) -> Bool {
        let name = option.rawValue
        for phrase in ["except \(name)", "except `\(name)`", "\(name) is not supported", "`\(name)` is not supported", "not support \(name)", "not support `\(name)`",
                       "not support the \(name)", "not support the `\(name)`"] where lowered.containsText(phrase) {
            return true
        }
        return false
    }

    /// A `| Parameter | Type | Description |` table of query parameters: rows named `$x` are system options,
    /// the others custom parameters.
    mutating func readQueryParameterTable(_ table: MarkdownTable, sectionSaysRequired: Bool) -> ([SystemQueryOption], [QueryParameter]) {
        let fitted = fit(table)
        let typeColumn = fitted.column { $0 == "type" }
        let descriptionColumn = fitted.column { $0 == "description" || $0 == "value" || $0 == "notes" }
        let requiredColumn = fitted.column { $0 == "required" || $0 == "required?" }
        var options: [SystemQueryOption] = []
        var parameters: [QueryParameter] = []
        for row in fitted.rows where !row.isGroupLabel {
            let cell = row.cells[0]
            let name = PageReader.propertyName(cell.plainText).trimmingCharactersInSet("`*")
            let here = location(line: cell.line, column: cell.column)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" || $0 == "-" || $0 == "." }) else {
                warn(.parameterRowMalformed, "query parameter row has no readable name: '\(cell.plainText.trimmed)'", at: here)
                continue
            }
            if name.hasPrefix("$") {
                if let option = SystemQueryOption(docsName: name) { options.append(option) }
                continue
            }
            let description = descriptionColumn.map { row.cells[$0].plainText.trimmed }.flatMap { $0.isEmpty ? nil : $0 }
            let type = typeColumn.flatMap { PageReader.typeReference(from: row.cells[$0]) } ?? .primitive(.string)
            parameters.append(QueryParameter(
                name: name, type: type,
                isRequired: PageReader.saysRequired(requiredColumn.map { row.cells[$0].plainText }, description: description, default: sectionSaysRequired),
                description: description, location: here
            ))
        }
        return (options, parameters)
    }

    /// A "Required" column's cell, else the description's "Required." / "Optional.", else `default`.
    static func saysRequired(_ requiredCell: String?, description: String?, default fallback: Bool) -> Bool {
        if let cell = requiredCell?.trimmed.lowercased(), !cell.isEmpty {
            return cell.hasPrefix("y") || cell == "true" || cell.containsText("required") && !cell.containsText("not required")
        }
        let lowered = (description ?? "").lowercased()
        if lowered.containsText("optional") || lowered.containsText("not required") { return false }
        if lowered.containsText("required") { return true }
        return fallback
    }

    /// The "Function parameters" (or "Parameters") table: name, type, required.
    mutating func readFunctionParameters() -> [ParameterRow]? {
        guard let section = outline.section(matching: { $0 == "function parameters" || $0 == "parameters" || $0 == "function parameter" }),
              let table = table(in: section.blocks, firstColumn: { $0 == "parameter" || $0 == "name" || $0 == "parameters" })
        else { return nil }
        let fitted = fit(table)
        let typeColumn = fitted.column { $0 == "type" }
        let descriptionColumn = fitted.column { $0 == "description" || $0 == "notes" }
        let requiredColumn = fitted.column { $0 == "required" || $0 == "required?" }
        var rows: [ParameterRow] = []
        for row in fitted.rows where !row.isGroupLabel {
            let cell = row.cells[0]
            let name = PageReader.propertyName(cell.plainText).trimmingCharactersInSet("`*")
            let here = location(line: cell.line, column: cell.column)
            guard !name.isEmpty else {
                warn(.parameterRowMalformed, "function parameter row has no name", at: here)
                continue
            }
            var type: TypeReference?
            if let typeColumn {
                type = PageReader.typeReference(from: row.cells[typeColumn])
                if type == nil {
                    warn(.parameterRowMalformed, "type of function parameter '\(name)' is not readable: '\(row.cells[typeColumn].plainText.trimmed)'", at: location(line: row.cells[typeColumn].line, column: row.cells[typeColumn].column))
                }
            }
            let description = descriptionColumn.map { row.cells[$0].plainText.trimmed }.flatMap { $0.isEmpty ? nil : $0 }
            rows.append(ParameterRow(name: name, type: type,
                                     isRequired: PageReader.saysRequired(requiredColumn.map { row.cells[$0].plainText }, description: description, default: true),
                                     description: description, location: here))
        }
        return rows
    }
}

extension PathParsing {
    /// `getEffectivePermissions(scope='{scope}')`, `f(a={x}, b='y')`, `delta()`: a name followed by `name=value`
    /// arguments in parentheses. A key in parentheses (`users('id')`, `items(1)`) is not a function call.
    static func functionCall(_ text: String) -> FunctionCall? {
        guard text.hasSuffix(")"), let open = text.firstIndex(of: "(") else { return nil }
        let name = String(text[..<open])
        guard let first = name.first, first.isLetter,
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { return nil }
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        var arguments: [FunctionArgument] = []
        if inner.trimmed.isEmpty { return FunctionCall(name: name, arguments: []) }
        for part in splitArguments(inner) {
            guard let equals = part.firstIndex(of: "=") else { return nil }
            let argumentName = part[..<equals].trimmed
            guard !argumentName.isEmpty, argumentName.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
            let value = part[part.index(after: equals)...].trimmed
            let isQuoted = value.count >= 2 && value.hasSuffix("'") && (value.hasPrefix("'") || value.contains("'"))
            var unquoted = Substring(value)
            if isQuoted, let quote = unquoted.firstIndex(of: "'") { unquoted = unquoted[unquoted.index(after: quote)..<unquoted.index(before: unquoted.endIndex)] }
            var placeholder: String?
            if unquoted.hasPrefix("{"), unquoted.hasSuffix("}"), unquoted.count > 2 {
                placeholder = String(unquoted.dropFirst().dropLast()).trimmed
            } else if unquoted.hasPrefix("<"), unquoted.hasSuffix(">"), unquoted.count > 2 {
                placeholder = String(unquoted.dropFirst().dropLast()).trimmed
            }
            arguments.append(FunctionArgument(name: argumentName, text: value, placeholder: placeholder, isQuoted: isQuoted))
        }
        return FunctionCall(name: name, arguments: arguments)
    }

    /// Splits at `,` outside single quotes, braces and parentheses.
    private static func splitArguments(_ text: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var inQuote = false
        var depth = 0
        for character in text {
            if character == "'" {
                inQuote.toggle()
            } else if !inQuote, character == "{" || character == "(" {
                depth += 1
            } else if !inQuote, character == "}" || character == ")" {
                depth = max(0, depth - 1)
            } else if !inQuote, depth == 0, character == "," {
                parts.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }
}

extension PageReader {
    /// "returns a `200 OK` response code and a Boolean in the response body": a primitive result named in
    /// prose without a link (`Stream` is the content as bytes).
    static func primitiveResult(inProse paragraphs: [MarkdownNode]) -> TypeReference? {
        for paragraph in paragraphs {
            let words = paragraph.plainText.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "`" }).map(String.init)
            guard words.count >= 4 else { continue }
            for index in 0..<(words.count - 3) where (words[index] == "a" || words[index] == "an") && words[index + 2] == "in"
                && words[index + 3].lowercased() == "the" {
                if let primitive = PrimitiveType(docsName: words[index + 1]) { return .primitive(primitive) }
            }
        }
        return nil
    }
}
