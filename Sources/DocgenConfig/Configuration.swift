import DocgenModel
import DocgenPipeline
import Foundation
import JSONText
import SwiftEmitter

/// docgen's configuration file, `docgen.json` at the root of the package that holds the generated client:
/// what the command line's flags say, kept with the package so that `swift run docgen` and the
/// `generate-graph-client` plugin do the same thing. A flag given on the command line overrides the file.
///
/// Every member is optional; paths are relative to the folder of the file.
public struct Configuration: Hashable, Sendable {
    /// The docs folder (`input`).
    public var input: String?
    /// The folder the client goes into (`output`).
    public var output: String?
    /// `defaultAPIVersion`.
    public var defaultAPIVersion: String?
    /// The API versions to generate modules for (`versions`, `["v1.0"]`); all when nil.
    public var versions: [String]?
    /// Operation patterns and page selectors (`subset`), and exclusions (`exclude`); see `ModelSubset`.
    public var subset: [String]?
    public var exclude: [String]?
    /// `accessModifier`, `nameOverrides`, `typeOverrides`, `additionalImports`, `catalog`.
    public var emitter: EmitterOptions
    /// The folder the file is in: relative paths are relative to it.
    public var folder: URL?

    public init(
        input: String? = nil, output: String? = nil, defaultAPIVersion: String? = nil, versions: [String]? = nil,
        subset: [String]? = nil, exclude: [String]? = nil, emitter: EmitterOptions = EmitterOptions(), folder: URL? = nil
    ) {
        self.input = input
        self.output = output
        self.defaultAPIVersion = defaultAPIVersion
        self.versions = versions
        self.subset = subset
        self.exclude = exclude
        self.emitter = emitter
        self.folder = folder
    }

    /// The name docgen looks for in the current folder when no `--config` is given.
    public static let fileName = "docgen.json"

    /// `path` made absolute against the file's folder (unchanged when absolute or when there is no file).
    public func resolve(_ path: String) -> String {
        guard let folder, !path.hasPrefix("/") else { return path }
        // A file in the current folder: its paths stay as written, and so do the messages that name them.
        if folder.standardizedFileURL.path == URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path {
            return path
        }
        return folder.appendingPathComponent(path).path
    }

    /// The model cut down to `versions`.
    public func selectingVersions(of model: APIModel) -> APIModel {
        guard let versions else { return model }
        var model = model
        model.versions = model.versions.filter { versions.contains($0.name) }
        return model
    }
}

/// A configuration file that cannot be used: every problem found, as diagnostics at their key's line.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension DiagnosticCode {
    /// The configuration file is not JSON.
    public static let configurationInvalidJSON: DiagnosticCode = "config-invalid-json"
    /// A key docgen does not know (a misspelling would otherwise be ignored).
    public static let configurationUnknownKey: DiagnosticCode = "config-unknown-key"
    /// A value of the wrong JSON type.
    public static let configurationWrongType: DiagnosticCode = "config-wrong-type"
    /// A value of the right type that cannot work (an access modifier Swift does not have, a name that is not
    /// an identifier, a type override for a type that is not a primitive).
    public static let configurationInvalidValue: DiagnosticCode = "config-invalid-value"
}
