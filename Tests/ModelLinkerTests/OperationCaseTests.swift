import DocgenModel
import ModelLinker
import Testing

@Suite("Request lines that differ only in case")
struct OperationCaseTests {
    // Found by the hostile pages (HostileInputTests): the request builders merge `/widgets` and `/Widgets`
    // as Graph does, so two GETs on them were two `get()` functions in one builder, which does not compile.
    @Test("are one operation, documented by the first line")
    func oneOperation() throws {
        let model = link([
            ("v1.0/api/a.md", methodPage(["GET /widgets/{id}"])),
            ("v1.0/api/b.md", methodPage(["GET /Widgets/{ID}", "GET /WIDGETS"])),
        ])
        let version = try #require(model.version("v1.0"))
        #expect(version.operations.map(\.id) == ["GET /WIDGETS", "GET /widgets/{}"])
        #expect(version.operation("GET /widgets/{}")?.path.description == "/widgets/{id}")
    }
}
