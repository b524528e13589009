import Foundation

/// The list of generated version modules in the package manifest. SwiftPM caches a manifest by its text,
/// so the manifest names the modules statically, between two marker lines, and docgen keeps that one line
/// in step with what it generates.
public enum PackageManifest {
    public static let beginMarker = "// docgen:generated-modules:begin"
    public static let endMarker = "// docgen:generated-modules:end"

    /// The version modules of a set of generated files: their top-level folders, except the catalog.
    public static func versionModules(of paths: [String], catalog: String) -> [String] {
        Set(paths.compactMap { path in path.split(separator: "/").first.map(String.init) }).subtracting([catalog]).sorted()
    }

    /// The manifest text with the list between the markers replaced; nil when the manifest has no markers.
    public static func updating(_ manifest: String, modules: [String]) -> String? {
        var lines = manifest.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let begin = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == beginMarker }),
              let end = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == endMarker }), begin < end
        else { return nil }
        let list = modules.map { "\"\($0)\"" }.joined(separator: ", ")
        lines.replaceSubrange((begin + 1)..<end, with: ["let versionModules = [\(list)]"])
        return lines.joined(separator: "\n")
    }

    /// What a run would do to the manifest beside `outputDirectory`: nil when there is none, it has no
    /// markers, or it already lists `modules`; else the manifest's URL and its new text.
    public static func pendingUpdate(besides outputDirectory: URL, modules: [String]) -> (url: URL, text: String)? {
        let url = outputDirectory.standardizedFileURL.deletingLastPathComponent().appendingPathComponent("Package.swift")
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let current = String(decoding: data, as: UTF8.self)
        guard let updated = updating(current, modules: modules), updated != current else { return nil }
        return (url, updated)
    }
}
