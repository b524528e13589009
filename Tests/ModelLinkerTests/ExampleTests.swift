import DocgenModel
import ModelLinker
import Testing

/// Type pages most example tests share: widget (an entity) with a name, a size, a shade, a target and tags;
/// assignmentTarget with a derived groupAssignmentTarget; the shade enum.
let exampleTypePages: [(String, String)] = [
    ("v1.0/resources/entity.md", resourcePage("entity", properties: ["|id|String|Id.|"])),
    ("v1.0/resources/widget.md", resourcePage("widget", base: "entity", properties: [
        "|name|String|Name.|", "|size|Int32|Size.|", "|shade|[shade](shade.md)|Shade.|",
        "|target|[assignmentTarget](target.md)|Target.|", "|tags|String collection|Tags.|",
    ])),
    ("v1.0/resources/target.md", resourcePage("assignmentTarget", properties: ["|filterId|String|Filter.|"])),
    ("v1.0/resources/group.md", resourcePage("groupAssignmentTarget", base: "assignmentTarget", properties: ["|groupId|String|Group.|"])),
    ("v1.0/resources/shade.md", enumPage("shade", members: ["light", "dark"])),
]

/// A method page `POST /widgets` (body widget, response widget) with the given examples, linked with the
/// shared type pages.
func linkWidgetExamples(_ examples: [String], path: String = "v1.0/api/create.md") -> (model: APIModel, text: String) {
    let text = methodPage(["POST /widgets"], body: bodyOf("widget"), response: returns("widget"), examples: examples)
    return (link([(path, text)] + exampleTypePages), text)
}

@Suite("Examples are linked to operations and checked against types")
struct ExampleLinkingTests {
    @Test("an example is linked to its page's operation: literal segments ignore case, parameters match anything, pathValues in order")
    func ownOperation() throws {
        let text = methodPage(["GET /users/{userId}/Widgets/{widgetId}"],
                              examples: [example("GET https://graph.microsoft.com/v1.0/Users/abc/widgets/42?$select=id")])
        let model = link([("v1.0/api/get.md", text)])
        let linked = try #require(model.version("v1.0")?.examples.first)
        #expect(linked.operationID == "GET /users/{}/Widgets/{}")
        #expect(linked.pathValues == ["abc", "42"])
        #expect(linked.requestBodyType == nil)
        #expect(linked.responseBodyType == nil)
        #expect(model.linkerDiagnostics.isEmpty)
    }

    @Test("the page's own operation is preferred over another page's that the URL also matches")
    func ownPreferred() throws {
        let own = methodPage(["POST /things/{thingId}/items"], examples: [example("POST https://graph.microsoft.com/v1.0/things/special/items")])
        let other = methodPage(["POST /things/special/items"])
        // The other page's operation sorts first; the own one must still win.
        let model = link([("v1.0/api/own.md", own), ("v1.0/api/other.md", other)])
        let linked = try #require(model.version("v1.0")?.examples.first)
        #expect(linked.operationID == "POST /things/{}/items")
        #expect(linked.pathValues == ["special"])
        #expect(model.linkerDiagnostics.isEmpty)
    }

    @Test("an example URL that matches only another page's operation is linked to it, with example-url-mismatch at the example request")
    func otherPagesOperation() throws {
        // The seeds' case: 002 documents .../assignments/$ref but its example posts to .../assignments, which 000 documents.
        let documenting = methodPage(["POST /deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments"])
        let mismatched = methodPage(["POST /deviceManagement/deviceConfigurations/{deviceConfigurationId}/assignments/$ref"], examples: [
            example("POST https://graph.microsoft.com/v1.0/deviceManagement/deviceConfigurations/dc1/assignments"),
        ])
        let model = link([("v1.0/api/000.md", documenting), ("v1.0/api/002.md", mismatched)])
        let linked = try #require(model.version("v1.0")?.examples.first)
        #expect(linked.operationID == "POST /deviceManagement/deviceConfigurations/{}/assignments")
        #expect(linked.pathValues == ["dc1"])
        let diagnostics = model.linkerDiagnostics
        #expect(diagnostics.map(\.codeAndPlace) == ["example-url-mismatch@v1.0/api/002.md:\(line(of: "https://", in: mismatched)):1"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.message.contains("documented at v1.0/api/000.md:\(line(of: "POST /device", in: documenting)):1") == true)
        #expect(diagnostics.first?.message.contains("/assignments/$ref") == true)
    }

    @Test("an example URL that matches no operation gets example-url-mismatch and no operation")
    func matchesNothing() throws {
        let text = methodPage(["POST /widgets"], examples: [example("POST https://graph.microsoft.com/v1.0/widgetz")])
        let model = link([("v1.0/api/create.md", text)])
        let linked = try #require(model.version("v1.0")?.examples.first)
        #expect(linked.operationID == nil)
        #expect(linked.pathValues.isEmpty)
        #expect(model.linkerDiagnostics.map(\.codeAndPlace) == ["example-url-mismatch@v1.0/api/create.md:\(line(of: "widgetz", in: text)):1"])
    }

    @Test("an example URL with one segment more or less than the request line does not match it")
    func segmentCount() throws {
        let text = methodPage(["GET /widgets/{id}"], examples: [
            example("GET https://graph.microsoft.com/v1.0/widgets"),
            example("GET https://graph.microsoft.com/v1.0/widgets/1/parts"),
        ])
        let model = link([("v1.0/api/get.md", text)])
        #expect(model.version("v1.0")?.examples.map(\.operationID) == [nil, nil])
        #expect(model.diagnostics(.exampleURLMismatch).count == 2)
    }

    @Test("an example that uses another method on a documented path gets example-method-mismatch and no operation")
    func methodMismatch() throws {
        let text = methodPage(["POST /widgets"], examples: [example("GET https://graph.microsoft.com/v1.0/widgets")])
        let model = link([("v1.0/api/create.md", text)])
        let linked = try #require(model.version("v1.0")?.examples.first)
        #expect(linked.operationID == nil)
        let diagnostics = model.linkerDiagnostics
        #expect(diagnostics.map(\.codeAndPlace) == ["example-method-mismatch@v1.0/api/create.md:\(line(of: "GET https://", in: text)):1"])
        #expect(diagnostics.first?.message.contains("GET") == true)
        #expect(diagnostics.first?.message.contains("POST") == true)
    }

    @Test("an example linked through another page keeps the version of its own page")
    func examplesStayInTheirVersion() {
        let model = link([
            ("beta/api/a.md", methodPage(["POST /widgets"])),
            ("v1.0/api/b.md", methodPage(["POST /gadgets"], examples: [example("POST https://graph.microsoft.com/v1.0/widgets")])),
        ])
        #expect(model.version("v1.0")?.examples.map(\.operationID) == [nil])
        #expect(model.version("beta")?.examples.isEmpty == true)
        #expect(model.diagnostics(.exampleURLMismatch).count == 1)
    }
}

@Suite("Example body types")
struct ExampleBodyTypeTests {
    @Test("the request body type is the operation's body type")
    func requestBodyType() throws {
        let (model, _) = linkWidgetExamples([example("POST https://graph.microsoft.com/v1.0/widgets", body: ##"{"name": "n"}"##)])
        let linked = try #require(model.version("v1.0")?.examples.first)
        #expect(linked.requestBodyType == .named("widget", link: "../resources/widget.md"))
        #expect(model.linkerDiagnostics.isEmpty)
    }

    @Test("without a response annotation the response body type is the operation's response type")
    func responseFromOperation() throws {
        let (model, _) = linkWidgetExamples([example("POST https://graph.microsoft.com/v1.0/widgets", body: ##"{"name": "n"}"##,
                                                     status: "201 Created", response: ##"{"id": "1", "name": "n"}"##)])
        let linked = try #require(model.version("v1.0")?.examples.first)
        #expect(linked.responseBodyType == .named("widget", link: "../resources/widget.md"))
        #expect(model.linkerDiagnostics.isEmpty)
    }

    @Test("a response annotation's @odata.type is the response body type; naming the operation's type in any spelling gives its name")
    func responseFromAnnotation() throws {
        let (model, _) = linkWidgetExamples([
            example("POST https://graph.microsoft.com/v1.0/widgets", status: "201 Created", response: ##"{"id": "1"}"##,
                    responseAnnotation: ##"{ "blockType": "response", "@odata.type": "microsoft.graph.WIDGET" }"##),
            example("POST https://graph.microsoft.com/v1.0/widgets", status: "201 Created", response: ##"{"value": [{"filterId": "f"}]}"##,
                    responseAnnotation: ##"{ "blockType": "response", "@odata.type": "microsoft.graph.assignmentTarget", "isCollection": true }"##),
        ])
        let examples = try #require(model.version("v1.0")?.examples)
        #expect(examples.count == 2)
        #expect(examples.first?.responseBodyType == .named("widget"))
        #expect(examples.last?.responseBodyType == .named("assignmentTarget", isCollection: true))
        #expect(examples.map(\.operationID) == ["POST /widgets", "POST /widgets"])
        #expect(model.linkerDiagnostics.isEmpty)
    }

    @Test("a response annotation in OData's spelling is resolved: Collection(...), collection(...), Edm primitives, 'x collection'")
    func responseInODataSpelling() throws {
        let annotations = [
            "Collection(microsoft.graph.widget)", "collection(microsoft.graph.widget)", "Collection(Edm.String)", "Edm.String", "string collection",
        ]
        let (model, _) = linkWidgetExamples(annotations.map { spelling in
            example("POST https://graph.microsoft.com/v1.0/widgets", status: "201 Created", response: ##"{"value": []}"##,
                    responseAnnotation: ##"{ "blockType": "response", "@odata.type": "\##(spelling)" }"##)
        })
        let types = try #require(model.version("v1.0")?.examples).map(\.responseBodyType)
        #expect(types == [
            .named("widget", isCollection: true), .named("widget", isCollection: true), .primitive(.string, isCollection: true),
            .primitive(.string), .primitive(.string, isCollection: true),
        ])
    }

    @Test("a collection response is checked element by element")
    func collectionResponseChecked() throws {
        let text = methodPage(["GET /widgets"], response: returnsCollection("widget"), examples: [
            example("GET https://graph.microsoft.com/v1.0/widgets",
                    response: ##"{"@odata.context": "x", "value": [{"name": "a"}, {"name": "b", "colour": "red"}]}"##),
        ])
        let model = link([("v1.0/api/list.md", text)] + exampleTypePages)
        let linked = try #require(model.version("v1.0")?.examples.first)
        #expect(linked.responseBodyType?.isCollection == true)
        let diagnostics = model.linkerDiagnostics
        #expect(diagnostics.map(\.codeAndPlace) == ["example-property-undocumented@v1.0/api/list.md:\(line(of: "\"colour\"", in: text)):1"])
        #expect(diagnostics.first?.message.contains("$.value[1]") == true)
    }
}

@Suite("Example bodies against the documented types")
struct ExampleCheckingTests {
    @Test("members the type does not document get example-property-undocumented at the body; inherited members and annotations do not")
    func undocumented() throws {
        let body = ##"{"@odata.type": "#microsoft.graph.widget", "id": "1", "name": "n", "name@odata.type": "String", "colour": "red", "weight": 2}"##
        let (model, text) = linkWidgetExamples([example("POST https://graph.microsoft.com/v1.0/widgets", body: body)])
        let diagnostics = model.linkerDiagnostics
        #expect(diagnostics.map(\.codeAndPlace) == ["example-property-undocumented@v1.0/api/create.md:\(line(of: "\"colour\"", in: text)):1"])
        #expect(diagnostics.first?.message.contains("'colour', 'weight'") == true)
        #expect(diagnostics.first?.message.contains("'id'") == false)
        #expect(diagnostics.first?.message.contains("'name") == false)
    }

    @Test("a nested object is checked against the subtype its @odata.type names")
    func subtypeAware() throws {
        let typed = ##"{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "filterId": "f", "groupId": "g"}}"##
        let untyped = ##"{"target": {"filterId": "f", "groupId": "g"}}"##
        let (model, text) = linkWidgetExamples([
            example("POST https://graph.microsoft.com/v1.0/widgets", body: typed),
            example("POST https://graph.microsoft.com/v1.0/widgets", body: untyped),
        ])
        let diagnostics = model.linkerDiagnostics
        // Only the untyped target has a member its documented type (assignmentTarget) lacks.
        #expect(diagnostics.map(\.codeAndPlace) == ["example-property-undocumented@v1.0/api/create.md:\(line(of: untyped, in: text)):1"])
        #expect(diagnostics.first?.message.contains("$.target") == true)
        #expect(diagnostics.first?.message.contains("'groupId'") == true)
    }

    @Test("an @odata.type that names a known type not derived from the documented one gets example-type-mismatch")
    func unrelatedSubtype() throws {
        let body = ##"{"target": {"@odata.type": "#microsoft.graph.widget", "filterId": "f"}}"##
        let (model, text) = linkWidgetExamples([example("POST https://graph.microsoft.com/v1.0/widgets", body: body)])
        let diagnostics = model.diagnostics(.exampleTypeMismatch)
        #expect(diagnostics.map(\.location) == [loc("v1.0/api/create.md", line(of: body, in: text), 1)])
        #expect(diagnostics.first?.message.contains("does not derive") == true)
    }

    @Test("values of the right JSON kind pass")
    func fittingValues() {
        let body = ##"{"id": "1", "name": "n", "size": -3, "shade": "light", "tags": ["a", "b"], "target": {"filterId": null}}"##
        let (model, _) = linkWidgetExamples([example("POST https://graph.microsoft.com/v1.0/widgets", body: body)])
        #expect(model.linkerDiagnostics.isEmpty)
    }

    @Test("values whose JSON kind does not fit the documented type get example-type-mismatch, one per value, at the body")
    func mismatches() throws {
        let body = ##"{"size": "12", "name": 5, "shade": "purple", "tags": "a", "target": "t"}"##
        let (model, text) = linkWidgetExamples([example("POST https://graph.microsoft.com/v1.0/widgets", body: body)])
        let diagnostics = model.diagnostics(.exampleTypeMismatch)
        let place = loc("v1.0/api/create.md", line(of: body, in: text), 1)
        #expect(diagnostics.count == 5)
        #expect(diagnostics.allSatisfy { $0.location == place && $0.severity == .warning })
        let messages = diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("$.size") && $0.contains("string") && $0.contains("Int32") })
        #expect(messages.contains { $0.contains("$.name") && $0.contains("number") && $0.contains("String") })
        #expect(messages.contains { $0.contains("'purple'") && $0.contains("$.shade") && $0.contains("shade") })
        #expect(messages.contains { $0.contains("$.tags") && $0.contains("String collection") })
        #expect(messages.contains { $0.contains("$.target") && $0.contains("assignmentTarget") })
        #expect(model.linkerDiagnostics.count == 5)
    }

    @Test("a fractional or exponent number is not an integer")
    func fractionalInteger() {
        let (model, _) = linkWidgetExamples([
            example("POST https://graph.microsoft.com/v1.0/widgets", body: ##"{"size": 1.5}"##),
            example("POST https://graph.microsoft.com/v1.0/widgets", body: ##"{"size": 1e3}"##),
        ])
        #expect(model.diagnostics(.exampleTypeMismatch).count == 2)
    }

    @Test("an enum value may list several members separated by commas; one unknown member is reported")
    func flagsEnum() throws {
        let (model, _) = linkWidgetExamples([
            example("POST https://graph.microsoft.com/v1.0/widgets", body: ##"{"shade": "light,dark"}"##),
            example("POST https://graph.microsoft.com/v1.0/widgets", body: ##"{"shade": "light, pink"}"##),
            example("POST https://graph.microsoft.com/v1.0/widgets", body: ##"{"shade": 1}"##),
        ])
        let messages = model.diagnostics(.exampleTypeMismatch).map(\.message)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("'pink'") })
        #expect(messages.contains { $0.contains("number") })
    }

    @Test("an open (unresolved) type accepts any members")
    func openTypeAcceptsAll() {
        let text = methodPage(["POST /gadgets"], body: bodyOf("gadget"),
                              examples: [example("POST https://graph.microsoft.com/v1.0/gadgets", body: ##"{"anything": 1, "goes": "here"}"##)])
        let model = link([("v1.0/api/create.md", text)])
        #expect(model.diagnostics(.typeUnresolved).count == 1)
        #expect(model.diagnostics(.examplePropertyUndocumented).isEmpty)
        #expect(model.diagnostics(.exampleTypeMismatch).isEmpty)
    }

    @Test("a type inferred from a request-body table is checked against the table's properties")
    func tableTypeChecked() {
        let text = methodPage(["POST /gadgets"], body: bodyOf("gadget"), table: ["|name|String|Name.|"],
                              examples: [example("POST https://graph.microsoft.com/v1.0/gadgets", body: ##"{"name": "n", "extra": 1}"##)])
        let model = link([("v1.0/api/create.md", text)])
        #expect(model.diagnostics(.examplePropertyUndocumented).map(\.location)
            == [loc("v1.0/api/create.md", line(of: ##"{"name": "n", "extra": 1}"##, in: text), 1)])
    }
}

@Suite("Types inferred from examples")
struct ExampleInferenceTests {
    @Test("an object whose @odata.type names an unknown type where a known base is expected becomes a derived type, with type-inferred")
    func inferredDerivedType() throws {
        let body = ##"{"target": {"@odata.type": "#microsoft.graph.mysteryTarget", "filterId": "f", "secret": "s", "count": 3, "ratio": 0.5, "flags": [true]}}"##
        let (model, text) = linkWidgetExamples([example("POST https://graph.microsoft.com/v1.0/widgets", body: body)])
        let version = try #require(model.version("v1.0"))
        let mystery = try #require(version.type("mysteryTarget"))
        #expect(mystery.baseType?.name == "assignmentTarget")
        #expect(mystery.origin == .example)
        #expect(mystery.propertySummary == ["secret: String", "count: Int64", "ratio: Double", "flags: Boolean collection"])
        let place = loc("v1.0/api/create.md", line(of: body, in: text), 1)
        #expect(mystery.location == place)
        #expect(model.linkerDiagnostics.map(\.codeAndPlace) == ["type-inferred@\(place)"])
        #expect(model.linkerDiagnostics.first?.message.contains("'assignmentTarget'") == true)
        // It is a descendant of its base like any other.
        let target = try #require(version.type("assignmentTarget"))
        #expect(version.index.descendants(of: target).map(\.name) == ["groupAssignmentTarget", "mysteryTarget"])
    }

    @Test("the same unknown type in two examples is inferred once, from the first")
    func inferredOnce() throws {
        let first = ##"{"target": {"@odata.type": "#microsoft.graph.mysteryTarget", "one": "1"}}"##
        let second = ##"{"target": {"@odata.type": "microsoft.graph.MysteryTarget", "two": "2"}}"##
        let (model, text) = linkWidgetExamples([
            example("POST https://graph.microsoft.com/v1.0/widgets", body: first),
            example("POST https://graph.microsoft.com/v1.0/widgets", body: second),
        ])
        let version = try #require(model.version("v1.0"))
        #expect(version.types.filter { $0.name.lowercased() == "mysterytarget" }.map(\.propertySummary) == [["one: String"]])
        #expect(model.diagnostics(.typeInferred).map(\.location) == [loc("v1.0/api/create.md", line(of: first, in: text), 1)])
        // The second example shows a member the inferred type lacks.
        #expect(model.diagnostics(.examplePropertyUndocumented).map(\.location) == [loc("v1.0/api/create.md", line(of: second, in: text), 1)])
    }

    @Test("an unknown @odata.type in a response is inferred against the annotation's type")
    func inferredInAnnotatedResponse() throws {
        let response = ##"{"@odata.type": "#microsoft.graph.specialTarget", "filterId": "f", "level": 2}"##
        let (model, text) = linkWidgetExamples([
            example("POST https://graph.microsoft.com/v1.0/widgets", status: "201 Created", response: response,
                    responseAnnotation: ##"{ "blockType": "response", "@odata.type": "microsoft.graph.assignmentTarget" }"##),
        ])
        let special = try #require(model.version("v1.0")?.type("specialTarget"))
        #expect(special.baseType?.name == "assignmentTarget")
        #expect(special.propertySummary == ["level: Int64"])
        #expect(model.linkerDiagnostics.map(\.codeAndPlace) == ["type-inferred@v1.0/api/create.md:\(line(of: response, in: text)):1"])
    }

    @Test("an unknown @odata.type in a response without annotation is inferred against the operation's response type")
    func inferredInResponseFromOperation() throws {
        let response = ##"{"id": "1", "target": {"@odata.type": "#microsoft.graph.otherTarget", "groupish": "x"}}"##
        let (model, text) = linkWidgetExamples([
            example("POST https://graph.microsoft.com/v1.0/widgets", status: "201 Created", response: response),
        ])
        let other = try #require(model.version("v1.0")?.type("otherTarget"))
        #expect(other.baseType?.name == "assignmentTarget")
        #expect(other.propertySummary == ["groupish: String"])
        #expect(model.linkerDiagnostics.map(\.codeAndPlace) == ["type-inferred@v1.0/api/create.md:\(line(of: response, in: text)):1"])
    }

    @Test("inference uses the operation the example is linked to (the page's own), not any operation the URL matches")
    func inferenceUsesLinkedOperation() throws {
        let own = methodPage(["POST /things/{thingId}/items"], body: bodyOf("alphaItem"), examples: [
            example("POST https://graph.microsoft.com/v1.0/things/special/items", body: ##"{"@odata.type": "#microsoft.graph.mysteryItem", "x": "1"}"##),
        ])
        // Seven more operations whose templates match the example URL too, all with another body type.
        let others = methodPage([
            "POST /things/special/items", "POST /{a}/special/items", "POST /things/special/{c}", "POST /{a}/{b}/items",
            "POST /{a}/special/{c}", "POST /things/{b}/{c}", "POST /{a}/{b}/{c}",
        ], body: bodyOf("betaItem"))
        let pages = [
            ("v1.0/api/own.md", own), ("v1.0/api/others.md", others),
            ("v1.0/resources/alpha.md", resourcePage("alphaItem", properties: ["|a|String|A.|"])),
            ("v1.0/resources/beta.md", resourcePage("betaItem", properties: ["|b|String|B.|"])),
        ]
        for _ in 0..<10 {
            let model = link(pages)
            let version = try #require(model.version("v1.0"))
            #expect(version.examples.first?.operationID == "POST /things/{}/items")
            #expect(version.type("mysteryItem")?.baseType?.name == "alphaItem")
            #expect(model.diagnostics(.exampleTypeMismatch).isEmpty)
        }
    }

    @Test("an unknown @odata.type in the elements of a collection response is inferred against the element type")
    func inferredInCollectionResponse() throws {
        let response = ##"{"value": [{"id": "1", "target": {"@odata.type": "#microsoft.graph.listTarget", "deep": "x"}}]}"##
        let text = methodPage(["GET /widgets"], response: returnsCollection("widget"), examples: [
            example("GET https://graph.microsoft.com/v1.0/widgets", response: response),
        ])
        let model = link([("v1.0/api/list.md", text)] + exampleTypePages)
        let listTarget = try #require(model.version("v1.0")?.type("listTarget"))
        #expect(listTarget.baseType?.name == "assignmentTarget")
        #expect(listTarget.propertySummary == ["deep: String"])
        #expect(model.linkerDiagnostics.map(\.codeAndPlace) == ["type-inferred@v1.0/api/list.md:\(line(of: response, in: text)):1"])
    }

    @Test("an @odata.type naming an enum, or a namespaced name, infers nothing")
    func notInferred() throws {
        let body = ##"{"target": {"@odata.type": "#microsoft.graph.shade"}, "name": "n"}"##
        let other = ##"{"target": {"@odata.type": "#microsoft.graph.callRecords.session"}}"##
        let (model, _) = linkWidgetExamples([
            example("POST https://graph.microsoft.com/v1.0/widgets", body: body),
            example("POST https://graph.microsoft.com/v1.0/widgets", body: other),
        ])
        let version = try #require(model.version("v1.0"))
        #expect(version.types.count == exampleTypePages.count - 1)
        #expect(model.diagnostics(.typeInferred).isEmpty)
    }
}
