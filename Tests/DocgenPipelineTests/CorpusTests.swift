import DocgenModel
import DocgenPipeline
import Foundation
import Testing

/// The whole Microsoft Graph reference (7,504 pages), read by path from the folder DOCGEN_CORPUS names.
/// Without it these tests are skipped, and Swift Testing says so; `.ci/run` sets it.
enum Corpus {
    static let folder: URL? = ProcessInfo.processInfo.environment["DOCGEN_CORPUS"].map { URL(fileURLWithPath: $0) }
}

@Suite("Whole Graph reference", .enabled(if: Corpus.folder != nil, "set DOCGEN_CORPUS to a folder of Graph reference pages to run"))
struct CorpusTests {
    static let corpus = Corpus.folder

    static let pages: [ParsedPage] = {
        guard let corpus, let tree = try? DocsTree(root: corpus) else { return [] }
        return Pipeline.parsePages(of: tree)
    }()

    @Test("every page parses without a crash or hang, and the run links and emits", .timeLimit(.minutes(10)))
    func everyPageParses() throws {
        let corpus = try #require(Self.corpus)
        let tree = try DocsTree(root: corpus)
        #expect(tree.pagePaths.count > 1_000, "DOCGEN_CORPUS has \(tree.pagePaths.count) pages")
        #expect(Self.pages.count == tree.pagePaths.count)
        let model = Pipeline.link(Self.pages)
        let files = Pipeline.generatedFiles(for: model)
        #expect(!files.isEmpty)
        let summary = LintSummary(pages: Self.pages, model: model)
        print("corpus summary:\n\(summary.text)")
    }

    @Test("many threads give the same pages, files and written folder as one", .timeLimit(.minutes(20)))
    func parallelEqualsSerial() throws {
        let tree = try DocsTree(root: try #require(Self.corpus))
        let serialPages = Pipeline.parsePages(of: tree, options: .init(parallel: false))
        #expect(serialPages == Self.pages)
        let model = Pipeline.link(Self.pages)
        #expect(Pipeline.link(Self.pages, options: .init(parallel: false)) == model)
        let serialFiles = Pipeline.generatedFiles(for: model, options: .init(parallel: false))
        let parallelFiles = Pipeline.generatedFiles(for: model, options: .init(parallel: true, workers: 8))
        #expect(serialFiles == parallelFiles)
        let serialWritten = try writtenFiles(serialFiles)
        #expect(serialWritten.count == serialFiles.count)
        #expect(serialWritten == (try writtenFiles(parallelFiles)))
    }

    @Test("every method page yields its operations or says why not")
    func methodPagesYieldOperations() {
        let silent = Self.pages.filter { $0.kind == .method && $0.requestLines.isEmpty && !$0.diagnostics.contains { $0.code == .noRequestLines } }
        #expect(silent.isEmpty, "method pages without operations or a diagnostic: \(silent.prefix(10).map(\.path))")
    }

    @Test("every resource page yields its type, and every enum page its members, or says why not")
    func typePagesYieldDefinitions() {
        let resources = Self.pages.filter { $0.kind == .resource && $0.types.isEmpty && !$0.diagnostics.contains { $0.code == .pageKindUnknown } }
        #expect(resources.isEmpty, "resource pages without a type or a diagnostic: \(resources.prefix(10).map(\.path))")
        let enums = Self.pages.filter { $0.kind == .enumeration && $0.enums.allSatisfy(\.members.isEmpty) && !$0.diagnostics.contains { $0.code == .pageKindUnknown } }
        #expect(enums.isEmpty, "enum pages without members or a diagnostic: \(enums.prefix(10).map(\.path))")
    }

    @Test("tab markers and include lines never become headings or request lines")
    func tabMarkersIgnored() {
        let leaked = Self.pages.filter { page in
            (page.title ?? "").contains("#tab/") || page.requestLines.contains { $0.path.description.contains("INCLUDE") }
        }
        #expect(leaked.isEmpty, "\(leaked.prefix(10).map(\.path))")
    }

    @Test("request lines with spaces in braces, type casts and functions keep one segment each")
    func realRequestLines() {
        let lines = Self.pages.flatMap(\.requestLines)
        let spaced = lines.filter { $0.path.segments.contains { $0.text.contains(" | ") } }
        #expect(!spaced.isEmpty, "the corpus has `{id | userPrincipalName}` segments")
        for line in spaced {
            #expect(line.path.segments.contains { $0.kind == .parameter && $0.text.contains(" | ") }, "\(line.location)")
        }
        #expect(lines.allSatisfy { line in line.path.segments.allSatisfy { !$0.text.isEmpty && !$0.text.contains("://") } })
    }
}
