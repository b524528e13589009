/// The naming rules of the generated client, all in one place. Every identifier docgen writes is made here
/// from a name on a page, and is valid Swift whatever the page says.
///
/// Rules:
/// 1. Words: a name is split into words at every character that is neither a letter nor a digit
///    (`@odata.type` -> `odata`, `type`). ASCII letters and digits are kept; any other letter or digit is
///    encoded as `U` and its code point in hex, inside its word (`straße` -> `straUDFe`, `日本` ->
///    `U65E5U672C`), so names stay plain ASCII and different non-Latin names stay different.
/// 2. Case: types and request builders are UpperCamelCase, members lowerCamelCase; the case inside a word is
///    kept (`deviceAndAppManagementAssignmentFilterId` stays as it is).
/// 3. Leading digit: a member name that would start with a digit gets a leading `_` (`3d` -> `_3d`); a type
///    name gets a leading `T` (`3d` -> `T3d`). So every type name starts with an upper-case letter and every
///    member name with a lower-case letter or `_`: a type and a member (or an enum case and the type it
///    holds) can never have the same name, whatever the page calls them.
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
///    (`GraphV1`), its client or catalog, or like a member type that a generated type has and refers to by
///    its plain name (`CodingKeys` in every struct; `RawValue` and `AllCases` in every enum with raw values),
///    or `Main` (a file `Main.swift` makes SwiftPM build the module as an executable), is renamed by rule 7
///    (`moduleReserved`).
/// 7. Collisions: within one scope, names are given in a fixed order (a type's members in declaration
///    order, inherited first; enum cases in page order; a module's types sorted by OData name; request
///    builders in path-tree order); a name already taken gets `_2`, `_3`, ... (`displayName` then
///    `DisplayName` become `displayName` and `displayName_2`). Names a scope reserves for itself
///    (`additionalData`, `wireNames`, `client`, `pathSegments`, the HTTP verbs) count as taken. In a
///    module's scope, whose names are file names, a name taken in another case counts as taken too
///    (`Ab` then `AB` become `Ab` and `AB_2`): macOS's file system does not tell such names apart.
/// 8. Empty: a member name with no letters or digits at all becomes `_unnamed`, a type name `Unnamed`.
/// 9. Length: a name that becomes a file name (types, enums, request builders, modules) keeps at most
///    `maximumFileNameLength` characters: a longer one keeps its beginning and ends with a stable hash of the
///    whole OData name (`fittingFileName`), so `Name_2.swift` still fits the 255 bytes of a file name.
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

    /// Whether a scalar outside ASCII is a letter or digit, and so part of a word (rule 1).
    static func isOtherAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
    }

    /// The words of a name (rule 1).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if isASCIIAlphanumeric(scalar) {
                current.unicodeScalars.append(scalar)
            } else if isOtherAlphanumeric(scalar) {
                current += "U" + String(scalar.value, radix: 16, uppercase: true)
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

    private static func finish(_ joined: String, digitPrefix: String, empty: String) -> SwiftName {
        var name = joined.isEmpty ? empty : joined
        if let first = name.unicodeScalars.first, first.value >= 48 && first.value <= 57 { name = digitPrefix + name }
        if needsSuffix.contains(name) { name += "_" }
        return SwiftName(verified: name)
    }

    private static func finish(_ joined: String) -> SwiftName { finish(joined, digitPrefix: "_", empty: "_unnamed") }

    /// Modules the generated code imports or names; a type named like one would hide it (rule 6).
    public static let importedModules = ["Swift", "Foundation", "FoundationNetworking", "GraphRuntime"]

    /// Names no type of a module may take (rule 6): member types that generated types have and refer to by
    /// their plain name (a struct's `CodingKeys`; `RawValue` and `AllCases`, which an enum with raw values or
    /// `CaseIterable` has), so that inside them the plain name means the module's type.
    /// Also `Main`: SwiftPM builds a target with a file `main.swift` (in any case, on a file system that does not
    /// tell case apart) as an executable, so a page titled `main` would turn its module into one.
    public static let moduleReserved = ["CodingKeys", "RawValue", "AllCases", "Main"]

    /// A type or request-builder name (UpperCamelCase); it always starts with an upper-case ASCII letter.
    public static func typeName(_ text: String) -> SwiftName {
        var name = words(text).map(uppercasingFirst).joined()
        if importedModules.contains(name) { name += "_" }
        return finish(name, digitPrefix: "T", empty: "Unnamed")
    }

    /// The longest name kept whole where a name is also a file name (rule 9): with `_NNN` from rule 7,
    /// `AnyX`-style prefixes and `.swift`, it stays far below 255 bytes.
    public static let maximumFileNameLength = 200

    /// `name`, or when it is longer than `limit`, its beginning and a stable hash of `identity` (the whole
    /// name it was made from), so it stays unique and the same from run to run (rule 9).
    public static func fittingFileName(_ name: SwiftName, identity: String, limit: Int = maximumFileNameLength) -> SwiftName {
        guard name.text.utf8.count > limit else { return name }
        return SwiftName(verified: String(name.text.prefix(limit - 9)) + "_" + stableHash(identity))
    }

    /// Eight hex digits of the FNV-1a hash of `text`'s UTF-8: the same on every run and machine.
    public static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        let digits = String(hash, radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - digits.count)) + digits).suffix(8))
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
