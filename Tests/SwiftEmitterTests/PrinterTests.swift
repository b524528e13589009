import DocgenModel
@testable import SwiftEmitter
import Testing

/// How the printer writes page text: string literals and doc comments.
@Suite("Printer escaping")
struct PrinterTests {
    @Test("String literals escape quotes, backslashes, interpolation and raw-string openers", arguments: [
        ("say \"hi\"", #""say \"hi\"""#),
        (#"C:\path"#, #""C:\\path""#),
        (#"\(secret)"#, #""\\(secret)""#),
        ("\"\"\"", #""\"\"\"""#),
        ("#\"raw\"#", ##""#\"raw\"#""##),
        ("", #""""#),
    ])
    func stringLiteralQuoting(text: String, expected: String) {
        #expect(SwiftPrinter.stringLiteral(text) == expected)
    }

    @Test("String literals write control characters as escapes", arguments: [
        ("a\nb", #""a\nb""#),
        ("a\rb", #""a\rb""#),
        ("a\tb", #""a\tb""#),
        ("a\0b", #""a\0b""#),
        ("\r\n", #""\r\n""#),
        ("\u{1B}[31m", #""\u{1B}[31m""#),
        ("\u{7F}", #""\u{7F}""#),
        ("\u{85}", #""\u{85}""#),
        ("\u{0B}\u{0C}", #""\u{B}\u{C}""#),
    ])
    func stringLiteralControls(text: String, expected: String) {
        #expect(SwiftPrinter.stringLiteral(text) == expected)
    }

    @Test("String literals escape bidirectional controls, separators and other invisible characters", arguments: [
        ("a\u{202E}b", #""a\u{202E}b""#),
        ("a\u{2066}b\u{2069}", #""a\u{2066}b\u{2069}""#),
        ("a\u{2028}b\u{2029}", #""a\u{2028}b\u{2029}""#),
        ("a\u{200D}b", #""a\u{200D}b""#),
        ("\u{200B}\u{FEFF}", #""\u{200B}\u{FEFF}""#),
        ("\u{E000}", #""\u{E000}""#),
        ("\u{378}", #""\u{378}""#),
    ])
    func stringLiteralInvisibles(text: String, expected: String) {
        #expect(SwiftPrinter.stringLiteral(text) == expected)
    }

    @Test("String literals keep visible non-ASCII text, emoji among it, as it is")
    func stringLiteralKeepsVisibleText() {
        #expect(SwiftPrinter.stringLiteral("🎉") == "\"🎉\"")
        #expect(SwiftPrinter.stringLiteral("café — 日本語 Ωmega") == "\"café — 日本語 Ωmega\"")
        #expect(SwiftPrinter.stringLiteral("👍🏽 ❤️") == "\"👍🏽 ❤️\"", "skin tone modifier and variation selector stay")
        // A joiner inside an emoji sequence is escaped like any other: the literal still holds the same text.
        #expect(SwiftPrinter.stringLiteral("👩\u{200D}💻") == "\"👩\\u{200D}💻\"")
    }

    @Test("Every string literal decodes back to exactly the page text and holds no bare quote or invisible character")
    func stringLiteralRoundTrips() {
        let samples = [
            "plain", "say \"hi\"", #"\(x) \\( \"#, "\"\"\"\n\"\"\"", "#\"x\"#", "##\"\"##", "\0\u{1}\u{1F}\u{7F}",
            "line\nline\rline\r\nline\u{2028}line\u{2029}", "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}",
            "\u{200B}\u{200C}\u{200D}\u{200E}\u{200F}\u{FEFF}\u{061C}", "🎉👩\u{200D}💻", "\u{301}starts with a combining mark",
            "ends with a backslash \\", "*/ /* // ///", "\u{10FFFF}\u{F8FF}",
        ]
        for sample in samples {
            let literal = SwiftPrinter.stringLiteral(sample)
            #expect(decodeStringLiteral(literal) == sample, "\(literal)")
            #expect(!literal.unicodeScalars.contains(where: isInvisibleScalar), "\(literal)")
            #expect(!literal.contains("\n"))
            #expect(codeOutsideStringLiterals(literal) == " ", "the literal closes exactly at its end: \(literal)")
        }
    }

    @Test("Doc comments: one /// line per line of text; CR, CRLF, LS, NEL break lines; invisible characters are removed")
    func documentationLinesExact() {
        let lines = SwiftPrinter.documentationLines([
            "Ends */ here /* opens\nsecond\rthird\r\nfourth\u{2028}fifth\u{85}sixth",
            "nul\0 rlo\u{202E}gone lri\u{2066}gone zwj\u{200D}gone\ttab   ",
            "",
            "🎉 kept",
            "",
            "",
        ])
        #expect(lines == [
            "/// Ends */ here /* opens",
            "/// second",
            "/// third",
            "/// fourth",
            "/// fifth",
            "/// sixth",
            "/// nul rlogone lrigone zwjgone tab",
            "///",
            "/// 🎉 kept",
        ])
    }

    @Test("Doc comments of hostile page text stay comments: every line starts with ///, nothing invisible remains")
    func documentationLinesAreAlwaysComments() {
        let hostile = "*/ func injected() {}\n/* \"\"\" \\( #\" \r}\u{0}\u{202E}\u{2066}\u{2028}public struct Evil {}\u{0B}x\u{0C}y\r\n\r\n"
        let lines = SwiftPrinter.documentationLines([hostile, "", hostile])
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(line == "///" || line.hasPrefix("/// "), "\(line)")
            #expect(!line.unicodeScalars.contains(where: isInvisibleScalar), "\(line)")
            #expect(!line.contains("\n") && !line.contains("\r"))
        }
        #expect(lines.contains("/// public struct Evil {}"))
        #expect(lines.last != "///", "trailing empty lines are dropped")
    }

    @Test("A printed file: header, sorted imports, doc comment, backticked keyword case, escaped raw value")
    func printedFileExact() {
        let declaration = SwiftEnum(
            documentation: ["Line one */ /*", "", "Second\u{202E} paragraph"], name: SwiftNaming.typeName("x"), isIndirect: false,
            rawType: .string, conformances: [.qualified(module: "Swift", name: "CaseIterable")],
            members: [
                .enumCase(SwiftEnumCase(documentation: [], name: SwiftNaming.caseName("default"), rawValue: "de\"fault\\(x)\n", associatedValue: nil)),
                .enumCase(SwiftEnumCase(documentation: [], name: SwiftNaming.caseName("b"), rawValue: nil, associatedValue: nil)),
                .enumCase(SwiftEnumCase(documentation: ["Documented."], name: SwiftNaming.caseName("c"), rawValue: nil, associatedValue: nil)),
            ]
        )
        let text = SwiftPrinter.print(SwiftFile(path: "M/X.swift", imports: ["GraphRuntime", "Foundation"], declaration: .enumeration(declaration)))
        #expect(text == #"""
        // Generated by docgen. Do not edit.
        // Source: Microsoft Graph reference pages; regenerate with `swift run docgen`.

        import Foundation
        import GraphRuntime

        /// Line one */ /*
        ///
        /// Second paragraph
        public enum X: Swift.String, Swift.CaseIterable {
            case `default` = "de\"fault\\(x)\n"
            case b

            /// Documented.
            case c
        }

        """#)
    }

    @Test("An emitted open enum, printed exactly")
    func emittedEnumExact() {
        let enumeration = EnumDefinition(
            name: "color", description: "Colours */ of\n\u{202E}things.",
            members: [EnumMember(name: "red", value: "0", description: "Red \"\"\" \\(x).", location: location()),
                      EnumMember(name: "none", value: "1", location: location())],
            origin: .typePage, location: location("v1.0/resources/enums.md", line: 12)
        )
        let text = file(emitted(model(version(enums: [enumeration]))), "GraphV1/Enums/Color.swift")
        #expect(text == #"""
        // Generated by docgen. Do not edit.
        // Source: Microsoft Graph reference pages; regenerate with `swift run docgen`.

        import GraphRuntime

        /// Colours */ of
        /// things.
        ///
        /// OData enum `microsoft.graph.color`.
        ///
        /// Documented in v1.0/resources/enums.md.
        public enum Color: GraphRuntime.OpenStringEnum {
            /// Red """ \(x).
            /// Wire value `red` (0).
            case red

            /// Wire value `none` (1).
            case noneValue

            /// A value this client does not know, kept as received.
            case unrecognized(Swift.String)

            /// The case of the wire value `rawValue`; `unrecognized` for a value this client does not know.
            public init(rawValue: Swift.String) {
                switch rawValue {
                case "red":
                    self = .red
                case "none":
                    self = .noneValue
                default:
                    self = .unrecognized(rawValue)
                }
            }

            /// The wire value.
            public var rawValue: Swift.String {
                switch self {
                case .red:
                    return "red"
                case .noneValue:
                    return "none"
                case .unrecognized(let value):
                    return value
                }
            }
        }

        """#)
    }

    @Test("Names from hostile page text are printed as plain identifiers or backticked keywords, nothing else")
    func hostileNamesPrintAsIdentifiers() {
        let hostile = ["a b", "a.b", "a/b", "..", "`x`", "x`; func f() {} //", "default", "self", "Type", "3d", "", "\u{202E}abc", "a\nb"]
        for text in hostile {
            for name in [SwiftNaming.memberName(text), SwiftNaming.typeName(text), SwiftNaming.caseName(text)] {
                let printed = SwiftPrinter.name(name)
                let bare = printed.hasPrefix("`") ? String(printed.dropFirst().dropLast()) : printed
                #expect(SwiftNaming.isValidIdentifier(bare), "\(text) -> \(printed)")
                #expect(printed.hasPrefix("`") == SwiftNaming.keywords.contains(bare), "\(text) -> \(printed)")
            }
        }
    }
}
