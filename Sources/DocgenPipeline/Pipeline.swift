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
        /// Parse pages on all cores. The result is the same either way (tested).
        public var parallel: Bool

        public init(defaultAPIVersion: String = "v1.0", parallel: Bool = true) {
            self.defaultAPIVersion = defaultAPIVersion
            self.parallel = parallel
        }
    }

    /// Reads and parses every page of `tree`. A page that cannot be read becomes a page of kind `other` with
    /// an error; the others go on.
    public static func parsePages(of tree: DocsTree, options: Options = Options()) -> [ParsedPage] {
        let paths = tree.pagePaths
        return parse(count: paths.count, options: options) { index in
            let path = paths[index]
            return parsePage(path: path, contents: FileManager.default.contents(atPath: tree.url(of: path).path), options: options)
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
        if String(validatingUTF8CString: data) == nil, !data.isEmpty {
            page.diagnostics.append(.warning(.unreadableFile, "page is not valid UTF-8; invalid bytes were replaced", at: SourceLocation(path: path, line: 1, column: 1)))
        }
        return page
    }

    /// `parseOne` for every index, on all cores unless `options` says otherwise; results in index order.
    private static func parse(count: Int, options: Options, _ parseOne: @Sendable (Int) -> ParsedPage) -> [ParsedPage] {
        guard options.parallel, count > 1 else { return (0..<count).map(parseOne) }
        let results = ResultSlots<ParsedPage>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.set(index, parseOne(index))
        }
        return results.values
    }

    /// Links parsed pages into the model.
    public static func link(_ pages: [ParsedPage]) -> APIModel { ModelLinker.link(pages) }

    /// The linked model of a docs folder.
    public static func model(of tree: DocsTree, options: Options = Options()) -> APIModel {
        ModelLinker.link(parsePages(of: tree, options: options))
    }

    /// The module that lists the generated version modules.
    public static let catalogModuleName = SwiftEmitter.catalogModuleName

    /// The files of the generated client for `model`.
    public static func generatedFiles(for model: APIModel) -> [OutputFile] {
        SwiftEmitter.emit(model).map { OutputFile(path: $0.path, contents: $0.contents) }
    }
}

extension String {
    /// nil when `data` is not valid UTF-8.
    init?(validatingUTF8CString data: Data) {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        self = text
    }
}

/// Results written by index from concurrent workers, read once all are done.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Value] { slots.map { $0! } }
}
