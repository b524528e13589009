import DocgenPipeline
import Testing
import TestSupport

@Suite("LineDiff")
struct LineDiffTests {
    /// The old text is the unchanged and removed lines; the new text the unchanged and added ones.
    func sides(_ diff: LineDiff) -> (old: [String], new: [String]) {
        var old: [String] = [], new: [String] = []
        for edit in diff.edits {
            switch edit {
            case .unchanged(let line): old.append(line); new.append(line)
            case .removed(let line): old.append(line)
            case .added(let line): new.append(line)
            }
        }
        return (old, new)
    }

    @Test("Myers' example: ABCABBA to CBABAC takes five edits")
    func shortestScript() {
        let diff = LineDiff(oldLines: "ABCABBA".map(String.init), newLines: "CBABAC".map(String.init))
        #expect(diff.removedLines.count + diff.addedLines.count == 5)
        #expect(sides(diff).old == "ABCABBA".map(String.init))
        #expect(sides(diff).new == "CBABAC".map(String.init))
    }

    @Test("one changed line in a file is one removal and one addition")
    func oneLine() {
        let diff = LineDiff(old: "a\nb\nc\nd\n", new: "a\nb\nX\nd\n")
        #expect(diff.removedLines == ["c"])
        #expect(diff.addedLines == ["X"])
        #expect(LineDiff(old: "a\n", new: "a\n").hasChanges == false)
        #expect(LineDiff(old: "", new: "a\nb\n").addedLines == ["a", "b"])
    }

    @Test("the edits always rebuild both texts, and never take more edits than replacing everything", arguments: 0..<200)
    func rebuildsBothSides(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed))
        let old = (0..<Int(random.next() % 30)).map { _ in String(random.next() % 4) }
        let new = (0..<Int(random.next() % 30)).map { _ in String(random.next() % 4) }
        let diff = LineDiff(oldLines: old, newLines: new)
        #expect(sides(diff).old == old)
        #expect(sides(diff).new == new)
        #expect(diff.removedLines.count + diff.addedLines.count <= old.count + new.count)
    }

    @Test("texts too different for the search are one replacement, still rebuilding both sides")
    func largeChange() {
        let old = (0..<3000).map { "old \($0)" }
        let new = (0..<3000).map { "new \($0)" }
        let diff = LineDiff(oldLines: old, newLines: new)
        #expect(sides(diff).old == old)
        #expect(sides(diff).new == new)
    }
}

