import DocgenModel
import Foundation
@testable import SwiftEmitter
import TestSupport
import Testing

/// What docgen.json changes in the Swift: the access level, names, primitive types, imports, the catalog.
@Suite("Emitter options")
struct EmitterOptionsTests {
    static let sample = model(version(
        types: [
            typeDefinition("widget", properties: [string("displayName"), property("createdDateTime", .primitive(.dateTimeOffset)), property("color", .named("color"))]),
            typeDefinition("fancyWidget", base: "widget", properties: [string("sparkle")]),
        ],
        enums: [enumDefinition("color", members: ["red", "blue"])],
        operations: [operation("GET", "/widgets/{widgetId}", responseBody: .named("widget"))]
    ))

    static func text(_ options: EmitterOptions) -> [String: String] {
        Dictionary(uniqueKeysWithValues: SwiftEmitter.emit(sample, options: options).map { ($0.path, $0.contents) })
    }

    @Test("every declaration gets the configured access level; public stays the default")
    func accessModifier() throws {
        for modifier in EmitterOptions.AccessModifier.allCases {
            let files = Self.text(EmitterOptions(accessModifier: modifier, generatesCatalog: modifier != .internal))
            let widget = try #require(files["GraphV1/Types/Widget.swift"])
            #expect(widget.contains("\(modifier.rawValue) struct Widget"))
            #expect(widget.contains("\(modifier.rawValue) var displayName: Swift.String?"))
            #expect(widget.contains("\(modifier.rawValue) init("))
            let others = EmitterOptions.AccessModifier.allCases.filter { $0 != modifier }.map(\.rawValue)
            for file in files.values {
                for line in file.split(separator: "\n") {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    guard !code.hasPrefix("//") else { continue }
                    #expect(!others.contains { code.hasPrefix($0 + " ") }, "\(code)")
                }
            }
            #expect((files["GeneratedCatalog/GeneratedModules.swift"] != nil) == (modifier != .internal))
        }
        #expect(Self.text(EmitterOptions()) == Dictionary(uniqueKeysWithValues: SwiftEmitter.emit(Self.sample).map { ($0.path, $0.contents) }))
    }

    @Test("name overrides rename types, enums, properties (also inherited ones) and enum cases everywhere they are used")
    func nameOverrides() throws {
        let files = Self.text(EmitterOptions(
            typeNames: ["microsoft.graph.Widget": "Gadget", "color": "Hue"],
            propertyNames: ["widget": ["displayName": "title"], "fancyWidget": ["sparkle": "glitter"]],
            enumCaseNames: ["color": ["red": "crimson"]]
        ))
        let gadget = try #require(files["GraphV1/Types/Gadget.swift"])
        #expect(files["GraphV1/Types/Widget.swift"] == nil)
        #expect(gadget.contains("public struct Gadget"))
        #expect(gadget.contains("public var title: Swift.String?"))
        #expect(gadget.contains("public var color: Hue?"))
        let fancy = try #require(files["GraphV1/Types/FancyWidget.swift"])
        // Inherited from widget: the base type's override applies.
        #expect(fancy.contains("public var title: Swift.String?"))
        #expect(fancy.contains("public var glitter: Swift.String?"))
        #expect(try #require(files["GraphV1/Types/AnyGadget.swift"]).contains("case gadget(Gadget)"))
        let hue = try #require(files["GraphV1/Enums/Hue.swift"])
        #expect(hue.contains("case crimson"))
        #expect(hue.contains("case blue"))
        #expect(files.values.contains { $0.contains("\"displayName\"") }, "the wire name stays")
    }

    @Test("a version's module can be given another name")
    func moduleNames() {
        var options = EmitterOptions()
        options.moduleNames = ["v1.0": "DeviceGraph"]
        let paths = Set(Self.text(options).keys)
        #expect(paths.contains("DeviceGraph/DeviceGraphClient.swift"))
        #expect(paths.contains("DeviceGraph/Types/Widget.swift"))
        #expect(!paths.contains { $0.hasPrefix("GraphV1/") })
    }

    @Test("a name override that collides is told apart like any other name")
    func overrideCollision() throws {
        let files = Self.text(EmitterOptions(propertyNames: ["widget": ["displayName": "color"]]))
        let widget = try #require(files["GraphV1/Types/Widget.swift"])
        #expect(widget.contains("public var color: Swift.String?"))
        #expect(widget.contains("public var color_2: Color?"))
    }

    @Test("a primitive's Swift type can be overridden, with the imports the type needs")
    func typeOverrides() throws {
        let files = Self.text(EmitterOptions(primitiveTypes: [.dateTimeOffset: "Foundation.Date"], additionalImports: ["Foundation"]))
        let widget = try #require(files["GraphV1/Types/Widget.swift"])
        #expect(widget.contains("public var createdDateTime: Foundation.Date?"))
        #expect(!widget.contains("GraphDateTimeOffset"))
        for (path, text) in files where path.hasPrefix("GraphV1/") {
            #expect(text.contains("\nimport Foundation\n"), "\(path)")
        }
        #expect(!(Self.text(EmitterOptions())["GraphV1/Types/Widget.swift"] ?? "").contains("import Foundation"))
    }

    @Test("a client with package access, renamed members and Foundation.Date compiles",
          .enabled(if: ProcessInfo.processInfo.environment["DOCGEN_COMPILE_TESTS"] == "1", "compiles generated code; set DOCGEN_COMPILE_TESTS=1"))
    func compiles() throws {
        let files = SwiftEmitter.emit(Self.sample, options: EmitterOptions(
            accessModifier: .package, typeNames: ["widget": "Gadget"], propertyNames: ["widget": ["displayName": "title"]],
            enumCaseNames: ["color": ["red": "crimson"]], primitiveTypes: [.dateTimeOffset: "Foundation.Date"], additionalImports: ["Foundation"]
        ))
        let outcome = try GeneratedPackageBuild.build(files.map { ($0.path, $0.contents) })
        #expect(outcome.succeeded, "\(outcome.errors)")
    }
}
