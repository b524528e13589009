import Foundation

extension GeneratedRoundTrip {
    /// Decodes a request body handed to `GeneratedOperation.invoke`; throws when an operation that takes a
    /// body is given none.
    public static func decode<T: Decodable>(_ type: T.Type, from body: Data?) throws -> T {
        guard let body else {
            throw DecodingError.valueNotFound(T.self, DecodingError.Context(codingPath: [], debugDescription: "the operation takes a request body, and none was given"))
        }
        return try JSONDecoder().decode(T.self, from: body)
    }
}
