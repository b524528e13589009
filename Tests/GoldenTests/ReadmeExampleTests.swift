import Foundation
import GraphRuntime
import GraphV1
import Testing

/// The README's example of calling the generated client, kept compiling and doing what the README says.
@Suite("README example")
struct ReadmeExampleTests {
    @Test("posting an assignment through the fluent builders sends the documented request and decodes the reply")
    func readmeExample() async throws {
        let transport = RecordingTransport(statusCode: 201, body: Data(##"{"@odata.type":"#microsoft.graph.deviceConfigurationAssignment","id":"a1","target":{"@odata.type":"#microsoft.graph.groupAssignmentTarget","groupId":"g1"}}"##.utf8))
        let token = { @Sendable () async throws -> String in "token" }
        // As in the README, with a recording transport instead of the network.
        let graph = GraphV1Client(GraphClient(transport: transport, authorization: { "Bearer \(try await token())" }))

        let assignment = try await graph.deviceManagement.deviceConfigurations["{configuration-id}"].assignments.post(
            DeviceConfigurationAssignment(target: .groupAssignmentTarget(GroupAssignmentTarget(groupId: "{group-id}")))
        )

        #expect(assignment.id == "a1")
        guard case .groupAssignmentTarget(let target)? = assignment.target else {
            Issue.record("@odata.type groupAssignmentTarget did not pick the derived type: \(String(describing: assignment.target))")
            return
        }
        #expect(target.groupId == "g1")
        let request = try #require(transport.requests.first)
        #expect(request.method.rawValue == "POST")
        #expect(request.url.absoluteString == "https://graph.microsoft.com/v1.0/deviceManagement/deviceConfigurations/%7Bconfiguration-id%7D/assignments")
        #expect(request.headers["Authorization"] == "Bearer token")
        let sent = try JSONSerialization.jsonObject(with: try #require(request.body)) as? [String: Any]
        #expect(sent?["@odata.type"] as? String == "#microsoft.graph.deviceConfigurationAssignment")
        let sentTarget = sent?["target"] as? [String: Any]
        #expect(sentTarget?["@odata.type"] as? String == "#microsoft.graph.groupAssignmentTarget")
        #expect(sentTarget?["groupId"] as? String == "{group-id}")
    }

    @Test("the README's wipe action sends its parameters, and no made-up @odata.type")
    func readmeWipeExample() async throws {
        let transport = RecordingTransport(statusCode: 204, body: Data())
        let graph = GraphV1Client(GraphClient(transport: transport, authorization: { "Bearer token" }))

        try await graph.deviceManagement.managedDevices["id"].wipe.post(ManagedDeviceWipeRequestBody(keepUserData: true))

        let request = try #require(transport.requests.first)
        #expect(request.method.rawValue == "POST")
        #expect(request.url.absoluteString == "https://graph.microsoft.com/v1.0/deviceManagement/managedDevices/id/wipe")
        let sent = try JSONSerialization.jsonObject(with: try #require(request.body)) as? [String: Any]
        #expect(sent?.keys.sorted() == ["keepUserData"])
        #expect(sent?["keepUserData"] as? Bool == true)
    }

    @Test("the README's query options, function, download, upload, response and paging examples compile and send what the README says")
    func readmeQueryExamples() async throws {
        let portrait = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-readme-\(UUID().uuidString).png")
        try Data("png bytes".utf8).write(to: portrait)
        defer { try? FileManager.default.removeItem(at: portrait) }
        let transport = RecordingTransport { request in
            let path = request.url.path
            if path.hasSuffix("verifyWindowsEnrollmentAutoDiscovery(domainName='contoso.com')") { return GraphHTTPResponse(statusCode: 200, body: Data(#"{"value":true}"#.utf8)) }
            if path.hasSuffix("/photo/$value") { return GraphHTTPResponse(statusCode: 200, headers: ["Content-Type": "image/jpeg"], body: Data("jpeg bytes".utf8)) }
            return GraphHTTPResponse(statusCode: 200, headers: ["request-id": "r-7"], body: Data(#"{"@odata.count":1,"value":[{"id":"u1","displayName":"Adele Vance","mail":"a@contoso.com"}]}"#.utf8))
        }
        let token = { @Sendable () async throws -> String in "token" }
        let graph = GraphV1Client(GraphClient(transport: transport, authorization: { "Bearer \(try await token())" }))

        // As in the README (the portrait file made above).
        let users = try await graph.users.get(
            GraphQuery(select: [.id, .displayName, .mail], filter: "startswith(displayName,'Adele')", top: 10, count: true),
            headers: GraphHeaders(consistencyLevel: .eventual)
        )
        print(users.count ?? 0, users.value.map { $0.displayName ?? "" })
        let discoverable: Bool = try await graph.deviceManagement.verifyWindowsEnrollmentAutoDiscovery(domainName: "contoso.com").get()
        let photo = graph.users["{user-id}"].photo.value
        let bytes = try await photo.get()
        let download = try await photo.getRequest().downloadStream()
        for try await chunk in download.body { print(chunk.count) }
        try await photo.put(.bytes(bytes, contentType: "image/jpeg"))
        try await photo.put(.file(portrait, contentType: "image/png"))
        let answer = try await graph.users.getRequest(GraphQuery(top: 5)).sendWithResponse()
        print(answer.status.code, answer.requestID ?? "", discoverable)
        for try await user in graph.users.getRequest(GraphQuery(select: [.displayName])).items() { print(user.displayName ?? "") }

        #expect(users.count == 1 && users.value.first?.displayName == "Adele Vance")
        #expect(discoverable)
        #expect(bytes == Data("jpeg bytes".utf8))
        #expect(answer.requestID == "r-7")
        let sent = transport.requests
        #expect(sent.count == 8)
        guard sent.count == 8 else { return }
        let first = try #require(URLComponents(url: sent[0].url, resolvingAgainstBaseURL: false))
        #expect(first.path == "/v1.0/users")
        #expect(first.queryItems == [URLQueryItem(name: "$select", value: "id,displayName,mail"), URLQueryItem(name: "$filter", value: "startswith(displayName,'Adele')"),
                                     URLQueryItem(name: "$top", value: "10"), URLQueryItem(name: "$count", value: "true")])
        #expect(sent[0].header("ConsistencyLevel") == "eventual")
        #expect(sent[1].url.path == "/v1.0/deviceManagement/verifyWindowsEnrollmentAutoDiscovery(domainName='contoso.com')")
        #expect(sent[4].method.rawValue == "PUT" && sent[4].header("Content-Type") == "image/jpeg" && sent[4].body == Data("jpeg bytes".utf8))
        #expect(sent[5].header("Content-Type") == "image/png" && sent[5].body == Data("png bytes".utf8))
    }

    @Test("an unknown @odata.type falls back to the base type and keeps every member")
    func unknownDerivedTypeFallsBack() throws {
        let json = Data(##"{"target":{"@odata.type":"#microsoft.graph.somethingNew","extra":[1,2]}}"##.utf8)
        let assignment = try JSONDecoder().decode(DeviceConfigurationAssignment.self, from: json)
        guard case .deviceAndAppManagementAssignmentTarget(let base)? = assignment.target else {
            Issue.record("expected the base type, got \(String(describing: assignment.target))")
            return
        }
        #expect(base.odataType == "#microsoft.graph.somethingNew")
        #expect(base.additionalData["extra"] == .array([.integer(1), .integer(2)]))
    }
}
