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
