import Foundation
/// The declaration of `public func name(` in `text` joined onto one line, up to its `{`: parameters printed one
/// per line read as `public func get(_ query: Q = Q(), headers: H = H()) async throws -> T {`.
func signature(_ text: String, _ name: String) -> String? {
    let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    guard let start = lines.firstIndex(where: { $0.hasPrefix("public func \(name)(") }) else { return nil }
    var joined = ""
    for line in lines[start...] {
        joined += joined.isEmpty || joined.hasSuffix("(") || line.hasPrefix(")") ? line : " " + line
        if line.hasSuffix("{") { break }
    }
    return joined
}

/// The parameters every operation function ends with when its page documents no query option.
let noOptions = "_ query: GraphRuntime.GraphCustomQuery = GraphRuntime.GraphCustomQuery(), headers: GraphRuntime.GraphHeaders = GraphRuntime.GraphHeaders()"
