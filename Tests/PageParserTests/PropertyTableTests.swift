import DocgenModel
import PageParser
import Testing

/// Property and relationship tables of type pages: recognised by their columns, every row read or reported.
@Suite("Property tables of type pages")
struct PropertyTableTests {
    func type(_ body: String) throws -> (TypeDefinition, ParsedPage) {
        let page = PageParser.parse(text: "# thing resource type\n\nNamespace: microsoft.graph\n\nA thing.\n\n" + body, path: "v1.0/resources/thing.md")
        return (try #require(page.types.first), page)
    }

    @Test("headers 'Property name', 'Name', 'Relationship name' in any case and emphasis; 'Data type'; columns in any order")
    func headerSpellings() throws {
        let (type, _) = try type("""
        ## Properties

        | **Property name** | **Type** | Description |
        |:--|:--|:--|
        | **album** | string | The album. |

        | Description | Data type | NAME |
        |:--|:--|:--|
        | The year. | Int32 | year |

        ## Relationships

        | _Relationship name_ | Type | Description |
        |:--|:--|:--|
        | items | [item](item.md) collection | Its items. |
        """)
        #expect(type.properties.map(\.name) == ["album", "year", "items"])
        #expect(type.properties.map(\.type.name) == ["String", "Int32", "item"])
        #expect(type.properties.map(\.isNavigation) == [false, false, true])
    }

    @Test("a relationship table under Properties, several tables in a section, and 'x properties' headings are read")
    func tablesAndHeadings() throws {
        let (type, _) = try type("""
        ## Properties

        |Property|Type|Description|
        |:--|:--|:--|
        |a|String|One.|

        Some prose between tables.

        |Relationship|Type|Description|
        |:--|:--|:--|
        |b|[other](other.md)|Two.|

        ### thing facet properties

        |Property|Type|Description|
        |:--|:--|:--|
        |c|Boolean|Three.|

        ## Methods

        |Method|Return Type|Description|
        |:--|:--|:--|
        |[Get](get.md)|thing|Not a property.|
        """)
        #expect(type.properties.map(\.name) == ["a", "b", "c"])
        #expect(type.properties.map(\.isNavigation) == [false, true, false])
    }

    @Test("an unmatched backtick in one row leaves the rows after it read, at their own lines")
    func unmatchedBacktick() throws {
        let (type, _) = try type("""
        ## Properties
        |Property|Type|Description|
        |:--|:--|:--|
        |consoleAccessDisabled|Boolean|Whether to disregard the `>console> special user name.|
        |shutDownDisabledWhileLoggedIn|Boolean|Whether the `Shut Down` item is disabled.|
        |restartDisabledWhileLoggedIn|Boolean|Whether the restart item is disabled.|
        """)
        #expect(type.properties.map(\.name) == ["consoleAccessDisabled", "shutDownDisabledWhileLoggedIn", "restartDisabledWhileLoggedIn"])
        #expect(type.properties.map(\.location.line) == [10, 11, 12])
        #expect(type.properties.allSatisfy { $0.type.primitive == .boolean })
    }

    @Test("type cells: Collection of X, X collection, Collection(X), X array, [X], code spans, notes after a comma or in parentheses")
    func typeCells() throws {
        let rows = [
            ("roles", "Collection of String", "String", true),
            ("tags", "String collection", "String", true),
            ("wrapped", "Collection(microsoft.graph.item)", "item", true),
            ("edm", "Collection(Edm.Int64)", "Int64", true),
            ("array", "Int32 array", "Int32", true),
            ("brackets", "[String]", "String", true),
            ("code", "`Boolean`", "Boolean", false),
            ("sized", "string, maximum size 10", "String", false),
            ("nullable", "DateTimeOffset (nullable)", "DateTimeOffset", false),
            ("nullableWord", "Int32 nullable", "Int32", false),
            ("linked", "[item](item.md)", "item", false),
            ("namespaced", "microsoft.graph.externalConnectors.acl", "externalConnectors.acl", false),
            ("reference", "[item][]", "item", false),
        ]
        let table = rows.map { "|\($0.0)|\($0.1)|A property.|" }.joined(separator: "\n")
        let (type, page) = try type("## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n" + table + "\n")
        #expect(type.properties.map(\.name) == rows.map(\.0))
        #expect(type.properties.map(\.type.name) == rows.map(\.2))
        #expect(type.properties.map(\.type.isCollection) == rows.map(\.3))
        #expect(type.properties.first { $0.name == "linked" }?.type.link == "item.md")
        #expect(!page.diagnostics.contains { $0.code == .typeCellMalformed }, "\(page.diagnostics)")
    }

    @Test("'X or Y' is read as X with a diagnostic that names the row")
    func alternatives() throws {
        let (type, page) = try type("## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|value|String or Int32|Either.|\n")
        #expect(type.properties.first?.type.primitive == .string)
        #expect(page.diagnostics.contains { $0.code == .typeCellAlternatives && $0.location.line == 11 })
    }

    @Test("a String whose description lists its values: a diagnostic, and the values kept in the model")
    func stringWithPossibleValues() throws {
        let (type, page) = try type("## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|state|String|The state. Possible values are: `accepted`, `declined`.|\n|name|String|A name.|\n")
        #expect(type.properties.first?.possibleValues == ["accepted", "declined"])
        #expect(page.diagnostics.filter { $0.code == .stringWithPossibleValues }.map(\.location.line) == [11])
    }

    @Test("a type the prose calls abstract is abstract")
    func abstractInProse() throws {
        let abstract = PageParser.parse(text: "# thing resource type\n\nNamespace: microsoft.graph\n\nAn abstract base type for things.\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|a|String|One.|\n",
                                        path: "v1.0/resources/thing.md")
        #expect(abstract.types.first?.isAbstract == true)
        let concrete = PageParser.parse(text: "# thing resource type\n\nNamespace: microsoft.graph\n\nRepresents an abstract of a paper.\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|a|String|One.|\n",
                                        path: "v1.0/resources/thing.md")
        #expect(concrete.types.first?.isAbstract == false)
    }
}
