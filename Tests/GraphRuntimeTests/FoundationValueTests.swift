import Foundation
import GraphRuntime
import Testing

@Suite("Foundation types as property types (docgen.json typeOverrides)")
struct FoundationValueTests {
    @Test("Date reads Graph's DateTimeOffset texts, with zones and up to seven fraction digits, and writes UTC ISO 8601")
    func dates() throws {
        let noon = try #require(Date(graphJSON: .string("2021-07-01T12:30:00Z")))
        #expect(noon.timeIntervalSince1970 == 1_625_142_600)
        #expect(Date(graphJSON: .string("2021-07-01T14:30:00+02:00")) == noon)
        let fraction = try #require(Date(graphJSON: .string("2021-07-01T12:30:00.1234567Z")))
        #expect(abs(fraction.timeIntervalSince(noon) - 0.123) < 0.000_5)
        #expect(noon.graphJSON == .string("2021-07-01T12:30:00Z"))
        #expect(fraction.graphJSON == .string("2021-07-01T12:30:00.123Z"))
        #expect(Date(graphJSON: fraction.graphJSON) == fraction)
        for bad: JSONValue in [.string("2021-07-01"), .string("yesterday"), .string("2021-07-01T12:30:00.Z"), .integer(5), .null] {
            #expect(Date(graphJSON: bad) == nil, "\(bad)")
        }
    }

    @Test("UUID reads a GUID in any case and writes it in lower case")
    func uuids() throws {
        let text = "0B6A2C3E-1F2D-4C5B-8A9E-0123456789AB"
        let uuid = try #require(UUID(graphJSON: .string(text)))
        #expect(uuid.graphJSON == .string(text.lowercased()))
        #expect(UUID(graphJSON: .string("not-a-guid")) == nil)
        #expect(UUID(graphJSON: .bool(true)) == nil)
    }
}
