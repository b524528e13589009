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
