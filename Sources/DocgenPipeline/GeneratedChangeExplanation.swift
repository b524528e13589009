import DocgenModel

/// Says how a file of the generated client would change, in the words of the Swift API it declares: "new
/// property `x: Swift.String?`", "case `y` removed", "documentation only". This is what `docgen --check`
/// prints under each file it lists, so that a reviewer reads what changed without opening the diff.
///
/// It reads the printer's own output, whose shape SwiftPrinter fixes: the declaration at column 0, its
/// members at one level of indentation, nested declarations one level deeper, `///` comments.
public enum GeneratedChangeExplanation {
    /// One sentence per change of the file's API; `old` nil for a new file, `new` nil for a removed one.
    public static func explain(old: String?, new: String?) -> [String] {
        switch (old.map(DeclarationOutline.init), new.map(DeclarationOutline.init)) {
        case (nil, let new?):
            return ["new \(new.title) (\(new.memberSummary))"]
        case (let old?, nil):
            return ["\(old.title) removed"]
        case (let old?, let new?):
            return changes(from: old, to: new, oldText: old.text, newText: new.text)
        case (nil, nil):
            return []
        }
    }

    private static func changes(from old: DeclarationOutline, to new: DeclarationOutline, oldText: String, newText: String) -> [String] {
        var sentences: [String] = []
        if old.header != new.header {
            sentences.append("declaration changes from `\(old.header)` to `\(new.header)`")
        }
        let oldMembers = Dictionary(old.members.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let newMembers = Dictionary(new.members.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var removed = old.members.filter { newMembers[$0.key] == nil }
        var added = new.members.filter { oldMembers[$0.key] == nil }
        // A callable whose labels changed (the memberwise init when a property comes or goes) is one change,
        // when it is the only one of its name on both sides.
        for member in removed where member.callName != nil {
            let sameName = { (other: DeclarationOutline.Member) in other.kind == member.kind && other.callName == member.callName }
            guard removed.filter(sameName).count == 1, added.filter(sameName).count == 1,
                  let replacement = added.first(where: sameName) else { continue }
            sentences.append("\(member.kind) `\(member.shape)` becomes `\(replacement.shape)`")
            removed.removeAll { $0.key == member.key }
            added.removeAll { $0.key == replacement.key }
        }
        for member in removed { sentences.append("\(member.kind) `\(member.display)` removed") }
        for member in new.members {
            if added.contains(where: { $0.key == member.key }) {
                sentences.append("new \(member.kind) `\(member.display)`")
            } else if let before = oldMembers[member.key], before.signature != member.signature {
                sentences.append(member.callName == nil
                    ? "\(member.kind) `\(before.signature)` becomes `\(member.signature)`"
                    : "\(member.kind) `\(member.shape)` changes its types: `\(before.signature)` becomes `\(member.signature)`")
            }
        }
        if sentences.isEmpty {
            let diff = LineDiff(old: oldText, new: newText)
            let changed = diff.removedLines + diff.addedLines
            let onlyComments = changed.allSatisfy { $0.trimmingCharactersInSet(" ").hasPrefix("//") || $0.trimmingCharactersInSet(" ").isEmpty }
            sentences.append(onlyComments ? "documentation only" : "implementation only; the declarations stay the same")
        }
        let title = new.title
        return sentences.map { "\(title): \($0)" }
    }
}

/// The declaration of one generated file and its members, read from the printed text.
struct DeclarationOutline {
    struct Member {
        /// What identifies the member across versions: kind, name and argument labels.
        let key: String
        /// `property`, `case`, `function`, `initializer`, `subscript`, `static property`.
        let kind: String
        /// The member's declaration without `public` and without its body: `id: Swift.String?`.
        let signature: String
        /// For functions, initializers and subscripts: the name and argument labels, `get(_:top:)`.
        var shape: String = ""

        /// The name of a callable without its labels (`get`, `init`); nil for properties and cases.
        var callName: String? { shape.isEmpty ? nil : String(shape.prefix { $0 != "(" }) }
        /// How sentences name the member: a callable by its shape (its signature can be long), others whole.
        var display: String { shape.isEmpty ? signature : shape }
    }

    let text: String
    /// `public struct X: Swift.Codable, ...` without the brace.
    var header = ""
    /// `struct X`, `enum Y`.
    var title = "file"
    var members: [Member] = []

    init(_ text: String) {
        self.text = text
        var pending: (indent: Int, text: String)?
        for line in LineDiff.lines(of: text) {
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            if var open = pending {
                // A signature printed over several lines (one parameter per line) ends with its brace.
                open.text += content.hasPrefix(")") || open.text.hasSuffix("(") ? String(content) : " " + content
                if content.hasSuffix("{") {
                    pending = nil
                    addMember(open.text)
                } else {
                    pending = open
                }
                continue
            }
            if content.isEmpty || content.hasPrefix("//") || content.hasPrefix("import ") { continue }
            if indent == 0, let declaration = DeclarationOutline.declarationHead(content) {
                header = declaration.header
                title = declaration.title
                continue
            }
            // Members of the declaration, one level in. Nested types (CodingKeys) are named, not opened: their
            // members mirror the properties.
            guard indent == 4 else { continue }
            if let declaration = DeclarationOutline.declarationHead(content) {
                members.append(Member(key: "nested \(declaration.title)", kind: "nested type", signature: declaration.header))
                continue
            }
            if (content.hasPrefix("public ") || content.hasPrefix("case ")) && content.hasSuffix("(") {
                pending = (indent, String(content))
            } else {
                addMember(String(content))
            }
        }
    }

    /// `public struct X: A, B {` -> (`public struct X: A, B`, `struct X`).
    static func declarationHead(_ line: Substring) -> (header: String, title: String)? {
        var words = line.split(separator: " ")
        guard words.first == "public" else { return nil }
        words.removeFirst()
        if words.first == "indirect" || words.first == "final" { words.removeFirst() }
        guard let kind = words.first, ["struct", "enum", "class", "protocol", "extension"].contains(kind), words.count > 1 else { return nil }
        var name = String(words[1])
        if let colon = name.firstIndex(where: { $0 == ":" || $0 == "{" || $0 == "<" }) { name = String(name[..<colon]) }
        var header = String(line)
        if header.hasSuffix("{") { header = String(header.dropLast()).trimmingCharactersInSet(" ") }
        return (header, "\(kind) \(name)")
    }

    private mutating func addMember(_ declaration: String) {
        var text = declaration
        if text.hasSuffix("{") { text = String(text.dropLast()).trimmingCharactersInSet(" ") }
        if text.hasPrefix("case ") {
            let body = String(text.dropFirst(5))
            let name = body.prefix { $0 != "(" && $0 != " " && $0 != "=" }
            members.append(Member(key: "case \(name)", kind: "case", signature: body))
            return
        }
        guard text.hasPrefix("public ") else { return }
        text.removeFirst(7)
        let isStatic = text.hasPrefix("static ")
        if isStatic { text.removeFirst(7) }
        if text.hasPrefix("var ") || text.hasPrefix("let ") {
            var signature = String(text.dropFirst(4))
            // A static constant's value is an implementation detail; its type is the API.
            if let equals = signature.range(of: " = ") { signature = String(signature[..<equals.lowerBound]) }
            let name = signature.prefix { $0 != ":" }
            members.append(Member(key: "property \(name)", kind: isStatic ? "static property" : "property", signature: signature))
            return
        }
        let kinds: [(prefix: String, kind: String)] = [("func ", "function"), ("init", "initializer"), ("subscript", "subscript")]
        guard let (prefix, kind) = kinds.first(where: { text.hasPrefix($0.prefix) }) else { return }
        let signature = prefix == "func " ? String(text.dropFirst(5)) : text
        let shape = DeclarationOutline.callShape(signature)
        members.append(Member(key: "\(kind) \(isStatic ? "static " : "")\(shape)", kind: isStatic ? "static \(kind)" : kind, signature: signature, shape: shape))
    }

    /// `get(_ body: X, top: Int) async throws -> Y` -> `get(_:top:)`: a member's identity, which survives
    /// changes of its types.
    static func callShape(_ signature: String) -> String {
        guard let open = signature.firstIndex(of: "(") else { return signature }
        var labels: [String] = []
        var depth = 0
        var current = ""
        for character in signature[signature.index(after: open)...] {
            if depth == 0 && (character == "," || character == ")") {
                let parameter = current.trimmingCharactersInSet(" ")
                if !parameter.isEmpty { labels.append(String(parameter.prefix { $0 != " " && $0 != ":" }) + ":") }
                current = ""
                if character == ")" { break }
                continue
            }
            if "([<".contains(character) { depth += 1 }
            if ")]>".contains(character) { depth -= 1 }
            current.append(character)
        }
        return String(signature[..<open]) + "(" + labels.joined() + ")"
    }

    /// "3 properties, 2 functions".
    var memberSummary: String {
        var counts: [String: Int] = [:]
        for member in members { counts[member.kind, default: 0] += 1 }
        guard !counts.isEmpty else { return "no members" }
        return counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.value == 1 ? $0.key : DeclarationOutline.plural($0.key))" }.joined(separator: ", ")
    }

    static func plural(_ kind: String) -> String {
        switch kind {
        case "property": "properties"
        case "static property": "static properties"
        case "nested type": "nested types"
        case "static function": "static functions"
        default: kind + "s"
        }
    }
}

extension GeneratedChangeExplanation {
    /// The lines `docgen --check` prints for a plan: each file with what `swift run docgen` would do to it
    /// (`add`, `update`, `remove`), followed by what that means for the API, at most `limit` sentences a file.
    /// `read` gives a file's current text in the output folder.
    public static func report(
        added: [String], changed: [String], removed: [String], newFiles: [String: String],
        outputName: String, limit: Int = 12, read: (String) -> String?
    ) -> [String] {
        var lines: [String] = []
        let entries = added.map { ("add", $0) } + changed.map { ("update", $0) } + removed.map { ("remove", $0) }
        for (action, path) in entries.sorted(by: { $0.1 < $1.1 }) {
            lines.append("  \(action.padding(to: 7))\(outputName)/\(path)")
            let old = action == "add" ? nil : read(path)
            let new = action == "remove" ? nil : newFiles[path]
            let sentences = explain(old: old, new: new)
            for sentence in sentences.prefix(limit) { lines.append("            \(sentence)") }
            if sentences.count > limit { lines.append("            … and \(sentences.count - limit) more changes") }
        }
        return lines
    }
}

private extension String {
    func padding(to width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count + 1) }
}
