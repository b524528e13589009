import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import OutputWriter

/// Nothing may ever be written outside the output folder, and some folders are never replaced.
@Suite struct SafetyTests {
    /// A path argument shown escaped in test output (one of them holds a NUL).
    struct PathArgument: Sendable, CustomTestStringConvertible {
        var path: String
        var testDescription: String { OutputWriterError.quoted(path) }
    }

    static let unsafePaths = [
        "../x", "/etc/x", "a/../../x", "a//b", ".hidden", "a\\b", "a/\u{0}b",
        "", "a/", "./a", "a/./b", "a/..", "Sub/.git/config", "..",
    ].map(PathArgument.init)

    @Test(arguments: unsafePaths)
    func unsafePathIsRejectedAndNothingIsWritten(argument: PathArgument) throws {
        let path = argument.path
        let scratch = try Scratch()
        defer { scratch.remove() }
        try OutputWriter.write(outputFiles(["Keep.swift": "k"]), to: scratch.output)
        let before = try snapshot(scratch.parent)
        let files = [OutputFile(path: "New.swift", contents: "n"), OutputFile(path: path, contents: "evil")]

        #expect(throws: OutputWriterError.unsafePath(path)) {
            try OutputWriter.write(files, to: scratch.output)
        }
        #expect(throws: OutputWriterError.unsafePath(path)) {
            try OutputWriter.plan(files, outputDirectory: scratch.output)
        }
        #expect(try snapshot(scratch.parent) == before)
    }

    @Test(arguments: ["GraphV1/Types/Foo.swift", "A.swift", "a/b_c-d.e.swift", "Ü/é.swift", "x..y/z."])
    func ordinaryRelativePathIsAccepted(path: String) throws {
        try OutputWriter.validate(path)
    }

    @Test func duplicatePathIsRejectedAndNothingIsWritten() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let files = [
            OutputFile(path: "A.swift", contents: "1"), OutputFile(path: "B.swift", contents: "b"),
            OutputFile(path: "A.swift", contents: "2"),
        ]

        #expect(throws: OutputWriterError.duplicatePath("A.swift")) {
            try OutputWriter.write(files, to: scratch.output)
        }
        #expect(try scratch.hiddenSiblings() == [])
        #expect(!FileManager.default.fileExists(atPath: scratch.outputPath))
    }

    @Test(arguments: [
        (["Types/User.swift", "types/Group.swift"], "Types", "types"),
        (["User.swift", "user.swift"], "User.swift", "user.swift"),
        (["A", "A/B.swift"], "A", "A/B.swift"),
    ])
    func pathsThatCannotCoexistAreRejected(paths: [String], first: String, second: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let files = paths.map { OutputFile(path: $0, contents: "") }

        #expect(throws: OutputWriterError.conflictingPaths(first, second)) {
            try OutputWriter.write(files, to: scratch.output)
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.outputPath))
    }

    // Only plan is called on these folders: even a broken check could not delete anything through it.
    @Test func rootHomeAndCurrentDirectoryAreRefused() throws {
        let home = FileManager.default.homeDirectoryForCurrentUser
        var folders = [URL(fileURLWithPath: "/"), URL(fileURLWithPath: "/tmp/.."), home,
                       URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        if home.deletingLastPathComponent().path != "/" { folders.append(home.deletingLastPathComponent()) }
        for folder in folders {
            let error = #expect(throws: OutputWriterError.self) { try OutputWriter.plan([], outputDirectory: folder) }
            #expect(error.map(isUnsafeOutputDirectory) == true, "\(folder.path)")
        }
    }

    @Test func outputFolderThatCannotBeSafelyReplacedIsRefusedAndLeftAlone() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let parent = scratch.parent
        try Data("file".utf8).write(to: parent.appendingPathComponent("AFile"))
        try scratch.make(["HEAD": "ref"], in: parent.appendingPathComponent("Repo/.git"))
        try FileManager.default.createDirectory(at: parent.appendingPathComponent("Real"), withIntermediateDirectories: false)
        #expect(symlink(parent.appendingPathComponent("Real").path, parent.path + "/Link") == 0)
        let before = try snapshot(parent)

        let refused = [
            parent.appendingPathComponent("Missing/Generated"),  // parent does not exist
            parent.appendingPathComponent("AFile/Generated"),    // parent is a file
            parent.appendingPathComponent("AFile"),              // output is a file
            parent.appendingPathComponent("Link"),               // output is a symbolic link
            parent.appendingPathComponent("Repo"),               // output looks like a repository
            URL(string: "https://example.com/Generated")!,       // not a file URL
        ]
        for folder in refused {
            let error = #expect(throws: OutputWriterError.self) {
                try OutputWriter.write(outputFiles(["A.swift": "a"]), to: folder)
            }
            #expect(error.map(isUnsafeOutputDirectory) == true, "\(folder)")
        }
        #expect(try snapshot(parent) == before)
    }

    @Test(.enabled(if: getuid() != 0, "root may write to any folder"))
    func unwritableParentIsRefused() throws {
        let scratch = try Scratch()
        defer {
            chmod(scratch.parent.path, 0o755)
            scratch.remove()
        }
        #expect(chmod(scratch.parent.path, 0o555) == 0)

        let error = #expect(throws: OutputWriterError.self) {
            try OutputWriter.write(outputFiles(["A.swift": "a"]), to: scratch.output)
        }
        #expect(error.map(isUnsafeOutputDirectory) == true)
    }

    @Test func outputFolderGivenWithTrailingSlashOrDotsIsTheSameFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try OutputWriter.write(outputFiles(["A.swift": "a"]), to: scratch.output)
        let sameFolder = URL(fileURLWithPath: scratch.parent.path + "/x/../Generated/")

        let plan = try OutputWriter.plan(outputFiles(["A.swift": "a"]), outputDirectory: sameFolder)

        #expect(plan == OutputPlan(unchanged: ["A.swift"]))
    }
}
