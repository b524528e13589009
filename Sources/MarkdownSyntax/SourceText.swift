/// The bytes of a page as cmark saw them, with the start of every line, so that cmark's byte columns can be
/// turned into the scalar columns docgen reports, and a node's source can be looked at again.
struct SourceText {
    let bytes: [UInt8]
    /// Byte offset where each line starts; index 0 is line 1.
    let lineStarts: [Int]
    /// Whether each line (same indices) is all ASCII, so that its byte and scalar columns are the same.
    let lineIsASCII: [Bool]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var ascii: [Bool] = []
        starts.reserveCapacity(bytes.count / 40 + 1)
        ascii.reserveCapacity(bytes.count / 40 + 1)
        var lineIsASCII = true
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\n") {
                starts.append(offset + 1)
                ascii.append(lineIsASCII)
                lineIsASCII = true
            } else if byte >= 0x80 {
                lineIsASCII = false
            }
        }
        ascii.append(lineIsASCII)
        self.lineStarts = starts
        self.lineIsASCII = ascii
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
        // One byte per scalar; past the end the count goes on by bytes anyway.
        if line <= lineIsASCII.count, lineIsASCII[line - 1] { return byteColumn }
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
        if line >= 1, line <= lineIsASCII.count, lineIsASCII[line - 1] {
            return min(range.lowerBound + max(column - 1, 0), range.upperBound)
        }
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
