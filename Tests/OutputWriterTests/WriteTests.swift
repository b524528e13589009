import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import OutputWriter

@Suite struct WriteTests {
    @Test func writeCreatesTheMissingOutputFolderHoldingExactlyTheFilesAsUTF8() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wanted = [
            "GraphV1/Types/User.swift": "struct User {}\n",
            "GraphV1/Client.swift": "// café ✓\n",
            "GeneratedCatalog/Catalog.swift": "",
        ]

        let plan = try OutputWriter.write(outputFiles(wanted), to: scratch.output)

        #expect(plan == OutputPlan(added: Array(wanted.keys), createsOutputDirectory: true))
        #expect(plan.added == ["GeneratedCatalog/Catalog.swift", "GraphV1/Client.swift", "GraphV1/Types/User.swift"])
        #expect(try files(in: scratch.output) == wanted)
        #expect(try entries(in: scratch.output).count == 6)  // 3 files + GraphV1, GraphV1/Types, GeneratedCatalog
        let bytes = try Data(contentsOf: scratch.output.appendingPathComponent("GraphV1/Client.swift"))
        #expect(Array(bytes) == Array("// café ✓\n".utf8))
        #expect(try scratch.hiddenSiblings() == [])
    }

    @Test(arguments: [true, false])
    func unchangedFilesKeepInodeAndModificationTimeWhenAnotherFileChanges(useRenameExchange: Bool) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let first = ["A.swift": "a\n", "Sub/B.swift": "b\n", "Sub/Deep/C.swift": "c\n"]
        try OutputWriter.write(outputFiles(first), to: scratch.output)
        let before = try snapshot(scratch.output)

        var second = first
        second["Sub/B.swift"] = "b changed\n"
        var hooks = OutputWriter.Hooks()
        hooks.useRenameExchange = useRenameExchange
        let plan = try OutputWriter.write(outputFiles(second), to: scratch.output, hooks: hooks)

        #expect(plan == OutputPlan(changed: ["Sub/B.swift"], unchanged: ["A.swift", "Sub/Deep/C.swift"]))
        let after = try snapshot(scratch.output)
        for path in ["A.swift", "Sub/Deep/C.swift"] {
            #expect(after[path]?.inode == before[path]?.inode, "\(path) was rewritten")
            #expect(after[path]?.modified == before[path]?.modified, "\(path) got a new modification time")
            #expect(after[path]?.links == 1, "\(path) is still linked from an old tree")
        }
        #expect(after["Sub/B.swift"]?.inode != before["Sub/B.swift"]?.inode)
        #expect(try files(in: scratch.output) == second)
        #expect(try scratch.hiddenSiblings() == [])
    }

    @Test func changedFileGetsItsNewContents() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try OutputWriter.write([OutputFile(path: "X.swift", contents: "old old old\n")], to: scratch.output)

        try OutputWriter.write([OutputFile(path: "X.swift", contents: "new\n")], to: scratch.output)

        #expect(try files(in: scratch.output) == ["X.swift": "new\n"])
    }

    @Test func filesNoLongerProducedAndTheFoldersTheyEmptiedAreRemoved() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let first = ["Keep.swift": "k", "A/D.swift": "d", "A/B/C.swift": "c", "X/Y/Z.swift": "z"]
        try OutputWriter.write(outputFiles(first), to: scratch.output)

        let plan = try OutputWriter.write(outputFiles(["Keep.swift": "k", "A/D.swift": "d"]), to: scratch.output)

        #expect(plan.removed == ["A/B/C.swift", "X/Y/Z.swift"])
        #expect(try entries(in: scratch.output) == ["Keep.swift": "file", "A": "dir", "A/D.swift": "file"])
    }

    @Test func strayEntriesAndEmptyFoldersInTheOutputFolderAreRemoved() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.make(["Keep.swift": "k", ".DS_Store": "junk", "Old/Gone.swift": "g"], in: scratch.output)
        try FileManager.default.createDirectory(
            at: scratch.output.appendingPathComponent("Empty/Inner"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: scratch.output.appendingPathComponent("Wanted"), withIntermediateDirectories: true)
        #expect(symlink("Keep.swift", scratch.outputPath + "/Link.swift") == 0)
        let wanted = ["Keep.swift": "k", "Wanted/New.swift": "n"]

        let plan = try OutputWriter.write(outputFiles(wanted), to: scratch.output)

        var expected = OutputPlan(
            added: ["Wanted/New.swift"],
            removed: [".DS_Store", "Empty/Inner/", "Link.swift", "Old/Gone.swift"],
            unchanged: ["Keep.swift"]
        )
        expected.links = ["Link.swift"]
        #expect(plan == expected)
        #expect(try entries(in: scratch.output)
            == ["Keep.swift": "file", "Wanted": "dir", "Wanted/New.swift": "file"])
    }

    @Test func writeWithoutChangesTouchesNothingAtAll() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wanted = ["A.swift": "a", "Sub/B.swift": "b", "Sub/Deep/C.swift": "c"]
        try OutputWriter.write(outputFiles(wanted), to: scratch.output)
        let before = try snapshot(scratch.parent)

        let plan = try OutputWriter.write(outputFiles(wanted).reversed(), to: scratch.output)

        #expect(!plan.hasChanges)
        #expect(plan == OutputPlan(unchanged: ["A.swift", "Sub/B.swift", "Sub/Deep/C.swift"]))
        #expect(try snapshot(scratch.parent) == before)
    }

    @Test func writingNoFilesEmptiesTheOutputFolderButKeepsIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try OutputWriter.write(outputFiles(["A/B.swift": "b"]), to: scratch.output)

        let plan = try OutputWriter.write([], to: scratch.output)

        #expect(plan == OutputPlan(removed: ["A/B.swift"]))
        #expect(try entries(in: scratch.output) == [:])
    }

    @Test func fileAndFolderCanTradePlacesBetweenWrites() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try OutputWriter.write(outputFiles(["A": "file a", "B/C.swift": "c"]), to: scratch.output)

        let plan = try OutputWriter.write(outputFiles(["A/X.swift": "x", "B": "file b"]), to: scratch.output)

        #expect(plan == OutputPlan(added: ["A/X.swift", "B"], removed: ["A", "B/C.swift"]))
        #expect(try files(in: scratch.output) == ["A/X.swift": "x", "B": "file b"])
    }

    @Test func symbolicLinkInTheOutputFolderIsReplacedByAFileWithoutWritingThroughIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let outside = scratch.parent.appendingPathComponent("outside.txt")
        try Data("precious".utf8).write(to: outside)
        try scratch.make([:], in: scratch.output)
        // A link's size is its target's length: make one match the wanted text's, so only its kind differs.
        #expect(symlink("../outside.txt", scratch.outputPath + "/Same.swift") == 0)
        #expect(symlink(outside.path, scratch.outputPath + "/Other.swift") == 0)
        let wanted = ["Same.swift": "../outside.txt", "Other.swift": "generated"]

        let plan = try OutputWriter.write(outputFiles(wanted), to: scratch.output)

        var expected = OutputPlan(changed: ["Other.swift", "Same.swift"])
        expected.links = ["Other.swift", "Same.swift"]
        #expect(plan == expected)
        #expect(try String(contentsOf: outside, encoding: .utf8) == "precious")
        #expect(Stamp(outside.path)?.links == 1)
        #expect(try entries(in: scratch.output) == ["Same.swift": "file", "Other.swift": "file"])
        #expect(try files(in: scratch.output) == wanted)
    }

    @Test func renameExchangeSwapsTheFoldersOnThisFileSystem() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var methods: [OutputWriter.SwapMethod] = []
        var hooks = OutputWriter.Hooks()
        hooks.swapped = { methods.append($0) }

        _ = try OutputWriter.write(outputFiles(["A.swift": "1"]), to: scratch.output, hooks: hooks)
        _ = try OutputWriter.write(outputFiles(["A.swift": "2"]), to: scratch.output, hooks: hooks)
        hooks.useRenameExchange = false
        _ = try OutputWriter.write(outputFiles(["A.swift": "3"]), to: scratch.output, hooks: hooks)

        #if os(Linux)
        #expect(methods == [.created, .exchanged, .renamedViaPrevious])
        #else
        #expect(methods == [.created, .renamedViaPrevious, .renamedViaPrevious])
        #endif
        #expect(try files(in: scratch.output) == ["A.swift": "3"])
        #expect(try scratch.hiddenSiblings() == [])
    }

    @Test func concurrentWritersToTheSameFolderLeaveOneCompleteTree() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let sets: [[String: String]] = [
            ["A.swift": "a1", "Sub/B.swift": "b1", "One.swift": "1"],
            ["A.swift": "a2", "Sub/B.swift": "b2", "Two/Deep.swift": "2"],
        ]
        let output = scratch.output
        let failures = Collector<String>()

        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for _ in 0..<15 {
                do {
                    try OutputWriter.write(outputFiles(sets[worker % 2]), to: output)
                } catch {
                    failures.append("\(error)")
                }
            }
        }

        #expect(failures.values == [])
        let final = try files(in: output)
        #expect(final == sets[0] || final == sets[1])
        #expect(try scratch.hiddenSiblings() == [])
    }
}
