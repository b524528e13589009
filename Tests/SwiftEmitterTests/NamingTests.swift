import DocgenModel
@testable import SwiftEmitter
import Testing

/// The naming rules at the top of SwiftNaming.swift, one test each, on `SwiftNaming` and on emitted code.
@Suite("Naming rules")
struct NamingTests {
    @Test("Rule 1: words split at every non-alphanumeric character (@odata.type -> odataType)")
    func wordsSplitAtPunctuation() {
        #expect(SwiftNaming.words("@odata.type") == ["odata", "type"])
        #expect(SwiftNaming.memberName("@odata.type").text == "odataType")
        #expect(SwiftNaming.memberName("@odata.nextLink").text == "odataNextLink")
        #expect(SwiftNaming.memberName("display name").text == "displayName")
        #expect(SwiftNaming.memberName("a/b..c`d-e_f").text == "aBCDEF")
        #expect(SwiftNaming.typeName("device-configuration assignment").text == "DeviceConfigurationAssignment")

        let files = emitted(model(version(types: [typeDefinition("widget", properties: [string("@odata.nextLink")])])))
        let widget = file(files, "GraphV1/Types/Widget.swift")
        #expect(hasLine(widget, "public var odataType: Swift.String? {"))
        #expect(hasLine(widget, "public var odataNextLink: Swift.String? {"))
        #expect(hasLine(widget, "case odataType = \"@odata.type\""))
        #expect(hasLine(widget, "case odataNextLink = \"@odata.nextLink\""))
    }

    @Test("Rule 2: the case inside a word is kept; only the first letter follows the declaration kind")
    func caseInsideWordsIsKept() {
        #expect(SwiftNaming.memberName("deviceAndAppManagementAssignmentFilterId").text == "deviceAndAppManagementAssignmentFilterId")
        #expect(SwiftNaming.typeName("deviceAndAppManagementAssignmentFilterId").text == "DeviceAndAppManagementAssignmentFilterId")
        #expect(SwiftNaming.memberName("DisplayName").text == "displayName")
        #expect(SwiftNaming.memberName("ID").text == "iD")
        #expect(SwiftNaming.typeName("windows10GeneralConfiguration").text == "Windows10GeneralConfiguration")
        #expect(SwiftNaming.memberName("is managed").text == "isManaged")
        #expect(SwiftNaming.caseName("notConfigured").text == "notConfigured")
    }

    @Test("Rule 3: a member that would start with a digit gets a leading underscore (3d -> _3d), a type a leading T (T3d)")
    func leadingDigit() {
        #expect(SwiftNaming.memberName("3d").text == "_3d")
        #expect(SwiftNaming.memberName("@3d.x").text == "_3dX")
        #expect(SwiftNaming.typeName("3dModel").text == "T3dModel")
        #expect(SwiftNaming.typeName("3d").text != SwiftNaming.memberName("3d").text)
        #expect(SwiftNaming.caseName("1").text == "_1")

        let files = emitted(model(version(enums: [enumDefinition("level", members: ["3d", "2"])])))
        let level = file(files, "GraphV1/Enums/Level.swift")
        #expect(hasLine(level, "case _3d"))
        #expect(hasLine(level, "case _2"))
        #expect(hasLine(level, "case \"3d\":"))
    }

    @Test("Rule 4: keywords are written with backticks wherever the printed code uses them")
    func keywordsGetBackticks() {
        for keyword in ["default", "class", "protocol", "in", "func", "return", "where", "throws", "true", "nil", "is", "as"] {
            #expect(SwiftNaming.memberName(keyword).text == keyword, "the name itself stays \(keyword)")
            #expect(SwiftPrinter.name(SwiftNaming.memberName(keyword)) == "`\(keyword)`")
        }
        let type = typeDefinition("widget", properties: ["default", "class", "protocol", "in"].map { string($0) })
        let widget = file(emitted(model(version(types: [type]))), "GraphV1/Types/Widget.swift")
        for keyword in ["default", "class", "protocol", "in"] {
            #expect(hasLine(widget, "public var `\(keyword)`: Swift.String? {"))
            #expect(hasLine(widget, "case `\(keyword)`"), "CodingKeys case")
            #expect(hasLine(widget, "GraphRuntime.JSONMembers.put(`\(keyword)`, \"\(keyword)\", &additionalData)"), "memberwise initializer")
            #expect(hasLine(widget, "get { self[member: .`\(keyword)`] }"))
            #expect(hasLine(widget, "set { self[member: .`\(keyword)`] = newValue }"))
            #expect(widget.contains("`\(keyword)`: Swift.String? = nil"), "initializer parameter")
        }
        // Nowhere is a keyword used bare as a declared name.
        #expect(!hasLine(widget, "public var default: Swift.String? {"))
        #expect(!hasLine(widget, "case in"))
    }

    @Test("Rule 4: self, Self, init, deinit, subscript, super, Type, Protocol, Any get a trailing underscore")
    func unusableKeywordsGetSuffix() {
        #expect(SwiftNaming.memberName("self").text == "self_")
        #expect(SwiftNaming.memberName("Self").text == "self_")
        #expect(SwiftNaming.memberName("init").text == "init_")
        #expect(SwiftNaming.memberName("deinit").text == "deinit_")
        #expect(SwiftNaming.memberName("subscript").text == "subscript_")
        #expect(SwiftNaming.memberName("super").text == "super_")
        #expect(SwiftNaming.typeName("type").text == "Type_")
        #expect(SwiftNaming.typeName("Type").text == "Type_")
        #expect(SwiftNaming.typeName("protocol").text == "Protocol_")
        #expect(SwiftNaming.typeName("self").text == "Self_")
        #expect(SwiftNaming.typeName("any").text == "Any_")
        #expect(SwiftNaming.caseName("init").text == "init_")
        // Suffixed names are plain identifiers: no backticks.
        #expect(SwiftPrinter.name(SwiftNaming.memberName("self")) == "self_")

        let type = typeDefinition("widget", properties: ["self", "init", "subscript"].map { string($0) })
        let files = emitted(model(version(types: [type, typeDefinition("type"), typeDefinition("protocol")])))
        let widget = file(files, "GraphV1/Types/Widget.swift")
        #expect(hasLine(widget, "public var self_: Swift.String? {"))
        #expect(hasLine(widget, "case self_ = \"self\""))
        #expect(hasLine(widget, "case init_ = \"init\""))
        #expect(hasLine(widget, "case subscript_ = \"subscript\""))
        #expect(hasLine(file(files, "GraphV1/Types/Type_.swift"), "public struct Type_: GraphRuntime.JSONBackedObject {"))
        #expect(files["GraphV1/Types/Protocol_.swift"] != nil)
    }

    @Test("Rule 5: enum members none, some and unrecognized become noneValue, someValue, unrecognizedValue")
    func optionalCaseNames() {
        #expect(SwiftNaming.caseName("none").text == "noneValue")
        #expect(SwiftNaming.caseName("None").text == "noneValue")
        #expect(SwiftNaming.caseName("some").text == "someValue")
        #expect(SwiftNaming.caseName("unrecognized").text == "unrecognizedValue")
        #expect(SwiftNaming.caseName("noneOf").text == "noneOf")
        // Only enum cases: a property may be called `none`.
        #expect(SwiftNaming.memberName("none").text == "none")

        let m = model(version(enums: [enumDefinition("choice", members: ["none", "some", "unrecognized", "other"])]))
        let choice = file(emitted(m), "GraphV1/Enums/Choice.swift")
        #expect(caseNames(declaration(m, "GraphV1/Enums/Choice.swift")) == ["noneValue", "someValue", "unrecognizedValue", "other", "unrecognized"])
        #expect(hasLine(choice, "case \"none\":"))
        #expect(hasLine(choice, "self = .noneValue"))
        #expect(hasLine(choice, "case .unrecognizedValue:"))
        #expect(hasLine(choice, "return \"unrecognized\""))
        #expect(hasLine(choice, "case unrecognized(Swift.String)"))
        #expect(!hasLine(choice, "case none"))
        #expect(!hasLine(choice, "case some"))
    }

    @Test("Rule 6: types named String, Date or Error keep their name; generated code says Swift.String")
    func standardNamesAreNotShadowed() {
        #expect(SwiftNaming.typeName("string").text == "String")
        #expect(SwiftNaming.typeName("date").text == "Date")
        #expect(SwiftNaming.typeName("error").text == "Error")

        let holder = typeDefinition("holder", properties: [
            string("text"), property("custom", .named("string")), property("when", .primitive(.date)),
            property("flag", .primitive(.boolean)), property("count", .primitive(.int32)),
        ])
        let types = [holder, typeDefinition("string"), typeDefinition("date"), typeDefinition("error")]
        let files = emitted(model(version(types: types, enums: [enumDefinition("kind", members: ["a"])])))
        #expect(hasLine(file(files, "GraphV1/Types/String.swift"), "public struct String: GraphRuntime.JSONBackedObject {"))
        #expect(files["GraphV1/Types/Date.swift"] != nil)
        #expect(files["GraphV1/Types/Error.swift"] != nil)
        let holderText = file(files, "GraphV1/Types/Holder.swift")
        #expect(hasLine(holderText, "public var text: Swift.String? {"))
        #expect(hasLine(holderText, "public var custom: String? {"), "the page's own `string` type")
        #expect(hasLine(holderText, "public var when: GraphRuntime.GraphDate? {"))
        #expect(hasLine(holderText, "public var flag: Swift.Bool? {"))
        #expect(hasLine(holderText, "public var count: Swift.Int32? {"))
        #expect(hasLine(holderText, "public var jsonObject: [Swift.String: GraphRuntime.JSONValue]"))
        #expect(holderText.contains("text: Swift.String? = nil,\n        custom: String? = nil,"))

        // The page's own types aside, no standard type is ever named without its module: in a model with no
        // such page types, no bare standard name appears in code at all.
        for (path, text) in emitted(structureModel).merging(emitted(orderSensitiveModel), uniquingKeysWith: { a, _ in a }) {
            for name in bareStandardNames(in: text) { Issue.record("\(path): bare `\(name)`") }
        }
    }

    @Test("Rule 6: a type named like Swift, Foundation or GraphRuntime gets a trailing underscore")
    func moduleNamedTypesGetSuffix() {
        #expect(SwiftNaming.typeName("swift").text == "Swift_")
        #expect(SwiftNaming.typeName("Swift").text == "Swift_")
        #expect(SwiftNaming.typeName("foundation").text == "Foundation_")
        #expect(SwiftNaming.typeName("graphRuntime").text == "GraphRuntime_")
        #expect(SwiftNaming.typeName("graph runtime").text == "GraphRuntime_")
        // Only whole names: a type that merely starts with a module name keeps it.
        #expect(SwiftNaming.typeName("swiftPackage").text == "SwiftPackage")

        let files = emitted(model(version(types: [typeDefinition("swift"), typeDefinition("foundation"), typeDefinition("graphRuntime")])))
        #expect(files["GraphV1/Types/Swift_.swift"] != nil)
        #expect(files["GraphV1/Types/Foundation_.swift"] != nil)
        #expect(files["GraphV1/Types/GraphRuntime_.swift"] != nil)
        #expect(files["GraphV1/Types/Swift.swift"] == nil)
    }

    @Test("Rule 6: a type named like its own module (or that module's client and catalog) is renamed")
    func ownModuleNamedTypeIsRenamed() {
        // SwiftNaming.swift's rule 6 says such a type "gets a trailing `_`"; the code gives it the next free
        // collision suffix instead (`GraphV1_2`). Either compiles; this test holds only what both promise.
        let files = emitted(model(version(types: [typeDefinition("graphV1"), typeDefinition("graphV1Client"), typeDefinition("graphV1Module")])))
        let typePaths = files.keys.filter { $0.hasPrefix("GraphV1/Types/") }.sorted()
        #expect(typePaths.count == 3)
        for path in typePaths {
            let name = String(path.dropFirst("GraphV1/Types/".count).dropLast(".swift".count))
            #expect(name.hasPrefix("GraphV1") && name.contains("_"), "\(name) must not be GraphV1, GraphV1Client or GraphV1Module")
            #expect(hasLine(file(files, path), "public struct \(name): GraphRuntime.JSONBackedObject {"))
        }
        #expect(hasLine(file(files, "GraphV1/GraphV1Client.swift"), "public struct GraphV1Client: Swift.Sendable {"))
        #expect(hasLine(file(files, "GraphV1/GraphV1Module.swift"), "public enum GraphV1Module: GraphRuntime.GeneratedAPIModule, GraphRuntime.GeneratedWrappedValues {"))
    }

    @Test("A type named CodingKeys, or like another generated module, is renamed so nothing hides it")
    func typesThatWouldBeHidden() {
        // Inside every struct, `CodingKeys` means the struct's own keys; the catalog module names each
        // version module (`GraphV1.GraphV1Module`), which a type of that name in another module would hide.
        let types = [typeDefinition("codingKeys"), typeDefinition("graphBeta"), typeDefinition("graphV1"),
                     typeDefinition("holder", properties: [property("keys", .named("codingKeys"))])]
        let m = model(version("v1.0", types: types), version("beta", types: types))
        let files = emitted(m)
        for module in ["GraphV1", "GraphBeta"] {
            #expect(files["\(module)/Types/CodingKeys.swift"] == nil)
            #expect(hasLine(file(files, "\(module)/Types/CodingKeys_2.swift"), "public struct CodingKeys_2: GraphRuntime.JSONBackedObject {"))
            #expect(hasLine(file(files, "\(module)/Types/Holder.swift"), "public var keys: CodingKeys_2? {"))
            #expect(files["\(module)/Types/GraphV1.swift"] == nil)
            #expect(files["\(module)/Types/GraphBeta.swift"] == nil)
            #expect(files["\(module)/Types/GraphV1_2.swift"] != nil)
            #expect(files["\(module)/Types/GraphBeta_2.swift"] != nil)
        }
        #expect(hasLine(file(files, "GeneratedCatalog/GeneratedModules.swift"), "return [GraphBeta.GraphBetaModule.self, GraphV1.GraphV1Module.self]"))
    }

    @Test("Rule 7: displayName and DisplayName in one type become displayName and displayName_2")
    func memberCollisions() {
        var scope = NameScope()
        #expect(scope.claim(SwiftNaming.memberName("displayName")).text == "displayName")
        #expect(scope.claim(SwiftNaming.memberName("DisplayName")).text == "displayName_2")
        #expect(scope.claim(SwiftNaming.memberName("display-name")).text == "displayName_3")

        let type = typeDefinition("widget", properties: [string("displayName"), string("DisplayName")])
        let structure = declaration(model(version(types: [type])), "GraphV1/Types/Widget.swift")
        #expect(typedPropertyNames(structure) == ["odataType", "displayName", "displayName_2"])
        #expect(codingKeys(structure) == ["odataType": "@odata.type", "displayName": "displayName", "displayName_2": "DisplayName"])
    }

    @Test("Rule 7: a property named additionalData (or wireNames) gets _2; the struct keeps additionalData")
    func reservedMemberNames() {
        let type = typeDefinition("widget", properties: [string("additionalData"), string("@odata.type"), string("wireNames")])
        let files = model(version(types: [type]))
        let structure = declaration(files, "GraphV1/Types/Widget.swift")
        #expect(typedPropertyNames(structure) == ["odataType", "additionalData_2", "wireNames_2"])
        #expect(storedPropertyNames(structure) == ["jsonObject"])
        #expect(codingKeys(structure)["additionalData_2"] == "additionalData")
        // `wireNames` stays taken, so that names do not change with the shape of the struct.
        #expect(codingKeys(structure)["wireNames_2"] == "wireNames")
        #expect(codingKeys(structure)["wireNames"] == nil)
        #expect(codingKeys(structure)["additionalData"] == nil, "additionalData is not a wire key")
        let text = file(emitted(files), "GraphV1/Types/Widget.swift")
        // `additionalData` comes with `GraphRuntime.JSONBackedObject`.
        #expect(hasLine(text, "public struct Widget: GraphRuntime.JSONBackedObject {"))
        #expect(hasLine(text, "public var additionalData_2: Swift.String? {"))
    }

    @Test("Rule 7: names collide across a module's types, enums and wrappers, and get _2")
    func moduleCollisions() {
        let types = [typeDefinition("shape"), typeDefinition("square", base: "shape"), typeDefinition("anyShape"),
                     typeDefinition("x y"), typeDefinition("xY")]
        let m = model(version(types: types, enums: [enumDefinition("x-y", members: ["a"])],
                              operations: [operation("GET", "/xY")]))
        let files = emitted(m)
        let names = Set(files.keys.filter { $0.hasPrefix("GraphV1/Types/") || $0.hasPrefix("GraphV1/Enums/") })
        #expect(names == [
            "GraphV1/Types/AnyShape.swift", "GraphV1/Types/AnyShape_2.swift", "GraphV1/Types/Shape.swift", "GraphV1/Types/Square.swift",
            "GraphV1/Types/XY.swift", "GraphV1/Types/XY_2.swift", "GraphV1/Enums/XY_3.swift",
        ])
        // The page type `anyShape` keeps the plain name; the wrapper of `shape` takes the next one.
        #expect(hasLine(file(files, "GraphV1/Types/AnyShape_2.swift"), "public enum AnyShape_2: GraphRuntime.JSONObjectRepresentable {"))
        // Request builders share the module scope: a page type already called `XYRequestBuilder` keeps it.
        let withBuilderNamedType = emitted(model(version(types: [typeDefinition("xYRequestBuilder")], operations: [operation("GET", "/xY")])))
        #expect(withBuilderNamedType["GraphV1/Types/XYRequestBuilder.swift"] != nil)
        #expect(hasLine(file(withBuilderNamedType, "GraphV1/RequestBuilders/XYRequestBuilder_2.swift"), "public struct XYRequestBuilder_2: Swift.Sendable {"))
    }

    @Test("Rule 7: enum members that differ only in punctuation or case get _2; rawValue is reserved")
    func enumMemberCollisions() {
        let m = model(version(enums: [enumDefinition("mode", members: ["a-b", "aB", "rawValue", "AB"])]))
        #expect(caseNames(declaration(m, "GraphV1/Enums/Mode.swift")) == ["aB", "aB_2", "rawValue_2", "aB_3", "unrecognized"])
        let text = file(emitted(m), "GraphV1/Enums/Mode.swift")
        #expect(hasLine(text, "case \"AB\":"))
        #expect(trimmedLines(text).firstIndex(of: "case \"AB\":").map { trimmedLines(text)[$0 + 1] } == "self = .aB_3")
    }

    @Test("Rule 7: a request builder's children named like its verbs or stored members get _2")
    func builderReservedNames() {
        let m = model(version(operations: [
            operation("GET", "/a"), operation("GET", "/a/get"), operation("GET", "/a/client"), operation("GET", "/a/pathSegments"),
            operation("GET", "/client"), operation("GET", "/apiVersion"),
        ]))
        let files = emitted(m)
        let a = file(files, "GraphV1/RequestBuilders/ARequestBuilder.swift")
        #expect(signature(a, "get") == "public func get(\(noOptions)) async throws -> GraphRuntime.JSONValue {")
        #expect(hasLine(a, "public var get_2: AGetRequestBuilder {"))
        #expect(hasLine(a, "public var client_2: AClientRequestBuilder {"))
        #expect(hasLine(a, "public var pathSegments_2: APathSegmentsRequestBuilder {"))
        #expect(hasLine(a, "return AGetRequestBuilder(client: self.client, pathSegments: self.pathSegments + [\"get\"])"))
        let client = file(files, "GraphV1/GraphV1Client.swift")
        #expect(hasLine(client, "public var client_2: ClientRequestBuilder {"))
        #expect(hasLine(client, "public var apiVersion_2: ApiVersionRequestBuilder {"))
    }

    @Test("Rule 8: a member with no letters or digits becomes _unnamed, a type Unnamed")
    func emptyNames() {
        #expect(SwiftNaming.memberName("").text == "_unnamed")
        #expect(SwiftNaming.memberName("@#!..").text == "_unnamed")
        #expect(SwiftNaming.typeName("...").text == "Unnamed")
        #expect(SwiftNaming.caseName("").text == "_unnamed")
        #expect(SwiftNaming.caseName(" - ").text == "_unnamed")

        let m = model(version(types: [typeDefinition("widget", properties: [string(""), string("..")])],
                              enums: [enumDefinition("mode", members: ["", "-"])]))
        #expect(typedPropertyNames(declaration(m, "GraphV1/Types/Widget.swift")) == ["odataType", "_unnamed", "_unnamed_2"])
        #expect(codingKeys(declaration(m, "GraphV1/Types/Widget.swift"))["_unnamed_2"] == "..")
        #expect(caseNames(declaration(m, "GraphV1/Enums/Mode.swift")) == ["_unnamed", "_unnamed_2", "unrecognized"])
        #expect(hasLine(file(emitted(m), "GraphV1/Enums/Mode.swift"), "case \"\":"))
    }

    @Test("Rule 1: letters and digits outside ASCII are encoded, so different non-Latin names stay different; every name is plain ASCII")
    func nonASCIILettersEncoded() {
        #expect(SwiftNaming.memberName("café").text == "cafUE9")
        #expect(SwiftNaming.memberName("éclair").text == "uE9clair")
        #expect(SwiftNaming.typeName("日本").text == "U65E5U672C")
        #expect(SwiftNaming.typeName("中国").text == "U4E2DU56FD")
        #expect(SwiftNaming.typeName("Ωmega").text == "U3A9mega")
        #expect(SwiftNaming.memberName("名前 name").text == "u540DU524DName")
        // Invisible and punctuation characters still only separate words.
        #expect(SwiftNaming.memberName("\u{202E}evil\u{200D}").text == "evil")
        let texts = ["straße", "strase", "naïve", "naive", "Ünïcödé", "emoji🎉name", "ｆｕｌｌ", "x\u{301}y", "١٢٣", "日本", "中国", "русский", "ελληνικά", "עברית"]
        var seen: [String: String] = [:]
        for text in texts {
            for name in [SwiftNaming.memberName(text), SwiftNaming.typeName(text), SwiftNaming.caseName(text)] {
                #expect(name.text.unicodeScalars.allSatisfy { $0.isASCII }, "\(text) -> \(name.text)")
                #expect(SwiftNaming.isValidIdentifier(name.text))
            }
            let name = SwiftNaming.typeName(text).text
            #expect(seen[name] == nil, "\(text) and \(seen[name] ?? "") both become \(name)")
            seen[name] = text
        }
    }

    @Test("Module names: v1.0 -> GraphV1, beta -> GraphBeta, v2.1 -> GraphV2_1")
    func moduleNames() {
        #expect(SwiftEmitter.moduleName(for: "v1.0").text == "GraphV1")
        #expect(SwiftEmitter.moduleName(for: "beta").text == "GraphBeta")
        #expect(SwiftEmitter.moduleName(for: "v2.1").text == "GraphV2_1")
        #expect(SwiftEmitter.moduleName(for: "v2.1-preview\u{202E}").text == "GraphV2_1preview")
    }
}

/// Standard-library, Foundation and runtime type names used in `text`'s code (outside comments and string
/// literals) without a module in front.
func bareStandardNames(in text: String) -> [String] {
    let standardNames: Set<String> = [
        "String", "Bool", "Int", "Int8", "Int16", "Int32", "Int64", "UInt8", "Float", "Double", "Set", "Array", "Dictionary",
        "Optional", "Data", "Decoder", "Encoder", "Codable", "Hashable", "Sendable", "CodingKey", "CaseIterable",
        "RawRepresentable", "Error", "Date", "JSONValue", "GraphClient", "CollectionPage", "AdditionalData", "ODataType",
        "GraphDateTimeOffset", "GraphDate", "GraphTimeOfDay", "GraphDuration", "GraphHTTPMethod", "GeneratedOperation",
        "GeneratedRoundTrip", "GeneratedAPIModule", "GeneratedTypeLookupError",
    ]
    var found: [String] = []
    for line in trimmedLines(text) where !line.hasPrefix("//") {
        guard let code = codeOutsideStringLiterals(line) else { continue }
        var word = ""
        var previous: Character = " "
        var wordStartPrevious: Character = " "
        for character in code + " " {
            if character.isLetter || character.isNumber || character == "_" {
                if word.isEmpty { wordStartPrevious = previous }
                word.append(character)
            } else {
                if standardNames.contains(word) && wordStartPrevious != "." { found.append(word) }
                word = ""
            }
            previous = character
        }
    }
    return found
}
