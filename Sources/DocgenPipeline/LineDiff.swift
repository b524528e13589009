/// The shortest edit script between two texts, line by line (Myers' O(ND) algorithm): what `--check`
/// explains and what the tests of minimal diffs measure.
public struct LineDiff: Equatable, Sendable {
    public enum Edit: Equatable, Sendable {
        case unchanged(String)
        case removed(String)
        case added(String)
    }

    /// Every line of both texts, in order, unchanged lines once.
    public let edits: [Edit]

    public init(old: String, new: String) {
        self.init(oldLines: LineDiff.lines(of: old), newLines: LineDiff.lines(of: new))
    }

    public init(oldLines: [String], newLines: [String]) {
        // Common head and tail cost nothing; Myers runs on the middle only.
        var head = 0
        while head < oldLines.count, head < newLines.count, oldLines[head] == newLines[head] { head += 1 }
        var tail = 0
        while tail < oldLines.count - head, tail < newLines.count - head,
              oldLines[oldLines.count - 1 - tail] == newLines[newLines.count - 1 - tail] { tail += 1 }
        let a = Array(oldLines[head..<(oldLines.count - tail)])
        let b = Array(newLines[head..<(newLines.count - tail)])
        edits = oldLines[..<head].map(Edit.unchanged)
            + LineDiff.middle(a, b)
            + oldLines[(oldLines.count - tail)...].map(Edit.unchanged)
    }

    public var removedLines: [String] { edits.compactMap { if case .removed(let line) = $0 { line } else { nil } } }
    public var addedLines: [String] { edits.compactMap { if case .added(let line) = $0 { line } else { nil } } }
    public var hasChanges: Bool { edits.contains { if case .unchanged = $0 { false } else { true } } }

    /// Lines without their terminators; a final newline does not make an empty last line.
    static func lines(of text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Myers' greedy forward search, keeping each round's frontier to walk the path back.
    private static func middle(_ a: [String], _ b: [String]) -> [Edit] {
        if a.isEmpty { return b.map(Edit.added) }
        if b.isEmpty { return a.map(Edit.removed) }
        let n = a.count, m = b.count, offset = n + m
        var frontier = [Int](repeating: 0, count: 2 * offset + 2)
        var trace: [[Int]] = []
        // The saved frontiers grow with the number of edits; past a few million entries, call the middle
        // replaced as a whole: that is what such a change is to a reader anyway.
        let maximumEdits = max(64, 8_000_000 / frontier.count)
        search: for d in 0...(n + m) {
            if d > maximumEdits { return a.map(Edit.removed) + b.map(Edit.added) }
            trace.append(frontier)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]))
                    ? frontier[offset + k + 1] : frontier[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                frontier[offset + k] = x
                if x >= n, y >= m { break search }
            }
        }
        // Walk back from (n, m) through the saved frontiers.
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            if d == 0 {
                while x > 0, y > 0 { x -= 1; y -= 1; edits.append(.unchanged(a[x])) }
                break
            }
            let saved = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && saved[offset + k - 1] < saved[offset + k + 1])) ? k + 1 : k - 1
            let previousX = saved[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY { x -= 1; y -= 1; edits.append(.unchanged(a[x])) }
            if x == previousX { y -= 1; edits.append(.added(b[y])) } else { x -= 1; edits.append(.removed(a[x])) }
        }
        return edits.reversed()
    }
}
