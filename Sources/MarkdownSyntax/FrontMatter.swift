/// The YAML-like block between `---` lines at the top of a docs page. Graph pages use flat `key: value`
/// lines only, so that is what is read; a line that is not of that form is kept in `malformedLines`.
public struct FrontMatter: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var key: String
        /// The value with surrounding quotes removed.
        public var value: String
        public var line: Int
    }

    public var entries: [Entry]
    /// Lines (1-based) inside the block that are neither `key: value`, blank, nor a comment.
    public var malformedLines: [Int]
    /// The line of the closing `---`; nil when the block is never closed.
    public var closingLine: Int?

    /// The value of the first entry whose key matches, ignoring case.
    public subscript(key: String) -> String? {
        let lowered = key.lowercased()
        return entries.first { $0.key.lowercased() == lowered }?.value
    }

    /// Splits front matter off `lines` (the page split at newlines). Returns nil when the page does not start
    /// with a `---` line. A block that is never closed takes nothing from the page: the lines are left to the
    /// Markdown parser and `closingLine` is nil.
    static func read(lines: [Substring]) -> FrontMatter? {
        guard let first = lines.first, first.trimmingTrailingWhitespace() == "---" else { return nil }
        var entries: [Entry] = []
        var malformed: [Int] = []
        var index = 1
        while index < lines.count {
            let line = lines[index].trimmingTrailingWhitespace()
            let lineNumber = index + 1
            if line == "---" || line == "..." {
                return FrontMatter(entries: entries, malformedLines: malformed, closingLine: lineNumber)
            }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") {
                index += 1
                continue
            }
            if let colon = line.firstIndex(of: ":"), colon != line.startIndex {
                let key = String(line[..<colon]).trimmingSpaces()
                var value = String(line[line.index(after: colon)...]).trimmingSpaces()
                if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                    value = String(value.dropFirst().dropLast())
                }
                if key.isEmpty || key.contains(" ") && !line.hasPrefix(" ") {
                    malformed.append(lineNumber)
                } else {
                    entries.append(Entry(key: key, value: value, line: lineNumber))
                }
            } else if line.hasPrefix(" ") || line.hasPrefix("-") {
                // Continuation or list item of a multi-line value: part of the block, not read.
            } else {
                malformed.append(lineNumber)
            }
            index += 1
        }
        return FrontMatter(entries: entries, malformedLines: malformed, closingLine: nil)
    }
}

extension StringProtocol {
    func trimmingTrailingWhitespace() -> SubSequence {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard self[before] == " " || self[before] == "\t" || self[before] == "\r" else { break }
            end = before
        }
        return self[startIndex..<end]
    }

    func trimmingSpaces() -> String {
        let text = String(self)
        let scalars = text.unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }
}
