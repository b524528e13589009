import OutputWriter
import Testing
import TestSupport

/// Builds the files of a generated output folder with `swift build` (TestSupport's GeneratedPackageBuild);
/// the compiler's errors become the issue.
func expectCompiles(_ files: [OutputFile], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let outcome = try GeneratedPackageBuild.build(files.map { ($0.path, $0.contents) })
    #expect(outcome.succeeded, "swift build failed:\n\(outcome.errors)", sourceLocation: sourceLocation)
}
