/// Substring tests for the hot paths of reading pages: the same answers as the standard library's
/// character-by-character `contains` and `firstRange(of:)`, found byte by byte when both texts are ASCII
/// without line breaks (where characters and bytes coincide), which is nearly always.
extension String {
    /// Whether `needle` occurs in the text, as `contains(_:)` decides it.
    public func containsText(_ needle: String) -> Bool {
        guard let found = Self.asciiSearch(self, needle) else { return contains(needle) }
        return found != nil
    }

    /// The first occurrence of `needle`, as `firstRange(of:)` finds it.
    public func firstRangeOfText(_ needle: String) -> Range<String.Index>? {
        guard let found = Self.asciiSearch(self, needle) else { return firstRange(of: needle) }
        guard let offset = found else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: needle.utf8.count)
    }

    /// The byte offset of `needle` in `text` (nil inside: absent), or nil when a byte search would not
    /// decide as a character search does.
    static func asciiSearch(_ text: String, _ needle: String) -> Int?? {
        var text = text
        var needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { pattern -> Int?? in
                guard pattern.allSatisfy({ $0 < 0x80 && $0 != 0x0A && $0 != 0x0D }),
                      haystack.allSatisfy({ $0 < 0x80 }) else { return nil }
                guard let first = pattern.first else { return nil }
                guard haystack.count >= pattern.count else { return .some(nil) }
                var offset = 0
                let last = haystack.count - pattern.count
                while offset <= last {
                    if haystack[offset] == first {
                        var matched = 1
                        while matched < pattern.count, haystack[offset + matched] == pattern[matched] { matched += 1 }
                        if matched == pattern.count { return .some(offset) }
                    }
                    offset += 1
                }
                return .some(nil)
            }
        }
    }
}
