import DocgenModel
import Foundation
import PageParser
import Testing

/// Each seed page of docs-input/ against the whole model the parser must read from it, kept as a reference
/// JSON file in Expected/. The reference files were written once by the parser and then checked by hand
/// against the page; set DOCGEN_UPDATE_EXPECTED=1 to rewrite them after an intended change, and review the
/// diff.
@Suite("Seed pages parse into the expected model")
struct SeedPageTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seedFolder = packageRoot.appendingPathComponent("docs-input/api")
    static let expectedFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Expected")

    static let seeds = ["000_cda0472df703f221", "001_c6791453e4f97556", "002_03cef6e2216d3afc", "003_e6f84260a2584554", "004_718cc49a51975df0"]

    static func parse(_ seed: String) throws -> ParsedPage {
        let text = try String(contentsOf: seedFolder.appendingPathComponent("\(seed).md"), encoding: .utf8)
        return PageParser.parse(text: text, path: "api/\(seed).md", options: .init(defaultAPIVersion: "v1.0"))
    }

    static func encode(_ page: ParsedPage) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(page), as: UTF8.self) + "\n"
    }

    @Test("the whole parsed model of each seed matches its reference", arguments: seeds)
    func wholeModel(seed: String) throws {
        let actual = try Self.encode(try Self.parse(seed))
        let expectedURL = Self.expectedFolder.appendingPathComponent("\(seed).json")
        if ProcessInfo.processInfo.environment["DOCGEN_UPDATE_EXPECTED"] == "1" {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected, "parsed model of \(seed) differs from Expected/\(seed).json")
    }
}

/// Pages saved on Windows end their lines with CRLF, and old Mac tools with a lone CR; cmark reads all three
/// as line ends, so the page means the same and must read the same, front matter included.
@Suite("Line endings do not change what a page says")
struct LineEndingTests {
    static let pages: [String] = {
        let root = SeedPageTests.packageRoot.appendingPathComponent("docs-input")
        let found = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { ($0 as? URL)?.path } ?? []
        return found.filter { $0.hasSuffix(".md") }.map { String($0.dropFirst(root.path.count + 1)) }.sorted()
    }()

    static func parse(_ text: String, path: String) -> ParsedPage {
        PageParser.parse(text: text, path: path, options: .init(defaultAPIVersion: "v1.0"))
    }

    @Test("a page with CRLF or CR line ends parses as with LF", arguments: pages)
    func sameModel(path: String) throws {
        let url = SeedPageTests.packageRoot.appendingPathComponent("docs-input").appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(!text.contains("\r"), "the page itself should use LF")
        let expected = Self.parse(text, path: path)
        for ending in ["\r\n", "\r"] {
            let converted = text.replacingOccurrences(of: "\n", with: ending)
            let actual = Self.parse(converted, path: path)
            #expect(try SeedPageTests.encode(actual) == SeedPageTests.encode(expected),
                    "\(path) with \(ending.debugDescription) line ends")
        }
    }

    @Test("the front matter of a CRLF page is read (a page without a heading takes its title from it)")
    func frontMatterWithCRLF() throws {
        let lines = ["---", "title: \"groupAssignmentTarget resource type\"", "doc_type: resourcePageType", "---", "", "Text.", ""]
        let withLF = Self.parse(lines.joined(separator: "\n"), path: "beta/resources/x.md")
        let withCRLF = Self.parse(lines.joined(separator: "\r\n"), path: "beta/resources/x.md")
        #expect(withCRLF.title == "groupAssignmentTarget resource type")
        #expect(try SeedPageTests.encode(withCRLF) == SeedPageTests.encode(withLF))
    }
}
