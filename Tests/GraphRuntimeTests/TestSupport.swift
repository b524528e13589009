import Foundation
import GraphRuntime

/// UTF-8 bytes of `text`.
func bytes(_ text: String) -> Data { Data(text.utf8) }

/// `data` parsed as JSON, for order-independent comparison of encoder output.
func parsed(_ data: Data) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: data)
}

/// `data` as text.
func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

/// Non-overlapping occurrences of `needle` in `haystack`.
func occurrences(of needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}

/// A hand-written model in exactly the style docgen generates.
struct Widget: Codable, Hashable, Sendable {
    var id: String?
    var displayName: String?
    var size: Int32?
    var additionalData: [String: JSONValue]

    init(id: String? = nil, displayName: String? = nil, size: Int32? = nil, additionalData: [String: JSONValue] = [:]) {
        self.id = id
        self.displayName = displayName
        self.size = size
        self.additionalData = additionalData
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case displayName
        case size
        static let wireNames: Set<String> = Set(allCases.map(\.rawValue))
    }

    public init(from decoder: any Swift.Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decodeIfPresent(Swift.String.self, forKey: .id)
        self.displayName = try container.decodeIfPresent(Swift.String.self, forKey: .displayName)
        self.size = try container.decodeIfPresent(Swift.Int32.self, forKey: .size)
        self.additionalData = try GraphRuntime.AdditionalData.decode(from: decoder, knownKeys: CodingKeys.wireNames)
    }

    public func encode(to encoder: any Swift.Encoder) throws {
        try GraphRuntime.AdditionalData.encode(self.additionalData, to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(self.id, forKey: .id)
        try container.encodeIfPresent(self.displayName, forKey: .displayName)
        try container.encodeIfPresent(self.size, forKey: .size)
    }
}
