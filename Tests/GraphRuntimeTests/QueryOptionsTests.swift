import Foundation
import GraphRuntime
import HTTPTypes
import Testing

/// Property names of a response type, as a generated struct's `CodingKeys` declares them.
private enum Keys: String, CodingKey { case id, displayName, createdDateTime }

@Suite("OData literals, query options and headers of generated operations")
struct QueryOptionsTests {
    @Test("literals: strings and enum members quoted with ' doubled; numbers, booleans, GUIDs and dates bare")
    func literals() {
        #expect(ODataLiteral.string("it's 'x'") == "'it''s ''x'''")
        #expect(ODataLiteral.string("") == "''")
        #expect(ODataLiteral.boolean(true) == "true")
        #expect(ODataLiteral.integer(Int32(-7)) == "-7")
        #expect(ODataLiteral.double(1.5) == "1.5")
        #expect(ODataLiteral.double(-.infinity) == "-INF")
        #expect(ODataLiteral.double(.nan) == "NaN")
        #expect(ODataLiteral.guid(UUID(uuidString: "01234567-89AB-CDEF-0123-456789ABCDEF")!) == "01234567-89ab-cdef-0123-456789abcdef")
        #expect(ODataLiteral.temporal(GraphDateTimeOffset(rawValue: "2021-07-01T00:00:00Z")) == "2021-07-01T00:00:00Z")
        #expect(ODataLiteral.enumMember(GraphConsistencyLevel.eventual) == "'eventual'")
        #expect(ODataLiteral.call("f", ["a=" + ODataLiteral.string("x"), "b=2"]) == "f(a='x',b=2)")
        #expect(ODataLiteral.unquote("'it''s'") == "it's")
    }

    @Test("a query's items come in a fixed order, typed names as their wire names, escapes and added items after")
    func queryItems() {
        let query = GraphQuery<Keys>(select: [.id, .displayName], expand: [], filter: "a eq 'b'", search: "\"x\"",
                                     orderBy: [.descending(.createdDateTime), .ascending(.id)], top: 3, skip: 6, count: false)
            .selecting(named: "extra").expanding(named: "manager($select=id)").adding("$format", "json")
        #expect(query.queryItems.map { "\($0.name)=\($0.value ?? "")" } == [
            "$select=id,displayName,extra", "$expand=manager($select=id)", "$filter=a eq 'b'", "$search=\"x\"",
            "$orderby=createdDateTime desc,id", "$top=3", "$skip=6", "$count=false", "$format=json",
        ])
        #expect(GraphQuery<Keys>().queryItems.isEmpty)
        #expect(GraphSelectQuery<Keys>(select: [.id]).adding("x", nil).queryItems == [URLQueryItem(name: "$select", value: "id"), URLQueryItem(name: "x", value: nil)])
    }

    @Test("query items read back into typed options: names in any case, with or without $; what does not fit stays an added item")
    func parsing() {
        let items = [URLQueryItem(name: "$Select", value: "id,manager(select=id,mail)"), URLQueryItem(name: "top", value: "5"),
                     URLQueryItem(name: "$skip", value: "many"), URLQueryItem(name: "$count", value: "true"), URLQueryItem(name: "custom", value: "1")]
        let query = GraphQuery<GraphPropertyName>(parsing: items)
        #expect(query.select == ["id", "manager(select=id,mail)"])
        #expect(query.top == 5)
        #expect(query.skip == nil)
        #expect(query.count == true)
        #expect(query.additionalItems == [URLQueryItem(name: "$skip", value: "many"), URLQueryItem(name: "custom", value: "1")])
    }

    @Test("typed headers: ConsistencyLevel, Prefer joined, If-Match, then added fields")
    func headers() {
        let headers = GraphHeaders(consistencyLevel: .eventual, prefer: [.returnMinimal, .maxPageSize(10)], ifMatch: "W/\"1\"").adding("X-A", "b")
        let fields = headers.fields
        #expect(fields[HTTPField.Name("ConsistencyLevel")!] == "eventual")
        #expect(fields[HTTPField.Name("Prefer")!] == "return=minimal, odata.maxpagesize=10")
        #expect(fields[.ifMatch] == "W/\"1\"")
        #expect(fields[HTTPField.Name("X-A")!] == "b")
        #expect(GraphHeaders(parsing: [(name: "consistencylevel", value: "eventual"), (name: "Prefer", value: "a, b")]) == GraphHeaders(consistencyLevel: .eventual, prefer: ["a", "b"]))
    }
}
