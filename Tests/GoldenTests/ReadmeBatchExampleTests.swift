import Foundation
import GraphRuntime
import GraphV1
import Testing

/// The README's batch of requests built with the generated builders (README, "The runtime", "Batch"); the
/// README test in GraphRuntimeTests checks that the README shows this code verbatim.
@Suite("README: a batch built with the generated builders")
struct ReadmeBatchExampleTests {
    @Test("25 assignments made with the builders' paths go in two $batch calls, each reply decoded")
    func batchFromBuilders() async throws {
        let transport = RecordingTransport { request in
            let envelope = try JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any]
            let items = envelope?["requests"] as? [[String: Any]] ?? []
            let responses: [[String: Any]] = items.map { item in
                let target = (item["body"] as? [String: Any])?["target"] ?? [:]
                return ["id": item["id"] ?? "", "status": 201, "headers": ["Content-Type": "application/json"],
                        "body": ["id": "a-\(item["id"] ?? "")", "target": target]]
            }
            return GraphHTTPResponse(statusCode: 200, body: try JSONSerialization.data(withJSONObject: ["responses": responses]))
        }
        let client = GraphClient(transport: transport, authorization: { "Bearer token" })
        let groupIDs = (1...25).map { "group-\($0)" }

        let assignments = GraphV1Client(client).deviceManagement.deviceConfigurations["{configuration-id}"].assignments
        var fromBuilders = GraphBatch()
        var handles: [GraphBatchHandle<DeviceConfigurationAssignment>] = []
        for groupID in groupIDs {
            let body = DeviceConfigurationAssignment(target: .groupAssignmentTarget(GroupAssignmentTarget(groupId: groupID)))
            handles.append(fromBuilders.add(
                GraphRequest(method: .post, pathSegments: assignments.pathSegments, body: try client.jsonBody(body)),
                expecting: DeviceConfigurationAssignment.self
            ))
        }
        let created = try await client.send(fromBuilders)
        let firstAssignment = try created.value(handles[0])
        #expect(firstAssignment.id == "a-1")

        #expect(created.batchCalls == 2)
        #expect(transport.requests.map(\.url.absoluteString) == Array(repeating: "https://graph.microsoft.com/v1.0/$batch", count: 2))
        let first = try JSONSerialization.jsonObject(with: try #require(transport.requests.first?.body)) as? [String: Any]
        let items = first?["requests"] as? [[String: Any]] ?? []
        #expect(items.count == 20)
        #expect(items.first?["url"] as? String == "/deviceManagement/deviceConfigurations/%7Bconfiguration-id%7D/assignments")
        #expect(items.first?["method"] as? String == "POST")
        for (index, handle) in handles.enumerated() {
            let assignment = try created.value(handle)
            #expect(assignment.id == "a-\(index + 1)")
            guard case .groupAssignmentTarget(let target)? = assignment.target else {
                Issue.record("item \(index + 1): the target did not decode as a group target")
                continue
            }
            #expect(target.groupId == groupIDs[index])
        }
    }
}
