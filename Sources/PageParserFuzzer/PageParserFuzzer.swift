import DocgenModel
import Foundation
import MarkdownSyntax
import ModelLinker
import PageParser
import SwiftEmitter
#if DOCGEN_LIBFUZZER
import CLibFuzzer
#endif

/// Fuzzes the whole generator: the input's bytes are a page, which is parsed, linked and emitted as Swift.
///
/// Built by `scripts/fuzz.sh` with `-sanitize=fuzzer,address -DDOCGEN_LIBFUZZER`, it is a libFuzzer binary
/// (all of libFuzzer's options apply). Built plainly, as `swift build` does, it runs the pages named on its
/// command line through the same steps once each: the way to replay a crash the fuzzer wrote.
@main
enum PageParserFuzzer {
    static func main() {
        #if DOCGEN_LIBFUZZER
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            PageParserFuzzer.runOne(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        })
        #else
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("usage: PageParserFuzzer PAGE...  (replays pages through parse, link and emit)\n".utf8))
            exit(2)
        }
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(1)
            }
            data.withUnsafeBytes { runOne($0) }
            print("\(path): ok")
        }
        #endif
    }

    /// The page path the input is read as.
    static let pagePath = "v1.0/api/fuzz.md"

    /// Inputs of odd length are read with tiny limits, so that the fuzzer reaches every cut that the standard
    /// limits only make on pages far larger than it writes. (The length, not a byte of the input, decides: a
    /// page means the same in both modes, and a crash replays in the mode it was found in.)
    static let tightOptions = PageParser.Options(
        limits: MarkdownLimits(maximumPageBytes: 2_048, maximumLineBytes: 200, maximumLineMarkers: 4, maximumTableRows: 6),
        maximumJSONDepth: 6
    )

    /// Parses, links and emits one page, and traps when a result breaks what every later stage relies on.
    static func runOne(_ bytes: UnsafeRawBufferPointer) {
        let options = bytes.count % 2 == 1 ? tightOptions : PageParser.Options()
        let page = PageParser.parse(text: String(decoding: bytes, as: UTF8.self), path: pagePath, options: options)
        for diagnostic in page.diagnostics {
            let location = diagnostic.location
            check(location.path == pagePath && location.line >= 1 && location.column >= 1, "diagnostic outside the page: \(diagnostic)")
        }
        let model = ModelLinker.link([page])
        for file in SwiftEmitter.emit(model) {
            let components = file.path.split(separator: "/", omittingEmptySubsequences: false)
            check(!file.path.hasPrefix("/") && components.count >= 2
                  && components.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") },
                  "emitted file path leaves its module folder: \(file.path.debugDescription)")
            check(file.contents.hasPrefix(SwiftPrinter.header), "emitted file without the generated-file header: \(file.path)")
        }
    }

    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition {
            FileHandle.standardError.write(Data("PageParserFuzzer: \(message())\n".utf8))
            abort()
        }
    }
}

#if DOCGEN_LIBFUZZER
/// libFuzzer's own entry point, in case its `main` is the one linked in.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    PageParserFuzzer.runOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
#endif
