// Line splitting for the hot paths of reading pages (front matter, code blocks).
extension String {
    /// The text split at line feeds, empty lines kept: `split(separator: "\n", omittingEmptySubsequences:
    /// false)`, found byte by byte. As there, `\r\n` is one character and does not split.
    public func splitAtLineFeeds() -> [Substring] {
        var text = self
        let ends: [Int] = text.withUTF8 { bytes in
            var ends: [Int] = []
            var previous: UInt8 = 0
            for (offset, byte) in bytes.enumerated() {
                if byte == 0x0A, previous != 0x0D { ends.append(offset) }
                previous = byte
            }
            return ends
        }
        var lines: [Substring] = []
        lines.reserveCapacity(ends.count + 1)
        var start = utf8.startIndex
        for end in ends {
            let endIndex = utf8.index(utf8.startIndex, offsetBy: end)
            lines.append(self[start..<endIndex])
            start = utf8.index(after: endIndex)
        }
        lines.append(self[start...])
        return lines
    }
}
