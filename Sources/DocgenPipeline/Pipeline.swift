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

    /// Reads and parses every page of `source` (a docs folder or a git revision). A page that cannot be read
    /// becomes a page of kind `other` with an error; the others go on.
    public static func parsePages(of source: some PageSource, options: Options = Options()) -> [ParsedPage] {
        let paths = source.pagePaths
        let parserOptions = PageParser.Options(defaultAPIVersion: options.defaultAPIVersion)
        let parseOne: @Sendable (String) -> ParsedPage = { path in
            // One byte more than the parser reads, so that it sees the page is too large and says so: a page
            // of any size costs at most that much memory.
            guard let data = source.contents(of: path, maximumBytes: parserOptions.limits.maximumPageBytes + 1) else {
                var page = ParsedPage(path: path, kind: .other, apiVersion: APIVersionEvidence(version: options.defaultAPIVersion, source: .defaulted))
                page.diagnostics = [.error(.unreadableFile, "cannot read the page", at: SourceLocation(path: path, line: 1, column: 1))]
                return page
            }
            var page = PageParser.parse(text: String(decoding: data, as: UTF8.self), path: path, options: parserOptions)
            let checked = data.count > parserOptions.limits.maximumPageBytes
                ? withoutCutCharacter(data.prefix(parserOptions.limits.maximumPageBytes)) : data
            if String(validatingUTF8CString: checked) == nil, !checked.isEmpty {
                page.diagnostics.append(.warning(.unreadableFile, "page is not valid UTF-8; invalid bytes were replaced", at: SourceLocation(path: path, line: 1, column: 1)))
            }
            return page
        }
        guard options.parallel, paths.count > 1 else { return paths.map(parseOne) }
        let results = ResultSlots<ParsedPage>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            results.set(index, parseOne(paths[index]))
        }
        return results.values
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

    /// Links parsed pages into the model.
    public static func link(_ pages: [ParsedPage]) -> APIModel { ModelLinker.link(pages) }

    /// The linked model of a docs folder or git revision.
    public static func model(of source: some PageSource, options: Options = Options()) -> APIModel {
        ModelLinker.link(parsePages(of: source, options: options))
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
