import DocgenModel
import DocgenPipeline
import Foundation
import ModelDiff
import Testing

/// A temporary git repository with `docs/` holding the base fixture in its first commit and the base with
/// `ReportTests.manyChanges` in its second; removed when the test ends.
final class FixtureRepository {
    let root: URL
    var repository: URL { root.appendingPathComponent("repo") }
    var docs: URL { repository.appendingPathComponent("docs") }
    let oldPages: Pages
    let newPages: Pages

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-drift-\(UUID().uuidString)")
        oldPages = Fixture.base
        var new = Fixture.base
        try ReportTests.manyChanges(&new)
        newPages = new
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try git("init", "-q")
        try write(oldPages)
        try git("add", "-A")
        try git("commit", "-q", "-m", "old")
        try FileManager.default.removeItem(at: docs)
        try write(newPages)
        try git("add", "-A")
        try git("commit", "-q", "-m", "new")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// The pages, plus what a docs tree does not count as pages: a hidden folder, a text file, a symbolic
    /// link, and a page outside the docs folder.
    func write(_ pages: Pages) throws {
        try pages.write(to: docs)
        try FileManager.default.createDirectory(at: docs.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
        try Data("# Hidden\n".utf8).write(to: docs.appendingPathComponent(".hidden/page.md"))
        try Data("notes\n".utf8).write(to: docs.appendingPathComponent("notes.txt"))
        try FileManager.default.createSymbolicLink(atPath: docs.appendingPathComponent("link.md").path, withDestinationPath: "v1.0/api/widget-get.md")
        try Data("# Outside\n".utf8).write(to: repository.appendingPathComponent("README.md"))
    }

    func git(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", repository.path, "-c", "user.name=docgen tests", "-c", "user.email=tests@docgen.invalid", "-c", "commit.gpgsign=false"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
    }
}

@Suite("Git revisions as sides")
struct GitSideTests {
    @Test("a revision has the pages its checkout has, with the same bytes")
    func revisionListsLikeCheckout() throws {
        let fixture = try FixtureRepository()
        let head = try GitRevisionTree(repository: fixture.repository, revision: "HEAD", docsPath: "docs")
        let checkout = try DocsTree(root: fixture.docs)
        #expect(head.pagePaths == checkout.pagePaths)
        #expect(!head.pagePaths.contains("link.md") && !head.pagePaths.contains { $0.hasPrefix(".hidden") })
        for path in head.pagePaths {
            #expect(head.contents(of: path, maximumBytes: .max) == checkout.contents(of: path, maximumBytes: .max), "\(path)")
        }
        #expect(head.docsPath == "docs")
        #expect(head.resolvedRevision.count == 12)
    }

    @Test("diffing two revisions gives the report diffing the two folders gives")
    func revisionsEqualFolders() throws {
        let fixture = try FixtureRepository()
        let old = try GitRevisionTree(repository: fixture.repository, revision: "HEAD~1", docsPath: "docs")
        let new = try GitRevisionTree(repository: fixture.repository, revision: "HEAD", docsPath: "docs/")
        let fromGit = try ModelDiff.compare(old: Pipeline.model(of: old), new: Pipeline.model(of: new), options: .init(oldLabel: "old", newLabel: "new"))
        let fromFolders = try ModelDiff.compare(old: fixture.oldPages.model, new: fixture.newPages.model, options: .init(oldLabel: "old", newLabel: "new"))
        #expect(fromGit == fromFolders)
        #expect(fromGit.summary.breaking == 5)
        #expect(fromGit.changes.allSatisfy { ($0.oldLocation?.path ?? "v1.0").hasPrefix("v1.0/") || $0.oldLocation == nil })
    }

    @Test("a repository folder given as the docs folder: the docs path is relative to it")
    func repositorySubfolder() throws {
        let fixture = try FixtureRepository()
        let viaSubfolder = try GitRevisionTree(repository: fixture.docs, revision: "HEAD")
        let viaTop = try GitRevisionTree(repository: fixture.repository, revision: "HEAD", docsPath: "docs")
        #expect(viaSubfolder.pagePaths == viaTop.pagePaths)
        #expect(viaSubfolder.docsPath == "docs")
        let nested = try GitRevisionTree(repository: fixture.docs, revision: "HEAD", docsPath: "v1.0/api")
        #expect(nested.pagePaths.first == "part-list.md")
    }

    @Test("errors name what is wrong: not a repository, unknown revision, no such folder, no such input")
    func errors() throws {
        let fixture = try FixtureRepository()
        let outside = fixture.root
        #expect { try GitRevisionTree(repository: outside, revision: "HEAD") } throws: { error in
            guard case DocgenError.notAGitRepository = error else { return false }
            return true
        }
        #expect(throws: DocgenError.unknownRevision("no-such-branch", repository: fixture.repository.path)) {
            try GitRevisionTree(repository: fixture.repository, revision: "no-such-branch")
        }
        #expect(throws: DocgenError.unknownRevision("--output=/tmp/x", repository: fixture.repository.path)) {
            try GitRevisionTree(repository: fixture.repository, revision: "--output=/tmp/x")
        }
        #expect(throws: DocgenError.docsPathNotFound("documentation", revision: "HEAD")) {
            try GitRevisionTree(repository: fixture.repository, revision: "HEAD", docsPath: "documentation")
        }
        #expect(throws: DocgenError.docsPathNotFound("README.md", revision: "HEAD")) {
            try GitRevisionTree(repository: fixture.repository, revision: "HEAD", docsPath: "README.md")
        }
        #expect(throws: DocgenError.inputNotFound(outside.appendingPathComponent("missing").path)) {
            try GitRevisionTree(repository: outside.appendingPathComponent("missing"), revision: "HEAD")
        }
    }
}
