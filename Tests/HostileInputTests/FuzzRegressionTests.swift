import DocgenModel
import Foundation
import FuzzHarness
import Testing

/// Every input the fuzzer (scripts/fuzz.sh) found a crash, hang or broken expectation with, kept in
/// FuzzRegressions/ and run through the fuzzer's own steps (parse, link, emit, check).
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let inputs: [URL] = {
        guard let folder = Bundle.module.url(forResource: "FuzzRegressions", withExtension: nil) else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }()

    @Test("every kept input runs through the generator without breaking an expectation", arguments: inputs)
    func replay(_ input: URL) throws {
        let data = try Data(contentsOf: input)
        let outcome = data.withUnsafeBytes { FuzzHarness.run($0) }
        #expect(outcome.violations.isEmpty, "\(input.lastPathComponent): \(outcome.violations)")
    }
}
