/// The naming rules of the generated client, all in one place. Every identifier docgen writes is made here
/// from a name on a page, and is valid Swift whatever the page says.
///
/// Rules:
/// 1. Words: a name is split into words at every character that is not an ASCII letter or digit
///    (`@odata.type` -> `odata`, `type`; `straße` -> `stra`, `e`), so names are plain ASCII.
/// 2. Case: types and request builders are UpperCamelCase, members lowerCamelCase; the case inside a word is
///    kept (`deviceAndAppManagementAssignmentFilterId` stays as it is).
/// 3. Leading digit: a name that would start with a digit gets a leading `_` (`3d` -> `_3d`).
/// 4. Keywords: Swift keywords are written with backticks (`` `default` ``, `` `class` ``; argument labels
///    only for `inout`, `var`, `let`; declaration modifiers such as `get` or `lazy` need none); the few names
///    backticks cannot make usable (`self`, `Self`, `init`, `deinit`, `subscript`, `super`, `Type`,
///    `Protocol`, `Any`, `_`) get a trailing `_`.
/// 5. Optional's cases: enum cases named `none` or `some` would be ambiguous with `Optional.none` and
///    `.some`, so they become `noneValue` and `someValue`; a case named `unrecognized` (the catch-all
///    case of every generated enum) becomes `unrecognizedValue`.
/// 6. Shadowing: generated code names every standard type by module (`Swift.String`, `Foundation.Data`),
///    so a Graph type called `String`, `Date` or `Error` is emitted under its own name without harm. Only a
///    type that would be named like a module the generated code uses (`Swift`, `Foundation`,
///    `FoundationNetworking`, `GraphRuntime`) gets a trailing `_`; one named like a generated module
///    (`GraphV1`), its client or catalog, or `CodingKeys` (which every struct declares) is renamed by rule 7.
/// 7. Collisions: within one scope, names are given in a fixed order (a type's members in declaration
///    order, inherited first; enum cases in page order; a module's types sorted by OData name; request
///    builders in path-tree order); a name already taken gets `_2`, `_3`, ... (`displayName` then
///    `DisplayName` become `displayName` and `displayName_2`). Names a scope reserves for itself
///    (`additionalData`, `wireNames`, `client`, `pathSegments`, the HTTP verbs) count as taken. In a
///    module's scope, whose names are file names, a name taken in another case counts as taken too
///    (`Ab` then `AB` become `Ab` and `AB_2`): macOS's file system does not tell such names apart.
/// 8. Empty: a name with no letters or digits at all becomes `_unnamed`.
public enum SwiftNaming {
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
        "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
        "try", "_", "some", "any", "consume", "borrowing", "consuming", "copy", "discard", "each", "package",
        "actor", "async", "nonisolated", "isolated", "sending", "macro", "Type", "Protocol",
    ]
    // Declaration modifiers and accessor names (`get`, `set`, `lazy`, `final`, `optional`, ...) are keywords
    // only where a modifier or accessor may stand, never as a member name, so they need no backticks.

    /// Keywords that stay unusable with backticks in some positions.
    static let needsSuffix: Set<String> = ["self", "Self", "init", "deinit", "subscript", "super", "Type", "Protocol", "Any", "_"]

    /// Whether `text` is a plain identifier (ASCII letters, digits, `_`, not starting with a digit).
    static func isValidIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !(first.value >= 48 && first.value <= 57) else { return false }
        return text.unicodeScalars.allSatisfy { isASCIIAlphanumeric($0) || $0 == "_" }
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value >= 48 && scalar.value <= 57) || (scalar.value >= 65 && scalar.value <= 90) || (scalar.value >= 97 && scalar.value <= 122)
    }

    /// Whether the printer must write `name` with backticks.
    static func needsBackticks(_ name: String) -> Bool { keywords.contains(name) }

    /// The words of a name (rule 1).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if isASCIIAlphanumeric(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func uppercasingFirst(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst() }
    private static func lowercasingFirst(_ word: String) -> String { word.prefix(1).lowercased() + word.dropFirst() }

    private static func finish(_ joined: String) -> SwiftName {
        var name = joined.isEmpty ? "_unnamed" : joined
        if let first = name.unicodeScalars.first, first.value >= 48 && first.value <= 57 { name = "_" + name }
        if needsSuffix.contains(name) { name += "_" }
        return SwiftName(verified: name)
    }

    /// A type or request-builder name (UpperCamelCase).
    public static func typeName(_ text: String) -> SwiftName {
        var name = words(text).map(uppercasingFirst).joined()
        if ["Swift", "Foundation", "FoundationNetworking", "GraphRuntime"].contains(name) { name += "_" }
        return finish(name)
    }

    /// A property, method or parameter name (lowerCamelCase).
    public static func memberName(_ text: String) -> SwiftName {
        let parts = words(text)
        guard let first = parts.first else { return finish("") }
        return finish(lowercasingFirst(first) + parts.dropFirst().map(uppercasingFirst).joined())
    }

    /// An enum case name (rule 5 on top of member names).
    public static func caseName(_ text: String) -> SwiftName {
        let name = memberName(text)
        switch name.text {
        case "none", "some", "unrecognized": return SwiftName(verified: name.text + "Value")
        default: return name
        }
    }

    /// A fixed identifier the emitter itself chooses (`additionalData`, `decoder`).
    public static func fixed(_ text: String) -> SwiftName { SwiftName(verified: text) }
}

/// Hands out unique names within one scope (rule 7).
public struct NameScope: Sendable {
    private var taken: Set<String>
    /// Names that differ only in case clash (the scope's names become file names).
    private let ignoresCase: Bool
    /// For a name given with a suffix: the suffix to try next (those below it are all taken), so that a
    /// page with thousands of equal names costs linear time.
    private var nextSuffix: [String: Int] = [:]

    public init(reserved: [String] = [], ignoringCase: Bool = false) {
        ignoresCase = ignoringCase
        taken = Set(reserved.map { ignoringCase ? $0.lowercased() : $0 })
    }

    private func key(_ text: String) -> String { ignoresCase ? text.lowercased() : text }

    public mutating func claim(_ name: SwiftName) -> SwiftName {
        if taken.insert(key(name.text)).inserted { return name }
        var counter = nextSuffix[key(name.text)] ?? 2
        while !taken.insert(key("\(name.text)_\(counter)")).inserted { counter += 1 }
        nextSuffix[key(name.text)] = counter + 1
        return SwiftName(verified: "\(name.text)_\(counter)")
    }

    /// Also reserves `name` for the module being generated (a type must not be named like it).
    public mutating func reserve(_ text: String) { taken.insert(key(text)) }
}
