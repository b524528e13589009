import DocgenModel
import Foundation
@testable import SwiftEmitter
import Testing
import TestSupport

/// Names made to collide, generated systematically rather than picked: every Swift keyword, every standard
/// library and runtime name the generated code could meet, every identifier the emitter itself prints, and
/// names that become equal once normalised. They are used as type, enum, property, case, derived-type and
/// path-segment names at once; the emitted declarations must keep every name unique in its scope and never
/// shadow a type the code refers to, and the result must compile.
enum CollidingNames {
    static let contextualKeywords = [
        "get", "set", "willSet", "didSet", "lazy", "mutating", "nonmutating", "override", "final", "required", "convenience",
        "dynamic", "indirect", "optional", "weak", "unowned", "prefix", "postfix", "infix", "left", "right", "none", "some",
        "open", "associativity", "precedence", "Protocol", "Type", "Self", "self", "super", "init", "deinit", "subscript",
        "rethrows", "unsafe", "then", "_", "__", "$0",
    ]

    static let standardNames = [
        "String", "Substring", "Character", "Bool", "Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "Float", "Double",
        "Optional", "Array", "Dictionary", "Set", "Result", "Error", "Never", "Void", "AnyObject", "AnyHashable", "AnyClass",
        "Codable", "Decodable", "Encodable", "Decoder", "Encoder", "CodingKey", "CodingKeys", "CodingUserInfoKey",
        "RawValue", "RawRepresentable", "AllCases", "CaseIterable", "Hashable", "Hasher", "Equatable", "Comparable", "Sendable",
        "Identifiable", "ID", "Element", "Index", "Iterator", "SubSequence", "Indices", "Sequence", "Collection",
        "KeyedDecodingContainer", "KeyedEncodingContainer", "SingleValueDecodingContainer", "DecodingError", "EncodingError",
        "Data", "Date", "URL", "URLRequest", "URLSession", "UUID", "JSONDecoder", "JSONEncoder", "Foundation", "Swift",
        "FoundationNetworking", "Dispatch", "Glibc", "Darwin", "print", "type", "hash", "hashValue", "description",
        "debugDescription", "rawValue", "allCases", "intValue", "stringValue", "id", "main",
    ]

    /// Every public name GraphRuntime declares, read from its sources.
    static func runtimeNames() throws -> [String] {
        let folder = GeneratedPackageBuild.repositoryRoot.appendingPathComponent("Sources/GraphRuntime")
        var names: Set<String> = ["GraphRuntime"]
        let pattern = try NSRegularExpression(pattern: #"public\s+(?:static\s+|final\s+|indirect\s+)*(?:struct|enum|protocol|class|actor|typealias|func|var|let|case)\s+([A-Za-z_][A-Za-z0-9_]*)"#)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                names.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        return names.sorted()
    }

    /// Every identifier the emitter prints for an ordinary model (its fixed names: `additionalData`,
    /// `jsonObject`, `member`, `pathSegments`, `GraphV1Client`, ...), read from the code it prints.
    static func emitterNames() -> [String] {
        let ordinary = model(
            version(types: [typeDefinition("shape", properties: [string("id")]),
                            typeDefinition("circle", base: "shape", properties: [property("kind", .named("mode")), property("next", .named("circle"))])],
                    enums: [enumDefinition("mode", members: ["on", "off"])],
                    operations: [operation("GET", "/shapes", responseBody: .named("shape", isCollection: true)),
                                 operation("POST", "/shapes/{shapeId}/act", requestBody: .named("circle"), status: 200, responseBody: .named("shape"))]),
            version("beta", types: [typeDefinition("shape")])
        )
        var names: Set<String> = []
        for file in SwiftEmitter.emit(ordinary) {
            for line in trimmedLines(file.contents) where !line.hasPrefix("//") {
                guard let code = codeOutsideStringLiterals(line) else { continue }
                var word = ""
                for character in code + " " {
                    if character.isLetter || character.isNumber || character == "_" {
                        word.append(character)
                    } else {
                        if let first = word.first, !first.isNumber { names.insert(word) }
                        word = ""
                    }
                }
            }
        }
        return names.sorted()
    }

    /// Groups of different names that normalise to the same words, case, digits or nothing at all.
    static let normalisationGroups: [[String]] = [
        ["display name", "displayName", "DisplayName", "display_name", "display-name", "DISPLAY NAME", "display.name"],
        ["3d", "_3d", "T3d", "3D", "t3d", "@3d"],
        ["", "-", "..", "Unnamed", "_unnamed", "unnamed", "@#!"],
        ["日本", "中国", "русский", "ελληνικά", "عربي", "U65E5U672C", "u65E5U672C"],
        ["straße", "strase", "strae", "straUDFe"],
        ["rawValue", "RawValue", "raw value", "raw_value"],
        ["any shape", "anyShape", "AnyShape", "shape"],
        ["codingKeys", "CodingKeys", "coding keys"],
        ["main", "Main", "MAIN", "linuxMain", "LinuxMain"],
        ["allCases", "AllCases"],
        ["graphV1", "GraphV1", "graphV1Client", "GraphV1Module", "graph v1 module", "generatedCatalog", "GeneratedModules"],
        ["x", "X", "x_2", "X_2", "x 2"],
    ]

    static func all() throws -> [String] {
        var seen: Set<String> = []
        return (Array(SwiftNaming.keywords).sorted() + contextualKeywords + standardNames + (try runtimeNames()) + emitterNames()
                + normalisationGroups.flatMap { $0 })
            .filter { seen.insert($0).inserted }
    }

    /// A model that uses every name in every role. Types: each name is a type that derives from `shape`
    /// (so `AnyShape` has a case per name) and has a property of every name of its group, one of them typed by
    /// the type itself (`3d` with a property `3d` of type `3d`). Enums: each name is an enum whose members are
    /// the names of a group. Paths: every third name is a segment, every sixth a parameter.
    static func collidingModel(_ names: [String]) -> APIModel {
        var types = [typeDefinition("shape", properties: [string("id")])]
        var enums: [EnumDefinition] = []
        var typeKeys: Set<String> = [TypeReference.lookupKey(for: "shape")]
        let groups = normalisationGroups
        for (offset, name) in names.enumerated() {
            let group = groups[offset % groups.count]
            // A type and an enum cannot share a lookup key; alternate which role a name gets, and give each name
            // the other role under a prefix that normalises away ("@" is not a letter).
            let asType = offset % 2 == 0
            let typeName = asType ? name : "@" + name
            let enumName = asType ? "@@" + name : name
            if typeKeys.insert(TypeReference.lookupKey(for: typeName)).inserted {
                // Its own name, typed by itself (`3d` with a property `3d` of type `3d`), a name of its group and
                // the name of an enum: every name is a property of its own type, so every name is a property.
                var properties = [property(name, .named(typeName)), string(group[offset % group.count]),
                                  property(group[(offset + 1) % group.count] + " ref", .named(enumName))]
                // One row per wire name, as the linker hands them over.
                var wireNames: Set<String> = []
                properties = properties.filter { wireNames.insert($0.name).inserted }
                types.append(typeDefinition(typeName, base: offset % 3 == 0 ? "shape" : nil, properties: properties))
            }
            if !typeKeys.contains(TypeReference.lookupKey(for: enumName)) {
                var values: Set<String> = []
                enums.append(enumDefinition(enumName, members: [name, group[offset % group.count], group[(offset + 2) % group.count]].filter { values.insert($0).inserted }))
            }
        }
        var keys: Set<String> = []
        enums = enums.filter { keys.insert(TypeReference.lookupKey(for: $0.name)).inserted }
        var operations: [DocgenModel.Operation] = []
        // Every third name is a path segment under one of a few parents named like the builders' own members
        // (a property of that builder); every sixth also has a parameter named by it below. (Builders name
        // their children by the member rules the types' properties use, which every name goes through.)
        for (offset, name) in names.enumerated() where offset % 3 == 0 {
            let parent = PathSegment.literal(["things", "client", "get", "pathSegments"][(offset / 3) % 4])
            if offset % 6 == 0 {
                let segments: [PathSegment] = [parent, .literal(name), .parameter(name.isEmpty ? "id" : name)]
                operations.append(operation("GET", PathTemplate(segments: segments), responseBody: .named(offset % 12 == 0 ? "shape" : name)))
            }
            operations.append(operation(offset % 2 == 0 ? "POST" : "GET", PathTemplate(segments: [parent, .literal(name)]),
                                        requestBody: offset % 2 == 0 ? .named(name) : nil, status: 201, responseBody: .named(name)))
        }
        var seenOperations: Set<String> = []
        // One operation per id ignoring case, as the linker hands them over (the builders merge such paths).
        operations = operations.filter { seenOperations.insert($0.id.lowercased()).inserted }
        return APIModel(versions: [APIVersionModel(name: "v1.0", operations: operations, types: types, enums: enums, examples: [])], diagnostics: [])
    }
}

/// The scope rules checked on the structured declarations: what the compiler would reject or resolve to the
/// wrong thing, found without compiling.
enum ScopeCheck {
    /// Problems of one module's files: duplicate or reserved top-level names, file names over 255 bytes, and in
    /// each type a member (property, case, nested type) named twice, or named like a type the type refers to,
    /// and a referenced type named like a member type the declaration has implicitly (`RawValue`, `AllCases`).
    static func problems(_ files: [SwiftFile], reserved: Set<String>) -> [String] {
        var problems: [String] = []
        var topLevel: [String: String] = [:]
        for file in files {
            for component in file.path.split(separator: "/") where component.utf8.count > 255 {
                problems.append("\(file.path): file name of \(component.utf8.count) bytes")
            }
            if file.path.split(separator: "/").last?.lowercased() == "main.swift" {
                problems.append("\(file.path): SwiftPM would build the module as an executable")
            }
            guard let name = typeName(of: file.declaration) else { continue }
            if let other = topLevel[name.lowercased()] { problems.append("\(file.path): type \(name) also declared as \(other)") }
            topLevel[name.lowercased()] = name
            if reserved.contains(name) { problems.append("\(file.path): type named like the reserved \(name)") }
            check(file.declaration, path: file.path, into: &problems)
        }
        return problems
    }

    static func typeName(of declaration: SwiftDeclaration) -> String? {
        switch declaration {
        case .structure(let value): value.name.text
        case .enumeration(let value): value.name.text
        default: nil
        }
    }

    static func check(_ declaration: SwiftDeclaration, path: String, into problems: inout [String]) {
        let members: [SwiftDeclaration]
        var implicit: [String] = []
        switch declaration {
        case .structure(let value): members = value.members
        case .enumeration(let value):
            members = value.members
            let conformances = value.conformances.map { SwiftPrinter.type($0) }
            if value.rawType != nil || conformances.contains("Swift.RawRepresentable") { implicit.append("RawValue") }
            if conformances.contains("Swift.CaseIterable") { implicit.append("AllCases") }
        default: return
        }
        var memberNames: [String: Int] = [:]
        var signatures: [String: Int] = [:]
        for member in members {
            switch member {
            case .function(let function):
                signatures["\(function.isStatic ? "static " : "")\(function.name.text)(\(function.parameters.map { ($0.label?.text ?? "_") + ":" }.joined()))", default: 0] += 1
            case .property(let property): memberNames[property.name.text, default: 0] += 1
            case .enumCase(let enumCase): memberNames[enumCase.name.text, default: 0] += 1
            case .structure, .enumeration:
                memberNames[typeName(of: member)!, default: 0] += 1
                check(member, path: path, into: &problems)
            default: break
            }
        }
        for (name, count) in memberNames where count > 1 { problems.append("\(path): member \(name) declared \(count) times") }
        for (signature, count) in signatures where count > 1 { problems.append("\(path): function \(signature) declared \(count) times") }
        var referenced: Set<String> = []
        for member in members { collectTypes(member, into: &referenced) }
        for name in referenced.sorted() {
            if memberNames[name] != nil, !members.contains(where: { typeName(of: $0) == name }) {
                problems.append("\(path): member \(name) hides the type \(name) that the declaration refers to")
            }
            if implicit.contains(name) { problems.append("\(path): refers to type \(name), which inside it is its own \(name)") }
        }
    }

    static func collectTypes(_ declaration: SwiftDeclaration, into names: inout Set<String>) {
        switch declaration {
        case .property(let property):
            collect(property.type, &names)
            switch property.kind {
            case .stored: break
            case .staticConstant(let expression): collect(expression, &names)
            case .computed(let body), .staticComputed(let body): body.forEach { collect($0, &names) }
            case .accessors(let getter, let setter): (getter + setter).forEach { collect($0, &names) }
            }
        case .function(let function):
            function.parameters.forEach { collect($0, &names) }
            function.returnType.map { collect($0, &names) }
            function.body.forEach { collect($0, &names) }
        case .initializer(let initializer):
            initializer.parameters.forEach { collect($0, &names) }
            initializer.body.forEach { collect($0, &names) }
        case .subscriptDeclaration(let value):
            value.parameters.forEach { collect($0, &names) }
            collect(value.returnType, &names)
            value.body.forEach { collect($0, &names) }
        case .enumCase(let enumCase): enumCase.associatedValue.map { collect($0, &names) }
        case .structure, .enumeration: break
        }
    }

    static func collect(_ parameter: SwiftParameter, _ names: inout Set<String>) {
        collect(parameter.type, &names)
        parameter.defaultValue.map { collect($0, &names) }
    }

    static func collect(_ type: SwiftType, _ names: inout Set<String>) {
        switch type {
        case .local(let name): names.insert(name.text)
        case .qualified: break
        case .optional(let inner), .array(let inner), .existential(let inner): collect(inner, &names)
        case .dictionary(let key, let value): collect(key, &names); collect(value, &names)
        case .generic(_, _, let arguments): arguments.forEach { collect($0, &names) }
        }
    }

    static func collect(_ statement: SwiftStatement, _ names: inout Set<String>) {
        switch statement {
        case .expression(let value), .constant(_, let value), .variable(_, let value), .throwStatement(let value): collect(value, &names)
        case .assignment(let target, let value): collect(target, &names); collect(value, &names)
        case .returnStatement(let value): value.map { collect($0, &names) }
        case .switchStatement(let subject, let cases):
            collect(subject, &names)
            for item in cases { item.body.forEach { collect($0, &names) } }
        }
    }

    static func collect(_ expression: SwiftExpression, _ names: inout Set<String>) {
        switch expression {
        case .metatype(let type), .type(let type): collect(type, &names)
        case .member(let base, _): collect(base, &names)
        case .call(let callee, let arguments, let trailing):
            collect(callee, &names)
            arguments.forEach { collect($0.value, &names) }
            trailing?.body.forEach { collect($0, &names) }
        case .subscriptAccess(let base, let index): collect(base, &names); collect(index, &names)
        case .subscriptCall(let base, let arguments):
            collect(base, &names)
            arguments.forEach { collect($0.value, &names) }
        case .initializerReference(let base): collect(base, &names)
        case .tryExpression(let inner), .awaitExpression(let inner): collect(inner, &names)
        case .binary(let lhs, _, let rhs): collect(lhs, &names); collect(rhs, &names)
        case .ternary(let a, let b, let c): collect(a, &names); collect(b, &names); collect(c, &names)
        case .arrayLiteral(let elements): elements.forEach { collect($0, &names) }
        case .dictionaryLiteral(let entries): for (key, value) in entries { collect(key, &names); collect(value, &names) }
        case .name, .inout, .selfReference, .implicitMember, .stringLiteral, .integerLiteral, .booleanLiteral, .nilLiteral, .discard: break
        }
    }
}

@Suite("Colliding names")
struct NameCollisionTests {
    static let reserved = Set(SwiftNaming.importedModules + SwiftNaming.moduleReserved + ["GraphV1", "GraphRuntime"])

    @Test("the generated names cover every keyword, standard and runtime name, emitter name and normalisation group")
    func namesAreSystematic() throws {
        let names = try CollidingNames.all()
        for expected in ["default", "Type", "RawValue", "CodingKeys", "JSONValue", "GraphClient", "additionalData", "pathSegments", "jsonObject", "GraphV1Client", "日本", "3d"] {
            #expect(names.contains(expected), "\(expected)")
        }
        #expect(names.count > 250)
    }

    @Test("every name of the colliding model is unique in its scope and hides no type the code refers to")
    func scopesHoldForCollidingNames() throws {
        let files = SwiftEmitter.files(for: CollidingNames.collidingModel(try CollidingNames.all()))
        #expect(files.count > 300)
        let problems = ScopeCheck.problems(files.filter { $0.path.hasPrefix("GraphV1/") }, reserved: Self.reserved)
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(30).joined(separator: "\n"))")
    }

    @Test("the cases the issue names: an enum rawValue, a type and property 3d, two non-Latin names, a derived type named like its case")
    func examplesOfTheIssue() throws {
        let m = model(version(
            types: [typeDefinition("3d", properties: [property("3d", .named("3d"))]),
                    typeDefinition("日本", properties: [string("id")]), typeDefinition("中国", properties: [property("日本", .named("日本"))]),
                    typeDefinition("base"), typeDefinition("_3d", base: "base", properties: [string("x")]),
                    typeDefinition("usesRaw", properties: [property("kind", .named("rawValue"))]), typeDefinition("main")],
            enums: [enumDefinition("rawValue", members: ["a", "b"])]
        ))
        let files = SwiftEmitter.files(for: m)
        let problems = ScopeCheck.problems(files, reserved: Self.reserved)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        let paths = Set(files.map(\.path))
        #expect(paths.contains("GraphV1/Enums/RawValue_2.swift"))
        #expect(paths.contains("GraphV1/Types/Main_2.swift"))
        #expect(paths.contains("GraphV1/Types/T3d.swift"))
        #expect(paths.contains("GraphV1/Types/U65E5U672C.swift") && paths.contains("GraphV1/Types/U4E2DU56FD.swift"))
        let text = emitted(m)
        #expect(hasLine(file(text, "GraphV1/Types/T3d.swift"), "public var _3d: GraphRuntime.Indirect<T3d>? {"))
        #expect(hasLine(file(text, "GraphV1/Types/AnyBase.swift"), "case _3d(T3d_2)"))
    }

    @Test("a type name of 300 characters and more gives file names within 255 bytes, distinct and stable")
    func longNamesFitFileNames() {
        let long = String(repeating: "veryLongName", count: 30)
        let m = model(version(types: [typeDefinition(long + "A"), typeDefinition(long + "B"), typeDefinition(long, properties: [string("x")]),
                                      typeDefinition(long + "C", base: long)],
                              enums: [enumDefinition(long + "Enum", members: ["a"])]))
        let paths = SwiftEmitter.emit(m).map(\.path)
        for path in paths {
            #expect(path.split(separator: "/").allSatisfy { $0.utf8.count <= 255 }, "\(path)")
        }
        #expect(Set(paths).count == paths.count)
        #expect(paths.filter { $0.contains("/Types/") }.count == 5, "four structs and AnyX: \(paths)")
        #expect(SwiftEmitter.emit(m).map(\.path) == paths)
        let module = SwiftEmitter.moduleName(for: String(repeating: "v", count: 300)).text
        #expect(module.utf8.count <= 255)
    }

    @Test(
        "the colliding model compiles",
        .enabled(if: ProcessInfo.processInfo.environment["DOCGEN_COMPILE_TESTS"] == "1",
                 "compiles generated code with `swift build` (a few minutes); set DOCGEN_COMPILE_TESTS=1 to run it")
    )
    func collidingModelCompiles() throws {
        try expectCompiles(SwiftEmitter.emit(CollidingNames.collidingModel(try CollidingNames.all())))
    }
}

@Suite("Module names")
struct ModuleNameTests {
    @Test("a version named like the runtime, the catalog or an imported module never takes that module's name, and is reported")
    func reservedModuleNames() {
        for versionName in ["Runtime", "runtime", "RuntimeTests"] {
            let m = model(version("v1.0"), version(versionName, types: [typeDefinition("a")]))
            let names = SwiftEmitter.versionModules(of: m).map(\.name.text)
            #expect(!names.contains("GraphRuntime") && !names.contains("GraphRuntimeTests"), "\(names)")
            #expect(SwiftEmitter.moduleNameConflicts(of: m).map(\.code) == [.moduleNameConflict])
        }
        #expect(SwiftEmitter.moduleNameConflicts(of: model(version("v1.0"), version("beta"))).isEmpty)
    }

    @Test("a folder v1 beside v1.0 is an error naming both, instead of a silent rename of GraphV1")
    func versionsThatShareAModuleName() throws {
        let m = model(version("v1.0", types: [typeDefinition("a")]), version("v1", types: [typeDefinition("b")]))
        let conflicts = SwiftEmitter.moduleNameConflicts(of: m)
        #expect(conflicts.count == 1)
        let message = try #require(conflicts.first?.message)
        #expect(message.contains("'v1.0'") && message.contains("'v1'") && message.contains("GraphV1"))
        #expect(conflicts.first?.severity == .error)
    }
}

@Suite("Cycles of by-value references")
struct CycleTests {
    /// Whether `to` can be reached from `from` in one or more steps, the slow way.
    static func reaches(_ successors: [[Int]], _ from: Int, _ to: Int) -> Bool {
        var seen: Set<Int> = []
        var stack = successors[from]
        while let node = stack.popLast() {
            if node == to { return true }
            if seen.insert(node).inserted { stack += successors[node] }
        }
        return false
    }

    @Test("strongly connected components agree with reachability on 300 seeded random graphs")
    func componentsMatchReachability() {
        var generator = SeededGenerator(seed: 13)
        for _ in 0..<300 {
            let count = Int.random(in: 1...12, using: &generator)
            let successors = (0..<count).map { _ in (0..<Int.random(in: 0...3, using: &generator)).map { _ in Int.random(in: 0..<count, using: &generator) } }
            let component = StronglyConnectedComponents.components(successors)
            for a in 0..<count {
                for b in 0..<count where a != b {
                    let same = Self.reaches(successors, a, b) && Self.reaches(successors, b, a)
                    #expect((component[a] == component[b]) == same, "\(successors): \(a), \(b)")
                }
            }
        }
    }

    @Test("every property of a 5,000-type cycle is boxed, the property that leaves it is not, and deep chains do not overflow the stack")
    func longCycle() {
        let count = 5_000
        var types = (0..<count).map { index in
            typeDefinition("t\(index)", properties: [property("next", .named("t\((index + 1) % count)")), property("out", .named("leaf"))])
        }
        types.append(typeDefinition("leaf", properties: [string("x")]))
        // A chain of 5,000 types that leads into the cycle but is not part of it.
        types += (0..<count).map { index in typeDefinition("c\(index)", properties: [property("next", .named(index + 1 < count ? "c\(index + 1)" : "t0"))]) }
        let version = version(types: types)
        let boxed = ModuleEmitter.cycleClosingProperties(version: version, index: TypeIndex(version), polymorphic: [])
        #expect(boxed.count == count)
        #expect(boxed.contains("t0.next") && boxed.contains("t4999.next"))
        #expect(!boxed.contains("t0.out") && !boxed.contains("c0.next") && !boxed.contains("c4999.next"))
    }
}
