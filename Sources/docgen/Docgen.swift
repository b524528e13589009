import DocgenModel
import ArgumentParser
import DocgenPipeline
import MetadataComparison
import Foundation
import ModelDiff
import OutputWriter

@main
struct Docgen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docgen",
        abstract: "Generates a Swift client for Microsoft Graph from its Markdown reference pages.",
        discussion: """
        With no subcommand, reads the docs folder, prints its diagnostics and writes the client into the \
        output folder (replacing it atomically; unchanged files are left untouched).
        """,
        subcommands: [Generate.self, Model.self, Lint.self, Diff.self],
        defaultSubcommand: Generate.self
    )
}

/// Options every subcommand that reads docs shares.
struct InputOptions: ParsableArguments {
    @Option(help: "The docs folder: every .md file below it is read.")
    var input: String = "docs-input"

    @Option(name: .customLong("default-api-version"), help: "API version of pages whose folder and example URLs name none.")
    var defaultAPIVersion: String = "v1.0"

    @Flag(help: "Treat warnings as errors (exit status 1 when there are any).")
    var strict = false

    @Option(name: .customLong("subset"), help: ArgumentHelp(
        "Generate only the operations of the pages selected, with every type they need (repeatable).",
        discussion: "A value with a '/' selects pages by path prefix (v1.0/api/), any other by file-name prefix (intune-)."
    ))
    var subsets: [String] = []

    /// The model of the input, cut down to the subset when one is given.
    func model() throws -> APIModel {
        let model = Pipeline.model(of: try tree(), options: pipelineOptions)
        return subsets.isEmpty ? model : ModelSubset(selectors: subsets).apply(to: model)
    }

    func tree() throws -> DocsTree {
        try DocsTree(root: URL(fileURLWithPath: input))
    }

    var pipelineOptions: Pipeline.Options { Pipeline.Options(defaultAPIVersion: defaultAPIVersion) }

    /// Prints the diagnostics to standard error, paths relative to the current folder, and returns whether
    /// any counts as an error.
    func report(_ diagnostics: [Diagnostic]) -> Bool {
        let prefix = input.hasSuffix("/") ? input : input + "/"
        var errors = 0
        var warnings = 0
        for var diagnostic in diagnostics {
            diagnostic.location.path = prefix + diagnostic.location.path
            if strict { diagnostic.severity = .error }
            if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
        if errors + warnings > 0 {
            FileHandle.standardError.write(Data("docgen: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n".utf8))
        }
        return errors > 0
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate the Swift client (the default).")

    @OptionGroup var inputOptions: InputOptions

    @Option(help: "The folder the generated client goes into; docgen owns it entirely.")
    var output: String = "Generated"

    @Flag(help: "Write nothing; list the files that would change. Exit status 0: up to date, 1: out of date, 2: could not check.")
    var check = false

    func run() throws {
        let inputURL = URL(fileURLWithPath: inputOptions.input)
        let outputURL = URL(fileURLWithPath: output)
        if check {
            // Exit status: 0 up to date, 1 out of date, 2 could not check (page diagnostics do not change it).
            do {
                let model = try inputOptions.model()
                _ = inputOptions.report(model.diagnostics)
                let conflicts = Pipeline.moduleNameConflicts(of: model)
                guard conflicts.isEmpty else {
                    _ = inputOptions.report(conflicts)
                    throw ExitCode(2)
                }
                let result = try ClientOutput.check(Pipeline.generatedFiles(for: model), output: outputURL, outputName: output,
                                                    input: inputURL, inputName: inputOptions.input)
                result.lines.forEach { print($0) }
                if !result.isUpToDate { throw ExitCode(1) }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                FileHandle.standardError.write(Data(Diagnostic.oneLine("docgen: error: could not check \(output): \(error)").utf8 + [10]))
                throw ExitCode(2)
            }
            return
        }
        let model = try inputOptions.model()
        let hasErrors = inputOptions.report(model.diagnostics)
        let conflicts = Pipeline.moduleNameConflicts(of: model)
        guard conflicts.isEmpty else {
            _ = inputOptions.report(conflicts)
            throw ExitCode(1)
        }
        let files = Pipeline.generatedFiles(for: model)
        let result = try ClientOutput.write(files, to: outputURL, input: inputURL)
        if let modules = result.manifestModules {
            print("docgen: updated the generated modules in Package.swift: \(modules.joined(separator: ", ")).")
        }
        let plan = result.plan
        print("docgen: \(files.count) files in \(output): \(plan.added.count) added, \(plan.changed.count) changed, \(plan.removed.count) removed, \(plan.unchanged.count) unchanged.")
        if hasErrors { throw ExitCode(1) }
    }
}

struct Model: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the intermediate model of the docs as JSON.")

    @OptionGroup var inputOptions: InputOptions

    func run() throws {
        let model = try inputOptions.model()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(model))
        FileHandle.standardOutput.write(Data("\n".utf8))
        if inputOptions.report(model.diagnostics) { throw ExitCode(1) }
    }
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse a whole docs tree and report its diagnostics and a summary of what was understood.",
        discussion: "Writes nothing. Exit status 1 when there are errors (with --strict: any diagnostic)."
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var inputOptions: InputOptions

    @Option(help: "text, or json for the summary and diagnostics as one JSON document.")
    var format: Format = .text

    @Flag(help: "Print only the summary, not each diagnostic.")
    var summaryOnly = false

    @Option(help: "A CSDL metadata file (EDMX XML) to compare the pages with.")
    var metadata: String?

    @Option(help: "The API version of the pages that --metadata describes.")
    var metadataVersion = "v1.0"

    struct Report: Encodable {
        let summary: LintSummary
        let diagnostics: [Diagnostic]
        let metadata: MetadataReport?
    }

    struct MetadataReport: Encodable {
        let counts: [String: Int]
        let agreement: MetadataComparison.Agreement?
    }

    func run() throws {
        let tree = try inputOptions.tree()
        let pages = Pipeline.parsePages(of: tree, options: inputOptions.pipelineOptions)
        let linked = Pipeline.link(pages)
        let subset = inputOptions.subsets.isEmpty ? nil : ModelSubset(selectors: inputOptions.subsets)
        let model = subset?.apply(to: linked) ?? linked
        // The summary counts the pages the subset selects, as it counts their operations.
        let summary = LintSummary(pages: subset.map { subset in pages.filter { subset.selects($0.path) } } ?? pages, model: model)
        let check = metadata.map { MetadataCheck(model: model, file: URL(fileURLWithPath: $0), displayPath: $0, version: metadataVersion) }
        let diagnostics = (model.diagnostics + (check?.diagnostics ?? [])).sorted()
        let failed = diagnostics.contains { $0.severity == .error } || (inputOptions.strict && !diagnostics.isEmpty)
        switch format {
        case .text:
            if !summaryOnly {
                _ = inputOptions.report(model.diagnostics)
                // Metadata diagnostics name the metadata file or a page; page paths get the docs folder.
                let prefix = inputOptions.input.hasSuffix("/") ? inputOptions.input : inputOptions.input + "/"
                for var diagnostic in check?.diagnostics ?? [] {
                    if diagnostic.location.path != metadata { diagnostic.location.path = prefix + diagnostic.location.path }
                    if inputOptions.strict { diagnostic.severity = .error }
                    FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
                }
            }
            print(summary.text)
            if let check { print(check.report) }
            if failed { throw ExitCode(1) }
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let metadataReport = check.map { check in
                MetadataReport(counts: Dictionary(uniqueKeysWithValues: (check.comparison?.counts ?? [:]).map { ($0.key.rawValue, $0.value) }),
                               agreement: check.comparison?.agreement)
            }
            FileHandle.standardOutput.write(try encoder.encode(Report(summary: summary, diagnostics: summaryOnly ? [] : diagnostics, metadata: metadataReport)))
            FileHandle.standardOutput.write(Data("\n".utf8))
            if failed { throw ExitCode(1) }
        }
    }
}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report the API changes between two states of a docs tree, classified for the generated Swift client.",
        discussion: """
        OLD and NEW are docs folders, or with --repo revisions of a git repository, read from the repository \
        without checking anything out. The two linked models are compared, not the text: each operation, \
        permission, required header, body, type, property and enum member that changed is listed as breaking \
        (code written against the old client no longer compiles, decodes differently, or sends requests the docs \
        no longer accept), additive, or informational (the Swift declarations stay the same), with the reason. \
        Wording-only changes are counted. Page diagnostics are counted, not printed (docgen lint prints them).

        Exit status: 0 when nothing --fail-on counts changed, 1 when something did, 2 when an input cannot be \
        read (a missing folder, not a git repository, an unknown revision, an API version a side lacks).
        """
    )

    enum Format: String, ExpressibleByArgument { case markdown, json }

    enum FailOn: String, ExpressibleByArgument {
        case breaking, any, none

        var policy: FailurePolicy {
            switch self {
            case .breaking: .breaking
            case .any: .any
            case .none: .none
            }
        }
    }

    @Argument(help: "The old state: a docs folder, or with --repo a revision.")
    var old: String

    @Argument(help: "The new state: a docs folder, or with --repo a revision.")
    var new: String

    @Option(help: ArgumentHelp("Read OLD and NEW as revisions of the git repository at this folder.", valueName: "path"))
    var repo: String?

    @Option(name: .customLong("docs-path"), help: ArgumentHelp("With --repo: the docs folder, relative to the --repo folder (default: that folder).", valueName: "folder"))
    var docsPath: String?

    @Option(name: .customLong("old-version"), help: "Compare this API version of OLD (with --new-version) instead of same-named versions.")
    var oldVersion: String?

    @Option(name: .customLong("new-version"), help: "Compare this API version of NEW (with --old-version).")
    var newVersion: String?

    @Option(name: .customLong("subset"), help: ArgumentHelp(
        "Compare only the operations of the pages selected, with every type they need (repeatable).",
        discussion: "A value with a '/' selects pages by path prefix (v1.0/api/), any other by file-name prefix (intune-)."
    ))
    var subsets: [String] = []

    @Option(help: "markdown (for a pull-request comment) or json.")
    var format: Format = .markdown

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Exit 1 when there are breaking changes (breaking), any listed change (any), or never (none).")
    var failOn: FailOn = .breaking

    @Option(name: .customLong("max-rows"), help: "Markdown: at most this many rows per group, the rest counted (0: no limit).")
    var maxRows: Int = 200

    @Option(name: .customLong("max-length"), help: "Markdown: stop listing rows (breaking ones come first) at about this many characters, the rest counted (0: no limit; GitHub comments hold 65,536).")
    var maxLength: Int = 60_000

    @Option(name: .customLong("default-api-version"), help: "API version of pages whose folder and example URLs name none.")
    var defaultAPIVersion: String = "v1.0"

    func validate() throws {
        if (oldVersion == nil) != (newVersion == nil) {
            throw ValidationError("--old-version and --new-version go together.")
        }
        if docsPath != nil && repo == nil {
            throw ValidationError("--docs-path needs --repo.")
        }
        if maxRows < 0 || maxLength < 0 { throw ValidationError("--max-rows and --max-length must be 0 or more.") }
    }

    func run() throws {
        var clock = Date()
        /// Seconds since the last lap.
        func lap() -> String {
            let now = Date()
            defer { clock = now }
            return String(format: "%.1f s", now.timeIntervalSince(clock))
        }
        let report: DriftReport
        do {
            let options = Pipeline.Options(defaultAPIVersion: defaultAPIVersion)
            let (oldModel, oldLabel, oldPages) = try side(old, options: options)
            let (newModel, newLabel, newPages) = (old == new)
                ? (oldModel, oldLabel, oldPages)
                : try side(new, options: options)
            let reading = lap()
            report = try ModelDiff.compare(old: oldModel, new: newModel, options: ModelDiff.Options(
                oldLabel: oldLabel, newLabel: newLabel,
                versionPair: oldVersion.flatMap { old in newVersion.map { ModelDiff.VersionPair(old: old, new: $0) } }
            ))
            let comparing = lap()
            let text = switch format {
            case .markdown: MarkdownReport(maximumRowsPerGroup: maxRows == 0 ? nil : maxRows, maximumLength: maxLength == 0 ? nil : maxLength).render(report)
            case .json: try report.jsonText()
            }
            if let output {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            let writing = lap()
            let summary = report.summary
            let pages = old == new ? "\(oldPages) pages read once" : "\(oldPages) and \(newPages) pages"
            FileHandle.standardError.write(Data("docgen diff: \(summary.breaking) breaking, \(summary.additive) additive, \(summary.informational) informational, \(summary.wording) wording-only (\(pages): reading and linking \(reading), comparing \(comparing), writing \(writing))\n".utf8))
        } catch let error as DocgenError {
            throw fail(error.description)
        } catch let error as ModelDiff.Failure {
            throw fail(error.description)
        } catch let error as CocoaError {
            throw fail(error.localizedDescription)
        }
        if failOn.policy.fails(report) { throw ExitCode(1) }
    }

    /// The model of one side, how the report names it, and how many pages it has.
    func side(_ specification: String, options: Pipeline.Options) throws -> (APIModel, String, Int) {
        let model: APIModel
        let label: String
        let pages: Int
        if let repo {
            let tree = try GitRevisionTree(repository: URL(fileURLWithPath: repo), revision: specification, docsPath: docsPath)
            model = Pipeline.model(of: tree, options: options)
            label = (tree.docsPath.isEmpty ? "" : "\(tree.docsPath) at ") + "\(specification) (\(tree.resolvedRevision))"
            pages = tree.pagePaths.count
        } else {
            let tree = try DocsTree(root: URL(fileURLWithPath: specification))
            model = Pipeline.model(of: tree, options: options)
            label = specification
            pages = tree.pagePaths.count
        }
        return (subsets.isEmpty ? model : ModelSubset(selectors: subsets).apply(to: model), label, pages)
    }

    func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("docgen diff: error: \(message)\n".utf8))
        return ExitCode(2)
    }
}
