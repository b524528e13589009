import DocgenModel
@testable import SwiftEmitter
import Testing

/// A module's type and request-builder names are file names; macOS's default file system does not tell
/// names apart that differ only in case, and OutputWriter refuses such a set of files (for the whole run).
@Suite("Module-level names that differ only in case")
struct CaseCollisionTests {
    func foldedDuplicates(_ model: APIModel) -> [[String]] {
        let paths = SwiftEmitter.emit(model).map(\.path)
        return Dictionary(grouping: paths, by: { $0.lowercased() }).values.filter { $0.count > 1 }.map { $0.sorted() }
    }

    @Test("types named `ab` and `a_b` get file names that differ in more than case")
    func types() {
        let model = model(version(types: [typeDefinition("ab"), typeDefinition("a_b")]))
        #expect(foldedDuplicates(model).isEmpty)
        let paths = Set(SwiftEmitter.emit(model).map(\.path))
        // Names are given in lookup-key order: `a_b` before `ab`.
        #expect(paths.isSuperset(of: ["GraphV1/Types/AB.swift", "GraphV1/Types/Ab_2.swift"]))
    }

    // Found by the fuzzer (FuzzRegressions/builder-names-differ-only-in-case): `/dent` and `/d<NUL>ent` are
    // different paths whose builders were `DentRequestBuilder` and `DEntRequestBuilder`.
    @Test("request builders of paths whose names differ only in case get file names that differ in more than case")
    func builders() {
        let model = model(version(operations: [operation("POST", "/dent"), operation("POST", "/d\u{0}ent"), operation("GET", "/d-ent/x")]))
        #expect(foldedDuplicates(model).isEmpty)
        let paths = SwiftEmitter.emit(model).map(\.path).filter { $0.contains("/RequestBuilders/") }
        #expect(paths.count == 4)
    }

    @Test("members of one type still differ by case alone, as Swift allows")
    func membersKeepTheirCase() {
        let model = model(version(types: [typeDefinition("widget", properties: [string("ab"), string("aB")])]))
        #expect(typedPropertyNames(declaration(model, "GraphV1/Types/Widget.swift")).contains("aB"))
    }
}

@Suite("Many equal names in one scope")
struct EqualNameTests {
    // A table of 10,000 properties named `p----`, `p---.`, ... (all `p` in Swift) made claiming quadratic:
    // each name tried `p_2`, `p_3`, ... from the start (21 s instead of 2.5 s for LimitPipelineTests).
    @Test("equal names get _2, _3, ... in order, skipping names already taken as they are")
    func suffixes() {
        var scope = NameScope(reserved: ["p_3"])
        let names = (0..<5).map { _ in scope.claim(SwiftNaming.memberName("p")).text }
        #expect(names == ["p", "p_2", "p_4", "p_5", "p_6"])
        #expect(scope.claim(SwiftNaming.fixed("p_7")).text == "p_7")
        #expect(scope.claim(SwiftNaming.memberName("p")).text == "p_8")
    }
}
