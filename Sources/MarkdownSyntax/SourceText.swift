/// The bytes of a page as cmark saw them, with the start of every line, so that cmark's byte columns can be
/// turned into the scalar columns docgen reports, and a node's source can be looked at again. Both
/// conversions take constant or logarithmic time, however long the line: a page may have millions of nodes
/// on one line.
struct SourceText {
    let bytes: [UInt8]
    /// Byte offset where each line starts; index 0 is line 1.
    let lineStarts: [Int]
    /// For pages that are not all ASCII: at index `i`, how many scalars start before byte offset `i`. nil
    /// for ASCII pages, where bytes and scalars are the same.
    private let scalarsBefore: [Int]?

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        var counts: [Int]?
        // Plain loops over the buffer: pages may have megabytes, and debug builds do not specialise generics.
        bytes.withUnsafeBufferPointer { buffer in
            var isASCII = true
            for offset in 0..<buffer.count {
                let byte = buffer[offset]
                if byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
                if byte >= 0x80 { isASCII = false }
            }
            guard !isASCII else { return }
            var before = [Int](repeating: 0, count: buffer.count + 1)
            before.withUnsafeMutableBufferPointer { before in
                var count = 0
                for offset in 0..<buffer.count {
                    before[offset] = count
                    if buffer[offset] & 0xC0 != 0x80 { count += 1 }
                }
                before[buffer.count] = count
            }
            counts = before
        }
        self.lineStarts = starts
        self.scalarsBefore = counts
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
        let column = 1 + scalarCount(range.lowerBound..<limit)
        // Past the end of the line (cmark may point one beyond): keep counting bytes.
        return column + max(0, range.lowerBound + byteColumn - 1 - limit)
    }

    /// The scalar column (1-based) of byte offset `offset` of the page, which lies on `line`.
    func scalarColumn(offset: Int, line: Int) -> Int {
        scalarColumn(line: line, byteColumn: offset - lineBytes(line).lowerBound + 1)
    }

    /// The byte offset of scalar column `column` (1-based) on `line`.
    func byteOffset(line: Int, scalarColumn column: Int) -> Int {
        let range = lineBytes(line)
        guard column > 1 else { return range.lowerBound }
        guard let scalarsBefore else { return min(range.lowerBound + column - 1, range.upperBound) }
        // The first offset with `column - 1` scalars of the line before it, then on to a scalar's start.
        let target = scalarsBefore[range.lowerBound] + column - 1
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if scalarsBefore[middle] < target { low = middle + 1 } else { high = middle }
        }
        while low < range.upperBound, bytes[low] & 0xC0 == 0x80 { low += 1 }
        return low
    }

    /// The scalars that start in `range`.
    private func scalarCount(_ range: Range<Int>) -> Int {
        guard let scalarsBefore else { return range.count }
        return scalarsBefore[range.upperBound] - scalarsBefore[range.lowerBound]
    }
}
