import DocgenModel
import ArgumentParser
import DocgenConfig
import DocgenPipeline
import MetadataComparison
import Foundation
import ModelDiff
import OpenAPIWriter
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
        version: DocgenVersion.current,
        subcommands: [Generate.self, Model.self, Lint.self, Diff.self, OpenAPI.self],
        defaultSubcommand: Generate.self
    )
}

/// Options every subcommand that reads docs shares. Each overrides the configuration file's value.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The configuration file (default: docgen.json in the current folder, when there is one).", valueName: "file"))
    var config: String?

    @Option(help: "The docs folder: every .md file below it is read (default: the configuration's, else docs-input).")
    var input: String?

    @Option(name: .customLong("default-api-version"), help: "API version of pages whose folder and example URLs name none (default v1.0).")
    var defaultAPIVersion: String?

    @Flag(help: "Treat warnings as errors (exit status 1 when there are any).")
    var strict = false

    @Option(name: .customLong("subset"), help: ArgumentHelp(
        "Generate only the operations selected, with every type they need (repeatable; replaces the configuration's).",
        discussion: "An operation pattern ('GET /users/{id}', '/deviceManagement/managedDevices/**'; {x} any parameter, * one segment, ** any number), or a page selector: with a '/' a path prefix (v1.0/api/), else a file-name prefix (intune-)."
    ))
    var subsets: [String] = []

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Leave out the operations an operation pattern or page selector selects (repeatable).", valueName: "selector"))
    var exclusions: [String] = []

    @Option(name: .customLong("diagnostics-format"), help: "text, github (workflow annotations), json (one object a line) or sarif.")
    var diagnosticsFormat: DiagnosticFormat = .text

    /// The configuration file's settings merged with the flags; config errors are reported and end the run.
    func settings() throws -> Settings {
        var configuration = Configuration()
        let path = config ?? (FileManager.default.fileExists(atPath: Configuration.fileName) ? Configuration.fileName : nil)
        if let path {
            do {
                configuration = try Configuration.read(contentsOf: URL(fileURLWithPath: path), displayPath: path)
            } catch let error as ConfigurationError {
                emit(error.diagnostics, format: diagnosticsFormat, strict: false)
                throw ExitCode(1)
            } catch {
                FileHandle.standardError.write(Data("docgen: error: cannot read \(path): \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
        }
        let selectors = subsets.isEmpty ? configuration.subset ?? [] : subsets
        let excluded = exclusions.isEmpty ? configuration.exclude ?? [] : exclusions
        return Settings(
            configuration: configuration,
            input: input ?? configuration.input.map(configuration.resolve) ?? "docs-input",
            defaultAPIVersion: defaultAPIVersion ?? configuration.defaultAPIVersion ?? "v1.0",
            subset: ModelSubset(selectors: selectors, excluding: excluded),
            strict: strict, format: diagnosticsFormat
        )
    }
}

/// What a run uses: the flags over the configuration over the defaults.
struct Settings {
    var configuration: Configuration
    var input: String
    var defaultAPIVersion: String
    var subset: ModelSubset
    var strict: Bool
    var format: DiagnosticFormat

    var pipelineOptions: Pipeline.Options {
        var options = Pipeline.Options(defaultAPIVersion: defaultAPIVersion)
        options.pageProgress = Progress.pages
        return options
    }

    func tree() throws -> DocsTree { try DocsTree(root: URL(fileURLWithPath: input)) }

    /// The linked model of the input, before the selection.
    func wholeModel() throws -> APIModel {
        let model = Pipeline.model(of: try tree(), options: pipelineOptions)
        Progress.done()
        return configuration.selectingVersions(of: model)
    }

    /// Prints the diagnostics to standard error, paths relative to the current folder, and returns whether
    /// any counts as an error.
    func report(_ diagnostics: [Diagnostic]) -> Bool {
        emit(diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.location.path = pagePath(diagnostic.location.path)
            return diagnostic
        }, format: format, strict: strict)
    }

    /// A page's path as the user names it: below the docs folder.
    func pagePath(_ path: String) -> String {
        (input.hasSuffix("/") ? input : input + "/") + path
    }
}

/// Prints diagnostics in `format` to standard error (`--strict`: all as errors); for people, a count after
/// them. Returns whether any is an error.
@discardableResult
func emit(_ diagnostics: [Diagnostic], format: DiagnosticFormat, strict: Bool) -> Bool {
    let shown = strict ? diagnostics.map { diagnostic in
        var diagnostic = diagnostic
        diagnostic.severity = .error
        return diagnostic
    } : diagnostics
    let errors = shown.filter { $0.severity == .error }.count
    let warnings = shown.count - errors
    if !shown.isEmpty || format == .sarif {
        FileHandle.standardError.write(Data(format.render(shown).utf8))
    }
    if format.isForPeople, errors + warnings > 0 {
        FileHandle.standardError.write(Data("docgen: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n".utf8))
    }
    return errors > 0
}

extension DiagnosticFormat: ExpressibleByArgument {}

/// Progress on a terminal: pages read, files written, on one line of standard error that is rewritten;
/// nothing when standard error is not a terminal (CI logs, pipes, the plugin).
enum Progress {
    static let isTerminal = isatty(STDERR_FILENO) == 1

    static var pages: (@Sendable (Int, Int) -> Void)? {
        guard isTerminal else { return nil }
        return { (done: Int, total: Int) in
            if done == total || done % 97 == 0 { Progress.show("docgen: read \(done) of \(total) pages") }
        }
    }

    static func show(_ text: String) {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    /// Clears the progress line.
    static func done() {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate the Swift client (the default).")

    @OptionGroup var inputOptions: InputOptions

    @Option(help: "The folder the generated client goes into; docgen owns it entirely (default: the configuration's, else Generated).")
    var output: String?

    @Flag(help: "Write nothing; list the files that would change. Exit status 0: up to date, 1: out of date, 2: could not check.")
    var check = false

    func run() throws {
        if check {
            // Exit status: 0 up to date, 1 out of date, 2 could not check (page diagnostics do not change it).
            var outputName = output ?? "Generated"
            do {
                let settings = try inputOptions.settings()
                outputName = output ?? settings.configuration.output.map(settings.configuration.resolve) ?? "Generated"
                let whole = try settings.wholeModel()
                let model = settings.subset.apply(to: whole)
                _ = settings.report(model.diagnostics)
                let conflicts = Pipeline.moduleNameConflicts(of: model)
                guard conflicts.isEmpty else {
                    _ = settings.report(conflicts)
                    throw ExitCode(2)
                }
                if !settings.subset.isEverything { print("docgen: \(SelectionSummary(whole: whole, selected: model)).") }
                let files = Pipeline.generatedFiles(for: model, emitter: settings.configuration.emitter)
                let result = try ClientOutput.check(files, output: URL(fileURLWithPath: outputName), outputName: outputName,
                                                    input: URL(fileURLWithPath: settings.input), inputName: settings.input)
                result.lines.forEach { print($0) }
                if !result.isUpToDate { throw ExitCode(1) }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                FileHandle.standardError.write(Data(Diagnostic.oneLine("docgen: error: could not check \(outputName): \(error)").utf8 + [10]))
                throw ExitCode(2)
            }
            return
        }
        let settings = try inputOptions.settings()
        let whole = try settings.wholeModel()
        let model = settings.subset.apply(to: whole)
        let hasErrors = settings.report(model.diagnostics)
        let conflicts = Pipeline.moduleNameConflicts(of: model)
        guard conflicts.isEmpty else {
            _ = settings.report(conflicts)
            throw ExitCode(1)
        }
        let output = output ?? settings.configuration.output.map(settings.configuration.resolve) ?? "Generated"
        if !settings.subset.isEverything { print("docgen: \(SelectionSummary(whole: whole, selected: model)).") }
        let files = Pipeline.generatedFiles(for: model, emitter: settings.configuration.emitter)
        Progress.show("docgen: writing \(files.count) files")
        let result = try ClientOutput.write(files, to: URL(fileURLWithPath: output), input: URL(fileURLWithPath: settings.input))
        Progress.done()
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
        let settings = try inputOptions.settings()
        let model = settings.subset.apply(to: try settings.wholeModel())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(model))
        FileHandle.standardOutput.write(Data("\n".utf8))
        if settings.report(model.diagnostics) { throw ExitCode(1) }
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
        /// With a selection: how much of the whole model it keeps.
        let selection: SelectionSummary?
        let diagnostics: [Diagnostic]
        let metadata: MetadataReport?
    }

    struct MetadataReport: Encodable {
        let counts: [String: Int]
        let agreement: MetadataComparison.Agreement?
    }

    func run() throws {
        let settings = try inputOptions.settings()
        let tree = try settings.tree()
        let pages = Pipeline.parsePages(of: tree, options: settings.pipelineOptions)
        Progress.done()
        let linked = settings.configuration.selectingVersions(of: Pipeline.link(pages))
        let subset = settings.subset.isEverything ? nil : settings.subset
        let model = subset?.apply(to: linked) ?? linked
        let selection = subset.map { _ in SelectionSummary(whole: linked, selected: model) }
        // The summary counts the pages the selection selects, and those of the operations it keeps.
        let keptPages = Set(model.versions.flatMap { $0.operations.map(\.location.path) })
        let summary = LintSummary(pages: subset.map { subset in pages.filter { subset.selects($0.path) || keptPages.contains($0.path) } } ?? pages, model: model)
        let check = metadata.map { MetadataCheck(model: model, file: URL(fileURLWithPath: $0), displayPath: $0, version: metadataVersion) }
        let metadataDiagnostics = (check?.diagnostics ?? []).map { diagnostic in
            // Metadata diagnostics name the metadata file or a page; page paths get the docs folder.
            var diagnostic = diagnostic
            if diagnostic.location.path != metadata { diagnostic.location.path = settings.pagePath(diagnostic.location.path) }
            return diagnostic
        }
        let diagnostics = (model.diagnostics + (check?.diagnostics ?? [])).sorted()
        let failed = diagnostics.contains { $0.severity == .error } || (settings.strict && !diagnostics.isEmpty)
        switch format {
        case .text:
            if !summaryOnly {
                _ = settings.report(model.diagnostics)
                emit(metadataDiagnostics, format: settings.format, strict: settings.strict)
            }
            print(summary.text)
            if let selection { print("selection:    \(selection.description.dropFirst("the selection ".count))") }
            if let check { print(check.report) }
            if failed { throw ExitCode(1) }
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let metadataReport = check.map { check in
                MetadataReport(counts: Dictionary(uniqueKeysWithValues: (check.comparison?.counts ?? [:]).map { ($0.key.rawValue, $0.value) }),
                               agreement: check.comparison?.agreement)
            }
            FileHandle.standardOutput.write(try encoder.encode(Report(summary: summary, selection: selection, diagnostics: summaryOnly ? [] : diagnostics, metadata: metadataReport)))
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

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Leave out what an operation pattern or page selector selects (repeatable).", valueName: "selector"))
    var exclusions: [String] = []

    @Option(help: "markdown (for a pull-request comment) or json.")
    var format: Format = .markdown

    @Option(help: ArgumentHelp("Also append the Markdown report to this file, whatever --format says (a job summary: \"$GITHUB_STEP_SUMMARY\").", valueName: "file"))
    var summary: String?

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
            let markdown = { MarkdownReport(maximumRowsPerGroup: maxRows == 0 ? nil : maxRows, maximumLength: maxLength == 0 ? nil : maxLength).render(report) }
            let text = switch format {
            case .markdown: markdown()
            case .json: try report.jsonText()
            }
            if let summary {
                let url = URL(fileURLWithPath: summary)
                if !FileManager.default.fileExists(atPath: summary) { _ = FileManager.default.createFile(atPath: summary, contents: nil) }
                let handle = try FileHandle(forWritingTo: url)
                defer { try? handle.close() }
                try handle.seekToEnd()
                try handle.write(contentsOf: Data((format == .markdown ? text : markdown()).utf8))
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
        return (ModelSubset(selectors: subsets, excluding: exclusions).apply(to: model), label, pages)
    }

    func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("docgen diff: error: \(message)\n".utf8))
        return ExitCode(2)
    }
}

struct OpenAPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Write one API version of the model as an OpenAPI 3.0 document (JSON, keys sorted).",
        discussion: "The selection (--subset, --exclude, the configuration's) applies. Diagnostics go to standard error as for generate."
    )

    @OptionGroup var inputOptions: InputOptions

    @Option(name: .customLong("api-version"), help: "The API version to write (needed when the docs have more than one).")
    var apiVersion: String?

    @Option(help: ArgumentHelp("Write the document to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let settings = try inputOptions.settings()
        let model = settings.subset.apply(to: try settings.wholeModel())
        let hasErrors = settings.report(model.diagnostics)
        let names = model.versions.map(\.name)
        guard let version = apiVersion.map({ wanted in model.versions.first { $0.name == wanted } }) ?? (model.versions.count == 1 ? model.versions.first : nil) else {
            let problem = apiVersion.map { "the docs have no API version \($0)" } ?? "the docs have several API versions; choose one with --api-version"
            FileHandle.standardError.write(Data("docgen openapi: error: \(problem) (they have \(names.isEmpty ? "none" : names.joined(separator: ", "))).\n".utf8))
            throw ExitCode(2)
        }
        let text = OpenAPIWriter.json(for: version)
        if let output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            FileHandle.standardError.write(Data("docgen openapi: \(version.name): \(version.operations.count) operations, \(version.types.count + version.enums.count) schemas in \(output)\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if hasErrors { throw ExitCode(1) }
    }
}
