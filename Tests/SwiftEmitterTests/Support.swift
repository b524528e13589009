import DocgenModel
@testable import SwiftEmitter
import Testing

// Hand-built model values and helpers shared by the SwiftEmitter tests.

func location(_ path: String = "v1.0/resources/widget.md", line: Int = 1) -> DocgenModel.SourceLocation {
    DocgenModel.SourceLocation(path: path, line: line, column: 1)
}

func property(_ name: String, _ type: TypeReference, description: String? = nil) -> PropertyDefinition {
    PropertyDefinition(name: name, type: type, description: description, location: location())
}

func string(_ name: String, description: String? = nil) -> PropertyDefinition {
    property(name, .primitive(.string), description: description)
}

func typeDefinition(_ name: String, base: String? = nil, description: String? = nil,
                    properties: [PropertyDefinition] = []) -> TypeDefinition {
    TypeDefinition(name: name, baseType: base.map { .named($0) }, description: description, properties: properties,
                   origin: .typePage, location: location("v1.0/resources/\(name).md"))
}

func enumDefinition(_ name: String, members: [String], description: String? = nil,
                    memberDescriptions: [String: String] = [:]) -> EnumDefinition {
    EnumDefinition(name: name, description: description,
                   members: members.map { EnumMember(name: $0, description: memberDescriptions[$0], location: location()) },
                   origin: .typePage, location: location("v1.0/resources/enums.md"))
}

/// `/a/{aId}/b`: `{x}` is a parameter named `x`, `$x` a keyword, anything else a literal.
func path(_ text: String) -> PathTemplate {
    PathTemplate(segments: text.split(separator: "/").map { part in
        let part = String(part)
        if part.hasPrefix("{") && part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
        if part.hasPrefix("$") { return .keyword(part) }
        return .literal(part)
    })
}

func operation(_ method: String, _ template: PathTemplate, title: String? = nil, description: String? = nil,
               requestBody: TypeReference? = nil, status: Int? = nil, responseBody: TypeReference? = nil) -> Operation {
    Operation(id: Operation.identifier(method: method, path: template), method: method, path: template, title: title,
              description: description, permissions: [], requestHeaders: [], requestBody: requestBody,
              responseStatus: status, responseBody: responseBody, location: location("api/\(method.lowercased()).md", line: 7))
}

func operation(_ method: String, _ template: String, title: String? = nil, description: String? = nil,
               requestBody: TypeReference? = nil, status: Int? = nil, responseBody: TypeReference? = nil) -> Operation {
    operation(method, path(template), title: title, description: description, requestBody: requestBody, status: status,
              responseBody: responseBody)
}

func version(_ name: String = "v1.0", types: [TypeDefinition] = [], enums: [EnumDefinition] = [],
             operations: [Operation] = []) -> APIVersionModel {
    APIVersionModel(name: name, operations: operations, types: types, enums: enums, examples: [])
}

func model(_ versions: APIVersionModel...) -> APIModel { APIModel(versions: versions, diagnostics: []) }

/// The printed files of `model`, by path.
func emitted(_ model: APIModel) -> [String: String] {
    Dictionary(uniqueKeysWithValues: SwiftEmitter.emit(model).map { ($0.path, $0.contents) })
}

/// The printed file at `path`; records an issue and returns "" when there is none.
func file(_ files: [String: String], _ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    guard let contents = files[path] else {
        Issue.record("no file \(path); files: \(files.keys.sorted())", sourceLocation: sourceLocation)
        return ""
    }
    return contents
}

/// The lines of `text`, each without its indentation.
func trimmedLines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        String(line.drop { $0 == " " })
    }
}

/// Whether `text` has a line that is exactly `line` once indentation is removed.
func hasLine(_ text: String, _ line: String) -> Bool { trimmedLines(text).contains(line) }

/// The top-level declaration of the structured file at `path` (from `SwiftEmitter.files(for:)`).
func declaration(_ model: APIModel, _ path: String) -> SwiftDeclaration? {
    SwiftEmitter.files(for: model).first { $0.path == path }?.declaration
}

/// Stored-property names of a struct declaration, in order.
/// The typed properties of a struct declaration, in order: the computed properties over its JSON object.
func typedPropertyNames(_ declaration: SwiftDeclaration?) -> [String] {
    guard case .structure(let structure)? = declaration else { return [] }
    return structure.members.compactMap { member in
        if case .property(let property) = member, case .accessors = property.kind { return property.name.text }
        return nil
    }
}

/// The stored properties of a struct declaration: only its JSON object.
func storedPropertyNames(_ declaration: SwiftDeclaration?) -> [String] {
    guard case .structure(let structure)? = declaration else { return [] }
    return structure.members.compactMap { member in
        if case .property(let property) = member, case .stored = property.kind { return property.name.text }
        return nil
    }
}

/// Case names of an enum declaration, in order.
func caseNames(_ declaration: SwiftDeclaration?) -> [String] {
    guard case .enumeration(let enumeration)? = declaration else { return [] }
    return enumeration.members.compactMap { member in
        if case .enumCase(let enumCase) = member { return enumCase.name.text }
        return nil
    }
}

/// The nested `CodingKeys` enum of a struct declaration: case name -> wire name.
func codingKeys(_ declaration: SwiftDeclaration?) -> [String: String] {
    guard case .structure(let structure)? = declaration else { return [:] }
    for member in structure.members {
        guard case .enumeration(let keys) = member, keys.name.text == "CodingKeys" else { continue }
        var result: [String: String] = [:]
        for key in keys.members {
            if case .enumCase(let enumCase) = key { result[enumCase.name.text] = enumCase.rawValue ?? enumCase.name.text }
        }
        return result
    }
    return [:]
}

/// Decodes a Swift string literal as `SwiftPrinter.stringLiteral` writes it (`"`, the escapes `\"`, `\\`,
/// `\n`, `\r`, `\t`, `\0`, `\u{X}`); nil when it is not such a literal.
func decodeStringLiteral(_ literal: String) -> String? {
    var scalars = Array(literal.unicodeScalars)
    guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return nil }
    scalars = Array(scalars.dropFirst().dropLast())
    var result = String.UnicodeScalarView()
    var index = 0
    while index < scalars.count {
        let scalar = scalars[index]
        if scalar == "\"" { return nil }
        guard scalar == "\\" else {
            result.append(scalar)
            index += 1
            continue
        }
        guard index + 1 < scalars.count else { return nil }
        let escaped = scalars[index + 1]
        index += 2
        switch escaped {
        case "\"": result.append("\"")
        case "\\": result.append("\\")
        case "n": result.append("\n")
        case "r": result.append("\r")
        case "t": result.append("\t")
        case "0": result.append("\0")
        case "u":
            guard index < scalars.count, scalars[index] == "{",
                  let close = scalars[index...].firstIndex(of: "}") else { return nil }
            let hex = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
            guard (1...8).contains(hex.count), let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else { return nil }
            result.append(decoded)
            index = close + 1
        default: return nil
        }
    }
    return String(result)
}

/// The parts of a line of Swift outside its string literals (`"..."` with backslash escapes), joined by a
/// space; nil when a literal is left open.
func codeOutsideStringLiterals(_ line: String) -> String? {
    var code = ""
    var inLiteral = false
    var escaping = false
    for scalar in line.unicodeScalars {
        if inLiteral {
            if escaping { escaping = false } else if scalar == "\\" { escaping = true } else if scalar == "\"" {
                inLiteral = false
                code += " "
            }
        } else if scalar == "\"" {
            inLiteral = true
        } else {
            code.unicodeScalars.append(scalar)
        }
    }
    return inLiteral ? nil : code
}

/// The string literals of a line of Swift, each with its quotes, as a lexer would split them.
func stringLiterals(in line: String) -> [String] {
    var literals: [String] = []
    var current: String.UnicodeScalarView?
    var escaping = false
    for scalar in line.unicodeScalars {
        if current != nil {
            current!.append(scalar)
            if escaping { escaping = false } else if scalar == "\\" { escaping = true } else if scalar == "\"" {
                literals.append(String(current!))
                current = nil
            }
        } else if scalar == "\"" {
            current = String.UnicodeScalarView([scalar])
        }
    }
    return literals
}

/// Whether a scalar is one a reader cannot see (or that changes how the rest of the line is shown).
func isInvisibleScalar(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == "\n" { return false }
    if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return true }
    switch scalar.properties.generalCategory {
    case .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate, .control: return true
    default: return false
    }
}
