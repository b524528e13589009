import DocgenModel
import DocgenPipeline
import Foundation
import OutputWriter
import Testing

/// The pages in HostilePages/ attack the generator: descriptions that try to end a comment, open a literal
/// or an interpolation, or hide text behind bidirectional controls and NUL; type, property, enum-member and
/// path names that are keywords, `self`, `init`, contain spaces, dots, `/`, `..`, backticks or differ only in
/// case; links that lead out of the docs tree. They go through the whole pipeline into a temporary folder.
@Suite("Hostile pages through the pipeline", .serialized)
struct HostilePageTests {
    /// What page text must never become: code outside comments and string literals. (Names on the pages
    /// do become identifiers, of ASCII letters and digits only: `INJECTEDCODE`, `Evil`, `passwd`.)
    static let attackFragments = ["*/", "/*", "\"\"\"", "\\(", "#\"", "INJECTED_CODE", "func evil", "struct Evil {", "..", "`tick`", "/etc/"]

    /// A scratch root holding the docs tree (`input/`), a page outside it (`etc/passwd.md`) that links
    /// from the tree lead to, and the output folder (`out/`).
    struct Run {
        let root: URL
        let files: [OutputFile]
        let model: APIModel
        let entriesBefore: [String]
        let entriesAfter: [String]
        let inputBefore: [String: Data]
        let inputAfter: [String: Data]
    }

    static let run: Result<Run, any Error> = Result {
        let fileManager = FileManager.default
        let root = fileManager.temporaryDirectory.appendingPathComponent("docgen-hostile-\(UUID().uuidString)")
        let input = root.appendingPathComponent("input")
        try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        let pages = try #require(Bundle.module.url(forResource: "HostilePages", withExtension: nil))
        try fileManager.copyItem(at: pages, to: input)
        // The page `../../../etc/passwd.md` leads to from input/v1.0/resources/: defining a type would mean
        // the generator read outside its input.
        try fileManager.createDirectory(at: root.appendingPathComponent("etc"), withIntermediateDirectories: true)
        try Data("# stolen resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| secret | String | Read from outside the docs. |\n".utf8)
            .write(to: root.appendingPathComponent("etc/passwd.md"))

        // Everything the tests look at is kept in memory; the scratch root goes.
        defer { try? fileManager.removeItem(at: root) }
        let entriesBefore = try listing(root)
        let inputBefore = try contents(input)
        let tree = try DocsTree(root: input)
        let model = Pipeline.model(of: tree)
        let files = Pipeline.generatedFiles(for: model)
        _ = try OutputWriter.write(files, to: root.appendingPathComponent("out"))
        return Run(root: root, files: files, model: model, entriesBefore: entriesBefore, entriesAfter: try listing(root),
                   inputBefore: inputBefore, inputAfter: try contents(input))
    }

    /// Every path below `root`, relative to it, sorted.
    static func listing(_ root: URL) throws -> [String] {
        let rootPath = root.standardizedFileURL.path + "/"
        var paths: [String] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            paths.append(String(url.standardizedFileURL.path.dropFirst(rootPath.count)))
        }
        return paths.sorted()
    }

    static func contents(_ root: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for path in try listing(root) {
            var isDirectory: ObjCBool = false
            let url = root.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = try Data(contentsOf: url)
            }
        }
        return result
    }

    @Test("every hostile page is read, and the run writes its client")
    func runCompletes() throws {
        let run = try Self.run.get()
        #expect(run.files.count > 40)
        let v1 = try #require(run.model.versions.first { $0.name == "v1.0" })
        let widget = try #require(v1.types.first { $0.name == "widget" })
        #expect(widget.properties.count >= 50)
        #expect(v1.types.count >= 12)
        // 14 request lines: 4 with `..` segments (one behind a quote that never closes) are reported and left
        // out, and 2 differ only in case.
        #expect(v1.operations.count == 9)
        #expect(run.model.diagnostics.filter { $0.code == .requestLineMalformed && $0.message.contains("'..' segment") }.count == 4)
        #expect(run.model.versions.map(\.name).sorted() == ["beta", "v1.0"])
    }

    @Test("nothing is written outside the output folder, and the input is left as it was")
    func writesOnlyTheOutputFolder() throws {
        let run = try Self.run.get()
        let added = Set(run.entriesAfter).subtracting(run.entriesBefore)
        let removed = Set(run.entriesBefore).subtracting(run.entriesAfter)
        #expect(removed.isEmpty, "\(removed.sorted())")
        #expect(added.contains("out"))
        #expect(added.allSatisfy { $0 == "out" || $0.hasPrefix("out/") }, "\(added.filter { !$0.hasPrefix("out") }.sorted())")
        #expect(added.filter { $0.hasSuffix(".swift") || $0.hasSuffix(".md") }.count == run.files.count)
        #expect(run.inputAfter == run.inputBefore)
    }

    @Test("links out of the docs tree are never followed")
    func linksOutsideTheTreeAreNotFollowed() throws {
        let run = try Self.run.get()
        for version in run.model.versions {
            #expect(!version.types.contains { $0.name.lowercased().contains("stolen") || $0.properties.contains { $0.name == "secret" } })
        }
        #expect(!run.files.contains { $0.contents.contains("secret") || $0.contents.contains("Stolen") })
    }

    @Test("page text ends up only in comments and string literals, and nothing invisible is written")
    func pageTextStaysInert() throws {
        let run = try Self.run.get()
        var sawAttackInComments = false
        var sawAttackInLiterals = false
        // The modules' DocC articles are Markdown of docgen's own: no page text but the version's name. (Their
        // Swift sample interpolates a token, so `\(` is no sign of page text there.)
        for file in run.files where file.path.hasSuffix(".md") {
            for fragment in Self.attackFragments where fragment != "\\(" {
                #expect(!file.contents.contains(fragment), "\(file.path): \(fragment.debugDescription)")
            }
        }
        for file in run.files where file.path.hasSuffix(".swift") {
            let lexed = SwiftLexing(file.contents)
            #expect(lexed.problems.isEmpty, "\(file.path): \(lexed.problems.prefix(5))")
            for fragment in Self.attackFragments {
                #expect(!lexed.code.contains(fragment), "\(file.path): \(fragment.debugDescription) in code")
            }
            let invisible = file.contents.unicodeScalars.filter(isInvisible)
            #expect(invisible.isEmpty, "\(file.path): invisible characters \(invisible.map { String($0.value, radix: 16) })")
            // Each literal is a plain escaped literal: an interpolation would be `\(`.
            for literal in lexed.literals {
                #expect(!literal.replacingOccurrences(of: "\\\\", with: "").contains("\\("), "\(file.path): interpolation in \(literal)")
            }
            if lexed.comments.contains(where: { $0.contains("Ends */ here /* and \"\"\" and \\(INJECTED_CODE()) and #\"raw\"# and `tick` and */ code /*") }) {
                sawAttackInComments = true
            }
            if lexed.literals.contains(where: { $0.contains("INJECTED_CODE") }) { sawAttackInLiterals = true }
        }
        #expect(sawAttackInComments, "the attack text reached the doc comments")
        #expect(sawAttackInLiterals, "the attack text reached string literals")
    }

    @Test("no two generated files differ only in case")
    func noCaseCollisions() throws {
        let run = try Self.run.get()
        let folded = Dictionary(grouping: run.files.map(\.path), by: { $0.lowercased() }).filter { $0.value.count > 1 }
        #expect(folded.isEmpty, "\(folded.values.sorted { $0[0] < $1[0] })")
    }

    @Test(
        "the client generated from the hostile pages compiles",
        .enabled(if: ProcessInfo.processInfo.environment["DOCGEN_COMPILE_TESTS"] == "1",
                 "compiles generated code with `swift build` (~1 min); set DOCGEN_COMPILE_TESTS=1 to run it")
    )
    func generatedCodeCompiles() throws {
        let run = try Self.run.get()
        try expectCompiles(run.files)
    }
}

/// Control, format (bidirectional controls among them), separator, private-use and unassigned scalars:
/// characters a reader cannot see. Line feeds are fine.
func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == "\n" { return false }
    if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return true }
    switch scalar.properties.generalCategory {
    case .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate, .control: return true
    default: return false
    }
}
