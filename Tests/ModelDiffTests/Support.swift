import DocgenModel
import DocgenPipeline
import Foundation
import ModelDiff
import Testing

// Fixture pairs: the old side is the small docs tree in Fixtures/base (method, resource and enum pages in the
// shape of the Graph reference), the new side is the same tree with the edit a test makes — or both sides are
// edited. The pages are parsed and linked by the real pipeline, from memory.

/// The pages of a docs tree in memory, by path relative to its root.
struct Pages: PageSource {
    var texts: [String: String]

    var pagePaths: [String] { texts.keys.filter { $0.hasSuffix(".md") }.sorted() }
    func contents(of path: String, maximumBytes: Int) -> Data? { texts[path].map { Data($0.utf8.prefix(maximumBytes)) } }

    /// Replaces `old` (which must occur exactly once) by `new` in the page at `path`.
    mutating func replace(_ old: String, with new: String, in path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let text = try #require(texts[path], "no page \(path)", sourceLocation: sourceLocation)
        let occurrences = text.components(separatedBy: old).count - 1
        try #require(occurrences == 1, "'\(old)' occurs \(occurrences) times in \(path)", sourceLocation: sourceLocation)
        texts[path] = text.replacingOccurrences(of: old, with: new)
    }

    mutating func remove(_ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        try #require(texts.removeValue(forKey: path) != nil, "no page \(path)", sourceLocation: sourceLocation)
    }

    var model: APIModel { Pipeline.model(of: self) }

    /// Writes the pages below `root`.
    func write(to root: URL) throws {
        for (path, text) in texts {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }
}

enum Fixture {
    static let baseRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/base")

    /// The base tree, read once.
    static let base: Pages = {
        let tree = try! DocsTree(root: baseRoot)
        return Pages(texts: Dictionary(uniqueKeysWithValues: tree.pagePaths.map { ($0, String(decoding: tree.contents(of: $0, maximumBytes: .max)!, as: UTF8.self)) }))
    }()

    /// The 1-based line of `path` in `pages` that holds `needle` first.
    static func line(of needle: String, in path: String, of pages: Pages = base) -> Int {
        lineNumber(of: needle, inText: pages.texts[path] ?? "")
    }
}

/// The 1-based line of `text` that holds `needle` first (0 when none does, which no expectation matches).
func lineNumber(of needle: String, inText text: String) -> Int {
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(needle) {
        return offset + 1
    }
    return 0
}

/// The report of base (edited by `old`) against base edited by `new`.
func drift(
    old editOld: (inout Pages) throws -> Void = { _ in }, new editNew: (inout Pages) throws -> Void,
    versionPair: ModelDiff.VersionPair? = nil
) throws -> DriftReport {
    var old = Fixture.base
    try editOld(&old)
    var new = Fixture.base
    try editNew(&new)
    return try ModelDiff.compare(old: old.model, new: new.model, options: .init(oldLabel: "old", newLabel: "new", versionPair: versionPair))
}

extension DriftReport {
    func changes(_ kind: ChangeKind) -> [Change] { changes.filter { $0.kind == kind } }

    /// `kind impact subject` of every change, for exact expectations.
    var outline: [String] { changes.map { "\($0.kind.rawValue) \($0.impact.rawValue) \($0.subject)" } }

    /// The first change listed; fails the test (rather than crashing the run) when there is none.
    func first(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Change {
        try #require(changes.first, "no change listed", sourceLocation: sourceLocation)
    }

    func wording(_ area: Area) -> Int { wordingChanges.filter { $0.area == area }.reduce(0) { $0 + $1.count } }
}

extension Change {
    var oldLine: Int? { oldLocation?.line }
    var newLine: Int? { newLocation?.line }
}
