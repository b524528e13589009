import DocgenModel
import Foundation
import MetadataComparison
import MetadataReader

/// `docgen lint --metadata FILE`: the service's CSDL metadata read and compared with one API version of
/// the model. A file that cannot be read or parsed is an error diagnostic at its place, never a crash.
public struct MetadataCheck: Sendable {
    /// nil when the metadata could not be read (then `diagnostics` says why).
    public var comparison: MetadataComparison?
    /// The comparison's disagreements, or the error that stopped the reading.
    public var diagnostics: [Diagnostic]

    public static let unreadable: DiagnosticCode = "metadata-unreadable"

    /// Reads `file` (named `displayPath` in diagnostics) and compares it with `version` of `model`.
    public init(model: APIModel, file: URL, displayPath: String, version: String) {
        do {
            let data = try Data(contentsOf: file)
            self.init(model: model, data: data, displayPath: displayPath, version: version)
        } catch {
            self.init(comparison: nil, diagnostics: [
                .error(Self.unreadable, "metadata file cannot be read: \(error.localizedDescription)", at: SourceLocation(path: displayPath, line: 1, column: 1)),
            ])
        }
    }

    private init(comparison: MetadataComparison?, diagnostics: [Diagnostic]) {
        self.comparison = comparison
        self.diagnostics = diagnostics
    }

    public init(model: APIModel, data: Data, displayPath: String, version: String) {
        switch CSDLReader.read(data) {
        case .failure(let failure):
            comparison = nil
            diagnostics = [.error(Self.unreadable, failure.message, at: SourceLocation(path: displayPath, line: failure.line, column: failure.column))]
        case .success(let document):
            guard let modelVersion = model.versions.first(where: { $0.name == version }) else {
                comparison = nil
                diagnostics = [.error(Self.unreadable, "the pages document no API version '\(version)' to compare the metadata with", at: SourceLocation(path: displayPath, line: 1, column: 1))]
                return
            }
            let comparison = MetadataComparison(version: modelVersion, metadata: document, metadataPath: displayPath)
            self.comparison = comparison
            diagnostics = comparison.diagnostics
        }
    }

    /// The readable report (or the reason there is none).
    public var report: String {
        comparison?.report ?? "metadata comparison: not made (\(diagnostics.first?.message ?? "no metadata"))"
    }
}
