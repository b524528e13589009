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

    /// Reads a `|Property|Type|Description|` table (or `|Relationship|Type|Description|`).
    mutating func readProperties(_ table: MarkdownTable, isNavigation: Bool) -> [PropertyDefinition] {
        let fitted = fit(table)
        let nameColumn = 0
        let typeColumn = fitted.column { $0 == "type" } ?? (fitted.columns.count > 1 ? 1 : nil)
        let descriptionColumn = fitted.column { $0 == "description" || $0 == "notes" }
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
                if let parsed = PageReader.typeReference(from: cell) {
                    type = parsed
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

    /// Reads a type cell: `String`, `String collection`, `Edm.Int32`, `Collection(x)`,
    /// `[x](../resources/x.md)`, `[x](x.md) collection`, `[x][]`, `microsoft.graph.x`.
    static func typeReference(from cell: MarkdownTableCell) -> TypeReference? {
        let text = cell.plainText
        if let link = cell.links.first {
            // "collection" as a word outside the link's text: `[x](x.md) collection`, `Collection([x](x.md))`,
            // but not `[deviceLogCollectionRequest](...)`.
            var outside = text
            if let range = outside.firstRangeOfText(link.plainText) { outside.replaceSubrange(range, with: " ") }
            let isCollection = outside.lowercased().split { !$0.isLetter }.contains("collection")
            let name = cleanTypeName(link.plainText)
            guard !name.isEmpty else { return nil }
            if let primitive = PrimitiveType(docsName: name) {
                return .primitive(primitive, isCollection: isCollection)
            }
            return .named(name, isCollection: isCollection, link: link.destination)
        }
        return typeReference(fromText: text)
    }

    static func typeReference(fromText text: String) -> TypeReference? {
        var name = Substring(text.trimmed)
        var isCollection = false
        if name.lowercased().hasPrefix("collection("), name.hasSuffix(")") {
            name = name.dropFirst("collection(".count).dropLast()
            isCollection = true
        }
        for suffix in [" collection", " Collection", " COLLECTION"] where name.hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
            isCollection = true
        }
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
