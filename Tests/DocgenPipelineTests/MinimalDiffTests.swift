import DocgenModel
import DocgenPipeline
import Foundation
import ModelLinker
import Testing

/// Reviewers read API drift in the pull request's diff of Generated/. These tests generate a client from a
/// docs tree and from the same tree with one edit, and hold the diff to what the edit is about.
@Suite("Generated/ diffs show only what changed")
struct MinimalDiffTests {
    static let assignmentPage = "v1.0/resources/intune-deviceconfig-deviceconfigurationassignment.md"
    static let assignmentFile = "GraphV1/Types/DeviceConfigurationAssignment.swift"

    @Test("a property whose type changes changes only the lines about that property, in its type's file")
    func propertyTypeChange() throws {
        let pair = try DocsTreePair { tree in
            try tree.replace("|id|String|Unique identifier of the assignment.|", with: "|id|Int64|Unique identifier of the assignment.|", in: Self.assignmentPage)
        }
        #expect(pair.changedPaths == [Self.assignmentFile])
        let diff = pair.diff(Self.assignmentFile)
        #expect(diff.removedLines.count == diff.addedLines.count)
        #expect(!diff.removedLines.isEmpty && diff.removedLines.count <= 4, "the doc line, the property, the init parameter, the decode line")
        for line in diff.removedLines + diff.addedLines {
            #expect(mentions(line, "id"), "a changed line not about `id`: \(line)")
        }
        #expect(pair.explanation(Self.assignmentFile).contains(
            "struct DeviceConfigurationAssignment: property `id: Swift.String?` becomes `id: Swift.Int64?`"))
    }

    @Test("a new property only adds lines, each about it; a line inserted into the page moves nothing else")
    func propertyAdded() throws {
        let pair = try DocsTreePair { tree in
            try tree.replace(
                "|id|String|Unique identifier of the assignment.|",
                with: "|id|String|Unique identifier of the assignment.|\n|priority|Int32|Where the assignment ranks.|",
                in: Self.assignmentPage
            )
        }
        #expect(pair.changedPaths == [Self.assignmentFile])
        let diff = pair.diff(Self.assignmentFile)
        #expect(diff.removedLines.isEmpty, "nothing rewritten: \(diff.removedLines)")
        #expect(!diff.addedLines.isEmpty)
        #expect(diff.addedLines.count <= 12)
        for line in diff.addedLines { #expect(isAbout(line, "priority"), "an added line not about `priority`: \(line)") }
        let explanation = pair.explanation(Self.assignmentFile)
        #expect(explanation.contains("struct DeviceConfigurationAssignment: new property `priority: Swift.Int32?`"))
        #expect(explanation.contains(
            "struct DeviceConfigurationAssignment: initializer `init(odataType:id:target:additionalData:)` becomes `init(odataType:id:priority:target:additionalData:)`"))
    }

    @Test("reworded descriptions change only their comments, even when the page grows by a paragraph")
    func rewording() throws {
        let pair = try DocsTreePair { tree in
            try tree.replace("|Unique identifier of the assignment.|", with: "|The assignment's key.|", in: Self.assignmentPage)
            try tree.replace(
                "## Properties\n",
                with: "## Properties\n\nAssignments are read and written through their device configuration.\n\nThey carry no other state.\n",
                in: Self.assignmentPage
            )
            try tree.replace(
                "One of the following permissions is required to call this API.",
                with: "You need one of the following permissions to call this API.\n\nThe table lists them.",
                in: "api/000_cda0472df703f221.md"
            )
        }
        #expect(pair.changedPaths == [Self.assignmentFile])
        let diff = pair.diff(Self.assignmentFile)
        #expect(diff.removedLines == ["    /// Unique identifier of the assignment."])
        #expect(diff.addedLines == ["    /// The assignment's key."])
        #expect(pair.explanation(Self.assignmentFile) == ["struct DeviceConfigurationAssignment: documentation only"])
    }

    @Test("new pages add files; existing files only gain lines, and only the client and the module catalog")
    func newPages() throws {
        let pair = try DocsTreePair { tree in
            try tree.write(Self.widgetPage, to: "v1.0/resources/widget.md")
            try tree.write(Self.getWidgetPage, to: "v1.0/api/widget-get.md")
        }
        let added = pair.addedPaths
        #expect(added.contains("GraphV1/Types/Widget.swift"))
        #expect(added.contains("GraphV1/RequestBuilders/WidgetsItemRequestBuilder.swift"))
        #expect(pair.removedPaths.isEmpty)
        #expect(Set(pair.changedPaths).isSubset(of: ["GraphV1/GraphV1Client.swift", "GraphV1/GraphV1Module.swift"]), "\(pair.changedPaths)")
        for path in pair.changedPaths {
            let diff = pair.diff(path)
            #expect(diff.removedLines.isEmpty, "\(path) rewrites lines: \(diff.removedLines)")
            for line in diff.addedLines { #expect(isAbout(line.lowercased(), "widget") || line.lowercased().contains("widget"), "\(path): an added line not about widgets: \(line)") }
        }
        #expect(pair.explanation("GraphV1/Types/Widget.swift") == ["new struct Widget (2 initializers, 1 nested type, 4 properties)"])
        #expect(pair.explanation("GraphV1/GraphV1Client.swift") == ["struct GraphV1Client: new property `widgets: WidgetsRequestBuilder`"])
    }

    @Test("the model does not depend on the order pages arrive in")
    func pageOrderDoesNotMatter() throws {
        let pages = Pipeline.parsePages(of: try DocsTree(root: PipelineTests.docsInput))
        let model = ModelLinker.link(pages)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3 {
            #expect(ModelLinker.link(pages.shuffled(using: &generator)) == model)
        }
    }

    /// Whether an added line belongs to what it adds: it names it, or it is its doc comment, a blank line or a
    /// closing bracket around it.
    func isAbout(_ line: String, _ word: String) -> Bool {
        let content = line.trimmingCharacters(in: .whitespaces)
        return mentions(line, word) || content.hasPrefix("///") || content.allSatisfy { "})],".contains($0) }
    }

    /// Whether `line` names `word` as a whole word (an identifier, a wire name in backticks or quotes).
    func mentions(_ line: String, _ word: String) -> Bool {
        line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).contains { $0 == word }
    }

    static let widgetPage = """
    # widget resource type

    Namespace: microsoft.graph

    A widget on a dashboard.

    ## Properties

    |Property|Type|Description|
    |:---|:---|:---|
    |id|String|The widget's key.|
    |title|String|What the widget shows.|

    """

    static let getWidgetPage = """
    # Get widget

    Read a [widget](../resources/widget.md).

    ## HTTP request
    ``` http
    GET /widgets/{widgetId}
    ```

    ## Response
    If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.

    """
}

/// The generated files of docs-input/ and of a copy of it with some edits.
struct DocsTreePair {
    let old: [String: String]
    let new: [String: String]

    init(edit: (EditableDocsTree) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-pair-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: PipelineTests.docsInput, to: root)
        old = DocsTreePair.generate(try DocsTree(root: PipelineTests.docsInput))
        try edit(EditableDocsTree(root: root))
        new = DocsTreePair.generate(try DocsTree(root: root))
    }

    static func generate(_ tree: DocsTree) -> [String: String] {
        Dictionary(uniqueKeysWithValues: Pipeline.generatedFiles(for: Pipeline.model(of: tree)).map { ($0.path, $0.contents) })
    }

    var changedPaths: [String] { old.keys.filter { new[$0] != nil && new[$0] != old[$0] }.sorted() }
    var addedPaths: [String] { new.keys.filter { old[$0] == nil }.sorted() }
    var removedPaths: [String] { old.keys.filter { new[$0] == nil }.sorted() }

    func diff(_ path: String) -> LineDiff { LineDiff(old: old[path] ?? "", new: new[path] ?? "") }
    func explanation(_ path: String) -> [String] { GeneratedChangeExplanation.explain(old: old[path], new: new[path]) }
}

struct EditableDocsTree {
    let root: URL

    /// Replaces exactly one occurrence, so that an edit that no longer applies fails the test.
    func replace(_ text: String, with replacement: String, in page: String) throws {
        let url = root.appendingPathComponent(page)
        let contents = try String(contentsOf: url, encoding: .utf8)
        let parts = contents.components(separatedBy: text)
        try #require(parts.count == 2, "`\(text)` occurs \(parts.count - 1) times in \(page)")
        try Data(parts.joined(separator: replacement).utf8).write(to: url)
    }

    func write(_ text: String, to page: String) throws {
        let url = root.appendingPathComponent(page)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
