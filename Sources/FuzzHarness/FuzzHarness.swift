import DocgenModel
import MarkdownSyntax
import ModelLinker
import PageParser
import SwiftEmitter

/// One input of the fuzzer, run through the whole generator: the bytes are read as a page, parsed, linked
/// and emitted as Swift, and the results are checked against what every later stage relies on. Shared by
/// `PageParserFuzzer` (which traps on a violation, so libFuzzer keeps the input) and the regression tests
/// (which replay every input the fuzzer ever found).
public enum FuzzHarness {
    /// The page path the input is read as.
    public static let pagePath = "v1.0/api/fuzz.md"

    /// Inputs of odd length are read with tiny limits, so that the fuzzer reaches every cut that the standard
    /// limits only make on pages far larger than it writes. (The length, not a byte of the input, decides: a
    /// page means the same in both modes, and an input replays in the mode it was found in.)
    public static func options(forInputOfLength length: Int) -> PageParser.Options {
        guard length % 2 == 1 else { return PageParser.Options() }
        return PageParser.Options(
            limits: MarkdownLimits(maximumPageBytes: 2_048, maximumLineBytes: 200, maximumLineMarkers: 4, maximumTableRows: 6),
            maximumJSONDepth: 6
        )
    }

    /// What one run produced.
    public struct Outcome {
        public var page: ParsedPage
        public var files: [PrintedFile]
        /// Broken expectations; empty when all is well.
        public var violations: [String]
    }

    public static func run(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        let page = PageParser.parse(text: String(decoding: bytes, as: UTF8.self), path: pagePath,
                                    options: options(forInputOfLength: bytes.count))
        var violations: [String] = []
        for diagnostic in page.diagnostics {
            let location = diagnostic.location
            if location.path != pagePath || location.line < 1 || location.column < 1 {
                violations.append("diagnostic outside the page: \(diagnostic)")
            }
            if diagnostic.description.contains(where: { $0.isNewline }) {
                violations.append("diagnostic of more than one line: \(diagnostic.description.debugDescription)")
            }
        }
        let model = ModelLinker.link([page])
        for version in model.versions {
            // The request builders merge paths that differ only in case; two operations there would be two
            // functions of one name.
            let ids = Dictionary(grouping: version.operations.map(\.id), by: { $0.lowercased() })
            for (_, same) in ids where same.count > 1 {
                violations.append("operations differ only in case: \(same.sorted())")
            }
        }
        let files = SwiftEmitter.emit(model)
        var folded: [String: String] = [:]
        for file in files {
            let components = file.path.split(separator: "/", omittingEmptySubsequences: false)
            if file.path.hasPrefix("/") || components.count < 2
                || components.contains(where: { $0.isEmpty || $0.hasPrefix(".") || $0.contains("\\") || $0.contains("\0") }) {
                violations.append("emitted file path leaves its module folder: \(file.path.debugDescription)")
            }
            if components.contains(where: { $0.utf8.count > 255 }) {
                violations.append("emitted file name longer than 255 bytes: \(file.path)")
            }
            // Two paths that differ only in case are one file on macOS's default file system.
            if let other = folded.updateValue(file.path, forKey: file.path.lowercased()) {
                violations.append("emitted file paths differ only in case: \(other) and \(file.path)")
            }
            if !file.contents.hasPrefix(SwiftPrinter.header) {
                violations.append("emitted file without the generated-file header: \(file.path)")
            }
        }
        return Outcome(page: page, files: files, violations: violations)
    }
}
