import DocgenModel

/// Type names written differently from the type they link to (`[DriveItems](../resources/driveitem.md)`,
/// `[WorkbookFilter](filter.md)`): when a named reference's own name defines nothing but its link leads to a
/// page that defines exactly one type or enum, the reference takes that definition's name.
enum LinkResolution {
    static func resolve(_ pages: [ParsedPage]) -> [ParsedPage] {
        var definitionsByPage: [String: [String]] = [:]
        // Per API version: a name defined only in another version defines nothing in this one.
        var definedKeys: [String: Set<String>] = [:]
        var versionByPage: [String: String] = [:]
        for page in pages {
            let names = page.types.map(\.name) + page.enums.map(\.name)
            definitionsByPage[page.path] = names
            versionByPage[page.path] = page.apiVersion.version
            definedKeys[page.apiVersion.version, default: []].formUnion(names.map(TypeReference.lookupKey(for:)))
        }
        func resolved(_ reference: TypeReference, from pagePath: String) -> TypeReference {
            guard reference.primitive == nil, definedKeys[versionByPage[pagePath] ?? ""]?.contains(reference.lookupKey) != true,
                  let link = reference.link, let target = target(of: link, from: pagePath),
                  let names = definitionsByPage[target], names.count == 1 else { return reference }
            var copy = reference
            copy.name = names[0]
            return copy
        }
        return pages.map { page in
            var page = page
            for index in page.types.indices {
                page.types[index].baseType = page.types[index].baseType.map { resolved($0, from: page.path) }
                for property in page.types[index].properties.indices {
                    page.types[index].properties[property].type = resolved(page.types[index].properties[property].type, from: page.path)
                }
            }
            if var body = page.requestBody {
                body.type = body.type.map { resolved($0, from: page.path) }
                for property in body.properties.indices {
                    body.properties[property].type = resolved(body.properties[property].type, from: page.path)
                }
                page.requestBody = body
            }
            if var response = page.response {
                response.type = response.type.map { resolved($0, from: page.path) }
                page.response = response
            }
            return page
        }
    }

    /// The docs-relative path a relative `.md` link leads to, or nil for absolute and non-page links.
    static func target(of link: String, from pagePath: String) -> String? {
        var link = Substring(link)
        if let hash = link.firstIndex(of: "#") { link = link[..<hash] }
        guard link.lowercased().hasSuffix(".md"), !link.contains("://"), !link.hasPrefix("/") else { return nil }
        var parts = pagePath.split(separator: "/").dropLast().map(String.init)
        for part in link.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
