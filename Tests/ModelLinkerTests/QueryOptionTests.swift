import DocgenModel
import ModelLinker
import Testing

/// A method page with an "Optional query parameters" (or other) section of its own.
func pageWithSection(_ requestLines: [String], heading: String = "## Optional query parameters", section: [String], response: String? = nil,
                     headers: [String] = [], examples: [String] = []) -> String {
    var lines = ["# Do something", "", "Does something.", "", "## HTTP request", "", "```http"] + requestLines + ["```", ""]
    lines += [heading, ""] + section + [""]
    if !headers.isEmpty { lines += ["## Request headers", "", "| Header | Value |", "|:--|:--|"] + headers + [""] }
    if let response { lines += ["## Response", "", response, ""] }
    if !examples.isEmpty { lines += ["## Example", ""] + examples }
    return lines.joined(separator: "\n") + "\n"
}

@Suite("Query options, query parameters, function parameters and content kinds of operations")
struct QueryOptionTests {
    static let supportsUnnamed = "This method supports the [OData query parameters](/graph/query-parameters) to help customize the response."

    @Test("a section that names options gives exactly those, whatever their case or dollar sign")
    func namedOptions() throws {
        let text = pageWithSection(["GET /users"], section: [
            "This method supports the [OData query parameters](/graph/query-parameters) to help customize the response, including `$search`, `$count`, `$filter`, and `$orderBy`. You can use $select too.",
        ], response: returnsCollection("user"))
        let operation = try #require(link([("v1.0/api/user-list.md", text)]).version("v1.0")?.operation("GET /users"))
        #expect(operation.queryOptions == [.count, .filter, .orderBy, .search, .select])
    }

    @Test("'supports the OData query parameters' without names: every option for a collection GET, $select and $expand for one item, none for a POST")
    func unnamedOptions() throws {
        let list = pageWithSection(["GET /users"], section: [Self.supportsUnnamed], response: returnsCollection("user"))
        let item = pageWithSection(["GET /users/{id}"], section: [Self.supportsUnnamed], response: returns("user", status: "200 OK"))
        let post = pageWithSection(["POST /users/{id}/revoke"], section: [Self.supportsUnnamed])
        let version = try #require(link([("v1.0/api/a.md", list), ("v1.0/api/b.md", item), ("v1.0/api/c.md", post)]).version("v1.0"))
        #expect(version.operation("GET /users")?.queryOptions == SystemQueryOption.allCases)
        #expect(version.operation("GET /users/{}")?.queryOptions == [.expand, .select])
        #expect(version.operation("POST /users/{}/revoke")?.queryOptions == [])
    }

    @Test("'does not support' documents no option, even when it names one")
    func notSupported() throws {
        let text = pageWithSection(["GET /users"], section: ["This method does not support the `$filter` [OData query parameters](/graph/query-parameters) to customize the response."],
                                   response: returnsCollection("user"))
        let page = parsePage("v1.0/api/x.md", text)
        #expect(page.queryOptions?.support == .notSupported)
        #expect(link([("v1.0/api/x.md", text)]).version("v1.0")?.operation("GET /users")?.queryOptions == [])
    }

    @Test("a section that cannot be read is reported at its heading")
    func unreadable() {
        let text = pageWithSection(["GET /users"], section: ["See the overview."], response: returnsCollection("user"))
        let page = parsePage("v1.0/api/x.md", text)
        #expect(page.diagnostics.map(\.codeAndPlace) == ["query-options-unreadable@v1.0/api/x.md:\(line(of: "## Optional query parameters", in: text)):1"])
    }

    @Test("custom parameters: required from the request line's placeholders and the section's prose, typed by the table")
    func customParameters() throws {
        let text = pageWithSection(["GET /me/calendarView?startDateTime={start_datetime}&endDateTime={end_datetime}"], heading: "## Query parameters", section: [
            "In the request URL, provide the following required query parameters with values.", "",
            "| Parameter | Type | Description |", "|:--|:--|:--|",
            "| startDateTime | String | The start of the range. |",
            "| endDateTime | String | The end of the range. |",
            "| top | Int32 | How many. Optional. |",
        ], response: returnsCollection("event"))
        let operation = try #require(link([("v1.0/api/cv.md", text)]).version("v1.0")?.operation("GET /me/calendarView"))
        #expect(operation.queryParameters.map(\.name) == ["startDateTime", "endDateTime", "top"])
        #expect(operation.queryParameters.map(\.isRequired) == [true, true, false])
        #expect(operation.queryParameters.map(\.type) == [.primitive(.string), .primitive(.string), .primitive(.int32)])
        #expect(operation.queryParameters[0].location == loc("v1.0/api/cv.md", line(of: "| startDateTime", in: text), 3))
    }

    @Test("function parameters come from the path segment, typed by the parameter table; an untyped unquoted one is reported")
    func functionParameters() throws {
        let text = pageWithSection(["GET /reports/getCounts(period='{period_value}',top={n},flag={f})"], heading: "## Function parameters", section: [
            "| Parameter | Type | Description |", "|:--|:--|:--|",
            "| period | string | The period. Required. |",
            "| top | Int32 | How many. |",
        ], response: "If successful, this function returns a `200 OK` response code and a Stream in the response body.")
        let model = link([("v1.0/api/counts.md", text)])
        let operation = try #require(model.version("v1.0")?.operations.first)
        let segment = try #require(operation.path.segments.last?.function)
        #expect(segment.name == "getCounts")
        #expect(segment.arguments.map(\.placeholder) == ["period_value", "n", "f"])
        #expect(segment.arguments.map(\.isQuoted) == [true, false, false])
        #expect(operation.functionParameters.map(\.name) == ["period", "top", "flag"])
        #expect(operation.functionParameters.map(\.type) == [.primitive(.string), .primitive(.int32), .primitive(.json)])
        #expect(operation.responseKind == .binary)
        #expect(model.diagnostics(.functionParameterUntyped).map(\.location) == [loc("v1.0/api/counts.md", line(of: "GET /reports", in: text), 1)])
    }

    @Test("an example of a function matches its request line by name and argument names, and gives the argument values unquoted")
    func functionExamples() throws {
        let text = pageWithSection(["GET /deviceManagement/getEffectivePermissions(scope='{scope}')"], heading: "## Function parameters", section: [
            "| Parameter | Type | Description |", "|:--|:--|:--|", "| scope | String | The scope. |",
        ], examples: [example("GET https://graph.microsoft.com/v1.0/deviceManagement/getEffectivePermissions(scope='it''s')", status: "200 OK")])
        let model = link([("v1.0/api/p.md", text)])
        let linked = try #require(model.version("v1.0")?.examples.first)
        #expect(linked.operationID == "GET /deviceManagement/getEffectivePermissions(scope='{scope}')")
        #expect(linked.pathValues == ["it's"])
        #expect(model.diagnostics(.exampleURLMismatch).isEmpty)
    }

    @Test("response kinds: $value is bytes, $count a number, a primitive or enum result a wrapped value; PUT $value uploads bytes")
    func responseKinds() throws {
        let download = pageWithSection(["GET /me/photo/$value"], section: ["This method does not support OData query parameters."])
        let upload = pageWithSection(["PUT /me/photo/$value"], section: ["This method does not support OData query parameters."],
                                     headers: ["| Content-Type | image/jpeg. Required. |"])
        let count = pageWithSection(["GET /users/$count"], section: ["This method supports the `$filter` and `$search` [OData query parameters](/graph/query-parameters)."])
        let boolean = pageWithSection(["GET /deviceManagement/scriptsAvailable"], section: ["This method does not support OData query parameters."],
                                      response: "If successful, this function returns a `200 OK` response code and a Boolean in the response body.")
        let state = pageWithSection(["GET /deviceManagement/scriptState"], section: ["This method does not support OData query parameters."],
                                    response: "If successful, this function returns a `200 OK` response code and a [scriptState](../resources/scriptstate.md) in the response body.")
        let version = try #require(link([
            ("v1.0/api/a.md", download), ("v1.0/api/b.md", upload), ("v1.0/api/c.md", count), ("v1.0/api/d.md", boolean), ("v1.0/api/e.md", state),
            ("v1.0/resources/scriptstate.md", enumPage("scriptState", members: ["pending", "enabled"])),
        ]).version("v1.0"))
        #expect(version.operation("GET /me/photo/$value")?.responseKind == .binary)
        #expect(version.operation("PUT /me/photo/$value")?.requestContent == .binary)
        #expect(version.operation("GET /users/$count")?.responseKind == .count)
        #expect(version.operation("GET /users/$count")?.queryOptions == [.filter, .search])
        #expect(version.operation("GET /deviceManagement/scriptsAvailable")?.responseKind == .wrappedValue)
        #expect(version.operation("GET /deviceManagement/scriptsAvailable")?.responseBody == .primitive(.boolean))
        #expect(version.operation("GET /deviceManagement/scriptState")?.responseKind == .wrappedValue)
    }

    @Test("a Name|Type|Description header table keeps the description as the header's value")
    func threeColumnHeaders() {
        let text = ["# Do", "", "Does.", "", "## HTTP request", "", "```http", "GET /users", "```", "", "## Request headers", "",
                    "| Name | Type | Description |", "|:--|:--|:--|", "| ConsistencyLevel | string | eventual. Required with `$search`. |", ""].joined(separator: "\n")
        let page = parsePage("v1.0/api/x.md", text)
        #expect(page.requestHeaders.map(\.value) == ["eventual. Required with $search."])
    }
}
