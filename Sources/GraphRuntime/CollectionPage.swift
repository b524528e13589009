import Foundation

/// One page of a Graph collection response: `{"value": [...], "@odata.nextLink": "...", ...}`.
/// Unknown members and explicit nulls are kept in `additionalData`, so decode -> encode loses nothing.
public struct CollectionPage<Element: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    /// The items on this page (`value`).
    public var value: [Element]
    /// `@odata.nextLink`: the absolute URL of the next page, nil on the last page.
    public var nextLink: String?
    /// `@odata.count`, present when `$count=true` was requested.
    public var count: Int64?
    /// `@odata.context`.
    public var context: String?
    /// Every other member, plus known members that were explicitly null.
    public var additionalData: [String: JSONValue]

    /// A page with the given parts.
    public init(
        value: [Element],
        nextLink: String? = nil,
        count: Int64? = nil,
        context: String? = nil,
        additionalData: [String: JSONValue] = [:]
    ) {
        self.value = value
        self.nextLink = nextLink
        self.count = count
        self.context = context
        self.additionalData = additionalData
    }

    /// `@odata.deltaLink` (delta queries, last page), read from `additionalData`.
    public var deltaLink: String? { additionalData["@odata.deltaLink"]?.stringValue }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case value
        case nextLink = "@odata.nextLink"
        case count = "@odata.count"
        case context = "@odata.context"

        static var wireNames: Set<String> { Set(allCases.map(\.rawValue)) }
    }

    /// Decodes the page; a missing or null `value` reads as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.value = try container.decodeIfPresent([Element].self, forKey: .value) ?? []
        self.nextLink = try container.decodeIfPresent(String.self, forKey: .nextLink)
        self.count = try container.decodeIfPresent(Int64.self, forKey: .count)
        self.context = try container.decodeIfPresent(String.self, forKey: .context)
        self.additionalData = try AdditionalData.decode(from: decoder, knownKeys: CodingKeys.wireNames)
    }

    /// Encodes `additionalData` first, then the known members (which win over stored nulls).
    public func encode(to encoder: any Encoder) throws {
        try AdditionalData.encode(additionalData, to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(nextLink, forKey: .nextLink)
        try container.encodeIfPresent(count, forKey: .count)
        try container.encodeIfPresent(context, forKey: .context)
    }
}
