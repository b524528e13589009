import DocgenModel
import ModelLinker
import Testing

/// "In the request body, supply JSON representation of the parameters." and a table: the page names no type,
/// yet the body has one.
let parametersProse = "In the request body, supply JSON representation of the parameters."

@Suite("Request bodies whose page names no type")
struct UnnamedRequestBodyTests {
    @Test("an action's parameter table becomes a body type named after its first request line, shared by every line of the page, with no warning")
    func actionParameters() throws {
        let text = methodPage(title: "wipe action", [
            "POST /users/{usersId}/managedDevices/{managedDeviceId}/wipe",
            "POST /deviceManagement/managedDevices/{managedDeviceId}/wipe",
        ], body: parametersProse, table: ["|keepUserData|Boolean|Keep user data.|", "|macOsUnlockCode|String|Unlock code.|"])
        let model = link([("v1.0/api/wipe.md", text)])
        let version = try #require(model.version("v1.0"))
        let type = try #require(version.type("managedDeviceWipeRequestBody"))
        #expect(type.origin == .unnamedRequestBody)
        #expect(type.properties.map(\.name) == ["keepUserData", "macOsUnlockCode"])
        #expect(type.properties.map(\.type) == [.primitive(.boolean), .primitive(.string)])
        #expect(type.location == loc("v1.0/api/wipe.md", line(of: "## Request body", in: text), 1))
        #expect(type.description == "The request body of `POST /users/{usersId}/managedDevices/{managedDeviceId}/wipe`.")
        for operation in version.operations {
            #expect(operation.requestBody == .named("managedDeviceWipeRequestBody"), "\(operation.id)")
        }
        #expect(version.operations.count == 2)
        #expect(model.linkerDiagnostics.isEmpty, "\(model.linkerDiagnostics)")
    }

    @Test("examples of an action decode as its body type, and what they add to the table is reported")
    func examplesUseTheBodyType() throws {
        let text = methodPage(title: "wipe action", ["POST /deviceManagement/managedDevices/{managedDeviceId}/wipe"],
                              body: parametersProse, table: ["|keepUserData|Boolean|Keep user data.|"],
                              examples: [example("POST https://graph.microsoft.com/v1.0/deviceManagement/managedDevices/d1/wipe",
                                                 body: "{\"keepUserData\": true, \"persistEsimDataPlan\": true}", status: "204 No Content")])
        let model = link([("v1.0/api/wipe.md", text)])
        let linked = try #require(model.version("v1.0")?.examples.first)
        #expect(linked.requestBodyType == .named("managedDeviceWipeRequestBody"))
        #expect(model.diagnostics(.examplePropertyUndocumented).map(\.message).contains { $0.contains("persistEsimDataPlan") })
    }

    @Test("a page that names no type and has no table sends no typed body, and no type is made")
    func noTable() throws {
        let model = link([("v1.0/api/sync.md", methodPage(["POST /deviceManagement/managedDevices/{managedDeviceId}/syncDevice"], body: parametersProse))])
        let version = try #require(model.version("v1.0"))
        #expect(version.operations.first?.requestBody == nil)
        #expect(version.types.isEmpty)
    }

    @Test("a page that says it takes no body makes no type, even with a table")
    func emptyBody() throws {
        let model = link([("v1.0/api/sync.md", methodPage(["POST /things/{thingId}/sync"], body: "Do not supply a request body for this method.",
                                                          table: ["|force|Boolean|Force.|"]))])
        #expect(model.version("v1.0")?.operations.first?.requestBody == nil)
        #expect(model.version("v1.0")?.types.isEmpty == true)
    }

    @Test("a PATCH that names no type sends the resource: the type the page returns, else what a GET on the path returns")
    func patchSendsTheResource() throws {
        let returning = methodPage(["PATCH /widgets/{widgetId}"], body: "In the request body, supply the values for relevant fields that should be updated.",
                                   table: ["|name|String|Name.|"], response: returns("widget", status: "200 OK"))
        let silent = methodPage(["PATCH /gadgets/{gadgetId}"], body: "In the request body, supply the values for relevant fields that should be updated.",
                                table: ["|name|String|Name.|"], response: "If successful, this method returns a `204 No Content` response code.")
        let get = methodPage(["GET /gadgets/{id}"], response: returns("gadget", status: "200 OK"))
        let model = link([("v1.0/api/widget-update.md", returning), ("v1.0/api/gadget-update.md", silent), ("v1.0/api/gadget-get.md", get),
                          ("v1.0/resources/widget.md", resourcePage("widget", properties: ["|name|String|Name.|"])),
                          ("v1.0/resources/gadget.md", resourcePage("gadget", properties: ["|name|String|Name.|"]))])
        let version = try #require(model.version("v1.0"))
        #expect(version.operation("PATCH /widgets/{}")?.requestBody?.name == "widget")
        #expect(version.operation("PATCH /gadgets/{}")?.requestBody?.name == "gadget")
        #expect(version.operation("PATCH /gadgets/{}")?.requestBody?.isCollection == false)
        #expect(!version.types.contains { $0.origin == .unnamedRequestBody })
        #expect(model.linkerDiagnostics.isEmpty, "\(model.linkerDiagnostics)")
    }

    @Test("a POST to a collection that a GET lists sends one of its members; a POST to an action path does not")
    func postToCollection() throws {
        let create = methodPage(["POST /teams/{teamId}/members"], body: "In the request body, supply the member.", table: ["|roles|String collection|Roles.|"])
        let list = methodPage(["GET /teams/{id}/members"], response: returnsCollection("conversationMember"))
        let action = methodPage(["POST /teams/{teamId}/members/add"], body: parametersProse, table: ["|values|String collection|Values.|"])
        let model = link([("v1.0/api/create.md", create), ("v1.0/api/list.md", list), ("v1.0/api/add.md", action),
                          ("v1.0/resources/member.md", resourcePage("conversationMember", properties: ["|roles|String collection|Roles.|"]))])
        let version = try #require(model.version("v1.0"))
        #expect(version.operation("POST /teams/{}/members")?.requestBody == .named("conversationMember", link: "../resources/conversationmember.md"))
        #expect(version.operation("POST /teams/{}/members/add")?.requestBody == .named("membersAddRequestBody"))
    }

    @Test("pages that document one action with the same parameters agree; different parameters get duplicate-operation")
    func duplicatePages() throws {
        let table = ["|groupIds|String collection|Groups.|"]
        let onUser = methodPage(["POST /me/checkMemberGroups", "POST /users/{id}/checkMemberGroups"], body: parametersProse, table: table)
        let onObject = methodPage(["POST /directoryObjects/{id}/checkMemberGroups", "POST /users/{id}/checkMemberGroups"], body: parametersProse, table: table)
        let agreeing = link([("v1.0/api/user-check.md", onUser), ("v1.0/api/object-check.md", onObject)])
        #expect(agreeing.diagnostics(.duplicateOperation).isEmpty, "\(agreeing.diagnostics)")
        // The first page by path documents the shared line.
        #expect(agreeing.version("v1.0")?.operation("POST /users/{}/checkMemberGroups")?.requestBody == .named("directoryObjectsCheckMemberGroupsRequestBody"))

        let differing = methodPage(["POST /users/{id}/checkMemberGroups"], body: parametersProse, table: ["|groupIds|Int32|Groups.|"])
        let disagreeing = link([("v1.0/api/user-check.md", onUser), ("v1.0/api/z-check.md", differing)])
        #expect(disagreeing.diagnostics(.duplicateOperation).count == 1)
    }

    @Test("the body type's name", arguments: [
        ("POST", "/deviceManagement/managedDevices/{managedDeviceId}/wipe", "managedDeviceWipeRequestBody"),
        ("POST", "/users/{id | userPrincipalName}/assignLicense", "usersAssignLicenseRequestBody"),
        ("POST", "/me/assignLicense", "meAssignLicenseRequestBody"),
        ("POST", "/deviceManagement/deviceConfigurations/{id}/assign", "deviceConfigurationsAssignRequestBody"),
        ("POST", "/subscriptions", "subscriptionsRequestBody"),
        ("PUT", "/print/printers/{printerId}", "printerPutRequestBody"),
        ("POST", "/groups/{groupId}/microsoft.graph.validateProperties", "groupValidatePropertiesRequestBody"),
        ("POST", "/deviceManagement/reports/getReport()", "reportsGetReportRequestBody"),
        ("POST", "/drives/{drive-id}/items/{item-id}/copy", "itemCopyRequestBody"),
        ("POST", "/x/{ID}/$ref", "xRequestBody"),
    ])
    func typeName(method: String, path: String, expected: String) throws {
        let text = methodPage(["\(method) \(path)"], body: parametersProse, table: ["|value|String|Value.|"])
        let model = link([("v1.0/api/a.md", text)])
        let types = try #require(model.version("v1.0")?.types)
        #expect(types.map(\.name) == [expected])
        #expect(model.version("v1.0")?.operations.first?.requestBody == .named(expected))
    }
}
