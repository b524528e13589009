import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import OutputWriter

/// Interrupted writes: states a crash can leave behind, made by hand or through the test hooks.
@Suite struct RecoveryTests {
    let old = ["A.swift": "old a", "Sub/B.swift": "old b"]
    let new = ["A.swift": "old a", "Sub/B.swift": "new b", "C.swift": "new c"]

    @Test func crashBetweenStagingAndSwapLeavesTheCompleteOldTreeAndTheNextWriteCleansUp() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try OutputWriter.write(outputFiles(old), to: scratch.output)
        let oldStamps = try snapshot(scratch.output)
        var stagedFiles: [String: String] = [:]
        var stagedInodeOfA: UInt64?

        #expect(throws: SimulatedCrash.self) {
            try OutputWriter.write(outputFiles(new), to: scratch.output, afterStaging: { staging in
                stagedFiles = try files(in: staging)
                stagedInodeOfA = inode(staging.appendingPathComponent("A.swift"))
                throw SimulatedCrash()
            })
        }

        // The staging tree was complete, with the unchanged file hard-linked, not copied.
        #expect(stagedFiles == new)
        #expect(stagedInodeOfA != nil && stagedInodeOfA == oldStamps["A.swift"]?.inode)
        // The output folder is exactly the old tree; the dead run's staging folder is still there.
        #expect(try files(in: scratch.output) == old)
        #expect(try snapshot(scratch.output).mapValues(\.inode) == oldStamps.mapValues(\.inode))
        #expect(try scratch.hiddenSiblings() == [".Generated.docgen-staging-\(getpid())"])

        try OutputWriter.write(outputFiles(new), to: scratch.output)

        #expect(try files(in: scratch.output) == new)
        #expect(try scratch.hiddenSiblings() == [])
    }

    /// A plan (`--check`) only reads: it compares with the tree a write would put back, and leaves it where it is.
    @Test func planComparesWithTheOldFolderAfterAnInterruptionBetweenTheFallbackRenamesAndMovesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // The state a crash leaves between "output -> previous" and "staging -> output", made by hand.
        let previous = scratch.parent.appendingPathComponent(".Generated.docgen-previous-4242")
        try scratch.make(old, in: previous)
        try scratch.make(new, in: scratch.parent.appendingPathComponent(".Generated.docgen-staging-4242"))

        let plan = try OutputWriter.plan(outputFiles(old), outputDirectory: scratch.output)

        #expect(plan == OutputPlan(unchanged: ["A.swift", "Sub/B.swift"]))
        #expect(!FileManager.default.fileExists(atPath: scratch.outputPath))
        #expect(try files(in: previous) == old)
    }

    @Test func writeRecoversAfterAnInterruptionBetweenTheFallbackRenamesAndSucceeds() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let previous = scratch.parent.appendingPathComponent(".Generated.docgen-previous-4242")
        try scratch.make(old, in: previous)
        try scratch.make(["Half.swift": "half-wri"], in: scratch.parent.appendingPathComponent(".Generated.docgen-staging-4242"))
        let inodeOfA = inode(previous.appendingPathComponent("A.swift"))

        let plan = try OutputWriter.write(outputFiles(new), to: scratch.output)

        // Planned against the recovered old tree, whose unchanged file was kept, not rewritten.
        #expect(plan == OutputPlan(added: ["C.swift"], changed: ["Sub/B.swift"], unchanged: ["A.swift"]))
        #expect(inode(scratch.output.appendingPathComponent("A.swift")) == inodeOfA)
        #expect(try files(in: scratch.output) == new)
        #expect(try scratch.hiddenSiblings() == [])
    }

    @Test func realCrashBetweenTheFallbackRenamesIsUndoneByTheNextRun() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try OutputWriter.write(outputFiles(old), to: scratch.output)
        var hooks = OutputWriter.Hooks()
        hooks.useRenameExchange = false
        hooks.betweenFallbackRenames = { _ in throw SimulatedCrash() }

        #expect(throws: SimulatedCrash.self) {
            try OutputWriter.write(outputFiles(new), to: scratch.output, hooks: hooks)
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.outputPath))
        #expect(try scratch.hiddenSiblings().count == 2)  // previous (old tree) and staging (new tree)

        #expect(try OutputWriter.plan(outputFiles(old), outputDirectory: scratch.output) == OutputPlan(unchanged: old.keys.sorted()))
        #expect(!FileManager.default.fileExists(atPath: scratch.outputPath), "a plan only reads; the next write puts the old tree back")

        try OutputWriter.write(outputFiles(new), to: scratch.output)
        #expect(try files(in: scratch.output) == new)
        #expect(try scratch.hiddenSiblings() == [])
    }

    @Test func leftoverStagingFoldersOfInterruptedRunsAreRemoved() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try OutputWriter.write(outputFiles(old), to: scratch.output)
        let stale = [".Generated.docgen-staging-4242", ".Generated.docgen-staging-\(getpid())"]
        for name in stale {
            try scratch.make(["Sub/Half.swift": "half"], in: scratch.parent.appendingPathComponent(name))
        }
        // A sibling that belongs to another output folder is not ours to delete.
        try scratch.make(["X.swift": "x"], in: scratch.parent.appendingPathComponent(".Other.docgen-staging-4242"))
        #expect(try scratch.hiddenSiblings().count == 3)

        try OutputWriter.write(outputFiles(new), to: scratch.output)

        #expect(try scratch.hiddenSiblings() == [".Other.docgen-staging-4242"])
        #expect(try files(in: scratch.output) == new)
    }

    @Test func stalePreviousTreeIsRemovedWhenTheOutputFolderExists() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try OutputWriter.write(outputFiles(new), to: scratch.output)
        // A crash after "staging -> output" but before the old tree was deleted.
        try scratch.make(old, in: scratch.parent.appendingPathComponent(".Generated.docgen-previous-4242"))

        try OutputWriter.write(outputFiles(new), to: scratch.output)

        #expect(try scratch.hiddenSiblings() == [])
        #expect(try files(in: scratch.output) == new)
    }
}
