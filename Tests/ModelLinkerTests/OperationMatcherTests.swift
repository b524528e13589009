import DocgenModel
@testable import ModelLinker
import Testing

@Suite("Examples find their operations through the path tree")
struct OperationMatcherTests {
    static func path(_ text: String) -> PathTemplate {
        PathTemplate(segments: text.split(separator: "/").map { part in
            let text = String(part)
            if text.hasPrefix("{") { return PathSegment(kind: .parameter, text: text, parameterName: String(text.dropFirst().dropLast())) }
            if text.hasPrefix("$") { return .keyword(text) }
            return .literal(text)
        })
    }

    static func operation(_ method: String, _ path: String) -> Operation {
        let template = Self.path(path)
        return Operation(id: Operation.identifier(method: method, path: template), method: method, path: template,
                         title: nil, description: nil, permissions: [], requestHeaders: [], requestBody: nil,
                         responseStatus: nil, responseBody: nil, location: SourceLocation(path: "a.md", line: 1, column: 1))
    }

    @Test("the same operations, in the same order, as comparing the path with every template")
    func sameAsComparingEach() {
        let operations = [
            Self.operation("GET", "/users/{id}"),
            Self.operation("GET", "/users/{id}/manager"),
            Self.operation("PATCH", "/users/{user-id}"),
            Self.operation("GET", "/users/delta()"),
            Self.operation("GET", "/Users/{id}/photo/$value"),
            Self.operation("GET", "/users/{id}/{property}"),
            Self.operation("GET", "/me"),
            Self.operation("POST", "/{parent}/children"),
            Self.operation("GET", "/groups/{id}/members/$ref"),
            Self.operation("GET", "/"),
        ]
        let matcher = OperationMatcher(operations)
        let examples = ["/users/42", "/USERS/42", "/users/delta()", "/users/42/manager", "/users/42/photo/$VALUE",
                        "/users/{id}/manager", "/me", "/ME/children", "/groups/1/members/$ref", "/groups/1/members",
                        "/", "/unknown", "/users", "/users/1/2/3/4"]
        for example in examples {
            let path = Self.path(example)
            let expected = operations.filter { VersionLinker.matches(path, $0.path) }
            #expect(matcher.operations(matching: path).map(\.id) == expected.map(\.id), "\(example)")
        }
        #expect(matcher.operations(matching: Self.path("/users/42")).map(\.id) == ["GET /users/{}", "PATCH /users/{}"])
    }
}
