import DocgenModel
import DocgenPipeline
import Foundation
import OutputWriter
import Testing

/// The committed Generated/ folder and Package.swift are what `swift run docgen` would write now.
@Suite("Generated/ is up to date")
struct GeneratedFreshnessTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("Generated/ holds exactly what docgen generates from docs-input/")
    func generatedIsCurrent() throws {
        let model = Pipeline.model(of: try DocsTree(root: Self.packageRoot.appendingPathComponent("docs-input")))
        let files = Pipeline.generatedFiles(for: model)
        let plan = try OutputWriter.plan(files, outputDirectory: Self.packageRoot.appendingPathComponent("Generated"))
        #expect(plan.added.isEmpty && plan.changed.isEmpty && plan.removed.isEmpty,
                "Generated/ is stale; run `swift run docgen`. added: \(plan.added), changed: \(plan.changed), removed: \(plan.removed)")
    }

    @Test("Package.swift lists the generated version modules")
    func manifestIsCurrent() throws {
        let model = Pipeline.model(of: try DocsTree(root: Self.packageRoot.appendingPathComponent("docs-input")))
        let modules = PackageManifest.versionModules(of: Pipeline.generatedFiles(for: model).map(\.path), catalog: Pipeline.catalogModuleName)
        #expect(modules == ["GraphBeta", "GraphV1"])
        #expect(PackageManifest.pendingUpdate(besides: Self.packageRoot.appendingPathComponent("Generated"), modules: modules) == nil)
    }
}

@Suite("Pipeline")
struct PipelineTests {
    static let docsInput = GeneratedFreshnessTests.packageRoot.appendingPathComponent("docs-input")

    @Test("many threads give the same model, files and written folder as one")
    func parallelEqualsSerial() throws {
        let tree = try DocsTree(root: Self.docsInput)
        let serialOptions = Pipeline.Options(parallel: false)
        let parallelOptions = Pipeline.Options(parallel: true, workers: 8)
        let serial = Pipeline.model(of: tree, options: serialOptions)
        let parallel = Pipeline.model(of: tree, options: parallelOptions)
        #expect(parallel == serial)
        let serialFiles = Pipeline.generatedFiles(for: serial, options: serialOptions)
        let parallelFiles = Pipeline.generatedFiles(for: parallel, options: parallelOptions)
        #expect(parallelFiles == serialFiles)
        #expect(try writtenFiles(serialFiles) == writtenFiles(parallelFiles))
    }

    @Test("the same input gives byte-identical output")
    func deterministic() throws {
        let tree = try DocsTree(root: Self.docsInput)
        let first = Pipeline.generatedFiles(for: Pipeline.model(of: tree))
        let second = Pipeline.generatedFiles(for: Pipeline.model(of: tree))
        #expect(first == second)
        #expect(first.map(\.path) == first.map(\.path).sorted())
    }

    @Test("a docs tree lists its .md pages sorted and relative, skipping hidden entries, other files and symbolic links")
    func docsTreeListing() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-tree-\(UUID().uuidString)")
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-outside-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: outside)
        }
        for path in ["b/z.md", "a.md", ".hidden/x.md", "b/.draft.md", "b/notes.txt", "v1.0/api/c.md", "v1.0/api/D.MD", "folder.md/inner.md"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("# x\n".utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("# outside\n".utf8).write(to: outside.appendingPathComponent("secret.md"))
        // Neither a link to a page nor a link to a folder outside the tree makes pages.
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link.md").path, withDestinationPath: "a.md")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("elsewhere").path, withDestinationPath: outside.path)
        #expect(try DocsTree(root: root).pagePaths == ["a.md", "b/z.md", "folder.md/inner.md", "v1.0/api/D.MD", "v1.0/api/c.md"])
    }

    @Test("a page that is not UTF-8 gets a warning and the run goes on with the other pages")
    func invalidUTF8() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-utf8-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data([0x23, 0x20, 0xFF, 0xFE, 0x0A]).write(to: root.appendingPathComponent("bad.md"))
        try Data("# Good page\n".utf8).write(to: root.appendingPathComponent("good.md"))
        let pages = Pipeline.parsePages(of: try DocsTree(root: root))
        #expect(pages.map(\.path) == ["bad.md", "good.md"])
        #expect(pages[0].diagnostics.contains { $0.code == .unreadableFile && $0.severity == .warning })
        #expect(pages[1].title == "Good page")
    }

    @Test("a missing input folder is an error that names it")
    func missingInput() {
        #expect(throws: DocgenError.self) { try DocsTree(root: URL(fileURLWithPath: "/nonexistent/docs")) }
    }

    @Test("the manifest's module list is rewritten between its markers only")
    func manifestRewrite() throws {
        let manifest = "a\n\(PackageManifest.beginMarker)\nlet versionModules = [\"GraphV1\"]\n\(PackageManifest.endMarker)\nb"
        let updated = try #require(PackageManifest.updating(manifest, modules: ["GraphBeta", "GraphV1"]))
        #expect(updated == "a\n\(PackageManifest.beginMarker)\nlet versionModules = [\"GraphBeta\", \"GraphV1\"]\n\(PackageManifest.endMarker)\nb")
        #expect(PackageManifest.updating("no markers", modules: ["GraphV1"]) == nil)
        #expect(PackageManifest.versionModules(of: ["GraphV1/A.swift", "GeneratedCatalog/M.swift", "GraphBeta/T/B.swift"], catalog: "GeneratedCatalog") == ["GraphBeta", "GraphV1"])
    }
}

@Suite("Subsets")
struct SubsetTests {
    static let docsInput = GeneratedFreshnessTests.packageRoot.appendingPathComponent("docs-input")

    @Test("a subset keeps the selected pages' operations and every type they need, each generated as in the whole")
    func subsetIsPartOfWhole() throws {
        let whole = Pipeline.model(of: try DocsTree(root: Self.docsInput))
        let subset = ModelSubset(selectors: ["001_"]).apply(to: whole)
        #expect(subset.versions.map(\.name) == ["beta"])
        let beta = try #require(subset.versions.first)
        #expect(beta.operations.map(\.location.path) == ["api/001_c6791453e4f97556.md", "api/001_c6791453e4f97556.md"])
        let typeNames = Set(beta.types.map(\.name))
        // The body type, the target base type with all its derived types, and nothing unrelated.
        #expect(typeNames.isSuperset(of: ["deviceManagementConfigurationPolicyAssignment", "deviceAndAppManagementAssignmentTarget", "groupAssignmentTarget", "exclusionGroupAssignmentTarget", "configurationManagerCollectionAssignmentTarget"]))
        #expect(!typeNames.contains("enrollmentConfigurationAssignment"))
        #expect(Set(beta.enums.map(\.name)) == ["deviceAndAppManagementAssignmentFilterType", "deviceAndAppManagementAssignmentSource"])

        let wholeFiles = Dictionary(uniqueKeysWithValues: Pipeline.generatedFiles(for: whole).map { ($0.path, $0.contents) })
        let subsetFiles = Pipeline.generatedFiles(for: subset)
        let typeFiles = subsetFiles.filter { $0.path.contains("/Types/") || $0.path.contains("/Enums/") }
        #expect(!typeFiles.isEmpty)
        for file in typeFiles {
            #expect(wholeFiles[file.path] == file.contents, "\(file.path) differs between the subset and the whole")
        }
    }

    @Test("selectors match path prefixes when they contain '/', file-name prefixes otherwise")
    func selectors() {
        let byName = ModelSubset(selectors: ["intune-"])
        #expect(byName.selects("beta/api/intune-apps-create.md"))
        #expect(!byName.selects("beta/api/user-get.md"))
        let byPath = ModelSubset(selectors: ["v1.0/api/"])
        #expect(byPath.selects("v1.0/api/user-get.md"))
        #expect(!byPath.selects("beta/api/user-get.md"))
    }
}

/// Writes `files` into a new folder with OutputWriter and reads back every file there, by relative path,
/// except docgen's marker (`OutputWriter.markerName`), which says whose folder it is and is no generated file.
func writtenFiles(_ files: [OutputFile]) throws -> [String: Data] {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-written-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let output = root.appendingPathComponent("Generated")
    try OutputWriter.write(files, to: output)
    var contents: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: [.isRegularFileKey])
    let prefix = output.standardizedFileURL.path + "/"
    while let url = enumerator?.nextObject() as? URL {
        guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true,
              url.lastPathComponent != OutputWriter.markerName else { continue }
        contents[String(url.standardizedFileURL.path.dropFirst(prefix.count))] = try Data(contentsOf: url)
    }
    return contents
}
