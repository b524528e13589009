import DocgenModel
import JSONText
import MarkdownSyntax

extension PageReader {
    /// The type of a resource page: name from the title ("x resource type"), base type from "Inherits from",
    /// properties from the "Properties" table and relationships from the "Relationships" table.
    mutating func readResourceType(title: String?, description: String?) -> TypeDefinition? {
        let annotationType = resourceAnnotation()
        // The JSON representation's `@odata.type` is the type's real name where the title shortens it
        // ("filter resource type" for workbookFilter); where both agree but for case, the title's spelling
        // is kept (annotations are often all lowercase).
        let titleName = PageReader.definedName(title: title, suffixes: [" resource type", " complex type", " entity type", " resource", " object"])
        let annotatedName = annotationType.flatMap { $0.name }.flatMap { $0.isEmpty ? nil : $0 }
        let chosen = titleName.flatMap { title in
            annotatedName.map { TypeReference.lookupKey(for: $0) == TypeReference.lookupKey(for: title) } ?? true ? title : nil
        } ?? annotatedName ?? titleName
        guard let name = chosen
        else {
            warn(.pageKindUnknown, "resource page names no type in its title", at: outline.title.map(location(of:)) ?? location(line: 1, column: 1))
            return nil
        }
        var properties: [PropertyDefinition] = []
        for (table, isNavigation) in propertyTables() {
            properties += readProperties(table, isNavigation: isNavigation, isTypePage: true)
        }
        let anchor = outline.title.map(location(of:)) ?? location(line: 1, column: 1)
        return TypeDefinition(
            name: name, baseType: inheritsFrom(annotatedBase: annotationType?.baseType), description: description, properties: properties,
            isAbstract: annotationType?.isAbstract ?? false || PageReader.callsAbstract(description) || PageReader.callsAbstract(outline.introduction),
            origin: .typePage, location: anchor
        )
    }

    /// The tables of a type page that document properties, in page order, each once: tables with a name
    /// column and a type column (`isPropertyTable`) in any section whose heading speaks of properties or
    /// relationships ("Properties", "Relationships", "operationError properties"), several per section. A
    /// table is a relationship table when its name column says so (`Relationship name`), or when the
    /// innermost such section is about relationships only.
    func propertyTables() -> [(table: MarkdownTable, isNavigation: Bool)] {
        var found: [Int: (table: MarkdownTable, isNavigation: Bool)] = [:]
        for section in outline.sections {
            let words = section.name.split { !$0.isLetter }
            let speaksOfProperties = words.contains { $0 == "properties" || $0 == "property" }
            let speaksOfRelationships = words.contains { $0 == "relationships" || $0 == "relationship" }
            guard speaksOfProperties || speaksOfRelationships else { continue }
            for block in section.blocks where block.kind == .table {
                guard let table = block.table, let columns = PageReader.propertyColumns(of: table) else { continue }
                let header = PageOutline.normalize(table.header.cells[columns.name].plainText)
                let isNavigation = header.hasPrefix("relationship") || (speaksOfRelationships && !speaksOfProperties)
                // Sections come in page order, a subsection after the section holding it: the innermost wins.
                found[block.range.startLine] = (table, isNavigation)
            }
        }
        return found.keys.sorted().map { found[$0]! }
    }

    /// "This is an abstract type.", "An abstract base type for ...": prose that calls the type abstract.
    static func callsAbstract(_ text: String?) -> Bool {
        guard let text = text?.lowercased() else { return false }
        return ["abstract type", "abstract base", "abstract class", "abstract entity", "abstract complex",
                "abstract resource", "is abstract"].contains { text.containsText($0) }
    }

    /// The base type, from the first of: a paragraph that starts "Inherits from [entity](entity.md)"; the
    /// `baseType` of the page's resource annotation; a link right after "inherits from", "derives from",
    /// "derived from" or "subclass of" in the prose ("Derived from [place](place.md).", "**mailSearchFolder**
    /// inherits from [mailFolder](mailfolder.md)."), else a camelCase name right after one of them ("A
    /// subclass of educationResource."). Tables are not read.
    private func inheritsFrom(annotatedBase: String?) -> TypeReference? {
        for block in outline.blocks where block.kind == .paragraph {
            let text = block.plainText.trimmed
            guard text.lowercased().hasPrefix("inherits from") else { continue }
            if let link = block.descendants.first(where: { $0.kind == .link }) {
                let name = PageReader.cleanTypeName(link.plainText)
                if !name.isEmpty { return .named(name, link: link.destination) }
            }
            let rest = text.dropFirst("inherits from".count).trimmed
            let name = PageReader.cleanTypeName(String(rest.prefix { !$0.isWhitespace && $0 != "." }))
            if !name.isEmpty { return .named(name) }
        }
        if let annotatedBase {
            let name = PageReader.cleanTypeName(annotatedBase)
            if !name.isEmpty { return .named(name) }
        }
        let phrases = ["inherits from", "derives from", "derived from", "subclass of"]
        for block in outline.blocks where block.kind == .paragraph {
            var before = ""
            for node in block.children {
                if node.kind == .link {
                    let lead = before.lowercased().reversed().drop { $0 == " " || $0 == "*" || $0 == "_" }
                    if phrases.contains(where: { lead.starts(with: $0.reversed()) }) {
                        let name = PageReader.cleanTypeName(node.plainText)
                        if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." }) {
                            return .named(name, link: node.destination)
                        }
                    }
                }
                before += node.kind == .softBreak || node.kind == .lineBreak ? " " : node.plainText
            }
            // "A subclass of educationResource.": an unlinked name right after the phrase, spelled as OData
            // names are (a lowercase start and a capital inside: camelCase), so that prose is never taken.
            let text = block.plainText
            let lowered = text.lowercased()
            for phrase in phrases {
                guard let range = lowered.firstRangeOfText(phrase + " ") else { continue }
                let offset = lowered.distance(from: lowered.startIndex, to: range.upperBound)
                let word = text.dropFirst(offset).prefix { $0.isLetter || $0.isNumber }
                if word.first?.isLowercase == true, word.contains(where: \.isUppercase) { return .named(String(word)) }
            }
        }
        return nil
    }

    /// The `@odata.type`, `baseType` and `abstract` of the page's `"blockType": "resource"` annotation.
    private func resourceAnnotation() -> (name: String?, baseType: String?, isAbstract: Bool)? {
        for block in outline.blocks where block.kind == .htmlBlock {
            let text = (block.literal ?? "").trimmed
            guard text.hasPrefix("<!--"), text.contains("\"resource\"") else { continue }
            var body = Substring(text.dropFirst(4))
            if let end = body.firstRange(of: "-->") { body = body[..<end.lowerBound] }
            guard case .object? = JSONReader.read(String(body), options: jsonOptions).value,
                  let value = JSONReader.read(String(body), options: jsonOptions).value else { continue }
            let name = value["@odata.type"]?.stringValue.map { PageReader.cleanTypeName($0) }
            let isAbstract = value["abstract"].flatMap(PageReader.flag) ?? false
            return (name, value["baseType"]?.stringValue, isAbstract)
        }
        return nil
    }

    /// "x resource type" -> "x".
    static func definedName(title: String?, suffixes: [String]) -> String? {
        guard let title = title?.trimmed, !title.isEmpty else { return nil }
        let lowered = title.lowercased()
        for suffix in suffixes where lowered.hasSuffix(suffix) {
            let name = cleanTypeName(String(title.dropLast(suffix.count)))
            if !name.isEmpty { return name }
        }
        return nil
    }

    /// An enum page: name from the title ("x enum type"), members from the first members table.
    mutating func readEnumPage(title: String?, description: String?) -> EnumDefinition? {
        let anchor = outline.title.map(location(of:)) ?? location(line: 1, column: 1)
        guard let name = PageReader.definedName(title: title, suffixes: [" enum type", " enumeration type", " enum", " values"]) else {
            warn(.pageKindUnknown, "enum page names no enum in its title", at: anchor)
            return nil
        }
        guard let table = table(in: outline.blocks, firstColumn: PageReader.isMemberColumn) else {
            warn(.pageKindUnknown, "enum page '\(name)' has no members table", at: anchor)
            return nil
        }
        return EnumDefinition(name: name, description: description, members: readMembers(table), origin: .typePage, location: anchor)
    }

    /// Pages holding many enums: a `### x values` heading followed by a members table.
    mutating func readEnumSections() -> [EnumDefinition] {
        var enums: [EnumDefinition] = []
        for section in outline.sections where section.heading.headingLevel > 1 && section.name.hasSuffix(" values") {
            let name = PageReader.cleanTypeName(String(section.heading.plainText.trimmed.dropLast(" values".count)))
            guard !name.isEmpty, name.first?.isLetter == true,
                  let table = table(in: section.blocks, firstColumn: PageReader.isMemberColumn) else { continue }
            enums.append(EnumDefinition(name: name, members: readMembers(table), origin: .enumSection, location: location(of: section.heading)))
        }
        return enums
    }

    static func isMemberColumn(_ name: String) -> Bool {
        name == "member" || name == "members" || name == "name" || name == "value" || name == "enum value"
    }

    /// `|Member|Value|Description|` or a single `|Member|` column.
    private mutating func readMembers(_ table: MarkdownTable) -> [EnumMember] {
        let fitted = fit(table)
        let valueColumn = fitted.columns.count > 1 ? fitted.column { $0 == "value" } : nil
        let descriptionColumn = fitted.column { $0 == "description" }
        return fitted.rows.filter { !$0.isGroupLabel }.compactMap { row in
            let name = row.cells[0].plainText.trimmed.trimmingCharactersInSet("`*")
            guard !name.isEmpty else { return nil }
            let value = valueColumn.map { row.cells[$0].plainText.trimmed }.flatMap { $0.isEmpty ? nil : $0 }
            let description = descriptionColumn.map { row.cells[$0].plainText.trimmed }.flatMap { $0.isEmpty ? nil : $0 }
            return EnumMember(name: name, value: value, description: description, location: location(line: row.line, column: row.cells[0].column))
        }
    }
}
