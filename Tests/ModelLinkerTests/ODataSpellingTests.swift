import DocgenModel
import Testing

@Suite("Type references spelled the OData way")
struct ODataSpellingTests {
    @Test("Collection(...), collection(...), Edm primitives, 'x collection', # and namespaces")
    func spellings() {
        let cases: [(String, String, PrimitiveType?, Bool)] = [
            ("Collection(microsoft.graph.accessReviewInstance)", "accessReviewInstance", nil, true),
            ("collection(microsoft.graph.riskyUser)", "riskyUser", nil, true),
            ("Collection(Edm.String)", "String", .string, true),
            ("Edm.String", "String", .string, false),
            ("string collection", "String", .string, true),
            ("string", "String", .string, false),
            ("#microsoft.graph.user", "user", nil, false),
            ("microsoft.graph.externalConnectors.externalItem", "externalConnectors.externalItem", nil, false),
        ]
        for (text, name, primitive, isCollection) in cases {
            let type = TypeReference.odata(text)
            #expect(type.name == name, "\(text)")
            #expect(type.primitive == primitive, "\(text)")
            #expect(type.isCollection == isCollection, "\(text)")
        }
        #expect(TypeReference.odata("microsoft.graph.user", isCollection: true).isCollection)
    }
}
