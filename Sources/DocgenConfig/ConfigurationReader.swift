import DocgenModel
import DocgenPipeline
import Foundation
import JSONText
import SwiftEmitter

extension Configuration {
    /// Reads the file at `url`. Throws `ConfigurationError` with every problem found.
    public static func read(contentsOf url: URL, displayPath: String? = nil) throws -> Configuration {
        let data = try Data(contentsOf: url)
        var configuration = try parse(String(decoding: data, as: UTF8.self), path: displayPath ?? url.path)
        configuration.folder = url.deletingLastPathComponent()
        return configuration
    }

    /// Reads configuration text; `path` is what diagnostics name.
    public static func parse(_ text: String, path: String) throws -> Configuration {
        var reader = ConfigurationReader(path: path)
        let result = JSONReader.read(text, options: JSONReader.Options(recordsPositions: true))
        guard let value = result.value else {
            let issue = result.fatalIssue ?? result.issues.first
            throw ConfigurationError(diagnostics: [.error(
                .configurationInvalidJSON, "the configuration is not JSON: \(issue?.message ?? "unreadable")",
                at: SourceLocation(path: path, line: issue?.line ?? 1, column: issue?.column ?? 1)
            )])
        }
        reader.positions = result.positions
        let configuration = reader.configuration(from: value)
        if !reader.diagnostics.isEmpty { throw ConfigurationError(diagnostics: reader.diagnostics.sorted()) }
        return configuration
    }
}

/// Reads the JSON value of a configuration file, collecting a diagnostic for each problem.
struct ConfigurationReader {
    let path: String
    var positions: [String: JSONPosition] = [:]
    var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    static let topLevelKeys = [
        "input", "output", "defaultAPIVersion", "versions", "modules", "subset", "exclude", "accessModifier",
        "nameOverrides", "typeOverrides", "additionalImports", "catalog",
    ]
    static let httpMethods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

    // MARK: Positions and problems

    func location(_ pointer: String, key: Bool = false) -> SourceLocation {
        let position = positions[pointer]
        return SourceLocation(path: path, line: (key ? position?.keyLine : position?.line) ?? 1,
                              column: (key ? position?.keyColumn : position?.column) ?? 1)
    }

    /// The key a pointer ends in, as a message names it: `nameOverrides.types`.
    static func keyName(_ pointer: String) -> String {
        pointer.split(separator: "/", omittingEmptySubsequences: true)
            .map { $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }
            .joined(separator: ".")
    }

    static func token(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    mutating func problem(_ code: DiagnosticCode, _ pointer: String, _ message: String, atKey: Bool = false) {
        diagnostics.append(.error(code, "\(ConfigurationReader.keyName(pointer)): \(message)", at: location(pointer, key: atKey)))
    }

    mutating func wrongType(_ pointer: String, expected: String, found value: JSONValue) {
        problem(.configurationWrongType, pointer, "expected \(expected), found \(value.kindName == "object" ? "an object" : value.kindName == "array" ? "an array" : "a \(value.kindName)")")
    }

    // MARK: Shapes

    /// The members of an object, each key once; unknown keys (when `known` is given) and repeated keys are
    /// problems.
    mutating func members(_ value: JSONValue, at pointer: String, known: [String]? = nil) -> [(key: String, value: JSONValue, pointer: String)]? {
        guard case .object(let members) = value else {
            wrongType(pointer, expected: "an object", found: value)
            return nil
        }
        var seen = Set<String>()
        var result: [(String, JSONValue, String)] = []
        for member in members {
            let memberPointer = pointer + "/" + ConfigurationReader.token(member.key)
            guard seen.insert(member.key).inserted else {
                problem(.configurationInvalidValue, memberPointer, "given more than once", atKey: true)
                continue
            }
            if let known, !known.contains(member.key) {
                let suggestion = known.first { $0.lowercased() == member.key.lowercased() }
                problem(.configurationUnknownKey, memberPointer,
                        "unknown key" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "; known keys are \(known.joined(separator: ", "))"),
                        atKey: true)
                continue
            }
            result.append((member.key, member.value, memberPointer))
        }
        return result
    }

    mutating func string(_ value: JSONValue, at pointer: String, nonEmpty: Bool = true) -> String? {
        guard case .string(let text) = value else {
            wrongType(pointer, expected: "a string", found: value)
            return nil
        }
        if nonEmpty && text.trimmed.isEmpty {
            problem(.configurationInvalidValue, pointer, "must not be empty")
            return nil
        }
        return text
    }

    mutating func strings(_ value: JSONValue, at pointer: String) -> [String]? {
        guard case .array(let elements) = value else {
            wrongType(pointer, expected: "an array of strings", found: value)
            return nil
        }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            if let text = string(element, at: pointer + "/\(index)") { result.append(text) }
        }
        return result
    }

    mutating func identifier(_ value: JSONValue, at pointer: String) -> String? {
        guard let text = string(value, at: pointer) else { return nil }
        guard EmitterOptions.isUsableName(text) else {
            problem(.configurationInvalidValue, pointer, "'\(text)' is not a Swift identifier (ASCII letters, digits and '_', not starting with a digit, not a keyword)")
            return nil
        }
        return text
    }

    /// `{ "owner": { "member": "swiftName" } }`
    mutating func nestedNames(_ value: JSONValue, at pointer: String) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for (owner, inner, ownerPointer) in members(value, at: pointer) ?? [] {
            for (member, name, memberPointer) in members(inner, at: ownerPointer) ?? [] {
                if let name = identifier(name, at: memberPointer) { result[owner, default: [:]][member] = name }
            }
        }
        return result
    }

    // MARK: The file

    mutating func configuration(from value: JSONValue) -> Configuration {
        var configuration = Configuration()
        var accessPointer: String?
        var catalogPointer: String?
        for (key, value, pointer) in members(value, at: "", known: ConfigurationReader.topLevelKeys) ?? [] {
            switch key {
            case "input": configuration.input = string(value, at: pointer)
            case "output": configuration.output = string(value, at: pointer)
            case "defaultAPIVersion": configuration.defaultAPIVersion = string(value, at: pointer)
            case "versions":
                configuration.versions = strings(value, at: pointer)
                if configuration.versions?.isEmpty == true {
                    problem(.configurationInvalidValue, pointer, "an empty list generates nothing; leave the key out to generate every version")
                }
            case "modules":
                var names: [String: String] = [:]
                for (version, name, namePointer) in members(value, at: pointer) ?? [] {
                    if let name = identifier(name, at: namePointer) { names[version] = name }
                }
                configuration.emitter.moduleNames = names
            case "subset", "exclude":
                guard let selectors = strings(value, at: pointer) else { continue }
                for (index, selector) in selectors.enumerated() { check(selector: selector, at: pointer + "/\(index)") }
                if key == "subset" { configuration.subset = selectors } else { configuration.exclude = selectors }
            case "accessModifier":
                guard let text = string(value, at: pointer) else { continue }
                guard let modifier = EmitterOptions.AccessModifier(rawValue: text) else {
                    problem(.configurationInvalidValue, pointer, "'\(text)' is not one of \(EmitterOptions.AccessModifier.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                configuration.emitter.accessModifier = modifier
                accessPointer = pointer
            case "nameOverrides":
                for (kind, names, kindPointer) in members(value, at: pointer, known: ["types", "properties", "enumCases"]) ?? [] {
                    switch kind {
                    case "types":
                        var types: [String: String] = [:]
                        for (odataName, name, namePointer) in members(names, at: kindPointer) ?? [] {
                            if let name = identifier(name, at: namePointer) { types[odataName] = name }
                        }
                        configuration.emitter.typeNames = types
                    case "properties":
                        let properties = nestedNames(names, at: kindPointer)
                        configuration.emitter.propertyNames = properties
                    default:
                        let cases = nestedNames(names, at: kindPointer)
                        configuration.emitter.enumCaseNames = cases
                    }
                }
            case "typeOverrides":
                var overrides: [PrimitiveType: String] = [:]
                for (primitiveName, swiftType, overridePointer) in members(value, at: pointer) ?? [] {
                    guard let primitive = PrimitiveType(docsName: primitiveName) else {
                        problem(.configurationInvalidValue, overridePointer,
                                "'\(primitiveName)' is not a primitive type; overrides are for \(PrimitiveType.allCases.map(\.rawValue).joined(separator: ", "))",
                                atKey: true)
                        continue
                    }
                    guard let text = string(swiftType, at: overridePointer) else { continue }
                    guard EmitterOptions.isQualifiedTypeName(text) else {
                        problem(.configurationInvalidValue, overridePointer, "'\(text)' is not a Swift type name (identifiers joined by '.', such as Foundation.Date)")
                        continue
                    }
                    overrides[primitive] = text
                }
                configuration.emitter.primitiveTypes = overrides
            case "additionalImports":
                guard let modules = strings(value, at: pointer) else { continue }
                for (index, module) in modules.enumerated() where !EmitterOptions.isModuleName(module) {
                    problem(.configurationInvalidValue, pointer + "/\(index)", "'\(module)' is not a module name")
                }
                configuration.emitter.additionalImports = modules.filter(EmitterOptions.isModuleName)
            case "catalog":
                guard case .bool(let flag) = value else {
                    wrongType(pointer, expected: "true or false", found: value)
                    continue
                }
                configuration.emitter.generatesCatalog = flag
                catalogPointer = pointer
            default:
                break
            }
        }
        if configuration.emitter.accessModifier == .internal, configuration.emitter.generatesCatalog, let accessPointer {
            problem(.configurationInvalidValue, accessPointer,
                    "the GeneratedCatalog module cannot see internal declarations of the version modules; add \"catalog\": false"
                        + (catalogPointer == nil ? "" : " (it is true)"))
        }
        if let input = configuration.input, let output = configuration.output,
           URL(fileURLWithPath: input).standardized.path == URL(fileURLWithPath: output).standardized.path {
            problem(.configurationInvalidValue, "/output", "is the input folder; docgen replaces the output folder entirely")
        }
        return configuration
    }

    /// A selector is a page selector or an operation pattern whose method is an HTTP method.
    mutating func check(selector: String, at pointer: String) {
        let trimmed = selector.trimmed
        if !trimmed.hasPrefix("/"), let space = trimmed.firstIndex(of: " ") {
            let method = trimmed[..<space].uppercased()
            guard OperationPattern(trimmed) != nil else {
                problem(.configurationInvalidValue, pointer, "'\(selector)' is neither an operation pattern ('GET /users/{id}') nor a page selector (no spaces)")
                return
            }
            if !ConfigurationReader.httpMethods.contains(method) {
                problem(.configurationInvalidValue, pointer, "'\(method)' is not an HTTP method (\(ConfigurationReader.httpMethods.sorted().joined(separator: ", ")))")
            }
        }
    }
}

