import DocgenModel
import Foundation
@testable import SwiftEmitter
import Testing
import TestSupport

/// Page text that tries to end a comment, open a literal or interpolation, or hide what it does.
let hostileText = "Ends */ here /* and \"\"\" and \\(interpolation) and #\"raw\"# and `tick`\nINJECTED_CODE func evil() {}\r" +
    "INJECTED_CODE }\u{0}\u{202E}\u{2066}reversed\u{2069}\u{2028}INJECTED_CODE public struct Evil {}\r\n// INJECTED_CODE \u{200D}\u{FEFF}"

/// Markers that must never appear in code outside string literals and `///` lines.
let hostileMarkers = ["*/", "/*", "\"\"\"", "\\(", "#\"", "INJECTED_CODE", "//", "`tick`"]

/// Names a page might use that are keywords, clash with what the generated code declares or uses, are
/// empty, or are not identifiers at all.
let hostileMemberNames = [
    "default", "class", "protocol", "in", "self", "Self", "init", "deinit", "Type", "Protocol", "subscript", "super", "Any", "_",
    "display name", "a.b", "a/b", "..", "`tick`", "x`y", "displayName", "DisplayName", "additionalData", "@odata.type",
    "@odata.nextLink", "wireNames", "encode", "hashValue", "rawValue", "container", "decoder", "encoder", "CodingKeys",
    "codingKeys", "", "-", "3d", "none", "some", "unrecognized", "String", "client", "value", "true", "nil", "is", "as",
    "async", "await", "throws", "try", "func", "where", "some", "any", "get", "set", "willSet", "inout", "var", "let",
    "\u{202E}rlo", "é", "\"\"\"", "\\(x)", "#\"",
]

let hostileTypeNames = [
    "String", "Date", "Error", "Set", "Data", "Decoder", "Encoder", "Codable", "Sendable", "Hashable", "CodingKey", "Optional",
    "Array", "Dictionary", "Never", "Bool", "Int", "Int32", "Double", "Void", "swift", "foundation", "foundationNetworking",
    "graphRuntime", "graphV1", "graphV1Client", "graphV1Module", "graphBeta", "generatedModules", "generatedCatalog", "type",
    "protocol", "self", "class", "enum", "default", "JSONValue", "GraphClient", "CollectionPage", "AdditionalData", "ODataType",
    "GraphDateTimeOffset", "GeneratedOperation", "codingKeys", "", "..", "a b", "x y", "xY", "3d", "`tick`", "a/b", "any", "Any",
    "\u{202E}", "wireNames", "value",
]

func hostileModel() -> APIModel {
    let properties = hostileMemberNames.enumerated().map { index, name in
        let types: [TypeReference] = [
            .primitive(.string), .named("shape"), .named("shape", isCollection: true), .named("kind"), .primitive(.dateTimeOffset),
            .named("String"), .named("Date"), .named("Error"), .named("unknownType"), .named("widget", isCollection: true),
            .primitive(.json), .named("codingKeys"), .named("type"), .named("Set"), .primitive(.int64, isCollection: true),
        ]
        return PropertyDefinition(name: name, type: types[index % types.count], description: "\(name): \(hostileText)",
                                  location: location("v1.0/resources/evil*/\n.md", line: index + 1))
    }
    var types = [
        TypeDefinition(name: "widget", description: hostileText, properties: properties, origin: .typePage, location: location("v1.0/resources/widget.md")),
        TypeDefinition(name: "shape", description: hostileText, properties: [string("id", description: hostileText)], isAbstract: true,
                       origin: .typePage, location: location()),
    ]
    // Derived types whose names are keywords, Optional's cases or the wrapper's own members.
    for name in ["none", "some", "self", "default", "encode", "init", "unrecognized", "value", "in"] {
        types.append(typeDefinition(name, base: "shape", description: hostileText, properties: [string(name), string("id")]))
    }
    types.append(typeDefinition("deeper", base: "default", properties: [property("shape", .named("shape"))]))
    // One definition per lookup key, as the linker hands them over.
    var existing = Set(types.map { TypeReference.lookupKey(for: $0.name) })
    for name in hostileTypeNames where existing.insert(TypeReference.lookupKey(for: name)).inserted {
        types.append(typeDefinition(name, description: hostileText, properties: [string("value"), string(name)]))
    }
    let members = hostileMemberNames + ["a b", "A B", "Type", "line\nbreak", "\u{301}x", "none"]
    let enums = [
        EnumDefinition(name: "kind", description: hostileText,
                       members: members.map { EnumMember(name: $0, value: "1\"", description: hostileText, location: location()) },
                       origin: .possibleValues, location: location()),
        enumDefinition("enum", members: ["case", "enum", "none"], description: hostileText),
        enumDefinition("", members: [""]),
        enumDefinition("\u{202E}\u{2066}", members: ["\u{202E}"]),
    ]
    let permissions = [
        Permission(kind: .delegatedWorkOrSchool, status: .scopes, scopes: ["Evil.Read */", hostileText], text: hostileText, location: location()),
        Permission(kind: .application, status: .undetermined, scopes: [], text: hostileText, location: location()),
    ]
    let paths = [
        "/default/{in}/class", "/a b/{self}/..", "/Users/{id}", "/users/{userId}/$ref", "/users/{userId}/$count", "/x/get", "/x/client",
        "/x/pathSegments", "/x", "/self/init/subscript/Type", "/`tick`/{`tick`}/\\(x)", "/\"\"\"/{client}/#\"", "/_/{pathSegments}/-",
        "/apiVersion/{}", "/\u{202E}/{\u{2066}}", "/x/{value}/{request}/body",
    ]
    var operations: [DocgenModel.Operation] = []
    let bodies: [TypeReference?] = [.named("shape"), .named("widget"), .named("kind"), .primitive(.string), .named("nowhere"), nil,
                                    .named("shape", isCollection: true), .named("String")]
    let methods = ["GET", "POST", "PATCH", "PUT", "DELETE"]
    for (index, text) in paths.enumerated() {
        for (offset, method) in methods.enumerated() where (index + offset) % 2 == 0 || method == "GET" {
            var op = operation(method, text, title: hostileText, description: hostileText,
                               requestBody: method == "GET" || method == "DELETE" ? nil : bodies[(index + offset) % bodies.count],
                               status: [200, 201, 204, nil][(index + offset) % 4],
                               responseBody: bodies[(index * 3 + offset) % bodies.count])
            op.permissions = permissions
            op.location = location("api/\(hostileText).md", line: index + 1)
            operations.append(op)
        }
    }
    let v1 = APIVersionModel(name: "v1.0", operations: operations, types: types, enums: enums, examples: [])
    let beta = APIVersionModel(name: "beta", operations: operations.reversed(), types: types.reversed(), enums: enums, examples: [])
    let v21 = APIVersionModel(name: "v2.1", operations: operations, types: types, enums: enums, examples: [])
    return APIModel(versions: [beta, v1, v21], diagnostics: [])
}

/// The package's root folder, from this file's path.

@Suite("Hostile models")
struct CompilationTests {
    @Test("Hostile page text never leaves a string literal or a /// comment, and no invisible character is written")
    func hostileTextStaysInert() {
        let files = SwiftEmitter.emit(hostileModel())
        #expect(files.count > 100)
        var sawCommentMarker = false
        for file in files {
            for line in trimmedLines(file.contents) {
                #expect(!line.unicodeScalars.contains(where: isInvisibleScalar), "\(file.path): invisible character in \(line.debugDescription)")
                if line.hasPrefix("// Generated by docgen. Do not edit.") || line.hasPrefix("// Source: Microsoft Graph reference pages;") { continue }
                if line == "///" || line.hasPrefix("/// ") {
                    if line.contains("*/") { sawCommentMarker = true }
                    continue
                }
                guard let code = codeOutsideStringLiterals(line) else {
                    Issue.record("\(file.path): unterminated string literal in \(line)")
                    continue
                }
                for literal in stringLiterals(in: line) {
                    #expect(decodeStringLiteral(literal) != nil, "\(file.path): not a plain, escaped literal: \(literal)")
                }
                for marker in hostileMarkers {
                    #expect(!code.contains(marker), "\(file.path): \(marker.debugDescription) outside a literal or doc comment in \(line)")
                }
            }
            // Every line that says INJECTED_CODE is a doc comment line or holds it inside a literal.
            for line in trimmedLines(file.contents) where line.contains("INJECTED_CODE") {
                #expect(line.hasPrefix("///") || !(codeOutsideStringLiterals(line) ?? "INJECTED_CODE").contains("INJECTED_CODE"), "\(file.path): \(line)")
            }
            // Every string literal of the file decodes, and the lines holding `*/` start with `///`.
            for line in trimmedLines(file.contents) where line.contains("*/") {
                #expect(line.hasPrefix("///") || !(codeOutsideStringLiterals(line) ?? "*/").contains("*/"), "\(file.path): \(line)")
            }
        }
        #expect(sawCommentMarker, "the hostile text did reach the doc comments")
    }

    @Test(
        "The emitted code of a hostile model compiles against GraphRuntime",
        // Runs `swift build` on a temporary package (about a minute). Run it with:
        //   DOCGEN_COMPILE_TESTS=1 swift test --skip-build --scratch-path .build-emitter --filter SwiftEmitterTests
        .enabled(if: ProcessInfo.processInfo.environment["DOCGEN_COMPILE_TESTS"] == "1",
                 "compiles generated code with `swift build` (~1 min); set DOCGEN_COMPILE_TESTS=1 to run it")
    )
    func hostileModelCompiles() throws {
        try expectCompiles(SwiftEmitter.emit(hostileModel()))
    }
}

@Suite("Recursive value types")
struct RecursiveValueTypeTests {
    static func recursiveModel() -> APIModel {
        model(version(types: [typeDefinition("drive", properties: [property("list", .named("list")), property("name", .primitive(.string))]),
                              typeDefinition("list", properties: [property("drive", .named("drive"))]),
                              typeDefinition("node", properties: [property("parent", .named("node")), property("children", .named("node", isCollection: true))])]))
    }

    @Test("properties that close a cycle of structs are stored as GraphRuntime.Indirect, and only those")
    func cyclesAreBoxed() throws {
        let files = SwiftEmitter.emit(Self.recursiveModel())
        let drive = try #require(files.first { $0.path.hasSuffix("/Drive.swift") }?.contents)
        let node = try #require(files.first { $0.path.hasSuffix("/Node.swift") }?.contents)
        #expect(drive.contains("public var list: GraphRuntime.Indirect<List>?"))
        #expect(drive.contains("public var name: Swift.String?"))
        #expect(node.contains("public var parent: GraphRuntime.Indirect<Node>?"))
        #expect(node.contains("public var children: [Node]?"))
    }

    @Test(
        "a type that contains itself by value (a -> b -> a, single-valued) compiles",
        .enabled(if: ProcessInfo.processInfo.environment["DOCGEN_COMPILE_TESTS"] == "1",
                 "compiles generated code with `swift build` (~1 min); set DOCGEN_COMPILE_TESTS=1 to run it")
    )
    func recursiveValueTypes() throws {
        try expectCompiles(SwiftEmitter.emit(Self.recursiveModel()))
    }
}

/// Builds `files` with `swift build` (TestSupport's GeneratedPackageBuild) and records the compiler's
/// errors as an issue when the build fails.
func expectCompiles(_ files: [PrintedFile], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let outcome = try GeneratedPackageBuild.build(files.map { ($0.path, $0.contents) }, catalogModule: SwiftEmitter.catalogModuleName)
    #expect(outcome.succeeded, "swift build failed:\n\(outcome.errors)", sourceLocation: sourceLocation)
}
