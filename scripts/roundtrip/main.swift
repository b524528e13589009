// Round-trips every JSON example body of a docs tree through the client docgen generated for it, and reports
// each as lossless, lossy (with the JSON path and the reason) or not decodable. Built and run by
// scripts/intune-client.sh inside its scratch package; reads the model that `docgen model` printed.
//
//   RoundTrip MODEL.json
import DocgenModel
import Foundation
import GeneratedCatalog
import GraphRuntime
import JSONText

let arguments = CommandLine.arguments
guard arguments.count == 2, let data = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: RoundTrip MODEL.json\n".utf8))
    exit(2)
}
let model = try JSONDecoder().decode(APIModel.self, from: data)

var lossless = 0
var lossy: [String] = []
var undecodable: [String] = []
var untyped = 0
for version in model.versions {
    guard let module = GeneratedModules.all.first(where: { $0.apiVersion == version.name }) else { continue }
    for linked in version.examples {
        let bodies: [(ExampleBody?, TypeReference?, String)] = [
            (linked.example.request?.body, linked.requestBodyType, "request"),
            (linked.example.response?.body, linked.responseBodyType, "response"),
        ]
        for (body, type, role) in bodies {
            guard let body, let json = body.json else { continue }
            guard let type else {
                untyped += 1
                continue
            }
            let input = Data(JSONWriter.write(json).utf8)
            do {
                let output = try module.roundTrip(typeName: type.name, isCollection: type.isCollection, json: input)
                guard let reread = JSONReader.read(String(decoding: output, as: UTF8.self)).value else {
                    undecodable.append("\(body.location): \(role) as \(type.displayName): wrote invalid JSON")
                    continue
                }
                let differences = JSONComparison.differences(expected: json, actual: reread)
                if differences.isEmpty {
                    lossless += 1
                } else {
                    let report = differences.prefix(3).map(\.description).joined(separator: "; ")
                    lossy.append("\(body.location): \(role) as \(type.displayName): \(report)")
                }
            } catch {
                undecodable.append("\(body.location): \(role) as \(type.displayName): \(String(describing: error).prefix(300))")
            }
        }
    }
}
for line in lossy.sorted() { print("lossy: \(line)") }
for line in undecodable.sorted() { print("not decodable: \(line)") }
print("round trip: \(lossless) lossless, \(lossy.count) lossy, \(undecodable.count) not decodable, \(untyped) without a known type")
