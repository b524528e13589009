import Foundation
import Testing

@testable import OutputWriter

@Suite struct PlanTests {
    @Test func planListsAddedChangedRemovedAndUnchangedSortedAndWritesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try OutputWriter.write(
            outputFiles(["Same.swift": "s", "Z/Changed.swift": "old", "B/Gone.swift": "g", "A/Gone.swift": "g"]),
            to: scratch.output)
        let before = try snapshot(scratch.parent)
        let wanted = ["Same.swift": "s", "Z/Changed.swift": "new", "Y/New.swift": "n", "C/New.swift": "n"]

        let plan = try OutputWriter.plan(outputFiles(wanted), outputDirectory: scratch.output)

        #expect(plan == OutputPlan(
            added: ["C/New.swift", "Y/New.swift"],
            changed: ["Z/Changed.swift"],
            removed: ["A/Gone.swift", "B/Gone.swift"],
            unchanged: ["Same.swift"]
        ))
        #expect(plan.added == ["C/New.swift", "Y/New.swift"])
        #expect(plan.removed == ["A/Gone.swift", "B/Gone.swift"])
        #expect(plan.hasChanges)
        #expect(try snapshot(scratch.parent) == before)
    }

    @Test func planOfAMissingFolderListsEverythingAsAddedAndCreatesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let before = try snapshot(scratch.parent)

        let plan = try OutputWriter.plan(outputFiles(["B.swift": "b", "A/A.swift": "a"]), outputDirectory: scratch.output)

        #expect(plan == OutputPlan(added: ["A/A.swift", "B.swift"], createsOutputDirectory: true))
        #expect(plan.hasChanges)
        #expect(try snapshot(scratch.parent) == before)
        #expect(!FileManager.default.fileExists(atPath: scratch.outputPath))
    }

    @Test func planMatchesWhatWriteThenDoes() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try OutputWriter.write(outputFiles(["A.swift": "a", "B.swift": "b"]), to: scratch.output)
        let wanted = outputFiles(["A.swift": "a2", "C.swift": "c"])

        let planned = try OutputWriter.plan(wanted, outputDirectory: scratch.output)
        let done = try OutputWriter.write(wanted, to: scratch.output)

        #expect(planned == done)
        #expect(try OutputWriter.plan(wanted, outputDirectory: scratch.output) == OutputPlan(unchanged: ["A.swift", "C.swift"]))
    }

    @Test func sameTextWithDifferentBytesCountsAsChanged() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // "é" precomposed on disk, decomposed wanted: equal as Swift strings, different bytes.
        try scratch.make(["E.swift": "caf\u{E9}"], in: scratch.output)

        let plan = try OutputWriter.plan([OutputFile(path: "E.swift", contents: "cafe\u{301}")], outputDirectory: scratch.output)

        #expect(plan == OutputPlan(changed: ["E.swift"]))
    }

    @Test func planDescriptionOfErrorsNamesTheOffendingPath() {
        #expect(OutputWriterError.unsafePath("../x").description.contains("\"../x\""))
        #expect(OutputWriterError.duplicatePath("A.swift").description.contains("\"A.swift\""))
        #expect(OutputWriterError.unsafePath("a/\u{0}b").description.contains("\"a/\\u{0}b\""))
        #expect(OutputWriterError.unsafeOutputDirectory(path: "/", reason: "it is the root folder").description
            == "refusing to write the output folder \"/\": it is the root folder")
    }
}
