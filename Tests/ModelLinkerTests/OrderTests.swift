import DocgenModel
import ModelLinker
import Testing
import TestSupport

@Suite("The result does not depend on the order of the pages")
struct OrderTests {
    /// Pages that exercise every rule at once: versions, duplicates, merging, conflicts, inference of every
    /// kind, cycles, example linking and checking.
    static let pages: [(String, String)] = exampleTypePages + [
        ("v1.0/api/create.md", methodPage(["POST /widgets", "POST /widgets"], body: bodyOf("widget"),
                                          table: ["|name|Int32|Name.|", "|extra|Boolean|Extra.|"], response: returns("widget"), examples: [
            example("POST https://graph.microsoft.com/v1.0/widgets", body: ##"{"size": "1", "colour": "red", "target": {"@odata.type": "#microsoft.graph.mysteryTarget", "z": 1}}"##,
                    status: "201 Created", response: ##"{"id": "1", "target": {"@odata.type": "#microsoft.graph.otherTarget", "q": true}}"##),
            example("GET https://graph.microsoft.com/v1.0/widgets"),
        ])),
        ("v1.0/api/zz-create-again.md", methodPage(["POST /widgets"], body: bodyOf("gadget"))),
        ("v1.0/api/ref.md", methodPage(["POST /widgets/$ref"], examples: [example("POST https://graph.microsoft.com/v1.0/widgets")])),
        ("v1.0/api/gadget.md", methodPage(["PATCH /gadgets/{id}", "DELETE /gadgets/{id}"], body: bodyOf("gadget"),
                                          table: ["|shade|[tone](tone.md)|Possible values are: `warm`, `cold`.|"], response: returns("gizmo"))),
        ("v1.0/resources/a.md", resourcePage("alpha", base: "beta")),
        ("v1.0/resources/b.md", resourcePage("beta", base: "alpha")),
        ("v1.0/resources/c.md", resourcePage("charlie", base: "alpha")),
        ("v1.0/resources/widget2.md", resourcePage("Widget")),
        ("beta/resources/widget.md", resourcePage("widget", base: "shade", properties: ["|part|[gizmo](gizmo.md)|Part.|"])),
        ("beta/resources/shade.md", enumPage("shade", members: ["light"])),
        ("api/default.md", methodPage(["GET /things"], examples: [example("GET https://graph.microsoft.com/beta/things")])),
        ("api/defaulted.md", methodPage(["GET /others"])),
    ]

    static let parsed = pages.map { parsePage($0.0, $0.1) }

    @Test("the fixture exercises the linker's diagnostics")
    func fixtureIsRich() {
        let codes = Set(ModelLinker.link(Self.parsed).diagnostics.map(\.code))
        #expect(codes.isSuperset(of: linkerCodes.subtracting([.exampleTypeMismatch]).union([.apiVersionDefaulted])))
        #expect(codes.contains(.exampleTypeMismatch))
    }

    @Test("reversed input gives an identical model")
    func reversed() {
        #expect(ModelLinker.link(Self.parsed.reversed()) == ModelLinker.link(Self.parsed))
    }

    @Test("shuffled input gives an identical model", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func shuffled(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let shuffled = Self.parsed.shuffled(using: &generator)
        #expect(ModelLinker.link(shuffled) == ModelLinker.link(Self.parsed))
    }

    @Test("linking twice gives the same model")
    func repeatable() {
        let first = ModelLinker.link(Self.parsed)
        for _ in 0..<10 { #expect(ModelLinker.link(Self.parsed) == first) }
    }

    @Test("diagnostics are sorted by place, then code, then message, without repeats")
    func diagnosticsSorted() {
        let diagnostics = ModelLinker.link(Self.parsed.reversed()).diagnostics
        #expect(diagnostics.count > 10)
        for (earlier, later) in zip(diagnostics, diagnostics.dropFirst()) {
            #expect((earlier.location, earlier.code.rawValue, earlier.message) < (later.location, later.code.rawValue, later.message),
                    "\(earlier) before \(later)")
        }
    }

    @Test("the parser's diagnostics are part of the model's")
    func parserDiagnosticsKept() {
        let model = ModelLinker.link(Self.parsed)
        for page in Self.parsed {
            for diagnostic in page.diagnostics { #expect(model.diagnostics.contains(diagnostic)) }
        }
    }

    @Test("examples are listed in page order within each version")
    func exampleOrder() throws {
        let version = try #require(ModelLinker.link(Self.parsed.reversed()).version("v1.0"))
        let paths = version.examples.map { $0.example.request?.location.path ?? "" }
        #expect(paths == ["v1.0/api/create.md", "v1.0/api/create.md", "v1.0/api/ref.md"])
    }
}
