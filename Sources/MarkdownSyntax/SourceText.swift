/// The bytes of a page as cmark saw them, with the start of every line, so that cmark's byte columns can be
/// turned into the scalar columns docgen reports, and a node's source can be looked at again.
struct SourceText {
    let bytes: [UInt8]
    /// Byte offset where each line starts; index 0 is line 1.
    let lineStarts: [Int]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// The byte range of line `line` (1-based) without its line terminator.
    func lineBytes(_ line: Int) -> Range<Int> {
        guard line >= 1, line <= lineStarts.count else { return 0..<0 }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<max(start, end)
    }

    /// The scalar column of byte column `byteColumn` (both 1-based) on `line`.
    func scalarColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, byteColumn >= 1 else { return byteColumn }
        let range = lineBytes(line)
        let limit = min(range.lowerBound + byteColumn - 1, range.upperBound)
        var column = 1
        var offset = range.lowerBound
        while offset < limit {
            if bytes[offset] & 0xC0 != 0x80 { column += 1 }
            offset += 1
        }
        // Past the end of the line (cmark may point one beyond): keep counting bytes.
        return column + max(0, range.lowerBound + byteColumn - 1 - limit)
    }

    /// The byte offset of scalar column `column` (1-based) on `line`.
    func byteOffset(line: Int, scalarColumn column: Int) -> Int {
        let range = lineBytes(line)
        var remaining = column - 1
        var offset = range.lowerBound
        while remaining > 0, offset < range.upperBound {
            offset += 1
            while offset < range.upperBound, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return offset
    }
}
