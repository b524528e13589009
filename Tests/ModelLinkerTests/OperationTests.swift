import DocgenModel
import ModelLinker
import Testing

@Suite("Operations come from request lines")
struct OperationTests {
    @Test("one operation per request line, identified by method and path shape, located at its line")
    func onePerLine() throws {
        let text = methodPage(title: "Create assignment", [
            "POST /deviceManagement/compliancePolicies/{deviceManagementCompliancePolicyId}/assignments",
            "POST /deviceManagement/configurationPolicies/{deviceManagementConfigurationPolicyId}/assignments",
            "GET /me/photo/$value",
        ])
        let model = link([("v1.0/api/a.md", text)])
        let version = try #require(model.version("v1.0"))
        // Sorted by path shape, then method.
        #expect(version.operations.map(\.id) == [
            "POST /deviceManagement/compliancePolicies/{}/assignments",
            "POST /deviceManagement/configurationPolicies/{}/assignments",
            "GET /me/photo/$value",
        ])
        let first = try #require(version.operation("POST /deviceManagement/compliancePolicies/{}/assignments"))
        #expect(first.method == "POST")
        #expect(first.path.description == "/deviceManagement/compliancePolicies/{deviceManagementCompliancePolicyId}/assignments")
        #expect(first.path.parameterNames == ["deviceManagementCompliancePolicyId"])
        #expect(first.title == "Create assignment")
        #expect(first.location == loc("v1.0/api/a.md", line(of: "compliancePolicies", in: text), 1))
        #expect(version.operation("POST /deviceManagement/configurationPolicies/{}/assignments")?.location
            == loc("v1.0/api/a.md", line(of: "configurationPolicies", in: text), 1))
        #expect(model.linkerDiagnostics.isEmpty)
    }

    @Test("operations are sorted by shape then method, whatever the page order")
    func sorted() throws {
        let model = link([
            ("v1.0/api/a.md", methodPage(["PATCH /widgets/{id}", "DELETE /widgets/{id}"])),
            ("v1.0/api/b.md", methodPage(["GET /widgets/{id}", "GET /gadgets"])),
        ])
        #expect(model.version("v1.0")?.operations.map(\.id) == [
            "GET /gadgets", "DELETE /widgets/{}", "GET /widgets/{}", "PATCH /widgets/{}",
        ])
    }

    @Test("a request line documented again by another page: the first page by path documents it, and agreeing pages raise no warning")
    func duplicateAcrossPages() throws {
        let first = methodPage(title: "First", ["POST /widgets/{widgetId}/parts"])
        let second = methodPage(title: "Second", ["POST /widgets/{id}/parts"])
        // Given in reverse path order: the page path decides, not the order of the input.
        let model = link([("v1.0/api/b.md", second), ("v1.0/api/a.md", first)])
        let version = try #require(model.version("v1.0"))
        #expect(version.operations.count == 1)
        let operation = try #require(version.operation("POST /widgets/{}/parts"))
        #expect(operation.title == "First")
        #expect(operation.location.path == "v1.0/api/a.md")
        #expect(operation.path.parameterNames == ["widgetId"])
        #expect(model.diagnostics(.duplicateOperation).isEmpty)
    }

    @Test("pages documenting one operation with derived body types give it their common base type")
    func duplicatesUnifyToBaseType() throws {
        let model = link([
            ("v1.0/api/create-a.md", methodPage(["POST /apps"], body: bodyOf("androidApp"), response: "If successful, this method returns a `201 Created` response code and a [androidApp](../resources/androidapp.md) object in the response body.")),
            ("v1.0/api/create-b.md", methodPage(["POST /apps"], body: bodyOf("iosApp"), response: "If successful, this method returns a `201 Created` response code and a [iosApp](../resources/iosapp.md) object in the response body.")),
            ("v1.0/resources/app.md", resourcePage("app", properties: ["|name|String|The name.|"])),
            ("v1.0/resources/androidapp.md", resourcePage("androidApp", base: "app")),
            ("v1.0/resources/iosapp.md", resourcePage("iosApp", base: "app")),
        ])
        let operation = try #require(model.version("v1.0")?.operation("POST /apps"))
        #expect(operation.requestBody?.name == "app")
        #expect(operation.responseBody?.name == "app")
        #expect(model.diagnostics(.duplicateOperation).isEmpty)
    }

    @Test("pages documenting one operation with unrelated body types: duplicate-operation at the later page")
    func duplicatesThatDisagree() throws {
        let first = methodPage(["POST /widgets"], body: bodyOf("widget"))
        let second = methodPage(["POST /widgets"], body: bodyOf("gadget"))
        let model = link([
            ("v1.0/api/a.md", first), ("v1.0/api/b.md", second),
            ("v1.0/resources/widget.md", resourcePage("widget")), ("v1.0/resources/gadget.md", resourcePage("gadget")),
        ])
        let duplicates = model.diagnostics(.duplicateOperation)
        #expect(duplicates.map(\.location) == [loc("v1.0/api/b.md", line(of: "POST /widgets", in: second), 1)])
        #expect(duplicates.first?.severity == .warning)
        #expect(duplicates.first?.message.contains("v1.0/api/a.md:\(line(of: "POST /widgets", in: first)):1") == true)
        #expect(model.version("v1.0")?.operation("POST /widgets")?.requestBody?.name == "widget")
    }

    @Test("bodies that share only entity, the base of every entity type, are unrelated: duplicate-operation, the first page's types")
    func entityIsNoCommonBase() throws {
        let first = methodPage(["POST /widgets"], body: bodyOf("widget"))
        let second = methodPage(["POST /widgets"], body: bodyOf("gadget"))
        let model = link([
            ("v1.0/api/a.md", first), ("v1.0/api/b.md", second),
            ("v1.0/resources/entity.md", resourcePage("entity", properties: ["|id|String|Id.|"])),
            ("v1.0/resources/widget.md", resourcePage("widget", base: "entity")), ("v1.0/resources/gadget.md", resourcePage("gadget", base: "entity")),
        ])
        #expect(model.version("v1.0")?.operation("POST /widgets")?.requestBody?.name == "widget")
        #expect(model.diagnostics(.duplicateOperation).count == 1)
    }

    @Test("the same shape twice on one page (alternative keys) is one operation, documented by the first line")
    func duplicateOnOnePage() {
        let text = methodPage(["GET /users/{id}", "GET /users/{userPrincipalName}"])
        let model = link([("v1.0/api/a.md", text)])
        #expect(model.version("v1.0")?.operations.map(\.path.description) == ["/users/{id}"])
        #expect(model.diagnostics(.duplicateOperation).isEmpty)
    }

    @Test("the same path with another method is another operation")
    func otherMethod() {
        let model = link([
            ("v1.0/api/a.md", methodPage(["GET /widgets/{id}"])),
            ("v1.0/api/b.md", methodPage(["PATCH /widgets/{id}"])),
        ])
        #expect(model.version("v1.0")?.operations.map(\.id) == ["GET /widgets/{}", "PATCH /widgets/{}"])
        #expect(model.diagnostics(.duplicateOperation).isEmpty)
    }

    @Test("request and response body types and the status come from the page")
    func bodyTypes() throws {
        let text = methodPage(["POST /widgets"], body: bodyOf("widget"), response: returns("gadget"))
        let model = link([
            ("v1.0/api/a.md", text),
            ("v1.0/resources/widget.md", resourcePage("widget")),
            ("v1.0/resources/gadget.md", resourcePage("gadget")),
        ])
        let operation = try #require(model.version("v1.0")?.operation("POST /widgets"))
        #expect(operation.requestBody == .named("widget", link: "../resources/widget.md"))
        #expect(operation.responseBody == .named("gadget", link: "../resources/gadget.md"))
        #expect(operation.responseStatus == 201)
    }

    @Test("a collection response is a collection type")
    func collectionResponse() throws {
        let model = link([
            ("v1.0/api/a.md", methodPage(["GET /widgets"], response: returnsCollection("widget"))),
            ("v1.0/resources/widget.md", resourcePage("widget")),
        ])
        let operation = try #require(model.version("v1.0")?.operation("GET /widgets"))
        #expect(operation.responseBody?.name == "widget")
        #expect(operation.responseBody?.isCollection == true)
        #expect(operation.responseStatus == 200)
        #expect(operation.requestBody == nil)
    }

    @Test("DELETE and GET lines have no request body even when the page's request body section names one")
    func deleteHasNoBody() throws {
        let text = methodPage(["PATCH /widgets/{id}", "DELETE /widgets/{id}", "GET /widgets/{id}", "PUT /widgets/{id}"],
                              body: bodyOf("widget"))
        let model = link([("v1.0/api/a.md", text), ("v1.0/resources/widget.md", resourcePage("widget"))])
        let version = try #require(model.version("v1.0"))
        #expect(version.operation("PATCH /widgets/{}")?.requestBody?.name == "widget")
        #expect(version.operation("PUT /widgets/{}")?.requestBody?.name == "widget")
        #expect(version.operation("DELETE /widgets/{}")?.requestBody == nil)
        #expect(version.operation("GET /widgets/{}")?.requestBody == nil)
    }

    @Test("'Do not supply a request body' means no request body, even for POST")
    func explicitlyNoBody() throws {
        let text = methodPage(["POST /widgets/{id}/activate"], body: "Do not supply a request body for this method.")
        let model = link([("v1.0/api/a.md", text)])
        let operation = try #require(model.version("v1.0")?.operation("POST /widgets/{}/activate"))
        #expect(operation.requestBody == nil)
        #expect(model.linkerDiagnostics.isEmpty)
    }

    @Test("only method pages contribute operations")
    func onlyMethodPages() {
        let model = link([("v1.0/resources/widget.md", resourcePage("widget"))])
        #expect(model.version("v1.0")?.operations.isEmpty == true)
    }
}
