import Foundation

/// What docgen generates once per API version module (GraphV1, GraphBeta, …) for the golden tests.
/// Sendable so that a list of module metatypes (`[any GeneratedAPIModule.Type]`) can be a global constant.
public protocol GeneratedAPIModule: Sendable {
    /// The Graph version the module was generated for: "v1.0", "beta".
    static var apiVersion: String { get }

    /// Decodes `json` as the generated type for the OData type `typeName` (looked up with
    /// `ODataType.lookupKey`), or as an array of it when `isCollection`, and encodes it again.
    /// Throws `GeneratedTypeLookupError.unknownType(typeName)` for a name the module does not have.
    static func roundTrip(typeName: String, isCollection: Bool, json: Data) throws -> Data

    /// Every operation the module can send, one per documented HTTP request.
    static var operations: [GeneratedOperation] { get }
}

extension GeneratedAPIModule {
    /// The operation whose `id` is `id`, if any.
    public static func operation(id: String) -> GeneratedOperation? {
        operations.first { $0.id == id }
    }
}

/// Thrown by `GeneratedAPIModule.roundTrip` for a type name the module does not define.
public struct GeneratedTypeLookupError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why the lookup failed.
    public enum Kind: Hashable, Sendable {
        /// No generated type has this OData type name.
        case unknownType(String)
    }

    /// Why the lookup failed.
    public var kind: Kind

    /// An error of `kind`.
    public init(kind: Kind) { self.kind = kind }

    /// No generated type has the OData type name `typeName`.
    public static func unknownType(_ typeName: String) -> GeneratedTypeLookupError {
        GeneratedTypeLookupError(kind: .unknownType(typeName))
    }

    /// The type name that was looked up.
    public var typeName: String {
        switch kind {
        case .unknownType(let name): return name
        }
    }

    /// "unknown OData type 'name'".
    public var description: String {
        switch kind {
        case .unknownType(let name): return "unknown OData type '\(name)'"
        }
    }
}

/// One generated API operation, callable without knowing its Swift signature.
public struct GeneratedOperation: Sendable {
    /// Method and path template with each parameter as "{}": "POST /deviceManagement/deviceConfigurations/{}/assignments".
    public let id: String
    /// Sends the operation through `client`, filling the path's "{}" with `pathValues` in order and sending
    /// `body` (JSON, decoded as the operation's request type) when the operation takes one.
    public let invoke: @Sendable (_ client: GraphClient, _ pathValues: [String], _ body: Data?) async throws -> Void

    /// An operation named `id` that runs `invoke`.
    public init(id: String, invoke: @escaping @Sendable (GraphClient, [String], Data?) async throws -> Void) {
        self.id = id
        self.invoke = invoke
    }
}

/// The decode -> encode step behind `GeneratedAPIModule.roundTrip`.
public enum GeneratedRoundTrip {
    /// Decodes `json` as `T` with JSONDecoder and encodes the result with JSONEncoder
    /// (keys sorted and slashes unescaped, so the output is deterministic and readable).
    public static func roundTrip<T: Codable>(_ type: T.Type, json: Data) throws -> Data {
        let value = try JSONDecoder().decode(T.self, from: json)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
