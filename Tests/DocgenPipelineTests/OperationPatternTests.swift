import DocgenModel
import DocgenPipeline
import Foundation
import Testing

@Suite("Operation patterns")
struct OperationPatternTests {
    static func operation(_ method: String, _ path: String) -> DocgenModel.Operation {
        let template = PathTemplate(segments: path.split(separator: "/").map { part in
            let part = String(part)
            if part.hasPrefix("{") { return .parameter(String(part.dropFirst().dropLast())) }
            if part.hasPrefix("$") { return .keyword(part) }
            return .literal(part)
        })
        return DocgenModel.Operation(id: Operation.identifier(method: method, path: template), method: method, path: template, title: nil,
                         description: nil, permissions: [], requestHeaders: [], requestBody: nil, responseStatus: nil,
                         responseBody: nil, location: DocgenModel.SourceLocation(path: "api/x.md", line: 1, column: 1))
    }

    static func matches(_ pattern: String, _ method: String, _ path: String) throws -> Bool {
        try #require(OperationPattern(pattern)).matches(operation(method, path))
    }

    @Test("a method and a path: parameters match any parameter segment, literals any case")
    func methodAndPath() throws {
        #expect(try Self.matches("GET /users/{id}", "GET", "/users/{userId}"))
        #expect(try Self.matches("get /Users/{id}", "GET", "/users/{userId}"))
        #expect(try !Self.matches("GET /users/{id}", "PATCH", "/users/{userId}"))
        #expect(try !Self.matches("GET /users/{id}", "GET", "/users/{userId}/photo"))
        #expect(try !Self.matches("GET /users/{id}", "GET", "/users/delta"))
        #expect(try Self.matches("/users/{id}", "DELETE", "/users/{userId}"))
    }

    @Test("** matches any number of segments, none included; * exactly one")
    func wildcards() throws {
        let all = "/deviceManagement/managedDevices/**"
        #expect(try Self.matches(all, "GET", "/deviceManagement/managedDevices"))
        #expect(try Self.matches(all, "POST", "/deviceManagement/managedDevices/{managedDeviceId}/wipe"))
        #expect(try !Self.matches(all, "GET", "/deviceManagement/deviceConfigurations"))
        #expect(try Self.matches("/deviceManagement/*/{id}", "GET", "/deviceManagement/intents/{intentId}"))
        #expect(try !Self.matches("/deviceManagement/*/{id}", "GET", "/deviceManagement/intents"))
        #expect(try Self.matches("/**/assignments", "GET", "/deviceManagement/intents/{intentId}/assignments"))
        #expect(try Self.matches("/**/$ref", "POST", "/a/{b}/$ref"))
    }

    @Test("page selectors are not patterns")
    func pageSelectors() {
        #expect(OperationPattern("intune-") == nil)
        #expect(OperationPattern("v1.0/api/") == nil)
        #expect(OperationPattern("GET users") == nil)
    }

    static let docsInput = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs-input")

    @Test("a selection by pattern keeps exactly the matching operations, the types they need, each file as in the whole client")
    func selectionOfDocsInput() throws {
        let whole = Pipeline.model(of: try DocsTree(root: Self.docsInput))
        let selection = ModelSubset(selectors: ["/deviceManagement/managedDevices/**"], excluding: [])
        let selected = selection.apply(to: whole)
        let operations = selected.versions.flatMap(\.operations)
        #expect(!operations.isEmpty)
        #expect(operations.allSatisfy { $0.path.description.hasPrefix("/deviceManagement/managedDevices") })
        #expect(operations.count == whole.versions.flatMap(\.operations).filter { $0.path.description.hasPrefix("/deviceManagement/managedDevices") }.count)
        let types = Set(selected.versions.flatMap(\.types).map(\.name))
        #expect(types == ["managedDeviceWipeRequestBody"])

        let wholeFiles = Dictionary(uniqueKeysWithValues: Pipeline.generatedFiles(for: whole).map { ($0.path, $0.contents) })
        let files = Pipeline.generatedFiles(for: selected)
        for file in files where file.path.contains("/Types/") || file.path.contains("/Enums/") {
            #expect(wholeFiles[file.path] == file.contents, "\(file.path) differs from the whole client's")
        }
        let summary = SelectionSummary(whole: whole, selected: selected)
        #expect(summary.operations == operations.count)
        #expect(summary.operationsInAll == whole.versions.flatMap(\.operations).count)
        #expect(summary.types == 1)
    }

    @Test("exclusions remove what they match, by pattern and by page")
    func exclusions() throws {
        let whole = Pipeline.model(of: try DocsTree(root: Self.docsInput))
        let everything = whole.versions.flatMap(\.operations)
        let withoutRefs = ModelSubset(selectors: [], excluding: ["POST /**/$ref", "/users/**"]).apply(to: whole).versions.flatMap(\.operations)
        func path(_ id: String) -> Substring { id.split(separator: " ", maxSplits: 1)[1] }
        let expected = everything.filter { !($0.id.hasPrefix("POST ") && $0.id.hasSuffix("/$ref")) && !path($0.id).hasPrefix("/users") }
        #expect(expected.count < everything.count - 1, "the docs must hold operations both patterns remove")
        #expect(withoutRefs.map(\.id) == expected.map(\.id))
        let withoutGets = ModelSubset(selectors: [], excluding: ["GET /**"]).apply(to: whole).versions.flatMap(\.operations)
        #expect(withoutGets.count < everything.count)
        #expect(withoutGets.map(\.id) == everything.filter { !$0.id.hasPrefix("GET ") }.map(\.id))
        let withoutPage = ModelSubset(selectors: [], excluding: ["manageddevice-"]).apply(to: whole).versions.flatMap(\.operations)
        #expect(withoutPage.map(\.id) == everything.filter { !$0.location.path.hasSuffix("manageddevice-wipe.md") }.map(\.id))
    }
}

@Suite("Diagnostic formats")
struct DiagnosticFormatTests {
    static let diagnostic = Diagnostic.warning("example-url-mismatch", "50% of it,\r\nbroken: here", at: DocgenModel.SourceLocation(path: "docs/a,b:c.md", line: 3, column: 7))

    @Test("github: a workflow command, with %, CR and LF escaped in the message and also : and , in properties")
    func github() {
        #expect(DiagnosticFormat.github.render([Self.diagnostic]) ==
            "::warning file=docs/a%2Cb%3Ac.md,line=3,col=7,title=[example-url-mismatch]::50%25 of it,%0D%0Abroken: here\n")
        let error = Diagnostic.error("json-invalid", "bad", at: DocgenModel.SourceLocation(path: "a.md", line: 1, column: 2))
        #expect(DiagnosticFormat.github.render([error]) == "::error file=a.md,line=1,col=2,title=[json-invalid]::bad\n")
    }

    @Test("json: one object a line that decodes back")
    func json() throws {
        let text = DiagnosticFormat.json.render([Self.diagnostic, Self.diagnostic])
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        let line = try JSONDecoder().decode(DiagnosticFormat.Line.self, from: Data(lines[0].utf8))
        #expect(line == DiagnosticFormat.Line(severity: "warning", code: "example-url-mismatch", message: "50% of it,\r\nbroken: here", path: "docs/a,b:c.md", line: 3, column: 7))
    }

    @Test("sarif: a 2.1.0 log with a result per diagnostic and a rule per code")
    func sarif() throws {
        let text = DiagnosticFormat.sarif.render([Self.diagnostic])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 1)
        #expect(results[0]["ruleId"] as? String == "example-url-mismatch")
        #expect(results[0]["level"] as? String == "warning")
        let region = ((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Int]
        #expect(region == ["startLine": 3, "startColumn": 7])
    }
}
