import Foundation
import GraphRuntime
import Testing

@Suite("Indirect")
struct IndirectTests {
    struct Node: Codable, Hashable, Sendable {
        var name: String
        var parent: Indirect<Node>?
    }

    @Test("an Indirect value encodes and decodes exactly as the value it wraps")
    func codesAsWrappedValue() throws {
        let json = Data(#"{"name":"child","parent":{"name":"root"}}"#.utf8)
        let node = try JSONDecoder().decode(Node.self, from: json)
        #expect(node.parent?.value.name == "root")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(node), as: UTF8.self) == #"{"name":"child","parent":{"name":"root"}}"#)
    }

    @Test("an Indirect value can be read and replaced through value")
    func valueAccess() {
        var box = Indirect(1)
        box.value = 2
        #expect(box == Indirect(2))
    }
}
