import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-graph-client [docgen flags]`: regenerates
/// the package's committed Graph client with docgen, as `docgen.json` at the package root says, and shows
/// docgen's diagnostics as SwiftPM shows a build's (file and line, errors and warnings).
///
/// Extra arguments go to docgen (`--check`, `--subset 'GET /users/{id}'`, `lint`, ...); flags override the
/// configuration file.
@main
struct GenerateGraphClient: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let docgen = try context.tool(named: "docgen")
        let root = context.package.directoryURL
        var docgenArguments = arguments
        let configuration = root.appendingPathComponent("docgen.json")
        if !arguments.contains("--config"), FileManager.default.fileExists(atPath: configuration.path) {
            docgenArguments += ["--config", configuration.path]
        }
        docgenArguments += ["--diagnostics-format", "json"]

        let process = Process()
        process.executableURL = docgen.url
        process.arguments = docgenArguments
        process.currentDirectoryURL = root
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // Read standard error to its end before waiting, so that a long run cannot fill the pipe and stall.
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        var counts = (errors: 0, warnings: 0)
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            guard let diagnostic = try? JSONDecoder().decode(DocgenDiagnostic.self, from: Data(line.utf8)) else {
                // Not a diagnostic (a message docgen prints about the run): pass it on.
                Diagnostics.remark(String(line))
                continue
            }
            let file = diagnostic.path.hasPrefix("/") ? diagnostic.path : root.appendingPathComponent(diagnostic.path).path
            // SwiftPM's command line prints the message alone; Xcode also uses file and line.
            let message = "\(diagnostic.path):\(diagnostic.line):\(diagnostic.column): \(diagnostic.message) [\(diagnostic.code)]"
            if diagnostic.severity == "error" {
                counts.errors += 1
                Diagnostics.error(message, file: file, line: diagnostic.line)
            } else {
                counts.warnings += 1
                Diagnostics.warning(message, file: file, line: diagnostic.line)
            }
        }
        if process.terminationStatus != 0 {
            throw PluginFailure(status: process.terminationStatus, errors: counts.errors, warnings: counts.warnings)
        }
    }
}

/// A line of `docgen --diagnostics-format json`.
struct DocgenDiagnostic: Decodable {
    var severity: String
    var code: String
    var message: String
    var path: String
    var line: Int
    var column: Int
}

struct PluginFailure: Error, CustomStringConvertible {
    var status: Int32
    var errors: Int
    var warnings: Int
    var description: String {
        "docgen exited with status \(status) (\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"))"
    }
}
