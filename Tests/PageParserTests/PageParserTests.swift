import DocgenModel
import PageParser
import Testing

/// Quirks of real Graph pages, one small page each.
@Suite("Real-page quirks")
struct PageQuirkTests {
    func parse(_ text: String, path: String = "v1.0/api/x.md") -> ParsedPage {
        PageParser.parse(text: text, path: path)
    }

    static let header = "# Get thing\n\nGets a thing.\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n\n"

    @Test("'a JSON representation of the parameters.' names no type; 'of the thing.' names thing, without the full stop")
    func representationOfTheParameters() throws {
        let action = parse(Self.header + "## Request body\n\nIn the request body, supply JSON representation of the parameters.\n\n|Property|Type|Description|\n|:---|:---|:---|\n|chainId|Int64|The chain.|\n")
        let body = try #require(action.requestBody)
        #expect(body.type == nil)
        #expect(body.properties.map(\.name) == ["chainId"])
        let create = parse(Self.header + "## Request body\n\nIn the request body, supply a JSON representation of the thing.\n")
        #expect(create.requestBody?.type?.name == "thing")
    }

    @Test("a linked type is a collection when the cell says 'collection' as a word outside the link, not when the type's name contains it")
    func linkedCollectionTypes() throws {
        let rows = [
            "|templateType|[deviceLogCollectionRequest](../resources/devicelogcollectionrequest.md)|One.|",
            "|siteCollection|[siteCollection](sitecollection.md)|One.|",
            "|requests|[deviceLogCollectionRequest](devicelogcollectionrequest.md) collection|Many.|",
            "|wrapped|Collection([deviceLogCollectionRequest](devicelogcollectionrequest.md))|Many.|",
            "|plain|deviceLogCollectionRequest|One.|",
        ]
        let page = parse("# thing resource type\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n" + rows.joined(separator: "\n") + "\n",
                         path: "v1.0/resources/thing.md")
        let properties = try #require(page.types.first?.properties)
        #expect(properties.map(\.name) == ["templateType", "siteCollection", "requests", "wrapped", "plain"])
        #expect(properties.map(\.type.isCollection) == [false, false, true, true, false])
        #expect(properties.map(\.type.name) == ["deviceLogCollectionRequest", "siteCollection", "deviceLogCollectionRequest", "deviceLogCollectionRequest", "deviceLogCollectionRequest"])
    }

    static func resourceType(_ lines: [String]) -> TypeDefinition? {
        let text = (["# room resource type", "", "Namespace: microsoft.graph", ""] + lines
                    + ["", "## Properties", "", "|Property|Type|Description|", "|:---|:---|:---|", "|capacity|Int32|Seats.|", ""]).joined(separator: "\n")
        return PageParser.parse(text: text, path: "v1.0/resources/room.md").types.first
    }

    @Test("the base type comes from 'Inherits from', else the resource annotation's baseType, else a link right after 'inherits/derives/derived from' in the prose")
    func baseTypeSources() throws {
        #expect(Self.resourceType(["Inherits from [place](place.md)."])?.baseType?.name == "place")
        #expect(Self.resourceType(["Represents a room. Derived from [place](place.md)."])?.baseType?.name == "place")
        #expect(Self.resourceType(["A **room** inherits from [place](place.md). Rooms have seats."])?.baseType?.name == "place")
        #expect(Self.resourceType(["This type derives from [place](place.md)."])?.baseType?.name == "place")
        #expect(Self.resourceType(["A subclass of [place](place.md). Rooms have seats."])?.baseType?.name == "place")
        #expect(Self.resourceType(["A subclass of placeHolder that represents a room."])?.baseType?.name == "placeHolder")
        #expect(Self.resourceType(["The language is derived from ISO 639-1."])?.baseType == nil)
        #expect(Self.resourceType(["A subclass of the rooms."])?.baseType == nil)
        let annotation = ["<!-- {", "  \"blockType\": \"resource\",", "  \"@odata.type\": \"microsoft.graph.room\",", "  \"baseType\": \"microsoft.graph.place\"", "} -->", "```json", "{}", "```"]
        #expect(Self.resourceType(["## JSON representation", ""] + annotation)?.baseType?.name == "place")
        // 'Inherits from' outranks the annotation, and the annotation the prose.
        #expect(Self.resourceType(["Inherits from [venue](venue.md).", "", "Derived from [place](place.md)."] + annotation)?.baseType?.name == "venue")
        #expect(Self.resourceType(["Derived from [building](building.md).", ""] + annotation)?.baseType?.name == "place")
        // A link elsewhere in the prose, or after other words, is no base type.
        #expect(Self.resourceType(["A room is a [place](place.md) derived from floor plans."])?.baseType == nil)
        #expect(Self.resourceType(["Data is derived from the [calendar](calendar.md)."])?.baseType == nil)
        #expect(Self.resourceType(["Represents a room."])?.baseType == nil)
    }

    @Test("a blank line between the request line and its headers, and a leading space in the fence info")
    func blankLineBeforeHeaders() throws {
        let page = parse(Self.header + "## Example\n\n### Request\n\n``` http\nPOST https://graph.microsoft.com/v1.0/things/{id}\n\nContent-type: application/json\n\n{\"a\": 1}\n```\n")
        let request = try #require(page.examples.first?.request)
        #expect(request.headers == [HTTPHeaderLine(name: "Content-type", value: "application/json")])
        #expect(request.body?.json == .object([JSONMember(key: "a", value: .number("1"))]))
        #expect(request.versionSegment == "v1.0")
    }

    @Test("msgraph-interactive fences are example requests; tab markers and includes are neither headings nor content")
    func interactiveFencesAndTabs() throws {
        let text = Self.header + """
        ## Example

        # [HTTP](#tab/http)
        <!-- { "blockType": "request", "name": "get_thing" } -->
        ```msgraph-interactive
        GET https://graph.microsoft.com/v1.0/things/1
        ```
        # [C#](#tab/csharp)
        [!INCLUDE [sample-code](../includes/snippets/csharp/get-thing.md)]

        ---

        ### Response
        <!-- { "blockType": "response", "@odata.type": "microsoft.graph.thing" } -->
        ```http
        HTTP/1.1 200 OK
        Content-type: application/json

        {"id": "1"}
        ```
        """
        let page = parse(text)
        #expect(page.title == "Get thing")
        #expect(page.examples.count == 1)
        let example = try #require(page.examples.first)
        #expect(example.name == "get_thing")
        #expect(example.request?.method == "GET")
        #expect(example.response?.statusCode == 200)
        #expect(example.response?.annotation?.odataType == "microsoft.graph.thing")
        #expect(!page.diagnostics.contains { $0.code == .exampleUnpaired })
    }

    @Test("JSON with a trailing comma and a comment is read leniently, with a warning at each defect")
    func lenientJSON() throws {
        let text = Self.header + "## Example\n\n```http\nPOST https://graph.microsoft.com/v1.0/things\n\n{\n  \"a\": 1, // note\n  \"b\": 2,\n}\n```\n"
        let page = parse(text)
        let body = try #require(page.examples.first?.request?.body)
        #expect(body.kind == .lenientJSON)
        #expect(body.json?["b"] == .number("2"))
        let warnings = page.diagnostics.filter { $0.code == .jsonLenient }
        // Line 17 is `"a": 1, // note`, line 18 `"b": 2,`: the comment and the trailing comma.
        #expect(warnings.map { "\($0.location.line):\($0.location.column)" } == ["17:11", "18:9"])
    }

    @Test("JSON broken beyond repair is an error at the position of the fault")
    func brokenJSON() throws {
        let text = Self.header + "## Example\n\n```http\nPOST https://graph.microsoft.com/v1.0/things\n\n{\n  \"a\": tru\n}\n```\n"
        let page = parse(text)
        #expect(page.examples.first?.request?.body?.kind == .brokenJSON)
        let error = try #require(page.diagnostics.first { $0.code == .jsonInvalid })
        #expect(error.severity == .error)
        #expect("\(error.location.line):\(error.location.column)" == "17:8")
    }

    @Test("a body that is not JSON by design is kept as text without a diagnostic")
    func textBody() throws {
        let text = Self.header + "## Example\n\n```http\nPUT https://graph.microsoft.com/v1.0/things/1/content\nContent-Type: text/plain\n\nHello\n```\n"
        let page = parse(text)
        #expect(page.examples.first?.request?.body?.kind == .text)
        #expect(page.examples.first?.request?.body?.text == "Hello")
        #expect(!page.diagnostics.contains { $0.code == .jsonInvalid || $0.code == .jsonLenient })
    }

    @Test("request lines: spaces inside braces, <id>, $value, type casts and functions stay one segment each")
    func requestLineShapes() throws {
        let text = "# Do\n\n## HTTP request\n\n```http\nGET /users/{id | userPrincipalName}/photo/$value\nGET /users/<id>/microsoft.graph.delta()\nGET /reports/getOffice365ActiveUserDetail(period='{period_value}')?$format=text/csv\n```\n"
        let lines = parse(text).requestLines
        #expect(lines.map { $0.path.segments.map(\.text) } == [
            ["users", "{id | userPrincipalName}", "photo", "$value"],
            ["users", "<id>", "microsoft.graph.delta()"],
            ["reports", "getOffice365ActiveUserDetail(period='{period_value}')"],
        ])
        #expect(lines[0].path.segments[1].kind == .parameter)
        #expect(lines[0].path.segments[3].kind == .keyword)
        #expect(lines[1].path.segments[1].parameterName == "id")
        #expect(lines[2].query == "$format=text/csv")
    }

    @Test("an HTTP request block that shows a whole request yields only its request line")
    func requestBlockWithBody() {
        let text = "# Do\n\n## HTTP request\n\n```http\nPOST /things\nContent-Type: application/json\n\n{\"a\": 1}\n```\n"
        let page = parse(text)
        #expect(page.requestLines.map(\.path.description) == ["/things"])
        #expect(!page.diagnostics.contains { $0.code == .requestLineMalformed })
    }

    @Test("request lines under headings of their own count when the page has no HTTP request section")
    func requestLinesElsewhere() {
        let text = "# Get a site\n\n## Get the root site\n\n```http\nGET /sites/root\n```\n\n## Example\n\n```http\nGET https://graph.microsoft.com/v1.0/sites/root\n```\n"
        #expect(parse(text).requestLines.map(\.path.description) == ["/sites/root"])
    }

    @Test("Intune permission sub-rows belong to the kind above them")
    func permissionSubRows() {
        let text = "# Do\n\n## Prerequisites\n\n|Permission type|Permissions|\n|:---|:---|\n|Delegated (work or school account)||\n| &nbsp; &nbsp; **Device management** | A.Read.All|\n| &nbsp; &nbsp; **Policy Set** | B.Read.All|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|C.Read.All, D.Read.All|\n\n## HTTP request\n\n```http\nGET /x\n```\n"
        let permissions = parse(text).permissions
        #expect(permissions.map(\.kind) == [.delegatedWorkOrSchool, .delegatedPersonal, .application])
        #expect(permissions.map(\.scopes) == [["A.Read.All", "B.Read.All"], [], ["C.Read.All", "D.Read.All"]])
        #expect(permissions.map(\.status) == [.scopes, .notSupported, .scopes])
    }

    @Test("page kinds come from the page's structure, not a wrong doc_type")
    func kindFromStructure() {
        let mislabelled = "---\ndoc_type: resourcePageType\n---\n# Create thing\n\n## HTTP request\n\n```http\nPOST /things\n```\n"
        #expect(parse(mislabelled).kind == .method)
        let enumPage = "---\ndoc_type: apiPageType\n---\n# color enum type\n\n## Members\n|Member|Value|Description|\n|:---|:---|:---|\n|red|0|Red.|\n"
        let page = parse(enumPage, path: "v1.0/resources/color.md")
        #expect(page.kind == .enumeration)
        #expect(page.enums.first?.members.map(\.name) == ["red"])
    }

    @Test("a type page that shows a request in its prose stays a type page; a method page keeps its request lines")
    func requestInTypePageProse() throws {
        let typePage = """
        # mailFolder resource type

        A mail folder. Get the Drafts folder by its well-known name:

        ```http
        GET /me/mailFolders/drafts
        ```

        ## Properties

        |Property|Type|Description|
        |:---|:---|:---|
        |displayName|String|The name.|
        """
        let page = parse(typePage, path: "v1.0/resources/mailfolder.md")
        #expect(page.kind == .resource)
        #expect(page.requestLines.isEmpty)
        #expect(page.types.first?.name == "mailFolder")
        #expect(page.types.first?.properties.map(\.name) == ["displayName"])
        // A page without a type title is still a method page by its request line alone.
        let howTo = parse("# Get the Drafts folder\n\n```http\nGET /me/mailFolders/drafts\n```\n", path: "v1.0/api/drafts.md")
        #expect(howTo.kind == .method)
        #expect(howTo.requestLines.map(\.path.description) == ["/me/mailFolders/drafts"])
    }

    @Test("many enums per page under '### x values' headings")
    func enumSections() {
        let text = "# Enums\n\n### colour values\n\n|Member|\n|:---|\n|red|\n|blue|\n\n### size values\n\n|Value|Description|\n|:---|:---|\n|small|S|\n"
        let enums = parse(text, path: "v1.0/resources/enums.md").enums
        #expect(enums.map(\.name) == ["colour", "size"])
        #expect(enums.map { $0.members.map(\.name) } == [["red", "blue"], ["small"]])
    }

    @Test("a table row with more cells than its header is reported, its surplus joined into the last cell")
    func tableRowTooLong() throws {
        let text = "# thing resource type\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|mode|String|Either a | b.|\n"
        let page = parse(text, path: "v1.0/resources/thing.md")
        let property = try #require(page.types.first?.properties.first)
        #expect(property.description == "Either a | b.")
        #expect(page.diagnostics.contains { $0.code == .tableRowTooLong && $0.location.line == 7 })
    }
}
