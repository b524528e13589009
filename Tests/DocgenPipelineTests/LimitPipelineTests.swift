import DocgenModel
@testable import DocgenPipeline
import Foundation
import PageParser
import Testing

/// Pages made to take a run down, written to a docs folder next to an ordinary page and run through the
/// pipeline: each gets its diagnostic, the ordinary page is generated as usual, and the run completes. The
/// pages are built here (none is kept in git).
@Suite("Hostile pages in a docs folder", .serialized)
struct LimitPipelineTests {
    /// The limits the pipeline's parser applies.
    static let limits = PageParser.Options().limits

    static func resourcePage(_ name: String, rows: [String]) -> String {
        "# \(name) resource type\n\nA \(name).\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n" + rows.joined()
    }

    /// Runs the pipeline on the pages, written under a fresh temporary folder.
    static func withDocs(_ pages: [String: Data], _ body: ([ParsedPage], APIModel, [String: String]) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-limits-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, data) in pages {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let tree = try DocsTree(root: root)
        let parsed = Pipeline.parsePages(of: tree)
        let model = Pipeline.link(parsed)
        try body(parsed, model, Dictionary(uniqueKeysWithValues: Pipeline.generatedFiles(for: model).map { ($0.path, $0.contents) }))
    }

    @Test("a 50 MB page, a 1 MB line, a 100,000-row table, 10,000 nested quotes and JSON 10,000 deep: each reported, the rest generated")
    func hostileDocsFolder() throws {
        let filler = String(repeating: "Filler text, line after line, as a runaway generator writes it.\n", count: 820_000)
        // Short rows, so that the table fits in the page limit. The 10,000 rows read name properties `p----`,
        // `p---.`, ... (distinct on the wire, all `p` in Swift), so that the emitter tells 10,000 equal names
        // apart; the rows beyond the limit repeat `p`.
        let marks = Array("-.:=@!~+%$")
        let named = (0..<10_000).map { index in
            "|p" + String([1_000, 100, 10, 1].map { marks[index / $0 % 10] }) + "|Int32|\n"
        }
        let rows = named + Array(repeating: "|p|Int32|\n", count: 90_000)
        let json = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let pages: [String: String] = [
            "v1.0/resources/normal.md": Self.resourcePage("normal", rows: ["| id | String | The key. |\n"]),
            "v1.0/resources/huge.md": Self.resourcePage("huge", rows: ["| id | String | The key. |\n"]) + "\n" + filler,
            "v1.0/resources/line.md": Self.resourcePage("line", rows: ["| blob | String | \(String(repeating: "x", count: 1_000_000)) |\n"]),
            "v1.0/resources/table.md": "# table resource type\n\n## Properties\n\n| Property | Type |\n|:---|:---|\n" + rows.joined(),
            "v1.0/resources/deep.md": Self.resourcePage("deep", rows: ["| id | String | \(String(repeating: ">", count: 10_000)) |\n"])
                + String(repeating: "> ", count: 10_000) + "Deep.\n",
            "v1.0/api/json.md": "# Create normal\n\n## HTTP request\n\n```http\nPOST /normals\n```\n\n## Example\n\n```http\nPOST https://graph.microsoft.com/v1.0/normals\n\n\(json)\n```\n",
        ]
        // The line and the table fit in a page that is read whole.
        #expect(pages["v1.0/resources/table.md"]!.utf8.count < Self.limits.maximumPageBytes)
        #expect(pages["v1.0/resources/line.md"]!.utf8.count < Self.limits.maximumPageBytes)
        #expect(pages["v1.0/resources/huge.md"]!.utf8.count > 50_000_000)
        try Self.withDocs(pages.mapValues { Data($0.utf8) }) { parsed, model, files in
            let codes = Dictionary(uniqueKeysWithValues: parsed.map { ($0.path, Set($0.diagnostics.map(\.code))) })
            #expect(codes["v1.0/resources/normal.md"] == [])
            #expect(codes["v1.0/resources/huge.md"] == [.pageTooLarge])
            #expect(codes["v1.0/resources/line.md"] == [.lineTooLong])
            #expect(codes["v1.0/resources/table.md"] == [.tableTooManyRows])
            #expect(codes["v1.0/resources/deep.md"] == [.nestingTooDeep])
            #expect(codes["v1.0/api/json.md"]?.contains(.jsonTooDeep) == true)
            #expect(model.hasErrors)
            let v1 = try #require(model.versions.first { $0.name == "v1.0" })
            #expect(Set(v1.types.map(\.name)).isSuperset(of: ["normal", "huge", "line", "table", "deep"]))
            #expect(v1.types.first { $0.name == "table" }?.properties.count == Self.limits.maximumTableRows)
            #expect(v1.operations.map(\.id) == ["POST /normals"])
            #expect(files["GraphV1/Types/Normal.swift"] != nil)
            #expect(files["GraphV1/Types/Huge.swift"] != nil)
            let table = try #require(files["GraphV1/Types/Table.swift"])
            #expect(table.contains("public var p: Swift.Int32?"))
            #expect(table.contains("public var p_10000: Swift.Int32?"))
        }
    }

    @Test("a page is read only up to one byte past the limit, however large the file")
    func boundedRead() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("big.md")
        try Data(repeating: UInt8(ascii: "a"), count: 3_000).write(to: url)
        let tree = try DocsTree(root: root)
        #expect(tree.contents(of: "big.md", maximumBytes: 1_001)?.count == 1_001)
        #expect(tree.contents(of: "big.md", maximumBytes: 5_000)?.count == 3_000)
        #expect(tree.contents(of: "missing.md", maximumBytes: 10) == nil)
        try Data().write(to: url)
        #expect(tree.contents(of: "big.md", maximumBytes: 10) == Data())
    }

    @Test("a page cut inside a multi-byte character is not reported as invalid UTF-8; a page with invalid bytes is")
    func cutInsideCharacter() throws {
        // 'é' is two bytes: after the 5-byte heading line, the limit falls inside one.
        var huge = Data("# x\n\n".utf8)
        huge.append(contentsOf: Array(repeating: "é", count: Self.limits.maximumPageBytes / 2 + 10).joined().utf8)
        #expect((Self.limits.maximumPageBytes - 5) % 2 == 1)
        var invalid = Data("# y\n\nbad \u{FF}".utf8)
        invalid.append(0xFF)
        try Self.withDocs(["v1.0/a.md": huge, "v1.0/b.md": invalid]) { parsed, _, _ in
            let byPath = Dictionary(uniqueKeysWithValues: parsed.map { ($0.path, $0.diagnostics.map(\.code)) })
            #expect(byPath["v1.0/a.md"]?.contains(.pageTooLarge) == true)
            #expect(byPath["v1.0/a.md"]?.contains(.unreadableFile) == false)
            #expect(byPath["v1.0/b.md"]?.contains(.unreadableFile) == true)
        }
    }
}
