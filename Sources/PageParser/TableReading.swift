import DocgenModel
import MarkdownSyntax

/// A table whose rows have been fitted to the header: each row has exactly one cell per column.
struct FittedTable {
    struct Row {
        let cells: [MarkdownTableCell]
        let line: Int
        let column: Int
        /// A row like `|**Group name**|` that labels the rows below it rather than describing something.
        let isGroupLabel: Bool
    }

    let columns: [String]
    let rows: [Row]

    func column(_ predicate: (String) -> Bool) -> Int? { columns.firstIndex(where: predicate) }
}

extension PageReader {
    /// Fits the rows of `table` to its header: missing cells become empty, surplus cells are joined into the
    /// last column (an unescaped `|` in a description is the usual cause). Both get a warning, except a
    /// single bold cell, which labels a group of rows.
    mutating func fit(_ table: MarkdownTable) -> FittedTable {
        let columns = table.header.cells.map { PageOutline.normalize($0.plainText) }
        var rows: [FittedTable.Row] = []
        for row in table.rows {
            var cells = row.cells
            let rowLocation = location(line: row.line, column: row.column)
            let isGroupLabel = cells.count == 1 && columns.count > 1
                && cells[0].inlines.count == 1 && cells[0].inlines[0].kind == .strong
            if cells.count < columns.count, !isGroupLabel {
                warn(.tableRowTooShort, "table row has \(cells.count) cell\(cells.count == 1 ? "" : "s") but the header has \(columns.count)", at: rowLocation)
            }
            if cells.count > columns.count, columns.count > 0 {
                warn(.tableRowTooLong, "table row has \(cells.count) cells but the header has \(columns.count); the extra cells are read as part of the last column (an unescaped '|'?)", at: rowLocation)
                let last = columns.count - 1
                var merged = cells[last]
                for extra in cells[(last + 1)...] {
                    merged.inlines.append(MarkdownNode(kind: .text, range: .unknown, literal: " | "))
                    merged.inlines.append(contentsOf: extra.inlines)
                }
                cells = Array(cells[..<last]) + [merged]
            }
            while cells.count < columns.count {
                cells.append(MarkdownTableCell(inlines: [], line: row.line, column: row.column))
            }
            rows.append(FittedTable.Row(cells: cells, line: row.line, column: row.column, isGroupLabel: isGroupLabel))
        }
        return FittedTable(columns: columns, rows: rows)
    }

    /// The first table in `blocks` whose first header cell satisfies `isFirstColumn`.
    func table(in blocks: [MarkdownNode], firstColumn isFirstColumn: (String) -> Bool) -> MarkdownTable? {
        for block in blocks where block.kind == .table {
            guard let table = block.table, let first = table.header.cells.first else { continue }
            if isFirstColumn(PageOutline.normalize(first.plainText)) { return table }
        }
        return nil
    }

    /// Header words of the column that names a property: `Property`, `Property name`, `Name`,
    /// `Relationship`, `Relationship name` (and the parameter spellings of request bodies), in any case;
    /// emphasis is gone from the header's plain text already.
    static func isNameColumn(_ header: String) -> Bool {
        ["property", "properties", "property name", "name", "relationship", "relationships", "relationship name",
         "navigation property", "parameter", "parameter name"].contains(header)
    }

    static func isTypeColumn(_ header: String) -> Bool {
        ["type", "data type", "datatype", "value type", "property type"].contains(header)
    }

    static func isDescriptionColumn(_ header: String) -> Bool {
        ["description", "notes", "remarks", "comments"].contains(header)
    }

    /// The columns of a table that documents properties: one that names them and one that gives their
    /// type; nil for any other table.
    static func propertyColumns(of table: MarkdownTable) -> (name: Int, type: Int, description: Int?)? {
        let columns = table.header.cells.map { PageOutline.normalize($0.plainText) }
        guard let name = columns.firstIndex(where: isNameColumn), let type = columns.firstIndex(where: isTypeColumn), name != type
        else { return nil }
        return (name, type, columns.firstIndex(where: isDescriptionColumn))
    }

    /// Reads a `|Property|Type|Description|` table (or `|Relationship name|Data type|Description|`, in any
    /// order of columns).
    /// `isTypePage`: the table is the type's own documentation, where a `String` with listed values is
    /// reported (request-body tables repeat it).
    mutating func readProperties(_ table: MarkdownTable, isNavigation: Bool, isTypePage: Bool = false) -> [PropertyDefinition] {
        let fitted = fit(table)
        let nameColumn = fitted.column(PageReader.isNameColumn) ?? 0
        let typeColumn = fitted.column(PageReader.isTypeColumn) ?? (fitted.columns.count > 1 ? 1 : nil)
        let descriptionColumn = fitted.column(PageReader.isDescriptionColumn)
        var properties: [PropertyDefinition] = []
        for row in fitted.rows where !row.isGroupLabel {
            let nameCell = row.cells[nameColumn]
            let name = PageReader.propertyName(nameCell.plainText)
            guard !name.isEmpty else {
                warn(.typeCellMalformed, "property row has no name", at: location(line: row.line, column: row.column))
                continue
            }
            let description = descriptionColumn.map { row.cells[$0].plainText }.flatMap { $0.isEmpty ? nil : $0 }
            var type = TypeReference.primitive(.json)
            if let typeColumn {
                let cell = row.cells[typeColumn]
                if let reading = PageReader.readTypeCell(cell) {
                    type = reading.type
                    if !reading.alternatives.isEmpty {
                        warn(.typeCellAlternatives, "type of property '\(name)' is one of several: '\(cell.plainText)'; reading it as \(type.displayName)", at: location(line: cell.line, column: cell.column))
                    }
                    if isTypePage, type.primitive == .string, !type.isCollection, let description,
                       PageReader.possibleValues(in: description).count >= 2 {
                        warn(.stringWithPossibleValues, "property '\(name)' is documented as String but its description lists possible values (\(PageReader.possibleValues(in: description).joined(separator: ", "))); an enum?", at: location(line: cell.line, column: cell.column))
                    }
                } else {
                    warn(.typeCellMalformed, "type of property '\(name)' is not readable: '\(cell.plainText)'; reading it as untyped JSON", at: location(line: cell.line, column: cell.column))
                }
            }
            properties.append(PropertyDefinition(
                name: name, type: type, description: description,
                possibleValues: description.map(PageReader.possibleValues(in:)) ?? [],
                isNavigation: isNavigation, location: location(line: nameCell.line, column: nameCell.column)
            ))
        }
        return properties
    }

    /// Property names as written, without emphasis, code marks or trailing notes (`id (key)`).
    static func propertyName(_ text: String) -> String {
        let trimmed = text.trimmed
        let end = trimmed.firstIndex { $0 == " " || $0 == "(" } ?? trimmed.endIndex
        return String(trimmed[..<end])
    }

    /// A type cell read: the type, and the other types the cell offers (`String or Int32`), if any.
    struct TypeCellReading {
        var type: TypeReference
        var alternatives: [String] = []
    }

    /// Reads a type cell: `String`, `String collection`, `Collection of String`, `Collection(x)`,
    /// `x array`, `[x]` (an array), `Edm.Int32`, `[x](../resources/x.md)`, `[x](x.md) collection`, `[x][]`,
    /// `microsoft.graph.x`, a code span, notes after a comma or in parentheses (`String, maximum size 10`,
    /// `String (nullable)`), and alternatives (`String or Int32`: the first is read, the rest reported).
    static func typeReference(from cell: MarkdownTableCell) -> TypeReference? { readTypeCell(cell)?.type }

    static func readTypeCell(_ cell: MarkdownTableCell) -> TypeCellReading? {
        let text = String(cell.plainText.map { $0 == "\n" ? " " : $0 })
        let alternatives = splitAlternatives(withoutNotes(text))
        guard let chosen = alternatives.first else { return nil }
        guard var type = typeReference(fromText: chosen) else { return nil }
        // A link whose text is the chosen name gives the name's spelling and its page.
        let key = TypeReference.lookupKey(for: type.name)
        if type.primitive == nil,
           let link = cell.links.first(where: { TypeReference.lookupKey(for: cleanTypeName($0.plainText)) == key }) {
            type.link = link.destination
        }
        return TypeCellReading(type: type, alternatives: Array(alternatives.dropFirst()))
    }

    /// The cell without the notes that follow the type: after a comma or semicolon (`String, maximum size
    /// 10`), and parenthesised words that do not hold the type (`String (nullable)`, `Int32 (optional)`).
    static func withoutNotes(_ text: String) -> String {
        var text = Substring(text.trimmed)
        if let cut = text.firstIndex(where: { $0 == "," || $0 == ";" }) { text = text[..<cut] }
        var result = ""
        var depth = 0
        var group = ""
        for character in text {
            if character == "(" {
                depth += 1
                if depth == 1 { group = ""; continue }
            }
            if character == ")", depth > 0 {
                depth -= 1
                if depth == 0 {
                    // `Collection(x)` keeps its parentheses; a note in parentheses after a type is dropped.
                    let before = result.trimmed.lowercased()
                    if before.hasSuffix("collection") || before.isEmpty { result += "(\(group))" }
                    continue
                }
            }
            if depth > 0 { group.append(character) } else { result.append(character) }
        }
        if depth > 0 { result += "(" + group }
        var words = result.split(separator: " ").map(String.init)
        let noteWords: Set<String> = ["nullable", "optional", "required", "read-only", "readonly", "not", "non-nullable"]
        while let last = words.last, noteWords.contains(last.lowercased()) { words.removeLast() }
        while let first = words.first, words.count > 1, noteWords.contains(first.lowercased()) { words.removeFirst() }
        return words.joined(separator: " ")
    }

    /// `String or Int32`, `String | Int32`, `String/Int32` -> both; anything else -> itself.
    static func splitAlternatives(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        for word in words {
            if word.lowercased() == "or" || word == "|" {
                if !current.isEmpty { pieces.append(current) }
                current = ""
                continue
            }
            current += current.isEmpty ? String(word) : " " + word
        }
        if !current.isEmpty { pieces.append(current) }
        if pieces.count == 1, !pieces[0].contains(" "), !pieces[0].contains("("), pieces[0].contains("/"),
           !pieces[0].contains(".") {
            pieces = pieces[0].split(separator: "/").map(String.init)
        }
        return pieces.map { $0.trimmed }.filter { !$0.isEmpty }
    }

    /// One type as text: `x`, `x collection`, `Collection of x`, `Collection(x)`, `x array`, `array of x`,
    /// `[x]`, `x[]`, `Edm.x`, `microsoft.graph.x`.
    static func typeReference(fromText text: String) -> TypeReference? {
        var name = Substring(text.trimmed)
        var isCollection = false
        let lowered = { name.lowercased() }
        // `[x][]`: a reference link that did not resolve, no array.
        if name.hasPrefix("["), name.hasSuffix("][]"), name.dropFirst().dropLast(3).allSatisfy({ $0 != "[" && $0 != "]" }) {
            name = name.dropFirst().dropLast(3)
        }
        if lowered().hasPrefix("collection("), name.hasSuffix(")") {
            name = name.dropFirst("collection(".count).dropLast()
            isCollection = true
        }
        for prefix in ["collection of ", "array of ", "list of "] where lowered().hasPrefix(prefix) {
            name = name.dropFirst(prefix.count)
            isCollection = true
        }
        for suffix in [" collection", " collections", " array", " list", "[]"] where lowered().hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
            isCollection = true
        }
        name = Substring(name.trimmed)
        // `[x]`: an array of x.
        if name.hasPrefix("["), name.hasSuffix("]"), name.dropFirst().dropLast().allSatisfy({ $0 != "[" && $0 != "]" }) {
            name = name.dropFirst().dropLast()
            isCollection = true
        }
        name = Substring(name.trimmingCharactersInSet("`*_ "))
        let cleaned = cleanTypeName(String(name))
        guard !cleaned.isEmpty else { return nil }
        if let primitive = PrimitiveType(docsName: cleaned) {
            return .primitive(primitive, isCollection: isCollection)
        }
        guard cleaned.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { return nil }
        return .named(cleaned, isCollection: isCollection)
    }

    /// `[x][]` -> `x`; `microsoft.graph.x` -> `x`; `x (identifier)` -> `x`.
    static func cleanTypeName(_ text: String) -> String {
        var name = text.trimmed
        if name.hasPrefix("["), let close = name.firstIndex(of: "]") {
            name = String(name[name.index(after: name.startIndex)..<close])
        }
        if let space = name.firstIndex(where: { $0 == " " || $0 == "(" }) {
            name = String(name[..<space])
        }
        name = name.trimmingCharactersInSet("`*_")
        let namespace = "microsoft.graph."
        if name.lowercased().hasPrefix(namespace) { name = String(name.dropFirst(namespace.count)) }
        return name
    }

    /// The values of "Possible values are: `a`, `b`, `c`." in a description: the code spans after the phrase.
    static func possibleValues(in description: String) -> [String] {
        let lowered = description.lowercased()
        guard let phrase = lowered.firstRangeOfText("possible values are") ?? lowered.firstRangeOfText("possible values:")
            ?? lowered.firstRangeOfText("the possible values")
        else { return [] }
        let offset = lowered.distance(from: lowered.startIndex, to: phrase.upperBound)
        let tail = description.dropFirst(offset)
        // The sentence ends at the first '.' outside backticks that is followed by a space or the end.
        var values: [String] = []
        var current = ""
        var inCode = false
        var previousWasPeriod = false
        for character in tail {
            if character == "`" {
                if inCode {
                    let value = current.trimmed
                    if !value.isEmpty { values.append(value) }
                    current = ""
                }
                inCode.toggle()
                continue
            }
            if inCode {
                current.append(character)
            } else {
                if previousWasPeriod && (character == " " || character == "\n") { break }
                previousWasPeriod = character == "."
            }
        }
        if values.isEmpty {
            // Unquoted lists: "Possible values are: none, include, exclude."
            let sentence = tail.prefix { $0 != "." && $0 != "\n" }
            let words = sentence.split { $0 == "," || $0 == ":" }.map { $0.trimmed }
                .map { $0.hasPrefix("and ") ? String($0.dropFirst(4)) : $0 }
                .map { $0.hasPrefix("or ") ? String($0.dropFirst(3)) : $0 }
            if words.count >= 2, words.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }) {
                values = words
            }
        }
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
