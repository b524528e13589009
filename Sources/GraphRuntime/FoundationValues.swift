import Foundation

// Foundation types that docgen.json's `typeOverrides` may name for a primitive (`DateTimeOffset` ->
// `Foundation.Date`, `Guid` -> `Foundation.UUID`): the JSON-backed generated structs read and write their
// properties through `JSONRepresentable`, so an override type must conform to it. Any other type can, by an
// extension in the app.

extension Date: JSONRepresentable {
    /// An ISO 8601 date and time with a time zone, as Graph writes a `DateTimeOffset`
    /// (`2021-07-01T12:30:00Z`, `2021-07-01T12:30:00.1234567+02:00`); nil for anything else. Digits of the
    /// second past the millisecond are read as far as `Date` keeps them.
    public init?(graphJSON: JSONValue) {
        guard case .string(let text) = graphJSON, let date = Date.parseGraphDateTime(text) else { return nil }
        self = date
    }

    /// The date in UTC, ISO 8601, with milliseconds when it has a fraction of a second.
    public var graphJSON: JSONValue {
        let hasFraction = timeIntervalSinceReferenceDate.rounded(.down) != timeIntervalSinceReferenceDate
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: hasFraction, timeZone: TimeZone(identifier: "UTC")!)
        return .string(formatted(style))
    }

    static func parseGraphDateTime(_ text: String) -> Date? {
        // ISO8601FormatStyle reads at most a few fraction digits: cut the fraction to milliseconds first.
        var normalized = text
        if let dot = text.firstIndex(of: "."), let zoneStart = text[dot...].firstIndex(where: { !$0.isNumber && $0 != "." }) {
            let digits = text[text.index(after: dot)..<zoneStart]
            guard !digits.isEmpty else { return nil }
            normalized = String(text[..<dot]) + "." + String((digits + "000").prefix(3)) + String(text[zoneStart...])
        }
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let withoutFraction = Date.ISO8601FormatStyle()
        return (try? withFraction.parse(normalized)) ?? (try? withoutFraction.parse(normalized))
    }
}

extension UUID: JSONRepresentable {
    /// A GUID as Graph writes it (`"0b6a2c3e-…"`, any case); nil for anything else.
    public init?(graphJSON: JSONValue) {
        guard case .string(let text) = graphJSON, let uuid = UUID(uuidString: text) else { return nil }
        self = uuid
    }

    /// The GUID in lower case, as Graph writes it.
    public var graphJSON: JSONValue { .string(uuidString.lowercased()) }
}
