/// A value stored out of line, for properties that would make a generated struct contain itself
/// (`drive.list.drive`): Swift structs cannot, so docgen types those properties `Indirect<T>?`. It encodes
/// and decodes exactly as the wrapped value.
public indirect enum Indirect<Value> {
    case value(Value)

    public init(_ value: Value) { self = .value(value) }

    /// The wrapped value.
    public var value: Value {
        get { switch self { case .value(let value): value } }
        set { self = .value(newValue) }
    }
}

extension Indirect: Equatable where Value: Equatable {}
extension Indirect: Hashable where Value: Hashable {}
extension Indirect: Sendable where Value: Sendable {}

extension Indirect: Codable where Value: Codable {
    public init(from decoder: any Decoder) throws {
        self = .value(try Value(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}
