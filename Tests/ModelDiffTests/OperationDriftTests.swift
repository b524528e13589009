import DocgenModel
import ModelDiff
import Testing

@Suite("Operations, permissions and headers")
struct OperationDriftTests {
    static let archivePage = """
    # Archive widget

    Archive a [widget](../resources/widget.md) object.

    ## Permissions

    |Permission type|Permissions (from least to most privileged)|
    |:---|:---|
    |Delegated (work or school account)|Widget.ReadWrite.All|
    |Application|Widget.ReadWrite.All|

    ## HTTP request

    ``` http
    POST /widgets/{widgetId}/archive
    ```

    ## Response
    If successful, this method returns a `204 No Content` response code.

    """

    @Test("a new method page is an added operation: additive, with its request line on the new side")
    func operationAdded() throws {
        let report = try drift(new: { $0.texts["v1.0/api/widget-archive.md"] = Self.archivePage })
        #expect(report.outline == ["operation-added additive POST /widgets/{widgetId}/archive"])
        let change = try report.first()
        #expect(change.apiVersion == "v1.0")
        #expect(change.oldLocation == nil)
        #expect(change.newLocation == SourceLocation(path: "v1.0/api/widget-archive.md", line: lineNumber(of: "POST /widgets", inText: Self.archivePage), column: 1))
        #expect(change.reason.contains("`client.widgets[widgetId].archive.post()`"))
    }

    @Test("a method page that is gone is a removed operation: breaking, with its request line on the old side")
    func operationRemoved() throws {
        let report = try drift(new: { try $0.remove("v1.0/api/widget-delete.md") })
        #expect(report.outline == ["operation-removed breaking DELETE /widgets/{widgetId}"])
        #expect(try report.first().oldLocation?.path == "v1.0/api/widget-delete.md")
        #expect(try report.first().oldLine == Fixture.line(of: "DELETE /widgets/{widgetId}", in: "v1.0/api/widget-delete.md"))
        #expect(try report.first().newLocation == nil)
        #expect(report.hasBreakingChanges)
    }

    @Test("the same page with another method is a method change, not a removal and an addition")
    func methodChanged() throws {
        let report = try drift(new: { try $0.replace("PATCH /widgets/{widgetId}", with: "PUT /widgets/{widgetId}", in: "v1.0/api/widget-update.md") })
        #expect(report.outline == ["operation-method-changed breaking PUT /widgets/{widgetId}"])
        let change = try report.first()
        #expect(change.oldValue == "PATCH" && change.newValue == "PUT")
        #expect(change.oldLocation?.path == "v1.0/api/widget-update.md" && change.newLocation?.path == "v1.0/api/widget-update.md")
        #expect(change.reason.contains("`client.widgets[widgetId].patch(_:)` is now `client.widgets[widgetId].put(_:)`"))
    }

    @Test("the same page with another path is a path change")
    func pathChanged() throws {
        let report = try drift(new: { try $0.replace("GET /widgets/{widgetId}/parts", with: "GET /widgets/{widgetId}/components", in: "v1.0/api/part-list.md") })
        #expect(report.outline == ["operation-path-changed breaking GET /widgets/{widgetId}/components"])
        #expect(try report.first().oldValue == "/widgets/{widgetId}/parts")
        #expect(try report.first().newValue == "/widgets/{widgetId}/components")
    }

    @Test("a page moved to another file keeps its operation when the title is the same")
    func operationPairedByTitle() throws {
        let report = try drift(new: { pages in
            let text = try #require(pages.texts["v1.0/api/part-list.md"])
            try pages.remove("v1.0/api/part-list.md")
            pages.texts["v1.0/api/widget-parts-list.md"] = text.replacingOccurrences(of: "GET /widgets/{widgetId}/parts", with: "GET /widgets/{widgetId}/pieces")
        })
        #expect(report.outline == ["operation-path-changed breaking GET /widgets/{widgetId}/pieces"])
        #expect(try report.first().oldLocation?.path == "v1.0/api/part-list.md")
        #expect(try report.first().newLocation?.path == "v1.0/api/widget-parts-list.md")
    }

    @Test("a page of several request lines that drops some and gains others lists them as removed and added")
    func aliasesAreNotPaired() throws {
        let lines = { (paths: [String]) in { (pages: inout Pages) in
            try pages.replace("GET /widgets/{widgetId}\n", with: paths.map { "GET \($0)\n" }.joined(), in: "v1.0/api/widget-get.md")
        } }
        let report = try drift(
            old: lines(["/widgets/{widgetId}", "/me/widgets/{widgetId}", "/users/{userId}/widgets/{widgetId}"]),
            new: lines(["/widgets/{widgetId}", "/groups/{groupId}/widgets/{widgetId}", "/sites/{siteId}/widgets/{widgetId}"])
        )
        #expect(report.outline == [
            "operation-removed breaking GET /me/widgets/{widgetId}",
            "operation-removed breaking GET /users/{userId}/widgets/{widgetId}",
            "operation-added additive GET /groups/{groupId}/widgets/{widgetId}",
            "operation-added additive GET /sites/{siteId}/widgets/{widgetId}",
        ])
    }

    @Test("a renamed path parameter is informational: subscripts take the value without a label")
    func pathParameterRenamed() throws {
        let report = try drift(new: { try $0.replace("GET /widgets/{widgetId}\n", with: "GET /widgets/{widget-id}\n", in: "v1.0/api/widget-get.md") })
        #expect(report.outline == ["operation-path-parameter-renamed informational GET /widgets/{widget-id}"])
        #expect(try report.first().oldValue == "widgetId" && report.first().newValue == "widget-id")
        #expect(!report.hasBreakingChanges)
    }

    @Test("another request body type changes the function's parameter: breaking")
    func requestBodyTypeChanged() throws {
        let report = try drift(new: {
            try $0.replace("supply a JSON representation of the [widget](../resources/widget.md) object", with: "supply a JSON representation of the [part](../resources/part.md) object", in: "v1.0/api/widget-create.md")
        })
        #expect(report.outline == ["request-body-type-changed breaking POST /widgets"])
        #expect(try report.first().oldValue == "widget" && report.first().newValue == "part")
        #expect(try report.first().reason.contains("is now `Part`, not `Widget`"))
    }

    @Test("a body that is no longer taken is breaking")
    func requestBodyRemoved() throws {
        let report = try drift(new: {
            try $0.replace("In the request body, supply a JSON representation of the [widget](../resources/widget.md) object.", with: "Do not supply a request body for this method.", in: "v1.0/api/widget-update.md")
        })
        #expect(report.outline == ["request-body-type-changed breaking PATCH /widgets/{widgetId}"])
        #expect(try report.first().newValue == "none")
    }

    @Test("another response type changes the function's result: breaking")
    func responseBodyTypeChanged() throws {
        let report = try drift(new: {
            try $0.replace("a `200 OK` response code and a [widget](../resources/widget.md) object", with: "a `200 OK` response code and a collection of [widget](../resources/widget.md) objects", in: "v1.0/api/widget-get.md")
        })
        #expect(report.outline == ["response-body-type-changed breaking GET /widgets/{widgetId}"])
        #expect(try report.first().oldValue == "widget" && report.first().newValue == "widget collection")
        #expect(try report.first().reason.contains("now returns `CollectionPage<Widget>`, not `Widget`"))
    }

    @Test("a new status code alone changes nothing in Swift and is counted as wording")
    func statusCodeOnly() throws {
        let report = try drift(new: { try $0.replace("`204 No Content`", with: "`200 OK`", in: "v1.0/api/widget-delete.md") })
        #expect(report.changes.isEmpty)
        #expect(report.wording(.operations) == 1)
    }

    // MARK: Permissions

    @Test("permissions: another scope is a change of that kind, informational")
    func permissionChanged() throws {
        let report = try drift(new: { try $0.replace("|Application|Widget.Read.All|", with: "|Application|Widget.ReadWrite.All|", in: "v1.0/api/widget-list.md") })
        #expect(report.outline == ["permission-changed informational GET /widgets"])
        let change = try report.first()
        #expect(change.oldValue == "Application: Widget.Read.All")
        #expect(change.newValue == "Application: Widget.ReadWrite.All")
        #expect(change.newLine == Fixture.line(of: "|Application|", in: "v1.0/api/widget-list.md"))
        #expect(!report.hasBreakingChanges)
    }

    @Test("permissions: a kind no longer listed is removed, a kind newly listed is added")
    func permissionAddedAndRemoved() throws {
        let removeApplication = { (pages: inout Pages) in try pages.replace("|Application|Widget.Read.All|\n", with: "", in: "v1.0/api/widget-list.md") }
        let removed = try drift(new: removeApplication)
        #expect(removed.outline == ["permission-removed informational GET /widgets"])
        #expect(try removed.first().oldValue == "Application: Widget.Read.All")
        let added = try drift(old: removeApplication, new: { _ in })
        #expect(added.outline == ["permission-added informational GET /widgets"])
        #expect(try added.first().newValue == "Application: Widget.Read.All")
    }

    @Test("permissions: a kind that becomes not supported says so")
    func permissionNoLongerSupported() throws {
        let report = try drift(new: { try $0.replace("|Application|Widget.Read.All|", with: "|Application|Not supported.|", in: "v1.0/api/widget-list.md") })
        #expect(report.outline == ["permission-changed informational GET /widgets"])
        #expect(try report.first().newValue == "Application: not supported")
    }

    @Test("permissions: the same scopes in another order are wording only")
    func permissionReordered() throws {
        let report = try drift(new: {
            try $0.replace("|Widget.Read.All, Widget.ReadWrite.All|", with: "|Widget.ReadWrite.All, Widget.Read.All|", in: "v1.0/api/widget-list.md")
        })
        #expect(report.changes.isEmpty)
        #expect(report.wording(.permissions) == 1)
    }

    // MARK: Headers

    @Test("a newly required header the client does not send is breaking")
    func requiredHeaderAdded() throws {
        let report = try drift(new: {
            try $0.replace("|Authorization|Bearer {token}. Required.|\n", with: "|Authorization|Bearer {token}. Required.|\n|ConsistencyLevel|eventual. Required.|\n", in: "v1.0/api/widget-list.md")
        })
        #expect(report.outline == ["required-header-added breaking GET /widgets"])
        #expect(try report.first().newValue == "ConsistencyLevel")
        #expect(try report.first().newLine == Fixture.line(of: "|Authorization|", in: "v1.0/api/widget-list.md") + 1)
    }

    @Test("a newly required header the runtime sends anyway is informational")
    func requiredHeaderTheRuntimeSends() throws {
        let report = try drift(new: { try $0.replace("|Content-Type|application/json|", with: "|Content-Type|application/json. Required.|", in: "v1.0/api/widget-create.md") })
        #expect(report.outline == ["required-header-added informational POST /widgets"])
    }

    @Test("a header no longer required is informational")
    func requiredHeaderRemoved() throws {
        let report = try drift(new: { try $0.replace("|Authorization|Bearer {token}. Required.|", with: "|Authorization|Bearer {token}.|", in: "v1.0/api/widget-get.md") })
        #expect(report.outline == ["required-header-removed informational GET /widgets/{widgetId}"])
        #expect(try report.first().oldValue == "Authorization")
    }
}

@Suite("Action parameters")
struct ActionParameterDriftTests {
    /// `POST /widgets/{widgetId}/archive` with a parameter table and no type named for its body.
    static let archivePage = OperationDriftTests.archivePage.replacingOccurrences(of: "## Response", with: """
    ## Request body
    In the request body, supply JSON representation of the parameters.

    |Property|Type|Description|
    |:---|:---|:---|
    |reason|String|Why.|

    ## Response
    """)

    @Test("an action's body type is reported with the action, and a new parameter is an added property: additive")
    func parameterAdded() throws {
        let added = try drift(new: { $0.texts["v1.0/api/widget-archive.md"] = Self.archivePage })
        #expect(added.outline.sorted() == ["operation-added additive POST /widgets/{widgetId}/archive", "type-added additive widgetArchiveRequestBody"])

        let report = try drift(old: { $0.texts["v1.0/api/widget-archive.md"] = Self.archivePage }, new: {
            $0.texts["v1.0/api/widget-archive.md"] = Self.archivePage.replacingOccurrences(of: "|reason|String|Why.|", with: "|reason|String|Why.|\n|until|DateTimeOffset|Until when.|")
        })
        #expect(report.outline == ["property-added additive widgetArchiveRequestBody.until"])
        #expect(!report.hasBreakingChanges)
    }

    @Test("a parameter whose type changes is breaking, as any property's")
    func parameterTypeChanged() throws {
        let report = try drift(old: { $0.texts["v1.0/api/widget-archive.md"] = Self.archivePage }, new: {
            $0.texts["v1.0/api/widget-archive.md"] = Self.archivePage.replacingOccurrences(of: "|reason|String|Why.|", with: "|reason|Int32|Why.|")
        })
        #expect(report.outline == ["property-type-changed breaking widgetArchiveRequestBody.reason"])
    }
}
