import Foundation
import FuzzHarness
#if DOCGEN_LIBFUZZER
import CLibFuzzer
#endif

/// Fuzzes the whole generator: each input is a page, parsed, linked and emitted (`FuzzHarness`).
///
/// Built by `scripts/fuzz.sh` with `-sanitize=fuzzer,address -DDOCGEN_LIBFUZZER`, it is a libFuzzer binary
/// (all of libFuzzer's options apply). Built plainly, as `swift build` does, it runs the pages named on its
/// command line through the same steps once each: the way to replay an input the fuzzer wrote.
@main
enum PageParserFuzzer {
    static func main() {
        #if DOCGEN_LIBFUZZER
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            PageParserFuzzer.runOne(UnsafeRawBufferPointer(start: data, count: size))
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
            data.withUnsafeBytes { _ = runOne($0) }
            print("\(path): ok")
        }
        #endif
    }

    /// Runs one input; a broken expectation aborts, which libFuzzer reports as a crash.
    static func runOne(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let outcome = FuzzHarness.run(bytes)
        if !outcome.violations.isEmpty {
            FileHandle.standardError.write(Data(outcome.violations.map { "PageParserFuzzer: \($0)\n" }.joined().utf8))
            abort()
        }
        return 0
    }
}

#if DOCGEN_LIBFUZZER
/// libFuzzer's own entry point, in case its `main` is the one linked in.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    PageParserFuzzer.runOne(UnsafeRawBufferPointer(start: data, count: size))
}
#endif
