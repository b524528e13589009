import DocgenModel
import Foundation
import OutputWriter
import SwiftEmitter

/// Writing the generated client into its folder, and `--check`: the rules that keep a run from harming what
/// is not its own. The output folder must not be, contain or lie inside the docs folder, and is taken over
/// only when it is docgen's (its marker, or every file carrying docgen's header); `Package.swift` beside it
/// changes under the same lock as the folder, so that two runs at once leave a manifest that matches the
/// folder; `--check` only reads, and never follows a symbolic link out of the folder.
public enum ClientOutput {
    /// The first line of every generated file: a folder docgen wrote before it kept a marker is recognised by it.
    public static let generatedHeader = SwiftPrinter.header

    public static func writerOptions(input: URL) -> OutputWriter.Options {
        OutputWriter.Options(protectedFolders: [input], adoptableHeader: generatedHeader)
    }

    /// What a run did.
    public struct WriteResult: Sendable {
        public var plan: OutputPlan
        /// The version modules now listed in `Package.swift`, when the run updated it.
        public var manifestModules: [String]?
    }

    /// Replaces `output` with `files` and brings `Package.swift` beside it in step, both under the writer's lock.
    public static func write(_ files: [OutputFile], to output: URL, input: URL) throws -> WriteResult {
        let modules = PackageManifest.versionModules(of: files.map(\.path), catalog: Pipeline.catalogModuleName)
        var updated: [String]?
        let plan = try OutputWriter.write(files, to: output, options: writerOptions(input: input)) {
            // Read and written under the lock: a run that waited sees what the run before it wrote.
            if let update = PackageManifest.pendingUpdate(besides: output, modules: modules) {
                try Data(update.text.utf8).write(to: update.url, options: .atomic)
                updated = modules
            }
        }
        return WriteResult(plan: plan, manifestModules: updated)
    }

    /// The result of `--check`: whether the folder and the manifest are what a run would write, and the lines
    /// that say what would change.
    public struct CheckResult: Sendable {
        public var isUpToDate: Bool
        public var lines: [String]
    }

    /// Compares without writing anything (it works in a read-only checkout). Throws when the comparison
    /// cannot be made (an unsafe or unreadable folder): "could not check", which is neither answer.
    public static func check(_ files: [OutputFile], output: URL, outputName: String, input: URL, inputName: String) throws -> CheckResult {
        let modules = PackageManifest.versionModules(of: files.map(\.path), catalog: Pipeline.catalogModuleName)
        let manifestUpdate = PackageManifest.pendingUpdate(besides: output, modules: modules)
        let plan = try OutputWriter.plan(files, outputDirectory: output, options: writerOptions(input: input))
        var lines: [String] = []
        for link in plan.links {
            lines.append(Diagnostic.oneLine("warning: \(outputName)/\(link) is a symbolic link or special file: docgen neither follows nor keeps it; `swift run docgen` would replace it"))
        }
        guard plan.hasChanges || manifestUpdate != nil else {
            lines.append("\(outputName) is up to date (\(plan.unchanged.count) files).")
            return CheckResult(isUpToDate: true, lines: lines)
        }
        if manifestUpdate != nil {
            lines.append("Package.swift does not list the generated modules \(modules.joined(separator: ", ")); `swift run docgen` would update it.")
        }
        lines.append(Diagnostic.oneLine("\(outputName) is not up to date with \(inputName); `swift run docgen` would:"))
        let newFiles = Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
        lines += GeneratedChangeExplanation.report(
            added: plan.added, changed: plan.changed, removed: plan.removed, newFiles: newFiles, outputName: outputName,
            read: { path in OutputWriter.existingText(of: path, in: output) }
        ).map(Diagnostic.oneLine)
        if plan.writesMarker {
            lines.append("  mark    \(Diagnostic.oneLine(outputName))/\(OutputWriter.markerName) (the file that says the folder is docgen's)")
        }
        return CheckResult(isUpToDate: false, lines: lines)
    }
}
