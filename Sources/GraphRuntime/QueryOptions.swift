import Foundation
import HTTPTypes

// The options a generated operation takes: OData query options typed by the response's properties, request
// headers, and the call value (`GraphCall`) that sends the request and decodes its response in the way its
// page documents. One generic value per concept, so that generated operations stay one short function each.

/// A name of a property for `$select`, `$expand` and `$orderby`, when the response has no generated type
/// (untyped JSON, a primitive): any wire name.
public struct GraphPropertyName: CodingKey, Hashable, Sendable, ExpressibleByStringLiteral {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
    public init(stringLiteral value: String) { self.stringValue = value }
}

/// What every query value gives the request: its items, in a fixed order.
public protocol GraphQueryOptions: Sendable {
    /// The query items to send, unencoded.
    var queryItems: [URLQueryItem] { get }
}

/// `$orderby` by one property, ascending or descending.
public struct GraphOrder<Property: CodingKey>: Sendable, Hashable {
    /// The wire name, and ` desc` when descending.
    public let text: String

    /// Ascending by `property`.
    public static func ascending(_ property: Property) -> GraphOrder { GraphOrder(text: property.stringValue) }
    /// Descending by `property`.
    public static func descending(_ property: Property) -> GraphOrder { GraphOrder(text: property.stringValue + " desc") }
    /// By a name the generated type does not declare (`"manager/displayName desc"`), sent as written.
    public static func named(_ text: String) -> GraphOrder { GraphOrder(text: text) }
}

/// The OData system query options of a collection (and of any operation whose page documents more than
/// `$select` and `$expand`): `$select`, `$expand` and `$orderby` name properties of `Property` (a generated
/// type's `CodingKeys`, so the compiler checks them), `$filter` and `$search` are text, `$top` and `$skip`
/// integers, `$count` a flag. `adding(_:_:)` sends any other item, and `selecting(named:)` /
/// `expanding(named:)` names the docs omit.
public struct GraphQuery<Property: CodingKey>: GraphQueryOptions, Hashable {
    /// `$select`: wire names.
    public var select: [String]
    /// `$expand`: wire names, possibly with nested options (`manager($select=id)`).
    public var expand: [String]
    /// `$filter`.
    public var filter: String?
    /// `$search` (Graph wants the value in double quotes: `"displayName:bob"`).
    public var search: String?
    /// `$orderby`.
    public var orderBy: [GraphOrder<Property>]
    /// `$top`.
    public var top: Int?
    /// `$skip`.
    public var skip: Int?
    /// `$count`.
    public var count: Bool?
    /// Any other query items, sent after the system options, in order.
    public var additionalItems: [URLQueryItem]

    /// Options with the given values; none set sends no query.
    public init(
        select: [Property] = [], expand: [Property] = [], filter: String? = nil, search: String? = nil,
        orderBy: [GraphOrder<Property>] = [], top: Int? = nil, skip: Int? = nil, count: Bool? = nil,
        additionalItems: [URLQueryItem] = []
    ) {
        self.select = select.map(\.stringValue)
        self.expand = expand.map(\.stringValue)
        self.filter = filter
        self.search = search
        self.orderBy = orderBy
        self.top = top
        self.skip = skip
        self.count = count
        self.additionalItems = additionalItems
    }

    /// Also selects properties by wire name (for names the docs omit).
    public func selecting(named names: String...) -> Self { var copy = self; copy.select += names; return copy }
    /// Also expands by wire name or expression (`manager($select=id)`).
    public func expanding(named names: String...) -> Self { var copy = self; copy.expand += names; return copy }
    /// Also sends the item `name=value` (`value` nil: the name alone).
    public func adding(_ name: String, _ value: String?) -> Self { var copy = self; copy.additionalItems.append(URLQueryItem(name: name, value: value)); return copy }

    public var queryItems: [URLQueryItem] {
        var items: [URLQueryItem] = []
        if !select.isEmpty { items.append(URLQueryItem(name: "$select", value: select.joined(separator: ","))) }
        if !expand.isEmpty { items.append(URLQueryItem(name: "$expand", value: expand.joined(separator: ","))) }
        if let filter { items.append(URLQueryItem(name: "$filter", value: filter)) }
        if let search { items.append(URLQueryItem(name: "$search", value: search)) }
        if !orderBy.isEmpty { items.append(URLQueryItem(name: "$orderby", value: orderBy.map(\.text).joined(separator: ","))) }
        if let top { items.append(URLQueryItem(name: "$top", value: String(top))) }
        if let skip { items.append(URLQueryItem(name: "$skip", value: String(skip))) }
        if let count { items.append(URLQueryItem(name: "$count", value: count ? "true" : "false")) }
        return items + additionalItems
    }

    /// Options read from query items as a URL carries them (`$select=a,b`, `$top=5`; names with or without
    /// `$`, in any case); whatever is not a system option, or not of its type, stays an additional item.
    public init(parsing items: [URLQueryItem]) {
        self.init()
        for item in items {
            let value = item.value ?? ""
            switch GraphQueryParsing.systemName(item.name) {
            case "$select": select += GraphQueryParsing.list(value)
            case "$expand": expand += GraphQueryParsing.list(value)
            case "$filter" where filter == nil: filter = value
            case "$search" where search == nil: search = value
            case "$orderby": orderBy += GraphQueryParsing.list(value).map { GraphOrder.named($0) }
            case "$top" where top == nil && Int(value) != nil: top = Int(value)
            case "$skip" where skip == nil && Int(value) != nil: skip = Int(value)
            case "$count" where count == nil && (value == "true" || value == "false"): count = value == "true"
            default: additionalItems.append(item)
            }
        }
    }
}

/// The query options of one item: `$select` and `$expand` (names of `Property`), plus any other item.
public struct GraphSelectQuery<Property: CodingKey>: GraphQueryOptions, Hashable {
    /// `$select`: wire names.
    public var select: [String]
    /// `$expand`: wire names or expressions.
    public var expand: [String]
    /// Any other query items, sent after `$select` and `$expand`, in order.
    public var additionalItems: [URLQueryItem]

    /// Options with the given values; none set sends no query.
    public init(select: [Property] = [], expand: [Property] = [], additionalItems: [URLQueryItem] = []) {
        self.select = select.map(\.stringValue)
        self.expand = expand.map(\.stringValue)
        self.additionalItems = additionalItems
    }

    /// Also selects properties by wire name (for names the docs omit).
    public func selecting(named names: String...) -> Self { var copy = self; copy.select += names; return copy }
    /// Also expands by wire name or expression.
    public func expanding(named names: String...) -> Self { var copy = self; copy.expand += names; return copy }
    /// Also sends the item `name=value`.
    public func adding(_ name: String, _ value: String?) -> Self { var copy = self; copy.additionalItems.append(URLQueryItem(name: name, value: value)); return copy }

    public var queryItems: [URLQueryItem] {
        var items: [URLQueryItem] = []
        if !select.isEmpty { items.append(URLQueryItem(name: "$select", value: select.joined(separator: ","))) }
        if !expand.isEmpty { items.append(URLQueryItem(name: "$expand", value: expand.joined(separator: ","))) }
        return items + additionalItems
    }

    /// Options read from query items (see `GraphQuery.init(parsing:)`).
    public init(parsing items: [URLQueryItem]) {
        self.init()
        for item in items {
            switch GraphQueryParsing.systemName(item.name) {
            case "$select": select += GraphQueryParsing.list(item.value ?? "")
            case "$expand": expand += GraphQueryParsing.list(item.value ?? "")
            default: additionalItems.append(item)
            }
        }
    }
}

/// The query of an operation whose page documents no OData option: only items added by the caller.
public struct GraphCustomQuery: GraphQueryOptions, Hashable {
    /// Sent in order.
    public var additionalItems: [URLQueryItem]

    /// A query of `additionalItems`.
    public init(additionalItems: [URLQueryItem] = []) { self.additionalItems = additionalItems }
    /// Also sends the item `name=value`.
    public func adding(_ name: String, _ value: String?) -> Self { var copy = self; copy.additionalItems.append(URLQueryItem(name: name, value: value)); return copy }
    public var queryItems: [URLQueryItem] { additionalItems }
    /// The items as they are.
    public init(parsing items: [URLQueryItem]) { self.additionalItems = items }
}

enum GraphQueryParsing {
    /// `$Select`, `select` -> `$select`; other names unchanged.
    static func systemName(_ name: String) -> String {
        let lowered = (name.hasPrefix("$") ? String(name.dropFirst()) : name).lowercased()
        return ["select", "expand", "filter", "search", "orderby", "top", "skip", "count"].contains(lowered) ? "$" + lowered : name
    }

    /// `a,b(c,d),e` -> ["a", "b(c,d)", "e"]: commas inside parentheses or quotes do not split.
    static func list(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var inQuote = false
        for character in text {
            if character == "'" { inQuote.toggle() }
            if !inQuote, character == "(" { depth += 1 }
            if !inQuote, character == ")" { depth = max(0, depth - 1) }
            if character == ",", depth == 0, !inQuote {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty || !parts.isEmpty { parts.append(last) }
        return parts
    }
}

// MARK: Headers

/// `ConsistencyLevel` values: `eventual` (required by `$count` and `$search` on directory objects).
public struct GraphConsistencyLevel: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    /// `eventual`.
    public static let eventual = GraphConsistencyLevel(rawValue: "eventual")
}

/// One `Prefer` preference.
public struct GraphPreference: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    /// `return=minimal`: no body in the answer to a create or update.
    public static let returnMinimal = GraphPreference(rawValue: "return=minimal")
    /// `return=representation`: the created or updated entity in the answer.
    public static let returnRepresentation = GraphPreference(rawValue: "return=representation")
    /// `respond-async`.
    public static let respondAsync = GraphPreference(rawValue: "respond-async")
    /// `odata.maxpagesize=n`.
    public static func maxPageSize(_ size: Int) -> GraphPreference { GraphPreference(rawValue: "odata.maxpagesize=\(size)") }
    /// `outlook.timezone="name"`.
    public static func outlookTimeZone(_ name: String) -> GraphPreference { GraphPreference(rawValue: "outlook.timezone=\"\(name)\"") }
    /// `outlook.body-content-type="text"` or `"html"`.
    public static func outlookBodyContentType(_ type: String) -> GraphPreference { GraphPreference(rawValue: "outlook.body-content-type=\"\(type)\"") }
}

/// Request headers of one call: the ones Graph's pages document, typed, and any other field.
public struct GraphHeaders: Sendable, Hashable {
    /// `ConsistencyLevel`.
    public var consistencyLevel: GraphConsistencyLevel?
    /// `Prefer`, one field value joined with ", ".
    public var prefer: [GraphPreference]
    /// `If-Match` (an ETag, or `*`).
    public var ifMatch: String?
    /// `If-None-Match`.
    public var ifNoneMatch: String?
    /// Any other fields, sent after the typed ones.
    public var additionalFields: HTTPFields

    /// Headers with the given values; none set sends none.
    public init(
        consistencyLevel: GraphConsistencyLevel? = nil, prefer: [GraphPreference] = [], ifMatch: String? = nil,
        ifNoneMatch: String? = nil, additionalFields: HTTPFields = [:]
    ) {
        self.consistencyLevel = consistencyLevel
        self.prefer = prefer
        self.ifMatch = ifMatch
        self.ifNoneMatch = ifNoneMatch
        self.additionalFields = additionalFields
    }

    /// Also sends `name: value`; a name that is not a valid field name is ignored.
    public func adding(_ name: String, _ value: String) -> Self {
        var copy = self
        if let field = HTTPField.Name(name) { copy.additionalFields.append(HTTPField(name: field, value: value)) }
        return copy
    }

    /// The fields to send.
    public var fields: HTTPFields {
        var fields = HTTPFields()
        if let consistencyLevel, let name = HTTPField.Name("ConsistencyLevel") { fields.append(HTTPField(name: name, value: consistencyLevel.rawValue)) }
        if !prefer.isEmpty, let name = HTTPField.Name("Prefer") { fields.append(HTTPField(name: name, value: prefer.map(\.rawValue).joined(separator: ", "))) }
        if let ifMatch { fields.append(HTTPField(name: .ifMatch, value: ifMatch)) }
        if let ifNoneMatch { fields.append(HTTPField(name: .ifNoneMatch, value: ifNoneMatch)) }
        fields.append(contentsOf: additionalFields)
        return fields
    }

    /// Headers read from name-value pairs as an example shows them (ConsistencyLevel, Prefer, If-Match and
    /// If-None-Match typed, the others kept as they are).
    public init(parsing pairs: [(name: String, value: String)]) {
        self.init()
        for (name, value) in pairs {
            switch name.lowercased() {
            case "consistencylevel": consistencyLevel = GraphConsistencyLevel(rawValue: value)
            case "prefer": prefer += GraphQueryParsing.list(value).map { GraphPreference(rawValue: $0) }
            case "if-match": ifMatch = value
            case "if-none-match": ifNoneMatch = value
            default: self = adding(name, value)
            }
        }
    }
}

// MARK: Calls

/// No body: what an operation answered with 204 (or without a documented body) returns.
public struct GraphNoContent: Sendable, Hashable {
    public init() {}
}

/// One ready request of a generated operation and how its answer is read: `send()` for the value,
/// `sendWithResponse()` for the value with the status and headers (ETag, Location, request-id), `pages()` and
/// `items()` for every page of a collection (each next page keeps this request's headers and options),
/// `downloadStream()` for bytes as they arrive.
public struct GraphCall<Response: Sendable>: Sendable {
    /// Sends the request.
    public let client: GraphClient
    /// The request as the builder made it; change it before sending to add anything.
    public var request: GraphRequest
    let reading: Reading
    let decode: @Sendable (GraphResponse) throws -> Response

    enum Reading: Sendable {
        /// JSON: sent with `Accept: application/json`.
        case json
        /// Bytes or text: sent without it.
        case bytes
    }

    init(client: GraphClient, request: GraphRequest, reading: Reading, decode: @escaping @Sendable (GraphResponse) throws -> Response) {
        self.client = client
        self.request = request
        self.reading = reading
        self.decode = decode
    }

    /// Sends the request and reads the 2xx answer. Throws `ODataError` for any other status (with what the
    /// server said) and `GraphDecodingError` when the body is not what the page documents.
    public func send() async throws -> Response {
        try await sendWithResponse().value
    }

    /// Sends the request and returns the value with the response it came from.
    public func sendWithResponse() async throws -> GraphResult<Response> {
        let response: GraphResponse
        switch reading {
        case .json:
            response = try await client.send(request)
        case .bytes:
            let download = try await client.downloadStream(request)
            response = GraphResponse(status: download.status, headerFields: download.headerFields, body: try await download.body.collect())
        }
        return GraphResult(value: try decode(response), response: response)
    }

    static func decoded<T: Decodable>(_ type: T.Type, _ response: GraphResponse) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw GraphDecodingError(statusCode: response.status.code, underlying: error, body: response.body)
        }
    }
}

/// `{"value": x}`, the wire form of a primitive or enum result.
struct GraphWrappedValue<Value: Decodable>: Decodable {
    let value: Value
}

extension GraphCall where Response: Decodable {
    /// A call whose 2xx body is JSON of `Response`.
    public static func json(_ client: GraphClient, _ request: GraphRequest) -> GraphCall {
        GraphCall(client: client, request: request, reading: .json) { try decoded(Response.self, $0) }
    }

    /// A call whose 2xx body is `{"value": x}` with `x` a `Response` (primitive and enum results); a body
    /// that is the value itself decodes too.
    public static func wrappedValue(_ client: GraphClient, _ request: GraphRequest) -> GraphCall {
        GraphCall(client: client, request: request, reading: .json) { response in
            if let wrapped = try? JSONDecoder().decode(GraphWrappedValue<Response>.self, from: response.body) { return wrapped.value }
            return try decoded(Response.self, response)
        }
    }
}

extension GraphCall where Response == GraphNoContent {
    /// A call whose answer has no body to read.
    public static func noContent(_ client: GraphClient, _ request: GraphRequest) -> GraphCall {
        GraphCall(client: client, request: request, reading: .json) { _ in GraphNoContent() }
    }
}

extension GraphCall where Response == Data {
    /// A call whose 2xx body is bytes (`$value`, content), sent without `Accept: application/json`.
    public static func bytes(_ client: GraphClient, _ request: GraphRequest) -> GraphCall {
        GraphCall(client: client, request: request, reading: .bytes) { $0.body }
    }

    /// Sends the request and returns once the response head is there; the bytes arrive as they are received,
    /// so content of any size is never held in memory whole.
    public func downloadStream() async throws -> GraphDownload {
        try await client.downloadStream(request)
    }
}

extension GraphCall where Response == Int {
    /// A call to a `$count` segment: the 2xx body is the number as text.
    public static func count(_ client: GraphClient, _ request: GraphRequest) -> GraphCall {
        GraphCall(client: client, request: request, reading: .bytes) { response in
            let text = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let number = Int(text) else {
                throw GraphDecodingError(statusCode: response.status.code, underlying: GraphCountError(text: text), body: response.body)
            }
            return number
        }
    }
}

/// A `$count` answer that is not a number.
public struct GraphCountError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The body as text.
    public var text: String
    public var description: String { "a $count answer is not a number: \(text.prefix(100))" }
}

extension GraphCall {
    /// Every page of the collection, fetched as the sequence is iterated: the first by this request, then each
    /// `@odata.nextLink` with this request's header fields and options (`GraphClient.pages`).
    public func pages<Element>() -> GraphPages<Element> where Response == CollectionPage<Element> {
        client.pages(request, of: Element.self)
    }

    /// Every element of every page, in order, fetched page by page as the sequence is iterated.
    public func items<Element>() -> GraphItems<Element> where Response == CollectionPage<Element> {
        client.items(request, of: Element.self)
    }
}

// MARK: The golden tests' way in

extension GeneratedOperation {
    /// The query items and headers of the example an operation of the catalog is invoked for (the golden
    /// tests set them around `invoke`); the catalog passes them to the builder's typed options.
    @TaskLocal public static var exampleQuery: [URLQueryItem] = []
    /// See `exampleQuery`.
    @TaskLocal public static var exampleHeaders: [GraphExampleHeader] = []
}

/// One request header of an example.
public struct GraphExampleHeader: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Helpers the generated catalog uses to turn an example's text into typed arguments.
public enum GeneratedArguments {
    /// The example's value of a custom query parameter, and the items without it.
    public static func take(_ name: String, from items: inout [URLQueryItem]) -> String? {
        guard let index = items.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else { return nil }
        return items.remove(at: index).value
    }

    /// `text` as a `Value` (`Int32`, `Bool`, `Double`...); throws when it is not one.
    public static func parse<Value: LosslessStringConvertible>(_ text: String, as type: Value.Type) throws -> Value {
        guard let value = Value(text) else { throw GraphTransportError(message: "'\(text)' is not a \(Value.self)") }
        return value
    }

    /// Headers from an example's pairs.
    public static func headers(_ pairs: [GraphExampleHeader]) -> GraphHeaders {
        GraphHeaders(parsing: pairs.map { (name: $0.name, value: $0.value) })
    }
}

// MARK: What generated operations call

extension GraphRequest {
    /// The request of a generated operation: `method` is one docgen read from a page (GET, POST, PUT, PATCH,
    /// DELETE, HEAD, OPTIONS), `queryItems` the operation's parameters and the caller's options.
    public init(verb method: String, pathSegments: [String], queryItems: [URLQueryItem], headers: GraphHeaders, body: GraphRequestBody? = nil) {
        guard let parsed = HTTPRequest.Method(method) else { preconditionFailure("not an HTTP method: \(method)") }
        self.init(method: parsed, pathSegments: pathSegments, queryItems: queryItems, headerFields: headers.fields, body: body)
    }
}

extension GeneratedArguments {
    /// `[name=value]` for a custom query parameter, `[]` when `value` is nil.
    public static func queryItem(_ name: String, _ value: (any CustomStringConvertible & Sendable)?) -> [URLQueryItem] {
        guard let value else { return [] }
        return [URLQueryItem(name: name, value: value.description)]
    }
}

extension GeneratedArguments {
    /// The value of the query item `name` (any case); throws when `items` has none.
    public static func value(_ name: String, in items: [URLQueryItem]) throws -> String {
        guard let value = optionalValue(name, in: items) else { throw GraphTransportError(message: "the example has no query parameter '\(name)'") }
        return value
    }

    /// The value of the query item `name` (any case), nil when `items` has none.
    public static func optionalValue(_ name: String, in items: [URLQueryItem]) -> String? {
        items.first { $0.name.lowercased() == name.lowercased() }.map { $0.value ?? "" }
    }

    /// `items` without those named `names` (any case).
    public static func removing(_ names: [String], from items: [URLQueryItem]) -> [URLQueryItem] {
        let lowered = Set(names.map { $0.lowercased() })
        return items.filter { !lowered.contains($0.name.lowercased()) }
    }

    /// `text` as a `Value`, nil when `text` is nil; throws when it is not one.
    public static func parse<Value: LosslessStringConvertible>(_ text: String?, as type: Value.Type) throws -> Value? {
        guard let text else { return nil }
        return try parse(text, as: type) as Value
    }

    /// An example's upload content: its bytes, as `application/octet-stream`.
    public static func upload(_ body: Data?) -> GraphRequestBody {
        .bytes(body ?? Data(), contentType: "application/octet-stream")
    }
}

/// `{"value": x}`: how Graph sends a primitive or enum result, decoded and encoded.
public struct GraphValueWrapper<Value: Codable>: Codable {
    /// `x`.
    public var value: Value
    public init(value: Value) { self.value = value }
}

/// What a generated module's catalog adds for the golden tests of primitive and enum results.
public protocol GeneratedWrappedValues {
    /// Decodes `json` as `{"value": x}` with x of the documented type `typeName` (a primitive such as
    /// `Boolean`, or an enum) and encodes it again. Throws `GeneratedTypeLookupError` for a type no
    /// operation of the module returns wrapped.
    static func roundTripWrappedValue(typeName: String, json: Data) throws -> Data
}

/// Bytes, as `$value` downloads return them (`Foundation.Data`, named here so that generated files need
/// import only GraphRuntime).
public typealias GraphBytes = Data
