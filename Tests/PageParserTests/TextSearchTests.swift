import DocgenModel
import MarkdownSyntax
import Testing

@Suite("Byte-wise text search answers as the character-wise one")
struct TextSearchTests {
    static let texts = [
        "", "a", "possible values are: `a`, `b`.", "Work or School account", "delegated (work or school account)",
        "caf\u{0065}\u{0301} collection of things", "e\u{0301}", "line\r\nnext\nlast\n", "\n\n", "\r\n", "a\r\r\nb",
        "\u{212A}elvin", "résumé not supported", "no request body", "x\u{0301}possible values are",
    ]
    static let needles = ["", "e", "collection of", "possible values are", "not supported", "work or school", "\n", "k", "x", "résumé", "a\r"]

    /// The first occurrence of `needle` in `text`, comparing characters, in character offsets.
    static func characterwiseRange(_ text: String, _ needle: String) -> Range<Int>? {
        let characters = Array(text)
        let pattern = Array(needle)
        guard !pattern.isEmpty, characters.count >= pattern.count else { return nil }
        for start in 0...(characters.count - pattern.count) where Array(characters[start..<(start + pattern.count)]) == pattern {
            return start..<(start + pattern.count)
        }
        return nil
    }

    @Test("containsText and firstRangeOfText")
    func search() {
        for text in Self.texts {
            for needle in Self.needles where !needle.isEmpty {
                let expected = Self.characterwiseRange(text, needle)
                #expect(text.containsText(needle) == (expected != nil), "\(text.debugDescription) \(needle.debugDescription)")
                let found = text.firstRangeOfText(needle).map { text.distance(from: text.startIndex, to: $0.lowerBound)..<text.distance(from: text.startIndex, to: $0.upperBound) }
                #expect(found == expected, "\(text.debugDescription) \(needle.debugDescription)")
            }
        }
    }

    @Test("splitAtLineFeeds")
    func lines() {
        for text in Self.texts + ["\n", "a\nb", "a\n\nb\n", "\r", "\n\r\n\n"] {
            #expect(text.splitAtLineFeeds() == text.split(separator: "\n", omittingEmptySubsequences: false), "\(text.debugDescription)")
        }
    }

    @Test("lookup keys of ASCII names are made byte-wise as the general rule makes them")
    func lookupKeys() {
        func general(_ name: String) -> String {
            var key = Substring(name)
            if key.hasPrefix("#") { key = key.dropFirst() }
            let lowered = key.lowercased()
            return lowered.hasPrefix("microsoft.graph.") ? String(lowered.dropFirst("microsoft.graph.".count)) : lowered
        }
        for name in ["", "#", "User", "#microsoft.graph.User", "Microsoft.Graph.deviceAndAppManagementAssignmentTarget",
                     "microsoft.graph.", "#microsoft.graph", "microsoft.graphs.x", "Stra\u{00DF}e", "#Microsoft.Graph.\u{0130}x",
                     "##microsoft.graph.x", "A_B.C-d"] {
            #expect(TypeReference.lookupKey(for: name) == general(name), "\(name)")
        }
    }
}
