import DocgenConfig
import DocgenModel
import DocgenPipeline
import Foundation
import SwiftEmitter
import Testing

@Suite("docgen.json")
struct ConfigurationTests {
    /// The problems of a configuration text, as `line:column: message [code]`.
    static func problems(_ text: String) -> [String] {
        do {
            _ = try Configuration.parse(text, path: "docgen.json")
            return []
        } catch let error as ConfigurationError {
            return error.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message) [\($0.code.rawValue)]" }
        } catch {
            return ["\(error)"]
        }
    }

    @Test("every key is read into the options of the stages")
    func everyKey() throws {
        let configuration = try Configuration.parse("""
        {
          "input": "docs",
          "output": "Sources/Graph",
          "defaultAPIVersion": "beta",
          "versions": ["v1.0"],
          "modules": {"v1.0": "DeviceGraph"},
          "subset": ["GET /users/{id}", "/deviceManagement/managedDevices/**", "intune-"],
          "exclude": ["DELETE /deviceManagement/managedDevices/{id}"],
          "accessModifier": "package",
          "nameOverrides": {
            "types": {"deviceConfigurationAssignment": "ConfigurationAssignment"},
            "properties": {"microsoft.graph.managedDevice": {"id": "deviceID"}},
            "enumCases": {"deviceAndAppManagementAssignmentSource": {"direct": "directly"}}
          },
          "typeOverrides": {"Edm.DateTimeOffset": "Foundation.Date"},
          "additionalImports": ["Foundation"],
          "catalog": false
        }
        """, path: "docgen.json")
        #expect(configuration.input == "docs")
        #expect(configuration.output == "Sources/Graph")
        #expect(configuration.defaultAPIVersion == "beta")
        #expect(configuration.versions == ["v1.0"])
        #expect(configuration.subset == ["GET /users/{id}", "/deviceManagement/managedDevices/**", "intune-"])
        #expect(configuration.exclude == ["DELETE /deviceManagement/managedDevices/{id}"])
        let emitter = configuration.emitter
        #expect(emitter.accessModifier == .package)
        #expect(emitter.moduleNames == ["v1.0": "DeviceGraph"])
        #expect(emitter.typeNames == ["deviceconfigurationassignment": "ConfigurationAssignment"])
        #expect(emitter.propertyNames == ["manageddevice": ["id": "deviceID"]])
        #expect(emitter.enumCaseNames == ["deviceandappmanagementassignmentsource": ["direct": "directly"]])
        #expect(emitter.primitiveTypes == [.dateTimeOffset: "Foundation.Date"])
        #expect(emitter.additionalImports == ["Foundation"])
        #expect(emitter.generatesCatalog == false)
    }

    @Test("an unknown key is an error at the key's line, with the key it probably meant")
    func unknownKey() {
        #expect(Self.problems("{\n  \"input\": \"docs\",\n  \"acessModifier\": \"public\"\n}") == [
            "3:3: acessModifier: unknown key; known keys are input, output, defaultAPIVersion, versions, modules, subset, exclude, accessModifier, nameOverrides, typeOverrides, additionalImports, catalog [config-unknown-key]",
        ])
        #expect(Self.problems("{\"Output\": \"x\"}") == ["1:2: Output: unknown key (did you mean 'output'?) [config-unknown-key]"])
        #expect(Self.problems("{\"nameOverrides\": {\n \"type\": {}}}") == [
            "2:2: nameOverrides.type: unknown key; known keys are types, properties, enumCases [config-unknown-key]",
        ])
    }

    @Test("a value of the wrong JSON type is an error at the value, naming the key")
    func wrongTypes() {
        #expect(Self.problems("{\n\"versions\": \"v1.0\"}") == ["2:13: versions: expected an array of strings, found a string [config-wrong-type]"])
        #expect(Self.problems("{\"subset\": [\"a\", 3]}") == ["1:18: subset.1: expected a string, found a number [config-wrong-type]"])
        #expect(Self.problems("{\"catalog\": \"no\"}") == ["1:13: catalog: expected true or false, found a string [config-wrong-type]"])
        #expect(Self.problems("[]") == ["1:1: : expected an object, found an array [config-wrong-type]"])
    }

    @Test("values that cannot work are errors: access modifiers, identifiers, primitives, methods, internal with the catalog")
    func impossibleValues() {
        #expect(Self.problems("{\"accessModifier\": \"open\"}") == ["1:20: accessModifier: 'open' is not one of public, package, internal [config-invalid-value]"])
        #expect(Self.problems("{\"nameOverrides\": {\"types\": {\"user\": \"class\"}}}") == [
            "1:38: nameOverrides.types.user: 'class' is not a Swift identifier (ASCII letters, digits and '_', not starting with a digit, not a keyword) [config-invalid-value]",
        ])
        #expect(Self.problems("{\"typeOverrides\": {\"user\": \"Foundation.Date\"}}") == [
            "1:20: typeOverrides.user: 'user' is not a primitive type; overrides are for String, Boolean, Byte, SByte, Int16, Int32, Int64, Single, Double, Decimal, Guid, DateTimeOffset, Date, TimeOfDay, Duration, Binary, Stream, Json [config-invalid-value]",
        ])
        #expect(Self.problems("{\"typeOverrides\": {\"Guid\": \"Foundation..UUID\"}}") == [
            "1:28: typeOverrides.Guid: 'Foundation..UUID' is not a Swift type name (identifiers joined by '.', such as Foundation.Date) [config-invalid-value]",
        ])
        #expect(Self.problems("{\"subset\": [\"FETCH /users\"]}") == [
            "1:13: subset.0: 'FETCH' is not an HTTP method (DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT) [config-invalid-value]",
        ])
        #expect(Self.problems("{\"accessModifier\": \"internal\"}") == [
            "1:20: accessModifier: the GeneratedCatalog module cannot see internal declarations of the version modules; add \"catalog\": false [config-invalid-value]",
        ])
        #expect(Self.problems("{\"accessModifier\": \"internal\", \"catalog\": false}") == [])
        #expect(Self.problems("{\"versions\": []}") == ["1:14: versions: an empty list generates nothing; leave the key out to generate every version [config-invalid-value]"])
        #expect(Self.problems("{\"input\": \"a\", \"input\": \"b\"}") == ["1:16: input: given more than once [config-invalid-value]"])
        #expect(Self.problems("{\"input\": \"docs\", \"output\": \"docs/\"}") == ["1:29: output: is the input folder; docgen replaces the output folder entirely [config-invalid-value]"])
    }

    @Test("text that is not JSON is an error at the fault")
    func notJSON() {
        #expect(Self.problems("{\n  \"input\": docs\n}") == ["2:12: the configuration is not JSON: invalid literal 'docs' (expected true, false or null) [config-invalid-json]"])
    }

    @Test("paths are relative to the file's folder; versions cut the model")
    func resolution() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("docgen.json")
        try Data("{\"input\": \"docs\", \"versions\": [\"beta\"]}".utf8).write(to: file)
        let configuration = try Configuration.read(contentsOf: file)
        #expect(configuration.resolve(configuration.input!) == folder.appendingPathComponent("docs").path)
        #expect(configuration.resolve("/abs") == "/abs")
        let model = APIModel(versions: ["beta", "v1.0"].map { APIVersionModel(name: $0, operations: [], types: [], enums: [], examples: []) }, diagnostics: [])
        #expect(configuration.selectingVersions(of: model).versions.map(\.name) == ["beta"])
    }
}
