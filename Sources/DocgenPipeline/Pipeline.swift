import DocgenModel
import Foundation
import ModelLinker
import OutputWriter
import PageParser
import SwiftEmitter

/// docgen's stages wired together: docs folder -> parsed pages -> linked model -> Swift files -> Generated/.
/// The CLI and the tests call these; each stage's value can be looked at on its own.
public enum Pipeline {
    public struct Options: Sendable {
        public var defaultAPIVersion: String
        /// Parse pages and print files on several threads. The result is the same either way (tested).
        public var parallel: Bool
        /// How many threads when `parallel`: by default one per processor.
        public var workers: Int
        /// Told how many pages have been read, of how many, after each page (from any thread).
        public var pageProgress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

        public init(defaultAPIVersion: String = "v1.0", parallel: Bool = true, workers: Int? = nil) {
            self.defaultAPIVersion = defaultAPIVersion
            self.parallel = parallel
            self.workers = workers ?? ParallelWork.processorCount
        }

        /// The threads a stage runs on.
        var threads: Int { parallel ? workers : 1 }
    }

    /// Reads and parses every page of `source` (a docs folder or a git revision). A page that cannot be read
    /// becomes a page of kind `other` with an error; the others go on.
    public static func parsePages(of source: some PageSource, options: Options = Options()) -> [ParsedPage] {
        let paths = source.pagePaths
        // One byte more than the parser reads, so that it sees the page is too large and says so: a page of
        // any size costs at most that much memory.
        let maximumBytes = PageParser.Options().limits.maximumPageBytes + 1
        let counter = ProgressCounter(total: paths.count, report: options.pageProgress)
        return parse(count: paths.count, options: options) { index in
            defer { counter.step() }
            return parsePage(path: paths[index], contents: source.contents(of: paths[index], maximumBytes: maximumBytes), options: options)
        }
    }

    /// Parses pages already in memory: each page's path (relative to the docs root, `/`-separated) and its
    /// bytes. The result is in the order given, and the same as reading the pages from a folder.
    public static func parsePages(contents pages: [(path: String, contents: Data)], options: Options = Options()) -> [ParsedPage] {
        parse(count: pages.count, options: options) { index in
            parsePage(path: pages[index].path, contents: pages[index].contents, options: options)
        }
    }

    /// One page's bytes (nil: unreadable) -> the parsed page, with a diagnostic when they are not UTF-8.
    private static func parsePage(path: String, contents data: Data?, options: Options) -> ParsedPage {
        guard let data else {
            var page = ParsedPage(path: path, kind: .other, apiVersion: APIVersionEvidence(version: options.defaultAPIVersion, source: .defaulted))
            page.diagnostics = [.error(.unreadableFile, "cannot read the page", at: SourceLocation(path: path, line: 1, column: 1))]
            return page
        }
        let parserOptions = PageParser.Options(defaultAPIVersion: options.defaultAPIVersion)
        var page = PageParser.parse(text: String(decoding: data, as: UTF8.self), path: path, options: parserOptions)
        // A page cut at the size limit may end inside a character: that is not a fault of the page.
        let checked = data.count > parserOptions.limits.maximumPageBytes
            ? withoutCutCharacter(data.prefix(parserOptions.limits.maximumPageBytes)) : data
        if String(validatingUTF8CString: checked) == nil, !checked.isEmpty {
            page.diagnostics.append(.warning(.unreadableFile, "page is not valid UTF-8; invalid bytes were replaced", at: SourceLocation(path: path, line: 1, column: 1)))
        }
        return page
    }

    /// `data` without the incomplete UTF-8 sequence a cut may have left at its end.
    static func withoutCutCharacter(_ data: Data) -> Data {
        var start = data.endIndex
        while start > data.startIndex, data.endIndex - start < 4 {
            start -= 1
            let byte = data[start]
            guard byte & 0xC0 == 0x80 else {
                let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                return data.endIndex - start < length ? data[..<start] : data
            }
        }
        return data
    }

    /// `parseOne` for every index, on all cores unless `options` says otherwise; results in index order.
    private static func parse(count: Int, options: Options, _ parseOne: @escaping @Sendable (Int) -> ParsedPage) -> [ParsedPage] {
        ParallelWork.map(count: count, workers: options.threads, parseOne)
    }

    /// Links parsed pages into the model (the API versions on threads of their own unless `options` says
    /// otherwise).
    public static func link(_ pages: [ParsedPage], options: Options = Options()) -> APIModel {
        ModelLinker.link(pages, parallel: options.parallel)
    }

    /// The linked model of a docs folder or git revision.
    public static func model(of source: some PageSource, options: Options = Options()) -> APIModel {
        link(parsePages(of: source, options: options), options: options)
    }

    /// Errors for API versions whose module name is taken (`SwiftEmitter.moduleNameConflicts`): the command
    /// line writes nothing while there are any.
    public static func moduleNameConflicts(of model: APIModel) -> [Diagnostic] { SwiftEmitter.moduleNameConflicts(of: model) }

    /// The module that lists the generated version modules.
    public static let catalogModuleName = SwiftEmitter.catalogModuleName

    /// The files of the generated client for `model`, sorted by path: `SwiftEmitter.emit`, with the modules
    /// built and the files printed on several threads unless `options` says otherwise.
    public static func generatedFiles(for model: APIModel, options: Options = Options(), emitter: EmitterOptions = EmitterOptions()) -> [OutputFile] {
        // Each structured file is let go once printed, so that not all of them and all their text are held.
        let structured = ConsumableItems(SwiftEmitter.files(for: model, parallel: options.parallel, options: emitter))
        let printed = ParallelWork.map(count: structured.count, workers: options.threads) { index in
            let file = structured.take(index)
            return OutputFile(path: file.path, contents: SwiftPrinter.print(file))
        }
        return (printed + DocumentationCatalogs.files(for: model, options: emitter)).sorted { $0.path < $1.path }
    }
}

extension String {
    /// nil when `data` is not valid UTF-8.
    init?(validatingUTF8CString data: Data) {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        self = text
    }
}

/// Counts finished items from any thread and tells `report`.
final class ProgressCounter: @unchecked Sendable {
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?
    private var done = 0
    private let lock = NSLock()

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func step() {
        guard let report else { return }
        lock.lock()
        done += 1
        let now = done
        report(now, total)
        lock.unlock()
    }
}
