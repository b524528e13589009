/// Bounds on how much of a page docgen reads, so that one bad page (a runaway generator, a merge accident, a
/// hostile pull request) costs bounded time and memory and the run goes on with the other pages. Each bound
/// is far above anything the Microsoft Graph reference has (July 2021: largest page 118 KB, longest line
/// 11,721 bytes, longest table 828 rows, at most 2 container markers on a line) and is applied before cmark
/// sees the text, except the table bound, which applies to the rows docgen builds from cmark's paragraphs.
/// What a bound cuts is recorded as a `LimitExceeded` on the document; the page parser reports each one.
public struct MarkdownLimits: Hashable, Sendable {
    /// The most bytes of a page that are read. A longer page is cut at the last line break before the limit.
    /// 1 MiB is nine times the largest real page; it is not more because memory grows with the page: a page
    /// of nothing but tiny inline elements (`*a* *a* ...`) holds a node every two bytes, and cmark's tree
    /// and docgen's together take about 350 bytes of memory per byte of such a page (measured), and the
    /// pipeline parses as many pages at once as there are cores.
    public var maximumPageBytes: Int
    /// The most bytes of a line that are read. A longer line is cut at the last character that fits.
    public var maximumLineBytes: Int
    /// The most block-quote (`>`) and list-item (`-`, `*`, `+`, `1.`, `1)`) markers one line may open. Markers
    /// beyond it are removed, so the line's text ends up at that depth. (The bound applies before cmark, so
    /// it does not know code blocks: a code line of 17 `> ` loses some too, and says so.)
    public var maximumLineMarkers: Int
    /// The most body rows of a pipe table that are read.
    public var maximumTableRows: Int

    public init(maximumPageBytes: Int = 1 << 20, maximumLineBytes: Int = 64 << 10, maximumLineMarkers: Int = 16,
                maximumTableRows: Int = 10_000) {
        self.maximumPageBytes = maximumPageBytes
        self.maximumLineBytes = maximumLineBytes
        self.maximumLineMarkers = maximumLineMarkers
        self.maximumTableRows = maximumTableRows
    }

    public static let standard = MarkdownLimits()
}

/// One place where a page went beyond a `MarkdownLimits` bound (or the tree depth of `MarkdownParser`), with
/// what was cut.
public struct LimitExceeded: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// `found`: the page's size in bytes. Nothing from `line`, `column` on is read.
        case pageSize
        /// `found`: the line's length in bytes. The line is read up to column `column`, exclusive.
        case lineLength
        /// `found`: the container markers on the line. The markers beyond `limit` are removed.
        case lineMarkers
        /// `found`: how many containers nested deeper than `limit` were folded into their ancestor; `line` is
        /// where the first one starts.
        case treeDepth
        /// `found`: the table's body rows. Rows from `line` on are not read.
        case tableRows
    }

    public var kind: Kind
    /// 1-based, in the page as written.
    public var line: Int
    public var column: Int
    public var limit: Int
    public var found: Int

    public init(kind: Kind, line: Int, column: Int, limit: Int, found: Int) {
        self.kind = kind
        self.line = line
        self.column = column
        self.limit = limit
        self.found = found
    }
}

/// Applies the page, line and marker bounds to a page's bytes before cmark reads them. Line breaks are never
/// removed (except with the cut-off end of a page), only made LF, so line numbers stay those of the page as
/// written.
enum InputBounds {
    static func apply(_ text: String, limits: MarkdownLimits, findings: inout [LimitExceeded]) -> [UInt8] {
        let utf8 = text.utf8
        var bytes: [UInt8]
        if utf8.count > limits.maximumPageBytes {
            // One byte more than the limit, to see whether the limit splits a character.
            let limit = max(limits.maximumPageBytes, 0)
            bytes = Array(utf8.prefix(limit + 1))
            let cut = bytes[..<limit].lastIndex(of: newlineByte).map { $0 + 1 } ?? scalarBoundary(in: bytes, atOrBefore: limit)
            bytes.removeSubrange(cut...)
            // The first byte not read: the start of the line after the cut, or (for a page without a line
            // break where it is cut) a column of the last line.
            let line = bytes.reduce(1) { $1 == newlineByte ? $0 + 1 : $0 }
            let lastLineStart = bytes.lastIndex(of: newlineByte).map { $0 + 1 } ?? 0
            let column = bytes[lastLineStart...].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            findings.append(LimitExceeded(kind: .pageSize, line: line, column: column, limit: limits.maximumPageBytes, found: utf8.count))
        } else {
            bytes = Array(utf8)
        }
        normalizeLineEnds(&bytes)
        return boundLines(bytes, limits: limits, findings: &findings)
    }

    static let newlineByte = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// cmark ends a line at CR, LF or CRLF; docgen splits lines at LF. Every line end becomes a single LF (a
    /// CRLF loses its CR, a lone CR turns into LF), so both count the same lines, every position docgen
    /// reports is where cmark saw it, and no line docgen reads itself (front matter, code) ends in a CR.
    static func normalizeLineEnds(_ bytes: inout [UInt8]) {
        guard let first = bytes.firstIndex(of: carriageReturn) else { return }
        var kept = first
        var index = first
        while index < bytes.count {
            let byte = bytes[index]
            if byte == carriageReturn {
                if index + 1 < bytes.count, bytes[index + 1] == newlineByte {
                    index += 1
                    continue
                }
                bytes[kept] = newlineByte
            } else {
                bytes[kept] = byte
            }
            kept += 1
            index += 1
        }
        bytes.removeSubrange(kept...)
    }

    /// The largest offset <= `offset` that does not split a UTF-8 sequence.
    static func scalarBoundary(in bytes: [UInt8], atOrBefore offset: Int) -> Int {
        var offset = min(offset, bytes.count)
        while offset > 0, offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
        return offset
    }

    /// Cuts lines longer than the limit and removes container markers beyond the limit. Returns `bytes`
    /// itself when no line needs either.
    private static func boundLines(_ bytes: [UInt8], limits: MarkdownLimits, findings: inout [LimitExceeded]) -> [UInt8] {
        var output: [UInt8]?
        var lineStart = 0
        var lineNumber = 1
        while lineStart <= bytes.count {
            let lineEnd = bytes.withUnsafeBufferPointer { buffer in
                var end = lineStart
                while end < buffer.count, buffer[end] != newlineByte { end += 1 }
                return end
            }
            var keptEnd = lineEnd
            if lineEnd - lineStart > limits.maximumLineBytes {
                keptEnd = scalarBoundary(in: bytes, atOrBefore: lineStart + max(limits.maximumLineBytes, 0))
                let column = bytes[lineStart..<keptEnd].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
                findings.append(LimitExceeded(kind: .lineLength, line: lineNumber, column: column,
                                              limit: limits.maximumLineBytes, found: lineEnd - lineStart))
            }
            let markers = containerMarkers(bytes, from: lineStart, to: keptEnd)
            var removed: Range<Int>?
            if markers.count > limits.maximumLineMarkers {
                let keep = max(limits.maximumLineMarkers, 0)
                let cutStart = keep == 0 ? lineStart : markers[keep - 1]
                removed = cutStart..<markers[markers.count - 1]
                let column = bytes[lineStart..<cutStart].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
                findings.append(LimitExceeded(kind: .lineMarkers, line: lineNumber, column: column,
                                              limit: limits.maximumLineMarkers, found: markers.count))
            }
            if keptEnd != lineEnd || removed != nil, output == nil {
                output = Array(bytes[..<lineStart])
            }
            if output != nil {
                if let removed {
                    output!.append(contentsOf: bytes[lineStart..<removed.lowerBound])
                    output!.append(contentsOf: bytes[removed.upperBound..<keptEnd])
                } else {
                    output!.append(contentsOf: bytes[lineStart..<keptEnd])
                }
                if lineEnd < bytes.count { output!.append(newlineByte) }
            }
            lineStart = lineEnd + 1
            lineNumber += 1
        }
        return output ?? bytes
    }

    /// The block-quote and list-item markers at the start of a line, as the offsets just after each marker
    /// (and the one space or tab that follows it). Up to three spaces may precede each, as CommonMark allows.
    private static func containerMarkers(_ bytes: [UInt8], from start: Int, to end: Int) -> [Int] {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        let isBlank = { (offset: Int) in offset < end && (bytes[offset] == space || bytes[offset] == tab) }
        var ends: [Int] = []
        var offset = start
        while offset < end {
            var indent = 0
            while indent < 3, offset < end, bytes[offset] == space {
                offset += 1
                indent += 1
            }
            guard offset < end else { break }
            let byte = bytes[offset]
            if byte == UInt8(ascii: ">") {
                offset += 1
                if isBlank(offset) { offset += 1 }
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+"), isBlank(offset + 1) {
                offset += 2
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                var digitsEnd = offset
                while digitsEnd < end, digitsEnd - offset < 9, bytes[digitsEnd] >= UInt8(ascii: "0"), bytes[digitsEnd] <= UInt8(ascii: "9") {
                    digitsEnd += 1
                }
                guard digitsEnd < end, bytes[digitsEnd] == UInt8(ascii: ".") || bytes[digitsEnd] == UInt8(ascii: ")"),
                      isBlank(digitsEnd + 1) else { break }
                offset = digitsEnd + 2
            } else {
                break
            }
            ends.append(offset)
        }
        return ends
    }
}
